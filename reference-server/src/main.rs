//! `reference-server`: serves the iSymphony contract until Ctrl-C.

#[tokio::main]
async fn main() {
    let config = match reference_server::cli::parse(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let server = match reference_server::start(config).await {
        Ok(server) => server,
        Err(message) => {
            eprintln!("reference-server: {message}");
            std::process::exit(1);
        }
    };
    // Scripts (xtask) read this line to learn the port when started with port 0.
    println!("reference-server listening on {}", server.base_url());
    let _ = tokio::signal::ctrl_c().await;
}
