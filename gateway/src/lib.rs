//! The panel's gateway (Backend-for-Frontend): each supervisor signs in as themselves, nothing anonymous
//! reaches iSymphony, and the board is Live for everyone through one upstream socket.
//!
//! Routes are declared in [`router`]; each area has its file: [`sign_in`] (`/gateway/session`),
//! [`proxy`] (REST through the [`allow`]-list), [`socket`] (the Event socket, fanned out by
//! [`events::Hub`]), [`files`] (the built panel). Security decisions live in one place each: the
//! allow-list table ([`allow`]), the Origin rule ([`origin`]), the cookie ([`sessions::Cookie`]), the
//! backoff ([`throttle`]), every answer of the gateway's own ([`error`]).

pub mod allow;
pub mod config;
mod error;
pub mod events;
mod files;
mod history;
pub mod origin;
mod proxy;
pub mod secret;
pub mod sessions;
mod sign_in;
mod socket;
mod statuses;
pub mod store;
mod team;
pub mod throttle;
mod trail;
mod upstream;
mod verify;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use axum::routing::{any, get};
use axum::Router;
use tokio::sync::watch;

pub use config::{Config, Mode};
use error::GatewayError;
use events::Hub;
use history::History;
use secret::Secret;
use sessions::{Active, Cookie, Sessions};
use statuses::Statuses;
use store::Store;
use throttle::Throttle;
use trail::Outside;
use upstream::{Refused, Upstream};

/// The gateway's shared state.
pub struct Gateway {
    pub config: Config,
    upstream: Upstream,
    pub sessions: Sessions,
    /// Backoff per username, and per client address.
    by_user: Throttle,
    by_address: Throttle,
    cookie: Cookie,
    /// The service account's `Authorization` (`users` mode).
    service: Option<Secret>,
    /// The one upstream socket (`users` mode).
    hub: Option<Arc<Hub>>,
    /// Status answers that socket keeps current (`users` mode; in `realm` mode iSymphony sees each read).
    statuses: Option<Arc<Statuses>>,
    /// The team's memory, when `[store]` is configured.
    pub store: Option<Arc<Store>>,
    /// Records the changes that socket reports and the gateway did not pass on (`users` mode, with a store).
    outside: Option<Arc<Outside>>,
    /// Each session's own upstream socket (`realm` mode), while a browser of that session uses it.
    session_hubs: Mutex<HashMap<String, Weak<Hub>>>,
    shutdown: watch::Receiver<bool>,
    /// Browser Event sockets open now.
    browsers: AtomicUsize,
}

impl Gateway {
    /// How many browsers' Event sockets are open (tests and `/gateway/health`).
    pub fn browser_sockets(&self) -> usize {
        self.browsers.load(Ordering::SeqCst)
    }

    /// The live session a request's cookie names, or the answer to give instead.
    fn session(&self, headers: &axum::http::HeaderMap) -> Result<Active, GatewayError> {
        self.cookie
            .read(headers)
            .and_then(|id| self.sessions.touch(&id))
            .ok_or(GatewayError::NoSession)
    }

    /// The credentials a session's requests go upstream with.
    fn authorization<'a>(&'a self, active: &'a Active) -> Option<&'a Secret> {
        match &active.authorization {
            Some(own) => Some(own),
            None => self.service.as_ref(),
        }
    }

    /// The upstream socket a session's browser sockets share.
    fn hub_for(&self, active: &Active) -> Option<Arc<Hub>> {
        if let Some(hub) = &self.hub {
            return Some(hub.clone());
        }
        let own = active.authorization.as_ref()?;
        let mut hubs = self.session_hubs.lock().unwrap_or_else(|e| e.into_inner());
        hubs.retain(|_, hub| hub.strong_count() > 0);
        if let Some(hub) = hubs.get(&active.id).and_then(Weak::upgrade) {
            return Some(hub);
        }
        let hub = Hub::start(self.upstream.events_url(), (**own).clone(), vec![]);
        hubs.insert(active.id.clone(), Arc::downgrade(&hub));
        Some(hub)
    }
}

/// Every route of the gateway, in one place.
pub fn router(gateway: Arc<Gateway>) -> Router {
    let api = Router::new()
        .route(
            "/gateway/session",
            get(sign_in::current)
                .post(sign_in::sign_in)
                .delete(sign_in::sign_out),
        )
        .route("/gateway/health", get(sign_in::health))
        .route("/gateway/activity", get(team::activity))
        .route("/gateway/since", get(team::since))
        .route("/gateway/history", get(team::history))
        .route("/communication_manager/rest/{*path}", any(proxy::rest))
        .route("/communication_manager/ws/event", any(socket::open))
        .route("/communication_manager/{*path}", any(proxy::refused))
        .route("/communication_manager", any(proxy::refused))
        .route("/communication_manager/", any(proxy::refused))
        .route("/gateway/{*path}", any(proxy::not_found))
        .layer(axum::extract::DefaultBodyLimit::max(64 * 1024));
    files::serve(api, &gateway.config).with_state(gateway)
}

