//! Status reads answered from what the upstream socket keeps current (`users` mode): many reads cost
//! iSymphony one, a change made anywhere (here: straight at iSymphony, not through the gateway) is seen
//! on the next read, a restart forgets everything, and errors and `realm` mode always reach iSymphony.

mod common;

use std::time::Duration;

use common::*;
use serde_json::Value;

const STATUS: &str =
    "/communication_manager/rest/live/coreServers/getByName/default/users/getByName/4201/status";

/// How many status GETs (not sets) reached iSymphony.
fn status_gets(office: &Office) -> usize {
    office
        .stats
        .requests()
        .iter()
        .filter(|line| line.starts_with("GET ") && line.ends_with("/status"))
        .count()
}

/// A `users` mode office whose gateway's upstream socket is up.
async fn linked() -> Office {
    default_office().await.linked().await
}

/// Sets a status straight at iSymphony, as a user's own client would.
async fn set_elsewhere(office: &Office, username: &str, name: &str) {
    let url = format!(
        "{}rest/live/coreServers/getByName/default/users/getByName/{username}/status/set",
        office.server.base_url()
    );
    let res = reqwest::Client::new()
        .post(url)
        .basic_auth("manager", Some("manag3rpa55word"))
        .header("content-type", "application/json")
        .body(
            serde_json::json!({"name": name, "type": "away", "note": "", "returnTime": -1})
                .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
}

/// Reads `path` through the gateway until its `name` is `name` (2 s at most); whether it got there.
async fn read_until(office: &Office, cookie: &str, path: &str, name: &str) -> bool {
    for _ in 0..100 {
        let answer = office.get(path, cookie).await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        if answer.json()["name"] == name {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test]
async fn ten_reads_cost_isymphony_one_and_a_change_made_elsewhere_is_read_next() {
    let office = linked().await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let before = status_gets(&office);
    let first = office.get(STATUS, &cookie).await;
    for _ in 0..9 {
        let again = office.get(STATUS, &cookie).await;
        assert_eq!(again.status, 200);
        assert_eq!(again.json(), first.json(), "the same answer");
        assert_eq!(again.headers["content-type"], "application/json");
        assert_eq!(
            again.headers["cache-control"],
            first.headers["cache-control"]
        );
    }
    assert_eq!(
        status_gets(&office) - before,
        1,
        "ten reads, one reached iSymphony"
    );

    assert_eq!(
        office.set_status(&cookie, "4201", "Set here").await.status,
        204
    );
    assert_eq!(
        office.get(STATUS, &cookie).await.json()["name"],
        "Set here",
        "read right after the set, without waiting for its event"
    );

    set_elsewhere(&office, "4201", "Changed at the desk").await;
    assert!(
        read_until(&office, &cookie, STATUS, "Changed at the desk").await,
        "the event dropped the kept answer"
    );

    // The same user by live id: a separate path, dropped by the same kind of event.
    let users = office
        .get(
            "/communication_manager/rest/live/coreServers/getByName/default/users",
            &cookie,
        )
        .await
        .json();
    let id = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userName"] == "4201")
        .and_then(|u| u["id"].as_str())
        .unwrap()
        .to_owned();
    let by_id =
        format!("/communication_manager/rest/live/coreServers/getByName/default/users/{id}/status");
    assert_eq!(
        office.get(&by_id, &cookie).await.json()["name"],
        "Changed at the desk"
    );
    set_elsewhere(&office, "4201", "Changed again").await;
    assert!(read_until(&office, &cookie, &by_id, "Changed again").await);
}

#[tokio::test]
async fn an_upstream_restart_forgets_what_was_kept() {
    let office = linked().await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let before: Value = office.get(STATUS, &cookie).await.json();
    office.server.state.restart();
    office
        .until("the reconnect", |o| {
            o.server.state.sockets_accepted() == 2 && o.server.state.sockets_open() == 1
        })
        .await;
    let gets = status_gets(&office);
    let after: Value = office.get(STATUS, &cookie).await.json();
    assert_eq!(status_gets(&office), gets + 1, "read from iSymphony again");
    assert_ne!(after["id"], before["id"], "the restart's new status id");
    assert_eq!(after["name"], before["name"]);
}

#[tokio::test]
async fn errors_and_realm_mode_always_reach_isymphony() {
    let users = linked().await;
    let cookie = users.signed_in("4224", "4224-secret").await;
    let lite = "/communication_manager/rest/live/coreServers/getByName/default/users/getByName/lobby-phone/status";
    let before = status_gets(&users);
    for _ in 0..2 {
        assert_eq!(users.get(lite, &cookie).await.status, 403);
    }
    assert_eq!(status_gets(&users) - before, 2, "a 403 is never kept");

    let realm = office(
        gateway::Mode::Realm,
        Duration::from_secs(600),
        Duration::from_secs(3600),
    )
    .await;
    let cookie = realm.signed_in("alice", "alice-pw").await;
    let before = status_gets(&realm);
    for _ in 0..2 {
        assert_eq!(realm.get(STATUS, &cookie).await.status, 200);
    }
    assert_eq!(
        status_gets(&realm) - before,
        2,
        "in realm mode iSymphony sees each person's reads"
    );
}
