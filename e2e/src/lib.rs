//! The end-to-end harness: a reference server on a free port serving the release `dist/`, and a headless
//! Chromium driven through chromedriver. Every test gets its own server (its own data) and its own browser.
//!
//! `cargo xtask test` builds `dist/` before these tests run; run alone, they say what is missing.

use std::future::Future;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use reference_server::faults::Faults;
use reference_server::{Config, RunningServer};
use serde_json::{json, Value};
use tokio::process::{Child, Command};

pub use fantoccini;

pub mod deploy;
/// The credential-adding reverse proxy lives in the reference server (the demo runs it too).
pub use reference_server::proxy;

pub const USER: &str = "manager";
pub const PASSWORD: &str = "manag3rpa55word";

/// How long a step may take before a test fails (generous: 2 shared cores, a debug server).
pub const STEP: Duration = Duration::from_secs(20);

pub type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// The release build the tests drive: `PANEL_DIST`, or `dist/` at the workspace root.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("PANEL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no built panel at {}: run `cargo xtask test` (it builds dist/ with trunk first)",
        dir.display()
    );
    dir
}

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

/// A copy of the release dist/ with this `config.json` (or none), for tests of one site's configuration.
pub fn dist_with(name: &str, config: Option<&str>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dist-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(dist_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && path.file_name().unwrap() != "config.json" {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    if let Some(text) = config {
        std::fs::write(dir.join("config.json"), text).unwrap();
    }
    dir
}

/// A headless Chromium behind its own chromedriver; the driver's process group dies with it.
pub struct Browser {
    pub client: Client,
    driver: Child,
    port: u16,
    profile: PathBuf,
}

impl Browser {
    pub async fn start(width: u32, height: u32) -> Browser {
        let port = free_port();
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver did not start: is chromium-driver installed? (`cargo xtask test` installs it)");
        let profile =
            std::env::temp_dir().join(format!("e2e-profile-{}-{port}", std::process::id()));
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=en-US",
                    format!("--user-data-dir={}", profile.display()),
                    format!("--window-size={width},{height}"),
                ]
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        if width < 500 {
            // Headless windows are at least 500 px wide; a phone is emulated instead.
            caps.get_mut("goog:chromeOptions").unwrap()["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true }
            });
        }
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
                    panic!("cannot start a Chromium session: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Browser {
            client,
            driver,
            port,
            profile,
        }
    }

    /// Every line the page logged to the console since the last call (chromedriver's log endpoint).
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

    /// Ends the session gracefully (Chromium exits); `Drop` then stops the driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    /// Kills chromedriver's whole process group (Chromium included), also when a test panicked.
    fn drop(&mut self) {
        kill_process_group(&mut self.driver);
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

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn chromedriver() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port")
}

/// One test's world: a fresh reference server serving `dist/`, a browser, and a REST client to check
/// what the panel did through the API itself.
pub struct Panel {
    pub server: RunningServer,
    pub browser: Browser,
    pub http: reqwest::Client,
}

impl Panel {
    pub fn client(&self) -> &Client {
        &self.browser.client
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.origin())
    }

    /// GET a REST path (after `rest/`) as the manager and decode it.
    pub async fn api_get(&self, path: &str) -> Value {
        let res = self
            .http
            .get(format!("{}rest/{path}", self.server.base_url()))
            .basic_auth(USER, Some(PASSWORD))
            .send()
            .await
            .expect("reference server answers");
        assert!(res.status().is_success(), "GET {path}: {}", res.status());
        res.json().await.expect("JSON")
    }

    /// Runs JavaScript in the page and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client()
            .execute(script, vec![])
            .await
            .expect("script runs")
    }

    /// Waits until `script` (an expression) is truthy, failing with `what` after [`STEP`].
    pub async fn wait_until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + STEP;
        loop {
            let v = self.js(&format!("return !!({script});")).await;
            if v == Value::Bool(true) {
                return;
            }
            if Instant::now() > deadline {
                let page = self
                    .js("return document.body.innerText.slice(0, 2000)")
                    .await;
                panic!(
                    "timed out waiting for {what} ({script}); the page said:\n{}",
                    page.as_str().unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Fills the panel's own sign-in form and submits it.
    pub async fn sign_in(&self, user: &str, password: &str) {
        let c = self.client();
        let username = c
            .wait()
            .at_most(STEP)
            .for_element(Locator::Css("input[name=username]"))
            .await
            .expect("sign-in form");
        username.clear().await.expect("clear");
        username.send_keys(user).await.expect("type username");
        let field = c
            .find(Locator::Css("input[name=password]"))
            .await
            .expect("password field");
        field.clear().await.expect("clear");
        field.send_keys(password).await.expect("type password");
        c.find(Locator::XPath("//button[normalize-space()='Sign in']"))
            .await
            .expect("Sign in button")
            .click()
            .await
            .expect("click");
    }

    /// Opens `path`, signs in as the manager and waits for the board to settle.
    pub async fn open_board(&self, path: &str) {
        self.client().goto(&self.url(path)).await.expect("navigate");
        self.sign_in(USER, PASSWORD).await;
        self.wait_for_board().await;
    }

    /// The element matching `css`, once it exists.
    pub async fn element(&self, css: &str) -> fantoccini::elements::Element {
        self.client()
            .wait()
            .at_most(STEP)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Replaces the text of the field matching `css` with `text`, with real key events (select all,
    /// delete, type), so the page sees every `input` event a person would cause.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.element(css).await;
        field.click().await.expect("focus");
        let select_all = format!("{}a{}{}", Key::Control, Key::Null, Key::Backspace);
        field.send_keys(&select_all).await.expect("clear");
        if !text.is_empty() {
            field.send_keys(text).await.expect("type");
        }
    }

    /// The current value of the field matching `css`.
    pub async fn value_of(&self, css: &str) -> String {
        let v = self
            .js(&format!(
                "return document.querySelector({css:?})?.value ?? null"
            ))
            .await;
        v.as_str()
            .unwrap_or_else(|| panic!("no field {css}"))
            .to_owned()
    }

    /// GET a user's live status through the REST API.
    pub async fn status_of(&self, username: &str) -> Value {
        self.status_if_any(username)
            .await
            .unwrap_or_else(|| panic!("{username} has no status"))
    }

    /// Sets a user's status through the REST API, as another client would.
    pub async fn set_status_via_api(&self, username: &str, body: Value) {
        let res = self
            .http
            .post(format!(
                "{}rest/live/coreServers/getByName/default/users/getByName/{username}/status/set",
                self.server.base_url()
            ))
            .basic_auth(USER, Some(PASSWORD))
            .json(&body)
            .send()
            .await
            .expect("reference server answers");
        assert_eq!(res.status(), 204, "status/set for {username}");
    }

    /// Picks the board's refresh interval by its label ("5 s").
    pub async fn choose_refresh(&self, label: &str) {
        let selects = self
            .client()
            .find_all(Locator::Css(".toolbar select"))
            .await
            .expect("toolbar");
        let refresh = selects.last().expect("the refresh select");
        refresh
            .select_by_label(label)
            .await
            .expect("a refresh choice");
    }

    /// A user's live status read with other credentials.
    pub async fn status_of_with(&self, username: &str, user: &str, password: &str) -> Value {
        self.status_as(username, user, password)
            .await
            .unwrap_or_else(|| panic!("{username} has no status"))
    }

    /// A user's live status, or `None` when the server refuses it (a lite user's 403).
    pub async fn status_if_any(&self, username: &str) -> Option<Value> {
        self.status_as(username, USER, PASSWORD).await
    }

    async fn status_as(&self, username: &str, user: &str, password: &str) -> Option<Value> {
        let encoded: String = username
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        let path = format!("live/coreServers/getByName/default/users/getByName/{encoded}/status");
        let res = self
            .http
            .get(format!("{}rest/{path}", self.server.base_url()))
            .basic_auth(user, Some(password))
            .send()
            .await
            .expect("reference server answers");
        if res.status().is_success() {
            Some(res.json().await.expect("JSON"))
        } else {
            None
        }
    }

    /// Clicks the first link whose text contains `text`.
    pub async fn click_link_containing(&self, text: &str) {
        let xpath = format!("//a[contains(normalize-space(), {})]", xpath_literal(text));
        let link = self
            .client()
            .wait()
            .at_most(STEP)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?}: {e}"));
        link.click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {text:?}: {e}"));
    }

    /// Clicks the button with this accessible name (its `aria-label`, or its text).
    pub async fn click_button(&self, name: &str) {
        self.click_button_in("", name).await;
    }

    /// Clicks the button with this accessible name inside the open editor dialog.
    pub async fn click_in_dialog(&self, name: &str) {
        self.click_button_in("//dialog[@open]", name).await;
    }

    /// Clicks the button with this accessible name inside the element matching `css` (a class on it).
    pub async fn click_button_in_css(&self, css: &str, name: &str) {
        let (tag, class) = css.split_once('.').expect("tag.class");
        self.click_button_in(
            &format!("//{tag}[contains(concat(' ', @class, ' '), ' {class} ')]"),
            name,
        )
        .await;
    }

    async fn click_button_in(&self, scope: &str, name: &str) {
        let xpath = format!(
            "{scope}//button[@aria-label={0} or normalize-space()={0}]",
            xpath_literal(name)
        );
        let button = self
            .client()
            .wait()
            .at_most(STEP)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no button {name:?}: {e}"));
        // Into the middle of the view, as a person would scroll to it: WebDriver's own scrolling stops at
        // the window's edge, where the notifications sit.
        let arg = serde_json::to_value(&button).expect("an element reference");
        let _ = self
            .client()
            .execute(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })",
                vec![arg],
            )
            .await;
        button
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {name:?}: {e}"));
    }

    /// The panel's own errors in the console since the last read (see [`ConsoleEntry::is_panel_error`]).
    pub async fn panel_errors(&self) -> Vec<String> {
        self.browser
            .console_entries()
            .await
            .into_iter()
            .filter(ConsoleEntry::is_panel_error)
            .map(|e| e.message)
            .collect()
    }

    /// In the open editor: a return time of tomorrow 09:30 in the browser's own zone, typed the way a person
    /// does (en-US field order). Returns that time in milliseconds, as the browser computes it.
    pub async fn type_return_time_tomorrow(&self) -> i64 {
        let no_return = self.element("dialog input[name=noReturnTime]").await;
        if no_return.prop("checked").await.unwrap().as_deref() == Some("true") {
            no_return.click().await.unwrap();
        }
        let tomorrow = self
            .js("const d = new Date(); d.setDate(d.getDate() + 1); return [d.getMonth() + 1, d.getDate(), d.getFullYear()]")
            .await;
        let [m, d, y] = [0, 1, 2].map(|i| tomorrow[i].as_i64().unwrap());
        // Focus puts the caret on the month; Chrome moves on after each full segment, except after the
        // year (it takes up to six digits), where Tab moves to the hour.
        self.js("document.querySelector('dialog input[name=returnTime]').focus(); return 1")
            .await;
        let field = self.element("dialog input[name=returnTime]").await;
        field
            .send_keys(&format!("{m:02}{d:02}{y}{}0930AM", Key::Tab))
            .await
            .unwrap();
        assert_eq!(
            self.value_of("dialog input[name=returnTime]").await,
            format!("{y}-{m:02}-{d:02}T09:30")
        );
        self.js(&format!(
            "return new Date({y}, {m} - 1, {d}, 9, 30).getTime()"
        ))
        .await
        .as_i64()
        .unwrap()
    }

    /// Waits until the board lists its users and every status has settled.
    pub async fn wait_for_board(&self) {
        self.wait_until(
            "the board to finish loading",
            "document.querySelector('.board-row') && /^\\d+ users$/.test(document.querySelector('.progress')?.textContent ?? '')",
        )
        .await;
    }
}

