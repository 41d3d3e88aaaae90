//! The audit trail as plain data: one entry per change made from this browser, newest first, capped, with
//! CSV and JSON exports — or the team's, read from the gateway in the same shape. Entries name who was
//! signed in — never a password.

use serde::{Deserialize, Serialize};

use crate::api::gateway::ActivityEntry;
use crate::api::types::{SetStatus, UserStatus};
use crate::api::vocabulary::StatusType;
use crate::api::vocabulary::NO_RETURN_TIME;
use crate::domain::board::{fold, folded_contains};

/// The most entries kept; older ones are dropped first.
pub const AUDIT_LIMIT: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuditAction {
    StatusSet,
    BulkStatusSet,
    Undo,
    MemberAdded,
    MemberRemoved,
    /// A status change iSymphony reported that did not go through the panel's gateway.
    Outside,
    /// An action a newer gateway records that this panel does not know.
    #[serde(other)]
    Other,
}

impl AuditAction {
    pub fn label(self) -> &'static str {
        match self {
            AuditAction::StatusSet => "status set",
            AuditAction::BulkStatusSet => "bulk status set",
            AuditAction::Undo => "undo",
            AuditAction::MemberAdded => "member added",
            AuditAction::MemberRemoved => "member removed",
            AuditAction::Outside => "changed outside the panel",
            AuditAction::Other => "other change",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Unix ms.
    pub at: i64,
    /// The signed-in username; empty for a change made outside the panel.
    pub by: String,
    /// Their name, when the gateway knows it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by_name: String,
    /// The core server's slug.
    pub core_server: String,
    pub action: AuditAction,
    /// The user (and group, for membership) changed.
    pub target: String,
    pub before: String,
    pub after: String,
    /// `ok`, or why it failed.
    pub result: String,
}

impl Entry {
    /// Who made the change, as the Activity page says it.
    pub fn who(&self) -> String {
        match (self.action, self.by.as_str(), self.by_name.as_str()) {
            (AuditAction::Outside, _, _) => "outside the panel".into(),
            (_, "", _) => "unknown".into(),
            (_, by, "") => by.into(),
            (_, by, name) => format!("{name} ({by})"),
        }
    }
}

impl From<ActivityEntry> for Entry {
    fn from(e: ActivityEntry) -> Entry {
        Entry {
            at: e.at,
            by: e.by,
            by_name: e.by_name,
            core_server: e.core_server,
            action: serde_json::from_value(serde_json::Value::String(e.action))
                .unwrap_or(AuditAction::Other),
            target: e.target,
            before: e.before,
            after: e.after,
            result: e.result,
        }
    }
}

/// Adds `entry` as the newest, dropping the oldest past [`AUDIT_LIMIT`].
pub fn add_newest(log: &mut Vec<Entry>, entry: Entry) {
    log.insert(0, entry);
    log.truncate(AUDIT_LIMIT);
}

/// Entries any of whose fields contain `query` (case- and accent-insensitive).
pub fn filter<'a>(log: &'a [Entry], query: &str) -> Vec<&'a Entry> {
    let needle = fold(query.trim());
    log.iter()
        .filter(|e| {
            needle.is_empty()
                || [
                    e.by.as_str(),
                    &e.by_name,
                    &e.core_server,
                    e.action.label(),
                    &e.target,
                    &e.before,
                    &e.after,
                    &e.result,
                ]
                .iter()
                .any(|f| folded_contains(f, &needle))
        })
        .collect()
}

/// A status in one line: `Lunch (Away); note: Back soon; returns 2026-11-24T09:30:00Z`.
pub fn describe(name: &str, kind: &StatusType, note: &str, return_time: i64) -> String {
    let mut text = format!("{name} ({})", kind.label());
    if !note.is_empty() {
        text.push_str(&format!("; note: {note}"));
    }
    if return_time != NO_RETURN_TIME {
        text.push_str(&format!("; returns {}", iso_utc(return_time)));
    }
    text
}

pub fn describe_status(s: &UserStatus) -> String {
    describe(&s.name, &s.kind, &s.note, s.return_time)
}

pub fn describe_set(s: &SetStatus) -> String {
    describe(&s.name, &s.kind, &s.note, s.return_time)
}

pub const CSV_HEADER: &str = "time,by,core server,action,target,before,after,result";

