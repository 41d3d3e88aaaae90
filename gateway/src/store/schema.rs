//! The database file and its schema. Migrations are applied in order at start, each once (SQLite's
//! `user_version` counts them); a new one is appended, never edited.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[
    M::up(
        "CREATE TABLE activity (
        id          INTEGER PRIMARY KEY,
        at          INTEGER NOT NULL,
        by_username TEXT    NOT NULL,
        by_name     TEXT    NOT NULL,
        core_server TEXT    NOT NULL,
        action      TEXT    NOT NULL,
        target      TEXT    NOT NULL,
        before      TEXT    NOT NULL,
        after       TEXT    NOT NULL,
        result      TEXT    NOT NULL
    );
    CREATE INDEX activity_at ON activity (at);
    CREATE INDEX activity_by ON activity (by_username, id);
    CREATE INDEX activity_target ON activity (target, id);",
    ),
    // Status history: every userStatus, userLogin and userLogout event, at the event's own time, and the
    // live ids the core servers had (a live id is new at every iSymphony start).
    M::up(
        "CREATE TABLE presence (
        id          INTEGER PRIMARY KEY,
        at          INTEGER NOT NULL,
        core_server TEXT    NOT NULL,
        username    TEXT    NOT NULL,
        kind        TEXT    NOT NULL,
        name        TEXT    NOT NULL,
        type        TEXT    NOT NULL,
        note        TEXT    NOT NULL,
        return_time INTEGER NOT NULL
    );
    CREATE INDEX presence_user ON presence (username, at);
    CREATE INDEX presence_at ON presence (at);
    CREATE TABLE core_servers (
        live_id          TEXT PRIMARY KEY,
        configuration_id TEXT NOT NULL,
        slug             TEXT NOT NULL
    );
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    );",
    ),
];

/// Opens the file in WAL mode (readers never wait for the writer), waiting up to 2 s for a lock.
pub fn connect(path: &Path) -> Result<Connection, String> {
    let connection = Connection::open(path)
        .map_err(|e| format!("cannot open the activity database {}: {e}", path.display()))?;
    connection
        .busy_timeout(Duration::from_secs(2))
        .and_then(|_| connection.pragma_update(None, "journal_mode", "WAL"))
        .and_then(|_| connection.pragma_update(None, "synchronous", "NORMAL"))
        .map_err(|e| format!("cannot use the activity database {}: {e}", path.display()))?;
    Ok(connection)
}

pub fn migrate(connection: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    Migrations::from_slice(MIGRATIONS).to_latest(connection)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_are_valid_and_apply_to_an_empty_file() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
        let dir = std::env::temp_dir().join(format!("gw-schema-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("empty.db");
        let _ = std::fs::remove_file(&path);
        let mut c = connect(&path).unwrap();
        migrate(&mut c).unwrap();
        migrate(&mut c).unwrap();
        let version: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_file_of_the_first_schema_keeps_its_activity_when_migrated() {
        let mut c = Connection::open_in_memory().unwrap();
        Migrations::from_slice(&MIGRATIONS[..1])
            .to_latest(&mut c)
            .unwrap();
        c.execute(
            "INSERT INTO activity (at, by_username, by_name, core_server, action, target, before, after, result)
             VALUES (1, '4224', 'Steve Summers', 'default', 'status-set', '4201', 'a', 'b', 'ok')",
            [],
        )
        .unwrap();
        migrate(&mut c).unwrap();
        let kept: i64 = c
            .query_row("SELECT COUNT(*) FROM activity", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 1);
        let history: i64 = c
            .query_row("SELECT COUNT(*) FROM presence", [], |r| r.get(0))
            .unwrap();
        assert_eq!(history, 0);
    }
}
