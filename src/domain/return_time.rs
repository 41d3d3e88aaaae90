//! `returnTime` conversion, in one place: the browser-local value of a `datetime-local` input ⇄ Unix
//! milliseconds, and `-1` ⇄ "no return time".
//!
//! The calendar arithmetic of a time zone (offsets, DST) is left to the browser's own `Date`, so the
//! supervisor's zone is always right; the two functions that call it are marked "browser". Everything else
//! is pure and tested with plain `#[test]`s.

use crate::api::vocabulary::{MAX_RETURN_TIME, NO_RETURN_TIME};

/// A wall-clock time in the browser's zone, as a `datetime-local` input holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalDateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnTimeError {
    /// The box is empty but "No return time" is not ticked.
    Missing,
    /// Not a date and time the panel can read.
    Malformed,
    /// Before 1970 or after the year 9999.
    OutOfRange,
}

impl ReturnTimeError {
    pub fn message(self) -> &'static str {
        match self {
            ReturnTimeError::Missing => "Enter a return time, or tick “No return time”.",
            ReturnTimeError::Malformed => "This is not a date and time the panel can read.",
            ReturnTimeError::OutOfRange => "Choose a return time between 1970 and the end of 9999.",
        }
    }
}

impl LocalDateTime {
    /// Reads `YYYY-MM-DDTHH:MM`, with optional seconds (`:SS` or `:SS.sss`, which are dropped).
    pub fn parse_input(value: &str) -> Option<LocalDateTime> {
        let (date, time) = value.trim().split_once('T')?;
        let mut d = date.splitn(3, '-');
        let (year, month, day) = (d.next()?, d.next()?, d.next()?);
        let mut t = time.splitn(3, ':');
        let (hour, minute) = (t.next()?, t.next()?);
        if let Some(seconds) = t.next() {
            let whole = seconds.split('.').next()?;
            if whole.len() != 2 || whole.parse::<u32>().ok()? > 59 {
                return None;
            }
        }
        if year.len() < 4 || [month, day, hour, minute].iter().any(|p| p.len() != 2) {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if ![year, month, day, hour, minute]
            .iter()
            .all(|p| all_digits(p))
        {
            return None;
        }
        let dt = LocalDateTime {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
            day: day.parse().ok()?,
            hour: hour.parse().ok()?,
            minute: minute.parse().ok()?,
        };
        dt.is_valid().then_some(dt)
    }

    /// The `datetime-local` value, `YYYY-MM-DDTHH:MM`.
    pub fn to_input(self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }

    fn is_valid(self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
            && self.hour < 24
            && self.minute < 60
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Whether a value may be sent as `returnTime`.
pub fn check_ms(ms: i64) -> Result<i64, ReturnTimeError> {
    if ms == NO_RETURN_TIME || (0..=MAX_RETURN_TIME).contains(&ms) {
        Ok(ms)
    } else {
        Err(ReturnTimeError::OutOfRange)
    }
}

/// The editor's two controls → the wire value. `to_epoch` is the zone's conversion (the browser's in the app).
pub fn from_editor(
    no_return_time: bool,
    value: &str,
    to_epoch: impl Fn(LocalDateTime) -> Option<i64>,
) -> Result<i64, ReturnTimeError> {
    if no_return_time {
        return Ok(NO_RETURN_TIME);
    }
    if value.trim().is_empty() {
        return Err(ReturnTimeError::Missing);
    }
    let local = LocalDateTime::parse_input(value).ok_or(ReturnTimeError::Malformed)?;
    let ms = to_epoch(local).ok_or(ReturnTimeError::OutOfRange)?;
    if ms == NO_RETURN_TIME {
        // 1969-12-31T23:59:59.999Z cannot be told apart from "none"; it is before 1970 anyway.
        return Err(ReturnTimeError::OutOfRange);
    }
    check_ms(ms)
}

/// The wire value → the editor's two controls: (no return time, input value).
pub fn to_editor(ms: i64, from_epoch: impl Fn(i64) -> LocalDateTime) -> (bool, String) {
    match check_ms(ms) {
        Ok(NO_RETURN_TIME) | Err(_) => (true, String::new()),
        Ok(ms) => (false, from_epoch(ms).to_input()),
    }
}

/// Browser: a local wall-clock time → Unix ms, through the browser's own `Date` (its zone and DST rules).
pub fn local_to_epoch_ms(local: LocalDateTime) -> Option<i64> {
    let date = js_sys::Date::new_0();
    // setFullYear, not the Date(y, m, …) constructor, which reads years 0–99 as 1900–1999.
    date.set_full_year_with_month_date(local.year as u32, local.month as i32 - 1, local.day as i32);
    date.set_hours(local.hour);
    date.set_minutes(local.minute);
    date.set_seconds(0);
    date.set_milliseconds(0);
    let ms = date.get_time();
    ms.is_finite().then_some(ms as i64)
}

/// Browser: Unix ms → the local wall-clock time the browser's zone shows.
pub fn epoch_ms_to_local(ms: i64) -> LocalDateTime {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    LocalDateTime {
        year: date.get_full_year() as i32,
        month: date.get_month() + 1,
        day: date.get_date(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
    }
}

/// Browser: Unix ms as a short local date and time in the browser's language, e.g. "24 Nov 2026, 09:30".
pub fn format_local(ms: i64) -> String {
    if check_ms(ms).is_err() || ms == NO_RETURN_TIME {
        return String::new();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    LOCAL_FORMAT
        .with(|format| format.format().call1(&wasm_bindgen::JsValue::NULL, &date))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// Browser: Unix ms as the local clock time alone, in the browser's language, e.g. "9:30 AM".
pub fn format_local_time(ms: i64) -> String {
    if check_ms(ms).is_err() || ms == NO_RETURN_TIME {
        return String::new();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    TIME_FORMAT
        .with(|format| format.format().call1(&wasm_bindgen::JsValue::NULL, &date))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// An `Intl.DateTimeFormat` in the browser's language with these options.
fn formatter(options: &[(&str, &str)]) -> js_sys::Intl::DateTimeFormat {
    let object = js_sys::Object::new();
    for (key, value) in options {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    let locales = js_sys::Array::of1(&crate::domain::locale::language().into());
    js_sys::Intl::DateTimeFormat::new(&locales, &object)
}

thread_local! {
    /// One formatter for the page's life: `Date.toLocaleString` builds a new `Intl.DateTimeFormat` at
    /// every call, and a filter keystroke formats the return time of every row it brings into view.
    static LOCAL_FORMAT: js_sys::Intl::DateTimeFormat =
        formatter(&[("dateStyle", "medium"), ("timeStyle", "short")]);
    static TIME_FORMAT: js_sys::Intl::DateTimeFormat = formatter(&[("timeStyle", "short")]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::{civil_from_days, days_from_civil};

    /// A fixed zone for tests: UTC+2, no DST, by plain arithmetic on days since 1970.
    fn to_epoch_utc2(l: LocalDateTime) -> Option<i64> {
        let days = days_from_civil(l.year as i64, l.month as i64, l.day as i64);
        Some(((days * 24 + l.hour as i64 - 2) * 60 + l.minute as i64) * 60_000)
    }

    fn from_epoch_utc2(ms: i64) -> LocalDateTime {
        let minutes = ms.div_euclid(60_000) + 120;
        let (days, rest) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
        let (year, month, day) = civil_from_days(days);
        LocalDateTime {
            year: year as i32,
            month: month as u32,
            day: day as u32,
            hour: (rest / 60) as u32,
            minute: (rest % 60) as u32,
        }
    }

    #[test]
    fn input_values_parse_and_format() {
        let dt = LocalDateTime::parse_input("2026-11-24T09:30").unwrap();
        assert_eq!(
            dt,
            LocalDateTime {
                year: 2026,
                month: 11,
                day: 24,
                hour: 9,
                minute: 30
            }
        );
        assert_eq!(dt.to_input(), "2026-11-24T09:30");
        assert_eq!(
            LocalDateTime::parse_input("2026-11-24T09:30:15.250"),
            Some(dt)
        );
        assert_eq!(
            LocalDateTime::parse_input("0005-01-02T03:04")
                .unwrap()
                .to_input(),
            "0005-01-02T03:04"
        );
    }

    #[test]
    fn impossible_or_odd_values_are_refused() {
        for bad in [
            "",
            "2026-11-24",
            "09:30",
            "2026-13-01T00:00",
            "2026-02-29T00:00",
            "2026-04-31T10:00",
            "2026-11-24T24:00",
            "2026-11-24T23:60",
            "2026-1-24T09:30",
            "2026-11-24T09:30:61",
            "2026-11-24 09:30",
            "+2026-11-24T09:30",
            "2026-11-2aT09:30",
        ] {
            assert_eq!(LocalDateTime::parse_input(bad), None, "{bad:?}");
        }
        assert!(LocalDateTime::parse_input("2024-02-29T00:00").is_some());
        assert!(LocalDateTime::parse_input("2000-02-29T00:00").is_some());
        assert!(LocalDateTime::parse_input("1900-02-29T00:00").is_none());
    }

    #[test]
    fn the_editor_round_trips_through_milliseconds() {
        let ms = from_editor(false, "2026-11-24T09:30", to_epoch_utc2).unwrap();
        assert_eq!(ms, 1_795_505_400_000);
        assert_eq!(
            to_editor(ms, from_epoch_utc2),
            (false, "2026-11-24T09:30".into())
        );
    }

    #[test]
    fn no_return_time_is_minus_one_both_ways() {
        assert_eq!(from_editor(true, "2026-11-24T09:30", to_epoch_utc2), Ok(-1));
        assert_eq!(to_editor(-1, from_epoch_utc2), (true, String::new()));
        // A value the server should never send is shown as "none" rather than as a bogus date.
        assert_eq!(to_editor(-7, from_epoch_utc2), (true, String::new()));
    }

    #[test]
    fn the_range_mirrors_the_server() {
        assert_eq!(
            from_editor(false, "  ", to_epoch_utc2),
            Err(ReturnTimeError::Missing)
        );
        assert_eq!(
            from_editor(false, "tomorrow", to_epoch_utc2),
            Err(ReturnTimeError::Malformed)
        );
        assert_eq!(
            from_editor(false, "1969-12-31T23:00", to_epoch_utc2),
            Err(ReturnTimeError::OutOfRange)
        );
        assert_eq!(from_editor(false, "1970-01-01T02:00", to_epoch_utc2), Ok(0));
        assert_eq!(
            from_editor(false, "10000-01-01T01:59", to_epoch_utc2),
            Ok(MAX_RETURN_TIME - 59_999)
        );
        assert_eq!(
            from_editor(false, "10000-01-01T02:00", to_epoch_utc2),
            Err(ReturnTimeError::OutOfRange)
        );
        assert_eq!(
            check_ms(MAX_RETURN_TIME + 1),
            Err(ReturnTimeError::OutOfRange)
        );
        assert_eq!(check_ms(-2), Err(ReturnTimeError::OutOfRange));
    }

    #[test]
    fn the_test_zone_itself_is_right() {
        // 2026-11-24T07:30Z, checked against a known timestamp, so the tests above test the code, not the helper.
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11017);
        assert_eq!(civil_from_days(20416), (2025, 11, 24));
    }
}
