//! Section 9: the gateway (issue 22). iSymphony's load with ten panels open on a 1,000-user office,
//! direct (each panel polling) and through the gateway (Live through its one socket); a status GET
//! through the gateway against the same GET direct; an event from iSymphony to ten sockets through the
//! gateway; memory per session. Ratios and counts from one run, on this machine.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use e2e::Browser;
use futures::StreamExt;
use gateway::{Mode, RunningGateway};
use reference_server::{RunningServer, Stats};
use serde_json::json;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::{fresh_browser, js, loaded_at, median, open_board, percentile, quick};

const USERS: usize = 1_000;
const PANELS: usize = 10;
/// The synthetic office's first user, who may sign in (its client password is `<username>-secret`).
const SUPERVISOR: (&str, &str) = ("u00001", "u00001-secret");

/// How long each steady state is counted: the 3 minutes, 1 with `BENCH_QUICK`.
fn window() -> Duration {
    Duration::from_secs(if quick().is_some() { 60 } else { 180 })
}

pub async fn gateway(dist: &Path) -> String {
    let (server, stats) = crate::server(USERS, dist).await;
    let window = window();
    let mut s = format!(
        "## 9. The gateway, {USERS} users (targets: through it 1 socket and ≤ 100 REST requests a minute \
         to iSymphony with {PANELS} panels open; a status GET ≤ 1.2× direct)\n\n\
         {PANELS} panels (headless Chromium each) on the board, counted over {} minutes once every board \
         had loaded; requests and sockets as the reference server (iSymphony) counted them.\n\n\
         | {PANELS} panels | REST requests a minute to iSymphony | Event sockets to iSymphony |\n|---|---|---|\n",
        window.as_secs() / 60
    );
    let direct = steady(&stats, &server, window, |b| {
        let origin = server.origin();
        async move {
            open_board(&b, &origin, Duration::from_secs(180)).await;
            b
        }
    })
    .await;
    let _ = writeln!(
        s,
        "| direct (each polls, refresh 15 s) | {:.0} | {} |",
        direct.0, direct.1
    );
    // Started only now, so the direct window counts no socket of the gateway's.
    let gateway = gateway_for(&server, dist).await;
    let through = steady(&stats, &server, window, |b| {
        let origin = gateway.origin();
        async move {
            sign_in_at_gateway(&b, &origin).await;
            b
        }
    })
    .await;
    let _ = writeln!(
        s,
        "| through the gateway (Live) | {:.0} | {} |\n",
        through.0, through.1
    );

    let (direct_ms, gateway_ms) = status_get_times(&server, &gateway).await;
    let _ = writeln!(
        s,
        "A status GET (200 of each, alternating, median): direct {direct_ms:.2} ms, through the gateway \
         {gateway_ms:.2} ms — **{:.2}×**.\n",
        gateway_ms / direct_ms
    );
    let mut fanout = event_fanout(&gateway).await;
    let _ = writeln!(
        s,
        "An event from iSymphony to {PANELS} sockets through the gateway (30 status sets, from sending the \
         set to each socket's receipt): p50 {:.1} ms, p95 **{:.1} ms**.\n",
        percentile(&mut fanout, 0.5),
        percentile(&mut fanout, 0.95)
    );
    let per_session = memory_per_session(&gateway).await;
    let _ = writeln!(
        s,
        "Memory per session: {per_session:.1} kB (this process's resident size before and after 200 \
         sign-ins, divided by 200; the allocator keeps pages, so it is an upper bound).\n"
    );
    s
}

/// A gateway in front of a synthetic office, serving `dist`, where [`SUPERVISOR`] signs in.
pub async fn gateway_for(server: &RunningServer, dist: &Path) -> RunningGateway {
    let who = Mode::Users {
        groups: vec![],
        usernames: vec![SUPERVISOR.0.into()],
    };
    e2e::gateway::start_as(server, Some(dist.to_path_buf()), "/", &[], who).await
}

/// Opens `PANELS` browsers with `open`, waits until every board has loaded and the catch-up has gone
/// quiet, then counts `window`: (REST requests a minute, Event sockets open at the end).
async fn steady<F, Fut>(
    stats: &Stats,
    server: &RunningServer,
    window: Duration,
    open: F,
) -> (f64, usize)
where
    F: Fn(Browser) -> Fut,
    Fut: std::future::Future<Output = Browser>,
{
    let mut browsers = Vec::new();
    for _ in 0..PANELS {
        browsers.push(open(fresh_browser().await).await);
    }
    tokio::time::sleep(Duration::from_secs(10)).await;
    let before = stats.seen().len();
    tokio::time::sleep(window).await;
    let requests = stats.seen().len() - before;
    let sockets = server.state.sockets_open();
    for b in browsers {
        b.close().await;
    }
    (requests as f64 / (window.as_secs_f64() / 60.0), sockets)
}

