//! Keeping a board current, in one place: the first load, the Event socket (and on every (re)connect the
//! core server's live id and one catch-up sync), the refresh interval while the socket is down and the tab
//! is visible, and the arranged view of the rows that the page renders. All of it runs in the board's
//! scope, so it ends with the board.

use leptos::prelude::*;

use crate::api::types::CoreServer;
use crate::api::ApiClient;
use crate::domain::board_view::{Arranger, BoardQuery, SortKey};
use crate::domain::overdue::overdue_by;
use crate::domain::since::held;
use crate::state::board::{BoardStore, Row, SyncKind};
use crate::state::groups::GroupsStore;
use crate::state::live::{self, Mode};
use crate::state::tasks::{Scope, Task};

/// How often relative return times ("in 5 min") are worked out again.
const CLOCK_MS: u32 = 30_000;

/// Loads the board of `server` into `store` and keeps it current: events while the socket at `api_base`
/// is up, a re-read every `refresh_seconds` (0 = never) while it is down. Behind the panel's `gateway`,
/// each full sync also reads since when everyone is in their status. Returns the socket's mode.
pub fn keep_current(
    store: BoardStore,
    api: ApiClient,
    server: CoreServer,
    api_base: &str,
    gateway: bool,
    refresh_seconds: RwSignal<u32>,
) -> RwSignal<Mode> {
    let sync = {
        let (api, server, base) = (api.clone(), server.clone(), api_base.to_owned());
        move |kind: SyncKind| {
            let (api, server, base) = (api.clone(), server.clone(), base.clone());
            store.scope.spawn(async move {
                // A failure is shown by the store (and a 401 by the session, through the client's hook).
                let _ = store.sync(&api, &server, kind).await;
                if gateway && kind == SyncKind::Full {
                    store.read_since(&base, &server).await;
                }
            });
        }
    };
    // On every (re)connect: the core server's live id again (a restart changes it, and events name it),
    // and one sync to catch up with what happened while the socket was down.
    let on_open = {
        let (api, server, sync) = (api.clone(), server.clone(), sync.clone());
        move || {
            let (api, server) = (api.clone(), server.clone());
            store
                .scope
                .spawn(async move { store.read_live_id(&api, &server).await });
            sync(SyncKind::Full);
        }
    };
    let mode = live::start(api_base, on_open, move |event| {
        store.apply(event, &api, &server)
    });
    sync(SyncKind::Full);
    auto_refresh(store.scope, refresh_seconds, mode, sync);
    mode
}

/// The rows the view shows, filtered and sorted by `query` (a group's members from `groups`). Subscribes
/// to every row's status only when the query reads statuses, so an arriving status redraws only its row
/// otherwise (a "since" arriving notifies the same signal).
pub fn arranged(
    store: BoardStore,
    groups: GroupsStore,
    query: Memo<BoardQuery>,
    now: Signal<i64>,
) -> Memo<Vec<Row>> {
    Memo::new(move |_| {
        let rows = store.rows.get();
        // One signal for every row's presence, and only when the view depends on them; the clock only
        // when a return time passing moves a row (the overdue chip and sort).
        if query.with(BoardQuery::reads_presence) {
            store.any_presence.track();
        }
        let now = if query.with(BoardQuery::reads_clock) {
            now.get()
        } else {
            now.get_untracked()
        };
        let recording = store.recording_since.get_untracked();
        if query.with(|q| q.group.is_some()) {
            groups.members.track();
        }
        query.with(|q| {
            groups.members.with_untracked(|members| {
                let in_group = q.group.as_ref().and_then(|id| members.get(id));
                let arranger = Arranger::new(q, now).within(in_group);
                let by_since = q.sort == SortKey::Since;
                let kept = rows
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| {
                        let place = r.presence.with_untracked(|p| {
                            let since = by_since
                                .then(|| {
                                    r.changed.with_untracked(|c| held(p, c.as_ref(), recording))
                                })
                                .flatten();
                            arranger.place(&r.member, p, since)
                        });
                        place.map(|place| (i, place))
                    })
                    .collect();
                arranger
                    .order(kept, |i| &rows[i].member)
                    .into_iter()
                    .map(|i| rows[i].clone())
                    .collect()
            })
        })
    })
}

/// How many of the board's users are overdue (`domain::overdue`): counted again at each tick of `now`
/// and when statuses change (see [`recounted`]).
pub fn overdue_count(store: BoardStore, now: Signal<i64>) -> ReadSignal<usize> {
    recounted(
        store,
        move || now.track(),
        move |rows| {
            let at = now.get_untracked();
            rows.iter()
                .filter(|r| r.presence.with_untracked(|p| overdue_by(p, at).is_some()))
                .count()
        },
    )
}

/// A count over the board's rows, made again [`RECOUNT_MS`] after the rows, a row's presence or what
/// `track` reads changes — once for a burst of changes (a first load's thousands), not once each.
pub fn recounted<T>(
    store: BoardStore,
    track: impl Fn() + 'static,
    count: impl Fn(&[Row]) -> T + 'static,
) -> ReadSignal<T>
where
    T: PartialEq + Default + Send + Sync + 'static,
{
    let counted = RwSignal::new(T::default());
    let pending = StoredValue::new(false);
    let count = std::rc::Rc::new(count);
    Effect::new(move |_| {
        store.rows.track();
        store.any_presence.track();
        track();
        if !pending.get_value() {
            pending.set_value(true);
            let count = count.clone();
            store.scope.after(RECOUNT_MS, move || {
                pending.set_value(false);
                let n = store.rows.with_untracked(|rows| count(rows));
                if counted.with_untracked(|c| *c != n) {
                    counted.set(n);
                }
            });
        }
    });
    counted.read_only()
}

/// How long a count over the rows waits after a change before counting again.
const RECOUNT_MS: u32 = 500;

/// The current time, ticking every 30 s, for relative return times.
pub fn clock(scope: Scope) -> RwSignal<i64> {
    let now = RwSignal::new(js_sys::Date::now() as i64);
    scope.every(CLOCK_MS, move || now.set(js_sys::Date::now() as i64));
    now
}

/// Re-syncs every `seconds` (0 = off) while the tab is visible and the live feed is down, reading what is
/// due (`domain::freshness`); restarts when the interval changes.
fn auto_refresh(
    scope: Scope,
    seconds: RwSignal<u32>,
    mode: RwSignal<Mode>,
    sync: impl Fn(SyncKind) + Clone + 'static,
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
                    sync(SyncKind::Poll {
                        interval_ms: f64::from(seconds) * 1_000.0,
                    });
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
