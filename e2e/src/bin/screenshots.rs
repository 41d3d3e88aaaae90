//! `cargo xtask screenshots`: the README's pictures, taken from the release dist/ in headless Chromium at
//! desktop and phone width (the daily pages also in Firefox and WebKit), written to `docs/screenshots/`.
//! `-- firefox` or `-- webkit` takes only that engine's; `-- day` only a supervisor's day (presets,
//! staffing minimums, a watch).

use e2e::{with_panel, with_panel_on, Engine, Launch, Panel, DESKTOP, PASSWORD, PHONE, USER};
use reference_server::Config;

const OUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/screenshots");

async fn save(panel: &Panel, name: &str) {
    let png = panel.client().screenshot().await.expect("screenshot");
    let path = format!("{OUT}/{name}.png");
    std::fs::write(&path, png).expect("write screenshot");
    println!("wrote {path}");
}

/// Every page a supervisor opens in a day, photographed as `name(page)`.
async fn tour(panel: &Panel, name: impl Fn(&str) -> String) {
    panel.client().goto(&panel.url("/")).await.unwrap();
    panel
        .wait_until(
            "the sign-in form",
            "document.querySelector('input[name=username]')",
        )
        .await;
    save(panel, &name("sign-in")).await;
    panel.sign_in(USER, PASSWORD).await;
    panel.wait_for_board().await;
    save(panel, &name("board")).await;
    panel.click_button("Dark theme").await;
    save(panel, &name("board-dark")).await;
    panel.click_button("Dark theme").await;
    panel.click_button("Edit status for Steve Summers").await;
    panel
        .wait_until("the editor", "document.querySelector('dialog[open]')")
        .await;
    save(panel, &name("editor")).await;
    panel.click_button("Cancel").await;
    panel
        .client()
        .find(e2e::fantoccini::Locator::LinkText("Groups"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    panel.click_link_containing("Sales").await;
    panel
        .wait_until(
            "the members",
            "document.querySelectorAll('.member-row').length > 5",
        )
        .await;
    panel.type_into("input[role=combobox]", "a").await;
    save(panel, &name("groups")).await;
    // The wall screen: same tab (signed in), opened by its URL.
    panel
        .client()
        .goto(&panel.url("/?view=board&compact=1"))
        .await
        .unwrap();
    panel.sign_in(USER, PASSWORD).await;
    panel.wait_for_board().await;
    save(panel, &name("wall-screen")).await;
}

#[tokio::main]
async fn main() {
    std::fs::create_dir_all(OUT).expect("screenshot folder");
    let only = std::env::args().nth(1);
    for engine in [Engine::Firefox, Engine::WebKit] {
        if only
            .as_deref()
            .is_none_or(|o| o == engine.name().to_lowercase())
        {
            other_engine(engine).await;
        }
    }
    if only.as_deref().is_none_or(|o| o == "day") {
        day().await;
    }
    if only.is_none() {
        chromium().await;
    }
}

/// A supervisor's day with a site's `config.json` (presets, staffing minimums): the board with the
/// overdue chip, the staffing strip (Sales marked) and a watch; the editor with presets and quick times;
/// the wall screen with its group strip.
async fn day() {
    let dist = e2e::dist_with(
        "screenshots-day",
        Some(
            r#"{"presets":[{"name":"Lunch","type":"away","for":"30 min"},{"name":"Meeting","type":"dnd","for":"1 h"},
                {"name":"Out of office","type":"xa","until":"next Monday 09:00"}],
                "staffing":[{"group":"Sales","minimumAvailable":6},{"group":"Support","minimumAvailable":4}]}"#,
        ),
    );
    for (size, suffix) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        let config = Config {
            static_dir: Some(dist.clone()),
            ..Config::default()
        };
        with_panel(config, size, |panel: Panel| async move {
            panel.open_board("/").await;
            panel.click_button("Watch Amelia Novak").await;
            panel
                .wait_until("the strip", "document.querySelector('.staffing-mark')")
                .await;
            panel.js("window.scrollTo(0, 0); return 1").await;
            save(&panel, &format!("day-board-{suffix}")).await;
            panel.click_button("Edit status for Steve Summers").await;
            panel
                .wait_until(
                    "the editor",
                    "document.querySelector('dialog[open] .presets')",
                )
                .await;
            save(&panel, &format!("day-editor-{suffix}")).await;
            panel.click_button("Cancel").await;
            panel
                .open_board("/servers/default/status?view=board&compact=1&groups=1")
                .await;
            panel
                .wait_until(
                    "the wall screen's strip",
                    "document.querySelector('.staffing-mark')",
                )
                .await;
            save(&panel, &format!("day-wall-screen-{suffix}")).await;
            panel
        })
        .await;
    }
}

