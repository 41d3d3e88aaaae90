//! The README's deployment recipes, run for real: Debian's nginx and Caddy (the test command installs both) with the
//! very files in `deploy/`, their placeholders filled in, serving the sub-path build and proxying to the
//! panel's gateway in front of a reference server. Each runs in the foreground as a child that dies with
//! the test.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::process::{Child, Command};

use crate::browser::kill_process_group;
use crate::STEP;

/// Debian's libnginx-mod-http-brotli-static, for the recipe's `brotli_static on;`.
const NGINX_BROTLI_STATIC: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// `manager:manag3rpa55word` in base64: the reference server's default realm user, as a header.
pub const MANAGER_BASIC: &str = "bWFuYWdlcjptYW5hZzNycGE1NXdvcmQ=";

/// The build for `/panel/` that `cargo xtask test` makes beside `dist/`.
pub fn subpath_dist() -> PathBuf {
    let dir = std::env::var_os("PANEL_DIST_SUBPATH")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/dist-subpath")
        });
    assert!(
        dir.join("index.html").is_file(),
        "no sub-path build at {}: run `cargo xtask test` (it builds one with --public-url /panel/)",
        dir.display()
    );
    dir
}

fn recipe(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../deploy")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a test changes in a recipe: where things are, and which pages may frame the panel.
pub struct Site<'a> {
    /// The gateway the recipe passes the API and sign-in on to.
    pub gateway: SocketAddr,
    pub dist: &'a Path,
    /// Extra `frame-ancestors` sources besides 'self' (an embedding page's origin).
    pub frame_ancestors: &'a str,
}

/// A web server running a recipe, listening on `addr`, until dropped.
pub struct WebServer {
    pub addr: SocketAddr,
    child: Child,
    dir: PathBuf,
}

impl Drop for WebServer {
    fn drop(&mut self) {
        kill_process_group(&mut self.child);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn scratch(kind: &str, port: u16) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("e2e-{kind}-{}-{port}", std::process::id()));
    std::fs::create_dir_all(dir.join("logs")).expect("scratch dir");
    dir
}

impl WebServer {
    /// Debian's nginx on `port` with `deploy/nginx.conf` included in a minimal main configuration, plus
    /// one more server (if given: a folder and a port) — another origin, for the `<iframe>` tests.
    pub async fn nginx(site: &Site<'_>, port: u16, embed: Option<(&Path, u16)>) -> WebServer {
        let dir = scratch("nginx", port);
        let conf = recipe("nginx.conf")
            .replace(
                "/srv/isymphony-panel/",
                &format!("{}/", site.dist.display()),
            )
            .replace("127.0.0.1:8090", &site.gateway.to_string())
            .replace("listen 8080;", &format!("listen 127.0.0.1:{port};"))
            .replace(
                "frame-ancestors 'self'",
                format!("frame-ancestors 'self' {}", site.frame_ancestors).trim_end(),
            );
        std::fs::write(dir.join("site.conf"), conf).unwrap();
        let embed_server = embed
            .map(|(root, port)| {
                format!(
                    "server {{ listen 127.0.0.1:{port}; root {}; }}",
                    root.display()
                )
            })
            .unwrap_or_default();
        let d = dir.display();
        // Debian loads installed modules from /etc/nginx/modules-enabled; this minimal configuration
        // loads the one the recipe needs (`cargo xtask test` installs it).
        let main = format!(
            "load_module {NGINX_BROTLI_STATIC};\n\
             user root; worker_processes 1; pid {d}/nginx.pid; error_log {d}/logs/error.log;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n  include /etc/nginx/mime.types; access_log off;\n\
               client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi;\n\
               uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n\
               include {d}/site.conf;\n  {embed_server}\n}}\n"
        );
        std::fs::write(dir.join("main.conf"), main).unwrap();
        let child = Command::new("nginx")
            .args([
                "-p",
                &d.to_string(),
                "-c",
                &format!("{d}/main.conf"),
                "-g",
                "daemon off;",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .expect("nginx starts: is it installed? (`cargo xtask test` installs it)");
        let server = WebServer::ready(child, dir, port).await;
        // The embedding page's server too, before a test opens it (on a busy machine it can lag).
        if let Some((_, embed_port)) = embed {
            let addr: SocketAddr = format!("127.0.0.1:{embed_port}").parse().unwrap();
            let deadline = Instant::now() + STEP;
            while tokio::net::TcpStream::connect(addr).await.is_err() {
                assert!(Instant::now() < deadline, "nginx never listened on {addr}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        server
    }

    /// Debian's Caddy with `deploy/Caddyfile`, on plain http (no certificates here).
    pub async fn caddy(site: &Site<'_>, port: u16) -> WebServer {
        let dir = scratch("caddy", port);
        let conf = recipe("Caddyfile")
            .replace("panel.example.com", &format!("http://127.0.0.1:{port}"))
            .replace("/srv/isymphony-panel", &site.dist.display().to_string())
            .replace("127.0.0.1:8090", &site.gateway.to_string());
        std::fs::write(
            dir.join("Caddyfile"),
            format!("{{\n\tadmin off\n}}\n\n{conf}"),
        )
        .unwrap();
        let child = Command::new("caddy")
            .args(["run", "--adapter", "caddyfile", "--config"])
            .arg(dir.join("Caddyfile"))
            .env("HOME", &dir)
            .env("XDG_DATA_HOME", &dir)
            .env("XDG_CONFIG_HOME", &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .expect("caddy starts");
        WebServer::ready(child, dir, port).await
    }

    /// Waits until the server accepts connections; fails the test if it exits first.
    async fn ready(mut child: Child, dir: PathBuf, port: u16) -> WebServer {
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let deadline = Instant::now() + STEP;
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(dir.join("logs/error.log")).unwrap_or_default();
                panic!("the web server exited ({status}) before listening:\n{log}");
            }
            assert!(
                Instant::now() < deadline,
                "the web server never listened on {addr}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        WebServer { addr, child, dir }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}
