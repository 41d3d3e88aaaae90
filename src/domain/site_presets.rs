//! A site's own one-click statuses, from `config.json`'s `presets`: a name, a type, a note, and how long
//! it lasts (`"for": "30 min"`, `"1 h"`, `"1 h 30 min"`) or when it ends (`"until": "end of day"`,
//! `"tomorrow 09:00"`, `"next Monday 09:00"`). Each is read on its own: a bad one is named and left out,
//! the rest still load.

use serde::Deserialize;

use crate::api::types::SetStatus;
use crate::api::vocabulary::{StatusType, NO_RETURN_TIME};
use crate::domain::entries;
use crate::domain::quick_times::{parse_clock, resolve, Quick, Workday};
use crate::domain::recent::Preset;
use crate::domain::return_time::LocalDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePreset {
    pub status: Preset,
    /// When the status ends; `None`: no return time.
    pub ends: Option<Quick>,
    /// What the button says: "Lunch · 30 min".
    pub label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    note: String,
    #[serde(rename = "for")]
    length: Option<String>,
    until: Option<String>,
}

const WEEKDAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];

impl SitePreset {
    /// One entry of the list; the error says what is wrong with it.
    pub fn parse(value: &serde_json::Value) -> Result<SitePreset, String> {
        let entry = Entry::deserialize(value).map_err(|e| e.to_string())?;
        let name = entry.name.trim().to_owned();
        if name.is_empty() {
            return Err("its name is empty".into());
        }
        let kind = StatusType::ALL
            .into_iter()
            .find(|t| t.as_str() == entry.kind)
            .ok_or_else(|| format!("type {:?} is not one of the eleven", entry.kind))?;
        let (ends, when) = match (entry.length, entry.until) {
            (Some(_), Some(_)) => return Err("it has both \"for\" and \"until\"".into()),
            (Some(length), None) => (Some(Quick::InMinutes(minutes(&length)?)), Some(length)),
            (None, Some(until)) => (Some(end(&until)?), Some(until)),
            (None, None) => (None, None),
        };
        let label = match when {
            Some(when) => format!("{name} · {}", when.trim()),
            None => name.clone(),
        };
        Ok(SitePreset {
            status: Preset {
                name,
                kind,
                note: entry.note,
            },
            ends,
            label,
        })
    }

    /// Every good entry, and one sentence naming each bad one (by its place and name), if any.
    pub fn parse_all(list: &[serde_json::Value]) -> (Vec<SitePreset>, Option<String>) {
        let (good, bad) = entries::each(list, "preset", "name", SitePreset::parse);
        let notice = (!bad.is_empty()).then(|| {
            format!(
                "config.json: left out {}; the other presets are offered.",
                bad.join("; ")
            )
        });
        (good, notice)
    }

    /// The status to set when it is picked at `now`, through the zone's conversions.
    pub fn to_set(
        &self,
        now: i64,
        day: Workday,
        to_local: impl Fn(i64) -> LocalDateTime,
        to_epoch: impl Fn(LocalDateTime) -> Option<i64> + Copy,
    ) -> SetStatus {
        let return_time = self
            .ends
            .and_then(|q| resolve(q, now, day, to_local, to_epoch))
            .and_then(to_epoch)
            .unwrap_or(NO_RETURN_TIME);
        SetStatus {
            return_time,
            ..self.status.to_set()
        }
    }
}

/// "30 min", "1 h", "1 h 30 min", "90 min" → minutes (1 minute to 7 days).
fn minutes(text: &str) -> Result<i64, String> {
    let wrong = || format!("\"for\": {text:?} is not a length like \"30 min\" or \"1 h 30 min\"");
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut total = 0i64;
    for pair in words.chunks(2) {
        let [amount, unit] = pair else {
            return Err(wrong());
        };
        let amount: i64 = amount.parse().map_err(|_| wrong())?;
        total += match unit.to_lowercase().as_str() {
            "min" | "mins" | "minute" | "minutes" => amount,
            "h" | "hour" | "hours" => amount * 60,
            _ => return Err(wrong()),
        };
    }
    if words.is_empty() || !(1..=7 * 24 * 60).contains(&total) {
        return Err(wrong());
    }
    Ok(total)
}

