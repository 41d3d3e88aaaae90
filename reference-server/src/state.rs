//! The server's shared state: the store behind a lock that is never held across an `.await`, the
//! credentials, and the channel live events go out on.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde_json::Value;
use tokio::sync::{broadcast, watch};

use crate::faults::{FaultState, Faults};
use crate::model::Store;
use crate::Credentials;

/// Shared state: the store behind a lock that is never held across an `.await`.
pub struct AppState {
    store: RwLock<Store>,
    credentials: RwLock<Credentials>,
    /// The realm's other users (`--realm-user`).
    realm_users: Vec<Credentials>,
    /// Event sockets open now, and accepted since start (tests count the gateway's upstream sockets).
    pub(crate) sockets_open: AtomicUsize,
    pub(crate) sockets_accepted: AtomicUsize,
    /// Every live event, for the Event WebSocket's subscribers.
    pub(crate) events: broadcast::Sender<Value>,
    /// Counts simulated restarts; every open Event socket closes when it changes.
    pub(crate) restarts: watch::Sender<u64>,
    /// The faults injected on the REST API; tests may change them while the server runs.
    pub faults: Arc<FaultState>,
}

impl AppState {
    pub fn new(
        store: Store,
        credentials: Credentials,
        realm_users: Vec<Credentials>,
        faults: Faults,
    ) -> Self {
        AppState {
            store: RwLock::new(store),
            credentials: RwLock::new(credentials),
            realm_users,
            sockets_open: AtomicUsize::new(0),
            sockets_accepted: AtomicUsize::new(0),
            events: broadcast::channel(1024).0,
            restarts: watch::channel(0).0,
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
            || self.realm_users.iter().any(|c| c.accept(headers))
    }

    /// How many Event sockets are open now.
    pub fn sockets_open(&self) -> usize {
        self.sockets_open.load(Ordering::SeqCst)
    }

    /// How many Event sockets were accepted since start.
    pub fn sockets_accepted(&self) -> usize {
        self.sockets_accepted.load(Ordering::SeqCst)
    }

    /// Changes the accepted credentials, as an operator changing the password does.
    pub fn set_credentials(&self, credentials: Credentials) {
        *self.credentials.write().unwrap_or_else(|e| e.into_inner()) = credentials;
    }

    /// An iSymphony restart: every live id (core servers, users, statuses, logins) is made anew and every
    /// open Event socket is closed.
    pub fn restart(&self) {
        {
            let mut store = self.write();
            for server in &mut store.servers {
                server.live_id = uuid::Uuid::new_v4().to_string();
                for user in &mut server.users {
                    user.live_id = uuid::Uuid::new_v4().to_string();
                    user.status.id = uuid::Uuid::new_v4().to_string();
                    for login in &mut user.logins {
                        login.id = uuid::Uuid::new_v4().to_string();
                    }
                }
            }
        }
        self.restarts.send_modify(|n| *n += 1);
    }

    /// Sends a live event to every subscriber (none listening is fine).
    pub(crate) fn publish(&self, event: Value) {
        let _ = self.events.send(event);
    }
}
