//! "Tell me when they are back": a row's bell (and `w`) watches a user; the watch is listed, survives a
//! reload, and fires once — in the panel and, with the permission granted through the DevTools protocol,
//! as a browser notification — when the user becomes Available through an outside change; the demo's
//! overdue returns are told by the browser once each. Against a
//! server with latency, the board polling.

use std::time::Duration;

use e2e::{with_panel, Panel, DESKTOP};
use reference_server::faults::{Faults, Latency};
use reference_server::Config;
use serde_json::json;

/// Records every browser notification the page makes (the real one is still made).
const RECORD_NOTIFICATIONS: &str = "
    const Real = window.Notification;
    window.__shown = [];
    window.Notification = function (title, options) { window.__shown.push(options.body); return new Real(title, options); };
    Object.defineProperty(window.Notification, 'permission', { get: () => Real.permission });
    window.Notification.requestPermission = (...a) => Real.requestPermission(...a);
    return 1";

async fn shown(panel: &Panel) -> Vec<String> {
    serde_json::from_value(panel.js("return window.__shown").await).unwrap()
}

async fn toasts_saying(panel: &Panel, text: &str) -> usize {
    panel
        .js(&format!("return [...document.querySelectorAll('.toast')].filter(t => t.textContent.includes({text:?})).length"))
        .await
        .as_u64()
        .unwrap() as usize
}

#[tokio::test]
async fn a_watch_fires_once_when_the_user_is_back_and_survives_a_reload() {
    let faults = Faults {
        latency: Latency::fixed(Duration::from_millis(60)),
        ..Faults::default()
    };
    with_panel(Config { faults, ..Config::default() }, DESKTOP, |panel: Panel| async move {
        let lunch = json!({"name": "Lunch", "type": "away", "note": "", "returnTime": -1});
        panel.set_status_via_api("4201", lunch.clone()).await;
        panel.set_status_via_api("4202", lunch.clone()).await;
        let origin = panel.url("/");
        panel
            .browser
            .cdp("Browser.grantPermissions", json!({"permissions": ["notifications"], "origin": origin.trim_end_matches('/')}))
            .await;
        panel.open_board("/").await;
        panel.choose_refresh("5 s").await;

        // The bell on Olivia Bennett (4201); `w` on the row after her (4202), reached with j.
        panel.click_button("Watch Olivia Bennett").await;
        let bell = "document.querySelector('.board-row[data-username=\"4201\"] .bell')";
        assert_eq!(panel.js(&format!("return {bell}.getAttribute('aria-pressed')")).await, "true");
        for _ in 0..60 {
            if panel.js("return document.querySelector('.board-row.focused')?.dataset.username ?? ''").await == "4202" {
                break;
            }
            panel.press('j').await;
        }
        panel.press('w').await;
        panel
            .wait_until("both listed", "document.querySelectorAll('.watch-item').length === 2")
            .await;
        let waits = panel.js("return [...document.querySelectorAll('.watch-item select')].map(s => s.value).join()").await;
        assert_eq!(waits, "available,available", "both are logged in: each waits until Available");

        // A reload keeps them (this browser's localStorage, with the core server).
        panel.open_board("/").await;
        panel
            .wait_until("both listed after the reload", "document.querySelectorAll('.watch-item').length === 2 && document.querySelector('.board-row[data-username=\"4201\"] .bell').getAttribute('aria-pressed') === 'true'")
            .await;
        let stored = panel.js("return localStorage.getItem('isymphony-panel.watches')").await;
        assert!(stored.as_str().unwrap().contains("\"default\""), "kept with the core server: {stored}");
        panel.choose_refresh("5 s").await;

        // Browser notifications on (the permission is granted already: no prompt).
        panel.js(RECORD_NOTIFICATIONS).await;
        panel.click_button("Browser notifications").await;
        panel
            .wait_until("the switch on", "document.querySelector('.alerts-switch').getAttribute('aria-pressed') === 'true'")
            .await;

        // Olivia comes back through another client: the watch fires, once.
        panel.set_status_via_api("4201", json!({"name": "Available", "type": "available", "note": "", "returnTime": -1})).await;
        panel
            .wait_until("the panel's notification", "[...document.querySelectorAll('.toast')].some(t => t.textContent.includes('Olivia Bennett is available.'))")
            .await;
        let told = shown(&panel).await;
        let back: Vec<&String> = told.iter().filter(|t| t.contains("Olivia")).collect();
        assert_eq!(back, ["Olivia Bennett is available."], "and the browser's");
        // The demo's overdue (20 minutes past) are told of too, once each.
        let overdue: Vec<&String> = told.iter().filter(|t| t.ends_with("past their return time.")).collect();
        assert!(!overdue.is_empty() && overdue.len() + 1 == told.len(), "{told:?}");
        assert_eq!(panel.js("return document.querySelectorAll('.watch-item').length").await, 1, "the watch ended");
        assert_eq!(panel.js(&format!("return {bell}.getAttribute('aria-pressed')")).await, "false");
        // Away and back again: no watch, nothing more.
        panel.set_status_via_api("4201", lunch.clone()).await;
        tokio::time::sleep(Duration::from_secs(6)).await;
        panel.set_status_via_api("4201", json!({"name": "Available", "type": "available", "note": "", "returnTime": -1})).await;
        tokio::time::sleep(Duration::from_secs(7)).await;
        assert_eq!(toasts_saying(&panel, "Olivia Bennett is available.").await, 1, "fired once");
        assert_eq!(shown(&panel).await, told, "nothing more, overdue or back");

        // The other watch is cancelled from the list.
        let name = panel.js("return document.querySelector('.watch-item .watch-name').textContent").await;
        panel.click_button(&format!("Stop watching {}", name.as_str().unwrap())).await;
        panel.wait_until("the list empty", "!document.querySelector('.watch-item')").await;
        assert_eq!(panel.js("return localStorage.getItem('isymphony-panel.watches')").await, "{}");
        panel
    })
    .await;
}
