//! What is known of someone's presence, as a badge: their status type, loading, none (a lite user, or no
//! licence), or not loaded.

use leptos::prelude::*;

use crate::components::status_badge::StatusBadge;
use crate::domain::board::Presence;

#[component]
pub fn PresenceBadge(presence: Presence) -> impl IntoView {
    match presence {
        Presence::Loading => {
            view! { <span class="badge badge-loading">"Loading…"</span> }.into_any()
        }
        Presence::Lite | Presence::Unlicensed => {
            view! { <span class="badge badge-lite">"No presence"</span> }.into_any()
        }
        Presence::Known(s) => view! { <StatusBadge kind=s.kind/> }.into_any(),
        Presence::Failed(why) => {
            view! { <span class="badge badge-failed" title=why>"Not loaded"</span> }.into_any()
        }
    }
}
