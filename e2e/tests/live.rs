//! Live push in real Chromium: changes made by another client through the REST API reach the board over
//! the Event socket (through the panel's gateway) without polling; with the socket refused the board says
//! `Polling` and still updates.

use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::gateway::SUPERVISOR;
use e2e::{dist_dir, with_panel, Panel, DESKTOP, PASSWORD};

use reference_server::{Config, Stats};
use serde_json::json;

fn status_gets(stats: &Stats) -> usize {
    stats
        .requests()
        .iter()
        .filter(|r| r.starts_with("GET") && r.ends_with("/status"))
        .count()
}

async fn indicator(panel: &Panel) -> String {
    panel
        .js("return document.querySelector('.live-indicator').textContent")
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn another_clients_change_arrives_within_two_seconds_with_no_polling() {
    let stats = Arc::new(Stats::default());
    let config = Config {
        stats: Some(stats.clone()),
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        // The recommended deployment: the panel's gateway holds the socket's credentials; the supervisor
        // signs in as themselves.
        let gateway = e2e::gateway::start(&panel.server, Some(dist_dir()), "/", &[]).await;
        e2e::gateway::open_board(&panel, &gateway.origin()).await;
        assert_eq!(panel.js("return document.querySelector('.signed-in').textContent").await, format!("Signed in as {}", SUPERVISOR.name));
        panel.wait_until("Live", "document.querySelector('.live-indicator')?.textContent === 'Live'").await;
        panel.choose_refresh("5 s").await;
        // The catch-up sync after connecting may still be running (seconds, against a slow server): wait
        // until no status has been read for 1.5 s.
        let mut before = status_gets(&stats);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            tokio::time::sleep(Duration::from_millis(1_500)).await;
            let now = status_gets(&stats);
            if now == before || Instant::now() > deadline {
                break;
            }
            before = now;
        }

        let started = Instant::now();
        panel.set_status_via_api("4224", json!({ "name": "Pushed live", "type": "altblue" })).await;
        panel
            .wait_until(
                "the pushed status",
                "document.querySelector('.board-row[data-username=\"4224\"] .col-status-name .status-name')?.textContent === 'Pushed live'",
            )
            .await;
        assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
        let badge = panel.js("return document.querySelector('.board-row[data-username=\"4224\"] .badge').className").await;
        assert!(badge.as_str().unwrap().contains("badge-altblue"));

        // Two refresh periods pass: with the socket up, not one status is polled.
        tokio::time::sleep(Duration::from_secs(11)).await;
        assert_eq!(status_gets(&stats), before, "status GETs while live");
        assert_eq!(indicator(&panel).await, "Live");
        panel
    })
    .await;
}

#[tokio::test]
async fn with_the_socket_refused_the_board_polls_and_still_updates() {
    let config = Config {
        events: false,
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.wait_until("Polling", "document.querySelector('.live-indicator')?.textContent === 'Polling'").await;
        panel.choose_refresh("5 s").await;
        panel.set_status_via_api("4201", json!({ "name": "Seen by polling", "type": "dnd" })).await;
        panel
            .wait_until(
                "the polled status",
                "document.querySelector('.board-row[data-username=\"4201\"] .col-status-name .status-name')?.textContent === 'Seen by polling'",
            )
            .await;
        assert_eq!(indicator(&panel).await, "Polling");
        panel
    })
    .await;
}

#[tokio::test]
async fn without_credentials_for_the_site_the_socket_is_refused_and_nothing_leaks() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        // The panel never hands the password to the browser: the plain socket is refused and it polls.
        panel
            .wait_until(
                "Polling",
                "document.querySelector('.live-indicator')?.textContent === 'Polling'",
            )
            .await;
        let urls = panel
            .js("return [location.href, ...performance.getEntries().map(e => e.name)].join(' ')")
            .await;
        assert!(!urls.as_str().unwrap().contains(PASSWORD), "{urls}");
        // (The harness also fails any test whose console shows the password.)
        panel
    })
    .await;
}

/// The silent freeze a real iSymphony would cause: its events name the core server by its live id, which
/// changes when it restarts. The board must keep applying them — before and after a restart.
#[tokio::test]
async fn events_name_the_live_core_server_and_keep_arriving_after_a_restart() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        let gateway = e2e::gateway::start(&panel.server, Some(dist_dir()), "/", &[]).await;
        e2e::gateway::open_board(&panel, &gateway.origin()).await;
        let live = "document.querySelector('.live-indicator')?.textContent === 'Live'";
        panel.wait_until("Live", live).await;
        let row_says = |name: &str| {
            format!("document.querySelector('.board-row[data-username=\"4224\"] .col-status-name .status-name')?.textContent === {name:?}")
        };
        for (round, name) in ["Before the restart", "After the restart"].into_iter().enumerate() {
            if round == 1 {
                panel.server.state.restart();
                panel.wait_until("the socket to drop", &format!("!({live})")).await;
                panel.wait_until("Live again", live).await;
                // The catch-up sync after reconnecting reads the new live id; let it finish.
                panel.wait_for_board().await;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            let started = Instant::now();
            panel.set_status_via_api("4224", json!({ "name": name, "type": "dnd" })).await;
            panel.wait_until(name, &row_says(name)).await;
            assert!(started.elapsed() < Duration::from_secs(2), "{name}: took {:?}", started.elapsed());
            assert_eq!(indicator(&panel).await, "Live");
        }
        panel
    })
    .await;
}
