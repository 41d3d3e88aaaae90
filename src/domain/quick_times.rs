//! One-click return times for the editor: in 15 or 30 minutes or an hour, at the end of the working day,
//! tomorrow at its start. "In 15 minutes" is 15 minutes of real time (across a daylight-saving change
//! too); the day's ends are wall-clock times in the browser's zone. The zone's arithmetic is the caller's
//! (the browser's `Date` in the app), so these are plain functions of it.

use crate::domain::audit::{civil_from_days, days_from_civil};
use crate::domain::return_time::LocalDateTime;

const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

/// The working day, as wall-clock (hour, minute) pairs; `config.json`'s `workday`, 09:00–17:00 by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workday {
    pub start: (u32, u32),
    pub end: (u32, u32),
}

impl Default for Workday {
    fn default() -> Self {
        Workday {
            start: (9, 0),
            end: (17, 0),
        }
    }
}

impl Workday {
    /// Reads `"09:00"`-style times; the error names what is wrong.
    pub fn parse(start: &str, end: &str) -> Result<Workday, String> {
        let day = Workday {
            start: clock(start).ok_or_else(|| format!("workday start {start:?} is not HH:MM"))?,
            end: clock(end).ok_or_else(|| format!("workday end {end:?} is not HH:MM"))?,
        };
        if day.start >= day.end {
            return Err(format!("workday start {start} is not before its end {end}"));
        }
        Ok(day)
    }
}

fn clock(text: &str) -> Option<(u32, u32)> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && text.trim().len() == 5).then_some((h, m))
}

/// A return time named the way people say it; the editor's buttons and `config.json`'s presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quick {
    InMinutes(i64),
    EndOfDay,
    /// Tomorrow at this wall-clock (hour, minute).
    TomorrowAt((u32, u32)),
    /// The next such weekday (0 = Sunday) after today — a week ahead when today is one — at this time.
    NextWeekday(u32, (u32, u32)),
}

/// The editor's choices, in order, with their labels.
pub fn choices(day: Workday) -> Vec<(Quick, String)> {
    let (h, m) = day.start;
    vec![
        (Quick::InMinutes(15), "+15 min".into()),
        (Quick::InMinutes(30), "+30 min".into()),
        (Quick::InMinutes(60), "+1 h".into()),
        (Quick::EndOfDay, "End of day".into()),
        (
            Quick::TomorrowAt(day.start),
            format!("Tomorrow {h:02}:{m:02}"),
        ),
    ]
}

/// The local time a choice names at `now` (Unix ms), through the zone's conversions. The end of the day
/// once it has passed is tomorrow's.
pub fn resolve(
    choice: Quick,
    now: i64,
    day: Workday,
    to_local: impl Fn(i64) -> LocalDateTime,
    to_epoch: impl Fn(LocalDateTime) -> Option<i64>,
) -> Option<LocalDateTime> {
    let at = |date: LocalDateTime, (hour, minute): (u32, u32)| LocalDateTime {
        hour,
        minute,
        ..date
    };
    let today = to_local(now);
    // Noon tomorrow is tomorrow's date whatever a daylight-saving night does to the hours.
    let tomorrow = to_local(to_epoch(at(today, (12, 0)))? + DAY);
    match choice {
        Quick::InMinutes(m) => Some(to_local(now + m * MINUTE)),
        Quick::EndOfDay => {
            let end = at(today, day.end);
            Some(if to_epoch(end)? > now {
                end
            } else {
                at(tomorrow, day.end)
            })
        }
        Quick::TomorrowAt(time) => Some(at(tomorrow, time)),
        Quick::NextWeekday(weekday, time) => {
            let today_days = days_from_civil(
                i64::from(today.year),
                i64::from(today.month),
                i64::from(today.day),
            );
            // 1970-01-01, day 0, was a Thursday (4).
            let ahead = (i64::from(weekday) - (today_days + 4)).rem_euclid(7);
            let ahead = if ahead == 0 { 7 } else { ahead };
            let (year, month, day) = civil_from_days(today_days + ahead);
            Some(LocalDateTime {
                year: year as i32,
                month: month as u32,
                day: day as u32,
                hour: time.0,
                minute: time.1,
            })
        }
    }
}

