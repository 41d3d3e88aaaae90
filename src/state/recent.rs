//! The supervisor's recent statuses, kept in this browser's localStorage (statuses only: never
//! credentials) so the presets survive a reload.

use leptos::prelude::*;

use crate::api::types::SetStatus;
use crate::domain::recent::{remember, Preset};
use crate::state::persisted::Persisted;

const KEY: &str = "isymphony-panel.recent-statuses";

#[derive(Clone, Copy)]
pub struct RecentStatuses(Persisted<Vec<Preset>>);

impl RecentStatuses {
    pub fn load() -> Self {
        RecentStatuses(Persisted::load(KEY))
    }

    /// The presets, most recent first.
    pub fn presets(&self) -> RwSignal<Vec<Preset>> {
        self.0.signal
    }

    pub fn used(&self, body: &SetStatus) {
        self.0.update(|list| remember(list, body));
    }
}

pub fn use_recent() -> RecentStatuses {
    expect_context::<RecentStatuses>()
}
