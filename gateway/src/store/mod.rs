//! The team's memory: one SQLite file (WAL) whose schema is migrated at start ([`schema`]). Records go
//! through one writer thread with a bounded queue ([`writer`]), so a request never waits on the disk and a
//! file that cannot be written costs a "degraded" health, not a refused request; reads ([`activity`]) open
//! their own connection on a blocking thread.

pub mod activity;
mod schema;
mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use activity::{Entry, Page, Query, Record};
pub use writer::Health;

pub struct Store {
    path: PathBuf,
    writer: writer::Writer,
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
        Ok(Store {
            path: path.to_owned(),
            writer: writer::Writer::start(connection, path.to_owned(), keep),
        })
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
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let connection = schema::connect(&path)?;
            activity::page(&connection, &query).map_err(|e| e.to_string())
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
