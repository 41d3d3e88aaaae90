//! Sessions: a 128-bit random id in a cookie, held in memory only (every session ends on restart), idle and
//! absolute timeouts, and a signal that ends the session's sockets when it ends.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use tokio::sync::watch;

use crate::secret::Secret;

/// Who a session belongs to, as the panel shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub username: String,
    pub display_name: Option<String>,
}

/// What a request learns from a live session.
#[derive(Clone)]
pub struct Active {
    pub id: String,
    pub person: Person,
    /// The session's own upstream credentials (`realm` mode); `None` means the service account's.
    pub authorization: Option<Arc<Secret>>,
    /// Changes (or closes) when the session ends: its sockets close.
    pub ended: watch::Receiver<()>,
}

struct Session {
    person: Person,
    authorization: Option<Arc<Secret>>,
    created: Instant,
    last_seen: Instant,
    /// Dropped with the session, which every `ended` receiver sees.
    _end: watch::Sender<()>,
}

/// Every live session, behind a lock never held across an `.await`.
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
    idle: Duration,
    absolute: Duration,
}

impl Sessions {
    pub fn new(idle: Duration, absolute: Duration) -> Sessions {
        Sessions {
            map: Mutex::new(HashMap::new()),
            idle,
            absolute,
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Session>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new session with a fresh id (a new id at every sign-in: no fixation).
    pub fn create(
        &self,
        person: Person,
        authorization: Option<Secret>,
    ) -> Result<String, getrandom::Error> {
        let id = new_id()?;
        let now = Instant::now();
        self.lock().insert(
            id.clone(),
            Session {
                person,
                authorization: authorization.map(Arc::new),
                created: now,
                last_seen: now,
                _end: watch::channel(()).0,
            },
        );
        Ok(id)
    }

    /// The session a request's cookie names, if it is still live; a use counts as activity.
    pub fn touch(&self, id: &str) -> Option<Active> {
        let now = Instant::now();
        let mut map = self.lock();
        let session = map.get_mut(id)?;
        if self.expired(session, now) {
            map.remove(id);
            return None;
        }
        session.last_seen = now;
        Some(Active {
            id: id.to_owned(),
            person: session.person.clone(),
            authorization: session.authorization.clone(),
            ended: session._end.subscribe(),
        })
    }

    /// Ends a session: its credentials are dropped (and wiped) and its sockets close.
    pub fn end(&self, id: &str) {
        self.lock().remove(id);
    }

    /// Ends every expired session (run periodically, so an idle session's sockets close on time).
    pub fn sweep(&self) {
        let now = Instant::now();
        self.lock().retain(|_, s| !self.expired(s, now));
    }

    pub fn count(&self) -> usize {
        self.lock().len()
    }

    fn expired(&self, session: &Session, now: Instant) -> bool {
        now.duration_since(session.last_seen) > self.idle
            || now.duration_since(session.created) > self.absolute
    }
}

/// 16 random bytes from the operating system, hex-encoded.
fn new_id() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The session cookie's name and attributes, in one place.
#[derive(Debug, Clone, Copy)]
pub struct Cookie {
    pub secure: bool,
}

impl Cookie {
    pub fn name(self) -> &'static str {
        if self.secure {
            "__Host-panel_session"
        } else {
            "panel_session"
        }
    }

    /// The `Set-Cookie` value that gives the browser `id`.
    pub fn set(self, id: &str) -> String {
        format!("{}={id}; {}", self.name(), self.attributes())
    }

    /// The `Set-Cookie` value that makes the browser forget it.
    pub fn clear(self) -> String {
        format!("{}=; Max-Age=0; {}", self.name(), self.attributes())
    }

    fn attributes(self) -> &'static str {
        if self.secure {
            "Path=/; HttpOnly; SameSite=Strict; Secure"
        } else {
            "Path=/; HttpOnly; SameSite=Strict"
        }
    }

    /// The id a request's `Cookie` header carries, if it has the shape of one of ours.
    pub fn read(self, headers: &HeaderMap) -> Option<String> {
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == self.name())
            .map(|(_, value)| value.to_owned())
            .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Person {
        Person {
            username: "4224".into(),
            display_name: None,
        }
    }

    #[test]
    fn ids_are_fresh_128_bit_hex() {
        let s = Sessions::new(Duration::from_secs(60), Duration::from_secs(60));
        let a = s.create(person(), None).unwrap();
        let b = s.create(person(), None).unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(s.touch(&a).is_some());
    }

    #[test]
    fn idle_and_absolute_timeouts_end_sessions_and_their_signal() {
        let s = Sessions::new(Duration::from_millis(50), Duration::from_millis(120));
        let id = s.create(person(), None).unwrap();
        let active = s.touch(&id).unwrap();
        std::thread::sleep(Duration::from_millis(30));
        assert!(s.touch(&id).is_some(), "used within the idle time");
        std::thread::sleep(Duration::from_millis(30));
        assert!(s.touch(&id).is_some());
        std::thread::sleep(Duration::from_millis(70));
        assert!(s.touch(&id).is_none(), "past the absolute time");
        assert!(
            active.ended.has_changed().is_err(),
            "its sockets see the end"
        );
        let idle = s.create(person(), None).unwrap();
        std::thread::sleep(Duration::from_millis(60));
        s.sweep();
        assert_eq!(s.count(), 0);
        assert!(s.touch(&idle).is_none());
    }

    #[test]
    fn the_cookie_says_what_the_issue_asks() {
        let secure = Cookie { secure: true };
        assert_eq!(
            secure.set("ab"),
            "__Host-panel_session=ab; Path=/; HttpOnly; SameSite=Strict; Secure"
        );
        assert!(!Cookie { secure: false }.set("ab").contains("Secure"));
        let mut h = HeaderMap::new();
        let id = "0123456789abcdef0123456789abcdef";
        h.insert(
            "cookie",
            format!("other=1; __Host-panel_session={id}")
                .parse()
                .unwrap(),
        );
        assert_eq!(secure.read(&h).as_deref(), Some(id));
        assert_eq!(Cookie { secure: false }.read(&h), None);
        h.insert("cookie", "__Host-panel_session=../../etc".parse().unwrap());
        assert_eq!(secure.read(&h), None);
    }
}
