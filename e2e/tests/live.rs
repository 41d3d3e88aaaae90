//! Live push in real Chromium: changes made by another client through the REST API reach the board over
//! the Event socket without polling; with the socket refused the board says `Polling` and still updates.

use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::{with_panel, Panel, DESKTOP, PASSWORD, USER};
use reference_server::{Config, Stats};
use serde_json::json;

async fn set_via_api(panel: &Panel, username: &str, name: &str, kind: &str) {
    let res = panel
        .http
        .post(format!(
            "{}rest/live/coreServers/getByName/default/users/getByName/{username}/status/set",
            panel.server.base_url()
        ))
        .basic_auth(USER, Some(PASSWORD))
        .json(&json!({ "name": name, "type": kind }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
}

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

async fn choose_refresh(panel: &Panel, label: &str) {
    let selects = panel
        .client()
        .find_all(e2e::fantoccini::Locator::Css(".toolbar select"))
        .await
        .unwrap();
    selects
        .last()
        .unwrap()
        .select_by_label(label)
        .await
        .unwrap();
}

#[tokio::test]
async fn another_clients_change_arrives_within_two_seconds_with_no_polling() {
    let stats = Arc::new(Stats::default());
    let config = Config {
        stats: Some(stats.clone()),
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.wait_until("Live", "document.querySelector('.live-indicator')?.textContent === 'Live'").await;
        choose_refresh(&panel, "5 s").await;
        // The catch-up sync after connecting may still be running; let it settle.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let before = status_gets(&stats);

        let started = Instant::now();
        set_via_api(&panel, "4224", "Pushed live", "altblue").await;
        panel
            .wait_until(
                "the pushed status",
                "document.querySelector('.board-row[data-username=\"4224\"] .col-status-name')?.textContent === 'Pushed live'",
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
        choose_refresh(&panel, "5 s").await;
        set_via_api(&panel, "4201", "Seen by polling", "dnd").await;
        panel
            .wait_until(
                "the polled status",
                "document.querySelector('.board-row[data-username=\"4201\"] .col-status-name')?.textContent === 'Seen by polling'",
            )
            .await;
        assert_eq!(indicator(&panel).await, "Polling");
        panel
    })
    .await;
}

#[tokio::test]
async fn a_plain_socket_is_refused_until_the_panel_authenticates_it() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        let url = format!("ws://{}/communication_manager/ws/event", panel.server.addr);
        let probe = format!(
            r#"const done = arguments[arguments.length - 1];
               const ws = new WebSocket({url:?});
               ws.onopen = () => {{ ws.close(); done('open'); }};
               ws.onerror = () => done('refused');"#
        );
        panel.client().goto(&panel.url("/")).await.unwrap();
        assert_eq!(
            panel.client().execute_async(&probe, vec![]).await.unwrap(),
            "refused"
        );
        panel.sign_in(USER, PASSWORD).await;
        panel
            .wait_until(
                "Live",
                "document.querySelector('.live-indicator')?.textContent === 'Live'",
            )
            .await;
        // The password never sits in a URL: not the page's, not the socket's.
        let urls = panel
            .js("return [location.href, ...performance.getEntries().map(e => e.name)].join(' ')")
            .await;
        assert!(!urls.as_str().unwrap().contains(PASSWORD), "{urls}");
        // Signing out forgets the browser's cached copy too: a plain socket is refused again.
        panel.click_button("Sign out").await;
        panel.element("input[name=username]").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(
            panel.client().execute_async(&probe, vec![]).await.unwrap(),
            "refused"
        );
        panel
    })
    .await;
}
