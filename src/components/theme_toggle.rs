//! The top bar's light/dark toggle.

use leptos::prelude::*;

use crate::state::theme::{choose, current, Theme};

/// The top bar's toggle.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(current());
    view! {
        <button
            type="button"
            class="quiet theme-toggle"
            aria-pressed=move || (theme.get() == Theme::Dark).to_string()
            on:click=move |_| {
                let next = if theme.get_untracked() == Theme::Dark { Theme::Light } else { Theme::Dark };
                choose(next);
                theme.set(next);
            }
        >
            "Dark theme"
        </button>
    }
}
