//! The refusals an operator meets connecting a panel to a real iSymphony, over real HTTP: the servlet's
//! address allow-list (`--acl`) and SSL turned on (`--redirect-to-tls`), on the REST API and the Event
//! socket's handshake; the proxy's own static files still pass.

use reference_server::gate::Gate;
use reference_server::{start, Config, RunningServer};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

async fn server(gate: Gate) -> (RunningServer, std::path::PathBuf) {
    // A folder of its own per server: tests run side by side, and one writing index.html while another
    // serves it cut an answer short.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("gate-static-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<p>panel</p>").unwrap();
    let server = start(Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        static_dir: Some(dir.clone()),
        gate,
        ..Config::default()
    })
    .await
    .unwrap();
    (server, dir)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn get(server: &RunningServer, path: &str) -> reqwest::Response {
    client()
        .get(format!("http://{}{path}", server.addr))
        .basic_auth("manager", Some("manag3rpa55word"))
        .send()
        .await
        .unwrap()
}

async fn handshake_status(server: &RunningServer) -> u16 {
    let mut request = format!("ws://{}/communication_manager/ws/event", server.addr)
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "Authorization",
        "Basic bWFuYWdlcjptYW5hZzNycGE1NXdvcmQ=".parse().unwrap(),
    );
    match tokio_tungstenite::connect_async(request).await {
        Ok(_) => 101,
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => res.status().as_u16(),
        Err(e) => panic!("{e}"),
    }
}

const CORE_SERVERS: &str = "/communication_manager/rest/config/server/coreServers";

#[tokio::test]
async fn a_peer_not_on_the_allow_list_gets_403_access_denied() {
    let (s, _dir) = server(Gate {
        acl: Some(vec!["10.255.255.1".parse().unwrap()]),
        ..Gate::default()
    })
    .await;
    let res = get(&s, CORE_SERVERS).await;
    assert_eq!(res.status(), 403);
    assert_eq!(res.text().await.unwrap(), "Access denied.");
    assert_eq!(handshake_status(&s).await, 403);
    assert_eq!(get(&s, "/").await.status(), 200, "the proxy's own files");

    let (allowed, _dir) = server(Gate {
        acl: Some(vec!["127.0.0.1".parse().unwrap()]),
        ..Gate::default()
    })
    .await;
    assert_eq!(get(&allowed, CORE_SERVERS).await.status(), 200);
    assert_eq!(handshake_status(&allowed).await, 101);
}

#[tokio::test]
async fn with_ssl_turned_on_every_api_request_is_redirected_to_port_55050() {
    let (s, _dir) = server(Gate {
        redirect_to_tls: true,
        ..Gate::default()
    })
    .await;
    let res = get(&s, &format!("{CORE_SERVERS}?x=1")).await;
    assert_eq!(res.status(), 302);
    assert_eq!(
        res.headers()["location"],
        format!("https://127.0.0.1:55050{CORE_SERVERS}?x=1").as_str()
    );
    assert_eq!(handshake_status(&s).await, 302);
    assert_eq!(get(&s, "/").await.status(), 200, "the proxy's own files");
}

#[test]
fn the_switches_are_in_the_help() {
    let usage = reference_server::cli::USAGE;
    assert!(
        usage.contains("--acl") && usage.contains("--redirect-to-tls"),
        "{usage}"
    );
    let config = reference_server::cli::parse(
        ["--acl", "127.0.0.1,::1", "--redirect-to-tls"].map(String::from),
    )
    .unwrap();
    assert_eq!(config.gate.acl.unwrap().len(), 2);
    assert!(config.gate.redirect_to_tls);
}

/// A socket handshake without credentials is refused, as on every path (a page cannot give a socket
/// any: the panel's gateway does, from its own account).
#[tokio::test]
async fn a_bare_socket_is_refused() {
    let s = start(Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..Config::default()
    })
    .await
    .unwrap();
    let bare = |addr: std::net::SocketAddr| async move {
        let request = format!("ws://{addr}/communication_manager/ws/event")
            .into_client_request()
            .unwrap();
        match tokio_tungstenite::connect_async(request).await {
            Ok(_) => 101,
            Err(tokio_tungstenite::tungstenite::Error::Http(res)) => res.status().as_u16(),
            Err(e) => panic!("{e}"),
        }
    };
    assert_eq!(bare(s.addr).await, 401);
}
