//! A signal kept in this browser's localStorage as JSON: read once when made, written at every change
//! through it. The presets and the audit trail are two; nothing secret ever is (credentials go to the tab's
//! storage only, and only when asked: `state::session`).

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::browser::Storage;

pub struct Persisted<T: Send + Sync + 'static> {
    pub signal: RwSignal<T>,
    key: &'static str,
}

impl<T: Send + Sync + 'static> Clone for Persisted<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Persisted<T> {}

impl<T> Persisted<T>
where
    T: Serialize + DeserializeOwned + Default + Send + Sync + 'static,
{
    /// The value stored under `key`; the default when there is none or it cannot be read.
    pub fn load(key: &'static str) -> Self {
        let stored = Storage::Local
            .read(key)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        Persisted {
            signal: RwSignal::new(stored),
            key,
        }
    }

    /// Changes the value and stores it. (`try_update`: a change arriving after the app is torn down is
    /// dropped, never a panic.)
    pub fn update(&self, change: impl FnOnce(&mut T)) {
        self.signal.try_update(change);
        let json = self.signal.try_with_untracked(serde_json::to_string);
        if let Some(Ok(json)) = json {
            Storage::Local.write(self.key, &json);
        }
    }
}
