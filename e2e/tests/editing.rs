//! Editing statuses from the board in real Chromium, checked through the REST API.

use e2e::fantoccini::key::Key;
use e2e::{with_panel, with_panel_in, Panel, DESKTOP};
use reference_server::Config;
use serde_json::Value;

const EDITOR: &str = "dialog[open]";

async fn open_editor(panel: &Panel, display_name: &str) {
    panel
        .click_button(&format!("Edit status for {display_name}"))
        .await;
    panel.element(EDITOR).await;
}

async fn editor_closed(panel: &Panel) {
    panel
        .wait_until(
            "the editor to close",
            "!document.querySelector('dialog[open]')",
        )
        .await;
}

#[tokio::test]
async fn a_status_with_note_and_return_time_is_saved_and_then_cleared() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        open_editor(&panel, "Steve Summers").await;
        panel.pick_status_type("Purple").await;
        panel.fill("Name", "Board meeting").await;
        panel.fill("Note", "Room 4\nBack before lunch").await;
        let expected = panel.type_return_time_tomorrow().await;
        panel.click_button("Save").await;
        editor_closed(&panel).await;

        let status = panel.status_of("4224").await;
        assert_eq!(status["type"], "altpurple");
        assert_eq!(status["name"], "Board meeting");
        assert_eq!(status["note"], "Room 4\nBack before lunch");
        assert_eq!(status["returnTime"], expected);
        assert_eq!(status["userCreated"], true);

        // The row shows the server's truth.
        let row = panel
            .js("const r = document.querySelector('.board-row[data-username=\"4224\"]'); return [r.querySelector('.col-status-name .status-name').textContent, r.querySelector('.badge').className, r.querySelector('.col-return').textContent]")
            .await;
        assert_eq!(row[0], "Board meeting");
        assert!(row[1].as_str().unwrap().contains("badge-altpurple"));
        assert!(row[2].as_str().unwrap().starts_with("back in"), "{row}");

        // Clear the return time with "No return time".
        open_editor(&panel, "Steve Summers").await;
        assert_eq!(panel.value_of("dialog input[name=name]").await, "Board meeting");
        panel.element("dialog input[name=noReturnTime]").await.click().await.unwrap();
        panel.click_button("Save").await;
        editor_closed(&panel).await;
        let status = panel.status_of("4224").await;
        assert_eq!(status["returnTime"], -1);
        assert_eq!(status["type"], "altpurple");
        panel
    })
    .await;
}

#[tokio::test]
async fn presets_set_available_in_one_click_and_remember_recent_statuses() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        open_editor(&panel, "Amelia Novak").await;
        panel.click_button("Available").await;
        editor_closed(&panel).await;
        let status = panel.status_of("4205").await;
        assert_eq!(
            (
                status["type"].as_str(),
                status["note"].as_str(),
                status["returnTime"].as_i64()
            ),
            (Some("available"), Some(""), Some(-1))
        );

        // A status typed once becomes a preset for the next user.
        open_editor(&panel, "Ben Goldberg").await;
        panel.pick_status_type("Green").await;
        panel.fill("Name", "Site visit").await;
        panel
            .element("dialog input[name=name]")
            .await
            .send_keys(&Key::Enter.to_string())
            .await
            .unwrap();
        editor_closed(&panel).await;
        assert_eq!(panel.status_of("4232").await["name"], "Site visit");
        open_editor(&panel, "Carlos Mendes").await;
        panel.click_button("Site visit").await;
        editor_closed(&panel).await;
        let status = panel.status_of("4241").await;
        assert_eq!(
            (status["name"].as_str(), status["type"].as_str()),
            (Some("Site visit"), Some("altgreen"))
        );
        panel
    })
    .await;
}

#[tokio::test]
async fn escape_cancels_and_validation_speaks_beside_the_field() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let before = panel.status_of("4218").await;
        open_editor(&panel, "Adam Nowak").await;
        panel.fill("Name", " ").await;
        panel.click_button("Save").await;
        panel.wait_until("the name message", "document.querySelector('#name-error')?.textContent === 'Enter a status name.'").await;
        assert_eq!(panel.js("return document.querySelector('dialog input[name=name]').getAttribute('aria-invalid')").await, "true");
        panel.element("dialog input[name=name]").await.send_keys(&Key::Escape.to_string()).await.unwrap();
        editor_closed(&panel).await;
        assert_eq!(panel.status_of("4218").await, before, "nothing was sent");
        panel
    })
    .await;
}

