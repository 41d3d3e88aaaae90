//! The board's watches in one place: who is watched and what for (changeable), each cancellable; and the
//! switch for the browser's notifications (watches that fire, overdue returns), which the toolbar shows.

use leptos::prelude::*;

use crate::domain::watch::{Until, Watch};
use crate::state::alerts::{use_browser_alerts, Permission};
use crate::state::watches::Watches;

/// Nothing while no one is watched (the bell's title and the shortcut sheet tell of watches).
#[component]
pub fn WatchList(watches: Watches) -> impl IntoView {
    view! {
        <Show when=move || !watches.list().is_empty()>
            <section class="watches" aria-labelledby="watches-title">
                <h2 id="watches-title" class="watches-title">"Watching"</h2>
                <ul class="watch-items">{move || watches.list().into_iter().map(|w| item(watches, w)).collect_view()}</ul>
            </section>
        </Show>
    }
}

fn item(watches: Watches, watch: Watch) -> impl IntoView {
    let username = watch.username.clone();
    let choose = {
        let username = username.clone();
        move |ev| {
            if let Some(until) = Until::parse(&event_target_value(&ev)) {
                watches.wait_for(&username, until);
            }
        }
    };
    view! {
        <li class="watch-item">
            <span class="watch-name">{watch.name.clone()}</span>
            <label class="inline-field">
                <span class="sr-only">{format!("Wait until {}", watch.name)}</span>
                <select on:change=choose>
                    {Until::ALL.into_iter().map(|u| view! {
                        <option value=u.as_str() selected=u == watch.until>{u.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="button" class="quiet" aria-label=format!("Stop watching {}", watch.name)
                on:click=move |_| watches.cancel(&username)>"Stop"</button>
        </li>
    }
}

/// Turning the browser's notifications on asks the browser (once); a refusal is the browser's to undo.
pub fn alerts_switch() -> impl IntoView {
    let alerts = use_browser_alerts();
    move || {
        match alerts.permission() {
        Permission::Unsupported => view! {
            <span class="muted alerts-note">"This browser shows no notifications for this page; the panel's own still do."</span>
        }.into_any(),
        Permission::Denied => view! {
            <span class="muted alerts-note">"Browser notifications are blocked for this site: allow them in the browser's site settings."</span>
        }.into_any(),
        Permission::Ask | Permission::Granted => view! {
            <button type="button" class="alerts-switch" aria-pressed=move || alerts.on().to_string()
                on:click=move |_| if alerts.on() { alerts.turn_off() } else { alerts.turn_on() }>
                "Browser notifications"
            </button>
        }.into_any(),
    }
    }
}
