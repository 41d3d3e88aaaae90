//! `cargo xtask bench`: the numbers of issues 6 and 16, printed as Markdown and written to BENCHMARKS.md.
//! Transfer sizes of `dist/` ([`sizes`]); board load with 1,000 users against a same-origin raw-fetch
//! baseline, and requests per steady minute ([`load`]); with 5,000 users, filter latency against a
//! vanilla baseline, memory, first screen, rows in view after a scroll and polling ([`big`]); bytes sent
//! per deployment recipe ([`recipes`]); the gateway's load on iSymphony, its added latency and fan-out
//! ([`gateway`]); the team's memory: the Activity at 100,000 records and event ingestion ([`activity`]). Every figure is measured here, in headless Chromium against the
//! reference server's synthetic office; figures that depend on the machine are ratios to a baseline
//! measured in the same run.

mod activity;
mod big;
mod gateway;
mod load;
mod recipes;
mod sizes;
mod weight;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::{dist_dir, Browser, PASSWORD, USER};
use reference_server::{Config, RunningServer, Stats};
use serde_json::{json, Value};

/// For trying a change (BENCHMARKS.md is left alone): `BENCH_QUICK=load` measures two runs of the
/// 1,000-user load only, `BENCH_QUICK=big` the 5,000-user office only, `BENCH_QUICK=bytes` the sizes and
/// the recipes only, `BENCH_QUICK=gateway` the gateway's section with 1-minute windows,
/// `BENCH_QUICK=activity` the team's memory only.
fn quick() -> Option<String> {
    std::env::var("BENCH_QUICK").ok()
}

fn quick_is(part: &str) -> bool {
    quick().is_some_and(|q| q == part)
}

const RUNS: usize = 5;
const KEYSTROKES: usize = 60;
const STEADY: Duration = Duration::from_secs(60);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio");
    runtime.block_on(bench());
}

async fn bench() {
    let dist = dist_dir();
    let mut report = String::new();
    let machine = machine();
    let _ = writeln!(report, "Latest run: `cargo xtask bench` on {machine}.\n");

    // Each section is printed as soon as it is measured.
    eprintln!("bench: transfer sizes");
    let part = sizes::sizes(&dist);
    println!("{part}");
    report.push_str(&part);
    if quick().is_none() || quick_is("load") {
        eprintln!("bench: board load, 1,000 users");
        let part = load::board_load(&dist).await;
        println!("{part}");
        report.push_str(&part);
    }
    if quick().is_none() || quick_is("big") {
        eprintln!("bench: filter latency, memory, first screen and polling, 5,000 users");
        let part = big::big_board(&dist).await;
        println!("{part}");
        report.push_str(&part);
    }
    if quick().is_none() || quick_is("gateway") {
        eprintln!("bench: the gateway, 10 panels on 1,000 users");
        let part = gateway::gateway(&dist).await;
        println!("{part}");
        report.push_str(&part);
    }
    if quick().is_none() || quick_is("activity") {
        eprintln!(
            "bench: the team's memory, 100,000 Activity records and ingestion at 5,000 users"
        );
        let part = activity::activity().await;
        println!("{part}");
        report.push_str(&part);
    }
    if quick().is_none() || quick_is("bytes") {
        eprintln!("bench: bytes sent per recipe");
        let part = recipes::recipes(&dist).await;
        println!("{part}");
        report.push_str(&part);
    }
    if quick().is_none() || quick_is("bytes") || quick_is("weight") {
        eprintln!("bench: where the wasm's bytes go");
        let part = weight::weight();
        println!("{part}");
        report.push_str(&part);
    }
    if quick().is_some() {
        return;
    }
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../BENCHMARKS.md");
    let old = std::fs::read_to_string(&out).unwrap_or_default();
    std::fs::write(&out, with_results(&old, &report)).expect("write BENCHMARKS.md");
    println!("(written to {} between its bench markers)", out.display());
}

const START: &str = "<!-- bench:start -->";
const END: &str = "<!-- bench:end -->";

/// BENCHMARKS.md with the text between its markers replaced (the notes around them are kept).
fn with_results(old: &str, report: &str) -> String {
    match (old.find(START), old.find(END)) {
        (Some(a), Some(b)) if a < b => format!("{}{START}\n{report}{}", &old[..a], &old[b..]),
        _ => format!("# Benchmarks\n\n{START}\n{report}{END}\n"),
    }
}

fn machine() -> String {
    let out = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_default();
    format!(
        "{} ({} cores, {}), {}, {}",
        out("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        out("nproc", &[]),
        cpu,
        out("chromium", &["--version"]),
        out("uname", &["-sr"]),
    )
}

/// A reference server with `users` synthetic users serving `dir`, counting requests.
async fn server(users: usize, dir: &Path) -> (RunningServer, Arc<Stats>) {
    let stats = Arc::new(Stats::default());
    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        users: Some(users),
        seed: 1,
        static_dir: Some(dir.to_path_buf()),
        stats: Some(stats.clone()),
        ..Config::default()
    };
    (
        reference_server::start(config).await.expect("server"),
        stats,
    )
}

/// A copy of `dist/` that the baseline page is written into, so both are served by the same server on the
/// same origin.
fn bench_dir(dist: &Path) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-dist");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(dist).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    dir
}

async fn js(browser: &Browser, script: &str) -> Value {
    browser
        .client
        .execute(script, vec![])
        .await
        .expect("script runs")
}

/// Waits (up to `limit`) for the page's "loaded" moment and returns it in milliseconds since navigation
/// start: the panel's own `board-loaded` performance mark (set when its first load has every status), or
/// the baseline page's `window.__bench.loaded`.
async fn loaded_at(browser: &Browser, limit: Duration) -> f64 {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(ms) = js(browser, "return performance.getEntriesByName('board-loaded')[0]?.startTime ?? window.__bench?.loaded ?? null")
            .await
            .as_f64()
        {
            return ms;
        }
        assert!(Instant::now() < deadline, "the page never finished loading");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// When the first screen's rows all had their statuses: the panel's `first-screen` mark (ms from
/// navigation start), once `board-loaded` is there.
async fn first_screen_at(browser: &Browser) -> f64 {
    js(
        browser,
        "return performance.getEntriesByName('first-screen')[0]?.startTime ?? null",
    )
    .await
    .as_f64()
    .unwrap_or(f64::NAN)
}

/// Opens the board signed in (the tab's "stay signed in" credentials, so no typing is timed).
async fn open_board(browser: &Browser, origin: &str, limit: Duration) -> f64 {
    browser
        .client
        .goto(&format!("{origin}/config.json"))
        .await
        .unwrap();
    let stored = json!({ "username": USER, "password": PASSWORD }).to_string();
    js(
        browser,
        &format!(
            "sessionStorage.setItem('isymphony-panel.signed-in', {}); return 1",
            json!(stored)
        ),
    )
    .await;
    browser
        .client
        .goto(&format!("{origin}/servers/default/status"))
        .await
        .unwrap();
    loaded_at(browser, limit).await
}

async fn fresh_browser() -> Browser {
    let browser = Browser::start(1280, 900).await;
    browser.cdp("Network.enable", json!({})).await;
    browser
        .cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await;
    browser
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1]
}
