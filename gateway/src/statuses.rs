//! Status answers kept current by the upstream Event socket (`users` mode), so ten panels loading the
//! board cost iSymphony about what one does.
//!
//! An answer is kept only while the socket is up, and only if nothing could have changed it while it was
//! being read: every `userStatus` event, every change of the socket's state and every unreadable event
//! moves an epoch, and an answer read across a move is not kept ([`Ticket`]). A `userStatus` event drops
//! the answers for that user (by live id or by name, on any core server: too much is harmless); the socket
//! going down drops everything, and so does a change passed on by the gateway (the panel reads a status
//! right after setting it, before the event can have arrived). What no event announces (a licence removed, a user made lite) is bounded
//! by [`FRESH_FOR`] (5 minutes). Only `200` answers are kept; errors always go to iSymphony.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::events::{Event, Link, Watcher};

/// How long a kept answer is used at most, events or not. A Live board trusts its socket for hours and
/// never re-reads; this bounds only what no event announces, and is long enough that panels opened one
/// after another over a few minutes share their first reads.
pub const FRESH_FOR: Duration = Duration::from_secs(300);

#[derive(Default)]
pub struct Statuses {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    up: bool,
    epoch: u64,
    kept: HashMap<String, Kept>,
    /// When stale answers were last swept out (once per [`FRESH_FOR`], not at every answer kept).
    swept: Option<Instant>,
}

struct Kept {
    user: User,
    body: Bytes,
    at: Instant,
}

/// A user as a status path names them: by live id or by name (lower-cased, decoded).
#[derive(Debug, Clone, PartialEq)]
pub enum User {
    Id(String),
    Name(String),
}

/// Taken before reading a status from iSymphony; the answer may be kept only if the epoch has not moved.
pub struct Ticket {
    path: String,
    user: User,
    epoch: u64,
}

impl Statuses {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The kept answer for a status path (below `rest/`), if there is a fresh one.
    pub fn get(&self, path: &str) -> Option<Bytes> {
        let inner = self.lock();
        let kept = inner.kept.get(path).filter(|_| inner.up)?;
        (kept.at.elapsed() < FRESH_FOR).then(|| kept.body.clone())
    }

    /// A ticket to keep this path's answer, when it is a status path and the socket is up.
    pub fn ticket(&self, path: &str) -> Option<Ticket> {
        let user = status_user(path)?;
        let inner = self.lock();
        inner.up.then(|| Ticket {
            path: path.to_owned(),
            user,
            epoch: inner.epoch,
        })
    }

    /// Keeps a `200` answer read with `ticket`, unless something moved the epoch meanwhile.
    pub fn keep(&self, ticket: Ticket, body: Bytes) {
        let mut inner = self.lock();
        if inner.up && inner.epoch == ticket.epoch {
            if inner.swept.is_none_or(|at| at.elapsed() >= FRESH_FOR) {
                inner.kept.retain(|_, k| k.at.elapsed() < FRESH_FOR);
                inner.swept = Some(Instant::now());
            }
            let kept = Kept {
                user: ticket.user,
                body,
                at: Instant::now(),
            };
            inner.kept.insert(ticket.path, kept);
        }
    }

    /// A change went through the gateway: what it changed is read anew, not after its event arrives.
    pub fn forget(&self) {
        let mut inner = self.lock();
        inner.epoch += 1;
        inner.kept.clear();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().kept.len()
    }
}

impl User {
    /// Whether a `userStatus` event (its live id and name, lower-cased) is about this user.
    pub fn is(&self, id: Option<&str>, name: Option<&str>) -> bool {
        match self {
            User::Id(i) => Some(i.as_str()) == id,
            User::Name(n) => Some(n.as_str()) == name,
        }
    }
}

impl Watcher for Statuses {
    fn link(&self, link: Link) {
        let mut inner = self.lock();
        inner.up = matches!(link, Link::Up(_));
        inner.epoch += 1;
        inner.kept.clear();
    }

    fn event(&self, event: &Event) {
        let changed = match &event.value {
            Some(v) if v.get("type").and_then(Value::as_str) != Some("userStatus") => return,
            Some(v) => changed_user(v),
            None => None,
        };
        let mut inner = self.lock();
        inner.epoch += 1;
        match changed {
            Some((id, name)) => inner
                .kept
                .retain(|_, k| !k.user.is(id.as_deref(), name.as_deref())),
            // An event that names nobody could be about anybody.
            None => inner.kept.clear(),
        }
    }
}

/// The user a `userStatus` event is about: `(live id, name)`, lower-cased; `None` if it names neither.
pub fn changed_user(event: &Value) -> Option<(Option<String>, Option<String>)> {
    let field = |k: &str| event.get(k).and_then(Value::as_str).map(str::to_lowercase);
    let (id, name) = (field("userId"), field("username"));
    (id.is_some() || name.is_some()).then_some((id, name))
}

