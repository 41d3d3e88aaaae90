//! `gateway --config gateway.toml`: reads the config, checks iSymphony, serves until Ctrl-C or SIGTERM.
//! With a command after it, works on the `[store]` database instead and exits: `backup FILE`,
//! `export-user USERNAME` (JSON on standard output), `forget-user USERNAME`.

use std::path::{Path, PathBuf};

use gateway::store::operator;

const USAGE: &str = "usage: gateway --config gateway.toml [backup FILE | export-user USERNAME | forget-user USERNAME]
(deploy/gateway.toml is a commented example)";

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_target(false).init();
    let mut args = std::env::args().skip(1);
    let (Some("--config"), Some(path)) = (args.next().as_deref(), args.next()) else {
        exit(USAGE)
    };
    let config = gateway::config::load(Path::new(&path)).unwrap_or_else(|e| exit(&e));
    if let Some(command) = args.next() {
        let store = config
            .store
            .as_ref()
            .map(|s| s.path.clone())
            .unwrap_or_else(|| {
                exit(
                    "this command works on the Activity database: set [store] path in gateway.toml",
                )
            });
        match operate(&store, &command, args.next()) {
            Ok(said) => println!("{said}"),
            Err(e) => exit(&e),
        }
        return;
    }
    let running = match gateway::start(config).await {
        Ok(running) => running,
        Err(e) => exit(&e),
    };
    shutdown_signal().await;
    tracing::info!("shutting down");
    running.stop().await;
}

/// One operator command on the database; what it says when it worked.
fn operate(store: &Path, command: &str, arg: Option<String>) -> Result<String, String> {
    match (command, arg) {
        ("backup", Some(to)) => operator::backup(store, &PathBuf::from(&to))
            .map(|_| format!("backed up {} to {to}", store.display())),
        ("export-user", Some(user)) => operator::export_user(store, &user)
            .map(|v| serde_json::to_string_pretty(&v).unwrap_or_default()),
        ("forget-user", Some(user)) => operator::forget_user(store, &user).map(|(h, a)| {
            format!("removed {h} history events and {a} Activity entries about {user}")
        }),
        _ => Err(USAGE.into()),
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
