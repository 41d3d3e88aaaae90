//! Status changes made from the board, orchestrated in one place: set → re-read → record in the audit
//! trail → remember as a recent preset → notify with `Undo` → undo. Once sent a change finishes even if
//! the supervisor leaves the board: it runs in the signed-in session's scope with the session's own
//! client (the board's client is aborted when the board goes); the board shows its result only while it is
//! there (through its scope), and a notification shows it wherever the supervisor now is. A 401 on the way
//! is the API client's business (its one hook asks to sign in again).

use futures::StreamExt;

use crate::api::types::{SetStatus, UserStatus};
use crate::api::{ApiClient, ApiError, Purpose};
use crate::domain::audit::{describe_set, describe_status, AuditAction};
use crate::state::audit::{outcome, use_audit, AuditChange, AuditLog};
use crate::state::board::{BoardStore, Row, MAX_IN_FLIGHT};
use crate::state::bulk::BulkJob;
use crate::state::notifications::{
    use_notifications, Lasts, NotificationAction, Notifications, Tone,
};
use crate::state::recent::{use_recent, RecentStatuses};
use crate::state::tasks::{use_session_scope, Scope};

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
    notifications: Notifications,
    audit: AuditLog,
    recent: RecentStatuses,
}

/// How one user fared in a change.
#[derive(Clone, PartialEq)]
pub struct Outcome {
    pub row: Row,
    /// Their status before the change, for undo (`None` if it was not known).
    pub before: Option<UserStatus>,
    pub result: Result<(), String>,
}

/// A user and the status to put back for them.
#[derive(Clone)]
struct Restore {
    row: Row,
    status: UserStatus,
}

impl StatusWrites {
    /// For the board of `store` on core server `slug`, writing with the session's client `api`.
    pub fn new(store: BoardStore, slug: String, api: ApiClient) -> Self {
        StatusWrites {
            store,
            slug,
            api,
            scope: use_session_scope(),
            notifications: use_notifications(),
            audit: use_audit(),
            recent: use_recent(),
        }
    }

    /// Sets one user's status (the editor's Save or a preset). `shown` gets the result while the board is
    /// there (to close the editor, or keep it open with the reason); once the board is gone, a failure is
    /// a notification instead.
    pub fn set_one(
        &self,
        row: Row,
        body: SetStatus,
        shown: impl FnOnce(Result<(), String>) + 'static,
    ) {
        let this = self.clone();
        let before = row.known_status();
        self.scope.spawn(async move {
            let result = this.store.save(&this.api, &this.slug, &row, &body).await;
            let outcome = Outcome {
                row,
                before,
                result: outcome(&result),
            };
            this.record_sets(
                AuditAction::StatusSet,
                &body,
                std::slice::from_ref(&outcome),
            );
            if result.is_ok() {
                this.recent.used(&body);
            }
            let shown_here = this.store.scope.apply(|| shown(outcome.result.clone()));
            if let (None, Err(why)) = (shown_here, &outcome.result) {
                let name = &outcome.row.member.display_name;
                this.tell_failure(format!("The status of {name} was not saved: {why}"));
            }
            this.offer_undo(&body, vec![outcome]);
        });
    }

    /// A one-click change from a row (an overdue user's `+15 min` or `Back`): recorded and undoable like
    /// any set; a failure is always a notification, as no editor is open to hold it.
    pub fn set_from_row(&self, row: Row, body: SetStatus) {
        let this = self.clone();
        let name = row.member.display_name.clone();
        self.set_one(row, body, move |result| {
            if let Err(why) = result {
                this.tell_failure(format!("The status of {name} was not saved: {why}"));
            }
        });
    }

    /// Sets `job`'s status on the full users among `rows` ([`MAX_IN_FLIGHT`] at a time), records every
    /// user's outcome and offers to undo the successes. The job's report follows while the board is there;
    /// once it is gone, failures are summed up in a notification.
    pub fn set_many(&self, job: BulkJob, rows: Vec<Row>) {
        let this = self.clone();
        let (body, targets) = job.prepare(rows);
        self.recent.used(&body);
        self.scope.spawn(async move {
            let finished = job.run(&this, &body, targets).await;
            this.record_sets(AuditAction::BulkStatusSet, &body, &finished);
            if !this.store.scope.is_live() {
                this.tell_summary(&body, &finished);
            }
            this.offer_undo(&body, finished);
        });
    }

