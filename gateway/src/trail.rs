//! What goes into the team's Activity: every write the gateway passes on — who (the supervisor, never
//! the service account), what, before → after, the result — and every status change iSymphony reports
//! that did not come through the gateway ("outside the panel"). The words are the panel's own, so the
//! Activity page reads both trails alike.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::events::{Event, Link, Watcher};
use crate::secret::Secret;
use crate::sessions::Person;
use crate::statuses::{changed_user, status_user, User};
use crate::store::activity::OUTSIDE;
use crate::store::{Record, Store};
use crate::upstream::Upstream;
use crate::Gateway;

/// A write the Activity records, read from its method and path (below `rest/`).
#[derive(Debug, PartialEq)]
pub enum Write {
    Status {
        server: String,
        /// The user as the path names them (a username, or a live id).
        target: String,
        user: User,
        /// The status's own path (the set's without `/set`).
        status: String,
    },
    Member {
        server: String,
        group: String,
        /// `None` when adding (the user is in the body).
        removed: Option<String>,
    },
}

impl Write {
    pub fn of(method: &Method, path: &str) -> Option<Write> {
        let parts: Vec<String> = path
            .split('/')
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match (method.as_str(), parts.as_slice()) {
            ("POST", ["live", "coreServers", rest @ ..]) => {
                let (server, rest) = one_ref(rest)?;
                let (target, rest) = one_ref(rest.strip_prefix(&["users"])?)?;
                let status = path
                    .strip_suffix("/set")
                    .filter(|_| rest == ["status", "set"])?;
                Some(Write::Status {
                    server,
                    user: status_user(status)?,
                    target,
                    status: status.to_owned(),
                })
            }
            ("POST", ["config", "core", server, "userGroups", group, "users"]) => {
                Some(Write::Member {
                    server: server.to_string(),
                    group: group.to_string(),
                    removed: None,
                })
            }
            ("DELETE", ["config", "core", server, "userGroups", group, "users", user]) => {
                Some(Write::Member {
                    server: server.to_string(),
                    group: group.to_string(),
                    removed: Some(user.to_string()),
                })
            }
            _ => None,
        }
    }
}

/// `{id}` or `getByName/{name}`, and what follows.
fn one_ref<'a>(parts: &'a [&'a str]) -> Option<(String, &'a [&'a str])> {
    match parts {
        ["getByName", name, rest @ ..] | [name, rest @ ..] => Some((name.to_string(), rest)),
        [] => None,
    }
}

/// What a write changes, read just before it goes upstream.
pub struct Before {
    target: String,
    before: String,
    group: Option<String>,
}

/// Reads what the Activity needs before the write: the status it replaces (kept by the socket, or one
/// GET), or the group's name and the removed member's username (one small GET each). A failed read leaves
/// the id and "unknown": the write itself is never held up by it.
pub async fn before(gw: &Gateway, write: &Write, body: Option<&Bytes>, auth: &Secret) -> Before {
    match write {
        Write::Status { target, status, .. } => {
            let kept = gw.statuses.as_deref().and_then(|s| s.get(status));
            let read = match kept {
                Some(json) => serde_json::from_slice(&json).ok(),
                None => read_json(&gw.upstream, status.clone(), auth).await,
            };
            Before {
                target: target.clone(),
                before: read
                    .map(|v| describe(&v, "type", gw.config.return_time_in_seconds))
                    .unwrap_or_else(|| "unknown".into()),
                group: None,
            }
        }
        Write::Member {
            server,
            group,
            removed,
        } => {
            let read = |path: String| read_json(&gw.upstream, path, auth);
            let groups = format!("config/core/{server}/userGroups/{group}");
            let group_name =
                text(&read(groups.clone()).await, "displayName").unwrap_or_else(|| group.clone());
            let user = match removed {
                Some(id) => text(&read(format!("{groups}/users/{id}")).await, "username")
                    .unwrap_or_else(|| id.clone()),
                None => {
                    let sent = body.and_then(|b| serde_json::from_slice::<Value>(b).ok());
                    text(&sent, "username")
                        .or_else(|| text(&sent, "id"))
                        .unwrap_or_else(|| "unknown".into())
                }
            };
            let member = if removed.is_some() {
                "member of"
            } else {
                "not in"
            };
            Before {
                target: format!("{user} in {group_name}"),
                before: format!("{member} {group_name}"),
                group: Some(group_name),
            }
        }
    }
}

async fn read_json(upstream: &Upstream, path: String, auth: &Secret) -> Option<Value> {
    let answer = upstream.send(Method::GET, &path, auth, None).await.ok()?;
    (answer.status == StatusCode::OK)
        .then(|| serde_json::from_slice(&answer.body).ok())
        .flatten()
}

/// A text field of a JSON object read (or sent).
fn text(object: &Option<Value>, field: &str) -> Option<String> {
    object.as_ref()?.get(field)?.as_str().map(str::to_owned)
}

/// How a write went, and what the Activity needs of the request.
pub struct Done<'a> {
    pub by: &'a Person,
    pub body: Option<&'a Bytes>,
    /// The panel's word for what the change is part of: `bulk-status-set` or `undo` (anything else is
    /// ignored).
    pub purpose: Option<&'a str>,
    pub status: Result<StatusCode, &'a str>,
    pub answer: &'a [u8],
    /// Return times are in seconds.
    pub seconds: bool,
}

