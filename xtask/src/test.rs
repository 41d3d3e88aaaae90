//! `cargo xtask test`: every test in stages, sharing one `target/`, each stage's counts added up into the
//! closing line `N passed, N failed`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::process::{reference_server, run};
use crate::root;
use crate::tools::{ensure_browser, ensure_build_tools};

/// The fixed origins of the browser-test stage: the runner's page and the reference server that allows it.
const TEST_PAGE_ADDR: &str = "127.0.0.1:58090";
const TEST_API_ADDR: &str = "127.0.0.1:58091";

/// The suites the test command runs a second time against a slow server (`e2e::LATENCY_ENV`): whatever
/// a supervisor clicks through, where leaving a page while it works matters most.
const SLOW_WORLD_SUITES: [&str; 6] = ["board", "groups", "editing", "bulk", "live", "keyboard"];
const SLOW_WORLD_LATENCY: &str = "80..400ms";

/// The browser tests' time zone: the end-to-end harness's default too (`e2e::DEFAULT_ZONE`; xtask does not
/// depend on e2e, so the two are kept equal by hand).
const BROWSER_ZONE: &str = "America/New_York";

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    broken_stages: Vec<&'static str>,
}

impl Tally {
    /// Runs one stage, echoing its output and adding up every `test result:` line it prints.
    fn stage(&mut self, name: &'static str, mut cmd: Command) {
        eprintln!("\n==> {name}");
        let mut child = match cmd.current_dir(root()).stdout(Stdio::piped()).spawn() {
            Ok(child) => child,
            Err(e) => {
                eprintln!("xtask: cannot start {name}: {e}");
                self.broken_stages.push(name);
                return;
            }
        };
        let (mut passed, mut failed) = (0, 0);
        for line in BufReader::new(child.stdout.take().expect("piped"))
            .lines()
            .map_while(Result::ok)
        {
            println!("{line}");
            if let Some((p, f)) = parse_result(&line) {
                passed += p;
                failed += f;
            }
        }
        let ok = child.wait().is_ok_and(|s| s.success());
        self.passed += passed;
        self.failed += failed;
        if !ok && failed == 0 {
            // A build error or a crash: nothing reported failing, yet the stage failed.
            self.broken_stages.push(name);
        }
    }

    fn finish(self) -> Result<(), String> {
        for stage in &self.broken_stages {
            eprintln!("xtask: the {stage} stage failed before reporting its tests");
        }
        let failed = self.failed + self.broken_stages.len() as u64;
        println!("\n{} passed, {} failed", self.passed, failed);
        if failed == 0 {
            Ok(())
        } else {
            Err("some tests failed".into())
        }
    }
}

/// Answers no iSymphony gives but a misconfigured proxy might, served statically for the browser tests
/// (`tests/api_client.rs`): an HTML page for every unknown path, an empty 200, and JSON of the wrong shape.
fn odd_answers() -> Result<std::path::PathBuf, String> {
    let dir = root().join("target/odd-answers");
    // Written anew: a file left by an older run could stand where a folder now goes.
    let _ = std::fs::remove_dir_all(&dir);
    let files = [
        (
            "index.html",
            "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
        ),
        ("empty/rest/config/server/coreServers", ""),
        (
            "shape/rest/config/server/coreServers",
            r#"{"servers": "not a list"}"#,
        ),
        // Lists as a real iSymphony may send them: nulls, missing names, unknown fields, and one record
        // of each that cannot be read at all (contract, "Decided here" 15).
        (
            "odd/rest/live/coreServers/getByName/default/users",
            r#"[{"id":"l1","configurationId":"c1","userName":"4301","displayedName":"Ann Odd","permissionId":null},
                {"id":"l2","configurationId":null,"userName":"4302","displayedName":null},
                {"id":"l3","configurationId":"c3","userName":"4303"},
                {"id":"l4","configurationId":"c4","displayedName":"No username at all"}]"#,
        ),
        (
            "odd/rest/config/core/c0/users",
            r#"[{"id":"c1","username":"4301","full":true,"displayName":"Ann Odd","restricted":true},
                {"id":"c2","username":"4302","full":null,"enabled":null,"lastPasswordChangedAt":null,"permissionDisplayName":null,"permissionId":null},
                {"id":"c3","username":"4303","full":false},
                {"username":"no id"}]"#,
        ),
        (
            "odd/rest/config/core/c0/userGroups",
            r#"[{"id":"g1","displayName":"Sales"},{"id":"g2","displayName":null},{"displayName":"no id"}]"#,
        ),
        (
            "odd/rest/live/coreServers/getByName/other/users/getByName/4301/status",
            r#"{"id":"s1","name":null,"type":"away","note":null,"returnTime":-1,"userCreated":null}"#,
        ),
        (
            "odd/rest/live/coreServers/getByName/other/users/getByName/4301/logins",
            r#"[{"id":"x1","ip":"10.0.0.1","port":5060,"timeConnected":null},{"userLoginId":"x2"}]"#,
        ),
    ];
    for (path, text) in files {
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&file, text).map_err(|e| e.to_string())?;
    }
    Ok(dir)
}

