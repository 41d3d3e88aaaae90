//! A board of hundreds of users keeps only the rows near the view in the DOM, and that is invisible to the
//! supervisor: scrolling, the keyboard, the filter, editing and live changes reach every user.

use e2e::fantoccini::actions::{InputSource, KeyAction, KeyActions};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::{with_panel, Panel, DESKTOP, IN_VIEW_LOADED, PASSWORD, PHONE, USER};
use reference_server::faults::{Faults, Latency};
use reference_server::{Config, Stats};
use serde_json::json;

const USERS: usize = 400;

fn office() -> Config {
    Config {
        users: Some(USERS),
        seed: 7,
        ..Config::default()
    }
}

async fn rendered(panel: &Panel) -> Vec<String> {
    serde_json::from_value(
        panel
            .js("return [...document.querySelectorAll('.board-row')].map(r => r.dataset.username)")
            .await,
    )
    .unwrap()
}

/// Scrolls from top to bottom by half a screen, two frames at each stop, and returns every row met as
/// `{aria-rowindex: username}`; it ends at the bottom.
const SCROLL_THROUGH: &str = "return (async () => {
    const seen = {};
    const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    for (let y = 0; ; y += innerHeight / 2) {
        window.scrollTo(0, y);
        await frame(); await frame();
        for (const r of document.querySelectorAll('.board-row')) seen[r.getAttribute('aria-rowindex')] = r.dataset.username;
        if (y > document.documentElement.scrollHeight) return seen;
    }
})()";

async fn number(panel: &Panel, script: &str) -> i64 {
    panel
        .js(script)
        .await
        .as_i64()
        .unwrap_or_else(|| panic!("{script}"))
}

/// The row with `aria-rowindex` `index` lies within the window's height.
/// Whether the row is wholly on screen, to the pixel: layout is in fractions of a pixel and the page
/// scrolls by whole ones, so a row the browser scrolled to may end 0.4 px below the window's edge.
fn row_in_view(index: usize) -> String {
    format!(
        "(() => {{ const r = document.querySelector('.board-row[aria-rowindex=\"{index}\"]'); \
         if (!r) return false; const b = r.getBoundingClientRect(); \
         return b.top > -1 && b.bottom < innerHeight + 1; }})()"
    )
}

#[tokio::test]
async fn only_rows_near_the_view_are_rendered_and_scrolling_reaches_the_last() {
    for size in [DESKTOP, PHONE] {
        with_panel(office(), size, |panel: Panel| async move {
            panel.open_board("/").await;
            assert_eq!(panel.element(".progress").await.text().await.unwrap(), format!("{USERS} users"));
            let first = rendered(&panel).await;
            assert!(first.len() >= 10 && first.len() < 80, "{} rows rendered of {USERS}", first.len());
            assert_eq!(number(&panel, "return +document.querySelector('.board-table').getAttribute('aria-rowcount')").await, USERS as i64 + 1);
            assert_eq!(number(&panel, "return +document.querySelector('.board-row').getAttribute('aria-rowindex')").await, 2);
            // The stand-ins make the page as tall as the whole list, so the scroll bar tells the truth.
            let page = number(&panel, "return document.documentElement.scrollHeight").await;
            let row = number(&panel, "const r = document.querySelectorAll('.board-row'); return Math.round((r[r.length - 1].getBoundingClientRect().top - r[0].getBoundingClientRect().top) / (r.length - 1))").await;
            assert!(page > row * USERS as i64 * 9 / 10, "page {page} px for {USERS} rows of {row} px on average");

            // Scrolling through half a screen at a time meets every user once, each in its own place.
            let seen = panel.js(SCROLL_THROUGH).await;
            let seen = seen.as_object().unwrap();
            let places: Vec<usize> = seen.keys().map(|k| k.parse().unwrap()).collect();
            assert_eq!(places.len(), USERS, "rows met while scrolling");
            assert!(places.iter().all(|i| (2..=USERS + 1).contains(i)));
            let mut met: Vec<&str> = seen.values().map(|u| u.as_str().unwrap()).collect();
            met.sort_unstable();
            let users = panel.api_get("live/coreServers/getByName/default/users").await;
            let mut listed: Vec<&str> = users.as_array().unwrap().iter().map(|u| u["userName"].as_str().unwrap()).collect();
            listed.sort_unstable();
            assert_eq!(met, listed);

            panel.wait_until("the last row in view", &row_in_view(USERS + 1)).await;
            let last = rendered(&panel).await;
            assert!(last.len() < 80, "{} rows rendered at the end", last.len());
            assert!(first.iter().all(|u| !last.contains(u)), "the first rows left the DOM");
            // The stand-in rows and the row numbering pass axe (it runs at desktop width, as elsewhere).
            if size == DESKTOP {
                panel.assert_accessible("a long board scrolled to its end").await;
            }
            panel.js("window.scrollTo(0, 0); return 1").await;
            panel.wait_until("the first row back", &row_in_view(2)).await;
            assert_eq!(rendered(&panel).await[0], first[0]);
            // Measuring rows as they change size never turned into a resize loop or an error.
            let console = panel.browser.console().await;
            assert!(console.iter().all(|l| !l.contains("ResizeObserver") && !l.contains("rror")), "{console:?}");
            panel
        })
        .await;
    }
}

