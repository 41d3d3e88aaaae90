//! The Event WebSocket over a real connection: credentials in the handshake, a `userStatus` event after
//! every `status/set`, filters, churn, and the switch that refuses the socket.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use reference_server::{start, Config, RunningServer};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn server(config: Config) -> RunningServer {
    start(Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..config
    })
    .await
    .unwrap()
}

fn ws_url(server: &RunningServer) -> String {
    format!("ws://{}/communication_manager/ws/event", server.addr)
}

async fn connect(
    server: &RunningServer,
    auth: Option<&str>,
) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    let mut request = ws_url(server).into_client_request().unwrap();
    if let Some(auth) = auth {
        request
            .headers_mut()
            .insert("Authorization", auth.parse().unwrap());
    }
    tokio_tungstenite::connect_async(request)
        .await
        .map(|(socket, _)| socket)
}

const MANAGER: &str = "Basic bWFuYWdlcjptYW5hZzNycGE1NXdvcmQ=";

async fn set_status(server: &RunningServer, user: &str, body: Value) {
    let res = reqwest::Client::new()
        .post(format!(
            "{}rest/live/coreServers/getByName/default/users/getByName/{user}/status/set",
            server.base_url()
        ))
        .basic_auth("manager", Some("manag3rpa55word"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
}

/// GET a REST path (after `rest/`) as the manager.
async fn get_json(server: &RunningServer, path: &str) -> Value {
    reqwest::Client::new()
        .get(format!("{}rest/{path}", server.base_url()))
        .basic_auth("manager", Some("manag3rpa55word"))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()
}

async fn next_event(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .expect("an event within 5 s")
            .expect("socket open")
            .expect("a message");
        if let Message::Text(text) = message {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

#[tokio::test]
async fn the_handshake_needs_the_same_basic_credentials() {
    let server = server(Config::default()).await;
    let err = connect(&server, None).await.unwrap_err();
    assert!(err.to_string().contains("401"), "{err}");
    let err = connect(&server, Some("Basic bWFuYWdlcjp3cm9uZw=="))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("401"), "{err}");
    connect(&server, Some(MANAGER)).await.unwrap();
}

#[tokio::test]
async fn every_status_set_sends_a_user_status_event() {
    let server = server(Config::default()).await;
    let mut socket = connect(&server, Some(MANAGER)).await.unwrap();
    set_status(
        &server,
        "4224",
        json!({"name": "Lunch", "type": "away", "note": "a\nb", "returnTime": 1000}),
    )
    .await;
    let event = next_event(&mut socket).await;
    assert_eq!(event["type"], "userStatus");
    assert_eq!(event["username"], "4224");
    assert_eq!(event["name"], "Lunch");
    assert_eq!(event["statusType"], "away");
    assert_eq!(event["note"], "a\nb");
    assert_eq!(event["returnTime"], 1000);
    assert_eq!(event["userCreated"], true);
    // The core server's live id ("Decided here" 11, 14), not its configuration id.
    let core = get_json(&server, "live/coreServers/getByName/default").await;
    assert_eq!(event["coreServerId"], core["id"]);
    assert_ne!(
        event["coreServerId"],
        reference_server::demo::DEFAULT_SERVER_ID
    );
    assert!(event["time"].as_i64().unwrap() > 0);
    let live = get_json(
        &server,
        "live/coreServers/getByName/default/users/getByName/4224",
    )
    .await;
    assert_eq!(event["userId"], live["id"], "userId is the live id");
}

#[tokio::test]
async fn a_restart_closes_every_socket_and_events_carry_the_new_live_id() {
    let server = server(Config::default()).await;
    let live_id =
        || async { get_json(&server, "live/coreServers/getByName/default").await["id"].clone() };
    let before = live_id().await;
    let mut socket = connect(&server, Some(MANAGER)).await.unwrap();
    server.state.restart();
    let closed = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match socket.next().await {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "the socket stayed open across a restart");
    let after = live_id().await;
    assert_ne!(
        before, after,
        "a restart gives the core server a new live id"
    );
    let mut socket = connect(&server, Some(MANAGER)).await.unwrap();
    set_status(&server, "4224", json!({"name": "After", "type": "dnd"})).await;
    assert_eq!(next_event(&mut socket).await["coreServerId"], after);
}

#[tokio::test]
async fn filters_choose_which_events_arrive() {
    let server = server(Config {
        churn: Some(Duration::from_millis(100)),
        ..Config::default()
    })
    .await;
    let mut socket = connect(&server, Some(MANAGER)).await.unwrap();
    socket
        .send(Message::Text(
            json!({"type": "filter", "filters": [{"property": "type", "value": "userLogin"}, {"property": "type", "value": "userLogout"}]})
                .to_string()
                .into(),
        ))
        .await
        .unwrap();
    for _ in 0..6 {
        let event = next_event(&mut socket).await;
        let kind = event["type"].as_str().unwrap();
        assert!(kind == "userLogin" || kind == "userLogout", "{event}");
        // As the vendor's event pages show them.
        for field in ["userId", "username", "userLoginId", "ip", "port"] {
            assert!(event.get(field).is_some(), "{field} in {event}");
        }
        for field in ["id", "timeConnected"] {
            assert!(event.get(field).is_none(), "{field} in {event}");
        }
    }
}

#[tokio::test]
async fn churn_changes_statuses_and_logins() {
    let server = server(Config {
        churn: Some(Duration::from_millis(50)),
        ..Config::default()
    })
    .await;
    let mut socket = connect(&server, Some(MANAGER)).await.unwrap();
    let mut kinds = std::collections::HashSet::new();
    for _ in 0..10 {
        kinds.insert(
            next_event(&mut socket).await["type"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert!(kinds.contains("userStatus"), "{kinds:?}");
    assert!(
        kinds.contains("userLogin") || kinds.contains("userLogout"),
        "{kinds:?}"
    );
}

#[tokio::test]
async fn the_socket_can_be_refused_to_test_polling() {
    let server = server(Config {
        events: false,
        ..Config::default()
    })
    .await;
    let err = connect(&server, Some(MANAGER)).await.unwrap_err();
    assert!(err.to_string().contains("404"), "{err}");
}

/// `--return-time-unit s`: return times are accepted, served and sent in events in seconds.
#[tokio::test]
async fn in_seconds_return_times_go_out_as_they_came_in() {
    let server = server(Config {
        return_time_unit: reference_server::model::ReturnTimeUnit::Seconds,
        ..Config::default()
    })
    .await;
    let mut socket = connect(&server, Some(MANAGER)).await.unwrap();
    set_status(
        &server,
        "4224",
        json!({"name": "Went back in time", "type": "away", "returnTime": 499132800}),
    )
    .await;
    assert_eq!(next_event(&mut socket).await["returnTime"], 499132800);
    let status = get_json(
        &server,
        "live/coreServers/getByName/default/users/getByName/4224/status",
    )
    .await;
    assert_eq!(status["returnTime"], 499132800);
}