/// A string as an XPath literal, whatever quotes it holds.
pub fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// Runs one end-to-end test with its own server and browser, and always closes the browser, even when the
/// test panics, so no Chromium is left behind.
pub async fn with_panel<F, Fut>(config: Config, size: (u32, u32), test: F)
where
    F: FnOnce(Panel) -> Fut,
    Fut: Future<Output = Panel>,
{
    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        static_dir: config.static_dir.clone().or_else(|| Some(dist_dir())),
        faults: slow_world(config.faults),
        ..config
    };
    let server = reference_server::start(config)
        .await
        .expect("reference server starts");
    let browser = Browser::start(size.0, size.1).await;
    let panel = Panel {
        server,
        browser,
        http: reqwest::Client::new(),
    };
    // A panicking test drops its Panel while unwinding, and Browser's Drop kills Chromium.
    let panel = test(panel).await;
    // Whatever the test did, the panel never panicked, never showed its crash panel and never logged a
    // password.
    let crashed = panel
        .js("return document.querySelector('.crash')?.innerText ?? null")
        .await;
    let console = panel.browser.console().await;
    panel.browser.close().await;
    assert!(crashed.is_null(), "the panel crashed: {crashed}");
    for line in &console {
        assert!(!line.contains("panicked at"), "the panel panicked: {line}");
        assert!(
            !line.contains(PASSWORD),
            "a password reached the console: {line}"
        );
    }
}

