//! REST through the gateway: the panel's requests pass with the gateway's credentials, password hashes
//! never reach the browser, and CSRF and the allow-list stop the rest before iSymphony sees them.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn no_password_anywhere(value: &Value) -> bool {
    match value {
        Value::Object(map) => {
            !map.contains_key("password") && map.values().all(no_password_anywhere)
        }
        Value::Array(items) => items.iter().all(no_password_anywhere),
        _ => true,
    }
}

/// The demo office's configuration users, through the gateway.
fn config_users() -> String {
    format!("/communication_manager/rest/config/core/{DEFAULT_SERVER_ID}/users")
}

#[tokio::test]
async fn the_panels_reads_pass_and_no_hash_reaches_the_browser() {
    let office = default_office().await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let users = office.get(&config_users(), &cookie).await;
    assert_eq!(users.status, 200);
    assert_eq!(users.headers["cache-control"], "no-store");
    let list = users.json();
    assert!(list.as_array().unwrap().len() >= 40);
    assert!(no_password_anywhere(&list), "hashes removed");
    assert!(list[0]["username"].is_string(), "everything else kept");
    let groups = office
        .get(
            &format!("/communication_manager/rest/config/core/{DEFAULT_SERVER_ID}/userGroups"),
            &cookie,
        )
        .await
        .json();
    let managers = groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["displayName"] == "Managers")
        .unwrap();
    let members = office
        .get(
            &format!(
                "/communication_manager/rest/config/core/{DEFAULT_SERVER_ID}/userGroups/{}/users",
                managers["id"].as_str().unwrap()
            ),
            &cookie,
        )
        .await
        .json();
    assert!(!members.as_array().unwrap().is_empty());
    assert!(no_password_anywhere(&members));
    let status = office
        .get("/communication_manager/rest/live/coreServers/getByName/default/users/getByName/ops%2Fnight/status", &cookie)
        .await;
    assert_eq!(
        status.status, 200,
        "an encoded / stays in its segment: {}",
        status.text
    );
    let lite = office
        .get("/communication_manager/rest/live/coreServers/getByName/default/users/getByName/lobby-phone/status", &cookie)
        .await;
    assert_eq!(
        lite.status, 403,
        "iSymphony's own refusals pass as they are"
    );
    assert!(lite.text.contains("not licensed/full"), "{}", lite.text);
}

#[tokio::test]
async fn a_change_needs_the_panels_origin_and_header_and_a_clients_own_credentials_are_never_used()
{
    let office = default_office().await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let path = "/communication_manager/rest/live/coreServers/getByName/default/users/getByName/4201/status/set";
    let body = json!({"name": "Pwned", "type": "dnd", "note": "", "returnTime": -1});
    let before = office.requests_seen();
    for (origin, header) in [
        (Some("https://evil.example".to_string()), true),
        (Some(office.origin()), false),
        (None, true),
    ] {
        let mut req = office.req(Method::POST, path);
        req.cookie = Some(&cookie);
        req.origin = origin;
        req.panel_header = header;
        req.body = Some(body.clone());
        assert_eq!(office.send(req).await.status, 403);
    }
    assert_eq!(office.requests_seen(), before, "nothing reached iSymphony");
    assert_eq!(
        office
            .set_status(&cookie, "4201", "In a meeting")
            .await
            .status,
        204
    );
    assert_eq!(office.requests_seen(), before + 1);

    // Someone else's Basic credentials in the browser's request change nothing: no session, no entry.
    let res = reqwest::Client::new()
        .get(format!(
            "{}/communication_manager/rest/config/server/coreServers",
            office.origin()
        ))
        .basic_auth("manager", Some("manag3rpa55word"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert!(res.headers().get("www-authenticate").is_none());
}

#[tokio::test]
async fn what_the_panel_does_not_use_is_refused_before_isymphony() {
    let office = default_office().await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let users = office.get(&config_users(), &cookie).await.json();
    let someone = users[0]["id"].as_str().unwrap().to_owned();
    let before = office.requests_seen();
    let refused = [
        (Method::GET, "/communication_manager/rest/config/server/administrators".to_string()),
        (Method::PUT, format!("/communication_manager/rest/config/core/{DEFAULT_SERVER_ID}/users/{someone}")),
        (Method::GET, format!("/communication_manager/rest/config/core/{DEFAULT_SERVER_ID}/users/{someone}")),
        (Method::POST, format!("/communication_manager/rest/config/core/{DEFAULT_SERVER_ID}/users")),
        (Method::GET, "/communication_manager/rest/live/coreServers/getByName/default/users/getByName/%2e%2e/status".to_string()),
        (Method::GET, "/communication_manager/other".to_string()),
    ];
    for (method, path) in refused {
        let mut req = office.req(method.clone(), &path);
        req.cookie = Some(&cookie);
        req.body = (method != Method::GET).then(|| json!({"id": someone, "password": "x"}));
        let answer = office.send(req).await;
        assert_eq!(answer.status, 403, "{method} {path}");
        assert!(
            answer.text.contains("does not pass this request on"),
            "{}",
            answer.text
        );
    }
    assert_eq!(office.requests_seen(), before, "nothing reached iSymphony");
}