    /// Records one user's change in the audit trail.
    fn record(
        &self,
        action: AuditAction,
        row: &Row,
        before: String,
        after: String,
        result: Result<(), String>,
    ) {
        let change = AuditChange {
            core_server: &self.slug,
            action,
            target: row.member.username.clone(),
            before,
            after,
        };
        self.audit.record(change, result);
    }

    /// Records every user's outcome of setting `body`.
    fn record_sets(&self, action: AuditAction, body: &SetStatus, finished: &[Outcome]) {
        for o in finished {
            let before = o.before.as_ref().map(describe_status).unwrap_or_default();
            self.record(action, &o.row, before, describe_set(body), o.result.clone());
        }
    }

    /// Tells the supervisor, wherever they are now, about a failure the board is no longer there to show.
    fn tell_failure(&self, text: String) {
        self.notifications
            .show(text, Tone::Error, None, Lasts::Elsewhere);
    }

    /// A bulk set's failures, when the board (and its report) went before the job ended.
    fn tell_summary(&self, body: &SetStatus, finished: &[Outcome]) {
        let failed = finished.iter().filter(|o| o.result.is_err()).count();
        if failed > 0 {
            self.tell_failure(format!(
                "Setting “{}”: {failed} of {} users failed; see Activity.",
                body.name,
                finished.len()
            ));
        }
    }

    /// After a change: a notification with `Undo` that restores each changed user's previous status.
    fn offer_undo(&self, body: &SetStatus, finished: Vec<Outcome>) {
        let previous: Vec<Restore> = finished
            .into_iter()
            .filter(|o| o.result.is_ok())
            .filter_map(|o| o.before.map(|status| Restore { row: o.row, status }))
            .collect();
        let text = match previous.as_slice() {
            [] => return,
            [one] => format!("Set {} to “{}”.", one.row.member.display_name, body.name),
            many => format!("Set {} users to “{}”.", many.len(), body.name),
        };
        let this = self.clone();
        let undo = NotificationAction::new("Undo", move || this.undo(previous.clone()));
        self.notifications
            .show(text, Tone::Info, Some(undo), Lasts::StatusUndo);
    }

    /// Puts every user of `previous` back. Users it could not restore (the server refused, or asked to
    /// sign in again) are offered again with `Retry undo`, so an Undo is never lost to one bad answer.
    fn undo(&self, previous: Vec<Restore>) {
        let this = self.clone();
        self.scope.spawn(async move {
            let api = this.api.for_purpose(Purpose::Undo);
            let results = restore(this.store, &api, &this.slug, previous).await;
            let total = results.len();
            let mut failed = Vec::new();
            for (restore, result) in results {
                let after = describe_status(&restore.status);
                this.record(
                    AuditAction::Undo,
                    &restore.row,
                    String::new(),
                    after,
                    outcome(&result),
                );
                if result.is_err() {
                    failed.push(restore);
                }
            }
            if failed.is_empty() {
                let text = format!("Undone: {total} restored.");
                this.notifications
                    .show(text, Tone::Info, None, Lasts::Undone);
                return;
            }
            let text = format!(
                "Undo failed for {} of {total} users; see Activity.",
                failed.len()
            );
            let again = this.clone();
            let retry = NotificationAction::new("Retry undo", move || again.undo(failed.clone()));
            this.notifications
                .show(text, Tone::Error, Some(retry), Lasts::RetryUndo);
        });
    }
}

/// Puts each user back to the status they had, [`MAX_IN_FLIGHT`] at a time. Returns each user's result.
async fn restore(
    store: BoardStore,
    api: &ApiClient,
    slug: &str,
    previous: Vec<Restore>,
) -> Vec<(Restore, Result<(), ApiError>)> {
    futures::stream::iter(previous)
        .map(|restore| async move {
            let body = SetStatus::from(&restore.status);
            let result = store.save(api, slug, &restore.row, &body).await;
            (restore, result)
        })
        .buffer_unordered(MAX_IN_FLIGHT)
        .collect()
        .await
}
