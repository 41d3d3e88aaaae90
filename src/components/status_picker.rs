//! The status-type picker: a single-select listbox of the eleven types, each with its colour swatch and
//! label. Keyboard: arrows move and select, Home/End jump, typing a letter jumps to the next type starting
//! with it (type-ahead). Screen readers hear "Status type, listbox, Away, 3 of 11, selected".

use leptos::prelude::*;

use crate::api::vocabulary::StatusType;
use crate::domain::listbox::{step, ListFocus};
use crate::domain::status_type::find_by_prefix;

/// How long typed letters count as one type-ahead search.
const TYPE_AHEAD_MS: f64 = 700.0;

#[component]
pub fn StatusPicker(
    /// The chosen type; `None` when the current one is unknown to the panel.
    value: RwSignal<Option<StatusType>>,
    /// The message shown under the picker when the choice is missing.
    #[prop(into)]
    error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let typed = StoredValue::new((String::new(), 0.0_f64));
    let position = move || {
        value
            .get()
            .and_then(|v| StatusType::ALL.iter().position(|t| *t == v))
    };
    let select = move |index: usize| value.set(Some(StatusType::ALL[index].clone()));

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let current = position();
        let key = ev.key();
        let next = match step(&key, current, StatusType::ALL.len(), ListFocus::List) {
            Some(index) => Some(index),
            None if key.chars().count() == 1
                && !ev.ctrl_key()
                && !ev.meta_key()
                && !ev.alt_key() =>
            {
                type_ahead(typed, &key, current)
            }
            None => None,
        };
        if let Some(index) = next {
            ev.prevent_default();
            select(index);
        }
    };

    view! {
        <div class="field">
            <span class="field-label" id="status-type-label">"Status type"</span>
            <div
                class="status-picker"
                role="listbox"
                tabindex="0"
                aria-labelledby="status-type-label"
                aria-describedby="status-type-error"
                aria-invalid=move || error.get().is_some().to_string()
                aria-activedescendant=move || position().map(option_id)
                on:keydown=on_keydown
            >
                {StatusType::ALL
                    .iter()
                    .enumerate()
                    .map(|(index, kind)| {
                        let selected = move || position() == Some(index);
                        view! {
                            <div
                                role="option"
                                id=option_id(index)
                                class="status-option"
                                class:selected=selected
                                aria-selected=move || selected().to_string()
                                on:click=move |_| select(index)
                            >
                                <span class=format!("swatch swatch-{}", kind.css_class()) aria-hidden="true">
                                    {kind.icon()}
                                </span>
                                <span>{kind.label()}</span>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="field-error" id="status-type-error">{move || error.get()}</p>
        </div>
    }
}

fn option_id(index: usize) -> String {
    format!("status-type-{}", StatusType::ALL[index].as_str())
}

/// The type to select after `key` was typed: the next label (after the current one) that starts with the
/// letters typed in the last moment.
fn type_ahead(
    typed: StoredValue<(String, f64)>,
    key: &str,
    current: Option<usize>,
) -> Option<usize> {
    let now = js_sys::Date::now();
    let query = typed.with_value(|(text, at)| {
        if now - at > TYPE_AHEAD_MS {
            key.to_lowercase()
        } else {
            format!("{text}{}", key.to_lowercase())
        }
    });
    typed.set_value((query.clone(), now));
    find_by_prefix(&query, current)
}
