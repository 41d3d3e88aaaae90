//! One open group: its members with their presence, a filter, Remove (with Undo), and Add. What a change
//! does (and someone else's edits it meets) is `state::group_edits`; this page renders it. Presence is the
//! Groups page's board store's (kept current for staffing), the open group's members read first.

use std::collections::HashMap;

use leptos::prelude::*;

use super::add_members::AddMembers;
use crate::api::listed::left_out_notice;
use crate::api::types::{ConfigUser, CoreServer};
use crate::api::vocabulary::ALL_USERS_ID;
use crate::api::ApiClient;
use crate::components::filter_box::filter_box;
use crate::components::presence_badge::PresenceBadge;
use crate::components::table_head::table_head;
use crate::domain::board::{Presence, NO_LICENCE};
use crate::domain::membership::search;
use crate::state::board::BoardStore;
use crate::state::group_edits::{GroupEdits, PanelMessage};
use crate::state::groups::{GroupDetail, GroupsStore};
use crate::state::notifications::Tone;

#[component]
pub fn GroupPanel(
    server: CoreServer,
    group_id: String,
    store: GroupsStore,
    /// Everyone's presence on the Groups page.
    board: BoardStore,
    api: ApiClient,
) -> impl IntoView {
    let edits = GroupEdits::new(&server, &group_id, api);
    let (detail, busy) = (edits.detail, edits.busy);
    let read_only = group_id == ALL_USERS_ID;
    let group_name = {
        let group_id = group_id.clone();
        Memo::new(move |_| {
            store.groups.with(|gs| {
                gs.iter()
                    .find(|g| g.id == group_id)
                    .map(|g| g.name().to_owned())
            })
        })
    };
    let name = move || group_name.get().unwrap_or_else(|| "this group".into());
    edits.load(server);
    // Counts in the group list follow every change made here.
    Effect::new(move |_| {
        if detail.loaded.get() {
            let ids = detail
                .members
                .with(|m| m.iter().map(|u| u.id.clone()).collect());
            store.set_members(&group_id, ids);
        }
    });
    let message = edits.message;
    // Clicks reach the changes through the panel's own store (callbacks must be `Send`).
    let edits = StoredValue::new_local(edits);
    let remove =
        Callback::new(move |user: ConfigUser| edits.with_value(|e| e.remove(user, name())));
    let add =
        Callback::new(move |picked: Vec<ConfigUser>| edits.with_value(|e| e.add(picked, name())));

    view! {
        <section class="group-detail" aria-labelledby="group-title">
            <div class="group-head">
                <h2 id="group-title">{name}</h2>
                <span class="muted">
                    {move || if detail.loaded.get() { format!("{} members", detail.members.with(Vec::len)) } else { "Loading members…".into() }}
                </span>
            </div>
            {read_only.then(|| view! {
                <p class="notice-line">"All Users always holds every user of the core server; iSymphony does not allow editing it."</p>
            })}
            <GroupMessage message/>
            <Show when=move || board.unlicensed.get()>
                <p class="notice-line warning" role="status">{NO_LICENCE}</p>
            </Show>
            {move || left_out_notice(detail.left_out.get(), "member").map(|t| view! { <p class="notice-line" role="status">{t}</p> })}
            {(!read_only).then(|| view! {
                <AddMembers detail add busy=busy.into()/>
            })}
            {members(detail, board, read_only, busy, remove, Signal::derive(name))}
        </section>
    }
}

/// The members, filtered by name or username, each with their presence and (unless read-only) Remove.
fn members(
    detail: GroupDetail,
    board: BoardStore,
    read_only: bool,
    busy: RwSignal<bool>,
    remove: Callback<ConfigUser>,
    group_name: Signal<String>,
) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        detail.members.with(|m| {
            search(m, &filter.get())
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // The board's rows by configuration id (members who are not live users have none).
    let rows = Memo::new(move |_| {
        board.rows.with(|rows| {
            rows.iter()
                .map(|r| (r.member.configuration_id.clone(), r.clone()))
                .collect::<HashMap<_, _>>()
        })
    });
    // The open group's members are read before everyone else.
    Effect::new(move |_| {
        let first = detail.members.with(|m| {
            rows.with(|rows| {
                m.iter()
                    .filter_map(|u| rows.get(&u.id).map(|r| r.member.username.clone()))
                    .collect()
            })
        });
        board.show_in_view(first);
    });
    let row = move |user: ConfigUser| {
        let id = user.id.clone();
        let presence = move || {
            rows.with(|rows| rows.get(&id).map(|r| r.presence.get()))
                .unwrap_or(Presence::Loading)
        };
        // Follows the group's name, which may arrive after the members (a slow groups list).
        let label = {
            let who = user.name().to_owned();
            move || format!("Remove {who} from {}", group_name.get())
        };
        let target = user.clone();
        view! {
            <tr class="member-row" data-user-id=user.id.clone()>
                <td class="display-name">{user.name().to_owned()}</td>
                <td class="username">{user.username.clone()}</td>
                <td>{if user.full { "full" } else { "lite" }}</td>
                <td>{move || view! { <PresenceBadge presence=presence()/> }}</td>
                {(!read_only).then(|| view! {
                    <td class="col-actions">
                        <button
                            type="button"
                            aria-label=label
                            disabled=move || busy.get()
                            on:click=move |_| remove.run(target.clone())
                        >
                            "Remove"
                        </button>
                    </td>
                })}
            </tr>
        }
    };
    view! {
        {filter_box("Filter members", None, Callback::new(move |f| filter.set(f)))}
        <table class="members-table">
            {table_head(&["Name", "Username", "Licence", "Presence"], !read_only)}
            <tbody>
                <For each=move || shown.get() key=|u| u.id.clone() children=row/>
            </tbody>
        </table>
    }
}

/// The group's last message: an error is an alert, anything else a polite status.
#[component]
fn GroupMessage(message: RwSignal<Option<PanelMessage>>) -> impl IntoView {
    move || {
        message.get().map(|PanelMessage { tone, text }| match tone {
            Tone::Error => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
            Tone::Info => view! { <p class="notice-line" role="status">{text}</p> }.into_any(),
        })
    }
}
