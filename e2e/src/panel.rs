//! One test's world (a fresh reference server, a browser, a REST client to check what the panel did) and
//! what a supervisor does in it: sign in, type, wait, read a status through the API.

use std::future::Future;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use reference_server::demo::DEFAULT_SERVER_ID;
use reference_server::faults::Faults;
use reference_server::{Config, RunningServer};
use serde_json::Value;

use crate::browser::{Browser, ConsoleEntry, DEFAULT_ZONE};
use crate::dist::dist_dir;
use crate::engine::{Engine, Launch};
use crate::gateway::{SECOND_SUPERVISOR, SUPERVISOR};
use crate::{PASSWORD, STEP, USER};

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
        self.replace_text(&field, text).await;
    }

    /// Focuses `field`, clears it (select all, delete) and types `text`.
    pub async fn replace_text(&self, field: &fantoccini::elements::Element, text: &str) {
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

    /// The id of the default core server's group named `name`, through REST.
    pub async fn group_id(&self, name: &str) -> String {
        let groups = self
            .api_get(&format!("config/core/{DEFAULT_SERVER_ID}/userGroups"))
            .await;
        groups
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["displayName"] == name)
            .unwrap_or_else(|| panic!("no group {name}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Presses and releases one key (a character, or a WebDriver key such as `'\u{e00c}'`, Escape).
    pub async fn press(&self, key: char) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client().perform_actions(keys).await.unwrap();
    }

    /// In the open editor, clicks the status type labelled `label` ("Purple").
    pub async fn pick_status_type(&self, label: &str) {
        let xpath = format!(
            "//dialog[@open]//*[@role='option'][span[normalize-space()={}]]",
            crate::xpath_literal(label)
        );
        self.client()
            .find(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no status type {label}: {e}"))
            .click()
            .await
            .unwrap();
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

/// Runs one end-to-end test with its own server and browser, and always closes the browser, even when the
/// test panics, so no Chromium is left behind.
pub async fn with_panel<F, Fut>(config: Config, size: (u32, u32), test: F)
where
    F: FnOnce(Panel) -> Fut,
    Fut: Future<Output = Panel>,
{
    with_panel_in(DEFAULT_ZONE, config, size, test).await
}

/// The same with the browser's clock in `zone` (an IANA name, e.g. `Asia/Kolkata`, `UTC`).
pub async fn with_panel_in<F, Fut>(zone: &str, config: Config, size: (u32, u32), test: F)
where
    F: FnOnce(Panel) -> Fut,
    Fut: Future<Output = Panel>,
{
    let launch = Launch {
        zone,
        ..Launch::on(Engine::Chromium)
    };
    with_panel_on(&launch, config, size, test).await
}

/// The same in the browser `launch` describes (Firefox, WebKit, another language).
pub async fn with_panel_on<F, Fut>(launch: &Launch<'_>, config: Config, size: (u32, u32), test: F)
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
    let browser = Browser::launch(launch, size.0, size.1).await;
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
        for password in [PASSWORD, SUPERVISOR.password, SECOND_SUPERVISOR.password] {
            assert!(
                !line.contains(password),
                "a password reached the console: {line}"
            );
        }
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
