//! One row of the board: badge, name with online dot and lite tag, status name and since when, note,
//! return time (relative, with the absolute local time on hover and in the accessible name; an overdue
//! user's `+15 min` and `Back (Available)`), the bell that watches the user, and the Edit button.

use leptos::prelude::*;

use crate::api::types::SetStatus;
use crate::components::presence_badge::PresenceBadge;
use crate::domain::board::{Member, Presence};
use crate::domain::overdue::{back, later, overdue_by};
use crate::domain::relative_time::{format as relative_words, relative};
use crate::domain::return_time::{format_local, format_local_time};
use crate::domain::since::{held, words, Since};
use crate::state::board::Row;
use crate::state::selection::SelectClick;
use crate::state::watches::Watches;

#[component]
pub fn BoardRow(
    row: Row,
    /// The row's 0-based place in the whole arranged list (the list may be only partly rendered).
    place: Signal<Option<usize>>,
    now: Signal<i64>,
    /// When the gateway's status history began (`None`: no gateway).
    recording_since: Signal<Option<i64>>,
    #[prop(into)] selected: Signal<bool>,
    /// The row the keyboard shortcuts act on.
    #[prop(into)]
    focused: Signal<bool>,
    on_select: Callback<SelectClick>,
    on_edit: Callback<Row>,
    /// A one-click change (an overdue user's `+15 min` and `Back`); `None` on a read-only board.
    on_quick: Option<Callback<(Row, SetStatus)>>,
    /// The board's watches (the bell); `None` on a read-only board.
    watches: Option<Watches>,
) -> impl IntoView {
    let Row {
        member,
        presence,
        online,
        saving,
        changed,
        ..
    } = row.clone();
    let is_lite = move || presence.with(|p| *p == Presence::Lite);
    let edit_label = format!("Edit status for {}", member.display_name);
    let select_label = format!("Select {}", member.display_name);
    let username = member.username.clone();
    let full = member.full;
    let element = NodeRef::<leptos::html::Tr>::new();
    Effect::new(move |_| {
        if focused.get() {
            if let Some(tr) = element.get() {
                let _ = tr.focus();
            }
        }
    });
    view! {
        <tr
            node_ref=element
            tabindex="-1"
            // Row 1 is the header.
            aria-rowindex=move || place.get().map(|i| i + 2)
            class:focused=move || focused.get()
            class="board-row"
            class:lite=is_lite
            class:selected=move || selected.get()
            class:saving=move || saving.get()
            data-username=member.username.clone()
        >
            {select_cell(select_label, selected, username, on_select)}
            <td class="col-status">
                {move || view! { <PresenceBadge presence=presence.get()/> }}
                <Show when=move || saving.get()>
                    <span class="saving-note" role="status">"Saving…"</span>
                </Show>
            </td>
            {name_cell(&row.member, online, is_lite)}
            {status_cells(presence, now, Signal::derive(move || {
                presence.with(|p| changed.with(|c| held(p, c.as_ref(), recording_since.get())))
            }), on_quick.filter(|_| full).map(|run| overdue_actions(row.clone(), now, run)))}
            <td class="col-actions">
                {watches.map(|w| bell(w, row.clone()))}
                <Show when=move || full && presence.with(Presence::has_presence)>
                    <button
                        type="button"
                        class="edit"
                        aria-label=edit_label.clone()
                        on:click={
                            let row = row.clone();
                            move |_| on_edit.run(row.clone())
                        }
                    >
                        "Edit"
                    </button>
                </Show>
            </td>
        </tr>
    }
}

/// The bell: watches the user until they are back (or log in), or cancels that watch.
fn bell(watches: Watches, row: Row) -> impl IntoView {
    let username = row.member.username.clone();
    let watching = move || watches.is_watching(&username);
    let label = format!("Watch {}", row.member.display_name);
    view! {
        <button
            type="button"
            class="bell"
            class:watching=watching.clone()
            aria-label=label
            aria-pressed=move || watching().to_string()
            title="Tell me when they are back (w)"
            on:click=move |_| watches.toggle(&row)
        >
            <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/>
            </svg>
        </button>
    }
}

/// The checkbox that selects the row for a bulk change.
fn select_cell(
    label: String,
    selected: Signal<bool>,
    username: String,
    on_select: Callback<SelectClick>,
) -> impl IntoView {
    view! {
        <td class="col-select">
            <input
                type="checkbox"
                aria-label=label
                prop:checked=move || selected.get()
                on:click=move |ev: leptos::ev::MouseEvent| {
                    on_select.run(SelectClick { username: username.clone(), checked: event_target_checked(&ev), shift: ev.shift_key() });
                }
            />
        </td>
    }
}

