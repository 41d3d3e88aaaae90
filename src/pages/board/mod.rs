//! The status board: a row per live user with their presence, filtered, sorted and refreshed in place,
//! and the status editor. The view (filter, chips, sort) lives in the URL query; keeping the rows current
//! is `state::feed`'s.

mod bulk;
mod editing;
mod head;
mod keys;
mod row;
mod summary;
mod table;
mod toolbar;
mod watch_list;
mod windowing;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use super::{per_server, signed_in_server};
use crate::api::types::SetStatus;
use crate::components::staffing_strip::StaffingStrip;
use crate::config::RuntimeConfig;
use crate::domain::board::Presence;
use crate::domain::board_view::BoardQuery;
use crate::domain::screen::ScreenMode;
use crate::domain::staffing::GroupStaffing;
use crate::routes::navigate_options;
use crate::state::alerts::use_browser_alerts;
use crate::state::board::{BoardStore, Row};
use crate::state::changes::StatusWrites;
use crate::state::feed::{arranged, clock, keep_current, overdue_count};
use crate::state::groups::GroupsStore;
use crate::state::overdue_alerts::tell_overdue;
use crate::state::selection::{SelectClick, Selection};
use crate::state::session::use_session;
use crate::state::staffing::{keep_groups_read, staffing};
use crate::state::tasks::{Scope, Task};
use crate::state::watches::Watches;
use bulk::{BulkHost, SelectionBar};
use editing::{Editing, EditorHost};
use summary::{board_notices, board_title};
use table::BoardTable;
use toolbar::Toolbar;
use watch_list::WatchList;

#[component]
pub fn BoardPage() -> impl IntoView {
    per_server(|slug| view! { <Board slug/> })
}

#[component]
fn Board(slug: String) -> impl IntoView {
    let session = use_session();
    let (current, server) = match signed_in_server(session, slug) {
        Ok(found) => found,
        Err(instead) => return instead,
    };
    let store = BoardStore::new();
    let writes = StoredValue::new_local(StatusWrites::new(
        store,
        server.slug.clone(),
        current.api().clone(),
    ));
    let config = use_context::<RuntimeConfig>().unwrap_or_default();
    let refresh_seconds = RwSignal::new(config.refresh_seconds);
    let api = current.api().scoped();
    let gateway = session.gateway.get_untracked() == Some(true);
    // Behind the gateway the editor shows the user's day from its history.
    let history = gateway.then(|| (current.api_base().to_owned(), server.id.clone()));
    let mode = keep_current(
        store,
        api.clone(),
        server.clone(),
        current.api_base(),
        gateway,
        refresh_seconds,
    );
    let (query, set_query) = url_query();
    let now = Signal::from(clock(store.scope));
    let groups = GroupsStore::new();
    keep_groups_read(store, groups, api.clone(), server.id.clone());
    let staffed = staffing(store, groups, config.staffing.clone(), store.announcer);
    let visible = arranged(store, groups, query, now);
    let overdue = overdue_count(store, now);
    let editing = RwSignal::new_local(None::<Editing>);
    // The editor's signals are made in a click handler; they belong to the board.
    let owner = Owner::current().unwrap_or_default();
    let on_edit =
        Callback::new(move |row: Row| editing.set(Some(owner.with(|| Editing::open(row)))));
    let selection = Selection::new();
    let shown = Signal::derive(move || visible.with(|rows| usernames(rows)));
    // (The usernames are copied only when a click needs them; counting them does not.)
    let shown_count = Signal::from(Memo::new(move |_| visible.with(Vec::len)));
    let on_select =
        Callback::new(move |click: SelectClick| selection.click(click, &shown.get_untracked()));
    let (bulk_open, focused, help) = (
        RwSignal::new(false),
        RwSignal::new(None),
        RwSignal::new(false),
    );
    // A wall screen (`?view=board`) only shows: no toolbar, selection, editing or shortcuts; the staffing
    // strip when asked for (`groups=1`).
    let screen = use_context::<ScreenMode>().unwrap_or_default();
    let wall_screen = screen.wall_screen;
    let watches = (!wall_screen).then(|| Watches::keep(store, server.slug.clone()));
    if !wall_screen {
        tell_overdue(store, now, focused, use_browser_alerts());
    }
    if let Some(watches) = watches {
        keys::install(keys::Targets {
            shown,
            focused,
            on_edit: Callback::new(move |username: String| {
                let editable =
                    |r: &Row| r.member.full && r.presence.with_untracked(Presence::has_presence);
                if let Some(row) = store.row(&username).filter(editable) {
                    on_edit.run(row);
                }
            }),
            on_toggle: Callback::new(move |username| selection.toggle(username)),
            on_watch: Callback::new(move |username: String| {
                if let Some(row) = store.row(&username) {
                    watches.toggle(&row);
                }
            }),
            help,
        });
    }
    let total = Signal::derive(move || store.rows.with(Vec::len));
    let on_bulk_edit = Callback::new(move |_| bulk_open.set(true));
    let selected = selection.selected;
    // A wall screen takes no changes (without a licence no row is ever overdue: it has no status).
    let on_quick = (!wall_screen).then(|| {
        Callback::new(move |(row, body): (Row, SetStatus)| {
            writes.with_value(|w| w.set_from_row(row, body))
        })
    });

    view! {
        <section class="board" aria-labelledby="board-title">
            {board_title(server.name.clone(), store, mode, refresh_seconds)}
            {(!wall_screen || screen.groups).then(|| staffing_strip(staffed, groups, query, set_query, wall_screen))}
            {(!wall_screen).then(|| view! {
                <Toolbar query set_query refresh_seconds shown=shown_count total overdue groups/>
                // Without a licence no status can be set: no bulk editor either.
                <Show when=move || !store.unlicensed.get()>
                    <SelectionBar selected shown shown_count on_bulk_edit/>
                </Show>
                {watches.map(|watches| view! { <WatchList watches/> })}
            })}
            <BulkHost open=bulk_open selected writes/>
            {board_notices(store, groups, query)}
            <BoardTable store visible shown_count query set_query selection focused on_select on_edit on_quick watches now/>
            <EditorHost editing writes history/>
            <keys::ShortcutSheet open=help/>
            {(!wall_screen).then(|| view! { <p class="shortcut-hint muted">"Press " <kbd>"?"</kbd> " for keyboard shortcuts."</p> })}
        </section>
    }
    .into_any()
}

