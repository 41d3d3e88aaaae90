//! The board's table: its head (sorting), and the rows near the view (long boards keep only those in the
//! DOM, with stand-ins for the rest; `aria-rowcount` and each row's `aria-rowindex` tell a screen reader
//! where it is in the whole list).

use leptos::prelude::*;

use super::head::BoardHead;
use super::row::BoardRow;
use super::windowing::{windowed, StandIn};
use crate::api::types::SetStatus;
use crate::browser::mark;
use crate::domain::board::Presence;
use crate::domain::board_view::BoardQuery;
use crate::state::board::{BoardStore, Row};
use crate::state::selection::{SelectClick, Selection};
use crate::state::watches::Watches;

#[component]
pub fn BoardTable(
    store: BoardStore,
    visible: Memo<Vec<Row>>,
    shown_count: Signal<usize>,
    query: Memo<BoardQuery>,
    set_query: Callback<BoardQuery>,
    selection: Selection,
    focused: RwSignal<Option<String>>,
    on_select: Callback<SelectClick>,
    on_edit: Callback<Row>,
    on_quick: Option<Callback<(Row, SetStatus)>>,
    watches: Option<Watches>,
    now: Signal<i64>,
) -> impl IntoView {
    let rendered = windowed(visible, shown_count, focused);
    // The rendered rows (those on screen and the next) are the ones a sync reads first.
    Effect::new(move |_| {
        let usernames = rendered
            .rows
            .with(|rows| rows.iter().map(|r| r.member.username.clone()).collect());
        store.show_in_view(usernames);
    });
    // A User Timing mark when the first screen's rows all have their statuses (`cargo xtask bench`
    // reads it, like `board-loaded`). Once marked the effect reads nothing, so it never runs again.
    Effect::new(move |marked: Option<bool>| {
        if marked == Some(true) {
            return true;
        }
        let complete = rendered.rows.with(|rows| {
            !rows.is_empty()
                && rows
                    .iter()
                    .all(|r| r.presence.with(|p| *p != Presence::Loading))
        });
        if complete {
            mark("first-screen");
        }
        complete
    });
    let row = move |row: Row| {
        let username = row.member.username.clone();
        let selected = {
            let username = username.clone();
            Signal::derive(move || selection.contains(&username))
        };
        let place = {
            let username = username.clone();
            Signal::derive(move || rendered.places.with(|p| p.get(&username).copied()))
        };
        let focused =
            Signal::derive(move || focused.with(|f| f.as_deref() == Some(username.as_str())));
        let recording_since = store.recording_since.into();
        view! { <BoardRow row place now recording_since selected focused on_select on_edit on_quick watches/> }
    };
    view! {
        <table class="board-table" aria-rowcount=move || shown_count.get() + 1>
            <BoardHead query set_query/>
            <tbody node_ref=rendered.body>
                <StandIn rendered below=false/>
                <For each=move || rendered.rows.get() key=Row::key children=row/>
                <StandIn rendered below=true/>
            </tbody>
        </table>
    }
}
