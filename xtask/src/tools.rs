//! Installs what a fresh machine lacks, skipping what is already there (see `shared/toolchain.md`): the
//! wasm target, trunk 0.21.14, wasm-bindgen-cli at the `Cargo.lock` version, wasm-opt from npm binaryen 132 (with
//! terser for the JS glue and axe-core for the accessibility tests), and (for tests) Debian's Chromium and
//! chromedriver, Firefox ESR and WebKitGTK, with geckodriver 0.37.1.

use std::path::PathBuf;
use std::process::Command;

use crate::process::run;
use crate::root;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_OPT_VERSION: &str = "version 132";
const GECKODRIVER_VERSION: &str = "0.37.1";

/// The `PATH` with the npm tools (wasm-opt) first, for trunk.
pub fn path_with_tools() -> std::ffi::OsString {
    let mut paths = vec![root().join("tools/node_modules/.bin")];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).expect("PATH joins")
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

/// The `wasm-bindgen` version pinned in `Cargo.lock`; the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock names no wasm-bindgen".into())
}

fn has_version(program: &str, expected: &str) -> bool {
    let direct = output(program, &["--version"]);
    let installed = output(
        cargo_bin(program).to_str().unwrap_or_default(),
        &["--version"],
    );
    direct.or(installed).is_some_and(|v| v.contains(expected))
}

fn cargo_install(krate: &str, version: &str, locked: bool) -> Result<(), String> {
    eprintln!("xtask: installing {krate} {version} (once; this takes a few minutes)");
    let mut cmd = Command::new("cargo");
    cmd.args(["install", krate, "--version", version]);
    if locked {
        cmd.arg("--locked");
    }
    run(cmd)
}

/// Everything `trunk build`/`trunk serve` need.
pub fn ensure_build_tools() -> Result<(), String> {
    let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        let mut cmd = Command::new("rustup");
        cmd.args(["target", "add", "wasm32-unknown-unknown"]);
        run(cmd)?;
    }
    if !has_version("trunk", &format!("trunk {TRUNK_VERSION}")) {
        cargo_install("trunk", TRUNK_VERSION, true)?;
    }
    let bindgen = wasm_bindgen_version()?;
    if !has_version("wasm-bindgen", &format!("wasm-bindgen {bindgen}")) {
        // Not --locked: its lock file pins a crate release the registry here lacks (toolchain.md).
        cargo_install("wasm-bindgen-cli", &bindgen, false)?;
    }
    let wasm_opt = root().join("tools/node_modules/.bin/wasm-opt");
    let ok = output(wasm_opt.to_str().unwrap_or_default(), &["--version"])
        .is_some_and(|v| v.contains(WASM_OPT_VERSION));
    let axe = root().join("tools/node_modules/axe-core/axe.min.js");
    let terser = root().join("tools/node_modules/.bin/terser");
    if !ok || !axe.is_file() || !terser.is_file() {
        eprintln!("xtask: installing wasm-opt (npm binaryen 132), terser and axe-core into tools/");
        let mut cmd = Command::new("npm");
        cmd.args(["ci", "--no-audit", "--no-fund", "--prefix", "tools"]);
        run(cmd)?;
    }
    Ok(())
}

/// nginx's module for `brotli_static` (the recipe sends the build's `.br` copies with it).
const NGINX_BROTLI_STATIC: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Chromium and chromedriver, Firefox ESR, WebKitGTK's driver and Xvfb from Debian (never a browser
/// download), geckodriver from crates.io (npm's downloads from GitHub), and the web servers whose deployment
/// recipes the end-to-end tests run (nginx, Caddy).
pub fn ensure_browser() -> Result<(), String> {
    if !has_version("geckodriver", &format!("geckodriver {GECKODRIVER_VERSION}")) {
        cargo_install("geckodriver", GECKODRIVER_VERSION, true)?;
    }
    let present = |p: &str| std::path::Path::new(p).exists();
    let wanted = [
        ("/usr/bin/chromium", "chromium"),
        ("/usr/bin/chromedriver", "chromium-driver"),
        ("/usr/sbin/nginx", "nginx"),
        (NGINX_BROTLI_STATIC, "libnginx-mod-http-brotli-static"),
        ("/usr/bin/caddy", "caddy"),
        // The cross-engine tests (e2e/tests/engines.rs): Firefox ESR, and WebKitGTK on a virtual display.
        ("/usr/bin/firefox-esr", "firefox-esr"),
        ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
        ("/usr/bin/Xvfb", "xvfb"),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !present(path))
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let root_user = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    if !root_user {
        return Err(format!(
            "the browser tests need Debian's {0}: run `sudo apt-get install -y {0}` and try again",
            missing.join(" ")
        ));
    }
    eprintln!("xtask: installing {} with apt-get", missing.join(" "));
    let mut update = Command::new("apt-get");
    update.arg("update");
    run(update)?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    run(install)
}