/// The staffing strip; on the ordinary board a group's name shows only that group (again: everyone).
fn staffing_strip(
    staffed: ReadSignal<Vec<GroupStaffing>>,
    groups: GroupsStore,
    query: Memo<BoardQuery>,
    set_query: Callback<BoardQuery>,
    wall_screen: bool,
) -> impl IntoView {
    let none = Signal::derive(move || {
        (groups.loaded.get() || groups.error.with(Option::is_some))
            && groups.groups.with(Vec::is_empty)
    });
    if wall_screen {
        return view! { <StaffingStrip groups=staffed none/> }.into_any();
    }
    let filtered = Signal::derive(move || query.with(|q| q.group.clone()));
    let on_pick = Callback::new(move |id: String| {
        let mut q = query.get_untracked();
        q.group = (q.group.as_deref() != Some(id.as_str())).then_some(id);
        set_query.run(q);
    });
    view! { <StaffingStrip groups=staffed none filtered on_pick/> }.into_any()
}

/// How long the filter's text waits for a pause in typing before it is written into the URL.
const URL_AFTER_TYPING_MS: u32 = 400;

fn usernames(rows: &[Row]) -> Vec<String> {
    rows.iter().map(|r| r.member.username.clone()).collect()
}

/// The board's view from the URL query, and a way to change it. The view follows a change at once; the
/// URL (its history entry replaced, so typing does not fill the back button) follows a chip or a sort at
/// once and the filter's text once typing pauses: a URL write makes the router re-read the location and
/// the history API runs, which at 5,000 users cost each keystroke a frame.
fn url_query() -> (Memo<BoardQuery>, Callback<BoardQuery>) {
    let params = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let from_url = move || params.with(|m| BoardQuery::from_params(|k| m.get(k)));
    let shown = RwSignal::new(params.with_untracked(|m| BoardQuery::from_params(|k| m.get(k))));
    // The URL changed otherwise (back, forward, a reload's link): the view follows it.
    Effect::new(move |_| {
        let from_url = from_url();
        if shown.with_untracked(|q| *q != from_url) {
            shown.set(from_url);
        }
    });
    let pending = StoredValue::new(None::<Task>);
    let scope = Scope::here();
    let set = Callback::new(move |q: BoardQuery| {
        let only_text = shown.with_untracked(|old| {
            old.types == q.types
                && old.overdue == q.overdue
                && old.group == q.group
                && old.sort == q.sort
        });
        let url = format!("{}{}", location.pathname.get_untracked(), q.to_query());
        shown.set(q);
        if let Some(task) = pending.try_update_value(Option::take).flatten() {
            task.cancel();
        }
        let navigate = navigate.clone();
        let write = move || navigate(&url, navigate_options(true));
        if only_text {
            pending.set_value(Some(scope.after(URL_AFTER_TYPING_MS, write)));
        } else {
            write();
        }
    });
    (Memo::new(move |_| shown.get()), set)
}