/// `test result: ok. 12 passed; 0 failed; …` → (12, 0).
fn parse_result(line: &str) -> Option<(u64, u64)> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let number_before = |word: &str| -> Option<u64> {
        let end = rest.find(word)?;
        rest[..end]
            .trim_end()
            .rsplit([' ', '.'])
            .next()?
            .parse()
            .ok()
    };
    Some((number_before(" passed")?, number_before(" failed")?))
}

pub fn test() -> Result<(), String> {
    ensure_build_tools()?;
    ensure_browser()?;
    let mut tally = Tally::default();

    let mut native = Command::new("cargo");
    native.args(["test", "--no-fail-fast", "--workspace", "--exclude", "e2e"]);
    tally.stage("native tests", native);

    {
        let odd = odd_answers()?;
        let _api = reference_server(&[
            "--addr",
            TEST_API_ADDR,
            "--allow-origin",
            &format!("http://{TEST_PAGE_ADDR}"),
            "--static",
            odd.to_str().unwrap_or_default(),
        ])?;
        let scratch = root().join("target/wasm-test-tmp");
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
        let mut browser = Command::new("cargo");
        browser
            .args([
                "test",
                "--no-fail-fast",
                "--target",
                "wasm32-unknown-unknown",
                "--tests",
            ])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("WASM_BINDGEN_TEST_ADDRESS", TEST_PAGE_ADDR)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            // The browser's clock in a zone with daylight saving, far from this machine's UTC (the
            // runner's chromedriver, and so Chromium, inherit TZ); PANEL_TZ tells the tests which.
            .env("TZ", BROWSER_ZONE)
            .env("PANEL_TZ", BROWSER_ZONE)
            // The runner leaves a Chromium profile per run in TMPDIR.
            .env("TMPDIR", &scratch);
        tally.stage(
            "browser tests (wasm-bindgen-test, headless Chromium)",
            browser,
        );
        let _ = std::fs::remove_dir_all(&scratch);
    }

    let subpath = root().join("target/dist-subpath");
    match crate::dist::dist().and_then(|()| crate::dist::build("/panel/", &subpath)) {
        Ok(()) => {
            let mut e2e = Command::new("cargo");
            e2e.args(["test", "--no-fail-fast", "-p", "e2e"])
                .env("PANEL_DIST", root().join("dist"))
                .env("PANEL_DIST_SUBPATH", &subpath);
            tally.stage(
                "end-to-end tests (release dist/ and a /panel/ build, headless Chromium, nginx, Caddy; Firefox ESR and WebKit)",
                e2e,
            );
            let mut slow = Command::new("cargo");
            slow.args(["test", "--no-fail-fast", "-p", "e2e"]);
            for suite in SLOW_WORLD_SUITES {
                slow.args(["--test", suite]);
            }
            slow.env("PANEL_DIST", root().join("dist"))
                .env("PANEL_LATENCY", SLOW_WORLD_LATENCY);
            tally.stage(
                "end-to-end tests again, every answer 80 to 400 ms late (a PBX across a site link)",
                slow,
            );
        }
        Err(e) => {
            eprintln!("xtask: {e}");
            tally.broken_stages.push("release build");
        }
    }
    tally.finish()
}

/// `cargo xtask fuzz`: every decoding property test with a million cases.
pub fn fuzz() -> Result<(), String> {
    let mut cmd = Command::new("cargo");
    cmd.args(["test", "-p", "isymphony-panel", "--lib", "fuzz"])
        .env("PROPTEST_CASES", "1000000");
    run(cmd)
}

/// `cargo xtask bench`: builds the release dist/ (and the /panel/ build the recipes serve) and measures
/// them (BENCHMARKS.md). Not part of `test`.
pub fn bench() -> Result<(), String> {
    ensure_build_tools()?;
    ensure_browser()?;
    let subpath = root().join("target/dist-subpath");
    crate::dist::dist()?;
    crate::dist::build("/panel/", &subpath)?;
    let mut bench = Command::new("cargo");
    bench
        .args(["run", "--quiet", "-p", "bench"])
        .env("PANEL_DIST", root().join("dist"))
        .env("PANEL_DIST_SUBPATH", &subpath);
    run(bench)
}

/// `cargo xtask screenshots`: builds the release dist/ and photographs it.
pub fn screenshots() -> Result<(), String> {
    ensure_build_tools()?;
    ensure_browser()?;
    crate::dist::dist()?;
    let mut shots = Command::new("cargo");
    shots.args(["run", "--quiet", "-p", "e2e", "--bin", "screenshots"]);
    run(shots)
}

#[cfg(test)]
mod tests {
    use super::parse_result;

    #[test]
    fn reads_cargo_and_wasm_bindgen_result_lines() {
        assert_eq!(
            parse_result("test result: ok. 19 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.11s"),
            Some((19, 0))
        );
        assert_eq!(
            parse_result("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 filtered out; finished in 0.13s"),
            Some((3, 2))
        );
        assert_eq!(parse_result("running 3 tests"), None);
    }
}
