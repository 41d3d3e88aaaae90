//! The status board's rows as plain data: who is on the board, in what order, and what is known of their
//! presence. Rows are keyed by username (live ids change when iSymphony restarts).

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::api::types::{ConfigUser, LiveUser, UserStatus};
use crate::domain::sort;

/// One person on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub username: String,
    pub configuration_id: String,
    pub display_name: String,
    /// `false` for a lite user, who has no presence.
    pub full: bool,
    /// The display name and username folded (see [`fold`]) once, for sorting and filtering: the board
    /// sorts and filters thousands of members at every keystroke in its filter.
    folded: (String, String),
}

impl Member {
    pub fn new(
        username: String,
        configuration_id: String,
        display_name: String,
        full: bool,
    ) -> Self {
        let folded = (fold(&display_name), fold(&username));
        Member {
            username,
            configuration_id,
            display_name,
            full,
            folded,
        }
    }

    /// The order people read a list in: by display name, case and accents not mattering, with the
    /// username breaking ties.
    pub fn by_name(&self, other: &Member) -> Ordering {
        (&self.folded.0, &self.username).cmp(&(&other.folded.0, &other.username))
    }

    /// Whether the display name or the username contains `needle` (already folded).
    pub fn name_contains(&self, needle: &str) -> bool {
        contains(&self.folded.0, needle) || contains(&self.folded.1, needle)
    }
}

/// `haystack.contains(needle)` for the short strings of a board: a scan for the needle's first byte.
/// `str::contains` prepares a Two-Way searcher at every call, which at 5,000 members (two names each)
/// was a tenth of a filter keystroke's script time. Bytes are enough: a valid UTF-8 needle can only
/// match whole characters of a valid UTF-8 haystack.
fn contains(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else {
        return false;
    };
    (0..=last_start).any(|i| haystack[i] == first && &haystack[i + 1..i + needle.len()] == rest)
}

/// What the board knows of one member's presence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    Loading,
    /// A lite user: no status resource exists.
    Lite,
    /// A full user of a core server with no licence installed: iSymphony gives no one's presence.
    Unlicensed,
    Known(UserStatus),
    /// The status could not be read; the sentence says why.
    Failed(String),
}

/// What the board and the groups page say, once, when the core server has no licence.
pub const NO_LICENCE: &str = "This core server has no licence installed, so iSymphony gives no one's \
    presence and no status can be set. Install (or renew) the licence in iSymphony's administration, \
    then reload this page.";

impl Presence {
    /// Whether there is a presence to show or set: not for a lite user, nor without a licence.
    pub fn has_presence(&self) -> bool {
        !matches!(self, Presence::Lite | Presence::Unlicensed)
    }

    /// The status, when it is known.
    pub fn known(&self) -> Option<&UserStatus> {
        match self {
            Presence::Known(status) => Some(status),
            _ => None,
        }
    }
}

/// Joins the live users with the configuration users (for the `full` flag), sorted by display name.
/// Without configuration users (an ACL may hide them) everyone counts as full until their status says 403.
pub fn members(live: Vec<LiveUser>, config: Option<&[ConfigUser]>) -> Vec<Member> {
    let full: HashMap<&str, bool> = config
        .unwrap_or_default()
        .iter()
        .map(|u| (u.id.as_str(), u.full))
        .collect();
    let mut members: Vec<Member> = live
        .into_iter()
        .map(|u| {
            let full = full
                .get(u.configuration_id.as_str())
                .copied()
                .unwrap_or(true);
            let name = u.name().to_owned();
            Member::new(u.user_name, u.configuration_id, name, full)
        })
        .collect();
    sort::sort_by(&mut members, Member::by_name);
    members
}

/// The sort key of [`Member::by_name`]'s order for people who are not board members (a group's users):
/// sort with [`sort::sort_by_cached_key`], so each name is folded once.
pub fn name_key(display_name: &str, username: &str) -> (String, String) {
    (fold(display_name), username.to_owned())
}

