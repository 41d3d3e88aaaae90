//! A browser behind its own WebDriver (see [`crate::engine`]), and what its console says.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tokio::process::Child;

use crate::engine::{start_display, Engine, Launch};
use crate::STEP;

/// One line of the page's console.
#[derive(Debug, Clone)]
pub struct ConsoleEntry {
    pub level: String,
    pub source: String,
    pub message: String,
}

impl ConsoleEntry {
    /// An error of the panel itself: an uncaught exception or a `console.error`, not a request the
    /// server failed (the browser logs those too, as `network`).
    pub fn is_panel_error(&self) -> bool {
        self.level == "SEVERE" && self.source != "network"
    }
}

/// A browser behind its own WebDriver; the driver's process group (and WebKit's display) dies with it.
pub struct Browser {
    pub client: Client,
    pub engine: Engine,
    driver: Child,
    display: Option<Child>,
    port: u16,
    profile: PathBuf,
}

/// The time zone every test's browser runs in unless it asks for another: one with daylight saving, far
/// enough from UTC that a local time read as UTC is hours off (this machine and CI run in UTC, where that
/// mistake would pass unseen).
pub const DEFAULT_ZONE: &str = "America/New_York";

impl Browser {
    /// A Chromium in [`DEFAULT_ZONE`].
    pub async fn start(width: u32, height: u32) -> Browser {
        Browser::launch(&Launch::on(Engine::Chromium), width, height).await
    }

    /// A browser as `launch` says: every engine takes its zone from `TZ`, which it inherits from its
    /// driver. Checked before the test gets the browser.
    pub async fn launch(launch: &Launch<'_>, width: u32, height: u32) -> Browser {
        let engine = launch.engine;
        let port = free_port();
        let display = match engine {
            Engine::WebKit => Some(start_display().await),
            _ => None,
        };
        let driver = engine.start_driver(port, launch, display.as_ref().map(|d| d.1.as_str()));
        let profile =
            std::env::temp_dir().join(format!("e2e-profile-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&profile).expect("a profile folder");
        let caps = engine.capabilities(width, height, &profile);
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + STEP;
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => {
                    panic!("cannot start a {} session: {e}", engine.name())
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        if engine != Engine::Chromium {
            // WebKit's window is at least 447 px wide (MiniBrowser's toolbar); Firefox takes any size.
            client
                .set_window_size(width, height)
                .await
                .expect("the window takes its size");
        }
        let zone = launch.zone;
        let browser = Browser {
            client,
            engine,
            driver,
            display: display.map(|d| d.0),
            port,
            profile,
        };
        // The browser's own clock shows what `zone` shows, in winter and in summer (the zone's name may
        // come back as an alias: Asia/Kolkata is Asia/Calcutta to Chromium).
        let same = browser
            .client
            .execute(
                "const [zone] = arguments; return [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)]\
                 .every(t => new Intl.DateTimeFormat('en-US', {timeZone: zone, timeStyle: 'long'}).format(t)\
                   === new Intl.DateTimeFormat('en-US', {timeStyle: 'long'}).format(t))",
                vec![json!(zone)],
            )
            .await
            .expect("the browser answers");
        assert_eq!(
            same,
            json!(true),
            "the browser did not take the time zone {zone}"
        );
        browser
    }

    /// Every line the page logged to the console since the last call (chromedriver's log endpoint; the
    /// other engines' drivers keep no log, so theirs is empty).
    pub async fn console(&self) -> Vec<String> {
        self.console_entries()
            .await
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    /// The same, with each line's level and source (`network` for a failed request, `javascript` for an
    /// uncaught exception, `console-api` for the page's own `console.error`).
    pub async fn console_entries(&self) -> Vec<ConsoleEntry> {
        let Ok(Some(session)) = self.client.session_id().await else {
            return Vec::new();
        };
        if self.engine != Engine::Chromium {
            return Vec::new();
        }
        let url = format!("http://127.0.0.1:{}/session/{session}/se/log", self.port);
        let Ok(res) = reqwest::Client::new()
            .post(url)
            .json(&json!({ "type": "browser" }))
            .send()
            .await
        else {
            return Vec::new();
        };
        let entries: Value = res.json().await.unwrap_or_default();
        entries["value"]
            .as_array()
            .map(|v| {
                v.iter()
                    .filter_map(|e| {
                        Some(ConsoleEntry {
                            level: e["level"].as_str().unwrap_or_default().to_owned(),
                            source: e["source"].as_str().unwrap_or_default().to_owned(),
                            message: e["message"].as_str()?.to_owned(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A Chrome DevTools Protocol command through chromedriver (the benchmark's clock, cache and heap).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        let session = self
            .client
            .session_id()
            .await
            .ok()
            .flatten()
            .expect("a session");
        let url = format!(
            "http://127.0.0.1:{}/session/{session}/goog/cdp/execute",
            self.port
        );
        let res = reqwest::Client::new()
            .post(url)
            .json(&json!({ "cmd": cmd, "params": params }))
            .send()
            .await
            .expect("chromedriver answers");
        let body: Value = res.json().await.expect("JSON");
        body["value"].clone()
    }

    /// One of WebDriver's per-element readings (`computedrole`, `computedlabel`) straight from the driver
    /// (fantoccini has no call for them); `null` when the driver has none.
    pub(crate) async fn element_property(&self, element: &Element, what: &str) -> Value {
        let Ok(Some(session)) = self.client.session_id().await else {
            return Value::Null;
        };
        let url = format!(
            "http://127.0.0.1:{}/session/{session}/element/{}/{what}",
            self.port,
            element.element_id()
        );
        match reqwest::get(url).await {
            Ok(res) => res.json::<Value>().await.unwrap_or_default()["value"].take(),
            Err(_) => Value::Null,
        }
    }

    /// Ends the session gracefully (Chromium exits); `Drop` then stops the driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    /// Kills the driver's whole process group (the browser included), also when a test panicked.
    fn drop(&mut self) {
        kill_process_group(&mut self.driver);
        if let Some(display) = &mut self.display {
            kill_process_group(display);
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Kills a child started with `process_group(0)` and everything it started: its own children (Chromium
/// under chromedriver, nginx's workers) would otherwise outlive it and keep their ports.
pub(crate) fn kill_process_group(child: &mut Child) {
    if let Some(pid) = child.id() {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &format!("-{pid}")])
            .status();
    }
    let _ = child.start_kill();
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port")
}
