//! Shared by the browser tests: where the reference server is, and small DOM helpers.
//!
//! `cargo xtask test` starts `reference-server --addr 127.0.0.1:58091 --allow-origin http://127.0.0.1:58090`
//! and runs the test page on 127.0.0.1:58090 (`WASM_BINDGEN_TEST_ADDRESS`), so the origin CORS allows is known.
#![allow(dead_code)]

use isymphony_panel::api::{ApiClient, Credentials};
use wasm_bindgen::JsCast;

pub const API_BASE: &str = match option_env!("PANEL_TEST_API") {
    Some(base) => base,
    None => "http://127.0.0.1:58091/communication_manager/",
};

pub fn manager() -> ApiClient {
    ApiClient::new(API_BASE, &Credentials::new("manager", "manag3rpa55word"))
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount a component into.
pub fn container() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// Sleeps in the browser's event loop.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Polls until `ready` holds, for up to 10 s; panics with `what` otherwise.
pub async fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..200 {
        if ready() {
            return;
        }
        sleep(50).await;
    }
    panic!("timed out waiting for {what}");
}

/// Sets an input's value and fires `input`, as typing does.
pub fn type_into(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&event).unwrap();
}

/// The first element matching `selector` under `root`, typed.
pub fn find<T: JsCast>(root: &web_sys::Element, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

/// The text of the first element matching `selector`, or "" when there is none.
pub fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Presses a key on `target` (a bubbling `keydown`, as the keyboard sends).
pub fn press(target: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}
