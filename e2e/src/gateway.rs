//! The panel's gateway in front of a test's reference server, as the README's recommended deployment runs
//! it: `users` mode, the demo's `Supervisors` signing in with their own passwords, the team's Activity kept
//! in a database of its own.

use std::path::PathBuf;
use std::time::Duration;

use std::sync::atomic::{AtomicUsize, Ordering};

use gateway::config::{Config, Mode, ServiceAccount, StoreConfig};
use gateway::secret::Secret;
use gateway::RunningGateway;
use reference_server::RunningServer;

/// A demo supervisor: username, their own iSymphony client password, display name.
pub struct Supervisor {
    pub username: &'static str,
    pub password: &'static str,
    pub name: &'static str,
}

pub const SUPERVISOR: Supervisor = Supervisor {
    username: "4224",
    password: "4224-secret",
    name: "Steve Summers",
};

pub const SECOND_SUPERVISOR: Supervisor = Supervisor {
    username: "4211",
    password: "4211-secret",
    name: "Hannah Schmidt",
};

/// A gateway in front of `server`, serving `dist` (if any) itself; `origins` are the pages' origins when
/// a web server stands in front (nginx, Caddy, trunk), else the gateway's own. The demo's `Supervisors`
/// sign in.
pub async fn start(
    server: &RunningServer,
    dist: Option<PathBuf>,
    base_path: &str,
    origins: &[String],
) -> RunningGateway {
    let supervisors = Mode::Users {
        groups: vec!["Supervisors".into()],
        usernames: vec![],
    };
    start_as(server, dist, base_path, origins, supervisors).await
}

/// The same, with who may sign in given (`mode`).
pub async fn start_as(
    server: &RunningServer,
    dist: Option<PathBuf>,
    base_path: &str,
    origins: &[String],
    mode: Mode,
) -> RunningGateway {
    let (listener, config) = bound(server, dist, base_path, origins, mode).await;
    gateway::start_on(listener, config)
        .await
        .expect("the gateway starts")
}

/// A free port and the configuration [`start_as`] starts a gateway with there, for a caller to change
/// first (the bench gives it a database of its own).
pub async fn bound(
    server: &RunningServer,
    dist: Option<PathBuf>,
    base_path: &str,
    origins: &[String],
    mode: Mode,
) -> (tokio::net::TcpListener, Config) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let own = format!("http://{}", listener.local_addr().unwrap());
    let mut allowed = origins.to_vec();
    allowed.push(own.clone());
    let config = Config {
        listen: listener.local_addr().unwrap(),
        public_origin: origins.first().cloned().unwrap_or(own),
        allowed_origins: allowed,
        upstream: server.base_url(),
        return_time_in_seconds: false,
        mode,
        service_account: Some(ServiceAccount {
            username: crate::USER.into(),
            password: Secret::new(crate::PASSWORD.into()),
        }),
        dist,
        base_path: base_path.into(),
        idle: Duration::from_secs(1800),
        absolute: Duration::from_secs(12 * 3600),
        behind_proxy: false,
        store: Some(StoreConfig {
            path: fresh_store(),
            keep: Duration::from_secs(365 * 24 * 3600),
        }),
    };
    (listener, config)
}

/// A new Activity database for each gateway a test starts (as the recommended deployment keeps one).
fn fresh_store() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join("e2e-gateway-activity");
    let _ = std::fs::create_dir_all(&dir);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let path = dir.join(format!("{}-{n}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// Opens the panel at `origin` (the gateway's, or a web server's in front of it), signs in as the demo
/// supervisor and waits for the board.
pub async fn open_board(panel: &crate::Panel, origin: &str) {
    panel
        .client()
        .goto(&format!("{origin}/"))
        .await
        .expect("navigate");
    panel
        .sign_in(SUPERVISOR.username, SUPERVISOR.password)
        .await;
    panel.wait_for_board().await;
}
