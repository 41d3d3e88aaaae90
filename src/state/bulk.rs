//! A bulk status change: the same status for many users, at most [`MAX_IN_FLIGHT`] requests at a time,
//! with progress, a result per user, retrying the failed ones, and undoing the lot.

use futures::StreamExt;
use leptos::prelude::*;

use crate::api::types::{SetStatus, UserStatus};
use crate::api::Purpose;
use crate::domain::board::Presence;
use crate::domain::sort;
use crate::state::board::{Row, MAX_IN_FLIGHT};
use crate::state::changes::{Outcome, StatusWrites};

/// The job's progress and results, shown by the board's report while the board is there.
#[derive(Clone, Copy)]
pub struct BulkJob {
    pub body: StoredValue<SetStatus>,
    /// Full users to change.
    pub total: RwSignal<usize>,
    pub done: RwSignal<usize>,
    pub outcomes: RwSignal<Vec<Outcome>>,
    /// Lite users in the selection: they have no presence to set.
    pub skipped: RwSignal<Vec<String>>,
    pub running: RwSignal<bool>,
}

/// The users a run changes, each with the status they had (read before anything is sent).
pub type Targets = Vec<(Row, Option<UserStatus>)>;

impl BulkJob {
    /// A job for `rows`, splitting off the lite users.
    pub fn new(rows: &[Row], body: SetStatus) -> Self {
        let skipped = rows
            .iter()
            .filter(|r| !is_full(r))
            .map(|r| r.member.display_name.clone())
            .collect();
        BulkJob {
            body: StoredValue::new(body),
            total: RwSignal::new(rows.iter().filter(|r| is_full(r)).count()),
            done: RwSignal::new(0),
            outcomes: RwSignal::new(Vec::new()),
            skipped: RwSignal::new(skipped),
            running: RwSignal::new(false),
        }
    }

    /// Marks the job running on the full users in `rows` and reads what it needs from the page, so that
    /// [`BulkJob::run`] can finish without it.
    pub fn prepare(&self, rows: Vec<Row>) -> (SetStatus, Targets) {
        let targets: Targets = rows
            .into_iter()
            .filter(is_full)
            .map(|r| {
                let before = r.known_status();
                (r, before)
            })
            .collect();
        self.running.set(true);
        self.done.set(self.total.get_untracked() - targets.len());
        (self.body.get_value(), targets)
    }

    /// Sets `body` on every target, replacing their earlier outcomes. Runs to the end even when the board
    /// goes (in the session's scope); the report follows only while the board is there.
    pub async fn run(
        self,
        writes: &StatusWrites,
        body: &SetStatus,
        targets: Targets,
    ) -> Vec<Outcome> {
        let page = writes.store.scope;
        let api = &writes.api.for_purpose(Purpose::Bulk);
        let finished: Vec<Outcome> = futures::stream::iter(targets)
            .map(|(row, before)| async move {
                let result = writes.store.save(api, &writes.slug, &row, body).await;
                page.apply(|| self.done.update(|n| *n += 1));
                Outcome {
                    row,
                    before,
                    result: result.map_err(|e| e.message()),
                }
            })
            .buffer_unordered(MAX_IN_FLIGHT)
            .collect()
            .await;
        page.apply(|| {
            self.outcomes.update(|all| {
                all.retain(|o| {
                    !finished
                        .iter()
                        .any(|f| f.row.member.username == o.row.member.username)
                });
                all.extend(finished.iter().cloned());
                sort::sort_by(all, |a, b| {
                    a.row.member.display_name.cmp(&b.row.member.display_name)
                });
            });
            self.running.set(false);
        });
        finished
    }

    pub fn failed_rows(&self) -> Vec<Row> {
        self.outcomes.with_untracked(|o| {
            o.iter()
                .filter(|o| o.result.is_err())
                .map(|o| o.row.clone())
                .collect()
        })
    }
}

fn is_full(row: &Row) -> bool {
    row.member.full && row.presence.with_untracked(Presence::has_presence)
}
