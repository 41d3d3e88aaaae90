//! Sections 3, 4 and 6: a 5,000-user office. Filter latency against a vanilla page filtering the same
//! records in the same run (a ratio, so the machine's speed cancels out), memory, the first screen, the
//! rows in view after a scroll during the first load, and a polling minute.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use e2e::{Browser, IN_VIEW_LOADED};
use serde_json::json;

use crate::load::plan;
use crate::{
    bench_dir, first_screen_at, fresh_browser, js, median, open_board, percentile, server,
    KEYSTROKES, STEADY,
};

const N: usize = 5000;

/// The filter baseline: a blank page of the same origin that reads the same office (the board's live
/// users and every status), folds names, usernames, statuses and notes the panel's way (lower case, no
/// accents), and on each input event keeps the records containing the text and renders as many rows as
/// the panel has in its DOM, with plain DOM calls. Same selectors as the panel, so one script times both.
const FILTER_BASELINE: &str = r#"<!DOCTYPE html><html lang="en"><title>filter baseline</title>
<div class="toolbar"><input aria-label="Filter users"> <span class="count"></span></div>
<table><tbody></tbody></table><script>
const plan = __PLAN__;
const ROWS = __ROWS__;
const headers = { Accept: 'application/json', Authorization: plan.authorization };
const getJson = url => fetch(url, { headers, credentials: 'omit' }).then(r => r.json());
const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
(async () => {
  // The plan lists every request the panel made (reloads and polls repeat some): each URL once.
  const lists = await Promise.all([...new Set(plan.second)].map(getJson));
  const live = lists.find(l => Array.isArray(l) && l.length && 'userName' in l[0]) ?? [];
  // Every live user (lite users too, with no status), as on the board.
  const records = live.map(u => ({ username: u.userName, name: u.displayedName || u.userName, status: '', note: '', type: '' }));
  const byName = new Map(records.map(r => [r.username, r]));
  const urls = [...new Set(plan.pairs.map(p => p[0]))];
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const s = await getJson(url);
      const r = byName.get(decodeURIComponent(url.split('/').slice(-2)[0]));
      if (r) Object.assign(r, { status: s.name ?? '', note: s.note ?? '', type: s.type ?? '' });
    }
  };
  await Promise.all(Array.from({ length: 24 }, worker));
  for (const r of records) r.folded = [fold(r.name), fold(r.username), fold(r.status), fold(r.note)];
  records.sort((a, b) => a.folded[0] < b.folded[0] ? -1 : a.folded[0] > b.folded[0] ? 1 : 0);
  const input = document.querySelector('input');
  const count = document.querySelector('.count');
  const body = document.querySelector('tbody');
  const render = () => {
    const needle = fold(input.value.trim());
    const kept = needle ? records.filter(r => r.folded.some(f => f.includes(needle))) : records;
    body.replaceChildren(...kept.slice(0, ROWS).map(r => {
      const tr = document.createElement('tr');
      tr.className = 'board-row';
      tr.dataset.username = r.username;
      for (const text of ['', r.name, r.username, r.type, r.status, r.note, '']) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
    count.textContent = `${kept.length} of ${records.length}`;
  };
  input.addEventListener('input', render);
  render();
  window.__bench = { ready: performance.now() };
})();
</script></html>"#;

/// Keystroke timings: each an input event on “Filter users”, timed to the frame after it.
struct Keys {
    ms: Vec<f64>,
    /// How many left the rows shown unchanged.
    unchanged: usize,
}

impl Keys {
    fn median(&self) -> f64 {
        median(&mut self.ms.clone())
    }

    fn cells(&self) -> String {
        let max = self.ms.iter().cloned().fold(0.0, f64::max);
        let p95 = percentile(&mut self.ms.clone(), 0.95);
        format!("{:.1} ms | {p95:.1} ms | {max:.1} ms", self.median())
    }
}

pub async fn big_board(dist: &Path) -> String {
    let dir = bench_dir(dist);
    let (server, stats) = server(N, &dir).await;
    let origin = server.origin();
    let browser = fresh_browser().await;
    let load = open_board(&browser, &origin, Duration::from_secs(600)).await;
    let first_screen = first_screen_at(&browser).await;
    let memory = memory(&browser).await;
    let rows = js(
        &browser,
        "return document.querySelectorAll('.board-row').length",
    )
    .await
    .as_u64()
    .unwrap_or(0);
    // The filter alone first, as with the Event socket up: the board's own refresh off (at 5,000 users a
    // polling board reads ~66 statuses a second, and the vanilla page polls nothing). Then again with the
    // refresh every 15 s, as a polling board is used.
    refresh_every(&browser, 0).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let panel = keystrokes(&browser).await;
    refresh_every(&browser, 15).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let polling_panel = keystrokes(&browser).await;

    // Polling, the board as left (refresh every 15 s, no Event socket): one minute of requests.
    let before = stats.seen().len();
    tokio::time::sleep(STEADY).await;
    let minute = &stats.seen()[before..];
    let status = minute
        .iter()
        .filter(|l| l.line.starts_with("GET") && l.line.ends_with("/status"))
        .count();
    let all = minute.len();
    let scrolled = scrolled_during_the_first_load(&browser, &origin).await;

    let page = FILTER_BASELINE
        .replace("__PLAN__", &plan(&stats.requests()).to_string())
        .replace("__ROWS__", &rows.to_string());
    std::fs::write(dir.join("filter-baseline.html"), page).unwrap();
    browser
        .client
        .goto(&format!("{origin}/filter-baseline.html"))
        .await
        .unwrap();
    wait_for(
        &browser,
        "return window.__bench?.ready ?? null",
        Duration::from_secs(300),
    )
    .await;
    let vanilla = keystrokes(&browser).await;
    browser.close().await;
    drop(server);

    let mut s = format!("## 3. Filter latency, {N} users (target: median ≤ 1.5× the vanilla baseline)\n\nBoard loaded in {load:.0} ms; {rows} of its rows in the DOM. {} keystrokes (input events on “Filter users”: typing and erasing words), each timed to the frame after it; {} of them left the rows shown unchanged. The baseline is a blank page of the same origin holding the same {N} records (folded the panel's way) that filters them on each input event and renders the same {rows} rows with plain DOM calls — measured in the same run, so the ratio does not move with the machine.\n\n| | median | p95 | max |\n|---|---|---|---|\n", panel.ms.len(), panel.unchanged);
    let _ = writeln!(
        s,
        "| panel, refresh off (as with the Event socket up) | {} |",
        panel.cells()
    );
    let _ = writeln!(
        s,
        "| panel, polling every 15 s ({} unchanged) | {} |",
        polling_panel.unchanged,
        polling_panel.cells()
    );
    let _ = writeln!(
        s,
        "| vanilla baseline ({} unchanged) | {} |",
        vanilla.unchanged,
        vanilla.cells()
    );
    let _ = writeln!(
        s,
        "| **ratio of medians** (panel, refresh off) | **{:.2}×** | | |\n",
        panel.median() / vanilla.median()
    );
    s.push_str(&memory);
    let _ = writeln!(s, "## 6. First screen, scrolling and polling, {N} users (targets: first screen and rows in view ≤ 1.5 s)\n\nFirst screen complete (every row on screen has its status): {first_screen:.0} ms after navigation start (the whole board: {load:.0} ms).\n\n{scrolled}\nPolling (refresh every 15 s, no Event socket): {status} status GETs and {all} REST requests in a minute.\n");
    s
}

/// Types and erases words in the filter, [`KEYSTROKES`] times.
async fn keystrokes(browser: &Browser) -> Keys {
    let words = [
        "ada",
        "bruno 1",
        "costa",
        "u0412",
        "mónica",
        "lunch",
        "zz",
        "petrov 49",
    ];
    let mut keys = Keys {
        ms: Vec::new(),
        unchanged: 0,
    };
    for word in words.iter().cycle() {
        let mut typed = String::new();
        let erase = std::iter::repeat_n('\u{8}', word.chars().count());
        for ch in word.chars().chain(erase) {
            if ch == '\u{8}' {
                typed.pop();
            } else {
                typed.push(ch);
            }
            let script = format!(
                "const done = arguments[0];
                 const input = document.querySelector('input[aria-label=\"Filter users\"]');
                 const shown = () => document.querySelector('.toolbar .count')?.textContent + '|' +
                     [...document.querySelectorAll('.board-row')].map(r => r.dataset.username).join();
                 const before = shown();
                 const t0 = performance.now();
                 input.value = {typed:?};
                 input.dispatchEvent(new Event('input', {{ bubbles: true }}));
                 requestAnimationFrame(() => setTimeout(() => done([performance.now() - t0, before, shown()])));"
            );
            let out = browser
                .client
                .execute_async(&script, vec![])
                .await
                .expect("keystroke");
            keys.ms.push(out[0].as_f64().unwrap_or(f64::NAN));
            keys.unchanged += usize::from(out[1] == out[2]);
            if keys.ms.len() >= KEYSTROKES {
                return keys;
            }
        }
    }
    keys
}

/// Reopens the board and, as soon as rows show, scrolls to 60% of it, then 90%: how long until every
/// row in view has its status (three loads; the medians), with the board's progress at that moment.
async fn scrolled_during_the_first_load(browser: &Browser, origin: &str) -> String {
    let mut at = [Vec::new(), Vec::new()];
    let mut progress = String::new();
    for _ in 0..3 {
        browser
            .client
            .goto(&format!("{origin}/servers/default/status"))
            .await
            .unwrap();
        wait_for(
            browser,
            "return document.querySelectorAll('.board-row').length > 0 || null",
            Duration::from_secs(60),
        )
        .await;
        for (times, fraction) in at.iter_mut().zip([0.6, 0.9]) {
            let script = format!(
                "const done = arguments[0];
                 const inView = () => {IN_VIEW_LOADED};
                 window.scrollTo(0, document.documentElement.scrollHeight * {fraction});
                 const t0 = performance.now();
                 const progress = () => document.querySelector('.progress')?.textContent ?? '';
                 const tick = () => inView() ? done([performance.now() - t0, progress()])
                     : performance.now() - t0 > 20000 ? done([null, progress()]) : requestAnimationFrame(tick);
                 requestAnimationFrame(tick);"
            );
            let out = browser
                .client
                .execute_async(&script, vec![])
                .await
                .expect("scroll");
            times.push(out[0].as_f64().unwrap_or(f64::NAN));
            progress = out[1].as_str().unwrap_or_default().to_owned();
        }
    }
    let list = |v: &[f64]| {
        v.iter()
            .map(|x| format!("{x:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "Scrolled during the first load, as soon as rows show: the rows in view had their statuses {:.0} ms after a scroll to 60% (runs {}), then {:.0} ms after a further scroll to 90% (runs {}); the board meanwhile: “{progress}”.\n",
        median(&mut at[0].clone()),
        list(&at[0]),
        median(&mut at[1].clone()),
        list(&at[1]),
    )
}

/// Sets the board's "Refresh" choice as a supervisor would (0: off).
async fn refresh_every(browser: &Browser, seconds: u32) {
    let script = format!(
        "const select = [...document.querySelectorAll('label.inline-field')]
             .find(l => l.textContent.includes('Refresh')).querySelector('select');
         select.value = '{seconds}';
         select.dispatchEvent(new Event('change', {{ bubbles: true }}));
         return select.value;"
    );
    let value = js(browser, &script).await;
    assert_eq!(value, json!(seconds.to_string()), "the Refresh choice");
}

/// Polls `script` until it returns something other than null.
async fn wait_for(browser: &Browser, script: &str, limit: Duration) {
    let deadline = Instant::now() + limit;
    while js(browser, script).await.is_null() {
        assert!(Instant::now() < deadline, "timed out: {script}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Section 4: the JS heap after a garbage collection (DevTools protocol), ArrayBuffer backing stores, and
/// the wasm linear memory.
async fn memory(browser: &Browser) -> String {
    tokio::time::sleep(Duration::from_secs(2)).await;
    browser.cdp("HeapProfiler.collectGarbage", json!({})).await;
    let heap = browser.cdp("Runtime.getHeapUsage", json!({})).await;
    let js_heap = heap["usedSize"].as_f64().unwrap_or(0.0);
    let buffers = heap["backingStorageSize"].as_f64().unwrap_or(0.0);
    let wasm = wasm_memory(browser).await;
    let mb = |b: f64| format!("{:.1} MB", b / 1e6);
    format!("## 4. Memory, {N} users (target: ≤ 60 MB)\n\n| JS heap (after GC) | wasm linear memory | other ArrayBuffers | total |\n|---|---|---|---|\n| {} | {} | {} | {} |\n\n", mb(js_heap), mb(wasm), mb(buffers), mb(js_heap + wasm + buffers))
}

/// The bytes of every `WebAssembly.Memory` in the page's heap: the page cannot reach the instance, but
/// the DevTools protocol finds it by its prototype (`Runtime.queryObjects`).
async fn wasm_memory(browser: &Browser) -> f64 {
    let prototype = browser
        .cdp(
            "Runtime.evaluate",
            json!({ "expression": "WebAssembly.Memory.prototype" }),
        )
        .await;
    let found = browser
        .cdp(
            "Runtime.queryObjects",
            json!({ "prototypeObjectId": prototype["result"]["objectId"] }),
        )
        .await;
    let total = browser
        .cdp(
            "Runtime.callFunctionOn",
            json!({
                "objectId": found["objects"]["objectId"],
                "functionDeclaration": "function () { return this.reduce((sum, m) => sum + m.buffer.byteLength, 0); }",
                "returnByValue": true,
            }),
        )
        .await;
    total["result"]["value"].as_f64().unwrap_or(f64::NAN)
}
