//! A user's day as spans of statuses, from the gateway's history: each status change starts a span that
//! lasts until the next one (or now). The change before the day began gives the status it began in; the
//! time before the first recorded change, when there is none, is left out rather than guessed.

use crate::api::gateway::HistoryEvent;
use crate::api::vocabulary::StatusType;

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Unix ms, clipped to the day.
    pub from: i64,
    pub until: i64,
    pub name: String,
    pub kind: StatusType,
}

impl Span {
    /// The span's share of a strip from `start` to `now`, in percent.
    pub fn share(&self, start: i64, now: i64) -> f64 {
        let whole = (now - start).max(1) as f64;
        ((self.until - self.from) as f64 / whole * 100.0).clamp(0.0, 100.0)
    }
}

/// Where the strip starts: the first span's start (the day before it is not recorded, so the strip
/// shows only what is).
pub fn strip_start(spans: &[Span], day_from: i64) -> i64 {
    spans.first().map_or(day_from, |s| s.from)
}

/// The statuses held from `day_from` to `now`, in order; logins are not spans.
pub fn spans(events: &[HistoryEvent], day_from: i64, now: i64) -> Vec<Span> {
    let mut changes: Vec<&HistoryEvent> =
        events.iter().filter(|e| e.kind == "userStatus").collect();
    changes.sort_by_key(|e| e.at);
    let mut out: Vec<Span> = Vec::new();
    for (i, change) in changes.iter().enumerate() {
        let until = changes.get(i + 1).map_or(now, |next| next.at).min(now);
        let from = change.at.max(day_from);
        if until > from {
            out.push(Span {
                from,
                until,
                name: change.name.clone(),
                kind: StatusType::parse(&change.status_type),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(at: i64, name: &str, kind: &str) -> HistoryEvent {
        HistoryEvent {
            at,
            kind: "userStatus".into(),
            name: name.into(),
            status_type: kind.into(),
        }
    }

    #[test]
    fn the_day_begins_in_the_status_set_before_it_and_each_change_starts_a_span() {
        let events = [
            change(50, "Available", "available"),
            HistoryEvent {
                at: 120,
                kind: "userLogin".into(),
                name: String::new(),
                status_type: String::new(),
            },
            change(200, "Lunch", "away"),
            change(150, "Meeting", "dnd"),
        ];
        let day = spans(&events, 100, 300);
        let seen: Vec<(i64, i64, &str)> = day
            .iter()
            .map(|s| (s.from, s.until, s.name.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (100, 150, "Available"),
                (150, 200, "Meeting"),
                (200, 300, "Lunch")
            ]
        );
        assert_eq!(day[2].kind, StatusType::Away);
        assert_eq!(day[0].share(100, 300), 25.0);
        assert_eq!(strip_start(&day, 0), 100);
    }

    #[test]
    fn nothing_before_the_first_record_is_invented() {
        let day = spans(&[change(200, "Lunch", "away")], 100, 300);
        assert_eq!(day.len(), 1);
        assert_eq!(day[0].from, 200);
        assert_eq!(
            strip_start(&day, 100),
            200,
            "the strip shows what is recorded"
        );
        assert_eq!(day[0].share(strip_start(&day, 100), 300), 100.0);
        assert!(spans(&[], 100, 300).is_empty());
        assert!(spans(
            &[change(200, "Same instant", "away"), change(200, "x", "dnd")],
            100,
            200
        )
        .is_empty());
    }
}
