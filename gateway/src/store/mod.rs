//! The team's memory: one SQLite file (WAL) whose schema is migrated at start ([`schema`]). Records go
//! through one writer thread with a bounded queue ([`writer`]), so a request never waits on the disk and a
//! file that cannot be written costs a "degraded" health, not a refused request; reads ([`activity`]) open
//! their own connection on a blocking thread.

pub mod activity;
pub mod operator;
pub mod presence;
mod schema;
mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use activity::{Entry, Page, Query, Record};
pub use presence::{CoreServer, Presence};
pub use writer::Health;

/// Read connections kept for the next read (opening one costs more than a page of the Activity).
const READERS: usize = 4;

pub struct Store {
    path: PathBuf,
    writer: writer::Writer,
    readers: std::sync::Arc<std::sync::Mutex<Vec<rusqlite::Connection>>>,
    /// When the status history began (Unix ms): before it, nobody's "since" is known.
    pub recording_since: i64,
}

/// Each user's status and since when, on one core server.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Since {
    pub recording_since: i64,
    pub users: std::collections::BTreeMap<String, Presence>,
}

impl Store {
    /// Opens (or creates) the file and brings its schema up to date; the error names the file and the fix.
    pub fn open(path: &Path, keep: Duration) -> Result<Store, String> {
        let mut connection = schema::connect(path)?;
        schema::migrate(&mut connection).map_err(|e| {
            format!(
                "cannot prepare the activity database {}: {e}. Check that the gateway's user may write it and its folder, or point [store] path in gateway.toml elsewhere.",
                path.display()
            )
        })?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or_default();
        let recording_since = presence::recording_since(&connection, now)
            .map_err(|e| format!("cannot use the activity database {}: {e}", path.display()))?;
        Ok(Store {
            path: path.to_owned(),
            writer: writer::Writer::start(connection, path.to_owned(), keep),
            readers: Default::default(),
            recording_since,
        })
    }

    /// Queues one event of the status history.
    pub fn presence(&self, presence: Presence) {
        self.writer.push(writer::Job::Presence(presence));
    }

    /// Remembers which configuration server a live id is.
    pub fn core_server(&self, server: CoreServer) {
        self.writer.push(writer::Job::Server(server));
    }

    /// Queues a record; it is written as soon as the file allows.
    pub fn record(&self, record: Record) {
        self.writer.push(writer::Job::Record(record));
    }

    /// Removes what is older than the retention now (it also happens once a day by itself).
    pub fn prune(&self) {
        self.writer.push(writer::Job::Prune);
    }

    pub fn health(&self) -> Health {
        self.writer.health()
    }

    /// One page of the trail, newest first.
    pub async fn activity(&self, query: Query) -> Result<Page, String> {
        self.read(move |c| activity::page(c, &query)).await
    }

    /// Each user's latest status change on `server` (its configuration id or slug).
    pub async fn since(&self, server: String) -> Result<Since, String> {
        let recording_since = self.recording_since;
        let users = self.read(move |c| presence::latest(c, &server)).await?;
        Ok(Since {
            recording_since,
            users,
        })
    }

    /// One user's history on `server` from `from` (Unix ms), with the status they began it in.
    pub async fn day(
        &self,
        server: String,
        username: String,
        from: i64,
    ) -> Result<Vec<Presence>, String> {
        self.read(move |c| presence::day(c, &server, &username, from, 2_000))
            .await
    }

    /// Runs a query on a read connection (a kept one, or a new one), on a blocking thread.
    async fn read<T: Send + 'static>(
        &self,
        query: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, String> {
        let (path, readers) = (self.path.clone(), self.readers.clone());
        tokio::task::spawn_blocking(move || {
            let lock = || readers.lock().unwrap_or_else(|e| e.into_inner());
            let kept = lock().pop();
            let connection = match kept {
                Some(c) => c,
                None => schema::connect(&path)?,
            };
            let result = query(&connection).map_err(|e| e.to_string());
            let mut pool = lock();
            if pool.len() < READERS {
                pool.push(connection);
            }
            result
        })
        .await
        .map_err(|e| e.to_string())?
    }

    /// Waits until everything queued so far is written (tests, and shutdown).
    pub async fn flushed(&self, within: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + within;
        while self.health().queued > 0 {
            if tokio::time::Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        true
    }
}
