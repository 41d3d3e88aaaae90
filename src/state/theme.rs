//! Light or dark: the system's preference until the supervisor picks one, which this browser remembers
//! (localStorage; a preference, not a credential). CSS does the rest (`:root[data-theme]`).

use crate::browser::Storage;

const KEY: &str = "isymphony-panel.theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The theme in force: the remembered choice, else the system's preference.
pub fn current() -> Theme {
    let remembered = Storage::Local.read(KEY);
    match remembered.as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ => system(),
    }
}

fn system() -> Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Applies a remembered choice at start (without one, CSS follows the system).
pub fn apply_remembered() {
    if Storage::Local.read(KEY).is_some() {
        set_attribute(current());
    }
}

/// The supervisor's choice: applied now and remembered.
pub fn choose(theme: Theme) {
    set_attribute(theme);
    Storage::Local.write(KEY, theme.as_str());
}

fn set_attribute(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}
