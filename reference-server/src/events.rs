//! The Event API: `ws://HOST/communication_manager/ws/event`, with the same Basic credentials in the
//! handshake as every REST call. Every `status/set` sends a `userStatus` event; `--churn` also sends
//! `userLogin` / `userLogout`. A client may send `{"type":"filter","filters":[{"property","value"}]}` to
//! receive only events matching any of the filters (contract, "Decided here" 11).

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use tokio::sync::broadcast::error::RecvError;

use crate::error::ApiError;
use crate::model::{CoreServer, Login, ReturnTimeUnit, Status, User};
use crate::{now_ms, AppState};

pub fn user_status(server: &CoreServer, user: &User, unit: ReturnTimeUnit) -> Value {
    json!({
        "type": "userStatus",
        "time": now_ms(),
        "coreServerId": server.live_id,
        "userId": user.live_id,
        "username": user.username,
        "name": user.status.name,
        "statusType": user.status.kind,
        "note": user.status.note,
        "returnTime": unit.to_wire(user.status.return_time),
        "userCreated": user.status.user_created,
    })
}

/// `userLogin` / `userLogout` as the vendor's event pages show them: the login's id is `userLoginId`, and
/// there is no `timeConnected` (contract, "Decided here" 11).
pub fn user_login(kind: &str, server: &CoreServer, user: &User, login: &Login) -> Value {
    json!({
        "type": kind,
        "time": now_ms(),
        "coreServerId": server.live_id,
        "userId": user.live_id,
        "username": user.username,
        "userLoginId": login.id,
        "ip": login.ip,
        "port": login.port,
    })
}

/// The filters one subscriber asked for; none means every event.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Filters(Vec<(String, Value)>);

impl Filters {
    /// Reads a `filter` message; anything else is `None` (and ignored).
    pub fn parse(text: &str) -> Option<Filters> {
        let message: Value = serde_json::from_str(text).ok()?;
        if message.get("type")? != "filter" {
            return None;
        }
        let filters = message
            .get("filters")?
            .as_array()?
            .iter()
            .filter_map(|f| {
                Some((
                    f.get("property")?.as_str()?.to_owned(),
                    f.get("value")?.clone(),
                ))
            })
            .collect();
        Some(Filters(filters))
    }

    pub fn accepts(&self, event: &Value) -> bool {
        self.0.is_empty()
            || self
                .0
                .iter()
                .any(|(property, value)| event.get(property) == Some(value))
    }
}

/// The WebSocket handshake: credentials first, as on every path.
pub async fn socket(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if !app.accepts(&headers) {
        return ApiError::Unauthorized.into_response();
    }
    let events = app.events.subscribe();
    let restarts = app.restarts.subscribe();
    ws.on_upgrade(move |socket| async move {
        app.sockets_accepted.fetch_add(1, Ordering::SeqCst);
        app.sockets_open.fetch_add(1, Ordering::SeqCst);
        serve(socket, events, restarts).await;
        app.sockets_open.fetch_sub(1, Ordering::SeqCst);
    })
}

/// Sends the events a subscriber asked for until it leaves or the server (simulating a restart) closes
/// every socket, as a restarting iSymphony does.
async fn serve(
    mut socket: WebSocket,
    mut events: tokio::sync::broadcast::Receiver<Value>,
    mut restarts: tokio::sync::watch::Receiver<u64>,
) {
    let mut filters = Filters::default();
    loop {
        tokio::select! {
            _ = restarts.changed() => {
                let _ = socket.send(Message::Close(None)).await;
                break;
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    if let Some(f) = Filters::parse(&text) {
                        filters = f;
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
            event = events.recv() => match event {
                Ok(event) if filters.accepts(&event) => {
                    if socket.send(Message::Text(event.to_string().into())).await.is_err() {
                        break;
                    }
                }
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => break,
            },
        }
    }
}

/// `--churn SECONDS`: every period, one random full user gets a new status and logs in or out, so a demo
/// looks alive. Events go out as for any other change.
pub async fn churn(app: Arc<AppState>, every: Duration) {
    let mut rng = crate::rng::Rng::new(now_ms() as u64);
    let mut ticker = tokio::time::interval(every);
    ticker.tick().await;
    loop {
        ticker.tick().await;
        let mut events = Vec::new();
        {
            let mut store = app.write();
            let unit = store.unit;
            let server_index = rng.below(store.servers.len());
            let Some(server) = store.servers.get_mut(server_index) else {
                continue;
            };
            let full: Vec<usize> = (0..server.users.len())
                .filter(|&i| server.users[i].full)
                .collect();
            if full.is_empty() {
                continue;
            }
            let index = full[rng.below(full.len())];
            let (name, kind, note, back_in) = crate::demo::preset(rng.below(11));
            let user = &mut server.users[index];
            user.status = Status {
                id: uuid::Uuid::new_v4().to_string(),
                configuration_id: uuid::Uuid::new_v4().to_string(),
                name: name.into(),
                kind: kind.into(),
                note: note.into(),
                return_time: back_in.map_or(-1, |m| now_ms() + m * 60_000),
                user_created: false,
            };
            let login_event = match user.logins.pop() {
                Some(login) => ("userLogout", login),
                None => {
                    let login = Login {
                        id: uuid::Uuid::new_v4().to_string(),
                        ip: format!("10.0.9.{}", 10 + rng.below(200)),
                        port: 50_000 + rng.below(10_000) as u16,
                        time_connected: now_ms(),
                    };
                    user.logins.push(login.clone());
                    ("userLogin", login)
                }
            };
            let (server, user) = (&*server, &server.users[index]);
            events.push(user_status(server, user, unit));
            events.push(user_login(login_event.0, server, user, &login_event.1));
        }
        for event in events {
            app.publish(event);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_match_any_and_ignore_other_messages() {
        let f = Filters::parse(
            r#"{"type":"filter","filters":[{"property":"type","value":"userStatus"},{"property":"type","value":"userLogin"}]}"#,
        )
        .unwrap();
        assert!(f.accepts(&json!({"type": "userStatus"})));
        assert!(f.accepts(&json!({"type": "userLogin"})));
        assert!(!f.accepts(&json!({"type": "userLogout"})));
        assert!(Filters::default().accepts(&json!({"type": "anything"})));
        assert_eq!(Filters::parse(r#"{"type":"hello"}"#), None);
        assert_eq!(Filters::parse("not json"), None);
        assert_eq!(
            Filters::parse(r#"{"type":"filter","filters":[]}"#),
            Some(Filters::default())
        );
    }
}
