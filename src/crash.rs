//! What a supervisor sees if the panel ever panics, or a JavaScript exception escapes its code: an error
//! panel with the message and a way to reload, never a frozen white page or a half-loaded board that looks
//! like a working one. Built with plain DOM calls, because after a panic nothing reactive can be trusted
//! (and a release build aborts right after the hook).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Installs the hook: the message goes to the console (as before) and onto the page; and watches for
/// exceptions that escape the panel's callbacks and tasks.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
    watch_escapes();
}

/// A JavaScript exception thrown inside the panel's event handlers or tasks (the browser's `Intl` refusing
/// a language, say) is not a Rust panic: it reaches `window` as an `error` event (a handler) or an
/// `unhandledrejection` (a task, run in a promise job). Both show the panel, with what happened.
pub fn watch_escapes() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let origin = window.location().origin().unwrap_or_default();
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        if is_panels(&e.filename(), &e.message(), &origin) {
            show(&format!(
                "{} ({}:{})",
                e.message(),
                e.filename(),
                e.lineno()
            ));
        }
    });
    let on_rejection = Closure::<dyn Fn(web_sys::PromiseRejectionEvent)>::new(
        |e: web_sys::PromiseRejectionEvent| {
            let reason = e.reason();
            let text = reason
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.to_string()))
                .or_else(|| reason.as_string())
                .unwrap_or_else(|| "an unknown reason".into());
            show(&format!("A task of the panel failed: {text}"));
        },
    );
    let _ = window.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback(
        "unhandledrejection",
        on_rejection.as_ref().unchecked_ref(),
    );
    // For the page's life.
    on_error.forget();
    on_rejection.forget();
}

/// Whether an `error` event is the panel's: thrown from a script of the panel's own origin — not a browser
/// extension's or another site's ("Script error."), and not the browser's harmless ResizeObserver notice.
pub fn is_panels(filename: &str, message: &str, origin: &str) -> bool {
    !origin.is_empty()
        && filename.starts_with(&format!("{origin}/"))
        && !message.contains("ResizeObserver loop")
}

/// Puts the error panel on the page (once: the first failure is the one to read).
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if document.query_selector(".crash").ok().flatten().is_some() {
        return;
    }
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

#[cfg(test)]
mod tests {
    use super::is_panels;

    #[test]
    fn only_the_panels_own_scripts_count() {
        let origin = "https://pbx.example.com";
        assert!(is_panels(
            "https://pbx.example.com/panel/isymphony-panel-1f2e.js",
            "RangeError: invalid language tag: C",
            origin
        ));
        assert!(!is_panels(
            "chrome-extension://abc/content.js",
            "TypeError",
            origin
        ));
        assert!(
            !is_panels("", "Script error.", origin),
            "another origin's script"
        );
        assert!(!is_panels(
            "https://pbx.example.com.evil.example/x.js",
            "x",
            origin
        ));
        assert!(!is_panels(
            "https://pbx.example.com/x.js",
            "ResizeObserver loop completed with undelivered notifications.",
            origin
        ));
    }
}