/// `"09:00"` → (9, 0); `None` unless exactly `HH:MM`.
pub fn parse_clock(text: &str) -> Option<(u32, u32)> {
    clock(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::zone_model::Zone;

    fn l(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> LocalDateTime {
        LocalDateTime {
            year,
            month,
            day,
            hour,
            minute,
        }
    }

    fn pick(zone: &Zone, choice: Quick, now: LocalDateTime) -> LocalDateTime {
        let now = zone.epoch(now).unwrap();
        resolve(
            choice,
            now,
            Workday::default(),
            |t| zone.local(t),
            |t| zone.epoch(t),
        )
        .unwrap()
    }

    #[test]
    fn new_york_evening_rolls_the_end_of_day_and_tomorrow_over_the_month_and_year() {
        let ny = Zone::fixed(-5);
        let late = l(2026, 12, 31, 18, 40);
        assert_eq!(
            pick(&ny, Quick::InMinutes(30), late),
            l(2026, 12, 31, 19, 10)
        );
        assert_eq!(
            pick(&ny, Quick::EndOfDay, late),
            l(2027, 1, 1, 17, 0),
            "past the end: tomorrow's"
        );
        assert_eq!(
            pick(&ny, Quick::TomorrowAt((9, 0)), late),
            l(2027, 1, 1, 9, 0)
        );
        assert_eq!(
            pick(&ny, Quick::EndOfDay, l(2026, 12, 31, 10, 0)),
            l(2026, 12, 31, 17, 0)
        );
        assert_eq!(
            pick(&ny, Quick::InMinutes(60), l(2026, 11, 30, 23, 30)),
            l(2026, 12, 1, 0, 30),
            "across midnight"
        );
    }

    #[test]
    fn sydney_ahead_of_utc_reads_its_own_dates() {
        let sydney = Zone::fixed(11);
        assert_eq!(
            pick(&sydney, Quick::TomorrowAt((9, 0)), l(2027, 2, 28, 8, 0)),
            l(2027, 3, 1, 9, 0)
        );
        assert_eq!(
            pick(&sydney, Quick::InMinutes(15), l(2027, 2, 28, 23, 50)),
            l(2027, 3, 1, 0, 5)
        );
    }

    #[test]
    fn fifteen_minutes_across_the_spring_forward_night_are_fifteen_real_minutes() {
        // New York, 2027-03-14: 02:00 EST becomes 03:00 EDT (07:00 UTC).
        let change = days_from_civil(2027, 3, 14) * DAY + 7 * 3_600_000;
        let ny = Zone {
            before: -5 * 3_600_000,
            after: -4 * 3_600_000,
            change,
        };
        assert_eq!(
            pick(&ny, Quick::InMinutes(15), l(2027, 3, 14, 1, 50)),
            l(2027, 3, 14, 3, 5)
        );
        assert_eq!(
            pick(&ny, Quick::TomorrowAt((9, 0)), l(2027, 3, 13, 22, 0)),
            l(2027, 3, 14, 9, 0)
        );
    }

    #[test]
    fn next_monday_is_after_today_in_new_york_and_sydney_and_across_the_spring_forward_night() {
        const MONDAY: u32 = 1;
        let ny = Zone::fixed(-5);
        // Tuesday 2026-12-01 → Monday 2026-12-07; a Monday → the Monday a week on.
        assert_eq!(
            pick(
                &ny,
                Quick::NextWeekday(MONDAY, (9, 0)),
                l(2026, 12, 1, 10, 0)
            ),
            l(2026, 12, 7, 9, 0)
        );
        assert_eq!(
            pick(
                &ny,
                Quick::NextWeekday(MONDAY, (9, 0)),
                l(2026, 12, 7, 8, 0)
            ),
            l(2026, 12, 14, 9, 0)
        );
        // Sunday evening in New York, 2026-12-27 → Monday 2026-12-28; from Thursday 2026-12-31 over the
        // year's end.
        assert_eq!(
            pick(
                &ny,
                Quick::NextWeekday(MONDAY, (9, 0)),
                l(2026, 12, 27, 23, 0)
            ),
            l(2026, 12, 28, 9, 0)
        );
        assert_eq!(
            pick(
                &ny,
                Quick::NextWeekday(MONDAY, (8, 30)),
                l(2026, 12, 31, 12, 0)
            ),
            l(2027, 1, 4, 8, 30)
        );
        // Sydney's Monday morning is still Sunday in UTC: its own date decides.
        let sydney = Zone::fixed(11);
        assert_eq!(
            pick(
                &sydney,
                Quick::NextWeekday(MONDAY, (9, 0)),
                l(2027, 2, 28, 8, 0)
            ),
            l(2027, 3, 1, 9, 0)
        );
        let change = days_from_civil(2027, 3, 14) * DAY + 7 * 3_600_000;
        let dst = Zone {
            before: -5 * 3_600_000,
            after: -4 * 3_600_000,
            change,
        };
        // Saturday 2027-03-13 22:00, the night before the change → Monday 09:00 EDT.
        assert_eq!(
            pick(
                &dst,
                Quick::NextWeekday(MONDAY, (9, 0)),
                l(2027, 3, 13, 22, 0)
            ),
            l(2027, 3, 15, 9, 0)
        );
        assert_eq!(
            pick(&dst, Quick::TomorrowAt((9, 0)), l(2027, 3, 13, 22, 0)),
            l(2027, 3, 14, 9, 0)
        );
    }

    #[test]
    fn a_working_day_reads_from_config_or_says_what_is_wrong() {
        assert_eq!(
            Workday::parse("08:30", "16:45"),
            Ok(Workday {
                start: (8, 30),
                end: (16, 45)
            })
        );
        assert!(Workday::parse("8:30", "16:45")
            .unwrap_err()
            .contains("start \"8:30\""));
        assert!(Workday::parse("09:00", "25:00")
            .unwrap_err()
            .contains("end"));
        assert!(Workday::parse("17:00", "09:00")
            .unwrap_err()
            .contains("not before"));
        assert_eq!(choices(Workday::default())[4].1, "Tomorrow 09:00");
    }
}
