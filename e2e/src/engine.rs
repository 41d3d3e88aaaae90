//! The three browser engines a supervisor's panel meets, each behind its own WebDriver: Chromium
//! (chromedriver), Firefox ESR (geckodriver) and WebKitGTK, Safari's engine (`WebKitWebDriver` driving
//! `MiniBrowser`, which needs a display: its own Xvfb). `cargo xtask test` installs all three from Debian and
//! crates.io (`shared/toolchain.md`); run alone, a test says what is missing.

use std::path::Path;
use std::process::Stdio;

use serde_json::{json, Map, Value};

use crate::browser::DEFAULT_ZONE;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A browser engine, started headless (WebKit on a virtual display).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

/// How a test's browser is started: its engine, the zone its clock reads (an IANA name, inherited through
/// `TZ`) and the `LANG` of its process. WebKit takes the page's language from `LANG` (`C.UTF-8`, a
/// container's default, makes it `C`); Chromium and Firefox are told `en-US` whatever it says.
#[derive(Debug, Clone, Copy)]
pub struct Launch<'a> {
    pub engine: Engine,
    pub zone: &'a str,
    pub lang: &'a str,
}

impl Launch<'static> {
    /// `engine` in [`DEFAULT_ZONE`], in American English.
    pub fn on(engine: Engine) -> Self {
        Launch {
            engine,
            zone: DEFAULT_ZONE,
            lang: "en_US.UTF-8",
        }
    }
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
            Engine::WebKit => "WebKit",
        }
    }

    /// The driver's program, from the environment (`CHROMEDRIVER`, `GECKODRIVER`, `WEBKITDRIVER`) or
    /// where the installs put it.
    fn driver(self) -> String {
        let (var, default) = match self {
            Engine::Chromium => ("CHROMEDRIVER", "/usr/bin/chromedriver".to_owned()),
            Engine::Firefox => ("GECKODRIVER", cargo_bin("geckodriver")),
            Engine::WebKit => ("WEBKITDRIVER", "/usr/bin/WebKitWebDriver".to_owned()),
        };
        std::env::var(var).unwrap_or(default)
    }

    /// The driver on `port`, in its own process group, its browser's clock in `launch.zone`.
    pub(crate) fn start_driver(self, port: u16, launch: &Launch, display: Option<&str>) -> Child {
        let mut cmd = Command::new(self.driver());
        cmd.env("TZ", launch.zone)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .kill_on_drop(true)
            .env("LANG", launch.lang)
            .env_remove("LC_ALL")
            .env_remove("LANGUAGE");
        if let Some(display) = display {
            cmd.env("DISPLAY", display);
        }
        cmd.spawn().unwrap_or_else(|e| {
            panic!(
                "{} did not start ({e}): is {} installed? (`cargo xtask test` installs it)",
                self.driver(),
                self.name()
            )
        })
    }

    /// The session's capabilities for a window of `width` × `height` with its profile in `profile`.
    pub(crate) fn capabilities(
        self,
        width: u32,
        height: u32,
        profile: &Path,
    ) -> Map<String, Value> {
        let mut caps = Map::new();
        match self {
            Engine::Chromium => {
                let mut options = json!({
                    "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--lang=en-US",
                        format!("--user-data-dir={}", profile.display()),
                        format!("--window-size={width},{height}"),
                    ]
                });
                if width < 500 {
                    // Headless windows are at least 500 px wide; a phone is emulated instead.
                    options["mobileEmulation"] = json!({
                        "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true }
                    });
                }
                caps.insert("goog:chromeOptions".into(), options);
                caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
            }
            Engine::Firefox => {
                caps.insert(
                    "moz:firefoxOptions".into(),
                    json!({
                        "binary": std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".into()),
                        "args": ["-headless", "-profile", profile.display().to_string()],
                        // No update checks, telemetry or first-run pages on this closed network.
                        "prefs": {
                            "intl.accept_languages": "en-US",
                            "app.update.enabled": false,
                            "browser.shell.checkDefaultBrowser": false,
                            "datareporting.policy.dataSubmissionEnabled": false,
                            "toolkit.telemetry.reportingpolicy.firstRun": false,
                            "network.captive-portal-service.enabled": false,
                            "browser.safebrowsing.update.enabled": false,
                        }
                    }),
                );
            }
            Engine::WebKit => {
                caps.insert(
                    "webkitgtk:browserOptions".into(),
                    json!({
                        "binary": std::env::var("MINIBROWSER").unwrap_or_else(|_| {
                            "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser".into()
                        }),
                        "args": ["--automation"],
                    }),
                );
            }
        }
        caps
    }
}

/// A virtual display for WebKit: an Xvfb of its own, which picks a free display number and says which.
pub(crate) async fn start_display() -> (Child, String) {
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1920x1080x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .expect("Xvfb did not start: is xvfb installed? (`cargo xtask test` installs it)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut line)
        .await
        .expect("Xvfb names its display");
    (child, format!(":{}", line.trim()))
}

/// Where `cargo install` puts a program.
fn cargo_bin(name: &str) -> String {
    let home = std::env::var("CARGO_HOME")
        .or_else(|_| std::env::var("HOME").map(|h| format!("{h}/.cargo")))
        .unwrap_or_default();
    format!("{home}/bin/{name}")
}
