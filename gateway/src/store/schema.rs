//! The database file and its schema. Migrations are applied in order at start, each once (SQLite's
//! `user_version` counts them); a new one is appended, never edited.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[M::up(
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
)];

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
}
