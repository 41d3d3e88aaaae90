//! The team's Activity: one row per write the gateway passed on, and per change iSymphony reported that
//! did not come through it. Every query is parameterised; a filter value is data, never SQL.

use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

/// The `action` of a change that reached iSymphony some other way (its own client, another tool).
pub const OUTSIDE: &str = "outside";

/// A record to write. Field names and meanings are the panel's own audit entries'.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// Unix ms.
    pub at: i64,
    /// The supervisor's username; empty for [`OUTSIDE`].
    pub by: String,
    pub by_name: String,
    /// The core server as the request named it (a slug, or an id); an outside change's live id is read
    /// back as its slug once the gateway has learnt it.
    pub core_server: String,
    /// `status-set`, `member-added`, `member-removed` or [`OUTSIDE`].
    pub action: String,
    pub target: String,
    pub before: String,
    pub after: String,
    /// `ok`, or the status code and iSymphony's sentence.
    pub result: String,
}

/// A written record with its place in the trail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: i64,
    #[serde(flatten)]
    pub record: Record,
}

/// What `GET /gateway/activity` asks for. `by` is a username or a part of a supervisor's name, `target`
/// a part of the target (parts ignore ASCII case), `action` exact; times are Unix ms, `from` included,
/// `until` not.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    pub by: Option<String>,
    pub target: Option<String>,
    pub action: Option<String>,
    pub from: Option<i64>,
    pub until: Option<i64>,
    /// Keyset paging: entries older than this id (the previous page's `next`).
    pub before: Option<i64>,
    pub limit: Option<usize>,
    /// `json` (the default, one page), or an export of everything that matches: `csv` or `json-all`.
    pub format: Option<String>,
}

pub const PAGE_DEFAULT: usize = 100;
pub const PAGE_MAX: usize = 1_000;

#[derive(Debug, Serialize)]
pub struct Page {
    pub entries: Vec<Entry>,
    /// Pass as `before` for the next page; `None` on the last.
    pub next: Option<i64>,
}

pub fn insert(tx: &Transaction<'_>, r: &Record) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO activity (at, by_username, by_name, core_server, action, target, before, after, result)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        r.at,
        r.by,
        r.by_name,
        r.core_server,
        r.action,
        r.target,
        r.before,
        r.after,
        r.result
    ])
    .map(|_| ())
}

/// Removes records older than `cutoff` (Unix ms); how many went.
pub fn prune(connection: &Connection, cutoff: i64) -> rusqlite::Result<usize> {
    connection.execute("DELETE FROM activity WHERE at < ?1", [cutoff])
}