/// The latency every test's server answers with when `PANEL_LATENCY` is set (`80..400ms`, or `200ms`):
/// the test command runs the interactive suites a second time that way, as a PBX across a site link
/// answers. A test that sets its own faults keeps them.
pub const LATENCY_ENV: &str = "PANEL_LATENCY";

fn slow_world(faults: Faults) -> Faults {
    match std::env::var(LATENCY_ENV) {
        Ok(latency) if faults.is_off() => Faults::parse(&format!("latency={latency}"))
            .unwrap_or_else(|e| panic!("{LATENCY_ENV}: {e}")),
        _ => faults,
    }
}

/// The default desktop window.
pub const DESKTOP: (u32, u32) = (1280, 900);
/// A phone's width.
pub const PHONE: (u32, u32) = (390, 844);

/// axe-core from `tools/node_modules` (npm; `cargo xtask test` installs it).
fn axe_source() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "no axe-core at {}: {e} (`cargo xtask test` installs it with npm)",
            path.display()
        )
    })
}

impl Panel {
    /// Runs axe-core on the page as it stands for WCAG 2.1 A and AA and returns one line per violation
    /// and element (rule, impact, what axe says, the element). WebDriver scripts run outside the page's
    /// CSP, so the panel's policy needs no exception for the test.
    pub async fn axe_violations(&self) -> Vec<String> {
        let script = format!(
            "{}\nconst done = arguments[arguments.length - 1];\n\
             axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }}, resultTypes: ['violations'] }})\n\
               .then(r => done(r.violations.flatMap(v => v.nodes.map(n => `${{v.id}} (${{v.impact}}): ${{n.failureSummary.replace(/\\s+/g, ' ')}} at ${{n.html.slice(0, 200)}}`))))\n\
               .catch(e => done(['axe failed: ' + e]));",
            axe_source()
        );
        let result = self
            .client()
            .execute_async(&script, vec![])
            .await
            .expect("axe runs");
        serde_json::from_value(result).expect("a list of violations")
    }

    /// Fails the test if axe-core finds any WCAG 2.1 A/AA violation on the page as it stands.
    pub async fn assert_accessible(&self, what: &str) {
        let violations = self.axe_violations().await;
        assert!(
            violations.is_empty(),
            "{what}: {} accessibility violation(s):\n{}",
            violations.len(),
            violations.join("\n")
        );
    }
}
