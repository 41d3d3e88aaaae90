//! A return time relative to now ("back in 25 min", "overdue by 2 h"): the amount and unit are chosen here;
//! the words come from the browser's `Intl` in the supervisor's language (see `format`).

use crate::domain::return_time::check_ms;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
}

impl Unit {
    /// The unit's name for `Intl.RelativeTimeFormat` and `Intl.NumberFormat`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relative {
    pub amount: i64,
    pub unit: Unit,
    /// The return time has passed.
    pub overdue: bool,
}

/// How far `at_ms` is from `now_ms`, rounded to a unit a person would say; `None` for "no return time".
pub fn relative(now_ms: i64, at_ms: i64) -> Option<Relative> {
    if at_ms < 0 || check_ms(at_ms).is_err() {
        return None;
    }
    let diff = at_ms - now_ms;
    let span = diff.abs();
    let (amount, unit) = if span < HOUR {
        ((span + MINUTE / 2) / MINUTE, Unit::Minute)
    } else if span < 2 * DAY {
        ((span + HOUR / 2) / HOUR, Unit::Hour)
    } else {
        ((span + DAY / 2) / DAY, Unit::Day)
    };
    // A minute either side of now still counts as "in 1 minute" / "overdue by 1 minute".
    Some(Relative {
        amount: amount.max(1),
        unit,
        overdue: diff < 0,
    })
}

/// Browser: the words, e.g. "back in 25 minutes" or "overdue by 2 hours", in the browser's language.
pub fn format(relative: Relative) -> String {
    use js_sys::{Intl, Object, Reflect};
    let language = js_sys::Array::of1(&crate::domain::locale::language().into());
    let options = Object::new();
    if relative.overdue {
        for (k, v) in [
            ("style", "unit"),
            ("unit", relative.unit.as_str()),
            ("unitDisplay", "long"),
        ] {
            let _ = Reflect::set(&options, &k.into(), &v.into());
        }
        let number = Intl::NumberFormat::new(&language, &options);
        let text: String = number
            .format()
            .call1(&number, &(relative.amount as f64).into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| format!("{} {}s", relative.amount, relative.unit.as_str()));
        format!("overdue by {text}")
    } else {
        let _ = Reflect::set(&options, &"numeric".into(), &"always".into());
        let words = Intl::RelativeTimeFormat::new(&language, &options)
            .format(relative.amount as f64, relative.unit.as_str());
        format!("back {}", String::from(words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000_000;

    fn r(amount: i64, unit: Unit, overdue: bool) -> Option<Relative> {
        Some(Relative {
            amount,
            unit,
            overdue,
        })
    }

    #[test]
    fn future_times_round_to_a_unit_a_person_would_say() {
        assert_eq!(relative(NOW, NOW + 25 * MINUTE), r(25, Unit::Minute, false));
        assert_eq!(relative(NOW, NOW + 20_000), r(1, Unit::Minute, false));
        assert_eq!(relative(NOW, NOW + 90 * MINUTE), r(2, Unit::Hour, false));
        assert_eq!(relative(NOW, NOW + 47 * HOUR), r(47, Unit::Hour, false));
        assert_eq!(relative(NOW, NOW + 3 * DAY + HOUR), r(3, Unit::Day, false));
    }

    #[test]
    fn past_times_are_overdue() {
        assert_eq!(relative(NOW, NOW - 2 * HOUR), r(2, Unit::Hour, true));
        assert_eq!(relative(NOW, NOW - 5 * MINUTE), r(5, Unit::Minute, true));
        assert_eq!(relative(NOW, 0), r((NOW + DAY / 2) / DAY, Unit::Day, true));
    }

    #[test]
    fn no_return_time_has_no_relative_text() {
        assert_eq!(relative(NOW, -1), None);
        assert_eq!(relative(NOW, -5), None);
    }
}
