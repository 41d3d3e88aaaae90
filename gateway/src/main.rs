//! `gateway --config gateway.toml`: reads the config, checks iSymphony, serves until Ctrl-C or SIGTERM.

use std::path::PathBuf;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_target(false).init();
    let config = match config_path().map(|p| gateway::config::load(&p)) {
        Some(Ok(config)) => config,
        Some(Err(e)) => exit(&e),
        None => exit(
            "usage: gateway --config gateway.toml (deploy/gateway.toml is a commented example)",
        ),
    };
    let running = match gateway::start(config).await {
        Ok(running) => running,
        Err(e) => exit(&e),
    };
    shutdown_signal().await;
    tracing::info!("shutting down");
    running.stop().await;
}

fn config_path() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next()) {
        (Some("--config"), Some(path)) => Some(PathBuf::from(path)),
        _ => None,
    }
}

fn exit(message: &str) -> ! {
    eprintln!("gateway: {message}");
    std::process::exit(2)
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
