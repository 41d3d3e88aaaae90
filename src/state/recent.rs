//! The supervisor's recent statuses, kept in this browser's localStorage (statuses only: never
//! credentials) so the presets survive a reload.

use leptos::prelude::*;

use crate::api::types::SetStatus;
use crate::domain::recent::{remember, Preset};

const KEY: &str = "isymphony-panel.recent-statuses";

#[derive(Clone, Copy)]
pub struct RecentStatuses(pub RwSignal<Vec<Preset>>);

impl RecentStatuses {
    pub fn load() -> Self {
        let stored = storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        RecentStatuses(RwSignal::new(stored))
    }

    pub fn used(&self, body: &SetStatus) {
        self.0.update(|list| remember(list, body));
        if let (Some(storage), Ok(json)) =
            (storage(), serde_json::to_string(&self.0.get_untracked()))
        {
            let _ = storage.set_item(KEY, &json);
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn use_recent() -> RecentStatuses {
    expect_context::<RecentStatuses>()
}
