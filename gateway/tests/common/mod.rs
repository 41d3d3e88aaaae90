//! One office for each test: the reference server (counting every REST request) and a gateway in front of
//! it, both in-process on free ports, spoken to over real HTTP and WebSocket.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use gateway::config::{Config, Mode, ServiceAccount, StoreConfig};
use gateway::secret::Secret;
use gateway::RunningGateway;
use reference_server::{Credentials, RunningServer, Stats};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

pub const PANEL: (&str, &str) = ("x-requested-with", "isymphony-panel");
#[allow(unused_imports)]
pub use reference_server::demo::DEFAULT_SERVER_ID;

pub struct Office {
    pub server: RunningServer,
    pub stats: Arc<Stats>,
    pub gateway: Option<RunningGateway>,
    pub config: Config,
    http: reqwest::Client,
}

pub fn users_mode() -> Mode {
    Mode::Users {
        groups: vec!["Supervisors".into()],
        usernames: vec![],
    }
}

/// A reference server with a second realm user `alice` / `alice-pw`, and a gateway in `mode`.
pub async fn office(mode: Mode, idle: Duration, absolute: Duration) -> Office {
    office_with(mode, idle, absolute, None).await
}

/// The default office whose gateway keeps its Activity in a fresh file named after `test`.
pub async fn office_keeping(test: &str) -> Office {
    let path = fresh_file(test);
    let store = StoreConfig {
        path,
        keep: Duration::from_secs(365 * 24 * 3600),
    };
    office_with(
        users_mode(),
        Duration::from_secs(600),
        Duration::from_secs(3600),
        Some(store),
    )
    .await
}

/// A path for a database no other test uses, with nothing there yet.
pub fn fresh_file(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gateway-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{test}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

pub async fn office_with(
    mode: Mode,
    idle: Duration,
    absolute: Duration,
    store: Option<StoreConfig>,
) -> Office {
    let stats = Arc::new(Stats::default());
    let server = reference_server::start(reference_server::Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        stats: Some(stats.clone()),
        realm_users: vec![Credentials {
            user: "alice".into(),
            password: "alice-pw".into(),
        }],
        ..Default::default()
    })
    .await
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let service_account = (mode != Mode::Realm).then(|| ServiceAccount {
        username: "manager".into(),
        password: Secret::new("manag3rpa55word".into()),
    });
    let config = Config {
        listen: listener.local_addr().unwrap(),
        public_origin: origin.clone(),
        allowed_origins: vec![origin],
        upstream: server.base_url(),
        return_time_in_seconds: false,
        mode,
        service_account,
        dist: None,
        base_path: "/".into(),
        idle,
        absolute,
        behind_proxy: false,
        store,
    };
    let gateway = gateway::start_on(listener, config.clone()).await.unwrap();
    Office {
        server,
        stats,
        gateway: Some(gateway),
        config,
        http: reqwest::Client::new(),
    }
}

pub async fn default_office() -> Office {
    office(
        users_mode(),
        Duration::from_secs(600),
        Duration::from_secs(3600),
    )
    .await
}

/// A request as the panel's page sends it: its own Origin and request header, and the cookie if any.
pub struct Req<'a> {
    pub method: Method,
    pub path: String,
    pub cookie: Option<&'a str>,
    pub origin: Option<String>,
    pub panel_header: bool,
    pub body: Option<Value>,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|_| panic!("not JSON: {}", self.text))
    }

    /// The session id from `Set-Cookie`.
    pub fn cookie(&self) -> String {
        let set = self.headers["set-cookie"].to_str().unwrap();
        set.split(';').next().unwrap().to_owned()
    }
}

impl Office {
    /// This office once its gateway's upstream socket is up (the gateway counts it up once its handshake
    /// has returned, a moment after the server does).
    pub async fn linked(self) -> Office {
        self.until("the upstream socket", |o| {
            o.server.state.sockets_open() == 1
        })
        .await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        self
    }

    /// Stops the gateway and starts it again on the same port with the same configuration.
    pub async fn restart_gateway(&mut self) {
        let old = self.gateway.take().unwrap();
        let addr = old.addr;
        old.stop().await;
        let config = Config {
            listen: addr,
            ..self.config.clone()
        };
        self.gateway = Some(gateway::start(config).await.unwrap());
    }

    pub fn gateway(&self) -> &RunningGateway {
        self.gateway.as_ref().unwrap()
    }

    pub fn origin(&self) -> String {
        self.gateway().origin()
    }

