//! `cargo xtask run`: the panel in development against the reference server's demo office, through the
//! panel's gateway, as the README recommends deploying it: reference server (58080) → gateway (8090) →
//! `trunk serve` (8080, proxying the API, the Event socket and the sign-in to the gateway).

use std::process::Command;
use std::time::{Duration, Instant};

use crate::process::{self, background, reference_server, Background};
use crate::root;
use crate::tools::{ensure_build_tools, path_with_tools};

const GATEWAY_ADDR: &str = "127.0.0.1:8090";

/// The demo's gateway: the reference server's default realm user as its service account (given in the
/// environment, as the README recommends), the demo's Supervisors signing in, and `trunk serve`'s page as
/// an allowed origin.
const DEMO_CONFIG: &str = r#"# Written by `cargo xtask run` for the demo; deploy/gateway.toml is the commented example.
listen = "127.0.0.1:8090"
public_origin = "http://127.0.0.1:8090"
allowed_origins = ["http://127.0.0.1:8080"]

[upstream]
url = "http://127.0.0.1:58080/communication_manager/"

[sign_in]
groups = ["Supervisors"]

[service_account]
username = "manager"
password_env = "ISYMPHONY_GATEWAY_PASSWORD"
"#;

/// The demo's team Activity, kept across runs beside its config (`target/demo/activity.db`).
fn demo_store(dir: &std::path::Path) -> String {
    let path = dir.join("activity.db");
    format!("\n[store]\npath = {:?}\n", path.display().to_string())
}

pub fn run() -> Result<(), String> {
    ensure_build_tools()?;
    // A little churn, so the demo looks alive: a random status and login change every 30 s, arriving
    // Live through the gateway's one upstream socket.
    let _server = reference_server(&["--addr", "127.0.0.1:58080", "--churn", "30"])?;
    let _gateway = gateway()?;
    let mut serve = Command::new("trunk");
    serve.arg("serve").env("PATH", path_with_tools());
    let mut trunk = background("trunk serve", serve)?;
    eprintln!(
        "\n  The panel is being built; it will be at  http://127.0.0.1:8080/\n  \
         Sign in as a demo supervisor: 4224 / 4224-secret (Steve Summers) or 4211 / 4211-secret.\n  \
         The team's Activity is kept in target/demo/activity.db.\n  \
         Ctrl-C stops the panel, the gateway and the reference server.\n"
    );
    trunk.wait()
}

/// Builds and starts the gateway with the demo's config, and waits until it listens (it checks the
/// reference server first and exits with the reason if it cannot use it).
fn gateway() -> Result<Background, String> {
    let mut build = Command::new("cargo");
    build.args(["build", "--quiet", "-p", "gateway"]);
    process::run(build)?;
    let dir = root().join("target/demo");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let config = dir.join("gateway.toml");
    std::fs::write(&config, format!("{DEMO_CONFIG}{}", demo_store(&dir)))
        .map_err(|e| e.to_string())?;
    let mut cmd = Command::new(root().join("target/debug/gateway"));
    cmd.arg("--config")
        .arg(&config)
        .env("ISYMPHONY_GATEWAY_PASSWORD", "manag3rpa55word");
    let mut gateway = background("gateway", cmd)?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(GATEWAY_ADDR).is_err() {
        if gateway.exited() || Instant::now() > deadline {
            return Err(format!(
                "the gateway did not start on {GATEWAY_ADDR} (its message is above)"
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(gateway)
}
