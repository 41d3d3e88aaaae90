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
        direct.per_minute, direct.sockets
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
        through.per_minute, through.sockets
    );
    let ((d1, dn), (g1, gn)) = (direct.first_and_rest(), through.first_and_rest());
    let _ = writeln!(
        s,
        "Status GETs reaching iSymphony while each panel loaded its board (one panel after the other): \
         direct, the first {d1} and each of the next {} {dn:.0}; through the gateway, which answers status \
         reads from what its socket keeps current, the first {g1} and each of the next **{gn:.0}**.\n",
        PANELS - 1
    );

    let t = status_get_times(&server, &gateway).await;
    let _ = writeln!(
        s,
        "A status GET (200 of each, interleaved, median): direct {:.2} ms; through the gateway, a status \
         its socket keeps current {:.2} ms — **{:.2}×**; passed on to iSymphony (a status not read \
         before) {:.2} ms — {:.2}×.\n",
        t.direct,
        t.kept,
        t.kept / t.direct,
        t.passed_on,
        t.passed_on / t.direct
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

/// What ten panels cost iSymphony.
struct Load {
    /// REST requests a minute in steady state.
    per_minute: f64,
    /// Event sockets open at the end.
    sockets: usize,
    /// Status GETs that reached iSymphony while each panel loaded, in order.
    status_gets: Vec<usize>,
}

impl Load {
    /// The first panel's status GETs, and the mean of the others'.
    fn first_and_rest(&self) -> (usize, f64) {
        let rest = &self.status_gets[1..];
        (
            self.status_gets[0],
            rest.iter().sum::<usize>() as f64 / rest.len() as f64,
        )
    }
}

fn status_gets(stats: &Stats) -> usize {
    stats
        .requests()
        .iter()
        .filter(|line| line.starts_with("GET ") && line.ends_with("/status"))
        .count()
}

/// Opens `PANELS` browsers with `open`, one after the other, waits until every board has loaded and the
/// catch-up has gone quiet, then counts `window`.
async fn steady<F, Fut>(stats: &Stats, server: &RunningServer, window: Duration, open: F) -> Load
where
    F: Fn(Browser) -> Fut,
    Fut: std::future::Future<Output = Browser>,
{
    let mut browsers = Vec::new();
    let mut loads = Vec::new();
    for _ in 0..PANELS {
        let before = status_gets(stats);
        browsers.push(open(fresh_browser().await).await);
        loads.push(status_gets(stats) - before);
    }
    tokio::time::sleep(Duration::from_secs(10)).await;
    let before = stats.seen().len();
    tokio::time::sleep(window).await;
    let requests = stats.seen().len() - before;
    let sockets = server.state.sockets_open();
    for b in browsers {
        b.close().await;
    }
    Load {
        per_minute: requests as f64 / (window.as_secs_f64() / 60.0),
        sockets,
        status_gets: loads,
    }
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

const LIVE: &str = "live/coreServers/getByName/default/users";
const STATUS: &str = "live/coreServers/getByName/default/users/getByName/u00002/status";

/// Status GET times (median, ms), interleaved: direct (Basic); through the gateway for a status it
/// keeps (the same user again); through the gateway passed on (each a user not read by that path before:
/// by live id, where the panels read by name).
struct StatusTimes {
    direct: f64,
    kept: f64,
    passed_on: f64,
}

async fn status_get_times(server: &RunningServer, gateway: &RunningGateway) -> StatusTimes {
    let http = reqwest::Client::new();
    let cookie = session_cookie(&http, gateway).await;
    let direct = |path: String| {
        http.get(format!("{}rest/{path}", server.base_url()))
            .header(
                "authorization",
                format!("Basic {}", e2e::deploy::MANAGER_BASIC),
            )
    };
    let through = |path: String| {
        http.get(format!(
            "{}/communication_manager/rest/{path}",
            gateway.origin()
        ))
        .header("cookie", &cookie)
    };
    let users: Vec<serde_json::Value> = direct(LIVE.into())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut ids = users.iter().filter_map(|u| u["id"].as_str()).skip(100);
    let (mut d, mut k, mut p) = (Vec::new(), Vec::new(), Vec::new());
    let timed = |request: reqwest::RequestBuilder| async move {
        let started = Instant::now();
        let res = request.send().await.unwrap();
        let status = res.status();
        res.bytes().await.unwrap();
        (status, started.elapsed().as_secs_f64() * 1000.0)
    };
    while p.len() < 200 {
        let unread = format!("{LIVE}/{}/status", ids.next().expect("enough full users"));
        for (request, times) in [
            (direct(STATUS.into()), &mut d),
            (through(STATUS.into()), &mut k),
        ] {
            let (status, ms) = timed(request).await;
            assert_eq!(status, 200);
            times.push(ms);
        }
        // A lite user's 403 is passed on too, but is not the same answer: only full users count.
        if let (reqwest::StatusCode::OK, ms) = timed(through(unread)).await {
            p.push(ms);
        }
    }
    StatusTimes {
        direct: median(&mut d),
        kept: median(&mut k),
        passed_on: median(&mut p),
    }
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
pub(crate) fn rss_kb() -> f64 {
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
