//! Sections 2 and 5: a 1,000-user office. The board's load against a raw-fetch baseline (a blank page of
//! the same origin fetching the same URLs), and what a loaded board asks of the server each minute, with
//! the Event socket up and while polling.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use reference_server::{Seen, Stats};
use serde_json::{json, Value};

use crate::{
    bench_dir, first_screen_at, fresh_browser, loaded_at, median, open_board, quick, server, RUNS,
    STEADY,
};

/// Polling is watched longer: long enough for a sweep to reach every row (statuses at most 2 minutes old).
const POLLING: Duration = Duration::from_secs(180);

/// The baseline: a blank page of the same origin fetching the panel's URLs in the panel's order and
/// dependency (server list; both user lists; then per user status then logins) with the same 6 in flight.
const BASELINE: &str = r#"<!DOCTYPE html><html lang="en"><title>baseline</title><script>
const plan = __PLAN__;
const headers = { Accept: 'application/json', Authorization: plan.authorization };
const get = url => fetch(url, { headers, credentials: 'omit' }).then(r => r.text());
(async () => {
  await Promise.all(plan.first.map(get));
  await Promise.all(plan.second.map(get));
  let next = 0;
  const worker = async () => { while (next < plan.pairs.length) { const pair = plan.pairs[next++]; for (const u of pair) await get(u); } };
  await Promise.all(Array.from({ length: 6 }, worker));
  window.__bench = { loaded: performance.now() };
})();
</script></html>"#;

/// The baseline's plan from the panel's own requests during one load.
pub fn plan(lines: &[String]) -> Value {
    let authorization = format!("Basic {}", e2e::deploy::MANAGER_BASIC);
    let paths: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("GET "))
        .collect();
    let first: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| p.ends_with("/coreServers"))
        .collect();
    let second: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| p.ends_with("/users"))
        .collect();
    let mut pairs: Vec<Vec<&str>> = Vec::new();
    for p in &paths {
        if let Some(user) = p.strip_suffix("/status") {
            let logins = format!("{user}/logins");
            let logins = paths.iter().copied().find(|q| *q == logins);
            pairs.push(std::iter::once(*p).chain(logins).collect());
        }
    }
    json!({ "authorization": authorization, "first": first, "second": second, "pairs": pairs })
}