async fn press(panel: &Panel, key: char, times: usize) {
    let mut keys = KeyActions::new("keyboard".into());
    for _ in 0..times {
        keys = keys
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    panel.client().perform_actions(keys).await.unwrap();
}

#[tokio::test]
async fn the_keyboard_walks_past_the_rendered_rows() {
    with_panel(office(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.js("document.activeElement.blur(); return 1").await;
        let rendered_at_start = rendered(&panel).await.len();
        // Far beyond what was rendered at the start: the focused row is brought in and into view.
        let steps = rendered_at_start + 40;
        press(&panel, 'j', steps).await;
        panel
            .wait_until(
                "the focused row far down",
                &format!("document.activeElement?.getAttribute('aria-rowindex') === '{}'", steps + 1),
            )
            .await;
        panel.wait_until("it in view", &row_in_view(steps + 1)).await;
        let far = panel.js("return document.activeElement.dataset.username").await;
        let name = panel.js("return document.activeElement.querySelector('.display-name').textContent").await;
        press(&panel, 'e', 1).await;
        panel.wait_until("the editor", "document.querySelector('dialog.editor[open] h2')?.textContent.startsWith('Edit status for')").await;
        let title = panel.js("return document.querySelector('dialog.editor[open] h2').textContent").await;
        assert!(name.as_str().unwrap().ends_with(title.as_str().unwrap().trim_start_matches("Edit status for ")), "{far}: {name} / {title}");
        press(&panel, '\u{e00c}', 1).await; // Escape
        panel.wait_until("the editor to close", "!document.querySelector('dialog[open]')").await;
        // And back to the top.
        press(&panel, 'k', steps - 1).await;
        panel
            .wait_until("the first row focused", "document.activeElement?.getAttribute('aria-rowindex') === '2'")
            .await;
        panel
    })
    .await;
}

#[tokio::test]
async fn the_filter_finds_users_that_were_not_rendered_and_live_changes_reach_them() {
    with_panel(office(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let shown = rendered(&panel).await;
        // A user whose row is not in the DOM: the one the server lists last whose name sorts last.
        panel.js("window.scrollTo(0, document.documentElement.scrollHeight); return 1").await;
        panel.wait_until("the last row in view", &row_in_view(USERS + 1)).await;
        let far = panel
            .js(&format!("return document.querySelector('.board-row[aria-rowindex=\"{}\"]').dataset.username", USERS + 1))
            .await
            .as_str()
            .unwrap()
            .to_owned();
        assert!(!shown.contains(&far));
        panel.js("window.scrollTo(0, 0); return 1").await;
        panel.wait_until("the top again", &row_in_view(2)).await;
        assert!(!rendered(&panel).await.contains(&far));

        // Changed elsewhere, and refreshed, while the row is out of the DOM.
        let mut status = panel.status_of(&far).await;
        status["note"] = json!("Changed while off screen");
        panel.set_status_via_api(&far, status).await;
        panel.choose_refresh("5 s").await;
        tokio::time::sleep(std::time::Duration::from_secs(8)).await;
        assert!(!rendered(&panel).await.contains(&far));

        panel.type_into("input[aria-label='Filter users']", &far).await;
        panel
            .wait_until("only that user", &format!("document.querySelectorAll('.board-row').length === 1 && document.querySelector('.board-row').dataset.username === {far:?}"))
            .await;
        panel
            .wait_until("the new note", "document.querySelector('.board-row .note')?.textContent === 'Changed while off screen'")
            .await;
        panel
    })
    .await;
}

#[tokio::test]
async fn the_rows_in_view_are_read_first_when_the_supervisor_scrolls_during_the_first_load() {
    // 2,000 users, every answer 20 ms late: the first load takes seconds, so a scroll lands during it.
    let config = Config {
        users: Some(2_000),
        seed: 7,
        faults: Faults {
            latency: Latency::fixed(Duration::from_millis(20)),
            ..Faults::default()
        },
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel.sign_in(USER, PASSWORD).await;
        panel
            .wait_until(
                "the rows",
                "document.querySelectorAll('.board-row').length > 0",
            )
            .await;
        // As soon as rows show, 60% of the way down the board.
        panel
            .js("window.scrollTo(0, document.documentElement.scrollHeight * 0.6); return 1")
            .await;
        panel
            .wait_until("the rows in view to have their statuses", IN_VIEW_LOADED)
            .await;
        // They came before the rest: most of the board is still loading (read in name order, the rows
        // 60% down would have waited for 60% of it).
        let progress = panel
            .js("return document.querySelector('.progress').textContent")
            .await;
        let progress = progress.as_str().unwrap().to_owned();
        let numbers: Vec<u64> = progress
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        let [settled, total] = numbers[..] else {
            panic!("the board finished loading first: {progress:?}");
        };
        assert!(
            settled * 100 < total * 40,
            "rows in view loaded only after {settled} of {total}"
        );
        // Further down, still during the load: the reading follows the view there, ahead of the rows
        // in between.
        panel
            .js("window.scrollTo(0, document.documentElement.scrollHeight * 0.9); return 1")
            .await;
        panel
            .wait_until("the rows 90% down to have their statuses", IN_VIEW_LOADED)
            .await;
        let still = panel
            .js("return document.querySelector('.progress').textContent")
            .await;
        assert!(
            still.as_str().unwrap().starts_with("Loaded "),
            "the rows 90% down came only with the whole board: {still}"
        );
        panel
    })
    .await;
}

