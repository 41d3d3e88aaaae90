//! The browser's own notifications (the Notification API), opt-in: asked for only when the supervisor
//! turns them on, remembered in this browser, and never shown on a wall screen. Watches that fire and
//! overdue returns use them; the panel's own notifications show either way.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use crate::state::persisted::Persisted;

const KEY: &str = "isymphony-panel.browser-notifications";

/// Whether the browser's notifications are wanted (remembered) and what the browser allows.
#[derive(Clone, Copy)]
pub struct BrowserAlerts {
    wanted: Persisted<bool>,
    permission: RwSignal<Permission>,
    /// A wall screen shows nothing of its own accord.
    wall_screen: bool,
    /// The site's title, the notifications' title.
    title: StoredValue<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// This browser has no Notification API (or the page is not a secure context).
    Unsupported,
    Ask,
    Granted,
    Denied,
}

fn permission_now() -> Permission {
    let supported = web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"Notification".into()).unwrap_or(false));
    if !supported {
        return Permission::Unsupported;
    }
    match Notification::permission() {
        NotificationPermission::Granted => Permission::Granted,
        NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Ask,
    }
}

impl BrowserAlerts {
    pub fn load(title: String, wall_screen: bool) -> Self {
        BrowserAlerts {
            wanted: Persisted::load(KEY),
            permission: RwSignal::new(permission_now()),
            wall_screen,
            title: StoredValue::new(title),
        }
    }

    /// Whether they are on: wanted here and allowed by the browser.
    pub fn on(&self) -> bool {
        self.wanted.signal.get() && self.permission.get() == Permission::Granted
    }

    pub fn permission(&self) -> Permission {
        self.permission.get()
    }

    /// Turns them on, asking the browser first if it has not been asked.
    pub fn turn_on(self) {
        self.wanted.update(|w| *w = true);
        if self.permission.get_untracked() != Permission::Ask {
            return;
        }
        let Ok(asked) = Notification::request_permission() else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(asked).await;
            self.permission.try_set(permission_now());
        });
    }

    pub fn turn_off(self) {
        self.wanted.update(|w| *w = false);
    }

    /// Shows `body` as a browser notification when they are on; `tag` keeps one per subject (a second
    /// with the same tag replaces the first).
    pub fn show(&self, body: &str, tag: &str) {
        if self.wall_screen || !self.wanted.signal.get_untracked() {
            return;
        }
        if permission_now() != Permission::Granted {
            return;
        }
        let options = NotificationOptions::new();
        options.set_body(body);
        options.set_tag(tag);
        let title = self.title.get_value();
        if let Ok(shown) = Notification::new_with_options(&title, &options) {
            // A click brings the panel's tab forward.
            let focus = wasm_bindgen::closure::Closure::once_into_js(|| {
                if let Some(w) = web_sys::window() {
                    let _ = w.focus();
                }
            });
            shown.set_onclick(Some(focus.unchecked_ref()));
        }
    }
}

/// Whether the panel's tab is the one the supervisor is looking at.
pub fn page_has_focus() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.has_focus().unwrap_or(false))
}

pub fn use_browser_alerts() -> BrowserAlerts {
    expect_context::<BrowserAlerts>()
}
