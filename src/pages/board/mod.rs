//! The status board: a row per live user with their presence, filtered, sorted and refreshed in place,
//! and the status editor. The view (filter, chips, sort) lives in the URL query.

mod bulk;
mod editing;
mod head;
mod keys;
mod row;
mod toolbar;
mod windowing;

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use super::{per_server, signed_in_server};
use crate::api::listed::left_out_notice;
use crate::config::RuntimeConfig;
use crate::domain::board::Presence;
use crate::domain::board_view::{Arranger, BoardQuery};
use crate::domain::screen::ScreenMode;
use crate::domain::selection;
use crate::routes::navigate_options;
use crate::state::board::{BoardStore, Row};
use crate::state::changes::StatusWrites;
use crate::state::live::{self, Mode};
use crate::state::session::use_session;
use crate::state::tasks::{Scope, Task};
use bulk::{BulkHost, SelectionBar};
use editing::{Editing, EditorHost};
use head::BoardHead;
use row::{BoardRow, SelectClick};
use toolbar::Toolbar;
use windowing::{windowed, StandIn};

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
    let api = current.api().scoped();
    let writes = StoredValue::new_local(StatusWrites::new(
        store,
        server.slug.clone(),
        current.api().clone(),
    ));
    let editing = RwSignal::new_local(None::<Editing>);
    let refresh_seconds = RwSignal::new(
        use_context::<RuntimeConfig>()
            .unwrap_or_default()
            .refresh_seconds,
    );
    let now = clock(store.scope);
    let (query, set_query) = url_query();

    let sync = {
        let (api, server) = (api.clone(), server.clone());
        move || {
            let (api, server) = (api.clone(), server.clone());
            store.scope.spawn(async move {
                // A failure is shown by the store (and a 401 by the session, through the client's hook).
                let _ = store.sync(&api, &server).await;
            });
        }
    };
    let mode = {
        let (api, server) = (api.clone(), server.clone());
        // On every (re)connect: the core server's live id again (a restart changes it, and events name
        // it), and one sync to catch up with what happened while the socket was down.
        let on_open = {
            let (api, server, sync) = (api.clone(), server.clone(), sync.clone());
            move || {
                let (api, server) = (api.clone(), server.clone());
                store
                    .scope
                    .spawn(async move { store.read_live_id(&api, &server).await });
                sync();
            }
        };
        live::start(current.api_base(), on_open, move |event| {
            store.apply(event, &api, &server)
        })
    };
    sync();
    auto_refresh(store.scope, refresh_seconds, mode, sync);

    let visible = Memo::new(move |_| {
        let rows = store.rows.get();
        // Subscribe to every row's status only when the view depends on statuses.
        let tracked = query.with(BoardQuery::reads_presence);
        query.with(|q| {
            let arranger = Arranger::new(q);
            let kept = rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let place = |p: &Presence| arranger.place(&r.member, p);
                    let place = if tracked {
                        r.presence.with(place)
                    } else {
                        r.presence.with_untracked(place)
                    };
                    place.map(|place| (i, place))
                })
                .collect();
            arranger
                .order(kept, |i| &rows[i].member)
                .into_iter()
                .map(|i| rows[i].clone())
                .collect::<Vec<Row>>()
        })
    });
    // The editor's signals are made in a click handler; they belong to the board.
    let owner = Owner::current().unwrap_or_default();
    let on_edit =
        Callback::new(move |row: Row| editing.set(Some(owner.with(|| Editing::open(row)))));
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let anchor = StoredValue::new(None::<String>);
    let shown = Signal::derive(move || {
        visible.with(|rows| {
            rows.iter()
                .map(|r| r.member.username.clone())
                .collect::<Vec<_>>()
        })
    });
    // (The usernames are copied only when a click needs them; counting them does not.)
    let shown_count = Signal::from(Memo::new(move |_| visible.with(Vec::len)));
    let on_select = Callback::new(move |click: SelectClick| {
        let SelectClick {
            username,
            checked,
            shift,
        } = click;
        let order = shown.get_untracked();
        selected.update(|s| {
            selection::click(
                s,
                &order,
                anchor.get_value().as_deref(),
                &username,
                checked,
                shift,
            )
        });
        anchor.set_value(Some(username));
    });
    let bulk_open = RwSignal::new(false);
    let focused = RwSignal::new(None::<String>);
    let help = RwSignal::new(false);
    // A wall screen (`?view=board`) only shows: no toolbar, selection, editing or shortcuts.
    let wall_screen = use_context::<ScreenMode>().unwrap_or_default().wall_screen;
    if !wall_screen {
        keys::install(keys::Targets {
            shown,
            focused,
            on_edit: Callback::new(move |username: String| {
                if let Some(row) = store.row(&username).filter(|r| r.member.full) {
                    on_edit.run(row);
                }
            }),
            on_toggle: Callback::new(move |username: String| {
                selected.update(|s| {
                    if !s.remove(&username) {
                        s.insert(username.clone());
                    }
                });
                anchor.set_value(Some(username));
            }),
            help,
        });
    }
    let rendered = windowed(visible, shown_count, focused);
    let name = server.name.clone();

    view! {
        <section class="board" aria-labelledby="board-title">
            <div class="page-head">
                <h1 id="board-title">"Status board " <span class="muted">"· " {name}</span></h1>
                // Not live: "Loaded 7 of 44" would be read out at every step. The region below speaks.
                <p class="progress">{move || progress(store)}</p>
                <p class="sr-only" role="status" aria-live="polite">{move || store.announcer.message.get()}</p>
                <span
                    class="live-indicator"
                    class:live=move || mode.get() == Mode::Live
                    title=move || match mode.get() {
                        Mode::Live => "Changes arrive as they happen (Event API).",
                        _ => "The event socket is not connected: the board re-reads on its refresh interval.",
                    }
                >
                    {move || mode.get().label()}
                </span>
            </div>
            {(!wall_screen).then(|| view! {
            <Toolbar
                query=query
                set_query=set_query
                refresh_seconds=refresh_seconds
                shown=shown_count
                total=Signal::derive(move || store.rows.with(Vec::len))
            />
            <SelectionBar selected shown shown_count on_bulk_edit=Callback::new(move |_| bulk_open.set(true))/>
            })}
            <BulkHost open=bulk_open selected writes/>
            {move || store.error.get().map(|e| view! { <p class="form-error" role="alert">{e.message()}</p> })}
            {move || left_out_notice(store.left_out.get(), "user").map(|t| view! { <p class="notice-line" role="status">{t}</p> })}
            <Show when=move || store.seconds_suspected.get()>
                <p class="notice-line warning" role="status">
                    "Return times from this server look like seconds, not milliseconds (they read as dates before 1973). "
                    "Set \"returnTimeUnit\": \"s\" in the panel's config.json."
                </p>
            </Show>
            // Long boards keep only the rows near the view in the DOM; `aria-rowcount` and each row's
            // `aria-rowindex` tell a screen reader where it is in the whole list.
            <table class="board-table" aria-rowcount=move || shown_count.get() + 1>
                <BoardHead query set_query/>
                <tbody node_ref=rendered.body>
                    <StandIn rendered below=false/>
                    <For
                        each=move || rendered.rows.get()
                        key=Row::key
                        children=move |row| {
                            let username = row.member.username.clone();
                            let is_selected = {
                                let username = username.clone();
                                Signal::derive(move || selected.with(|s| s.contains(&username)))
                            };
                            let place = {
                                let username = username.clone();
                                Signal::derive(move || rendered.places.with(|p| p.get(&username).copied()))
                            };
                            let is_focused = Signal::derive(move || focused.with(|f| f.as_deref() == Some(username.as_str())));
                            view! { <BoardRow row place now=now.into() selected=is_selected focused=is_focused on_select on_edit/> }
                        }
                    />
                    <StandIn rendered below=true/>
                </tbody>
            </table>
            <EditorHost editing writes/>
            <keys::ShortcutSheet open=help/>
            {(!wall_screen).then(|| view! { <p class="shortcut-hint muted">"Press " <kbd>"?"</kbd> " for keyboard shortcuts."</p> })}
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

/// The board's view from the URL query, and a way to change it (replacing the history entry, so typing in
/// the filter does not fill the back button).
fn url_query() -> (Memo<BoardQuery>, Callback<BoardQuery>) {
    let params = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let query = Memo::new(move |_| params.with(|m| BoardQuery::from_params(|k| m.get(k))));
    let set = Callback::new(move |q: BoardQuery| {
        let path = location.pathname.get_untracked();
        navigate(&format!("{path}{}", q.to_query()), navigate_options(true));
    });
    (query, set)
}

/// The current time, ticking every 30 s, for relative return times.
fn clock(scope: Scope) -> RwSignal<i64> {
    let now = RwSignal::new(js_sys::Date::now() as i64);
    scope.every(30_000, move || now.set(js_sys::Date::now() as i64));
    now
}

/// Re-syncs every `seconds` (0 = off) while the tab is visible and the live feed is down; restarts when
/// the interval changes.
fn auto_refresh(
    scope: Scope,
    seconds: RwSignal<u32>,
    mode: RwSignal<Mode>,
    sync: impl Fn() + Clone + 'static,
) {
    Effect::new(move |previous: Option<Option<Task>>| {
        if let Some(task) = previous.flatten() {
            task.cancel();
        }
        let seconds = seconds.get();
        let sync = sync.clone();
        (seconds > 0).then(|| {
            scope.every(seconds * 1_000, move || {
                if tab_visible() && mode.get_untracked() != Mode::Live {
                    sync();
                }
            })
        })
    });
}

fn tab_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}
