//! The attack walk: every route of the contract and a few that are not, every method, with no cookie, an
//! expired cookie, a forged cookie, and a valid cookie from a foreign `Origin`. None reaches iSymphony
//! (the reference server's request count does not move) and every answer is a clear 401 or 403.

mod common;

use std::time::Duration;

use common::*;
use reqwest::Method;
use serde_json::json;

fn routes() -> Vec<String> {
    let core = DEFAULT_SERVER_ID;
    let group = "5e1f0001-0002-4000-8000-000000000001";
    let user = "5e1f0001-0001-4000-8000-000000000001";
    let live = "live/coreServers/getByName/default";
    [
        "config/server/coreServers".to_string(),
        format!("config/server/coreServers/{core}"),
        "config/server/coreServers/getByName/default".into(),
        format!("config/core/{core}/users"),
        format!("config/core/{core}/users/{user}"),
        format!("config/core/{core}/userGroups"),
        format!("config/core/{core}/userGroups/{group}"),
        format!("config/core/{core}/userGroups/{group}/users"),
        format!("config/core/{core}/userGroups/{group}/users/{user}"),
        "live/coreServers".into(),
        live.into(),
        format!("{live}/users"),
        format!("{live}/users/getByName/4201"),
        format!("{live}/users/getByName/4201/logins"),
        format!("{live}/users/getByName/4201/status"),
        format!("{live}/users/getByName/4201/status/set"),
        "config/server/administrators".into(),
        format!("config/core/{core}/users/{user}/password"),
    ]
    .into_iter()
    .map(|p| format!("/communication_manager/rest/{p}"))
    .chain([
        "/communication_manager/ws/event".to_string(),
        "/communication_manager/".to_string(),
    ])
    .collect()
}

const METHODS: [Method; 6] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::PATCH,
    Method::OPTIONS,
];

#[tokio::test]
async fn nothing_reaches_isymphony_without_a_live_session_from_the_panels_page() {
    let office = office(
        users_mode(),
        Duration::from_millis(600),
        Duration::from_secs(60),
    )
    .await;
    let expired = office.signed_in("4224", "4224-secret").await;
    tokio::time::sleep(Duration::from_millis(900)).await;
    let forged = "panel_session=00112233445566778899aabbccddeeff".to_string();
    let before = office.requests_seen();
    let mut tried = 0;
    for path in routes() {
        for method in METHODS {
            for cookie in [None, Some(&expired), Some(&forged)] {
                let mut req = office.req(method.clone(), &path);
                req.cookie = cookie.map(String::as_str);
                req.body = (method != Method::GET)
                    .then(|| json!({"name": "Pwned", "type": "dnd", "id": "x"}));
                let answer = office.send(req).await;
                assert_eq!(
                    answer.status, 401,
                    "{method} {path} with {cookie:?}: {}",
                    answer.text
                );
                assert!(answer.text.contains("sign in again"), "{}", answer.text);
                assert!(answer.headers.get("www-authenticate").is_none());
                tried += 1;
            }
        }
    }
    let walked = office.requests_seen() - before;
    // A live session, but the request comes from another site's page. (Signing in reads iSymphony.)
    let valid = office.signed_in("4224", "4224-secret").await;
    let before = office.requests_seen();
    for path in routes() {
        for method in METHODS {
            let mut req = office.req(method.clone(), &path);
            req.cookie = Some(&valid);
            req.origin = Some("https://evil.example".into());
            let answer = office.send(req).await;
            assert_eq!(
                answer.status, 403,
                "{method} {path} from a foreign Origin: {}",
                answer.text
            );
            tried += 1;
        }
        // Keep the session from going idle during the walk.
        assert_eq!(
            office.get("/gateway/session", &valid).await.json()["signedIn"],
            true
        );
    }
    let walked = walked + office.requests_seen() - before;
    assert_eq!(walked, 0, "not one of {tried} requests reached iSymphony");
    assert!(tried > 400);
    // The vendor's two curls from the issue, as an anonymous visitor sees them.
    let users = office
        .send(Req {
            cookie: None,
            origin: None,
            panel_header: false,
            ..office.req(
                Method::GET,
                &format!("/communication_manager/rest/config/core/{DEFAULT_SERVER_ID}/users"),
            )
        })
        .await;
    assert_eq!(users.status, 401);
    let mut set = office.req(Method::POST, "/communication_manager/rest/live/coreServers/getByName/default/users/getByName/4201/status/set");
    set.origin = None;
    set.panel_header = false;
    set.body = Some(json!({"name": "Pwned", "type": "dnd", "note": "anonymous", "returnTime": -1}));
    assert_eq!(office.send(set).await.status, 401);
    assert_eq!(office.requests_seen(), before);
}
