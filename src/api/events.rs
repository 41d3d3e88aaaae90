//! The Event API (`/communication_manager/ws/event`): where the socket is, how a browser page
//! authenticates it, and the events it sends.
//!
//! A page cannot set headers on a WebSocket handshake, and iSymphony wants Basic credentials there. What
//! was tried in Chromium 156 (README, deployment; e2e `live.rs` keeps the answers honest):
//! - a plain `new WebSocket(url)`: refused (401) — unless the browser already holds credentials for the
//!   origin (the site itself asked for them with Basic auth) or a reverse proxy adds them;
//! - `ws://user:pass@host/…`: works, but puts the password in a URL;
//! - an `XMLHttpRequest` opened with the username and password primes the browser's auth cache, but when
//!   that request fails Chromium logs its URL — credentials included — to the console;
//! - an `XMLHttpRequest` with an explicit `Authorization` header does not reach the auth cache.
//!
//! So the panel only ever opens a plain socket and never hands the password to the browser: live push works
//! where the deployment authenticates the socket, and the board polls everywhere else.

use super::types::UserStatus;
use crate::api::vocabulary::StatusType;
use serde_json::Value;

/// One event the panel acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A user's status changed.
    Status {
        core_server_id: String,
        username: String,
        status: UserStatus,
        /// When it changed (Unix ms), as the event says.
        time: Option<i64>,
    },
    /// A user logged in (`true`) or out (`false`).
    Login {
        core_server_id: String,
        username: String,
        online: bool,
    },
}

/// Reads one message; anything that is not a well-formed event the panel knows is `None`.
pub fn parse(text: &str) -> Option<Event> {
    let v: Value = serde_json::from_str(text).ok()?;
    let field = |name: &str| v.get(name).and_then(Value::as_str).map(str::to_owned);
    let core_server_id = field("coreServerId")?;
    let username = field("username")?;
    match v.get("type")?.as_str()? {
        "userStatus" => Some(Event::Status {
            core_server_id,
            username,
            time: v.get("time").and_then(Value::as_i64),
            status: UserStatus {
                id: String::new(),
                configuration_id: String::new(),
                // Missing or `null` reads as no name (contract, "Decided here" 15); any other type is not
                // an event we know.
                name: match v.get("name") {
                    None | Some(Value::Null) => String::new(),
                    Some(name) => name.as_str()?.to_owned(),
                },
                kind: StatusType::parse(&field("statusType")?),
                note: field("note").unwrap_or_default(),
                return_time: v.get("returnTime").and_then(Value::as_i64).unwrap_or(-1),
                user_created: v
                    .get("userCreated")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            },
        }),
        "userLogin" => Some(Event::Login {
            core_server_id,
            username,
            online: true,
        }),
        "userLogout" => Some(Event::Login {
            core_server_id,
            username,
            online: false,
        }),
        _ => None,
    }
}

/// The message asking for only the events the board uses.
pub const FILTER: &str = r#"{"type":"filter","filters":[{"property":"type","value":"userStatus"},{"property":"type","value":"userLogin"},{"property":"type","value":"userLogout"}]}"#;

/// The socket's URL for an API base: `http(s)://host/x/` → `ws(s)://host/x/ws/event`; a base without a
/// scheme (same origin) is resolved against `page_origin`.
pub fn socket_url(api_base: &str, page_origin: &str) -> String {
    let absolute = if api_base.starts_with("http://") || api_base.starts_with("https://") {
        api_base.to_owned()
    } else {
        format!(
            "{}/{}",
            page_origin.trim_end_matches('/'),
            api_base.trim_start_matches('/')
        )
    };
    let base = if absolute.ends_with('/') {
        absolute
    } else {
        format!("{absolute}/")
    };
    let ws = base
        .strip_prefix("https://")
        .map(|rest| format!("wss://{rest}"))
        .or_else(|| {
            base.strip_prefix("http://")
                .map(|rest| format!("ws://{rest}"))
        })
        .unwrap_or(base);
    format!("{ws}ws/event")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_event_becomes_a_status() {
        let e = parse(
            r#"{"type":"userStatus","time":1,"coreServerId":"c1","userId":"live","username":"ops/night",
                "name":"Lunch","statusType":"away","note":"a\nb","returnTime":5000,"userCreated":true}"#,
        )
        .unwrap();
        let Event::Status {
            core_server_id,
            username,
            status,
            time,
        } = e
        else {
            panic!()
        };
        assert_eq!(
            (core_server_id.as_str(), username.as_str(), time),
            ("c1", "ops/night", Some(1))
        );
        assert_eq!(
            (
                status.name.as_str(),
                status.kind,
                status.note.as_str(),
                status.return_time
            ),
            ("Lunch", StatusType::Away, "a\nb", 5000)
        );
    }

    #[test]
    fn logins_and_logouts() {
        let login = parse(
            r#"{"type":"userLogin","coreServerId":"c","username":"u","id":"l","ip":"1.2.3.4","port":1,"timeConnected":2}"#,
        );
        assert_eq!(
            login,
            Some(Event::Login {
                core_server_id: "c".into(),
                username: "u".into(),
                online: true
            })
        );
        // As the vendor's event pages show them (contract, "Decided here" 11).
        let vendor = parse(
            r#"{"type":"userLogin","time":1,"coreServerId":"c","userId":"x","username":"u","userLoginId":"l","ip":"1.2.3.4","port":1}"#,
        );
        assert_eq!(vendor, login);
        let logout = parse(r#"{"type":"userLogout","coreServerId":"c","username":"u"}"#);
        assert_eq!(
            logout,
            Some(Event::Login {
                core_server_id: "c".into(),
                username: "u".into(),
                online: false
            })
        );
    }

    #[test]
    fn odd_messages_are_ignored_not_fatal() {
        for text in [
            "",
            "{",
            "[]",
            r#"{"type":"userStatus"}"#,
            r#"{"type":"somethingNew","coreServerId":"c","username":"u"}"#,
            r#"{"type":"userStatus","coreServerId":"c","username":"u","name":5,"statusType":"away"}"#,
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
        let nameless = parse(
            r#"{"type":"userStatus","coreServerId":"c","username":"u","name":null,"statusType":"away"}"#,
        );
        assert!(matches!(nameless, Some(Event::Status { status, .. }) if status.name.is_empty()));
        let unknown = parse(r#"{"type":"userStatus","coreServerId":"c","username":"u","name":"x","statusType":"fishing"}"#).unwrap();
        let Event::Status { status, .. } = unknown else {
            panic!()
        };
        assert_eq!(status.kind, StatusType::Unknown("fishing".into()));
    }

    #[test]
    fn socket_urls_follow_the_api_base() {
        assert_eq!(
            socket_url("/communication_manager/", "http://127.0.0.1:8080"),
            "ws://127.0.0.1:8080/communication_manager/ws/event"
        );
        assert_eq!(
            socket_url("/panel/communication_manager", "https://pbx.example/"),
            "wss://pbx.example/panel/communication_manager/ws/event"
        );
        assert_eq!(
            socket_url("http://10.0.0.5:58080/communication_manager/", "http://x"),
            "ws://10.0.0.5:58080/communication_manager/ws/event"
        );
        assert_eq!(
            socket_url("https://h:55050/communication_manager/", "http://x"),
            "wss://h:55050/communication_manager/ws/event"
        );
    }
}
