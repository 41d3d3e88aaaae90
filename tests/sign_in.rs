//! The whole app mounted in headless Chromium against the reference server: sign in through the form and
//! see the board fill in.

mod common;

use common::{container, document, type_into, wait_for, API_BASE};
use isymphony_panel::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn input(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlInputElement {
    root.query_selector(&format!("input[name={name}]"))
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn submit(root: &web_sys::HtmlElement) {
    let button: web_sys::HtmlElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn wrong_password_then_right_password_shows_the_board() {
    let root = container();
    let _app = mount_to(root.clone(), || view! { <App api_base=API_BASE/> });
    // The app first looks for a session (a gateway's cookie, a tab that stays signed in): none here.
    wait_for("the sign-in form", || {
        root.query_selector("input[name=username]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;

    type_into(&input(&root, "username"), "manager");
    type_into(&input(&root, "password"), "nope");
    submit(&root);
    wait_for("the sign-in error", || {
        let said = text(&root, "[role=alert]");
        // The cause an operator meets on a real server too: not a realm user in security.xml.
        said.starts_with("Wrong username or password") && said.contains("security.xml")
    })
    .await;

    type_into(&input(&root, "password"), "manag3rpa55word");
    submit(&root);
    wait_for("the board to settle", || {
        text(&root, ".progress").ends_with(" users")
    })
    .await;

    let rows = root.query_selector_all(".board-row").unwrap().length();
    assert!(rows >= 40, "{rows} rows");
    let lite = root
        .query_selector_all(".board-row .tag-lite")
        .unwrap()
        .length();
    assert_eq!(lite, 3);
    assert!(text(&root, ".top-bar").contains("manager"));
    // The password is gone from the form and appears nowhere in the page.
    assert!(!document()
        .body()
        .unwrap()
        .inner_html()
        .contains("manag3rpa55word"));
}
