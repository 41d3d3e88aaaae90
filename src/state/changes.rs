//! Status changes made from the board: once sent they finish, are recorded and offer `Undo`, even if the
//! supervisor leaves the board meanwhile. They run in the signed-in session's scope with the session's own
//! client (the board's client is aborted when the board goes); the board shows their result only while it
//! is there (through its scope), and a notification shows it wherever the supervisor now is.

use std::rc::Rc;

use futures::StreamExt;
use leptos::prelude::*;

use crate::api::types::{SetStatus, UserStatus};
use crate::api::{ApiClient, ApiError};
use crate::domain::audit::{describe_set, describe_status, Action as AuditAction};
use crate::domain::board::Presence;
use crate::state::audit::{outcome, use_audit, AuditLog, Change};
use crate::state::board::{BoardStore, Row, MAX_IN_FLIGHT};
use crate::state::notifications::{use_notifications, Action, Notifications, Tone};
use crate::state::tasks::{use_session_scope, Scope};

/// How long a status change can be undone from its notification.
pub const UNDO_MS: u64 = 10_000;
/// How long a failed Undo can be tried again: long enough to sign in again first.
const RETRY_UNDO_MS: u64 = 60_000;

/// Everything a board's status change needs after it is sent. Made while the board is built; cheap to
/// clone into each task.
#[derive(Clone)]
pub struct StatusWrites {
    pub store: BoardStore,
    pub slug: String,
    /// The session's client: not aborted when the board goes.
    pub api: ApiClient,
    /// The session's scope: ends at sign-out, not when the board goes.
    pub scope: Scope,
    notes: Notifications,
    audit: AuditLog,
}

impl StatusWrites {
    /// For the board of `store` on core server `slug`, writing with the session's client `api`.
    pub fn new(store: BoardStore, slug: String, api: ApiClient) -> Self {
        StatusWrites {
            store,
            slug,
            api,
            scope: use_session_scope(),
            notes: use_notifications(),
            audit: use_audit(),
        }
    }

    /// Records one user's change in the audit trail.
    pub fn record(
        &self,
        action: AuditAction,
        row: &Row,
        before: String,
        after: String,
        result: Result<(), String>,
    ) {
        let change = Change {
            core_server: &self.slug,
            action,
            target: row.member.username.clone(),
            before,
            after,
        };
        self.audit.note(change, result);
    }

    /// Records every user's outcome of setting `body`.
    pub fn record_sets(&self, action: AuditAction, body: &SetStatus, finished: &[Outcome]) {
        for o in finished {
            let before = o.before.as_ref().map(describe_status).unwrap_or_default();
            self.record(action, &o.row, before, describe_set(body), o.result.clone());
        }
    }

    /// Tells the supervisor, wherever they are now, about a failure the board is no longer there to show.
    pub fn tell_failure(&self, text: String) {
        self.notes.show(text, Tone::Error, None, 10_000);
    }

    /// After a change: a notification with `Undo` that restores each changed user's previous status.
    pub fn offer_undo(&self, body: &SetStatus, finished: Vec<Outcome>) {
        let previous: Vec<(Row, UserStatus)> = finished
            .into_iter()
            .filter(|o| o.result.is_ok())
            .filter_map(|o| o.before.map(|b| (o.row, b)))
            .collect();
        if previous.is_empty() {
            return;
        }
        let text = match previous.as_slice() {
            [(row, _)] => format!("Set {} to “{}”.", row.member.display_name, body.name),
            many => format!("Set {} users to “{}”.", many.len(), body.name),
        };
        let this = self.clone();
        let undo = Action {
            label: "Undo".into(),
            run: Rc::new(move || this.undo(previous.clone())),
        };
        self.notes.show(text, Tone::Info, Some(undo), UNDO_MS);
    }

    /// Puts every user of `previous` back. Users it could not restore (the server refused, or asked to
    /// sign in again) are offered again with `Retry undo`, so an Undo is never lost to one bad answer.
    fn undo(&self, previous: Vec<(Row, UserStatus)>) {
        let this = self.clone();
        self.scope.spawn(async move {
            let results = restore(this.store, &this.api, &this.slug, previous).await;
            let total = results.len();
            let mut failed = Vec::new();
            for (row, before, result) in results {
                this.record(
                    AuditAction::Undo,
                    &row,
                    String::new(),
                    describe_status(&before),
                    outcome(&result),
                );
                if result.is_err() {
                    failed.push((row, before));
                }
            }
            if failed.is_empty() {
                this.notes.show(
                    format!("Undone: {total} restored."),
                    Tone::Info,
                    None,
                    6_000,
                );
                return;
            }
            let text = format!(
                "Undo failed for {} of {total} users; see Activity.",
                failed.len()
            );
            let again = this.clone();
            let retry = Action {
                label: "Retry undo".into(),
                run: Rc::new(move || again.undo(failed.clone())),
            };
            this.notes
                .show(text, Tone::Error, Some(retry), RETRY_UNDO_MS);
        });
    }
}

/// How one user fared in a change.
#[derive(Clone, PartialEq)]
pub struct Outcome {
    pub row: Row,
    /// Their status before the change, for undo (`None` if it was not known).
    pub before: Option<UserStatus>,
    pub result: Result<(), String>,
}

/// Puts each user back to the status they had, [`MAX_IN_FLIGHT`] at a time. Returns each user's result.
async fn restore(
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

/// A row's status as it is known now (for undo and the audit trail's "before").
pub fn known_status(row: &Row) -> Option<UserStatus> {
    match row.presence.get_untracked() {
        Presence::Known(s) => Some(s),
        _ => None,
    }
}
