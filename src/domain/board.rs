//! The status board's rows as plain data: who is on the board, in what order, and what is known of their
//! presence. Rows are keyed by username (live ids change when iSymphony restarts).

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::api::types::{ConfigUser, LiveUser, UserStatus};

/// One person on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub username: String,
    pub configuration_id: String,
    pub display_name: String,
    /// `false` for a lite user, who has no presence.
    pub full: bool,
}

/// What the board knows of one member's presence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    Loading,
    /// A lite user: no status resource exists.
    Lite,
    Known(UserStatus),
    /// The status could not be read; the sentence says why.
    Failed(String),
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
        .map(|u| Member {
            full: full
                .get(u.configuration_id.as_str())
                .copied()
                .unwrap_or(true),
            username: u.user_name,
            configuration_id: u.configuration_id,
            display_name: u.displayed_name,
        })
        .collect();
    members.sort_by(|a, b| {
        by_name(
            (&a.display_name, &a.username),
            (&b.display_name, &b.username),
        )
    });
    members
}

/// Orders people the way a person reads a list — by display name, case and accents not mattering — with
/// the username breaking ties. Arguments are (display name, username).
pub fn by_name(a: (&str, &str), b: (&str, &str)) -> Ordering {
    fold(a.0).cmp(&fold(b.0)).then_with(|| a.1.cmp(b.1))
}

/// Lower-cases and strips the accents of Latin letters, for sorting and matching.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(strip_accent)
        .collect()
}

fn strip_accent(c: char) -> char {
    const FROM: &str =
        "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    const TO: &str =
        "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrssssttttuuuuuuuuuuwyyyzzz";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
