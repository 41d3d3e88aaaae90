//! What a supervisor sees if the panel ever panics: an error panel with the message and a way to reload,
//! never a frozen white page. Built with plain DOM calls, because after a panic nothing reactive can be
//! trusted (and a release build aborts right after the hook).

use wasm_bindgen::JsCast;

/// Installs the hook: the message goes to the console (as before) and onto the page.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Puts the error panel on the page.
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let element = |tag: &str, class: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        e.set_class_name(class);
        e.set_text_content(Some(text));
        Some(e)
    };
    let Some(panel) = element("div", "crash", "") else {
        return;
    };
    let _ = panel.set_attribute("role", "alert");
    let reload = element("a", "button primary", "Reload the panel");
    if let Some(a) = reload
        .as_ref()
        .and_then(|a| a.dyn_ref::<web_sys::HtmlAnchorElement>())
    {
        a.set_href(
            &web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_else(|| "/".into()),
        );
    }
    let parts = [
        element("h1", "", "The panel stopped working"),
        element(
            "p",
            "",
            "Something went wrong inside the panel. Reloading starts it again; if this keeps happening, \
             send the message below to whoever looks after the panel.",
        ),
        element("pre", "crash-message", message),
        reload,
    ];
    for part in parts.into_iter().flatten() {
        let _ = panel.append_child(&part);
    }
    let _ = body.append_child(&panel);
}