/// The record of a write that went upstream.
pub fn record(write: &Write, before: Before, done: Done<'_>) -> Record {
    let Done {
        by,
        body,
        purpose,
        status,
        answer,
        seconds,
    } = done;
    let (action, after) = match (write, &before.group) {
        (Write::Status { .. }, _) => {
            let sent = body.and_then(|b| serde_json::from_slice::<Value>(b).ok());
            let after = sent.map(|v| describe(&v, "type", seconds));
            let action = match purpose {
                Some("bulk-status-set") => "bulk-status-set",
                Some("undo") => "undo",
                _ => "status-set",
            };
            (action, after.unwrap_or_else(|| "unreadable".into()))
        }
        (
            Write::Member {
                removed: Some(_), ..
            },
            group,
        ) => (
            "member-removed",
            format!("not in {}", group.as_deref().unwrap_or("")),
        ),
        (Write::Member { removed: None, .. }, group) => {
            let action = if purpose == Some("undo") {
                "undo"
            } else {
                "member-added"
            };
            (
                action,
                format!("member of {}", group.as_deref().unwrap_or("")),
            )
        }
    };
    let server = match write {
        Write::Status { server, .. } | Write::Member { server, .. } => server.clone(),
    };
    Record {
        at: now_ms(),
        by: by.username.clone(),
        by_name: by.display_name.clone().unwrap_or_default(),
        core_server: server,
        action: action.into(),
        target: before.target,
        before: before.before,
        after,
        result: outcome(status, answer),
    }
}

/// `ok`, or the status code and iSymphony's sentence (at most 200 characters).
fn outcome(status: Result<StatusCode, &str>, answer: &[u8]) -> String {
    match status {
        Ok(s) if s.is_success() => "ok".into(),
        Ok(s) => {
            let text: String = String::from_utf8_lossy(answer)
                .trim()
                .chars()
                .take(200)
                .collect();
            format!("{}: {text}", s.as_u16())
        }
        Err(why) => format!("not sent: {why}"),
    }
}

/// A status in one line, as the panel says it: `Lunch (Away); note: Back soon; returns 2026-…Z`.
/// `type_field` is `type` in a status, `statusType` in an event.
pub fn describe(status: &Value, type_field: &str, seconds: bool) -> String {
    let text = |k: &str| status.get(k).and_then(Value::as_str).unwrap_or("");
    let mut out = format!("{} ({})", text("name"), label(text(type_field)));
    if !text("note").is_empty() {
        out.push_str(&format!("; note: {}", text("note")));
    }
    match status.get("returnTime").and_then(Value::as_i64) {
        Some(t) if t != -1 => {
            let ms = if seconds { t.saturating_mul(1000) } else { t };
            out.push_str(&format!(
                "; returns {}",
                crate::store::activity::iso_utc(ms)
            ));
        }
        _ => {}
    }
    out
}

