//! "Tell me when they are back": a watch on one user ends when they become Available or log in (as
//! chosen), and the panel says so. Watches are kept in this browser per core server, so they are plain data
//! here: what a watch waits for, whether it fires, and what is said when it does.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::api::vocabulary::StatusType;
use crate::domain::board::Presence;

/// What a watch waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Until {
    /// An Available status while logged in (or not known to be logged out).
    Available,
    /// A login.
    Login,
}

impl Until {
    pub const ALL: [Until; 2] = [Until::Available, Until::Login];

    pub fn as_str(self) -> &'static str {
        match self {
            Until::Available => "available",
            Until::Login => "login",
        }
    }

    pub fn parse(raw: &str) -> Option<Until> {
        Until::ALL.into_iter().find(|u| u.as_str() == raw)
    }

    /// "until … becomes Available".
    pub fn label(self) -> &'static str {
        match self {
            Until::Available => "becomes Available",
            Until::Login => "logs in",
        }
    }

    /// "until they …".
    pub fn infinitive(self) -> &'static str {
        match self {
            Until::Available => "become Available",
            Until::Login => "log in",
        }
    }

    /// What a new watch on someone waits for: a login for someone logged out or a lite user (who has no
    /// status to become Available), else Available.
    pub fn for_now(full: bool, online: Option<bool>) -> Until {
        if !full || online == Some(false) {
            Until::Login
        } else {
            Until::Available
        }
    }

    /// Whether it holds for this presence; `None` while that is not known yet (a status still loading).
    pub fn holds(self, presence: &Presence, online: Option<bool>) -> Option<bool> {
        match self {
            Until::Login => online,
            Until::Available => match presence {
                _ if online == Some(false) => Some(false),
                Presence::Known(s) => Some(s.kind == StatusType::Available),
                Presence::Loading => None,
                // A lite or unreadable user never becomes Available on this board.
                Presence::Lite | Presence::Unlicensed | Presence::Failed(_) => Some(false),
            },
        }
    }
}

/// One watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    pub username: String,
    /// Their display name when the watch was set, for the list and the news.
    pub name: String,
    pub until: Until,
}

impl Watch {
    /// What the panel (and the browser) says when it fires.
    pub fn news(&self) -> String {
        match self.until {
            Until::Available => format!("{} is available.", self.name),
            Until::Login => format!("{} logged in.", self.name),
        }
    }

    /// What is said instead of setting a watch that would fire at once.
    pub fn already(&self) -> String {
        match self.until {
            Until::Available => format!("{} is already available.", self.name),
            Until::Login => format!("{} is already logged in.", self.name),
        }
    }
}

/// Every watch this browser keeps, by core server slug (so one server's watches never fire on another's
/// board), each server's in the order they were set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WatchBook(BTreeMap<String, Vec<Watch>>);

impl WatchBook {
    pub fn of(&self, slug: &str) -> &[Watch] {
        self.0.get(slug).map_or(&[], Vec::as_slice)
    }

    pub fn is_watching(&self, slug: &str, username: &str) -> bool {
        self.of(slug).iter().any(|w| w.username == username)
    }

    /// Sets a watch (replacing one on the same user).
    pub fn set(&mut self, slug: &str, watch: Watch) {
        let list = self.0.entry(slug.to_owned()).or_default();
        list.retain(|w| w.username != watch.username);
        list.push(watch);
    }

    /// Ends the watch on `username`; returns it if there was one.
    pub fn end(&mut self, slug: &str, username: &str) -> Option<Watch> {
        let list = self.0.get_mut(slug)?;
        let at = list.iter().position(|w| w.username == username)?;
        let watch = list.remove(at);
        if list.is_empty() {
            self.0.remove(slug);
        }
        Some(watch)
    }

    /// The watches of `slug` that fire now, given each watched user's presence (`None`: not on the board).
    pub fn firing(
        &self,
        slug: &str,
        presence_of: impl Fn(&str) -> Option<(Presence, Option<bool>)>,
    ) -> Vec<Watch> {
        self.of(slug)
            .iter()
            .filter(|w| {
                presence_of(&w.username)
                    .and_then(|(p, online)| w.until.holds(&p, online))
                    .unwrap_or(false)
            })
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::known_of as known;

    fn watch(username: &str, until: Until) -> Watch {
        Watch {
            username: username.into(),
            name: format!("User {username}"),
            until,
        }
    }

    #[test]
    fn available_holds_for_an_available_status_unless_logged_out() {
        let a = Until::Available;
        assert_eq!(
            a.holds(&known(StatusType::Available), Some(true)),
            Some(true)
        );
        assert_eq!(a.holds(&known(StatusType::Available), None), Some(true));
        assert_eq!(
            a.holds(&known(StatusType::Available), Some(false)),
            Some(false)
        );
        assert_eq!(a.holds(&known(StatusType::Chat), Some(true)), Some(false));
        assert_eq!(a.holds(&known(StatusType::Away), Some(true)), Some(false));
        assert_eq!(a.holds(&Presence::Loading, Some(true)), None);
        assert_eq!(a.holds(&Presence::Lite, Some(true)), Some(false));
        let l = Until::Login;
        assert_eq!(l.holds(&known(StatusType::Away), Some(true)), Some(true));
        assert_eq!(l.holds(&Presence::Loading, None), None);
        assert_eq!(
            l.holds(&known(StatusType::Available), Some(false)),
            Some(false)
        );
        assert_eq!(Until::for_now(true, Some(false)), Until::Login);
        assert_eq!(Until::for_now(true, None), Until::Available);
        assert_eq!(Until::for_now(false, Some(false)), Until::Login);
    }

    #[test]
    fn watches_are_kept_per_server_and_fire_when_their_condition_holds() {
        let mut book = WatchBook::default();
        book.set("default", watch("4205", Until::Available));
        book.set("default", watch("4206", Until::Login));
        book.set("branch", watch("4205", Until::Available));
        // Setting again replaces.
        book.set("default", watch("4205", Until::Available));
        assert_eq!(book.of("default").len(), 2);
        assert!(book.is_watching("branch", "4205"));
        assert!(!book.is_watching("branch", "4206"));

        let presence = |u: &str| match u {
            "4205" => Some((known(StatusType::Available), Some(true))),
            "4206" => Some((known(StatusType::Available), Some(false))),
            _ => None,
        };
        let firing = book.firing("default", presence);
        assert_eq!(firing, [watch("4205", Until::Available)]);
        assert_eq!(firing[0].news(), "User 4205 is available.");
        assert_eq!(
            book.end("default", "4205"),
            Some(watch("4205", Until::Available))
        );
        assert_eq!(book.end("default", "4205"), None);
        // Not on the board (another server's user, or gone): never fires.
        assert!(book.firing("default", |_| None).is_empty());
        book.end("default", "4206");
        assert!(book.of("default").is_empty());
        assert_eq!(book.of("branch").len(), 1);
    }

    #[test]
    fn the_book_round_trips_through_json_and_a_stale_entry_reads_as_empty() {
        let mut book = WatchBook::default();
        book.set("default", watch("4205", Until::Login));
        let json = serde_json::to_string(&book).unwrap();
        assert_eq!(
            json,
            r#"{"default":[{"username":"4205","name":"User 4205","until":"login"}]}"#
        );
        assert_eq!(serde_json::from_str::<WatchBook>(&json).unwrap(), book);
        assert!(serde_json::from_str::<WatchBook>(r#"{"default":[{"until":"soon"}]}"#).is_err());
        assert_eq!(Until::parse("login"), Some(Until::Login));
        assert_eq!(Until::parse("lunch"), None);
    }
}
