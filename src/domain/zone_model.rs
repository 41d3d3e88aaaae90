//! Tests' model of a time zone: an offset from UTC that may change at one instant (a daylight-saving
//! change), for the pure date logic that the browser's `Date` does in the app.

use crate::domain::audit::{civil_from_days, days_from_civil};
use crate::domain::return_time::LocalDateTime;

const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

/// A zone as an offset from UTC that may change at an instant (a daylight-saving change).
pub(crate) struct Zone {
    pub before: i64,
    pub after: i64,
    pub change: i64,
}

impl Zone {
    pub fn fixed(offset_h: i64) -> Zone {
        Zone {
            before: offset_h * 3_600_000,
            after: offset_h * 3_600_000,
            change: 0,
        }
    }

    fn offset(&self, utc: i64) -> i64 {
        if utc < self.change {
            self.before
        } else {
            self.after
        }
    }

    pub fn local(&self, utc: i64) -> LocalDateTime {
        let wall = utc + self.offset(utc);
        let (y, m, d) = civil_from_days(wall.div_euclid(DAY));
        let minutes = wall.rem_euclid(DAY) / MINUTE;
        LocalDateTime {
            year: y as i32,
            month: m as u32,
            day: d as u32,
            hour: (minutes / 60) as u32,
            minute: (minutes % 60) as u32,
        }
    }

    pub fn epoch(&self, l: LocalDateTime) -> Option<i64> {
        let days = days_from_civil(l.year as i64, l.month as i64, l.day as i64);
        let wall = days * DAY + (l.hour as i64 * 60 + l.minute as i64) * MINUTE;
        // The offset in force at that wall time (good enough away from the skipped hour itself).
        Some(wall - self.offset(wall - self.before))
    }
}
