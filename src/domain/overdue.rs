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
}
