//! The notification stack in the corner of the screen, announced politely to screen readers.

use leptos::prelude::*;

use crate::state::notifications::{use_notifications, Tone};

#[component]
pub fn Toasts() -> impl IntoView {
    let notifications = use_notifications();
    view! {
        <div class="toasts" role="region" aria-label="Notifications" aria-live="polite">
            <For
                each=move || {
                    notifications.list.with(|l| {
                        l.iter()
                            .map(|t| (t.id, t.text.clone(), t.tone, t.action.as_ref().map(|a| a.label.clone())))
                            .collect::<Vec<_>>()
                    })
                }
                key=|(id, ..)| *id
                children=move |(id, text, tone, action)| {
                    view! {
                        <div class="toast" class:toast-error=tone == Tone::Error>
                            <span class="toast-text">{text}</span>
                            {action.map(|label| view! {
                                <button type="button" class="toast-action" on:click=move |_| notifications.act(id)>
                                    {label}
                                </button>
                            })}
                            <button
                                type="button"
                                class="toast-close"
                                aria-label="Dismiss notification"
                                on:click=move |_| notifications.dismiss(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
