//! The search box that filters a list: its label is its placeholder too, and every keystroke reaches
//! `on_input`.

use leptos::prelude::*;

pub fn filter_box(
    // What is filtered ("Filter users"): the box's accessible name and placeholder.
    label: &'static str,
    // What the box shows, when a page sets it (the board's filter from its URL).
    value: Option<Signal<String>>,
    on_input: Callback<String>,
) -> impl IntoView {
    view! {
        <input
            type="search"
            class="filter"
            aria-label=label
            placeholder=label
            prop:value=move || value.map(|v| v.get()).unwrap_or_default()
            on:input=move |ev| on_input.run(event_target_value(&ev))
        />
    }
}
