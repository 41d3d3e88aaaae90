//! The audit trail of this browser, kept in localStorage (never a password) so it survives a reload, and
//! provided through context so every change can be recorded where it is made.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::domain::audit::{add_newest, AuditAction, Entry};
use crate::state::persisted::Persisted;
use crate::state::session::SessionState;

const KEY: &str = "isymphony-panel.audit";

#[derive(Clone, Copy)]
pub struct AuditLog {
    entries: Persisted<Vec<Entry>>,
    session: SessionState,
}

/// What one change was, before it is stamped with the time and who made it.
pub struct AuditChange<'a> {
    pub core_server: &'a str,
    pub action: AuditAction,
    pub target: String,
    pub before: String,
    pub after: String,
}

/// An API outcome as the audit trail records it.
pub fn outcome(result: &Result<(), ApiError>) -> Result<(), String> {
    result.as_ref().map(|_| ()).map_err(ApiError::message)
}

impl AuditLog {
    pub fn load(session: SessionState) -> Self {
        AuditLog {
            entries: Persisted::load(KEY),
            session,
        }
    }

    /// Every entry, newest first.
    pub fn entries(&self) -> RwSignal<Vec<Entry>> {
        self.entries.signal
    }

    /// Records a change and its outcome (`Err` holds the sentence saying why it failed), stamped with now
    /// and the signed-in username.
    pub fn record(&self, change: AuditChange<'_>, outcome: Result<(), String>) {
        let by = self
            .session
            .current
            .with_untracked(|s| s.as_ref().map(|s| s.username.clone()))
            .unwrap_or_default();
        let entry = Entry {
            at: js_sys::Date::now() as i64,
            by,
            by_name: String::new(),
            core_server: change.core_server.to_owned(),
            action: change.action,
            target: change.target,
            before: change.before,
            after: change.after,
            result: outcome.err().unwrap_or_else(|| "ok".into()),
        };
        self.entries.update(|log| add_newest(log, entry));
    }
}

pub fn use_audit() -> AuditLog {
    expect_context::<AuditLog>()
}