/// Whether `text` contains `needle` (already folded), ignoring case and accents; without allocating
/// when `text` is plain ASCII, as most statuses and notes are.
pub fn folded_contains(text: &str, needle: &str) -> bool {
    if !text.is_ascii() {
        return fold(text).contains(needle);
    }
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    needle.is_empty()
        || text
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Lower-cases and strips the accents of Latin letters, for sorting and matching.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .flat_map(char::to_lowercase)
        .map(strip_accent)
        .collect()
}

fn strip_accent(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    const FROM: &str =
        "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    const TO: &str =
        "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrssssttttuuuuuuuuuuwyyyzzz";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// A known status of `kind`, named "x", with no note or return time: the domain's tests' presence.
#[cfg(test)]
pub fn known_of(kind: crate::api::vocabulary::StatusType) -> Presence {
    Presence::Known(UserStatus {
        id: String::new(),
        configuration_id: String::new(),
        name: "x".into(),
        kind,
        note: String::new(),
        return_time: -1,
        user_created: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_agrees_with_str_contains() {
        let hays = [
            "",
            "a",
            "ada lovelace",
            "ölçüm şenol",
            "aaab",
            "müller-lüdenscheidt",
            "x\u{1f600}y",
        ];
        let needles = [
            "",
            "a",
            "ab",
            "aab",
            "lace",
            "ada lovelace!",
            "ş",
            "lüd",
            "\u{1f600}",
            "zz",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(contains(h, n), h.contains(n), "{h:?} contains {n:?}");
            }
        }
    }

    fn live(name: &str, id: &str, display: &str) -> LiveUser {
        LiveUser {
            id: format!("live-{id}"),
            configuration_id: id.into(),
            user_name: name.into(),
            displayed_name: display.into(),
        }
    }

    fn config(id: &str, full: bool) -> ConfigUser {
        ConfigUser {
            id: id.into(),
            username: String::new(),
            enabled: true,
            full,
            display_name: String::new(),
            last_password_changed_at: None,
            permission_display_name: None,
            permission_id: None,
        }
    }

    #[test]
    fn lite_users_come_from_the_configuration() {
        let rows = members(
            vec![live("4201", "a", "Zoë"), live("lobby", "b", "Lobby Phone")],
            Some(&[config("a", true), config("b", false)]),
        );
        assert_eq!(
            rows.iter()
                .map(|m| (m.username.as_str(), m.full))
                .collect::<Vec<_>>(),
            [("lobby", false), ("4201", true)]
        );
    }

    #[test]
    fn without_configuration_everyone_is_assumed_full() {
        let rows = members(vec![live("x", "a", "X")], None);
        assert!(rows[0].full);
    }

    #[test]
    fn names_sort_ignoring_case_and_accents() {
        let rows = members(
            vec![
                live("3", "c", "émile"),
                live("1", "a", "Zack"),
                live("2", "b", "Eva"),
                live("4", "d", "adam"),
            ],
            None,
        );
        let names: Vec<_> = rows.iter().map(|m| m.display_name.as_str()).collect();
        assert_eq!(names, ["adam", "émile", "Eva", "Zack"]);
        assert_eq!(fold("Józef WÓJCIK"), "jozef wojcik");
        assert_eq!(fold("Chloé"), "chloe");
        assert_eq!(fold("Back AFTER lunch"), "back after lunch");
    }

    #[test]
    fn folded_contains_ignores_case_and_accents_with_or_without_allocating() {
        assert!(folded_contains("Back AFTER lunch", "after l"));
        assert!(folded_contains("Réunion à Genève", "geneve"));
        assert!(folded_contains("anything", ""));
        assert!(!folded_contains("Lunch", "lunches"));
        assert!(!folded_contains("Lunch", "é"));
        // A folded needle never has capitals; ASCII text matches it either way.
        assert!(folded_contains("LUNCH", "lunch"));
    }
}
