//! The audit trail of this browser, kept in localStorage (never a password) so it survives a reload, and
//! provided through context so every change can be recorded where it is made.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::domain::audit::{record, Action, Entry};
use crate::state::session::SessionState;

const KEY: &str = "isymphony-panel.audit";

#[derive(Clone, Copy)]
pub struct AuditLog {
    pub entries: RwSignal<Vec<Entry>>,
    session: SessionState,
}

/// What one change was, before it is stamped with the time and who made it.
pub struct Change<'a> {
    pub core_server: &'a str,
    pub action: Action,
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
        let stored = storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        AuditLog {
            entries: RwSignal::new(stored),
            session,
        }
    }

    /// Records a change and its outcome (`Err` holds the sentence saying why it failed), stamped with now
    /// and the signed-in username.
    pub fn note(&self, change: Change<'_>, outcome: Result<(), String>) {
        let by = self
            .session
            .current
            .with_untracked(|s| s.as_ref().map(|s| s.username.clone()))
            .unwrap_or_default();
        let entry = Entry {
            at: js_sys::Date::now() as i64,
            by,
            core_server: change.core_server.to_owned(),
            action: change.action,
            target: change.target,
            before: change.before,
            after: change.after,
            result: outcome.err().unwrap_or_else(|| "ok".into()),
        };
        self.entries.try_update(|log| record(log, entry));
        if let (Some(storage), Ok(json)) = (
            storage(),
            serde_json::to_string(&self.entries.get_untracked()),
        ) {
            let _ = storage.set_item(KEY, &json);
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn use_audit() -> AuditLog {
    expect_context::<AuditLog>()
}
