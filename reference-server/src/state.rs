//! The server's shared state: the store behind a lock that is never held across an `.await`, the
//! credentials, and the channel live events go out on.

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde_json::Value;
use tokio::sync::broadcast;

use crate::faults::{FaultState, Faults};
use crate::model::Store;
use crate::Credentials;

/// Shared state: the store behind a lock that is never held across an `.await`.
pub struct AppState {
    store: RwLock<Store>,
    credentials: RwLock<Credentials>,
    /// Every live event, for the Event WebSocket's subscribers.
    pub(crate) events: broadcast::Sender<Value>,
    /// The faults injected on the REST API; tests may change them while the server runs.
    pub faults: Arc<FaultState>,
}

impl AppState {
    pub fn new(store: Store, credentials: Credentials, faults: Faults) -> Self {
        AppState {
            store: RwLock::new(store),
            credentials: RwLock::new(credentials),
            events: broadcast::channel(1024).0,
            faults: Arc::new(FaultState::new(faults)),
        }
    }

    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.store.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether a request's headers carry the accepted credentials.
    pub(crate) fn accepts(&self, headers: &axum::http::HeaderMap) -> bool {
        self.credentials
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .accept(headers)
    }

    /// Changes the accepted credentials, as an operator changing the password does.
    pub fn set_credentials(&self, credentials: Credentials) {
        *self.credentials.write().unwrap_or_else(|e| e.into_inner()) = credentials;
    }

    /// Sends a live event to every subscriber (none listening is fine).
    pub(crate) fn publish(&self, event: Value) {
        let _ = self.events.send(event);
    }
}
