//! The board as a page a supervisor keeps open: refreshes in place, leaves an open editor alone, and shows
//! return times relative to now.

use e2e::{with_panel, Panel, DESKTOP};
use reference_server::Config;
use serde_json::json;

#[tokio::test]
async fn a_refresh_updates_rows_in_place_without_disturbing_an_open_editor() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.choose_refresh("5 s").await;
        // Mark the DOM nodes: a refresh that rebuilt rows (flicker) would lose the marks.
        panel.js("document.querySelectorAll('.board-row').forEach(r => r.__kept = true); return 1").await;

        panel.click_button("Edit status for Olivia Bennett").await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "My unsaved words").await;
        let scrolled = panel.js("return window.scrollY").await;

        panel.set_status_via_api("4201", json!({"name": "Changed by the PBX", "type": "dnd", "note": "elsewhere"})).await;
        panel.set_status_via_api("4202", json!({"name": "Also changed", "type": "chat"})).await;
        panel
            .wait_until(
                "the other row to refresh",
                "document.querySelector('.board-row[data-username=\"4202\"] .col-status-name .status-name')?.textContent === 'Also changed'",
            )
            .await;
        panel
            .wait_until("the editor to say so", "document.querySelector('dialog[open] [role=status]')?.textContent.includes('Changed by the PBX')")
            .await;
        assert_eq!(panel.value_of("dialog input[name=name]").await, "My unsaved words");
        assert_eq!(panel.js("return [...document.querySelectorAll('.board-row')].every(r => r.__kept)").await, true);
        assert_eq!(panel.js("return window.scrollY").await, scrolled, "the page did not jump");
        panel
    })
    .await;
}

#[tokio::test]
async fn return_times_read_relative_with_the_local_time_on_hover_and_overdue_marked() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        // Chloé Martin's demo status came back 20 minutes ago; Amelia Novak returns in 25.
        let overdue = panel
            .js("const e = document.querySelector('.board-row[data-username=\"4209\"] .return'); return [e.textContent, e.classList.contains('overdue'), e.title, e.getAttribute('aria-label')]")
            .await;
        assert!(overdue[0].as_str().unwrap().contains("overdue by 20 minutes"), "{overdue}");
        assert_eq!(overdue[1], true);
        let title = overdue[2].as_str().unwrap();
        assert!(title.contains("2026") || title.contains(','), "absolute time on hover: {title}");
        assert!(overdue[3].as_str().unwrap().ends_with(title), "{overdue}");
        let soon = panel
            .js("const e = document.querySelector('.board-row[data-username=\"4205\"] .return'); return [e.textContent, e.classList.contains('overdue')]")
            .await;
        assert_eq!(soon[0], "back in 25 minutes");
        assert_eq!(soon[1], false);
        // Online dots come from the logins.
        let dots = panel.js("return [document.querySelectorAll('.dot.online').length, document.querySelectorAll('.dot.offline').length]").await;
        assert!(dots[0].as_u64().unwrap() > 0 && dots[1].as_u64().unwrap() > 0, "{dots}");
        panel
    })
    .await;
}
