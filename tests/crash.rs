//! The panic panel: what a supervisor sees instead of a frozen page.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_error_panel_shows_the_message_and_a_reload_link() {
    isymphony_panel::crash::show("panicked at src/x.rs:1:1:\n<b>not markup</b>");
    let document = web_sys::window().unwrap().document().unwrap();
    let panel = document
        .query_selector(".crash[role=alert]")
        .unwrap()
        .expect("the panel");
    assert!(panel
        .text_content()
        .unwrap()
        .contains("The panel stopped working"));
    let message = document.query_selector(".crash-message").unwrap().unwrap();
    assert_eq!(
        message.text_content().unwrap(),
        "panicked at src/x.rs:1:1:\n<b>not markup</b>"
    );
    assert_eq!(
        message.children().length(),
        0,
        "server or panic text is never parsed as HTML"
    );
    let reload: web_sys::HtmlAnchorElement = document
        .query_selector(".crash a")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        reload.href(),
        web_sys::window().unwrap().location().href().unwrap()
    );
}