    pub fn req<'a>(&self, method: Method, path: &str) -> Req<'a> {
        Req {
            method,
            path: path.into(),
            cookie: None,
            origin: Some(self.origin()),
            panel_header: true,
            body: None,
        }
    }

    pub async fn send(&self, req: Req<'_>) -> Answer {
        let mut r = self
            .http
            .request(req.method, format!("{}{}", self.origin(), req.path));
        if let Some(c) = req.cookie {
            r = r.header("cookie", c);
        }
        if let Some(o) = req.origin {
            r = r.header("origin", o);
        }
        if req.panel_header {
            r = r.header(PANEL.0, PANEL.1);
        }
        if let Some(b) = req.body {
            r = r
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let res = r.send().await.unwrap();
        Answer {
            status: res.status(),
            headers: res.headers().clone(),
            text: res.text().await.unwrap(),
        }
    }

    pub async fn sign_in_as(&self, username: &str, password: &str) -> Answer {
        let mut req = self.req(Method::POST, "/gateway/session");
        req.body = Some(serde_json::json!({"username": username, "password": password}));
        self.send(req).await
    }

    /// Signs in and returns the `Cookie` header value.
    pub async fn signed_in(&self, username: &str, password: &str) -> String {
        let answer = self.sign_in_as(username, password).await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        answer.cookie()
    }

    pub async fn get(&self, path: &str, cookie: &str) -> Answer {
        let mut req = self.req(Method::GET, path);
        req.cookie = Some(cookie);
        self.send(req).await
    }

    /// Opens the Event socket through the gateway as a browser would.
    pub async fn socket(&self, cookie: Option<&str>, origin: &str) -> Result<Socket, StatusCode> {
        let url = format!(
            "ws://{}/communication_manager/ws/event",
            self.gateway().addr
        );
        let mut request = url.into_client_request().unwrap();
        request
            .headers_mut()
            .insert("origin", origin.parse().unwrap());
        if let Some(c) = cookie {
            request.headers_mut().insert("cookie", c.parse().unwrap());
        }
        match tokio_tungstenite::connect_async(request).await {
            Ok((socket, _)) => Ok(Socket(socket)),
            Err(tokio_tungstenite::tungstenite::Error::Http(r)) => Err(r.status()),
            Err(e) => panic!("socket: {e}"),
        }
    }

    /// Sets a status through the gateway.
    pub async fn set_status(&self, cookie: &str, username: &str, name: &str) -> Answer {
        let mut req = self.req(
            Method::POST,
            &format!("/communication_manager/rest/live/coreServers/getByName/default/users/getByName/{username}/status/set"),
        );
        req.cookie = Some(cookie);
        req.body =
            Some(serde_json::json!({"name": name, "type": "dnd", "note": "", "returnTime": -1}));
        self.send(req).await
    }

    pub fn requests_seen(&self) -> usize {
        self.stats.requests().len()
    }

    /// Waits until `check` holds (up to 10 s).
    pub async fn until(&self, what: &str, check: impl Fn(&Office) -> bool) {
        for _ in 0..200 {
            if check(self) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("timed out waiting for {what}");
    }
}

pub struct Socket(
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
);

impl Socket {
    /// The next text message within 5 s, or `None` if the socket closed.
    pub async fn next_event(&mut self) -> Option<Value> {
        loop {
            let message = tokio::time::timeout(Duration::from_secs(5), self.0.next())
                .await
                .expect("an event or a close within 5 s");
            match message {
                Some(Ok(Message::Text(t))) => return Some(serde_json::from_str(&t).unwrap()),
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
                Some(Ok(_)) => {}
            }
        }
    }

    /// Waits for a `userStatus` event for `username`; panics if the socket closes first.
    pub async fn status_of(&mut self, username: &str) -> Value {
        loop {
            let event = self.next_event().await.expect("the socket stays open");
            if event["type"] == "userStatus" && event["username"] == username {
                return event;
            }
        }
    }

    pub async fn send_text(&mut self, text: &str) {
        self.0.send(Message::Text(text.into())).await.unwrap();
    }

    /// Whether the gateway closes the socket within 5 s (events before the close are skipped).
    pub async fn closes(&mut self) -> bool {
        loop {
            match tokio::time::timeout(Duration::from_secs(5), self.0.next()).await {
                Err(_) => return false,
                Ok(None | Some(Ok(Message::Close(_))) | Some(Err(_))) => return true,
                Ok(Some(Ok(_))) => {}
            }
        }
    }
}