#[tokio::test]
async fn a_failing_save_keeps_everything_typed() {
    with_panel(Config::default(), DESKTOP, |mut panel: Panel| async move {
        panel.open_board("/").await;
        open_editor(&panel, "Emily Chen").await;
        panel.pick_status_type("Red").await;
        panel.fill("Name", "Dentist").await;
        panel.fill("Note", "Keep this note").await;
        panel.server.stop().await;
        panel.click_button("Save").await;
        panel
            .wait_until("the save error", "document.querySelector('dialog [role=alert]')?.textContent.includes('Cannot reach')")
            .await;
        assert_eq!(panel.value_of("dialog input[name=name]").await, "Dentist");
        assert_eq!(panel.value_of("dialog textarea[name=note]").await, "Keep this note");
        let selected = panel.js("return document.querySelector('dialog [role=option][aria-selected=true] span:last-child').textContent").await;
        assert_eq!(selected, Value::from("Red"));
        assert_eq!(panel.js("return !!document.querySelector('dialog[open]')").await, true);
        panel
    })
    .await;
}

/// The filter's text reaches the URL once typing pauses (not at every keystroke: that cost a big board a
/// frame each), a URL changed by the router while the board stays open — the top bar's "Status" link,
/// which carries no filter — is what the board then shows, and leaving the board before the pause leaves
/// it for good.
#[tokio::test]
async fn the_filter_reaches_the_url_after_typing_and_follows_a_link_that_clears_it() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let all = panel
            .js("return document.querySelectorAll('.board-row').length")
            .await;
        panel
            .type_into("input[aria-label='Filter users']", "JOZEF")
            .await;
        panel
            .wait_until(
                "one row",
                "document.querySelectorAll('.board-row').length === 1",
            )
            .await;
        panel
            .wait_until("the URL to follow", "location.search === '?q=JOZEF'")
            .await;

        panel.click_link_containing("Status").await;
        panel
            .wait_until("the URL without a filter", "location.search === ''")
            .await;
        panel
            .wait_until(
                "every row again",
                &format!("document.querySelectorAll('.board-row').length === {all}"),
            )
            .await;
        assert_eq!(panel.value_of("input[aria-label='Filter users']").await, "");

        // Typed, then off to another page before the pause: the URL write waiting for it must not bring
        // the supervisor back to the board.
        panel
            .type_into("input[aria-label='Filter users']", "ada")
            .await;
        panel.click_link_containing("Groups").await;
        panel
            .wait_until("the groups page", "location.pathname.includes('/groups')")
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(1_000)).await;
        let at = panel.js("return location.pathname + location.search").await;
        assert!(
            at.as_str().unwrap().contains("/groups") && !at.as_str().unwrap().contains("q="),
            "{at}"
        );
        panel
    })
    .await;
}

