//! A table's header row: one column header per name, and optionally a last column for row buttons, named
//! for screen readers only.

use leptos::prelude::*;

pub fn table_head(
    columns: &'static [&'static str],
    // Adds an "Actions" column (its name heard, not seen).
    actions: bool,
) -> impl IntoView {
    view! {
        <thead>
            <tr>
                {columns.iter().map(|name| view! { <th scope="col">{*name}</th> }).collect_view()}
                {actions.then(|| view! { <th scope="col"><span class="sr-only">"Actions"</span></th> })}
            </tr>
        </thead>
    }
}
