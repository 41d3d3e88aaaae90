//! The Groups page: the core server's user groups with member counts and staffing (their members' states,
//! kept current like the board), and one open group (its id in the URL) with its members, where members
//! are added and removed.

mod add_members;
mod detail;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::{per_server, signed_in_server};
use crate::api::listed::left_out_notice;
use crate::api::vocabulary::ALL_USERS_ID;
use crate::config::RuntimeConfig;
use crate::routes::group_href;
use crate::state::announcer::Announcer;
use crate::state::board::BoardStore;
use crate::state::feed::keep_current;
use crate::state::groups::GroupsStore;
use crate::state::session::use_session;
use crate::state::staffing::staffing;
use crate::state::tasks::Scope;
use detail::GroupPanel;

#[component]
pub fn GroupsPage() -> impl IntoView {
    per_server(|slug| view! { <Groups slug/> })
}

#[component]
fn Groups(slug: String) -> impl IntoView {
    let session = use_session();
    let (current, server) = match signed_in_server(session, slug) {
        Ok(found) => found,
        Err(instead) => return instead,
    };
    let store = GroupsStore::new();
    let api = current.api().scoped();
    // The staffing counts read everyone's presence the way the board does, kept current the same way.
    let board = BoardStore::new();
    let config = use_context::<RuntimeConfig>().unwrap_or_default();
    keep_current(
        board,
        api.clone(),
        server.clone(),
        current.api_base(),
        false,
        RwSignal::new(config.refresh_seconds),
    );
    // Its own polite region: only what staffing says (not the rows' news, as on the board).
    let announcer = Announcer::new(Scope::here());
    let staffed = staffing(board, store, config.staffing, announcer);
    {
        let (api, core_id) = (api.clone(), server.id.clone());
        Scope::here().spawn(async move {
            if let Err(e) = store.load(&api, &core_id).await {
                store.error.set(Some(e));
            }
        });
    }
    let params = use_params_map();
    let group_id = Memo::new(move |_| params.read().get("group"));
    let name = server.name.clone();
    let slug = StoredValue::new(server.slug.clone());
    let panel_api = StoredValue::new_local(api);

    view! {
        <section class="groups" aria-labelledby="groups-title">
            <div class="page-head">
                <h1 id="groups-title">"Groups " <span class="muted">"· " {name}</span></h1>
                <p class="sr-only" role="status" aria-live="polite">{move || announcer.message.get()}</p>
            </div>
            {move || store.error.get().map(|e| view! { <p class="form-error" role="alert">{e.message()}</p> })}
            {move || left_out_notice(store.left_out.get(), "group").map(|t| view! { <p class="notice-line" role="status">{t}</p> })}
            <div class="groups-layout">
                <nav class="group-nav" aria-label="User groups">
                    <Show when=move || store.loaded.get() fallback=|| view! { <p class="progress">"Loading groups…"</p> }>
                        <ul>
                            <For
                                each=move || store.groups.get()
                                key=|g| (g.id.clone(), g.name().to_owned())
                                children=move |g| {
                                    let id = g.id.clone();
                                    let count = {
                                        let id = id.clone();
                                        Signal::derive(move || store.count(&id))
                                    };
                                    let staffed = Signal::derive(move || staffed.with(|s| s.iter().find(|s| s.id == id).cloned()));
                                    view! {
                                        <li>
                                            <A href=group_href(&slug.get_value(), &g.id)>
                                                <span class="group-name">{g.name().to_owned()}</span>
                                                {(g.id == ALL_USERS_ID).then(|| view! { <span class="tag">"read-only"</span> })}
                                                <span class="count" aria-label=move || count.get().map(|n| format!("{n} members"))>
                                                    {move || count.get().map(|n| n.to_string())}
                                                </span>
                                                {move || staffed.get().map(|s| view! {
                                                    <span class="staffing-counts">{s.tally.summary()}</span>
                                                    {s.mark().map(|mark| view! {
                                                        <span class="staffing-mark"><span aria-hidden="true">"⚠ "</span>{mark}</span>
                                                    })}
                                                })}
                                            </A>
                                        </li>
                                    }
                                }
                            />
                        </ul>
                    </Show>
                </nav>
                <div class="group-pane">
                    {move || match group_id.get() {
                        None => view! { <p class="muted pick-one">"Choose a group to see and edit its members."</p> }.into_any(),
                        Some(id) => view! { <GroupPanel server=server.clone() group_id=id store board api=panel_api.get_value()/> }.into_any(),
                    }}
                </div>
            </div>
        </section>
    }
    .into_any()
}
