//! A bulk status change: the same status for many users, at most [`MAX_IN_FLIGHT`] requests at a time,
//! with progress, a result per user, retrying the failed ones, and undoing the lot.

use futures::StreamExt;
use leptos::prelude::*;

use crate::api::types::{SetStatus, UserStatus};
use crate::api::{ApiClient, ApiError};
use crate::domain::board::Presence;
use crate::state::board::{BoardStore, Row, MAX_IN_FLIGHT};

/// How one user fared.
#[derive(Clone, PartialEq)]
pub struct Outcome {
    pub row: Row,
    /// Their status before the change, for undo (`None` if it was not known).
    pub before: Option<UserStatus>,
    pub result: Result<(), String>,
}

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

    /// Sets the status on every full user in `rows`, replacing their earlier outcomes.
    pub async fn run(
        self,
        store: BoardStore,
        api: &ApiClient,
        slug: &str,
        rows: Vec<Row>,
    ) -> Vec<Outcome> {
        let rows: Vec<Row> = rows.into_iter().filter(is_full).collect();
        self.running.try_set(true);
        self.done.try_set(self.total.get_untracked() - rows.len());
        let body = self.body.get_value();
        let finished: Vec<Outcome> = futures::stream::iter(rows)
            .map(|row| {
                let body = &body;
                async move {
                    let before = match row.presence.get_untracked() {
                        Presence::Known(s) => Some(s),
                        _ => None,
                    };
                    let result = store
                        .save(api, slug, &row, body)
                        .await
                        .map_err(|e: ApiError| e.message());
                    self.done.try_update(|n| *n += 1);
                    Outcome {
                        row,
                        before,
                        result,
                    }
                }
            })
            .buffer_unordered(MAX_IN_FLIGHT)
            .collect()
            .await;
        self.outcomes.try_update(|all| {
            all.retain(|o| {
                !finished
                    .iter()
                    .any(|f| f.row.member.username == o.row.member.username)
            });
            all.extend(finished.iter().cloned());
            all.sort_by(|a, b| a.row.member.display_name.cmp(&b.row.member.display_name));
        });
        self.running.try_set(false);
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
    row.member.full && !row.presence.with_untracked(|p| *p == Presence::Lite)
}

/// Puts each user back to the status they had, [`MAX_IN_FLIGHT`] at a time. Returns each user's result.
pub async fn restore(
    store: BoardStore,
    api: &ApiClient,
    slug: &str,
    previous: Vec<(Row, UserStatus)>,
) -> Vec<(Row, UserStatus, Result<(), ApiError>)> {
    futures::stream::iter(previous)
        .map(|(row, before)| async move {
            let body = SetStatus {
                name: before.name.clone(),
                kind: before.kind.clone(),
                note: before.note.clone(),
                return_time: before.return_time,
            };
            let result = store.save(api, slug, &row, &body).await;
            (row, before, result)
        })
        .buffer_unordered(MAX_IN_FLIGHT)
        .collect()
        .await
}
