//! The gateway serving the built panel itself, under a sub-path: the precompressed copies, deep links
//! answered with `index.html`, the recipes' headers; and `/gateway/health`.

mod common;

use common::*;

fn fake_dist() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gateway-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!DOCTYPE html><title>panel</title>",
    )
    .unwrap();
    std::fs::write(dir.join("config.json"), "{}").unwrap();
    let wasm = "isymphony-panel-0123456789abcdef_bg.wasm";
    std::fs::write(dir.join(wasm), b"\0asm plain").unwrap();
    std::fs::write(dir.join(format!("{wasm}.gz")), b"the build's own gzip copy").unwrap();
    dir
}

#[tokio::test]
async fn the_panel_is_served_under_its_sub_path_with_the_recipes_headers() {
    let office = default_office().await;
    let dist = fake_dist();
    let config = gateway::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        dist: Some(dist.clone()),
        base_path: "/panel/".into(),
        ..office.config.clone()
    };
    let running = gateway::start(config).await.unwrap();
    let base = running.origin();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let get = |path: &str, accept: &str| {
        http.get(format!("{base}{path}"))
            .header("accept-encoding", accept)
            .send()
    };
    let bare = get("/panel", "").await.unwrap();
    assert!(bare.status().is_redirection());
    assert_eq!(bare.headers()["location"], "/panel/");
    for page in ["/panel/", "/panel/servers/default/status"] {
        let res = get(page, "").await.unwrap();
        assert_eq!(res.status(), 200, "{page}");
        assert_eq!(res.headers()["cache-control"], "no-cache");
        assert_eq!(
            res.headers()["content-security-policy"],
            "frame-ancestors 'self'"
        );
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert!(
            res.text().await.unwrap().contains("<title>panel</title>"),
            "{page}: index.html"
        );
    }
    let wasm = get("/panel/isymphony-panel-0123456789abcdef_bg.wasm", "gzip")
        .await
        .unwrap();
    assert_eq!(wasm.headers()["content-encoding"], "gzip");
    assert!(wasm.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert_eq!(
        &wasm.bytes().await.unwrap()[..],
        b"the build's own gzip copy"
    );
    let config_json = get("/panel/config.json", "gzip").await.unwrap();
    assert_eq!(config_json.headers()["cache-control"], "no-cache");
    // The API beside the files is still behind sign-in.
    let api = get("/communication_manager/rest/config/server/coreServers", "")
        .await
        .unwrap();
    assert_eq!(api.status(), 401);
    let _ = std::fs::remove_dir_all(&dist);
}

#[tokio::test]
async fn health_says_whether_the_upstream_socket_is_up() {
    let office = default_office().await;
    office
        .until("the upstream socket", |o| {
            o.server.state.sockets_open() == 1
        })
        .await;
    let health = office
        .send(office.req(reqwest::Method::GET, "/gateway/health"))
        .await;
    assert_eq!(health.status, 200);
    assert_eq!(
        health.json(),
        serde_json::json!({"status": "ok", "events": "up", "store": null})
    );
}
