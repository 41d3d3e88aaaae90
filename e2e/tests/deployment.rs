//! The deployment recipes in `deploy/`, run with Debian's nginx and Caddy in front of a reference server:
//! the sub-path build (`--public-url /panel/`) with deep links, the panel's gateway behind them (a
//! supervisor signs in as themselves, the Event socket Live), the headers, an `<iframe>` embed allowed and
//! refused by `frame-ancestors`, and the `?view=board&compact=1` wall screen.

use e2e::deploy::{subpath_dist, Site, WebServer};
use e2e::gateway::SUPERVISOR;
use e2e::{free_port, with_panel, Panel, DESKTOP};
use gateway::RunningGateway;
use reference_server::Config;

/// The gateway in front of the test's reference server, for pages served from port `port`.
async fn gateway_for(panel: &Panel, port: u16) -> RunningGateway {
    e2e::gateway::start(
        &panel.server,
        None,
        "/",
        &[format!("http://127.0.0.1:{port}")],
    )
    .await
}

/// The panel through `server`: a supervisor signs in, on its sub-path, deep links and reloads intact.
async fn the_panel_works_under_panel(panel: &Panel, server: &WebServer) {
    panel.client().goto(&server.url("/panel")).await.unwrap();
    panel
        .sign_in(SUPERVISOR.username, SUPERVISOR.password)
        .await;
    panel.wait_for_board().await;
    assert_eq!(
        panel.js("return location.pathname").await,
        "/panel/servers/default/status",
        "/panel redirects to /panel/, which opens the default board"
    );
    assert_eq!(
        panel
            .js("return document.querySelector('.signed-in').textContent")
            .await,
        format!("Signed in as {}", SUPERVISOR.name)
    );
    assert_eq!(
        panel
            .js("return document.querySelector('.config-notice')?.textContent ?? null")
            .await,
        serde_json::Value::Null,
        "config.json beside index.html was found"
    );
    panel
        .wait_until(
            "Live",
            "document.querySelector('.live-indicator')?.textContent === 'Live'",
        )
        .await;

    // The app's own links stay under /panel/, and a reload of a deep link comes back to the same page.
    panel.click_link_containing("Groups").await;
    panel
        .wait_until(
            "the groups page",
            "location.pathname === '/panel/servers/default/groups'",
        )
        .await;
    panel
        .wait_until("the groups", "document.querySelector('.group-nav li a')")
        .await;
    let links = panel
        .js("return [...document.querySelectorAll('a[href^=\"/\"]')].map(a => a.getAttribute('href')).filter(h => !h.startsWith('/panel/'))")
        .await;
    assert_eq!(
        links,
        serde_json::json!([]),
        "every panel link stays under /panel/"
    );
    let all_users = format!(
        "/panel/servers/default/groups/{}",
        reference_server::model::ALL_USERS_ID
    );
    panel.client().goto(&server.url(&all_users)).await.unwrap();
    panel
        .wait_until(
            "a group's members after a cold deep link",
            "document.querySelectorAll('.member-row').length > 0",
        )
        .await;
}

/// The wasm as a browser over HTTP asks for it (gzip) and as one over HTTPS does (brotli too): the server
/// sends the very `.gz` and `.br` that `cargo xtask dist` wrote, not a copy compressed on the fly. Returns
/// the headers of the gzip answer.
async fn sends_the_builds_compressed_copies(
    panel: &Panel,
    server: &WebServer,
    dist: &std::path::Path,
) -> reqwest::header::HeaderMap {
    let wasm = std::fs::read_dir(dist)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.ends_with(".wasm"))
        .unwrap();
    let mut gzip_headers = None;
    for (accept, encoding, suffix) in [
        ("gzip, deflate", "gzip", "gz"),
        ("gzip, deflate, br", "br", "br"),
    ] {
        let res = panel
            .http
            .get(server.url(&format!("/panel/{wasm}")))
            .header("Accept-Encoding", accept)
            .send()
            .await
            .unwrap();
        let headers = res.headers().clone();
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            Some(encoding),
            "asked with Accept-Encoding: {accept}"
        );
        let copy = std::fs::read(dist.join(format!("{wasm}.{suffix}"))).unwrap();
        let body = res.bytes().await.unwrap();
        assert!(
            body[..] == copy[..],
            "{encoding}: {} bytes sent, the build's copy has {}",
            body.len(),
            copy.len()
        );
        gzip_headers.get_or_insert(headers);
    }
    gzip_headers.unwrap()
}

