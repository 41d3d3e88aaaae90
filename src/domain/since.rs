//! Since when a user is in their status ("since 10:42 · 47 min"). iSymphony's status has no time; its
//! events do, and the gateway keeps them. A recorded change counts only if it is the one the current
//! status came from (same name and type): otherwise something changed while nothing was recording, and
//! the honest answer is "since before the history began", never an invented time.

use crate::api::gateway::StatusChange;
use crate::api::types::UserStatus;
use crate::domain::board::Presence;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// In this status since then (Unix ms).
    At(i64),
    /// No change recorded since the history began then.
    Before(i64),
}

/// Since when `status` holds, from the latest recorded change and when recording began (`None`: no
/// gateway, nothing known but what this page saw).
pub fn since(
    status: &UserStatus,
    changed: Option<&StatusChange>,
    recording_since: Option<i64>,
) -> Option<Since> {
    match changed {
        Some(c) if c.name == status.name && c.kind == status.kind => Some(Since::At(c.at)),
        _ => recording_since.map(Since::Before),
    }
}

/// The same for a row's presence: only a known status has a "since".
pub fn held(
    presence: &Presence,
    changed: Option<&StatusChange>,
    recording_since: Option<i64>,
) -> Option<Since> {
    match presence {
        Presence::Known(status) => since(status, changed, recording_since),
        _ => None,
    }
}

/// How long, in words: "under a minute", "47 min", "2 h 5 min", "3 days".
pub fn duration_words(ms: i64) -> String {
    let ms = ms.max(0);
    match ms {
        _ if ms < MINUTE => "under a minute".into(),
        _ if ms < HOUR => format!("{} min", ms / MINUTE),
        _ if ms < DAY => match (ms / HOUR, ms % HOUR / MINUTE) {
            (h, 0) => format!("{h} h"),
            (h, m) => format!("{h} h {m} min"),
        },
        _ => match ms / DAY {
            1 => "1 day".into(),
            d => format!("{d} days"),
        },
    }
}

/// The row's words: `since 10:42 · 47 min` within a day (the clock time given as `clock`), the date and
/// time beyond (`when`); `since before …` when the change was not recorded, the same way.
pub fn words(since: Since, now: i64, clock: &str, when: &str) -> String {
    let (before, at) = match since {
        Since::At(at) => ("", at),
        Since::Before(at) => ("before ", at),
    };
    match (since, now - at < DAY) {
        (Since::At(_), true) => format!("since {clock} · {}", duration_words(now - at)),
        (Since::Before(_), true) => format!("since before {clock}"),
        (_, false) => format!("since {before}{when}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::vocabulary::StatusType;

    fn status(name: &str, kind: StatusType) -> UserStatus {
        UserStatus {
            id: String::new(),
            configuration_id: String::new(),
            name: name.into(),
            kind,
            note: String::new(),
            return_time: -1,
            user_created: true,
        }
    }

    fn change(at: i64, name: &str, kind: StatusType) -> StatusChange {
        StatusChange {
            at,
            name: name.into(),
            kind,
        }
    }

    #[test]
    fn a_recorded_change_counts_only_if_the_status_came_from_it() {
        let lunch = status("Lunch", StatusType::Away);
        let recorded = change(500, "Lunch", StatusType::Away);
        assert_eq!(
            since(&lunch, Some(&recorded), Some(100)),
            Some(Since::At(500))
        );
        let other = change(500, "Lunch", StatusType::DoNotDisturb);
        assert_eq!(
            since(&lunch, Some(&other), Some(100)),
            Some(Since::Before(100))
        );
        assert_eq!(since(&lunch, None, Some(100)), Some(Since::Before(100)));
        assert_eq!(
            since(&lunch, None, None),
            None,
            "no gateway, no event seen: nothing said"
        );
        assert_eq!(
            since(&lunch, Some(&recorded), None),
            Some(Since::At(500)),
            "an event this page saw"
        );
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration_words(-5), "under a minute");
        assert_eq!(duration_words(59_999), "under a minute");
        assert_eq!(duration_words(47 * MINUTE + 59_000), "47 min");
        assert_eq!(duration_words(2 * HOUR), "2 h");
        assert_eq!(duration_words(2 * HOUR + 5 * MINUTE), "2 h 5 min");
        assert_eq!(duration_words(DAY + HOUR), "1 day");
        assert_eq!(duration_words(3 * DAY), "3 days");
    }

    #[test]
    fn the_rows_words() {
        assert_eq!(
            words(Since::At(0), 47 * MINUTE, "10:42", "1 Dec"),
            "since 10:42 · 47 min"
        );
        assert_eq!(
            words(Since::At(0), 2 * DAY, "10:42", "29 Nov, 10:42"),
            "since 29 Nov, 10:42"
        );
        assert_eq!(
            words(Since::Before(0), 5, "09:00", "1 Dec, 09:00"),
            "since before 09:00"
        );
        assert_eq!(
            words(Since::Before(0), 2 * DAY, "09:00", "1 Dec, 09:00"),
            "since before 1 Dec, 09:00"
        );
    }
}
