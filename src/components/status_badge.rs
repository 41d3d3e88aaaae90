//! A status type as a coloured badge with an icon and a readable label (colour is never the only carrier).

use leptos::prelude::*;

use crate::api::vocabulary::StatusType;

#[component]
pub fn StatusBadge(kind: StatusType) -> impl IntoView {
    view! {
        <span class=format!("badge badge-{}", kind.css_class())>
            <span class="badge-icon" aria-hidden="true">{kind.icon()}</span>
            <span class="badge-label">{kind.label()}</span>
        </span>
    }
}