/// A gateway serving on a background task; dropping it stops it.
pub struct RunningGateway {
    pub addr: SocketAddr,
    pub gateway: Arc<Gateway>,
    task: tokio::task::JoinHandle<()>,
    shutdown: watch::Sender<bool>,
}

impl RunningGateway {
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops gracefully: sockets are closed, requests in flight finish, the Activity queued so far is
    /// written (if the file allows, within 5 s).
    pub async fn stop(mut self) {
        self.shutdown.send_replace(true);
        let _ = tokio::time::timeout(Duration::from_secs(10), &mut self.task).await;
        if let Some(store) = &self.gateway.store {
            if !store.flushed(Duration::from_secs(5)).await {
                tracing::error!(health = ?store.health(), "stopped with Activity not yet written");
            }
        }
    }
}

impl Drop for RunningGateway {
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
        self.task.abort();
    }
}

/// Checks iSymphony with the configuration (the errors say what to fix), binds `config.listen` (port 0
/// picks one) and serves on a background task.
pub async fn start(config: Config) -> Result<RunningGateway, String> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    start_on(listener, config).await
}

/// The same on a listener already bound (tests that need the port in the config's origin first).
pub async fn start_on(
    listener: tokio::net::TcpListener,
    config: Config,
) -> Result<RunningGateway, String> {
    let upstream = Upstream::new(&config.upstream);
    let service = config.service_account.as_ref().map(|a| a.authorization());
    check_upstream(&upstream, service.as_ref()).await?;
    if !config.secure_cookies() {
        tracing::warn!(
            origin = config.public_origin,
            "plain http on loopback: the session cookie is sent without Secure and without the __Host- prefix; use https for anything but a test on this machine"
        );
    }
    let store = match &config.store {
        Some(s) => Some(Arc::new(Store::open(&s.path, s.keep)?)),
        None => None,
    };
    let statuses = service.as_ref().map(|_| Arc::new(Statuses::default()));
    let outside = store
        .clone()
        .filter(|_| service.is_some())
        .map(|store| Arc::new(Outside::new(store, config.return_time_in_seconds)));
    let hub = service.as_ref().map(|s| {
        let mut watchers: Vec<Arc<dyn events::Watcher>> = Vec::new();
        if let Some(store) = &store {
            watchers.push(Arc::new(History::new(
                store.clone(),
                upstream.clone(),
                s.clone(),
            )));
        }
        if let Some(outside) = &outside {
            watchers.push(outside.clone());
        }
        if let Some(statuses) = &statuses {
            watchers.push(statuses.clone());
        }
        Hub::start(upstream.events_url(), s.clone(), watchers)
    });
    let (shutdown_tx, shutdown) = watch::channel(false);
    let gateway = Arc::new(Gateway {
        sessions: Sessions::new(config.idle, config.absolute),
        cookie: Cookie {
            secure: config.secure_cookies(),
        },
        by_user: Throttle::new(3),
        by_address: Throttle::new(10),
        upstream,
        service,
        hub,
        statuses,
        store,
        outside,
        session_hubs: Mutex::new(HashMap::new()),
        shutdown: shutdown.clone(),
        browsers: AtomicUsize::new(0),
        config,
    });
    tokio::spawn(sweep(gateway.clone(), shutdown.clone()));
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let app = router(gateway.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let mut stopped = shutdown.clone();
    let task = tokio::spawn(async move {
        let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
            let _ = stopped.wait_for(|s| *s).await;
        });
        if let Err(e) = serve.await {
            tracing::error!(error = %e, "gateway stopped");
        }
    });
    tracing::info!(%addr, mode = ?gateway.config.mode, "gateway listening");
    Ok(RunningGateway {
        addr,
        gateway,
        task,
        shutdown: shutdown_tx,
    })
}

/// The connection check at start: iSymphony reachable, and the service account accepted.
async fn check_upstream(upstream: &Upstream, service: Option<&Secret>) -> Result<(), String> {
    let probe = match service {
        Some(s) => s.clone(),
        // `realm` mode has no account of its own: any answer but "unreachable" will do.
        None => secret::basic("", ""),
    };
    match upstream.get_json("config/server/coreServers", &probe).await {
        Ok(_) => Ok(()),
        Err(Refused::Credentials) if service.is_none() => Ok(()),
        Err(Refused::Credentials) => Err(
            "iSymphony refused [service_account] (401): it must be a user of the communication_manager realm in security.xml, with that password".into(),
        ),
        Err(Refused::Unreachable(why)) => Err(why),
    }
}

/// Ends expired sessions on time, so their sockets close even when no request comes.
async fn sweep(gateway: Arc<Gateway>, mut shutdown: watch::Receiver<bool>) {
    let every = (gateway.config.idle / 4).clamp(Duration::from_millis(50), Duration::from_secs(15));
    loop {
        tokio::select! {
            _ = tokio::time::sleep(every) => gateway.sessions.sweep(),
            _ = shutdown.wait_for(|s| *s) => return,
        }
    }
}