#[tokio::test]
async fn polling_reads_the_rows_in_view_every_time_and_sweeps_the_rest() {
    let stats = Arc::new(Stats::default());
    let config = Config {
        stats: Some(stats.clone()),
        ..office()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel
            .wait_until(
                "the whole board",
                &format!("document.querySelector('.progress').textContent === '{USERS} users'"),
            )
            .await;
        panel.choose_refresh("5 s").await;
        let since = Instant::now();
        tokio::time::sleep(Duration::from_millis(11_500)).await;
        let in_view = rendered(&panel).await;
        // Whose status the refreshes read: `GET …/users/getByName/<username>/status`.
        let read: HashSet<String> = stats
            .seen()
            .into_iter()
            .filter(|s| s.started >= since && s.line.starts_with("GET ") && s.line.ends_with("/status"))
            .filter_map(|s| s.line.rsplit('/').nth(1).map(str::to_owned))
            .collect();
        let lite: HashSet<String> = serde_json::from_value(
            panel
                .js("return [...document.querySelectorAll('.board-row')].filter(r => r.querySelector('.tag-lite')).map(r => r.dataset.username)")
                .await,
        )
        .unwrap();
        for u in in_view.iter().filter(|u| !lite.contains(*u)) {
            assert!(read.contains(u), "{u} is on screen and was not read");
        }
        let swept = read.iter().filter(|u| !in_view.contains(u)).count();
        assert!(swept > 0, "no row out of view was swept: {read:?}");
        // Two refreshes read the screen and a share of the rest, not the whole office twice.
        assert!(
            read.len() < USERS / 2,
            "{} of {USERS} users read in two refreshes",
            read.len()
        );
        panel
    })
    .await;
}
