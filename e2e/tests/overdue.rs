//! Who is overdue: the `Overdue (N)` chip, the overdue-first sort, and each overdue row's one-click
//! `+15 min` and `Back (Available)`, recorded in Activity and undoable, checked through REST.

use e2e::fantoccini::Locator;
use e2e::{with_panel, Panel, DESKTOP};
use reference_server::Config;
use serde_json::Value;

/// The usernames REST says are overdue now: a return time passed, not Available.
async fn overdue_via_api(panel: &Panel) -> Vec<String> {
    let users = panel
        .api_get("live/coreServers/getByName/default/users")
        .await;
    let now = reference_server::now_ms();
    let mut overdue = Vec::new();
    for u in users.as_array().unwrap() {
        let username = u["userName"].as_str().unwrap_or_default();
        let Some(status) = panel.status_if_any(username).await else {
            continue;
        };
        let back = status["returnTime"].as_i64().unwrap_or(-1);
        if back >= 0 && back < now && status["type"] != "available" {
            overdue.push(username.to_owned());
        }
    }
    overdue.sort();
    overdue
}

async fn display_name(panel: &Panel, username: &str) -> String {
    let users = panel
        .api_get("live/coreServers/getByName/default/users")
        .await;
    users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userName"] == username)
        .and_then(|u| u["displayedName"].as_str())
        .unwrap()
        .to_owned()
}

async fn shown_usernames(panel: &Panel) -> Vec<String> {
    serde_json::from_value(
        panel
            .js("return [...document.querySelectorAll('.board-row')].map(r => r.dataset.username)")
            .await,
    )
    .unwrap()
}

#[tokio::test]
async fn the_overdue_chip_sort_and_one_click_answers() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let overdue = overdue_via_api(&panel).await;
        assert!(overdue.len() >= 3, "the demo has overdue users: {overdue:?}");
        let n = overdue.len();
        panel
            .wait_until("the count", &format!("document.querySelector('.chip-overdue')?.textContent.endsWith('Overdue ({n})')"))
            .await;

        // Overdue first: exactly those at the top, the longest overdue first.
        panel.element(".toolbar select").await.select_by_value("overdue").await.unwrap();
        panel.wait_until("the sort in the URL", "location.search.includes('sort=overdue')").await;
        let top: Vec<String> = shown_usernames(&panel).await.into_iter().take(n).collect();
        let mut sorted = top.clone();
        sorted.sort();
        assert_eq!(sorted, overdue, "the overdue come first");
        let mut backs = Vec::new();
        for u in &top {
            backs.push(panel.status_of(u).await["returnTime"].as_i64().unwrap());
        }
        assert!(backs.windows(2).all(|w| w[0] <= w[1]), "longest overdue first: {backs:?}");

        // The chip keeps only them; the row says by how long.
        panel.click_button(&format!("Overdue ({n})")).await;
        panel.wait_until("only the overdue", &format!("document.querySelectorAll('.board-row').length === {n} && location.search.includes('overdue=1')")).await;
        let first = top[0].clone();
        let words = panel.js(&format!("return document.querySelector('.board-row[data-username={first:?}] .col-return .return').textContent")).await;
        assert!(words.as_str().unwrap().contains("overdue by"), "{words}");

        // +15 min: the same status, back 15 minutes from now; the row leaves the chip's view.
        let name = display_name(&panel, &first).await;
        let before = panel.status_of(&first).await;
        let clicked = reference_server::now_ms();
        panel.click_button(&format!("+15 min for {name}")).await;
        panel.wait_until("the row to leave", &format!("!document.querySelector('.board-row[data-username={first:?}]')")).await;
        let after = panel.status_of(&first).await;
        for field in ["type", "name", "note"] {
            assert_eq!(after[field], before[field], "{field}");
        }
        let back = after["returnTime"].as_i64().unwrap();
        let expected = clicked + 15 * 60_000;
        assert!((expected - 60_000..=expected + 1_000).contains(&back), "{back} is not {expected} to the minute");
        panel.wait_until("the count to follow", &format!("document.querySelector('.chip-overdue').textContent.endsWith('Overdue ({})')", n - 1)).await;

        // Back (Available), then Undo puts the overdue status back.
        let second = shown_usernames(&panel).await[0].clone();
        let second_name = display_name(&panel, &second).await;
        let was = panel.status_of(&second).await;
        panel.click_button(&format!("Back (Available): {}", &second_name)).await;
        panel.wait_until("the row to leave", &format!("!document.querySelector('.board-row[data-username={second:?}]')")).await;
        let now = panel.status_of(&second).await;
        assert_eq!((now["type"].as_str(), now["returnTime"].as_i64()), (Some("available"), Some(-1)));
        // Its own notification's Undo (the +15 min has one too).
        let undo = format!(
            "//div[contains(concat(' ', @class, ' '), ' toast ')][contains(., {})]//button[normalize-space()='Undo']",
            e2e::xpath_literal(&second_name)
        );
        panel.client().find(Locator::XPath(&undo)).await.unwrap().click().await.unwrap();
        panel.wait_until("the row back", &format!("!!document.querySelector('.board-row[data-username={second:?}]')")).await;
        let undone = panel.status_of(&second).await;
        for field in ["type", "name", "note", "returnTime"] {
            assert_eq!(undone[field], was[field], "{field}");
        }

        // All three are in Activity, newest first: the undo, Back, +15 min.
        panel.click_link_containing("Activity").await;
        panel.wait_until("the entries", "document.querySelectorAll('.activity-row').length === 3").await;
        let rows: Vec<String> = serde_json::from_value(panel.js("return [...document.querySelectorAll('.activity-row')].map(r => r.innerText)").await).unwrap();
        assert!(rows[0].contains("undo") && rows[0].contains(&second), "{rows:?}");
        assert!(rows[1].contains("status set") && rows[1].contains(&second) && rows[1].contains("Available (Available)"), "{rows:?}");
        assert!(rows[2].contains("status set") && rows[2].contains(&first), "{rows:?}");
        panel
    })
    .await;
}

/// The wall screen shows who is overdue but offers no buttons.
#[tokio::test]
async fn the_wall_screen_has_no_one_click_answers() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/?view=board&compact=1").await;
        panel.wait_until("an overdue row", "[...document.querySelectorAll('.return')].some(r => r.textContent.includes('overdue by'))").await;
        assert_eq!(panel.js("return document.querySelectorAll('.overdue-actions, .chip-overdue').length").await, Value::from(0));
        panel
    })
    .await;
}