/// The daily pages in Firefox or WebKit (whose window is at least 447 px wide: its "phone" is that).
async fn other_engine(engine: Engine) {
    for (size, suffix) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        with_panel_on(
            &Launch::on(engine),
            Config::default(),
            size,
            |panel: Panel| async move {
                let prefix = engine.name().to_lowercase();
                tour(&panel, |page| format!("{prefix}-{page}-{suffix}")).await;
                panel
            },
        )
        .await;
    }
}

/// Every picture in Chromium, the README's.
async fn chromium() {
    for (size, suffix) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        with_panel(Config::default(), size, |panel: Panel| async move {
            tour(&panel, |page| format!("{page}-{suffix}")).await;
            panel
        })
        .await;
    }
    // The connection check, signed out, as an operator setting up the proxy sees it: every request OK
    // but the Event socket, which this server refuses without credentials on its handshake.
    for (size, suffix) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        with_panel(Config::default(), size, |panel: Panel| async move {
            panel.client().goto(&panel.url("/check")).await.unwrap();
            panel
                .type_into(".check-form input[name=username]", USER)
                .await;
            panel
                .type_into(".check-form input[name=password]", PASSWORD)
                .await;
            panel.click_button("Run the check").await;
            panel
                .wait_until(
                    "the check",
                    "document.querySelectorAll('.check-row').length === 8",
                )
                .await;
            save(&panel, &format!("check-{suffix}")).await;
            panel
        })
        .await;
    }
    // Behind the gateway: since when each user is in their status, and the team's Activity.
    for (size, suffix) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        with_panel(Config::default(), size, |panel: Panel| async move {
            let gateway = e2e::gateway::start(&panel.server, Some(e2e::dist_dir()), "/", &[]).await;
            while panel.server.state.sockets_open() == 0 {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            let training = serde_json::json!({"name": "Training", "type": "xa", "note": "Room 2"});
            panel.set_status_via_api("4205", training).await;
            e2e::gateway::open_board(&panel, &gateway.origin()).await;
            panel.click_button("Edit status for Olivia Bennett").await;
            panel.element("dialog[open]").await;
            panel.fill("Name", "Lunch").await;
            panel.click_button("Save").await;
            panel
                .wait_until(
                    "since on the board",
                    "document.querySelector('.board-row[data-username=\"4201\"] .since')?.textContent.includes('·')",
                )
                .await;
            save(&panel, &format!("team-board-{suffix}")).await;
            panel.click_button("Edit status for Olivia Bennett").await;
            panel
                .wait_until("her day", "document.querySelector('dialog[open] .day-list li')")
                .await;
            save(&panel, &format!("team-day-{suffix}")).await;
            panel.click_button("Cancel").await;
            panel
                .client()
                .find(e2e::fantoccini::Locator::LinkText("Activity"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            panel
                .wait_until(
                    "the team's Activity",
                    "document.querySelectorAll('.activity-row').length >= 2",
                )
                .await;
            save(&panel, &format!("team-activity-{suffix}")).await;
            panel
        })
        .await;
    }
    // A long board (a synthetic office of 1,000), scrolled into the middle: only rows near the view are
    // rendered, which should not show.
    for (size, suffix) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        let office = Config {
            users: Some(1000),
            ..Config::default()
        };
        with_panel(office, size, |panel: Panel| async move {
            panel.open_board("/").await;
            panel
                .js("window.scrollTo(0, document.documentElement.scrollHeight / 2); return 1")
                .await;
            panel
                .wait_until(
                    "rows in view",
                    "[...document.querySelectorAll('.board-row')].some(r => r.getBoundingClientRect().top > 0)",
                )
                .await;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            save(&panel, &format!("long-board-{suffix}")).await;
            panel
        })
        .await;
    }
}
