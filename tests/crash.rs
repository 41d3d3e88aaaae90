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

/// An exception that escapes the panel's own code reaches `window` as an `error` event from a script of
/// the panel's origin (as an `Intl` refusal inside an event handler would): it shows the panel with what
/// happened; one from a browser extension's script does not. (Events are dispatched: a real uncaught throw
/// would also fail this test harness, which watches for them itself.)
#[wasm_bindgen_test]
fn an_exception_escaping_the_panels_code_shows_the_panel() {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    if let Some(old) = document.query_selector(".crash").unwrap() {
        old.remove();
    }
    isymphony_panel::crash::watch_escapes();
    let error = |message: &str, filename: &str| {
        let init = web_sys::ErrorEventInit::new();
        init.set_message(message);
        init.set_filename(filename);
        let event = web_sys::ErrorEvent::new_with_event_init_dict("error", &init).unwrap();
        window.dispatch_event(&event).unwrap();
    };
    error(
        "TypeError: from an extension",
        "chrome-extension://abc/content.js",
    );
    assert!(
        document.query_selector(".crash").unwrap().is_none(),
        "not the panel's"
    );
    let origin = window.location().origin().unwrap();
    error(
        "RangeError: invalid language tag: C",
        &format!("{origin}/isymphony-panel-1f2e.js"),
    );
    let message = document
        .query_selector(".crash-message")
        .unwrap()
        .expect("the panel, for an escaped exception");
    assert!(
        message
            .text_content()
            .unwrap()
            .contains("RangeError: invalid language tag: C"),
        "{:?}",
        message.text_content()
    );
}
