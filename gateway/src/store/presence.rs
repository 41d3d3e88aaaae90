//! Status history: every `userStatus`, `userLogin` and `userLogout` event the upstream socket brought, at
//! the event's own time, so the board can say since when someone is in their status and a user's day can
//! be read back. Events name a core server by its live id, new at every iSymphony start; `core_servers`
//! remembers which configuration server each live id was.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::Value;

/// One event as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Presence {
    pub at: i64,
    /// The core server's live id, as the event gave it.
    #[serde(skip)]
    pub core_server: String,
    pub username: String,
    /// `userStatus`, `userLogin` or `userLogout`.
    pub kind: String,
    /// For `userStatus`: the status it changed to (empty otherwise); `return_time` as iSymphony sent it.
    pub name: String,
    #[serde(rename = "type")]
    pub status_type: String,
    pub note: String,
    pub return_time: i64,
}

impl Presence {
    /// The history's part of an event: `None` for any other kind, or one without a username or time.
    pub fn of(event: &Value) -> Option<Presence> {
        let text = |k: &str| {
            event
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        let kind = text("type");
        if !matches!(kind.as_str(), "userStatus" | "userLogin" | "userLogout") {
            return None;
        }
        let username = Some(text("username")).filter(|u| !u.is_empty())?;
        Some(Presence {
            at: event.get("time").and_then(Value::as_i64)?,
            core_server: text("coreServerId"),
            username,
            name: text("name"),
            status_type: text("statusType"),
            note: text("note"),
            return_time: event
                .get("returnTime")
                .and_then(Value::as_i64)
                .unwrap_or(-1),
            kind,
        })
    }
}

/// A live id and the configuration server it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct CoreServer {
    pub live_id: String,
    pub configuration_id: String,
    pub slug: String,
}

pub fn insert(tx: &Transaction<'_>, p: &Presence) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO presence (at, core_server, username, kind, name, type, note, return_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        p.at,
        p.core_server,
        p.username,
        p.kind,
        p.name,
        p.status_type,
        p.note,
        p.return_time
    ])
    .map(|_| ())
}

pub fn remember_server(tx: &Transaction<'_>, s: &CoreServer) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO core_servers (live_id, configuration_id, slug) VALUES (?1, ?2, ?3)",
        params![s.live_id, s.configuration_id, s.slug],
    )
    .map(|_| ())
}

pub fn prune(connection: &Connection, cutoff: i64) -> rusqlite::Result<usize> {
    connection.execute("DELETE FROM presence WHERE at < ?1", [cutoff])
}

/// When the history began (the first start with a store), set once.
pub fn recording_since(connection: &Connection, now: i64) -> rusqlite::Result<i64> {
    connection.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('recording_since', ?1)",
        [now],
    )?;
    connection.query_row(
        "SELECT value FROM meta WHERE key = 'recording_since'",
        [],
        |r| r.get(0),
    )
}

/// The one core server `server` names (its configuration id or slug): its live ids' events only.
const ON_SERVER: &str = "core_server IN (SELECT live_id FROM core_servers
                                        WHERE configuration_id = ?1 OR slug = ?1)";

/// Each user's latest status change on `server`: the status they are in, and since when.
pub fn latest(
    connection: &Connection,
    server: &str,
) -> rusqlite::Result<BTreeMap<String, Presence>> {
    let sql = format!(
        "SELECT at, core_server, username, kind, name, type, note, return_time FROM presence
         WHERE id IN (SELECT MAX(id) FROM presence WHERE kind = 'userStatus' AND {ON_SERVER} GROUP BY username)"
    );
    let mut statement = connection.prepare_cached(&sql)?;
    let rows = statement.query_map([server], read)?;
    rows.map(|r| r.map(|p| (p.username.clone(), p))).collect()
}