fn label(kind: &str) -> String {
    match kind {
        "available" => "Available",
        "unavailable" => "Unavailable",
        "away" => "Away",
        "xa" => "Extended away",
        "dnd" => "Do not disturb",
        "chat" => "Chat",
        "altblue" => "Blue",
        "altgreen" => "Green",
        "altpink" => "Pink",
        "altpurple" => "Purple",
        "altred" => "Red",
        other => return format!("Unknown ({other})"),
    }
    .into()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// How long a set passed on waits for its event before that event would count as someone else's.
const EXPECT_FOR: Duration = Duration::from_secs(10);

/// Records the status changes iSymphony reports that the gateway did not pass on.
pub struct Outside {
    store: Arc<Store>,
    seconds: bool,
    /// Sets the gateway is passing on, each waiting for its event.
    expected: Mutex<Vec<(User, Instant)>>,
}

impl Outside {
    pub fn new(store: Arc<Store>, seconds: bool) -> Outside {
        Outside {
            store,
            seconds,
            expected: Mutex::new(Vec::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(User, Instant)>> {
        self.expected.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A set for `user` is about to go upstream: its event is the gateway's own.
    pub fn expect(&self, user: &User) {
        let mut expected = self.lock();
        expected.retain(|(_, at)| at.elapsed() < EXPECT_FOR);
        expected.push((user.clone(), Instant::now()));
    }

    /// The set failed: no event will come for it.
    pub fn unexpect(&self, user: &User) {
        let mut expected = self.lock();
        if let Some(i) = expected.iter().position(|(u, _)| u == user) {
            expected.remove(i);
        }
    }
}

impl Watcher for Outside {
    fn link(&self, _: Link) {}

    fn event(&self, event: &Event) {
        let Some(v) = event.value.as_ref() else {
            return;
        };
        if v.get("type").and_then(Value::as_str) != Some("userStatus") {
            return;
        }
        let (id, name) = changed_user(v).unwrap_or_default();
        {
            let mut expected = self.lock();
            expected.retain(|(_, at)| at.elapsed() < EXPECT_FOR);
            if let Some(i) = expected
                .iter()
                .position(|(u, _)| u.is(id.as_deref(), name.as_deref()))
            {
                expected.remove(i);
                return;
            }
        }
        let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        self.store.record(Record {
            at: v.get("time").and_then(Value::as_i64).unwrap_or_else(now_ms),
            by: String::new(),
            by_name: String::new(),
            core_server: text("coreServerId"),
            action: OUTSIDE.into(),
            target: text("username"),
            before: String::new(),
            after: describe(v, "statusType", self.seconds),
            result: "ok".into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writes_the_activity_records_are_recognised() {
        let set = Write::of(
            &Method::POST,
            "live/coreServers/getByName/default/users/getByName/ops%2Fnight/status/set",
        );
        assert_eq!(
            set,
            Some(Write::Status {
                server: "default".into(),
                target: "ops/night".into(),
                user: User::Name("ops/night".into()),
                status: "live/coreServers/getByName/default/users/getByName/ops%2Fnight/status"
                    .into(),
            })
        );
        assert!(matches!(
            Write::of(&Method::POST, "config/core/c1/userGroups/g1/users"),
            Some(Write::Member { removed: None, .. })
        ));
        assert!(matches!(
            Write::of(&Method::DELETE, "config/core/c1/userGroups/g1/users/u1"),
            Some(Write::Member { removed: Some(u), .. }) if u == "u1"
        ));
        assert_eq!(
            Write::of(&Method::GET, "live/coreServers/x/users/y/status"),
            None
        );
    }

    #[test]
    fn statuses_read_as_the_panel_says_them() {
        let status = serde_json::json!({"name": "Lunch", "type": "away", "note": "Back soon", "returnTime": 1_795_505_400_000_i64});
        assert_eq!(
            describe(&status, "type", false),
            "Lunch (Away); note: Back soon; returns 2026-11-24T07:30:00Z"
        );
        let seconds =
            serde_json::json!({"name": "Out", "statusType": "xa", "returnTime": 1_795_505_400});
        assert_eq!(
            describe(&seconds, "statusType", true),
            "Out (Extended away); returns 2026-11-24T07:30:00Z"
        );
        assert_eq!(
            describe(
                &serde_json::json!({"name": "x", "type": "zz", "returnTime": -1}),
                "type",
                false
            ),
            "x (Unknown (zz))"
        );
    }

    #[test]
    fn a_failure_keeps_isymphonys_sentence() {
        assert_eq!(outcome(Ok(StatusCode::NO_CONTENT), b""), "ok");
        assert_eq!(
            outcome(Ok(StatusCode::UNPROCESSABLE_ENTITY), b"No type provided.\n"),
            "422: No type provided."
        );
        assert_eq!(outcome(Err("timed out"), b""), "not sent: timed out");
    }
}
