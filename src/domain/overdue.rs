//! Who is overdue, and the two one-click answers a supervisor gives them. A user is *overdue* when the
//! status they are in has a return time that has passed: a change of status brings its own return time (or
//! none), so a past one means nothing has changed since. Someone Available is back whatever the return
//! time says, and a user without presence has no return time to pass.

use crate::api::types::{SetStatus, UserStatus};
use crate::api::vocabulary::StatusType;
use crate::domain::board::Presence;
use crate::domain::recent::Preset;

const MINUTE_MS: i64 = 60_000;

/// How long ago the return time passed, in ms; `None` when the user is not overdue at `now`.
pub fn overdue_by(presence: &Presence, now: i64) -> Option<i64> {
    match presence {
        Presence::Known(s)
            if s.kind != StatusType::Available && s.return_time >= 0 && now > s.return_time =>
        {
            Some(now - s.return_time)
        }
        _ => None,
    }
}

/// How long past a return time the browser tells the supervisor (when they turned its notifications on).
pub const ALERT_AFTER_MS: i64 = 15 * MINUTE_MS;

/// The return time to tell of, and what to say, once `name` is [`ALERT_AFTER_MS`] or more past it:
/// "Olivia Bennett is 15 minutes past their return time." (Once per user per return time: the caller keeps
/// the return times told of.)
pub fn alert(name: &str, presence: &Presence, now: i64) -> Option<(i64, String)> {
    let by = overdue_by(presence, now).filter(|by| *by >= ALERT_AFTER_MS)?;
    let back = presence.known()?.return_time;
    let minutes = by / MINUTE_MS;
    let length = if minutes >= 120 {
        format!("{} hours", minutes / 60)
    } else {
        format!("{minutes} minutes")
    };
    Some((back, format!("{name} is {length} past their return time.")))
}

/// The same status, back `minutes` from `now` (to the minute, as the editor's field holds it).
pub fn later(status: &UserStatus, now: i64, minutes: i64) -> SetStatus {
    SetStatus {
        return_time: (now / MINUTE_MS + minutes) * MINUTE_MS,
        ..SetStatus::from(status)
    }
}

/// Back: Available, with no note and no return time.
pub fn back() -> SetStatus {
    Preset::available().to_set()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_764_600_000_000;

    fn status(kind: StatusType, return_time: i64) -> UserStatus {
        UserStatus {
            id: "s".into(),
            configuration_id: "c".into(),
            name: "Lunch".into(),
            kind,
            note: "Canteen".into(),
            return_time,
            user_created: true,
        }
    }

    fn known(kind: StatusType, return_time: i64) -> Presence {
        Presence::Known(status(kind, return_time))
    }

    #[test]
    fn a_passed_return_time_is_overdue_by_how_long_ago() {
        let p = known(StatusType::Away, NOW - 25 * MINUTE_MS);
        assert_eq!(overdue_by(&p, NOW), Some(25 * MINUTE_MS));
    }

    #[test]
    fn a_return_time_still_ahead_or_this_very_ms_is_not_overdue() {
        assert_eq!(overdue_by(&known(StatusType::Away, NOW + 1), NOW), None);
        assert_eq!(overdue_by(&known(StatusType::Away, NOW), NOW), None);
        assert_eq!(overdue_by(&known(StatusType::Away, NOW - 1), NOW), Some(1));
    }

    #[test]
    fn no_return_time_available_lite_and_unread_users_are_never_overdue() {
        let long_ago = NOW - 3_600_000;
        for p in [
            known(StatusType::DoNotDisturb, -1),
            known(StatusType::Available, long_ago),
            Presence::Lite,
            Presence::Unlicensed,
            Presence::Loading,
            Presence::Failed("timed out".into()),
        ] {
            assert_eq!(overdue_by(&p, NOW), None, "{p:?}");
        }
    }

    #[test]
    fn later_keeps_the_status_and_moves_the_return_time_to_the_minute() {
        let s = status(StatusType::Away, NOW - 25 * MINUTE_MS);
        let now = NOW + 42_123;
        let set = later(&s, now, 15);
        assert_eq!(
            (set.name.as_str(), &set.kind, set.note.as_str()),
            ("Lunch", &StatusType::Away, "Canteen")
        );
        assert_eq!(set.return_time % MINUTE_MS, 0);
        assert_eq!(
            set.return_time,
            (now / MINUTE_MS) * MINUTE_MS + 15 * MINUTE_MS
        );
        assert!(set.return_time > now + 14 * MINUTE_MS && set.return_time <= now + 15 * MINUTE_MS);
    }

    #[test]
    fn back_is_available_with_nothing_else() {
        let set = back();
        assert_eq!(set.kind, StatusType::Available);
        assert_eq!((set.note.as_str(), set.return_time), ("", -1));
    }

    #[test]
    fn the_browser_is_told_from_fifteen_minutes_past_and_in_words() {
        let lunch = known(StatusType::Away, NOW - 14 * MINUTE_MS);
        assert_eq!(alert("Olivia Bennett", &lunch, NOW), None);
        let (back, words) = alert("Olivia Bennett", &lunch, NOW + MINUTE_MS).unwrap();
        assert_eq!(back, NOW - 14 * MINUTE_MS);
        assert_eq!(
            words,
            "Olivia Bennett is 15 minutes past their return time."
        );
        let (_, long) = alert("Olivia Bennett", &lunch, NOW + 3 * 60 * MINUTE_MS).unwrap();
        assert_eq!(long, "Olivia Bennett is 3 hours past their return time.");
        assert_eq!(
            alert(
                "x",
                &known(StatusType::Available, NOW - 60 * MINUTE_MS),
                NOW
            ),
            None
        );
        assert_eq!(alert("x", &Presence::Lite, NOW), None);
    }
}
