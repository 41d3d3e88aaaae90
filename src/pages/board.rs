//! The status board: a row per live user with their presence, filled in as statuses arrive.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use crate::components::status_badge::StatusBadge;
use crate::domain::board::Presence;
use crate::domain::return_time::format_local;
use crate::state::board::{BoardStore, Row};
use crate::state::session::use_session;

#[component]
pub fn BoardPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("server").unwrap_or_default());
    // A new core server gets a new board; the old one's requests are aborted with it.
    move || view! { <Board slug=slug.get()/> }
}

#[component]
fn Board(slug: String) -> impl IntoView {
    let session = use_session();
    let Some(current) = session.current.get_untracked() else {
        return ().into_any();
    };
    let Some(server) = current.server(&slug).cloned() else {
        return view! { <UnknownServer slug/> }.into_any();
    };
    let store = BoardStore::new();
    let api = current.api().scoped();
    let name = server.name.clone();
    spawn_local(async move {
        if let Err(e) = store.load(api, server).await {
            session.check(&e);
            store.error.try_set(Some(e));
        }
    });

    view! {
        <section class="board" aria-labelledby="board-title">
            <div class="page-head">
                <h1 id="board-title">"Status board " <span class="muted">"· " {name}</span></h1>
                <p class="progress" role="status">{move || progress(store)}</p>
            </div>
            {move || store.error.get().map(|e| view! { <p class="form-error" role="alert">{e.message()}</p> })}
            <table class="board-table">
                <thead>
                    <tr>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Status name"</th>
                        <th scope="col">"Note"</th>
                        <th scope="col">"Return time"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || store.rows.get()
                        key=|row| row.member.username.clone()
                        children=|row| view! { <BoardRow row/> }
                    />
                </tbody>
            </table>
        </section>
    }
    .into_any()
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

#[component]
fn BoardRow(row: Row) -> impl IntoView {
    let Row { member, presence } = row;
    let is_lite = move || presence.with(|p| *p == Presence::Lite);
    view! {
        <tr class="board-row" class:lite=is_lite data-username=member.username.clone()>
            <td class="col-status" data-label="Status">{move || presence.with(status_cell)}</td>
            <td class="col-name">
                <span class="display-name">{member.display_name.clone()}</span>
                <span class="username">{member.username.clone()}</span>
                <Show when=is_lite>
                    <span class="tag tag-lite">"lite"</span>
                </Show>
            </td>
            <td class="col-status-name" data-label="Status name">
                {move || presence.with(status_name)}
            </td>
            <td class="col-note" data-label="Note">
                {move || presence.with(|p| match p {
                    Presence::Known(s) if !s.note.is_empty() => {
                        Some(view! { <span class="note" title=s.note.clone()>{s.note.clone()}</span> })
                    }
                    _ => None,
                })}
            </td>
            <td class="col-return" data-label="Return time">
                {move || presence.with(|p| match p {
                    Presence::Known(s) => format_local(s.return_time),
                    _ => String::new(),
                })}
            </td>
        </tr>
    }
}

fn status_cell(presence: &Presence) -> AnyView {
    match presence {
        Presence::Loading => {
            view! { <span class="badge badge-loading">"Loading…"</span> }.into_any()
        }
        Presence::Lite => view! { <span class="badge badge-lite">"No presence"</span> }.into_any(),
        Presence::Known(s) => view! { <StatusBadge kind=s.kind.clone()/> }.into_any(),
        Presence::Failed(why) => {
            view! { <span class="badge badge-failed" title=why.clone()>"Not loaded"</span> }
                .into_any()
        }
    }
}

fn status_name(presence: &Presence) -> String {
    match presence {
        Presence::Loading => String::new(),
        Presence::Lite => "lite — no presence".into(),
        Presence::Known(s) => s.name.clone(),
        Presence::Failed(why) => why.clone(),
    }
}

#[component]
fn UnknownServer(slug: String) -> impl IntoView {
    view! {
        <section class="notice">
            <h1>"No such core server"</h1>
            <p>"This iSymphony server has no core server named “" {slug} "”. Choose one above."</p>
        </section>
    }
}