pub async fn board_load(dist: &Path) -> String {
    const N: usize = 1000;
    // One load first to learn the panel's URLs (and warm the server), then the baseline page from them.
    let dir = bench_dir(dist);
    let (server, stats) = server(N, &dir).await;
    let origin = server.origin();
    let browser = fresh_browser().await;
    open_board(&browser, &origin, Duration::from_secs(120)).await;
    let lines = stats.requests();
    let plan = plan(&lines);
    let page = BASELINE.replace("__PLAN__", &plan.to_string());
    std::fs::write(dir.join("baseline.html"), page).unwrap();

    let (mut panel, mut baseline, mut per_load) = (Vec::new(), Vec::new(), Vec::new());
    let mut first_screen = Vec::new();
    for _ in 0..if quick().is_some() { 2 } else { RUNS } {
        let before = stats.requests().len();
        panel.push(open_board(&browser, &origin, Duration::from_secs(120)).await);
        first_screen.push(first_screen_at(&browser).await);
        // Requests of this load only: navigation to the board and everything up to "every status shown".
        per_load.push((stats.requests().len() - before) as f64);
        browser
            .client
            .goto(&format!("{origin}/baseline.html"))
            .await
            .unwrap();
        baseline.push(loaded_at(&browser, Duration::from_secs(120)).await);
    }
    let (p, b) = (median(&mut panel.clone()), median(&mut baseline.clone()));
    let mut s = format!("## 2. Board load, {N} users (target: ≤ 1.3× the baseline)\n\nFrom navigation start to every status shown, cache disabled, {RUNS} runs each, alternating. The baseline is a blank page of the same origin fetching the same {} URLs with the same 6 in flight.\n\n| | median | runs (ms) |\n|---|---|---|\n", plan["pairs"].as_array().map_or(0, |p| p.len() * 2 + 3));
    let list = |v: &[f64]| {
        v.iter()
            .map(|x| format!("{x:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(s, "| panel | {p:.0} ms | {} |", list(&panel));
    let _ = writeln!(
        s,
        "| raw-fetch baseline | {b:.0} ms | {} |",
        list(&baseline)
    );
    let _ = writeln!(s, "| **ratio** | **{:.2}×** | |\n", p / b);
    let _ = writeln!(
        s,
        "First screen complete (the `first-screen` mark: every row on screen has its status): median {:.0} ms (runs {}).\n",
        median(&mut first_screen.clone()),
        list(&first_screen)
    );
    let _ = writeln!(s, "Requests per board load (REST, as the server counted them): median {:.0} — for {N} users: 1 server list, 2 user lists, and per full user its status and its logins.\n", median(&mut per_load));

    if quick().is_some() {
        return s;
    }
    // Steady state with the Event socket up: behind the gateway (the recommended deployment), then the
    // same minute without it (polling every 15 s).
    drop(browser);
    let gateway = crate::gateway::gateway_for(&server, dist).await;
    let live = steady(&gateway.origin(), &stats, true, STEADY).await;
    let polling = steady(&origin, &stats, false, POLLING).await;
    let _ = writeln!(s, "## 5. Requests per steady minute, {N} users (targets: 0 status GETs with the socket up; polling ≤ 1,500 requests a minute, no status older than 2 minutes)\n\n| | status GETs a minute | all REST requests a minute | oldest status seen |\n|---|---|---|---|");
    let _ = writeln!(
        s,
        "| Event socket Live (through the gateway) | {:.0} | {:.0} | (events) |",
        live.status_per_minute, live.all_per_minute
    );
    let _ = writeln!(
        s,
        "| Polling (no proxy; refresh every 15 s), over {} minutes | {:.0} | {:.0} | {:.0} s |\n",
        POLLING.as_secs() / 60,
        polling.status_per_minute,
        polling.all_per_minute,
        polling.oldest.as_secs_f64()
    );
    drop(server);
    s
}

/// What a board asks of the server once loaded.
struct Steady {
    status_per_minute: f64,
    all_per_minute: f64,
    /// The longest any full user's status went unread, from the first load to the end of the window.
    oldest: Duration,
}

/// Loads the board at `origin`, waits for it (and for Live if `live`), then counts `window` of requests.
async fn steady(origin: &str, stats: &Stats, live: bool, window: Duration) -> Steady {
    let load_from = stats.seen().len();
    let browser = fresh_browser().await;
    if live {
        crate::gateway::sign_in_at_gateway(&browser, origin).await;
    } else {
        open_board(&browser, origin, Duration::from_secs(120)).await;
    }
    // The catch-up sync after connecting may still be running.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let before = stats.seen().len();
    tokio::time::sleep(window).await;
    let seen = stats.seen();
    let end = Instant::now();
    browser.close().await;
    let is_status = |s: &Seen| s.line.starts_with("GET") && s.line.ends_with("/status");
    let minutes = window.as_secs_f64() / 60.0;
    let in_window = &seen[before..];
    Steady {
        status_per_minute: in_window.iter().filter(|s| is_status(s)).count() as f64 / minutes,
        all_per_minute: in_window.len() as f64 / minutes,
        oldest: oldest_status(&seen[load_from..], end),
    }
}

/// The longest gap between two reads of one user's status (or from the last read to `end`).
fn oldest_status(seen: &[Seen], end: Instant) -> Duration {
    let mut reads: std::collections::HashMap<&str, Vec<Instant>> = Default::default();
    for s in seen {
        if s.line.starts_with("GET") && s.line.ends_with("/status") {
            let user = s.line.rsplit('/').nth(1).unwrap_or_default();
            reads.entry(user).or_default().push(s.started);
        }
    }
    reads
        .values()
        .flat_map(|times| {
            let ends = times.iter().skip(1).chain(std::iter::once(&end));
            times.iter().zip(ends).map(|(a, b)| b.duration_since(*a))
        })
        .max()
        .unwrap_or_default()
}