/// One user's events on `server` from `from` (Unix ms), oldest first, and the status change before it
/// (what they were in when the day began), at most `limit`.
pub fn day(
    connection: &Connection,
    server: &str,
    username: &str,
    from: i64,
    limit: usize,
) -> rusqlite::Result<Vec<Presence>> {
    let before = format!(
        "SELECT at, core_server, username, kind, name, type, note, return_time FROM presence
         WHERE username = ?2 AND kind = 'userStatus' AND at < ?3 AND {ON_SERVER}
         ORDER BY at DESC, id DESC LIMIT 1"
    );
    let during = format!(
        "SELECT at, core_server, username, kind, name, type, note, return_time FROM presence
         WHERE username = ?2 AND at >= ?3 AND {ON_SERVER}
         ORDER BY at, id LIMIT ?4"
    );
    let mut out: Vec<Presence> = connection
        .prepare_cached(&before)?
        .query_row(params![server, username, from], read)
        .optional()?
        .into_iter()
        .collect();
    let mut statement = connection.prepare_cached(&during)?;
    for p in statement.query_map(params![server, username, from, limit as i64], read)? {
        out.push(p?);
    }
    Ok(out)
}

/// One `presence` row, selected in the table's column order.
pub(super) fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<Presence> {
    Ok(Presence {
        at: row.get(0)?,
        core_server: row.get(1)?,
        username: row.get(2)?,
        kind: row.get(3)?,
        name: row.get(4)?,
        status_type: row.get(5)?,
        note: row.get(6)?,
        return_time: row.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(at: i64, server: &str, user: &str, name: &str) -> Presence {
        Presence::of(&serde_json::json!({
            "type": "userStatus", "time": at, "coreServerId": server, "username": user,
            "name": name, "statusType": "away", "note": "", "returnTime": -1
        }))
        .unwrap()
    }

    fn db() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        super::super::schema::migrate(&mut c).unwrap();
        let tx = c.transaction().unwrap();
        for (live, slug) in [
            ("live-1", "default"),
            ("live-2", "default"),
            ("live-b", "branch"),
        ] {
            let server = CoreServer {
                live_id: live.into(),
                configuration_id: format!("cfg-{slug}"),
                slug: slug.into(),
            };
            remember_server(&tx, &server).unwrap();
        }
        insert(&tx, &event(100, "live-1", "4201", "Lunch")).unwrap();
        // iSymphony restarted: a new live id, the same server.
        insert(&tx, &event(200, "live-2", "4201", "Meeting")).unwrap();
        insert(&tx, &event(150, "live-2", "4202", "Away")).unwrap();
        insert(&tx, &event(300, "live-b", "4201", "Branch status")).unwrap();
        let login = Presence::of(&serde_json::json!({"type": "userLogin", "time": 250, "coreServerId": "live-2", "username": "4201"})).unwrap();
        insert(&tx, &login).unwrap();
        tx.commit().unwrap();
        c
    }

    #[test]
    fn since_is_the_latest_status_change_on_that_server_across_its_restarts() {
        let c = db();
        let latest = latest(&c, "default").unwrap();
        assert_eq!(latest["4201"].at, 200);
        assert_eq!(latest["4201"].name, "Meeting");
        assert_eq!(latest["4202"].at, 150);
        assert_eq!(latest.len(), 2, "the branch's 4201 is another user");
        assert_eq!(
            super::latest(&c, "cfg-branch").unwrap()["4201"].name,
            "Branch status"
        );
        assert!(super::latest(&c, "' OR 1=1 --").unwrap().is_empty());
    }

    #[test]
    fn a_day_starts_with_the_status_it_began_in() {
        let c = db();
        let day = day(&c, "default", "4201", 150, 100).unwrap();
        let seen: Vec<(i64, &str)> = day.iter().map(|p| (p.at, p.kind.as_str())).collect();
        assert_eq!(
            seen,
            [(100, "userStatus"), (200, "userStatus"), (250, "userLogin")]
        );
    }

    #[test]
    fn other_events_and_odd_ones_are_not_history() {
        assert!(Presence::of(&serde_json::json!({"type": "filter"})).is_none());
        assert!(Presence::of(&serde_json::json!({"type": "userStatus", "time": 1})).is_none());
        assert!(Presence::of(&serde_json::json!({"type": "userLogin", "username": "x"})).is_none());
    }

    #[test]
    fn recording_since_is_set_once() {
        let c = db();
        assert_eq!(recording_since(&c, 5).unwrap(), 5);
        assert_eq!(recording_since(&c, 9).unwrap(), 5);
    }
}