/// "end of day", "tomorrow 09:00", "next Monday 09:00".
fn end(text: &str) -> Result<Quick, String> {
    let wrong = || {
        format!(
            "\"until\": {text:?} is not \"end of day\", \"tomorrow HH:MM\" or \"next Monday HH:MM\""
        )
    };
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        ["end", "of", "day"] => Ok(Quick::EndOfDay),
        ["tomorrow", at] => parse_clock(at).map(Quick::TomorrowAt).ok_or_else(wrong),
        ["next", day, at] => {
            let weekday = WEEKDAYS.iter().position(|d| d == day).ok_or_else(wrong)?;
            let time = parse_clock(at).ok_or_else(wrong)?;
            Ok(Quick::NextWeekday(weekday as u32, time))
        }
        _ => Err(wrong()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::zone_model::Zone;
    use serde_json::json;

    #[test]
    fn a_length_an_end_or_neither() {
        let lunch =
            SitePreset::parse(&json!({"name": "Lunch", "type": "away", "for": "30 min"})).unwrap();
        assert_eq!(lunch.label, "Lunch · 30 min");
        assert_eq!(lunch.ends, Some(Quick::InMinutes(30)));
        assert_eq!(lunch.status.kind, StatusType::Away);
        let week = SitePreset::parse(&json!({"name": "Off until Monday", "type": "xa", "note": "Annual leave", "until": "next Monday 09:00"})).unwrap();
        assert_eq!(week.ends, Some(Quick::NextWeekday(1, (9, 0))));
        assert_eq!(week.status.note, "Annual leave");
        let meeting = SitePreset::parse(&json!({"name": "Meeting", "type": "altpurple"})).unwrap();
        assert_eq!((meeting.ends, meeting.label.as_str()), (None, "Meeting"));
        for (text, quick) in [
            ("end of day", Quick::EndOfDay),
            ("End of day", Quick::EndOfDay),
            ("tomorrow 08:30", Quick::TomorrowAt((8, 30))),
            ("next friday 13:00", Quick::NextWeekday(5, (13, 0))),
        ] {
            assert_eq!(end(text), Ok(quick), "{text}");
        }
        for (text, m) in [
            ("1 h", 60),
            ("1 h 30 min", 90),
            ("90 min", 90),
            ("2 hours", 120),
        ] {
            assert_eq!(minutes(text), Ok(m), "{text}");
        }
    }

    #[test]
    fn bad_entries_are_named_and_left_out_and_the_rest_load() {
        let list = [
            json!({"name": "Lunch", "type": "away", "for": "30 min"}),
            json!({"name": "Nap", "type": "sleeping"}),
            json!({"name": "Soon", "type": "away", "for": "a bit"}),
            json!({"name": "Both", "type": "away", "for": "1 h", "until": "end of day"}),
            json!({"name": "Later", "type": "away", "until": "next Moonday 09:00"}),
            json!({"name": "Long", "type": "away", "for": "8 days"}),
            json!({"name": "  ", "type": "away"}),
            json!({"type": "away", "colour": "red"}),
            json!("Lunch"),
            json!({"name": "Out", "type": "xa", "until": "tomorrow 09:00"}),
        ];
        let (good, notice) = SitePreset::parse_all(&list);
        let labels: Vec<&str> = good.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["Lunch · 30 min", "Out · tomorrow 09:00"]);
        let notice = notice.unwrap();
        for part in [
            "preset 2 (\"Nap\"): type \"sleeping\"",
            "preset 3 (\"Soon\"): \"for\": \"a bit\"",
            "preset 4 (\"Both\"): it has both",
            "preset 5 (\"Later\"): \"until\"",
            "preset 6 (\"Long\")",
            "preset 7 (\"  \"): its name is empty",
            "preset 8: unknown field",
            "preset 9: ",
        ] {
            assert!(notice.contains(part), "{part} in {notice}");
        }
        assert_eq!(SitePreset::parse_all(&list[..1]).1, None);
    }

    #[test]
    fn picked_it_sets_its_status_with_its_return_time_in_the_browsers_zone() {
        // New York in winter (UTC−5), working day 09:00–17:00.
        let ny = Zone::fixed(-5);
        let (to_local, to_epoch) = (|t| ny.local(t), |l| ny.epoch(l));
        // Tuesday 2026-12-01 12:10 in New York.
        let now = to_epoch(LocalDateTime {
            year: 2026,
            month: 12,
            day: 1,
            hour: 12,
            minute: 10,
        })
        .unwrap();
        let day = Workday::default();
        let lunch = SitePreset::parse(
            &json!({"name": "Lunch", "type": "away", "note": "Canteen", "for": "30 min"}),
        )
        .unwrap();
        let set = lunch.to_set(now, day, to_local, to_epoch);
        assert_eq!(
            (set.name.as_str(), &set.kind, set.note.as_str()),
            ("Lunch", &StatusType::Away, "Canteen")
        );
        assert_eq!(set.return_time, now + 30 * 60_000);
        let leave = SitePreset::parse(
            &json!({"name": "Leave", "type": "xa", "until": "next Monday 09:00"}),
        )
        .unwrap();
        let monday = to_epoch(LocalDateTime {
            year: 2026,
            month: 12,
            day: 7,
            hour: 9,
            minute: 0,
        })
        .unwrap();
        assert_eq!(
            leave.to_set(now, day, to_local, to_epoch).return_time,
            monday
        );
        let meeting = SitePreset::parse(&json!({"name": "Meeting", "type": "altpurple"})).unwrap();
        assert_eq!(
            meeting.to_set(now, day, to_local, to_epoch).return_time,
            NO_RETURN_TIME
        );
    }
}
