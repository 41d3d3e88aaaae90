//! Bulk status changes, undo and the audit trail in real Chromium, checked through the REST API.

use e2e::fantoccini::actions::{InputSource, KeyAction, KeyActions};
use e2e::fantoccini::key::Key;
use e2e::fantoccini::Locator;
use e2e::{with_panel, Panel, DESKTOP};
use reference_server::Config;
use serde_json::Value;

/// Ticks the row checkboxes of `usernames` (plain clicks).
async fn select(panel: &Panel, usernames: &[&str]) {
    for u in usernames {
        let css = format!(".board-row[data-username={u:?}] .col-select input");
        panel.element(&css).await.click().await.unwrap();
    }
}

async fn current_statuses(panel: &Panel, usernames: &[String]) -> Vec<Option<Value>> {
    let mut out = Vec::new();
    for u in usernames {
        out.push(panel.status_if_any(u).await);
    }
    out
}

/// Uses an export link as a click would (the download itself is prevented) and reads the file it built.
const EXPORT: &str = "const a = document.querySelector('a[download$=\".KIND\"]');
    document.addEventListener('click', e => e.preventDefault(), {once: true});
    a.click();
    return decodeURIComponent(a.href.split(',').slice(1).join(','))";

#[tokio::test]
async fn bulk_set_twenty_users_two_of_them_lite_then_undo() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        // Twenty consecutive rows (by name) holding exactly two lite users: from the first lite user on.
        let rows: Vec<(String, bool)> = serde_json::from_value(
            panel.js("return [...document.querySelectorAll('.board-row')].map(r => [r.dataset.username, !!r.querySelector('.tag-lite')])").await,
        )
        .unwrap();
        let start = rows.iter().position(|(_, lite)| *lite).unwrap();
        let chosen: Vec<String> = rows[start..start + 20].iter().map(|(u, _)| u.clone()).collect();
        let lite: Vec<String> = rows[start..start + 20].iter().filter(|(_, l)| *l).map(|(u, _)| u.clone()).collect();
        assert_eq!(lite.len(), 2, "the demo's lite users in that window: {lite:?}");
        let before = current_statuses(&panel, &chosen).await;

        // Click the first, shift-click the twentieth: the range in between is selected.
        select(&panel, &[chosen[0].as_str()]).await;
        let last = panel.element(&format!(".board-row[data-username={:?}] .col-select input", chosen[19])).await;
        panel
            .client()
            .perform_actions(
                KeyActions::new("shift".into()).then(KeyAction::Down { value: Key::Shift.into() }),
            )
            .await
            .unwrap();
        last.click().await.unwrap();
        panel.client().release_actions().await.unwrap();
        panel.wait_until("20 selected", "document.querySelector('.selection-bar .muted')?.textContent === '20 selected'").await;

        panel.click_button("Set status for 20 users").await;
        panel.element("dialog[open]").await;
        let option = panel.client().find(Locator::XPath("//dialog[@open]//*[@role='option'][span[normalize-space()='Blue']]")).await.unwrap();
        option.click().await.unwrap();
        panel.fill("Name", "All-hands meeting").await;
        panel.fill("Note", "Main hall").await;
        panel.click_button("Save").await;
        panel.wait_until("the job to finish", "document.querySelector('.bulk-progress span')?.textContent === '18 of 18' && !!document.querySelector('.bulk-report .bulk-line')").await;
        let report = panel.js("return document.querySelector('.bulk-report').textContent").await;
        let report = report.as_str().unwrap();
        assert!(report.contains("Succeeded: 18"), "{report}");
        assert!(report.contains("Skipped 2 lite users"), "{report}");

        for (u, was) in chosen.iter().zip(&before) {
            let now = panel.status_if_any(u).await;
            if lite.contains(u) {
                assert!(now.is_none(), "{u} is lite");
                continue;
            }
            let now = now.unwrap();
            assert_eq!((now["name"].as_str(), now["type"].as_str(), now["note"].as_str()), (Some("All-hands meeting"), Some("altblue"), Some("Main hall")), "{u}");
            assert!(was.is_some());
        }

        // Undo restores each user's previous name, type, note and return time.
        panel.click_button("Undo").await;
        panel.wait_until("the undo to finish", "document.querySelector('.toast')?.textContent.includes('Undone: 18 restored.')").await;
        for (u, was) in chosen.iter().zip(&before) {
            let (Some(now), Some(was)) = (panel.status_if_any(u).await, was) else { continue };
            for field in ["name", "type", "note", "returnTime"] {
                assert_eq!(now[field], was[field], "{u} {field}");
            }
        }
        panel
    })
    .await;
}

#[tokio::test]
async fn the_activity_page_lists_every_change_and_its_csv_parses() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.click_button("Edit status for Steve Summers").await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "Quarterly, \"big\" review").await;
        panel.click_button("Save").await;
        panel.wait_until("saved", "!document.querySelector('dialog[open]')").await;
        panel.click_button("Undo").await;
        panel.wait_until("undone", "document.querySelector('.toast')?.textContent.includes('Undone')").await;

        panel.client().find(Locator::LinkText("Activity")).await.unwrap().click().await.unwrap();
        panel.wait_until("two entries", "document.querySelectorAll('.activity-row').length === 2").await;
        let actions = panel.js("return [...document.querySelectorAll('.activity-row td:nth-child(4)')].map(t => t.textContent)").await;
        assert_eq!(actions, serde_json::json!(["undo", "status set"]));

        let unbuilt = panel.js("return document.querySelector('a[download$=\".csv\"]').href").await;
        assert_eq!(unbuilt, "data:text/csv;charset=utf-8,", "built when used, not as the page draws");
        let csv = panel
            .js(EXPORT.replace("KIND", "csv").as_str())
            .await;
        let rows = parse_csv(csv.as_str().unwrap());
        assert_eq!(rows[0], ["time", "by", "core server", "action", "target", "before", "after", "result"]);
        assert_eq!(rows.len(), 3);
        let set = &rows[2];
        assert_eq!((set[1].as_str(), set[2].as_str(), set[3].as_str(), set[4].as_str()), ("manager", "default", "status set", "4224"));
        assert!(set[6].starts_with("Quarterly, \"big\" review ("), "{set:?}");
        assert_eq!(set[7], "ok");
        assert!(!csv.as_str().unwrap().contains(e2e::PASSWORD));

        let json = panel
            .js(EXPORT.replace("KIND", "json").as_str())
            .await;
        let entries: Vec<Value> = serde_json::from_str(json.as_str().unwrap()).unwrap();
        assert_eq!(entries.len(), 2);

        // It survives a reload (browser storage), and the password is in no storage area.
        panel.client().refresh().await.unwrap();
        panel.sign_in(e2e::USER, e2e::PASSWORD).await;
        panel.wait_until("the entries again", "document.querySelectorAll('.activity-row').length === 2").await;
        let stored = panel.js("return JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage})").await;
        assert!(!stored.as_str().unwrap().contains(e2e::PASSWORD));
        panel
    })
    .await;
}

/// A small RFC 4180 reader, so the test checks the export independently of the code that wrote it.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}
