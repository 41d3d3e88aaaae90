//! When the server changes under the panel: credentials changed mid-session, the server gone.

use e2e::{with_panel, Panel, DESKTOP, USER};
use reference_server::{Config, Credentials};

#[tokio::test]
async fn a_401_mid_edit_asks_to_sign_in_again_and_keeps_the_unsaved_edit() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.click_button("Edit status for Henry Thompson").await;
        panel.element("dialog[open]").await;
        panel.type_into("dialog input[name=name]", "Do not lose this").await;
        panel.type_into("dialog textarea[name=note]", "typed before the password changed").await;

        // The operator changes the password on the server.
        panel.server.state.set_credentials(Credentials { user: USER.into(), password: "n3w-pa55".into() });
        panel.click_in_dialog("Save").await;
        panel.wait_until("the sign-in dialog", "!!document.querySelector('dialog.sign-in-again[open]')").await;

        // Underneath, the editor and what was typed are still there.
        assert_eq!(panel.value_of("dialog.editor input[name=name]").await, "Do not lose this");
        assert_eq!(panel.value_of("dialog.editor textarea[name=note]").await, "typed before the password changed");

        panel.type_into("dialog.sign-in-again input[name=username]", USER).await;
        panel.type_into("dialog.sign-in-again input[name=password]", "n3w-pa55").await;
        panel.click_button_in_css("dialog.sign-in-again", "Sign in").await;
        panel.wait_until("the dialog to go", "!document.querySelector('dialog.sign-in-again')").await;
        assert_eq!(panel.value_of("dialog.editor input[name=name]").await, "Do not lose this");

        panel.click_in_dialog("Save").await;
        panel.wait_until("the editor to close", "!document.querySelector('dialog.editor')").await;
        let status = panel.status_of_with("4220", USER, "n3w-pa55").await;
        assert_eq!(status["name"], "Do not lose this");
        assert_eq!(status["note"], "typed before the password changed");
        assert!(!panel.js("return JSON.stringify({...localStorage, ...sessionStorage})").await.as_str().unwrap().contains("n3w-pa55"));
        panel
    })
    .await;
}

#[tokio::test]
async fn the_console_is_really_read_by_the_harness() {
    // The harness fails any test whose console shows a panic or a password; make sure it sees the console.
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel.js("console.warn('harness-probe-line'); return 1").await;
        let lines = panel.browser.console().await;
        assert!(lines.iter().any(|l| l.contains("harness-probe-line")), "{lines:?}");
        panel
    })
    .await;
}