#[tokio::test]
async fn filter_chips_and_sort_live_in_the_url_and_survive_a_reload() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.type_into("input[aria-label='Filter users']", "JOZEF").await;
        panel.wait_until("one row", "document.querySelectorAll('.board-row').length === 1").await;
        let shown = panel.js("return document.querySelector('.board-row').dataset.username").await;
        assert_eq!(shown, "józef.wójcik");
        panel.type_into("input[aria-label='Filter users']", "").await;
        panel.click_button("Away").await;
        panel.wait_until("away rows only", "[...document.querySelectorAll('.board-row .badge')].every(b => b.classList.contains('badge-away'))").await;
        let url = panel.client().current_url().await.unwrap();
        assert_eq!(url.query(), Some("types=away"));

        panel.type_into("input[aria-label='Filter users']", "back").await;
        panel.wait_until("the URL to follow", "location.search.includes('q=back')").await;
        let expected: Vec<String> = {
            let users = panel.api_get("live/coreServers/getByName/default/users").await;
            let mut names = Vec::new();
            for u in users.as_array().unwrap() {
                let name = u["userName"].as_str().unwrap();
                // Lite users answer 403 and have no status to match.
                let Some(s) = panel.status_if_any(name).await else { continue };
                let text = format!("{} {}", s["name"], s["note"]).to_lowercase();
                if s["type"] == "away" && text.contains("back") {
                    names.push(name.to_owned());
                }
            }
            names.sort();
            names
        };
        assert!(!expected.is_empty());

        // A reload forgets the credentials (memory only) but not the view.
        panel.client().refresh().await.unwrap();
        panel.sign_in(e2e::USER, e2e::PASSWORD).await;
        panel.wait_for_board().await;
        assert_eq!(panel.value_of("input[aria-label='Filter users']").await, "back");
        assert_eq!(panel.js("return document.querySelector('button[aria-pressed=true]')?.textContent").await, "Away");
        let mut shown: Vec<String> = serde_json::from_value(
            panel.js("return [...document.querySelectorAll('.board-row')].map(r => r.dataset.username)").await,
        )
        .unwrap();
        shown.sort();
        assert_eq!(shown, expected);
        panel
    })
    .await;
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian), as an independent oracle for the browser.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A supervisor far from UTC (India, +5:30, no daylight saving) and one in UTC type "tomorrow 09:30": the
/// server stores that instant in their zone, computed here without the browser. (The other tests run in
/// America/New_York, the harness's default.)
#[tokio::test]
async fn a_return_time_is_the_supervisors_own_wall_clock_in_kolkata_and_in_utc() {
    for (zone, offset_minutes) in [("Asia/Kolkata", 330), ("UTC", 0)] {
        with_panel_in(
            zone,
            Config::default(),
            DESKTOP,
            move |panel: Panel| async move {
                panel.open_board("/").await;
                open_editor(&panel, "Steve Summers").await;
                panel.fill("Name", "Back tomorrow").await;
                let browser_says = panel.type_return_time_tomorrow().await;
                let typed = panel.value_of("dialog input[name=returnTime]").await;
                let [y, m, d]: [i64; 3] =
                    [&typed[0..4], &typed[5..7], &typed[8..10]].map(|p| p.parse().unwrap());
                let expected =
                    (days_from_civil(y, m, d) * 1440 + 9 * 60 + 30 - offset_minutes) * 60_000;
                assert_eq!(
                    browser_says, expected,
                    "the browser's own clock is in {zone}"
                );
                panel.click_button("Save").await;
                editor_closed(&panel).await;
                assert_eq!(
                    panel.status_of("4224").await["returnTime"],
                    expected,
                    "{zone}: {typed}"
                );
                panel
            },
        )
        .await;
    }
}

#[test]
fn the_civil_oracle_knows_its_dates() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    assert_eq!(days_from_civil(2026, 12, 1), 20_788);
}

/// "+15 min" sets exactly now + 15 minutes (to the minute the input holds), "Tomorrow 09:00" the next
/// day at the working day's start in the browser's zone (New York), and a quick choice unticks "No return
/// time".
#[tokio::test]
async fn quick_return_times_set_now_plus_fifteen_minutes_and_tomorrows_start() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        open_editor(&panel, "Nora Virtanen").await;
        let clicked = reference_server::now_ms();
        panel.click_button("+15 min").await;
        assert_eq!(panel.js("return document.querySelector('input[name=noReturnTime]').checked").await, Value::Bool(false));
        panel.click_button("Save").await;
        editor_closed(&panel).await;
        let back = panel.status_of("4225").await["returnTime"].as_i64().unwrap();
        let expected = clicked + 15 * 60_000;
        assert!((expected - 60_000..=expected + 1_000).contains(&back), "{back} is not {expected} to the minute");

        open_editor(&panel, "Nora Virtanen").await;
        panel.click_button("Tomorrow 09:00").await;
        panel.click_button("Save").await;
        editor_closed(&panel).await;
        let back = panel.status_of("4225").await["returnTime"].as_i64().unwrap();
        let local = panel
            .js(&format!("const d = new Date({back}); return [d.getHours(), d.getMinutes(), Math.round((d - new Date(new Date().setHours(0,0,0,0))) / 86400000)]"))
            .await;
        assert_eq!(local, serde_json::json!([9, 0, 1]), "tomorrow 09:00 in the browser's zone");
        panel
    })
    .await;
}
