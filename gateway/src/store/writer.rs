//! The one thread that writes the database. Jobs wait in a bounded queue; while the file cannot be
//! written (locked, read-only, disk full) they stay queued and the writer tries again every second, and
//! [`Health`] says why. When the queue is full a new job is refused and counted in the health, and an
//! Activity record is written to the log with what it was — never dropped silently.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;
use serde::Serialize;

use super::activity::{self, Record};
use super::presence::{self, CoreServer, Presence};

/// Records held while the file cannot be written (about 5 MB).
pub const QUEUE_LIMIT: usize = 10_000;
const BATCH: usize = 500;
const RETRY: Duration = Duration::from_secs(1);
const PRUNE_EVERY: Duration = Duration::from_secs(24 * 3600);

#[derive(Clone)]
pub enum Job {
    Record(Record),
    Presence(Presence),
    Server(CoreServer),
    Prune,
}

/// How the store is doing, for `/gateway/health`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Health {
    /// Why the last write failed, while it keeps failing.
    pub problem: Option<String>,
    /// Jobs waiting to be written.
    pub queued: usize,
    /// Records refused since start because the queue was full.
    pub refused: u64,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    problem: Option<String>,
    refused: u64,
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub struct Writer {
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Writer {
    pub fn start(connection: Connection, path: PathBuf, keep: Duration) -> Writer {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
        });
        let thread = std::thread::Builder::new()
            .name("activity-writer".into())
            .spawn({
                let shared = shared.clone();
                move || run(&shared, connection, &path, keep)
            })
            .ok();
        Writer { shared, thread }
    }

    pub fn push(&self, job: Job) {
        let mut queue = self.shared.lock();
        if queue.jobs.len() >= QUEUE_LIMIT {
            queue.refused += 1;
            if let Job::Record(r) = &job {
                // The Activity matters most: its record goes to the log instead.
                tracing::error!(
                    at = r.at,
                    by = r.by,
                    action = r.action,
                    target = r.target,
                    after = r.after,
                    result = r.result,
                    "activity queue full (the database cannot be written): this record is not kept"
                );
            }
            return;
        }
        queue.jobs.push_back(job);
        self.shared.wake.notify_one();
    }

    pub fn health(&self) -> Health {
        let queue = self.shared.lock();
        Health {
            problem: queue.problem.clone(),
            queued: queue.jobs.len(),
            refused: queue.refused,
        }
    }
}

impl Drop for Writer {
    /// Writes what is queued (if the file allows), then stops.
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(shared: &Shared, mut connection: Connection, path: &std::path::Path, keep: Duration) {
    shared.lock().jobs.push_front(Job::Prune);
    let mut last_prune = Instant::now();
    loop {
        let mut queue = shared.lock();
        while queue.jobs.is_empty() && !queue.closed {
            let wait = PRUNE_EVERY.saturating_sub(last_prune.elapsed());
            queue = shared
                .wake
                .wait_timeout(queue, wait)
                .unwrap_or_else(|e| e.into_inner())
                .0;
            if last_prune.elapsed() >= PRUNE_EVERY {
                queue.jobs.push_back(Job::Prune);
                last_prune = Instant::now();
            }
        }
        let count = queue.jobs.len().min(BATCH);
        if count == 0 {
            return;
        }
        let jobs: Vec<Job> = queue.jobs.iter().take(count).cloned().collect();
        // Written without the lock: a request queueing a record never waits on the disk.
        drop(queue);
        let written = write(&mut connection, &jobs, keep);
        let mut queue = shared.lock();
        match written {
            Ok(()) => {
                queue.jobs.drain(..count);
                queue.problem = None;
            }
            Err(e) => {
                let problem = format!("cannot write the activity database {}: {e}", path.display());
                if queue.problem.as_ref() != Some(&problem) {
                    tracing::error!(
                        problem,
                        queued = queue.jobs.len(),
                        "activity kept in memory until it can be written"
                    );
                }
                queue.problem = Some(problem);
                if queue.closed {
                    return;
                }
                drop(queue);
                std::thread::sleep(RETRY);
            }
        }
    }
}

/// Writes a batch in one transaction: all of it, or none.
fn write(connection: &mut Connection, jobs: &[Job], keep: Duration) -> rusqlite::Result<()> {
    let tx = connection.transaction()?;
    for job in jobs {
        match job {
            Job::Record(r) => activity::insert(&tx, r)?,
            Job::Presence(p) => presence::insert(&tx, p)?,
            Job::Server(s) => presence::remember_server(&tx, s)?,
            Job::Prune => {
                let cutoff = cutoff(keep);
                let gone = activity::prune(&tx, cutoff)? + presence::prune(&tx, cutoff)?;
                if gone > 0 {
                    tracing::info!(gone, "records older than the retention removed");
                }
            }
        }
    }
    tx.commit()
}

fn cutoff(keep: Duration) -> i64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    now.saturating_sub(keep).as_millis() as i64
}
