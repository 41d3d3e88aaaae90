//! axe-core (WCAG 2.1 A and AA) finds nothing on any page or dialog, in the light theme and the dark.

use e2e::fantoccini::Locator;
use e2e::{with_panel, Panel, DESKTOP, PASSWORD, USER};
use reference_server::Config;
use serde_json::json;

/// Walks every page and dialog in one theme, asking axe about each; a failure names the page.
async fn every_page_is_accessible(panel: &Panel, theme: &str) {
    panel.client().goto(&panel.url("/")).await.unwrap();
    panel
        .js(&format!(
            "localStorage.setItem('isymphony-panel.theme', '{theme}'); location.reload(); return true"
        ))
        .await;
    panel.element("input[name=username]").await;
    let applied = panel
        .js("return document.documentElement.dataset.theme ?? ''")
        .await;
    assert_eq!(
        applied, theme,
        "the remembered theme is applied before sign-in"
    );
    panel.assert_accessible(&format!("sign-in ({theme})")).await;
    panel.sign_in(USER, "not the password").await;
    panel
        .wait_until(
            "the sign-in error",
            "document.querySelector('[role=alert]')",
        )
        .await;
    panel
        .assert_accessible(&format!("sign-in with its error ({theme})"))
        .await;

    panel.sign_in(USER, PASSWORD).await;
    panel.wait_for_board().await;
    panel.assert_accessible(&format!("board ({theme})")).await;

    panel.click_button("Edit status for Steve Summers").await;
    panel.element("dialog[open] [role=listbox]").await;
    panel
        .assert_accessible(&format!("status editor ({theme})"))
        .await;
    panel.click_button("Cancel").await;
    panel
        .wait_until(
            "the editor to close",
            "!document.querySelector('dialog[open]')",
        )
        .await;

    for username in ["4224", "4225"] {
        let selector = format!(".board-row[data-username={username:?}] .col-select input");
        panel.element(&selector).await.click().await.unwrap();
    }
    panel.click_button("Set status for 2 users").await;
    panel.element("dialog[open] [role=listbox]").await;
    panel
        .assert_accessible(&format!("bulk editor ({theme})"))
        .await;
    panel.click_button("Cancel").await;

    panel.click_link_containing("Groups").await;
    panel
        .wait_until("the groups", "document.querySelector('.group-nav li a')")
        .await;
    panel.assert_accessible(&format!("groups ({theme})")).await;

    panel
        .client()
        .find(Locator::XPath(
            "//nav[contains(@class,'group-nav')]//a[contains(., 'Sales')]",
        ))
        .await
        .expect("the Sales group")
        .click()
        .await
        .unwrap();
    panel
        .wait_until(
            "the members",
            "document.querySelectorAll('.member-row').length > 0",
        )
        .await;
    panel
        .assert_accessible(&format!("group members ({theme})"))
        .await;

    panel.click_link_containing("Activity").await;
    panel
        .wait_until(
            "the activity page",
            "document.querySelector('h1')?.textContent.includes('Activity')",
        )
        .await;
    panel
        .assert_accessible(&format!("activity ({theme})"))
        .await;
}

#[tokio::test]
async fn every_page_passes_axe_in_the_light_theme() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        every_page_is_accessible(&panel, "light").await;
        panel
    })
    .await;
}

#[tokio::test]
async fn every_page_passes_axe_in_the_dark_theme() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        every_page_is_accessible(&panel, "dark").await;
        panel
    })
    .await;
}

#[tokio::test]
async fn the_sortable_headers_sort_and_say_how() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let sorted = "return [...document.querySelectorAll('th[aria-sort]')].map(th => th.textContent.trim() + ':' + th.getAttribute('aria-sort'))";
        assert_eq!(panel.js(sorted).await, serde_json::json!(["Name▲:ascending"]));
        panel.click_button("Return time").await;
        panel.wait_until("the URL to say so", "location.search.includes('sort=return')").await;
        assert_eq!(panel.js(sorted).await, serde_json::json!(["Return time▲:ascending"]));
        // The toolbar's "Sort by" follows, since both are the one URL parameter.
        assert_eq!(
            panel.js("return [...document.querySelectorAll('.toolbar select')][0].value").await,
            "return"
        );
        panel
    })
    .await;
}

/// Every text the board's polite live region takes, in order, from the moment this is called.
const RECORD_ANNOUNCEMENTS: &str = "
    const region = document.querySelector('.board [aria-live=polite]');
    window.__spoken = [];
    new MutationObserver(() => { if (region.textContent) window.__spoken.push([Date.now(), region.textContent]); })
        .observe(region, { childList: true, characterData: true, subtree: true });
    return true;";

#[tokio::test]
async fn changes_made_elsewhere_are_announced_politely_and_paced() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        assert_eq!(
            panel.js("return document.querySelector('.board [aria-live=polite]').textContent").await,
            "44 users loaded."
        );
        assert_eq!(
            panel.js("return document.querySelector('.progress').closest('[aria-live], [role=status]')").await,
            serde_json::Value::Null,
            "the step-by-step load count is not read out"
        );
        panel.choose_refresh("5 s").await;
        panel.js(RECORD_ANNOUNCEMENTS).await;

        panel.set_status_via_api("4201", json!({"name": "Dentist", "type": "away"})).await;
        panel.wait_until("one change by name", "window.__spoken.some(([, t]) => t === 'Olivia Bennett is now Dentist.')").await;
        for (i, user) in (4202..=4213).map(|n| n.to_string()).enumerate() {
            panel.set_status_via_api(&user, json!({"name": format!("Meeting {i}"), "type": "dnd"})).await;
        }
        // A refresh may catch the twelve in one batch or across two; either way each user is spoken of once,
        // three or fewer by name and more as a count, and never two sentences within five seconds.
        let counted = "window.__spoken.slice(1).map(([, t]) => +(t.match(/^(\\d+) statuses changed/)?.[1] ?? t.split(' is now ').length - 1)).reduce((a, b) => a + b, 0)";
        panel.wait_until("the twelve changes to be spoken of (two batches of six are two sentences)", &format!("{counted} === 12")).await;
        tokio::time::sleep(std::time::Duration::from_secs(6)).await;
        assert_eq!(panel.js(&format!("return {counted}")).await, 12, "nothing spoken twice");

        let spoken: Vec<(f64, String)> = serde_json::from_value(panel.js("return window.__spoken").await).unwrap();
        assert!(spoken.len() <= 4, "Olivia, then one sentence per batch: {spoken:?}");
        assert!(spoken.iter().any(|(_, t)| t.ends_with("statuses changed.")), "many changes become a count: {spoken:?}");
        for pair in spoken.windows(2) {
            assert!(pair[1].0 - pair[0].0 >= 4_990.0, "at least five seconds apart: {spoken:?}");
        }
        panel
    })
    .await;
}
