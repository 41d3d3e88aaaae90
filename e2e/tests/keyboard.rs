//! The board from the keyboard alone.

use e2e::{with_panel, Panel, DESKTOP};
use reference_server::Config;

async fn focused_row(panel: &Panel) -> String {
    panel
        .js("return document.activeElement?.closest('.board-row')?.dataset.username ?? ''")
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn slash_j_k_x_e_and_question_mark_work_without_a_mouse() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.js("document.activeElement.blur(); return 1").await;

        panel.press('/').await;
        assert_eq!(panel.js("return document.activeElement.getAttribute('aria-label')").await, "Filter users");
        panel.js("document.activeElement.blur(); return 1").await;

        let order: Vec<String> = serde_json::from_value(
            panel.js("return [...document.querySelectorAll('.board-row')].map(r => r.dataset.username)").await,
        )
        .unwrap();
        panel.press('j').await;
        panel.press('j').await;
        panel.press('j').await;
        panel.press('k').await;
        assert_eq!(focused_row(&panel).await, order[1]);

        panel.press('x').await;
        panel.wait_until("one selected", "document.querySelector('.selection-bar .muted')?.textContent === '1 selected'").await;
        let checked = panel.js(&format!("return document.querySelector('.board-row[data-username={:?}] .col-select input').checked", order[1])).await;
        assert_eq!(checked, true);

        panel.press('e').await;
        panel.wait_until("the editor", "document.querySelector('dialog.editor[open] h2')?.textContent.startsWith('Edit status for')").await;
        let name = panel.js(&format!("return document.querySelector('.board-row[data-username={:?}] .display-name').textContent", order[1])).await;
        let title = panel.js("return document.querySelector('dialog.editor[open] h2').textContent").await;
        assert!(name.as_str().unwrap().ends_with(title.as_str().unwrap().trim_start_matches("Edit status for ")), "{name} / {title}");
        panel.press('\u{e00c}').await; // Escape
        panel.wait_until("the editor to close", "!document.querySelector('dialog[open]')").await;

        panel.press('?').await;
        panel.wait_until("the sheet", "document.querySelector('dialog.shortcut-sheet[open]')?.textContent.includes('Keyboard shortcuts')").await;
        panel.press('\u{e00c}').await;
        panel.wait_until("the sheet to close", "!document.querySelector('dialog[open]')").await;
        panel
    })
    .await;
}
