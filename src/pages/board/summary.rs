//! The board's title line (name, loading progress, the live region, the Live/Polling indicator) and its
//! notices (a view over statuses still loading, an error, records left out, return times that look like
//! seconds).

use leptos::prelude::*;

use crate::api::listed::left_out_notice;
use crate::domain::board::NO_LICENCE;
use crate::domain::board_view::BoardQuery;
use crate::domain::freshness::polling_sentence;
use crate::state::board::BoardStore;
use crate::state::groups::GroupsStore;
use crate::state::live::Mode;

pub fn board_title(
    name: String,
    store: BoardStore,
    mode: RwSignal<Mode>,
    refresh_seconds: RwSignal<u32>,
) -> impl IntoView {
    view! {
        <div class="page-head">
            <h1 id="board-title">"Status board " <span class="muted">"· " {name}</span></h1>
            // Not live: "Loaded 7 of 44" would be read out at every step. The region below speaks.
            <p class="progress">{move || progress(store)}</p>
            <p class="sr-only" role="status" aria-live="polite">{move || store.announcer.message.get()}</p>
            <span
                class="live-indicator"
                class:live=move || mode.get() == Mode::Live
                title=move || match mode.get() {
                    Mode::Live => "Changes arrive as they happen (Event API).".to_owned(),
                    _ => polling_sentence(refresh_seconds.get()),
                }
            >
                {move || mode.get().label()}
            </span>
        </div>
    }
}

pub fn board_notices(
    store: BoardStore,
    groups: GroupsStore,
    query: Memo<BoardQuery>,
) -> impl IntoView {
    // Not a live region: it changes with every batch of arrivals.
    let still_loading = move || {
        let (known, total) = (store.settled.get(), store.total.get());
        query.with(|q| q.still_loading(known, total))
    };
    view! {
        {move || still_loading().map(|t| view! { <p class="notice-line">{t}</p> })}
        {move || group_notice(groups, query).map(|t| view! { <p class="notice-line" role="status">{t}</p> })}
        {move || store.error.get().map(|e| view! { <p class="form-error" role="alert">{e.message()}</p> })}
        {move || left_out_notice(store.left_out.get(), "user").map(|t| view! { <p class="notice-line" role="status">{t}</p> })}
        <Show when=move || store.unlicensed.get()>
            <p class="notice-line warning" role="status">{NO_LICENCE}</p>
        </Show>
        <Show when=move || store.seconds_suspected.get()>
            <p class="notice-line warning" role="status">
                "Return times from this server look like seconds, not milliseconds (they read as dates before 1973). "
                "Set \"returnTimeUnit\": \"s\" in the panel's config.json."
            </p>
        </Show>
    }
}

/// While the board is filtered by a group whose members are not read yet, or that this server lacks.
fn group_notice(groups: GroupsStore, query: Memo<BoardQuery>) -> Option<&'static str> {
    let id = query.with(|q| q.group.clone())?;
    if groups.members.with(|m| m.contains_key(&id)) {
        None
    } else if groups.loaded.get() && groups.groups.with(|g| !g.iter().any(|g| g.id == id)) {
        Some("This server has no such group (the link may be from another server): pick a group, or Everyone.")
    } else {
        Some("Reading the group's members…")
    }
}

fn progress(store: BoardStore) -> String {
    if !store.listed.get() {
        return "Loading users…".into();
    }
    let (settled, total) = (store.settled.get(), store.total.get());
    if settled < total {
        format!("Loaded {settled} of {total}")
    } else {
        format!("{total} users")
    }
}
