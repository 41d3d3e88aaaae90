//! A real iSymphony, not only our reading of it (contract, "Decided here" 14–19): records as FreePBX's
//! module makes them, and the vendor's spellings.

use e2e::{with_panel, Panel, DESKTOP};
use reference_server::Config;

/// The demo's branch office has a user made by FreePBX's module (no display name at all, `null` on the
/// live side) and one with a field the contract does not list (`restricted`): the whole board still loads,
/// the nameless user shows by their username, nothing is left out.
#[tokio::test]
async fn a_user_without_a_display_name_shows_by_username_and_nothing_is_left_out() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/servers/branch/status").await;
        let name = panel
            .js("return document.querySelector('.board-row[data-username=\"5106\"] .display-name')?.textContent ?? null")
            .await;
        // (The cell also says, for screen readers, whether they are online.)
        assert!(name.as_str().unwrap().ends_with("5106"), "{name}");
        let rows = panel.js("return document.querySelectorAll('.board-row').length").await;
        assert_eq!(rows, 7, "every branch user is on the board");
        let page = panel.js("return document.body.innerText").await;
        assert!(!page.as_str().unwrap().contains("left out"), "{page}");
        // The editor names them the same way.
        panel.click_button("Edit status for 5106").await;
        panel.element("dialog[open]").await;
        panel
    })
    .await;
}
