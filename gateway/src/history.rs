//! The status history's side of the upstream socket (`users` mode, with a store): every `userStatus`,
//! `userLogin` and `userLogout` event goes into the store at the event's own time, and at each connection
//! the core servers' live ids are read once, so history stays one server's across iSymphony restarts.

use std::sync::Arc;

use serde_json::Value;

use crate::events::{Event, Link, Watcher};
use crate::secret::Secret;
use crate::store::{CoreServer, Presence, Store};
use crate::upstream::Upstream;

pub struct History {
    store: Arc<Store>,
    upstream: Upstream,
    authorization: Secret,
}

impl History {
    pub fn new(store: Arc<Store>, upstream: Upstream, authorization: Secret) -> History {
        History {
            store,
            upstream,
            authorization,
        }
    }
}

impl Watcher for History {
    fn link(&self, link: Link) {
        if let Link::Up(_) = link {
            let (store, upstream, auth) = (
                self.store.clone(),
                self.upstream.clone(),
                self.authorization.clone(),
            );
            tokio::spawn(async move { remember_servers(&store, &upstream, &auth).await });
        }
    }

    fn event(&self, event: &Event) {
        if let Some(presence) = event.value.as_ref().and_then(Presence::of) {
            self.store.presence(presence);
        }
    }
}

/// Reads `live/coreServers` and remembers each live id's configuration server.
async fn remember_servers(store: &Store, upstream: &Upstream, auth: &Secret) {
    let servers = match upstream.get_json("live/coreServers", auth).await {
        Ok(Value::Array(servers)) => servers,
        Ok(_) | Err(_) => {
            tracing::warn!("could not read live/coreServers: status history waits for the next connection to name its servers");
            return;
        }
    };
    for s in servers {
        let text = |k: &str| s.get(k).and_then(Value::as_str).map(str::to_owned);
        if let (Some(live_id), Some(configuration_id)) = (text("id"), text("configurationId")) {
            store.core_server(CoreServer {
                live_id,
                slug: text("slug").unwrap_or_default(),
                configuration_id,
            });
        }
    }
}
