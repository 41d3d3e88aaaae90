//! The board from the keyboard: `/` filter, `j`/`k` or arrows move the focused row, `e` or Enter edits it,
//! `x` selects it, `w` watches its user, `?` shows the sheet; Esc closes dialogs (the native `<dialog>` does that). Keys are
//! ignored while typing in a field or while a dialog is open.

use leptos::ev;
use leptos::leptos_dom::helpers::window_event_listener;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::modal::modal;
use crate::domain::shortcuts::{command, step, Command, SHEET};

/// What the shortcuts act on.
#[derive(Clone, Copy)]
pub struct Targets {
    /// The usernames shown, in order.
    pub shown: Signal<Vec<String>>,
    pub focused: RwSignal<Option<String>>,
    pub on_edit: Callback<String>,
    pub on_toggle: Callback<String>,
    pub on_watch: Callback<String>,
    pub help: RwSignal<bool>,
}

/// Listens on the window for as long as the board is shown.
pub fn install(targets: Targets) {
    let handle = window_event_listener(ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let modified = ev.ctrl_key() || ev.meta_key() || ev.alt_key();
        let Some(cmd) = command(&ev.key(), typing(&ev) || dialog_open(), modified) else {
            return;
        };
        // Enter on a button or link is that control's own; leave it alone.
        if cmd == Command::Edit && ev.key() == "Enter" && on_control(&ev) {
            return;
        }
        ev.prevent_default();
        let focused = targets.focused.get_untracked();
        match cmd {
            Command::FocusFilter => {
                if let Some(filter) =
                    element::<web_sys::HtmlElement>("input[aria-label='Filter users']")
                {
                    let _ = filter.focus();
                }
            }
            Command::Next | Command::Previous => {
                let order = targets.shown.get_untracked();
                targets
                    .focused
                    .set(step(&order, focused.as_deref(), cmd == Command::Next));
            }
            Command::Edit => focused.into_iter().for_each(|u| targets.on_edit.run(u)),
            Command::ToggleSelect => focused.into_iter().for_each(|u| targets.on_toggle.run(u)),
            Command::Watch => focused.into_iter().for_each(|u| targets.on_watch.run(u)),
            Command::Help => targets.help.set(true),
        }
    });
    on_cleanup(move || handle.remove());
}

fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.closest("[contenteditable]").ok().flatten().is_some()
        })
}

fn on_control(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "BUTTON" | "A"))
}

fn dialog_open() -> bool {
    element::<web_sys::Element>("dialog[open]").is_some()
}

fn element<T: JsCast>(selector: &str) -> Option<T> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()??
        .dyn_into()
        .ok()
}

/// The shortcut sheet.
#[component]
pub fn ShortcutSheet(open: RwSignal<bool>) -> impl IntoView {
    move || {
        open.get().then(|| {
            let dialog = modal();
            view! {
                <dialog node_ref=dialog class="editor shortcut-sheet" aria-labelledby="shortcuts-title" on:close=move |_| open.set(false)>
                    <div class="editor-form">
                        <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                        <dl class="shortcuts">
                            {SHEET.iter().map(|(keys, what)| view! { <dt><kbd>{*keys}</kbd></dt><dd>{*what}</dd> }).collect_view()}
                        </dl>
                        <div class="editor-actions">
                            <button type="button" class="primary" on:click=move |_| open.set(false)>"Close"</button>
                        </div>
                    </div>
                </dialog>
            }
        })
    }
}