/// RFC 4180 CSV, header first, newest first.
pub fn to_csv(log: &[&Entry]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for e in log {
        let fields = [
            iso_utc(e.at),
            e.by.clone(),
            e.core_server.clone(),
            e.action.label().to_owned(),
            e.target.clone(),
            e.before.clone(),
            e.after.clone(),
            e.result.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

pub fn to_json(log: &[&Entry]) -> String {
    serde_json::to_string_pretty(log).unwrap_or_else(|_| "[]".into())
}

fn csv_field(field: &str) -> String {
    // A leading = + - @ would be read as a formula by spreadsheets: neutralise it.
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// Unix ms as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn iso_utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Howard Hinnant's civil-to-days algorithm, the inverse of [`civil_from_days`] (a date's weekday, and the
/// tests' zone models).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's days-to-civil algorithm: days since 1970-01-01 → (year, month, day).
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: i64, target: &str, before: &str) -> Entry {
        Entry {
            at: 1_795_505_400_000 + n,
            by: "manager".into(),
            by_name: String::new(),
            core_server: "default".into(),
            action: AuditAction::StatusSet,
            target: target.into(),
            before: before.into(),
            after: "Lunch (Away)".into(),
            result: "ok".into(),
        }
    }

    #[test]
    fn newest_first_and_capped() {
        let mut log = Vec::new();
        for n in 0..(AUDIT_LIMIT as i64 + 5) {
            add_newest(&mut log, entry(n, "4224", ""));
        }
        assert_eq!(log.len(), AUDIT_LIMIT);
        assert_eq!(log[0].at, 1_795_505_400_000 + AUDIT_LIMIT as i64 + 4);
    }

    #[test]
    fn the_gateways_entries_read_as_the_panels_and_say_who() {
        let team = |action: &str, by: &str, by_name: &str| {
            Entry::from(ActivityEntry {
                id: 1,
                at: 5,
                by: by.into(),
                by_name: by_name.into(),
                core_server: "default".into(),
                action: action.into(),
                target: "4201".into(),
                before: String::new(),
                after: "Lunch (Away)".into(),
                result: "ok".into(),
            })
        };
        let set = team("member-added", "4224", "Steve Summers");
        assert_eq!(set.action, AuditAction::MemberAdded);
        assert_eq!(set.who(), "Steve Summers (4224)");
        let outside = team("outside", "", "");
        assert_eq!(outside.action.label(), "changed outside the panel");
        assert_eq!(outside.who(), "outside the panel");
        assert_eq!(team("renamed", "4224", "").action, AuditAction::Other);
        assert_eq!(team("renamed", "4224", "").who(), "4224");
    }

    #[test]
    fn times_are_iso_utc() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_795_505_400_000), "2026-11-24T07:30:00Z");
        assert_eq!(iso_utc(253_402_300_799_999), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
        let e = entry(0, "Steve \"S\", desk", "In a meeting (Purple); note: a\nb");
        let mut odd = entry(1, "=HYPERLINK(\"x\")", "");
        odd.result = "-1".into();
        let csv = to_csv(&[&e, &odd]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(
            lines[1],
            "2026-11-24T07:30:00Z,manager,default,status set,\"Steve \"\"S\"\", desk\",\"In a meeting (Purple); note: a\nb\",Lunch (Away),ok"
        );
        assert!(
            lines[2].contains(",\"'=HYPERLINK(\"\"x\"\")\","),
            "{}",
            lines[2]
        );
        assert!(lines[2].ends_with(",'-1"), "{}", lines[2]);
    }

    #[test]
    fn json_round_trips() {
        let log = vec![entry(0, "4224", "x")];
        let refs: Vec<&Entry> = log.iter().collect();
        let back: Vec<Entry> = serde_json::from_str(&to_json(&refs)).unwrap();
        assert_eq!(back, log);
    }

    #[test]
    fn filter_matches_any_field() {
        let log = vec![entry(0, "józef.wójcik", ""), entry(1, "4224", "Lunch")];
        assert_eq!(filter(&log, "JOZEF").len(), 1);
        assert_eq!(filter(&log, "status set").len(), 2);
        assert_eq!(filter(&log, "").len(), 2);
    }

    #[test]
    fn statuses_read_in_one_line() {
        assert_eq!(describe("Lunch", &StatusType::Away, "", -1), "Lunch (Away)");
        assert_eq!(
            describe(
                "Out",
                &StatusType::ExtendedAway,
                "Berlin",
                1_795_505_400_000
            ),
            "Out (Extended away); note: Berlin; returns 2026-11-24T07:30:00Z"
        );
    }
}
