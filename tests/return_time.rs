//! Return-time conversion through the browser's own `Date`: local wall-clock time ⇄ Unix ms.

use isymphony_panel::api::vocabulary::NO_RETURN_TIME;
use isymphony_panel::domain::locale::language;
use isymphony_panel::domain::return_time::{
    epoch_ms_to_local, format_local, from_editor, local_to_epoch_ms, to_editor, LocalDateTime,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What the browser itself says a local time is, as an independent oracle.
fn oracle(y: i32, m: i32, d: i32, h: i32, min: i32) -> i64 {
    js_sys::Date::new_with_year_month_day_hr_min(y as u32, m - 1, d, h, min).get_time() as i64
}

#[wasm_bindgen_test]
fn a_local_time_becomes_the_browsers_epoch_ms_and_back() {
    let ms = from_editor(false, "2026-11-24T09:30", local_to_epoch_ms).unwrap();
    assert_eq!(ms, oracle(2026, 11, 24, 9, 30));
    assert_eq!(
        to_editor(ms, epoch_ms_to_local),
        (false, "2026-11-24T09:30".into())
    );
}

#[wasm_bindgen_test]
fn summer_and_winter_both_round_trip() {
    for value in ["2026-07-01T12:00", "2026-01-15T23:59", "2030-03-31T00:00"] {
        let ms = from_editor(false, value, local_to_epoch_ms).unwrap();
        assert_eq!(to_editor(ms, epoch_ms_to_local).1, value);
    }
}

#[wasm_bindgen_test]
fn no_return_time_is_minus_one() {
    assert_eq!(from_editor(true, "", local_to_epoch_ms), Ok(NO_RETURN_TIME));
    assert_eq!(
        to_editor(NO_RETURN_TIME, epoch_ms_to_local),
        (true, String::new())
    );
}

#[wasm_bindgen_test]
fn early_years_are_not_read_as_the_1900s() {
    let local = LocalDateTime {
        year: 1975,
        month: 6,
        day: 1,
        hour: 8,
        minute: 0,
    };
    let ms = local_to_epoch_ms(local).unwrap();
    assert_eq!(epoch_ms_to_local(ms), local);
    let year_five = LocalDateTime {
        year: 5,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
    };
    assert_eq!(
        epoch_ms_to_local(local_to_epoch_ms(year_five).unwrap()),
        year_five
    );
}

/// The board's and the activity page's local times: the same text as the browser's own
/// `toLocaleString` in the supervisor's language (the panel keeps one formatter), and none for "no return
/// time".
#[wasm_bindgen_test]
fn a_return_time_is_shown_as_the_browser_would_show_it() {
    for ms in [oracle(2026, 11, 24, 9, 30), oracle(2027, 7, 1, 23, 5), 0] {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        let options = js_sys::Object::new();
        for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
            js_sys::Reflect::set(&options, &key.into(), &value.into()).unwrap();
        }
        let expected: String = date.to_locale_string(&language(), &options).into();
        assert!(!expected.is_empty());
        assert_eq!(format_local(ms), expected, "{ms}");
    }
    assert_eq!(format_local(NO_RETURN_TIME), "");
}

/// The test command runs the browser tests in America/New_York (`cargo xtask test` sets `TZ` for the
/// browser and `PANEL_TZ` for this build): a zone with daylight saving, where a local time read as UTC is
/// four or five hours off. Run by hand without them, this test says nothing.
#[wasm_bindgen_test]
fn in_new_york_a_local_time_is_the_instant_it_names_in_winter_and_in_summer() {
    let Some(zone) = option_env!("PANEL_TZ") else {
        return;
    };
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    let seen = js_sys::Reflect::get(&options, &"timeZone".into()).unwrap();
    assert_eq!(
        seen.as_string().as_deref(),
        Some(zone),
        "the browser's zone"
    );
    if zone != "America/New_York" {
        return;
    }
    // 09:30 EST is 14:30 UTC; 12:00 EDT is 16:00 UTC (epoch ms computed outside the browser).
    let winter = from_editor(false, "2026-11-24T09:30", local_to_epoch_ms).unwrap();
    assert_eq!(winter, 1_795_530_600_000);
    let summer = from_editor(false, "2026-07-01T12:00", local_to_epoch_ms).unwrap();
    assert_eq!(summer, 1_782_921_600_000);
    assert_eq!(
        to_editor(summer, epoch_ms_to_local),
        (false, "2026-07-01T12:00".into())
    );
}

/// The browser's own `Intl` for each odd language a system reports: none of them throws, and the panel
/// chooses a language `Intl` takes (WebKit under `LANG=C.UTF-8` reports `C`).
#[wasm_bindgen_test]
fn odd_languages_never_reach_intl_and_end_formatted() {
    use isymphony_panel::browser::intl_accepts;
    use isymphony_panel::domain::locale::choose;
    assert!(intl_accepts("en-US"));
    for odd in ["C", "POSIX", "en_US", "", "!!", "de_DE.UTF-8"] {
        assert!(
            !intl_accepts(odd),
            "{odd:?} would make Intl throw or means nothing"
        );
    }
    let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(choose(list(&["C"]), intl_accepts), "en");
    assert_eq!(
        choose(list(&["POSIX", "en_US.UTF-8"]), intl_accepts),
        "en-US"
    );
    assert_eq!(choose(list(&[]), intl_accepts), "en");
    assert!(
        !format_local(1_795_505_400_000).is_empty(),
        "formatted in the chosen language"
    );
}
