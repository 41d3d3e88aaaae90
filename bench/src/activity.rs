//! Section 10: the team's memory in the gateway (issue 24). The Activity with 100,000 records: the first
//! page and a filtered page through the gateway (HTTP, a session) against the same query run directly on
//! the SQLite file in the same run; an export of all of it with this process's memory before and after
//! (the gateway runs in-process). Event ingestion with 5,000 users and fast `--churn`: events a second
//! stored, and the bytes an event costs on disk.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gateway::store::activity::{page, Query};
use gateway::store::{Record, Store};
use gateway::Mode;
use reference_server::Config;

use crate::median;

const RECORDS: usize = 100_000;
const SAMPLES: usize = 50;
const KEEP: Duration = Duration::from_secs(365 * 24 * 3600);

pub async fn activity() -> String {
    let mut s = format!(
        "## 10. The team's memory, in the gateway (targets: none set; measured for issue 24)\n\n\
         The Activity with {} records in the gateway's SQLite file (median of {SAMPLES} each, through the \
         gateway over HTTP with a session, and the same query straight on the file in this process):\n\n\
         | query | through the gateway | on the file | ratio |\n|---|---|---|---|\n",
        thousands(RECORDS)
    );
    let path = fresh("activity");
    fill(&path).await;
    let server = reference_server::start(Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..Config::default()
    })
    .await
    .expect("server");
    let gw = gateway_on(&server, &path).await;
    let http = reqwest::Client::new();
    let cookie = sign_in(&http, &gw.origin()).await;
    let queries = [
        (
            "the first page (100 newest)",
            Query::default(),
            String::new(),
        ),
        (
            "a filtered page (one supervisor, a part of the target)",
            Query {
                by: Some("4211".into()),
                target: Some("420".into()),
                ..Query::default()
            },
            "by=4211&target=420".to_owned(),
        ),
    ];
    for (what, query, params) in queries {
        let url = format!("{}/gateway/activity?{params}", gw.origin());
        let through = timed(|| async {
            let res = http
                .get(&url)
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            res.bytes().await.unwrap();
        })
        .await;
        let connection = rusqlite::Connection::open(&path).unwrap();
        let direct = timed(|| async { page(&connection, &query).map(drop).unwrap() }).await;
        let _ = writeln!(
            s,
            "| {what} | {through:.2} ms | {direct:.2} ms | **{:.1}×** |",
            through / direct
        );
    }
    let before = crate::gateway::rss_kb();
    let started = Instant::now();
    let mut res = http
        .get(format!("{}/gateway/activity?format=csv", gw.origin()))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    // Read as it comes and let go, so the memory measured is the gateway's, not this reader's.
    let (mut bytes, mut lines, mut peak) = (0, 0, 0.0_f64);
    while let Some(chunk) = res.chunk().await.unwrap() {
        bytes += chunk.len();
        lines += chunk.iter().filter(|&&b| b == b'\n').count();
        peak = peak.max(crate::gateway::rss_kb());
    }
    let took = started.elapsed().as_secs_f64();
    let _ = writeln!(
        s,
        "\nAn export of all of it as CSV: {} lines, {:.1} MB in {took:.1} s (debug build); this \
         process's resident memory {:.1} MB before and at most {:.1} MB during it, read as it came (the \
         export streams 1,000 rows at a time).\n",
        thousands(lines),
        bytes as f64 / 1e6,
        before / 1024.0,
        peak / 1024.0
    );
    drop(gw);
    s.push_str(&ingestion().await);
    s
}

/// Event ingestion: a 5,000-user office changing a status every millisecond (as fast as its churn
/// goes), for 20 s; what the gateway stored.
async fn ingestion() -> String {
    let path = fresh("ingestion");
    let server = reference_server::start(Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        users: Some(5_000),
        seed: 1,
        churn: Some(Duration::from_millis(1)),
        ..Config::default()
    })
    .await
    .expect("server");
    let gw = gateway_on(&server, &path).await;
    let store = gw.gateway.store.clone().expect("a store");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (rows_before, bytes_before) = (rows(&path), size(&path));
    let window = Duration::from_secs(20);
    tokio::time::sleep(window).await;
    let (rows_after, bytes_after) = (rows(&path), size(&path));
    let health = store.health();
    let stored = rows_after - rows_before;
    let per_event = (bytes_after - bytes_before) as f64 / stored.max(1) as f64;
    let a_day = 5_000.0 * 10.0 * per_event / 1e6;
    format!(
        "Event ingestion, 5,000 users, a status change every millisecond offered by the reference \
         server for {} s: **{:.0} events a second** stored ({} events), {} still queued and {} refused at \
         the end; {per_event:.0} bytes on disk per event (file and WAL), so an office of 5,000 whose users \
         change status ten times a day grows the file by about **{a_day:.0} MB a day** before the \
         retention prunes it.\n\n",
        window.as_secs(),
        stored as f64 / window.as_secs_f64(),
        thousands(stored as usize),
        health.queued,
        health.refused
    )
}

async fn fill(path: &Path) {
    let store = Store::open(path, KEEP).expect("the store");
    let now = reference_server::now_ms();
    for i in 0..RECORDS {
        let (by, name) = if i % 3 == 0 {
            ("4211", "Hannah Schmidt")
        } else {
            ("4224", "Steve Summers")
        };
        store.record(Record {
            at: now - (RECORDS - i) as i64 * 1_000,
            by: by.into(),
            by_name: name.into(),
            core_server: "default".into(),
            action: "status-set".into(),
            target: format!("42{:02}", i % 44),
            before: "Available (Available)".into(),
            after: "Lunch (Away); note: back at two".into(),
            result: "ok".into(),
        });
        // The queue holds 10,000: let the writer keep up.
        if i % 5_000 == 4_999 {
            assert!(store.flushed(Duration::from_secs(60)).await);
        }
    }
    assert!(store.flushed(Duration::from_secs(60)).await);
}

async fn gateway_on(
    server: &reference_server::RunningServer,
    path: &Path,
) -> gateway::RunningGateway {
    let who = Mode::Users {
        groups: vec!["Supervisors".into()],
        usernames: vec![],
    };
    let (listener, mut config) = e2e::gateway::bound(server, None, "/", &[], who).await;
    config.store = Some(gateway::config::StoreConfig {
        path: path.to_path_buf(),
        keep: KEEP,
    });
    gateway::start_on(listener, config)
        .await
        .expect("the gateway")
}

async fn sign_in(http: &reqwest::Client, origin: &str) -> String {
    let res = http
        .post(format!("{origin}/gateway/session"))
        .header("origin", origin)
        .header("x-requested-with", "isymphony-panel")
        .header("content-type", "application/json")
        .body(r#"{"username":"4224","password":"4224-secret"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let set = res.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

async fn timed<F, Fut>(run: F) -> f64
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut times = Vec::new();
    for _ in 0..SAMPLES {
        let started = Instant::now();
        run().await;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    median(&mut times)
}

fn rows(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .and_then(|c| c.query_row("SELECT COUNT(*) FROM presence", [], |r| r.get(0)))
        .unwrap_or(0)
}

/// The database's size on disk: the file and its write-ahead log.
fn size(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

fn fresh(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-store");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{name}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
