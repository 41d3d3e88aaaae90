//! A faithful, in-memory implementation of the iSymphony REST contract (`shared/api-contract.md`): the demo,
//! development and test backend of the panel.
//!
//! Routes are declared in [`router`]; every REST path is parsed in [`path`]; handlers live in [`handlers`];
//! every status code and message comes from [`error::ApiError`].

mod auth;
pub mod cli;
pub mod demo;
mod error;
pub mod events;
pub mod faults;
pub mod gate;
mod handlers;
pub mod model;
pub mod path;
mod rng;
pub mod seed;
mod set_rules;
mod state;
mod stats;
pub mod synthetic;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use tower_http::cors::CorsLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub use auth::Credentials;
use error::{ApiError, NO_RESOURCE};
use handlers::Reply;
use model::Store;
use path::Route;
pub use state::AppState;
pub use stats::{Seen, Stats};

/// How to run the server; `cli::parse` builds it from the command line.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub credentials: Credentials,
    /// `--realm-user U:P` (repeatable): more users of the `communication_manager` realm, as a site with
    /// several API accounts has (the gateway's `realm` mode signs each supervisor in as one).
    pub realm_users: Vec<Credentials>,
    /// A seed file; `None` serves the built-in demo office.
    pub data: Option<PathBuf>,
    /// `--users N`: a synthetic office of N users instead of the demo (benchmarks), made from `seed`.
    pub users: Option<usize>,
    /// `--seed S` for `--users`.
    pub seed: u64,
    /// A built `dist/` to serve on the same origin, with unknown non-API paths falling back to `index.html`.
    pub static_dir: Option<PathBuf>,
    /// The one origin allowed by CORS (browser tests only; iSymphony offers no CORS).
    pub allow_origin: Option<String>,
    /// When set, every REST request is counted here (tests and benchmarks read it).
    pub stats: Option<Arc<Stats>>,
    /// Serve the Event WebSocket (`false`: its path answers 404, to test the panel's polling fallback).
    pub events: bool,
    /// Change a random user's status and login this often, so a demo looks alive.
    pub churn: Option<std::time::Duration>,
    /// Injected latency, errors, drops and malformed answers on the REST API.
    pub faults: faults::Faults,
    /// Regenerate every live id this often, as an iSymphony restart does.
    pub restart_every: Option<std::time::Duration>,
    /// The address allow-list and SSL redirect in front of the API (`--acl`, `--redirect-to-tls`).
    pub gate: gate::Gate,
    /// `--return-time-unit ms|s`: how return times are served, accepted and sent in events.
    pub return_time_unit: model::ReturnTimeUnit,
    /// `--no-license`: the core server has no licence, so every status GET and `status/set` answers 403.
    pub no_license: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 58080)),
            credentials: Credentials {
                user: "manager".into(),
                password: "manag3rpa55word".into(),
            },
            realm_users: Vec::new(),
            data: None,
            users: None,
            seed: 1,
            static_dir: None,
            allow_origin: None,
            stats: None,
            events: true,
            churn: None,
            faults: faults::Faults::default(),
            restart_every: None,
            gate: gate::Gate::default(),
            return_time_unit: model::ReturnTimeUnit::default(),
            no_license: false,
        }
    }
}

/// The store a config asks for: its seed file, or the demo office as of now.
pub fn load_store(config: &Config) -> Result<Store, String> {
    let seed = match &config.data {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            seed::Seed::from_json(&text)?
        }
        None => match config.users {
            Some(n) => synthetic::synthetic(n, config.seed, now_ms()),
            None => demo::demo(now_ms()),
        },
    };
    let mut store = seed.into_store();
    store.unit = config.return_time_unit;
    store.no_license = config.no_license;
    Ok(store)
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The headers `--static` sends with every answer.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("content-security-policy", "frame-ancestors 'self'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "SAMEORIGIN"),
];