#[tokio::test]
async fn nginx_recipe_serves_the_sub_path_build_in_front_of_the_gateway() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        let dist = subpath_dist();
        let port = free_port();
        let gateway = gateway_for(&panel, port).await;
        let site = Site {
            gateway: gateway.addr,
            dist: &dist,
            frame_ancestors: "",
        };
        let nginx = WebServer::nginx(&site, port, None).await;
        the_panel_works_under_panel(&panel, &nginx).await;

        // The headers the recipe promises, and the build's own compressed copies.
        let headers = sends_the_builds_compressed_copies(&panel, &nginx, &dist).await;
        assert_eq!(
            headers.get("content-type").map(|v| v.to_str().unwrap()),
            Some("application/wasm")
        );
        assert!(headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable"));
        let index = panel
            .http
            .get(nginx.url("/panel/servers/default/status"))
            .send()
            .await
            .unwrap();
        assert_eq!(index.status(), 200, "a deep link is index.html");
        let h = |name: &str| {
            index
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        assert_eq!(
            h("content-security-policy").as_deref(),
            Some("frame-ancestors 'self'")
        );
        assert_eq!(h("x-content-type-options").as_deref(), Some("nosniff"));
        assert_eq!(h("cache-control").as_deref(), Some("no-cache"));
        panel
    })
    .await;
}

#[tokio::test]
async fn caddy_recipe_serves_the_sub_path_build_in_front_of_the_gateway() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        let dist = subpath_dist();
        let port = free_port();
        let gateway = gateway_for(&panel, port).await;
        let site = Site {
            gateway: gateway.addr,
            dist: &dist,
            frame_ancestors: "",
        };
        let caddy = WebServer::caddy(&site, port).await;
        the_panel_works_under_panel(&panel, &caddy).await;
        sends_the_builds_compressed_copies(&panel, &caddy, &dist).await;
        panel
    })
    .await;
}

/// A supervisor's page on another origin of the same site (another port of `127.0.0.1`) that frames the
/// wall screen: the gateway's `SameSite=Strict` cookie goes along to a same-site frame.
fn embedding_page(port: u16) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("e2e-embed-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        format!(
            "<!DOCTYPE html><html lang=\"en\"><title>Intranet</title><h1>Intranet</h1>\
             <iframe title=\"Status board\" width=\"1200\" height=\"700\" \
             src=\"http://127.0.0.1:{port}/panel/?view=board&amp;compact=1\"></iframe>"
        ),
    )
    .unwrap();
    dir
}

#[tokio::test]
async fn an_iframe_shows_the_wall_screen_only_where_frame_ancestors_allows() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        let dist = subpath_dist();
        let embed_port = free_port();
        let intranet = format!("http://127.0.0.1:{embed_port}");
        let panel_port = free_port();
        let page = embedding_page(panel_port);
        let gateway = gateway_for(&panel, panel_port).await;
        for allowed in [true, false] {
            let site = Site {
                gateway: gateway.addr,
                dist: &dist,
                frame_ancestors: if allowed { &intranet } else { "" },
            };
            let nginx = WebServer::nginx(&site, panel_port, Some((&page, embed_port))).await;
            if allowed {
                // The supervisor signed in on the panel itself once; the frame rides on that session.
                panel.client().goto(&nginx.url("/panel/")).await.unwrap();
                panel.sign_in(SUPERVISOR.username, SUPERVISOR.password).await;
                panel.wait_for_board().await;
            }

            panel.client().goto(&format!("{intranet}/")).await.unwrap();
            panel.wait_until("the intranet page", "document.querySelector('iframe')").await;
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            let frame = panel.client().find(e2e::fantoccini::Locator::Css("iframe")).await.unwrap();
            frame.enter_frame().await.unwrap();
            if allowed {
                panel.wait_for_board().await;
                assert_eq!(panel.js("return document.querySelector('.top-bar')").await, serde_json::Value::Null, "no navigation on a wall screen");
                assert_eq!(panel.js("return document.querySelector('.toolbar, .col-actions button, .shortcut-hint') && [...document.querySelectorAll('.col-actions')].some(e => e.offsetParent)").await, false);
                assert_eq!(panel.js("return document.documentElement.className").await, "wall-screen compact");
                assert_eq!(panel.js("return location.search").await, "?view=board&compact=1", "the redirect kept the display");
                assert!(panel.js("return document.querySelectorAll('.board-row').length").await.as_u64().unwrap() >= 40);
            } else {
                let url = panel.js("return location.href").await;
                assert_ne!(url.as_str(), Some(&*format!("http://127.0.0.1:{panel_port}/panel/?view=board&compact=1")));
                assert_eq!(panel.js("return document.querySelector('.board-row')").await, serde_json::Value::Null, "the refused frame shows no board: {url}");
            }
            panel.client().enter_parent_frame().await.unwrap();
            drop(nginx);
            // Let the port go before the next round takes it again.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
        let _ = std::fs::remove_dir_all(&page);
        panel
    })
    .await;
}