/// Name with the online dot, username, and the lite tag.
fn name_cell(
    member: &Member,
    online: RwSignal<Option<bool>>,
    is_lite: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    view! {
        <td class="col-name">
            <span class="display-name">
                {move || online.get().map(online_dot)}
                {member.display_name.clone()}
            </span>
            <span class="username">{member.username.clone()}</span>
            <Show when=is_lite>
                <span class="tag tag-lite">"lite"</span>
            </Show>
        </td>
    }
}

/// An overdue user's two answers, beside their return time: the same status 15 minutes from now, or back.
fn overdue_actions(
    row: Row,
    now: Signal<i64>,
    run: Callback<(Row, SetStatus)>,
) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static {
    let name = row.member.display_name.clone();
    let presence = row.presence;
    move || {
        let status = presence.with(|p| overdue_by(p, now.get()).and(p.known()).cloned())?;
        let (later_row, back_row) = (row.clone(), row.clone());
        Some(
            view! {
                <span class="overdue-actions">
                    <button type="button" class="quiet small" aria-label=format!("+15 min for {name}")
                        on:click=move |_| run.run((later_row.clone(), later(&status, js_sys::Date::now() as i64, 15)))
                    >"+15 min"</button>
                    <button type="button" class="quiet small" aria-label=format!("Back (Available): {name}")
                        on:click=move |_| run.run((back_row.clone(), back()))
                    >"Back (Available)"</button>
                </span>
            }
            .into_any(),
        )
    }
}

/// The status's name and since when, note and return time (relative, the absolute local time on hover),
/// with the overdue's one-click answers when the board takes changes.
fn status_cells(
    presence: RwSignal<Presence>,
    now: Signal<i64>,
    held: Signal<Option<Since>>,
    actions: Option<impl Fn() -> Option<AnyView> + Send + Sync + 'static>,
) -> impl IntoView {
    view! {
        <td class="col-status-name">
            // No element while there is no name, so an empty cell stays `:empty` (hidden at phone width).
            {move || {
                let name = presence.with(status_name);
                (!name.is_empty()).then(|| view! { <span class="status-name">{name}</span> })
            }}
            {move || held.get().map(|s| since_words(s, now.get()))}
        </td>
        <td class="col-note">
            {move || presence.with(|p| match p {
                Presence::Known(s) if !s.note.is_empty() => {
                    Some(view! { <span class="note" title=s.note.clone()>{s.note.clone()}</span> })
                }
                _ => None,
            })}
        </td>
        <td class="col-return">
            {move || presence.with(|p| match p {
                Presence::Known(s) => return_time(now.get(), s.return_time),
                _ => None,
            })}
            {actions}
        </td>
    }
}

fn online_dot(online: bool) -> impl IntoView {
    let (class, text) = if online {
        ("dot online", "Online")
    } else {
        ("dot offline", "Offline")
    };
    view! {
        <span class=class title=text aria-hidden="true"></span>
        <span class="sr-only">{text} ", "</span>
    }
}

fn return_time(now: i64, ms: i64) -> Option<AnyView> {
    let rel = relative(now, ms)?;
    let absolute = format_local(ms);
    let words = relative_words(rel);
    let label = format!("{words}, {absolute}");
    Some(
        view! {
            <span class="return" class:overdue=rel.overdue title=absolute aria-label=label>
                {rel.overdue.then_some(view! { <span aria-hidden="true">"⚠ "</span> })}
                {words}
            </span>
        }
        .into_any(),
    )
}

/// "since 10:42 · 47 min", the full local time on hover.
fn since_words(since: Since, now: i64) -> impl IntoView {
    let at = match since {
        Since::At(at) | Since::Before(at) => at,
    };
    let clock = format_local_time(at);
    let when = format_local(at);
    view! { <span class="since" title=when.clone()>{words(since, now, &clock, &when)}</span> }
}

fn status_name(presence: &Presence) -> String {
    match presence {
        Presence::Loading => String::new(),
        Presence::Lite => "lite — no presence".into(),
        // The board says why once, above the table.
        Presence::Unlicensed => "no presence".into(),
        Presence::Known(s) => s.name.clone(),
        Presence::Failed(why) => why.clone(),
    }
}
