//! Section 7: what each way of serving the panel actually sends for one visit (index.html, config.json, the
//! JS glue, the wasm and the CSS), counted on the wire: the deployment recipes in `deploy/` (Debian's nginx
//! and Caddy, run as the end-to-end tests run them) and `reference-server --static`, each with the build's
//! precompressed copies and, for comparison, without them (what compressing on the fly sends).
//!
//! A browser offers brotli over HTTPS only; a server picks the encoding from the `Accept-Encoding` header
//! alone, so both are asked over plain HTTP with the header Chromium sends on each.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use e2e::deploy::{subpath_dist, Site, WebServer};
use e2e::free_port;

use crate::server;

/// `Accept-Encoding` as Chromium sends it over HTTP, and over HTTPS.
const OVER_HTTP: &str = "gzip, deflate";
const OVER_HTTPS: &str = "gzip, deflate, br, zstd";

pub async fn recipes(dist: &Path) -> String {
    let subpath = subpath_dist();
    let plain = without_copies(&subpath);
    let (upstream, _) = server(10, dist).await;
    // The recipes pass the API on to the gateway; only their files are counted here.
    let gateway = e2e::gateway::start(&upstream, None, "/", &[]).await;
    let mut s = String::from(
        "## 7. Bytes sent per visit, by recipe\n\nEvery file the page loads, fetched as Chromium asks for \
         it over HTTP (gzip) and over HTTPS (brotli too); bodies counted as sent, headers not. “On the fly” \
         is the same recipe serving a build without the `.gz`/`.br` copies.\n\n\
         | served by | over HTTP | over HTTPS |\n|---|---|---|\n",
    );
    for (name, dir) in [("build's copies", &subpath), ("on the fly", &plain)] {
        let site = Site {
            gateway: gateway.addr,
            dist: dir,
            frame_ancestors: "",
        };
        let nginx = WebServer::nginx(&site, free_port(), None).await;
        row(
            &mut s,
            &format!("nginx recipe, {name}"),
            |f| under_panel(&nginx, f),
            dir,
        )
        .await;
        drop(nginx);
        let caddy = WebServer::caddy(&site, free_port()).await;
        row(
            &mut s,
            &format!("Caddy recipe, {name}"),
            |f| under_panel(&caddy, f),
            dir,
        )
        .await;
    }
    let origin = upstream.origin();
    row(
        &mut s,
        "`reference-server --static`, build's copies",
        |f| format!("{origin}/{f}"),
        dist,
    )
    .await;
    s.push('\n');
    let _ = std::fs::remove_dir_all(&plain);
    s
}

/// A file of the build as the recipes serve it, under `/panel/`.
fn under_panel(server: &WebServer, file: &str) -> String {
    server.url(&format!("/panel/{file}"))
}

/// One line of the table: the bytes of one visit over HTTP and over HTTPS.
async fn row(s: &mut String, what: &str, url: impl Fn(&str) -> String, dir: &Path) {
    let http = reqwest::Client::new();
    let mut totals = [0usize; 2];
    for file in loaded_files(dir) {
        for (total, accept) in totals.iter_mut().zip([OVER_HTTP, OVER_HTTPS]) {
            let answer = http
                .get(url(&file))
                .header("Accept-Encoding", accept)
                .send()
                .await
                .expect("the server answers");
            assert!(
                answer.status().is_success(),
                "{what}: {file}: {}",
                answer.status()
            );
            *total += answer.bytes().await.expect("a body").len();
        }
    }
    let kb = |b: usize| format!("{:.1} kB", b as f64 / 1000.0);
    let _ = writeln!(s, "| {what} | {} | {} |", kb(totals[0]), kb(totals[1]));
}

/// The files a visit loads: everything in the build but the compressed copies.
fn loaded_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("the build")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".gz") && !n.ends_with(".br"))
        .collect()
}

/// A copy of the build without its `.gz`/`.br` copies.
fn without_copies(dir: &Path) -> PathBuf {
    let plain = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-dist-plain");
    let _ = std::fs::remove_dir_all(&plain);
    std::fs::create_dir_all(&plain).expect("scratch build");
    for file in loaded_files(dir) {
        std::fs::copy(dir.join(&file), plain.join(&file)).expect("copy");
    }
    plain
}