/// Every route of the server, in one place.
pub fn router(state: Arc<AppState>, config: &Config) -> Router {
    let mut rest_routes = Router::new().route("/communication_manager/rest/{*path}", any(rest));
    let faults = state.faults.clone();
    rest_routes = rest_routes.layer(axum::middleware::from_fn(move |req, next| {
        faults.clone().apply(req, next)
    }));
    if let Some(stats) = &config.stats {
        let stats = stats.clone();
        rest_routes = rest_routes.layer(axum::middleware::from_fn(move |req, next| {
            stats.clone().track(req, next)
        }));
    }
    if config.events {
        rest_routes = rest_routes.route(
            "/communication_manager/ws/event",
            axum::routing::get(events::socket),
        );
    }
    if !config.gate.is_open() {
        let gate = config.gate.clone();
        rest_routes = rest_routes.layer(axum::middleware::from_fn(move |req, next| {
            gate.clone().apply(req, next)
        }));
    }
    let mut router = rest_routes
        .route("/communication_manager/{*path}", any(not_found))
        .with_state(state);
    if let Some(dir) = &config.static_dir {
        // `cargo xtask dist` writes `.br` and `.gz` beside each file: sent when the browser accepts them.
        let index = ServeFile::new(dir.join("index.html"))
            .precompressed_br()
            .precompressed_gzip();
        let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
        router = router.fallback_service(files.fallback(index));
        // What a static host should send with the panel; frame-ancestors only works as a header.
        for (name, value) in SECURITY_HEADERS {
            router = router.layer(SetResponseHeaderLayer::if_not_present(
                header::HeaderName::from_static(name),
                HeaderValue::from_static(value),
            ));
        }
    } else {
        router = router.fallback(not_found);
    }
    if let Some(origin) = &config.allow_origin {
        if let Ok(origin) = HeaderValue::from_str(origin) {
            router = router.layer(
                CorsLayer::new()
                    .allow_origin(origin)
                    .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
                    .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT]),
            );
        }
    }
    router
}

async fn not_found() -> ApiError {
    ApiError::NotFound(NO_RESOURCE)
}

async fn rest(
    State(app): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !app.accepts(&headers) {
        return ApiError::Unauthorized.into_response();
    }
    let reply = match path::parse(uri.path()) {
        Some(route) => dispatch(&app, &method, &route, &body),
        None => Err(ApiError::NotFound(NO_RESOURCE)),
    };
    reply.unwrap_or_else(IntoResponse::into_response)
}

fn dispatch(app: &AppState, method: &Method, route: &Route, body: &[u8]) -> Reply {
    use handlers as h;
    let get = method == Method::GET;
    let post = method == Method::POST;
    match route {
        Route::CoreServers if get => h::core_servers(app),
        Route::CoreServer(server) if get => h::core_server(app, server),
        Route::LiveCoreServers if get => h::live_core_servers(app),
        Route::LiveCoreServer(server) if get => h::live_core_server(app, server),
        Route::ConfigUsers { core } if get => h::config_users(app, core),
        Route::ConfigUser { core, user } if get => h::config_user(app, core, user),
        Route::Groups { core } if get => h::groups(app, core),
        Route::Group { core, group } if get => h::group(app, core, group),
        Route::Members { core, group } if get => h::members(app, core, group),
        Route::Members { core, group } if post => h::add_member(app, core, group, body),
        Route::Member { core, group, user } if get => h::member(app, core, group, user),
        Route::Member { core, group, user } if method == Method::DELETE => {
            h::remove_member(app, core, group, user)
        }
        Route::LiveUsers { server } if get => h::live_users(app, server),
        Route::LiveUser { server, user } if get => h::live_user_one(app, server, user),
        Route::Logins { server, user } if get => h::logins(app, server, user),
        Route::Status { server, user } if get => h::status(app, server, user),
        Route::SetStatus { server, user } if post => h::set_status(app, server, user, body),
        _ => Err(ApiError::MethodNotAllowed),
    }
}

/// A server running on a background task; dropping it stops accepting connections.
pub struct RunningServer {
    pub addr: SocketAddr,
    /// The live state, for tests that change it underneath the panel.
    pub state: Arc<AppState>,
    task: tokio::task::JoinHandle<()>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl RunningServer {
    /// The base every REST path hangs off, e.g. `http://127.0.0.1:58080/communication_manager/`.
    pub fn base_url(&self) -> String {
        format!("http://{}/communication_manager/", self.addr)
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl RunningServer {
    /// Stops the server for good: no new connections, idle keep-alive connections closed, so a browser
    /// sees it as gone (used to test what the panel does when the server disappears).
    pub async fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), &mut self.task).await;
        self.task.abort();
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Binds `config.addr` (port 0 picks a free port) and serves on a background task of the current runtime.
pub async fn start(config: Config) -> Result<RunningServer, String> {
    let store = load_store(&config)?;
    let state = Arc::new(AppState::new(
        store,
        config.credentials.clone(),
        config.realm_users.clone(),
        config.faults.clone(),
    ));
    if let Some(every) = config.restart_every {
        tokio::spawn(faults::restart_every(state.clone(), every));
    }
    if let Some(every) = config.churn {
        tokio::spawn(events::churn(state.clone(), every));
    }
    let app = router(state.clone(), &config);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        let serve = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(e) = serve.await {
            eprintln!("reference-server stopped: {e}");
        }
    });
    Ok(RunningServer {
        addr,
        state,
        task,
        shutdown: Some(shutdown),
    })
}
