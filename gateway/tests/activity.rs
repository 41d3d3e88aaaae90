//! The team's Activity in the gateway (SQLite): every write passed on is recorded with who, before →
//! after and the result; a change made straight at iSymphony is recorded as outside the panel; the trail
//! survives a restart, pages and filters (a hostile value too), exports, and outlives a locked file.

mod common;

use std::time::Duration;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

const SET_4201: &str = "/communication_manager/rest/live/coreServers/getByName/default/users/getByName/4201/status/set";

/// `GET /gateway/activity?{query}` as the panel asks it.
async fn activity(office: &Office, cookie: &str, query: &str) -> Value {
    let answer = office
        .get(&format!("/gateway/activity?{query}"), cookie)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()
}

/// The entries once at least `n` match `query` (the writer is a moment behind the answer).
async fn entries(office: &Office, cookie: &str, query: &str, n: usize) -> Vec<Value> {
    for _ in 0..200 {
        let page = activity(office, cookie, query).await;
        let list = page["entries"].as_array().unwrap().clone();
        if list.len() >= n {
            return list;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("fewer than {n} entries for {query:?}");
}

async fn set(office: &Office, cookie: &str, path: &str, body: Value) -> u16 {
    let mut req = office.req(Method::POST, path);
    req.cookie = Some(cookie);
    req.body = Some(body);
    office.send(req).await.status.as_u16()
}

async fn linked(test: &str) -> Office {
    office_keeping(test).await.linked().await
}

#[tokio::test]
async fn a_set_is_recorded_with_who_before_and_after_and_the_trail_survives_a_restart() {
    let mut office = linked("restart").await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let before = office
        .get(SET_4201.trim_end_matches("/set"), &cookie)
        .await
        .json();
    let body = json!({"name": "Lunch", "type": "away", "note": "Back at two", "returnTime": 1_795_505_400_000_i64});
    assert_eq!(set(&office, &cookie, SET_4201, body).await, 204);
    let e = &entries(&office, &cookie, "", 1).await[0];
    assert_eq!(e["by"], "4224");
    assert_eq!(e["byName"], "Steve Summers");
    assert_eq!(e["action"], "status-set");
    assert_eq!(e["target"], "4201");
    assert_eq!(e["coreServer"], "default");
    assert!(
        e["before"]
            .as_str()
            .unwrap()
            .starts_with(before["name"].as_str().unwrap()),
        "before is the status replaced: {e}"
    );
    assert_eq!(
        e["after"],
        "Lunch (Away); note: Back at two; returns 2026-11-24T07:30:00Z"
    );
    assert_eq!(e["result"], "ok");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        entries(&office, &cookie, "", 1).await.len(),
        1,
        "its event is the gateway's own, not an outside change"
    );

    office.restart_gateway().await;
    let cookie = office.signed_in("4211", "4211-secret").await;
    let after_restart = entries(&office, &cookie, "", 1).await;
    assert_eq!(after_restart.len(), 1);
    assert_eq!(
        after_restart[0]["by"], "4224",
        "another supervisor reads the same trail"
    );
}

#[tokio::test]
async fn an_outside_change_is_recorded_with_its_time_and_a_refusal_with_isymphonys_sentence() {
    let office = linked("outside").await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let started = reference_server::now_ms();
    let res = reqwest::Client::new()
        .post(format!(
            "{}rest/live/coreServers/getByName/default/users/getByName/4202/status/set",
            office.server.base_url()
        ))
        .basic_auth("manager", Some("manag3rpa55word"))
        .header("content-type", "application/json")
        .body(json!({"name": "At the desk", "type": "available"}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let e = &entries(&office, &cookie, "action=outside", 1).await[0];
    assert_eq!(e["by"], "");
    assert_eq!(e["target"], "4202");
    assert_eq!(
        e["coreServer"], "default",
        "the event's live id read back as its slug"
    );
    assert_eq!(e["after"], "At the desk (Available)");
    let at = e["at"].as_i64().unwrap();
    assert!(
        at >= started && at <= reference_server::now_ms(),
        "the event's own time"
    );

    let bad = json!({"name": "Lunch", "type": "snack"});
    assert_eq!(set(&office, &cookie, SET_4201, bad).await, 422);
    let e = &entries(&office, &cookie, "action=status-set", 1).await[0];
    assert!(e["result"].as_str().unwrap().starts_with("422: "), "{e}");
    assert_eq!(e["after"], "Lunch (Unknown (snack))");
}

#[tokio::test]
async fn members_added_and_removed_are_recorded_by_name() {
    let office = linked("members").await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let base = format!("/communication_manager/rest/config/core/{DEFAULT_SERVER_ID}");
    let groups = office
        .get(&format!("{base}/userGroups"), &cookie)
        .await
        .json();
    let sales = groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["displayName"] == "Sales")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let users = office.get(&format!("{base}/users"), &cookie).await.json();
    let olivia = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "4201")
        .unwrap()
        .clone();
    let members = format!("{base}/userGroups/{sales}/users");
    assert_eq!(set(&office, &cookie, &members, olivia.clone()).await, 204);
    let mut remove = office.req(
        Method::DELETE,
        &format!("{members}/{}", olivia["id"].as_str().unwrap()),
    );
    remove.cookie = Some(&cookie);
    assert_eq!(office.send(remove).await.status, 204);
    let list = entries(&office, &cookie, "", 2).await;
    let (removed, added) = (&list[0], &list[1]);
    assert_eq!(added["action"], "member-added");
    assert_eq!(added["target"], "4201 in Sales");
    assert_eq!(
        (&added["before"], &added["after"]),
        (&json!("not in Sales"), &json!("member of Sales"))
    );
    assert_eq!(removed["action"], "member-removed");
    assert_eq!(removed["target"], "4201 in Sales");
    assert_eq!(removed["after"], "not in Sales");
}

#[tokio::test]
async fn pages_filters_and_exports_cover_the_trail_and_a_hostile_filter_is_only_data() {
    let office = linked("paging").await;
    let a = office.signed_in("4224", "4224-secret").await;
    let b = office.signed_in("4211", "4211-secret").await;
    for i in 0..13 {
        let who = if i % 2 == 0 { &a } else { &b };
        assert_eq!(
            office
                .set_status(who, "4203", &format!("Set {i}"))
                .await
                .status,
            204
        );
    }
    entries(&office, &a, "", 13).await;
    let mut seen = Vec::new();
    let mut query = "limit=5".to_owned();
    loop {
        let page = activity(&office, &a, &query).await;
        seen.extend(
            page["entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["after"].clone()),
        );
        match page["next"].as_i64() {
            Some(next) => query = format!("limit=5&before={next}"),
            None => break,
        }
    }
    let expected: Vec<Value> = (0..13)
        .rev()
        .map(|i| json!(format!("Set {i} (Do not disturb)")))
        .collect();
    assert_eq!(seen, expected, "every entry once, newest first");
    assert_eq!(entries(&office, &a, "by=4211", 6).await.len(), 6);
    assert!(
        activity(&office, &a, "target=4203&by=4224").await["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["by"] == "4224")
    );
    let hostile = "target=%27%3B%20DROP%20TABLE%20activity%3B%20--&by=x%27%20OR%20%271%27%3D%271";
    assert!(activity(&office, &a, hostile).await["entries"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        entries(&office, &a, "", 13).await.len(),
        13,
        "the table is still there"
    );
    let unknown = office.get("/gateway/activity?user=1", &a).await;
    assert_eq!(
        unknown.status, 400,
        "an unknown filter is named, not ignored"
    );

    let csv = office.get("/gateway/activity?format=csv&by=4224", &a).await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("activity.csv"));
    let lines: Vec<&str> = csv.text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "time,by,core server,action,target,before,after,result"
    );
    assert_eq!(lines.len(), 1 + 7);
    let all = office
        .get("/gateway/activity?format=json-all", &a)
        .await
        .json();
    assert_eq!(all.as_array().unwrap().len(), 13);
}

#[tokio::test]
async fn the_activity_needs_a_session_and_the_panels_origin() {
    let office = linked("refusals").await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let mut none = office.req(Method::GET, "/gateway/activity");
    none.origin = None;
    assert_eq!(office.send(none).await.status, 401);
    let mut forged = office.req(Method::GET, "/gateway/activity");
    forged.cookie = Some("panel_session=0123456789abcdef0123456789abcdef");
    assert_eq!(office.send(forged).await.status, 401);
    for path in [
        format!("/gateway/since?coreServer={DEFAULT_SERVER_ID}"),
        format!("/gateway/history?coreServer={DEFAULT_SERVER_ID}&user=4201&from=0"),
    ] {
        let mut none = office.req(Method::GET, &path);
        none.origin = None;
        assert_eq!(office.send(none).await.status, 401, "{path}");
        let mut foreign = office.req(Method::GET, &path);
        foreign.cookie = Some(&cookie);
        foreign.origin = Some("https://evil.example".into());
        assert_eq!(office.send(foreign).await.status, 403, "{path}");
    }
    let mut foreign = office.req(Method::GET, "/gateway/activity?format=csv");
    foreign.cookie = Some(&cookie);
    foreign.origin = Some("https://evil.example".into());
    assert_eq!(office.send(foreign).await.status, 403);
    let without = default_office().await;
    let cookie = without.signed_in("4224", "4224-secret").await;
    assert_eq!(
        without.get("/gateway/activity", &cookie).await.status,
        404,
        "no [store]: said so"
    );
}

#[tokio::test]
async fn a_locked_file_degrades_health_requests_still_pass_and_nothing_is_lost() {
    let office = linked("locked").await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let path = office.config.store.as_ref().unwrap().path.clone();
    let lock = rusqlite::Connection::open(&path).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    assert_eq!(
        office
            .set_status(&cookie, "4204", "While locked")
            .await
            .status,
        204
    );
    let health = || async {
        let mut req = office.req(Method::GET, "/gateway/health");
        req.origin = None;
        office.send(req).await.json()
    };
    let mut degraded = Value::Null;
    for _ in 0..100 {
        degraded = health().await;
        if degraded["status"] == "degraded" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(degraded["status"], "degraded", "{degraded}");
    assert!(
        degraded["store"]["problem"]
            .as_str()
            .unwrap()
            .contains("locked"),
        "{degraded}"
    );
    // The Activity's record, and the history's event of the same change.
    assert!(
        degraded["store"]["queued"].as_u64().unwrap() >= 1,
        "{degraded}"
    );
    lock.execute_batch("COMMIT").unwrap();
    drop(lock);
    let e = &entries(&office, &cookie, "", 1).await[0];
    assert_eq!(e["after"], "While locked (Do not disturb)");
    assert_eq!(health().await["status"], "ok");
}

#[tokio::test]
async fn retention_prunes_what_is_older_and_keeps_the_rest() {
    let path = fresh_file("retention");
    let store = gateway::store::Store::open(&path, Duration::from_secs(24 * 3600)).unwrap();
    let now = reference_server::now_ms();
    for (at, target) in [(now - 3 * 86_400_000, "old"), (now - 60_000, "recent")] {
        store.record(gateway::store::Record {
            at,
            by: "4224".into(),
            by_name: "Steve Summers".into(),
            core_server: "default".into(),
            action: "status-set".into(),
            target: target.into(),
            before: String::new(),
            after: String::new(),
            result: "ok".into(),
        });
    }
    assert!(store.flushed(Duration::from_secs(5)).await);
    store.prune();
    assert!(store.flushed(Duration::from_secs(5)).await);
    let page = store
        .activity(gateway::store::Query::default())
        .await
        .unwrap();
    let left: Vec<&str> = page
        .entries
        .iter()
        .map(|e| e.record.target.as_str())
        .collect();
    assert_eq!(left, ["recent"]);
}

#[tokio::test]
async fn each_users_since_is_their_latest_change_and_a_day_reads_back_in_order() {
    let office = linked("history").await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let started = reference_server::now_ms();
    assert_eq!(
        office.set_status(&cookie, "4205", "First").await.status,
        204
    );
    assert_eq!(
        office.set_status(&cookie, "4205", "Second").await.status,
        204
    );
    let since = |server: &str| {
        let path = format!("/gateway/since?coreServer={server}");
        let office = &office;
        let cookie = &cookie;
        async move { office.get(&path, cookie).await }
    };
    let mut answer = Value::Null;
    for _ in 0..100 {
        answer = since(DEFAULT_SERVER_ID).await.json();
        if answer["users"]["4205"]["name"] == "Second" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let user = &answer["users"]["4205"];
    assert_eq!(user["name"], "Second", "{answer}");
    assert_eq!(user["type"], "dnd");
    assert!(user["at"].as_i64().unwrap() >= started);
    assert!(answer["recordingSince"].as_i64().unwrap() <= started);
    assert_eq!(
        since("default").await.json()["users"]["4205"]["name"],
        "Second",
        "by slug too"
    );
    assert!(since("no-such-server").await.json()["users"]
        .as_object()
        .unwrap()
        .is_empty());

    let day = office
        .get(
            &format!("/gateway/history?coreServer={DEFAULT_SERVER_ID}&user=4205&from={started}"),
            &cookie,
        )
        .await
        .json();
    let names: Vec<&str> = day["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "userStatus")
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["First", "Second"]);
    let missing = office
        .get("/gateway/history?coreServer=x&user=4205", &cookie)
        .await;
    assert_eq!(
        missing.status, 400,
        "the day's start is required: {}",
        missing.text
    );
}

#[tokio::test]
async fn an_operator_backs_up_exports_and_forgets_one_user_from_the_command_line() {
    let office = linked("operator").await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    assert_eq!(
        office
            .set_status(&cookie, "4206", "To be forgotten")
            .await
            .status,
        204
    );
    assert_eq!(
        office
            .set_status(&cookie, "4207", "To be kept")
            .await
            .status,
        204
    );
    entries(&office, &cookie, "", 2).await;
    let since_path = format!("/gateway/since?coreServer={DEFAULT_SERVER_ID}");
    for _ in 0..100 {
        let since = office.get(&since_path, &cookie).await.json();
        if since["users"].get("4206").is_some() && since["users"].get("4207").is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let db = office.config.store.as_ref().unwrap().path.clone();
    let config = db.with_extension("toml");
    std::fs::write(
        &config,
        format!(
            "public_origin = \"https://pbx.example.com\"\n[upstream]\nurl = \"{}\"\n[sign_in]\ngroups = [\"Supervisors\"]\n\
             [service_account]\nusername = \"manager\"\npassword = \"x\"\n[store]\npath = {:?}\n",
            office.server.base_url(),
            db.display().to_string()
        ),
    )
    .unwrap();
    let gateway = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gateway"))
            .arg("--config")
            .arg(&config)
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code(), text)
    };
    let copy = db.with_extension("backup.db");
    let _ = std::fs::remove_file(&copy);
    let (code, said) = gateway(&["backup", copy.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    let copied: i64 = rusqlite::Connection::open(&copy)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM activity", [], |r| r.get(0))
        .unwrap();
    assert_eq!(copied, 2, "the backup holds the trail");
    let (code, said) = gateway(&["backup", copy.to_str().unwrap()]);
    assert_eq!(
        code,
        Some(2),
        "an existing backup is never overwritten: {said}"
    );

    let (code, exported) = gateway(&["export-user", "4206"]);
    assert_eq!(code, Some(0), "{exported}");
    let exported: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(exported["activity"].as_array().unwrap().len(), 1);
    assert_eq!(
        exported["activity"][0]["after"],
        "To be forgotten (Do not disturb)"
    );
    assert!(exported["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"] == "To be forgotten"));

    let (code, said) = gateway(&["forget-user", "4206"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("removed 1 history events and 1 Activity entries about 4206"),
        "{said}"
    );
    let left = entries(&office, &cookie, "", 1).await;
    assert_eq!(left.len(), 1);
    assert_eq!(
        left[0]["target"], "4207",
        "only the other user's entry stays"
    );
    let since = office.get(&since_path, &cookie).await.json();
    assert!(since["users"].get("4206").is_none() && since["users"].get("4207").is_some());
    let (code, said) = gateway(&["forget"]);
    assert_eq!(code, Some(2));
    assert!(said.contains("usage"), "{said}");
}

#[tokio::test]
async fn a_bulk_set_and_an_undo_are_named_so_and_any_other_word_is_a_plain_set() {
    let office = linked("purpose").await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let set = |user: &str, purpose: &str| {
        let url = format!(
            "{}/communication_manager/rest/live/coreServers/getByName/default/users/getByName/{user}/status/set",
            office.origin()
        );
        reqwest::Client::new()
            .post(url)
            .header("cookie", &cookie)
            .header("origin", office.origin())
            .header(PANEL.0, PANEL.1)
            .header("x-panel-action", purpose)
            .header("content-type", "application/json")
            .body(json!({"name": format!("As {purpose}"), "type": "away"}).to_string())
            .send()
    };
    for user in ["4208", "4209", "4210"] {
        assert_eq!(set(user, "bulk-status-set").await.unwrap().status(), 204);
    }
    assert_eq!(set("4208", "undo").await.unwrap().status(), 204);
    assert_eq!(set("4209", "drop-tables").await.unwrap().status(), 204);
    let list = entries(&office, &cookie, "", 5).await;
    let actions: Vec<(&str, &str)> = list
        .iter()
        .map(|e| (e["target"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("4209", "status-set"),
            ("4208", "undo"),
            ("4210", "bulk-status-set"),
            ("4209", "bulk-status-set"),
            ("4208", "bulk-status-set"),
        ],
        "one entry per user of the bulk set"
    );
}
