//! What an operator does with the database from the command line (`gateway --config F backup|export-user|
//! forget-user …`), on the file itself, while the gateway runs or not.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{params, Connection};
use serde_json::{json, Value};

use super::activity::{self, Query};
use super::presence::{self, Presence};
use super::schema;

/// Copies the database to `to` with SQLite's online backup: a consistent copy while the gateway writes.
pub fn backup(path: &Path, to: &Path) -> Result<(), String> {
    if to.exists() {
        return Err(format!(
            "{} exists already: give a new file, so no backup is overwritten",
            to.display()
        ));
    }
    let source = schema::connect(path)?;
    let mut copy =
        Connection::open(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    Backup::new(&source, &mut copy)
        .and_then(|b| b.run_to_completion(256, Duration::from_millis(5), None))
        .map_err(|e| format!("the backup to {} failed: {e}", to.display()))
}

/// Everything kept about `username`: their status history, and the Activity's entries about them (a
/// status set on them, a group change of theirs) — as JSON.
pub fn export_user(path: &Path, username: &str) -> Result<Value, String> {
    let c = schema::connect(path)?;
    let history = history_of(&c, username).map_err(|e| e.to_string())?;
    let activity = about(&c, username).map_err(|e| e.to_string())?;
    Ok(json!({"username": username, "history": history, "activity": activity}))
}

/// Deletes what [`export_user`] exports; what they did as a supervisor stays (`by` is the trail of who
/// changed what). Returns (history rows, Activity entries) removed.
pub fn forget_user(path: &Path, username: &str) -> Result<(usize, usize), String> {
    let mut c = schema::connect(path)?;
    let tx = c.transaction().map_err(|e| e.to_string())?;
    let history = tx
        .execute("DELETE FROM presence WHERE username = ?1", [username])
        .map_err(|e| e.to_string())?;
    let entries = tx
        .execute(
            "DELETE FROM activity WHERE target = ?1 OR target LIKE ?2 ESCAPE '\\'",
            params![username, member_target(username)],
        )
        .map_err(|e| e.to_string())?;
    tx.commit().map_err(|e| e.to_string())?;
    Ok((history, entries))
}

/// A membership entry's target begins `"{username} in "`.
fn member_target(username: &str) -> String {
    let escaped = username
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("{escaped} in %")
}

fn history_of(c: &Connection, username: &str) -> rusqlite::Result<Vec<Presence>> {
    let mut statement = c.prepare(
        "SELECT at, core_server, username, kind, name, type, note, return_time FROM presence
         WHERE username = ?1 ORDER BY at, id",
    )?;
    let rows = statement.query_map([username], presence::read)?;
    rows.collect()
}

fn about(c: &Connection, username: &str) -> rusqlite::Result<Vec<activity::Entry>> {
    let mut out = Vec::new();
    let mut query = Query {
        limit: Some(activity::PAGE_MAX),
        ..Query::default()
    };
    loop {
        let page = activity::page(c, &query)?;
        out.extend(page.entries.into_iter().filter(|e| {
            e.record.target == username || e.record.target.starts_with(&format!("{username} in "))
        }));
        match page.next {
            Some(next) => query.before = Some(next),
            None => return Ok(out),
        }
    }
}
