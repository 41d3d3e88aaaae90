//! The browser's clocks as futures (a timeout, the next animation frame) and its two storages. Below every
//! layer: the API client waits between retries with the clocks, and `state::tasks` builds its timers on them.

use wasm_bindgen::JsCast;

/// Resolves after `ms` milliseconds (`setTimeout`).
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u32) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves at the next animation frame, after the browser has laid out what changed.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(resolve.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A User Timing mark (DevTools' Performance panel shows it; the benchmark reads it).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The browser's two storages: the one way the panel keeps anything (preferences, presets, the audit
/// trail in `Local`; the credentials, only when the supervisor asks, in `Tab`). A storage the browser
/// refuses (private mode, a full quota) reads as empty and writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// localStorage: kept across tabs and restarts. Never credentials.
    Local,
    /// sessionStorage: this tab only, gone when it closes.
    Tab,
}

impl Storage {
    fn area(self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match self {
            Storage::Local => window.local_storage(),
            Storage::Tab => window.session_storage(),
        }
        .ok()
        .flatten()
    }

    pub fn read(self, key: &str) -> Option<String> {
        self.area()?.get_item(key).ok().flatten()
    }

    pub fn write(self, key: &str, value: &str) {
        if let Some(area) = self.area() {
            let _ = area.set_item(key, value);
        }
    }

    pub fn remove(self, key: &str) {
        if let Some(area) = self.area() {
            let _ = area.remove_item(key);
        }
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat.supportedLocalesOf`, which throws `RangeError` for a malformed tag.
    #[wasm_bindgen(catch, js_namespace = ["Intl", "DateTimeFormat"], js_name = supportedLocalesOf)]
    fn supported_locales_of(
        locales: &js_sys::Array,
    ) -> Result<js_sys::Array, wasm_bindgen::JsValue>;
}

/// Whether the browser's `Intl` takes `tag`: well-formed, and a language it has.
pub fn intl_accepts(tag: &str) -> bool {
    supported_locales_of(&js_sys::Array::of1(&tag.into())).is_ok_and(|found| found.length() > 0)
}

/// The browser's languages in its order (`navigator.languages`, then `navigator.language`).
pub fn languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut out: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect();
    out.extend(navigator.language());
    out
}