/// Signs in at the gateway from the page (the browser keeps the cookie) and opens the board Live.
pub async fn sign_in_at_gateway(browser: &Browser, origin: &str) {
    browser
        .client
        .goto(&format!("{origin}/config.json"))
        .await
        .unwrap();
    let status = browser
        .client
        .execute_async(
            "const [user, password, done] = arguments;
             fetch('/gateway/session', {method: 'POST', headers: {'Content-Type': 'application/json',
               'X-Requested-With': 'isymphony-panel'}, body: JSON.stringify({username: user, password})})
               .then(r => done(r.status), () => done(0));",
            vec![json!(SUPERVISOR.0), json!(SUPERVISOR.1)],
        )
        .await
        .unwrap();
    assert_eq!(status, json!(200), "signed in at the gateway");
    browser
        .client
        .goto(&format!("{origin}/servers/default/status"))
        .await
        .unwrap();
    loaded_at(browser, Duration::from_secs(180)).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while js(
        browser,
        "return document.querySelector('.live-indicator')?.textContent",
    )
    .await
        != "Live"
    {
        assert!(Instant::now() < deadline, "the board never went Live");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A cookie for a fresh session at the gateway.
async fn session_cookie(http: &reqwest::Client, gateway: &RunningGateway) -> String {
    let res = http
        .post(format!("{}/gateway/session", gateway.origin()))
        .header("origin", gateway.origin())
        .header("x-requested-with", "isymphony-panel")
        .header("content-type", "application/json")
        .body(json!({"username": SUPERVISOR.0, "password": SUPERVISOR.1}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let set = res.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

const STATUS: &str = "live/coreServers/getByName/default/users/getByName/u00002/status";

/// Median times of a status GET direct (Basic) and through the gateway (cookie), alternating.
async fn status_get_times(server: &RunningServer, gateway: &RunningGateway) -> (f64, f64) {
    let http = reqwest::Client::new();
    let cookie = session_cookie(&http, gateway).await;
    let (mut direct, mut through) = (Vec::new(), Vec::new());
    for i in 0..400 {
        let started = Instant::now();
        let res = if i % 2 == 0 {
            http.get(format!("{}rest/{STATUS}", server.base_url()))
                .header(
                    "authorization",
                    format!("Basic {}", e2e::deploy::MANAGER_BASIC),
                )
                .send()
                .await
        } else {
            http.get(format!(
                "{}/communication_manager/rest/{STATUS}",
                gateway.origin()
            ))
            .header("cookie", &cookie)
            .send()
            .await
        }
        .unwrap();
        assert_eq!(res.status(), 200);
        res.bytes().await.unwrap();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if i % 2 == 0 {
            direct.push(ms)
        } else {
            through.push(ms)
        }
    }
    (median(&mut direct), median(&mut through))
}

/// From sending a status set to each of `PANELS` sockets (one session each) receiving its event, in ms.
async fn event_fanout(gateway: &RunningGateway) -> Vec<f64> {
    let http = reqwest::Client::new();
    let mut sockets = Vec::new();
    for _ in 0..PANELS {
        let cookie = session_cookie(&http, gateway).await;
        let mut request = format!("ws://{}/communication_manager/ws/event", gateway.addr)
            .into_client_request()
            .unwrap();
        request
            .headers_mut()
            .insert("origin", gateway.origin().parse().unwrap());
        request
            .headers_mut()
            .insert("cookie", cookie.parse().unwrap());
        let (socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        sockets.push(socket);
    }
    let cookie = session_cookie(&http, gateway).await;
    let mut times = Vec::new();
    for round in 0..30 {
        let name = format!("Fan-out {round}");
        let started = Instant::now();
        let res = http
            .post(format!(
                "{}/communication_manager/rest/live/coreServers/getByName/default/users/getByName/u00003/status/set",
                gateway.origin()
            ))
            .header("cookie", &cookie)
            .header("origin", gateway.origin())
            .header("x-requested-with", "isymphony-panel")
            .header("content-type", "application/json")
            .body(json!({"name": name, "type": "dnd"}).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        for socket in &mut sockets {
            loop {
                let message = tokio::time::timeout(Duration::from_secs(5), socket.next())
                    .await
                    .expect("an event within 5 s")
                    .expect("the socket stays open")
                    .unwrap();
                if message.to_text().is_ok_and(|t| t.contains(&name)) {
                    times.push(started.elapsed().as_secs_f64() * 1000.0);
                    break;
                }
            }
        }
    }
    times
}

/// This process's resident set in kB.
fn rss_kb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(f64::NAN)
}

async fn memory_per_session(gateway: &RunningGateway) -> f64 {
    let http = reqwest::Client::new();
    let before = rss_kb();
    let mut cookies = Vec::new();
    for _ in 0..200 {
        cookies.push(session_cookie(&http, gateway).await);
    }
    let after = rss_kb();
    assert!(gateway.gateway.sessions.count() >= 200);
    (after - before).max(0.0) / 200.0
}