/// `%`, `_` and `\` in a part-match are themselves.
fn like_part(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

pub fn page(connection: &Connection, q: &Query) -> rusqlite::Result<Page> {
    let limit = q.limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX);
    let mut statement = connection.prepare_cached(
        "SELECT id, at, by_username, by_name,
                COALESCE((SELECT slug FROM core_servers WHERE live_id = core_server AND slug != ''), core_server),
                action, target, before, after, result
         FROM activity
         WHERE (?1 IS NULL OR by_username = ?1 OR by_name LIKE ?8 ESCAPE '\\')
           AND (?2 IS NULL OR target LIKE ?2 ESCAPE '\\')
           AND (?3 IS NULL OR action = ?3)
           AND (?4 IS NULL OR at >= ?4)
           AND (?5 IS NULL OR at < ?5)
           AND (?6 IS NULL OR id < ?6)
         ORDER BY id DESC
         LIMIT ?7",
    )?;
    let entries = statement
        .query_map(
            params![
                q.by,
                q.target.as_deref().map(like_part),
                q.action,
                q.from,
                q.until,
                q.before,
                limit as i64,
                q.by.as_deref().map(like_part)
            ],
            |row| {
                Ok(Entry {
                    id: row.get(0)?,
                    record: Record {
                        at: row.get(1)?,
                        by: row.get(2)?,
                        by_name: row.get(3)?,
                        core_server: row.get(4)?,
                        action: row.get(5)?,
                        target: row.get(6)?,
                        before: row.get(7)?,
                        after: row.get(8)?,
                        result: row.get(9)?,
                    },
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let next = (entries.len() == limit)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    Ok(Page { entries, next })
}

pub const CSV_HEADER: &str = "time,by,core server,action,target,before,after,result\r\n";

/// One CSV line (RFC 4180), the panel's columns; a leading `= + - @` is neutralised for spreadsheets.
pub fn csv_line(e: &Entry) -> String {
    let r = &e.record;
    let fields = [
        iso_utc(r.at),
        r.by.clone(),
        r.core_server.clone(),
        r.action.clone(),
        r.target.clone(),
        r.before.clone(),
        r.after.clone(),
        r.result.clone(),
    ];
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

fn csv_field(field: &str) -> String {
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

/// Unix ms as `YYYY-MM-DDTHH:MM:SSZ` (Howard Hinnant's days-to-civil).
pub fn iso_utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(at: i64, by: &str, target: &str) -> Record {
        Record {
            at,
            by: by.into(),
            by_name: String::new(),
            core_server: "default".into(),
            action: "status-set".into(),
            target: target.into(),
            before: "Available (Available)".into(),
            after: "Lunch (Away)".into(),
            result: "ok".into(),
        }
    }

    fn filled() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        super::super::schema::migrate(&mut c).unwrap();
        let tx = c.transaction().unwrap();
        for i in 0..25 {
            let (by, name) = if i % 2 == 0 {
                ("4224", "Steve Summers")
            } else {
                ("4211", "Hannah Schmidt")
            };
            let mut r = record(1_000 + i, by, &format!("42{i:02}"));
            r.by_name = name.into();
            insert(&tx, &r).unwrap();
        }
        insert(&tx, &record(2_000, "4224", "100%_done")).unwrap();
        tx.commit().unwrap();
        c
    }

    #[test]
    fn keyset_pages_cover_everything_once_newest_first() {
        let c = filled();
        let mut seen = Vec::new();
        let mut q = Query {
            limit: Some(10),
            ..Query::default()
        };
        loop {
            let page = page(&c, &q).unwrap();
            seen.extend(page.entries.iter().map(|e| e.id));
            match page.next {
                Some(next) => q.before = Some(next),
                None => break,
            }
        }
        assert_eq!(seen, (1..=26).rev().collect::<Vec<i64>>());
    }

    #[test]
    fn filters_combine_and_a_hostile_value_is_only_data() {
        let c = filled();
        let q = |q: Query| page(&c, &q).unwrap().entries;
        let by = q(Query {
            by: Some("4211".into()),
            ..Query::default()
        });
        assert_eq!(by.len(), 12);
        assert!(by.iter().all(|e| e.record.by == "4211"));
        let named = q(Query {
            by: Some("hannah".into()),
            ..Query::default()
        });
        assert_eq!(named.len(), 12, "a part of the name, any case");
        let window = q(Query {
            from: Some(1_010),
            until: Some(1_012),
            ..Query::default()
        });
        assert_eq!(
            window.iter().map(|e| e.record.at).collect::<Vec<_>>(),
            [1_011, 1_010]
        );
        assert_eq!(
            q(Query {
                target: Some("%".into()),
                ..Query::default()
            })
            .len(),
            1,
            "% is a percent sign"
        );
        assert_eq!(
            q(Query {
                target: Some("_D".into()),
                ..Query::default()
            })
            .len(),
            1
        );
        let hostile = q(Query {
            target: Some("'; DROP TABLE activity; --".into()),
            by: Some("x' OR '1'='1".into()),
            ..Query::default()
        });
        assert!(hostile.is_empty());
        assert_eq!(q(Query::default()).len(), PAGE_DEFAULT.min(26));
    }

    #[test]
    fn prune_removes_only_the_old() {
        let c = filled();
        assert_eq!(prune(&c, 1_010).unwrap(), 10);
        assert_eq!(page(&c, &Query::default()).unwrap().entries.len(), 16);
    }

    #[test]
    fn csv_lines_quote_and_neutralise() {
        let mut r = record(0, "4224", "=HYPERLINK(\"x\")");
        r.before = "Lunch, back soon".into();
        let line = csv_line(&Entry { id: 1, record: r });
        assert_eq!(
            line,
            "1970-01-01T00:00:00Z,4224,default,status-set,\"'=HYPERLINK(\"\"x\"\")\",\"Lunch, back soon\",Lunch (Away),ok\r\n"
        );
    }
}