/// The user of `live/coreServers/{server}/users/{user}/status`, where each of `{server}` and `{user}` is
/// a live id or `getByName/{name}`; `None` for any other path.
pub fn status_user(path: &str) -> Option<User> {
    let rest = path.strip_prefix("live/coreServers/")?;
    let rest = skip_ref(rest)?.strip_prefix("users/")?;
    let (named, rest) = match rest.strip_prefix("getByName/") {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let (segment, rest) = rest.split_once('/')?;
    if rest != "status" || segment.is_empty() {
        return None;
    }
    Some(if named {
        User::Name(
            percent_decode_str(segment)
                .decode_utf8()
                .ok()?
                .to_lowercase(),
        )
    } else {
        User::Id(segment.to_lowercase())
    })
}

/// What follows one `{id}/` or `getByName/{name}/`.
fn skip_ref(path: &str) -> Option<&str> {
    let path = path.strip_prefix("getByName/").unwrap_or(path);
    path.split_once('/').map(|(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BY_NAME: &str = "live/coreServers/getByName/default/users/getByName/Ann%20B/status";
    const BY_ID: &str = "live/coreServers/c1/users/U-7/status";

    fn event(json: &str) -> Event {
        Event {
            text: json.into(),
            value: serde_json::from_str(json).ok(),
        }
    }

    fn up() -> Statuses {
        let s = Statuses::default();
        s.link(Link::Up(1));
        s
    }

    fn kept(s: &Statuses, path: &str) {
        let ticket = s.ticket(path).expect("a status path, socket up");
        s.keep(ticket, Bytes::from_static(b"{}"));
    }

    #[test]
    fn only_status_paths_are_kept() {
        assert_eq!(status_user(BY_NAME), Some(User::Name("ann b".into())));
        assert_eq!(status_user(BY_ID), Some(User::Id("u-7".into())));
        for other in [
            "live/coreServers/c1/users/U-7/status/set",
            "live/coreServers/c1/users/U-7/logins",
            "live/coreServers/c1/users",
            "live/coreServers/c1/users//status",
            "config/core/c1/users/U-7/status",
        ] {
            assert_eq!(status_user(other), None, "{other}");
        }
    }

    #[test]
    fn an_event_drops_that_user_by_id_or_by_name_and_only_them() {
        let s = up();
        kept(&s, BY_NAME);
        kept(&s, BY_ID);
        kept(&s, "live/coreServers/c1/users/other/status");
        s.event(&event(
            r#"{"type":"userStatus","userId":"x","username":"ANN B"}"#,
        ));
        assert!(s.get(BY_NAME).is_none() && s.get(BY_ID).is_some());
        s.event(&event(
            r#"{"type":"userStatus","userId":"u-7","username":"z"}"#,
        ));
        assert!(s.get(BY_ID).is_none());
        assert_eq!(s.len(), 1, "the other user's answer stays");
        s.event(&event(r#"{"type":"userLogin","userId":"other"}"#));
        assert_eq!(s.len(), 1, "a login changes no status");
    }

    #[test]
    fn an_event_naming_nobody_or_unreadable_drops_everything() {
        for text in [r#"{"type":"userStatus"}"#, "not json"] {
            let s = up();
            kept(&s, BY_ID);
            s.event(&event(text));
            assert_eq!(s.len(), 0, "{text}");
        }
    }

    #[test]
    fn an_answer_read_across_an_event_or_a_reconnect_is_not_kept() {
        let s = up();
        let ticket = s.ticket(BY_ID).unwrap();
        s.event(&event(r#"{"type":"userStatus","userId":"someone-else"}"#));
        s.keep(ticket, Bytes::from_static(b"{}"));
        assert!(
            s.get(BY_ID).is_none(),
            "the event may have been this user's change"
        );

        let ticket = s.ticket(BY_ID).unwrap();
        s.forget();
        s.keep(ticket, Bytes::from_static(b"{}"));
        assert!(s.get(BY_ID).is_none(), "a change went through meanwhile");

        let ticket = s.ticket(BY_ID).unwrap();
        s.link(Link::Down);
        s.link(Link::Up(2));
        s.keep(ticket, Bytes::from_static(b"{}"));
        assert!(s.get(BY_ID).is_none(), "events may have been missed");
    }

    #[test]
    fn nothing_is_kept_or_served_while_the_socket_is_down() {
        let s = Statuses::default();
        assert!(s.ticket(BY_ID).is_none());
        s.link(Link::Up(1));
        kept(&s, BY_ID);
        s.link(Link::Down);
        assert!(s.get(BY_ID).is_none() && s.ticket(BY_ID).is_none());
    }
}
