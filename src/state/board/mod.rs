//! The status board's store: the rows, each with its own signals so one status arriving redraws one row,
//! and the sync that fills and refreshes them with at most [`MAX_IN_FLIGHT`] requests at a time.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::task::Poll;

use futures::StreamExt;
use leptos::prelude::*;

use crate::api::types::{looks_like_seconds, CoreServer, ReturnTimeUnit, SetStatus, UserStatus};
use crate::api::{status, users, ApiClient, ApiError};
use crate::browser::mark;
use crate::domain::announce::StatusNews;
use crate::domain::board::{members, Member, Presence};
use crate::domain::freshness::{plan, Age, Reads};
use crate::domain::read_queue::ReadQueue;
use crate::state::announcer::Announcer;
use crate::state::tasks::Scope;

mod events;
mod row;
mod since;

use row::Arrivals;
pub use row::Row;

/// How much a sync reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SyncKind {
    /// Every full user's status and logins: the first load, and catching up after the socket was down.
    Full,
    /// A polling refresh, every `interval_ms`: what is due (`domain::freshness`).
    Poll { interval_ms: f64 },
}

/// What one row's reading found.
#[derive(Default)]
struct RowRead {
    /// The status to show, if it changed (`None` also when it was not read).
    presence: Option<Presence>,
    /// Whether the user is logged in, when the logins were read.
    online: Option<bool>,
    unauthorized: bool,
}

/// The most requests in flight at once: gentle on the PBX, fast enough for hundreds of users.
pub const MAX_IN_FLIGHT: usize = 6;

#[derive(Clone, Copy)]
pub struct BoardStore {
    pub rows: RwSignal<Vec<Row>>,
    /// Statuses settled so far (known, lite or failed) out of `total`, during the first load.
    pub settled: RwSignal<usize>,
    pub total: RwSignal<usize>,
    /// Users the server listed in a form the panel cannot read (left off the board, and said so).
    pub left_out: RwSignal<usize>,
    /// Return times read as milliseconds look like seconds (`config.json`'s `returnTimeUnit` is wrong).
    pub seconds_suspected: RwSignal<bool>,
    /// A full user's status was refused (403): the core server has no licence. From then on no status
    /// is asked for (each would be refused) and the board says so once.
    pub unlicensed: RwSignal<bool>,
    /// Whether the last sync had the configuration users, so a row's `full` is known rather than assumed
    /// (without them a 403 means a lite user).
    configured: StoredValue<bool>,
    /// `false` until the user list has arrived once.
    pub listed: RwSignal<bool>,
    /// Notified whenever any row's presence changes (see `Row::any_presence`).
    pub any_presence: Trigger,
    /// The last sync's failure, if it failed; cleared by the next good one.
    pub error: RwSignal<Option<ApiError>>,
    /// What the board's polite live region says.
    pub announcer: Announcer,
    syncing: StoredValue<bool>,
    /// The usernames of the rows on screen (and the next screen), in the order shown: a sync reads them
    /// before the others, asking again at every pick, so a scroll or a filter moves the reading there.
    in_view: StoredValue<Vec<String>>,
    /// The user whose status is open in the editor: read at every refresh, like the rows in view.
    watched: StoredValue<Option<String>>,
    /// The core server's live id, read at every sync (so at every socket (re)connect): events carry it,
    /// and it changes when iSymphony restarts.
    live_id: StoredValue<Option<String>>,
    /// When the gateway's status history began; `None` without a gateway (see `since.rs`).
    pub recording_since: RwSignal<Option<i64>>,
    /// The board's owner: rows made later, in async syncs, belong to it and are disposed with it.
    owner: StoredValue<Owner>,
    /// The board's lifetime: its loads run in it, and writes that outlive it show their result through it.
    pub scope: Scope,
}

impl BoardStore {
    pub fn new() -> Self {
        let scope = Scope::here();
        BoardStore {
            rows: RwSignal::new(Vec::new()),
            settled: RwSignal::new(0),
            total: RwSignal::new(0),
            listed: RwSignal::new(false),
            any_presence: Trigger::new(),
            left_out: RwSignal::new(0),
            seconds_suspected: RwSignal::new(false),
            unlicensed: RwSignal::new(false),
            configured: StoredValue::new(false),
            error: RwSignal::new(None),
            announcer: Announcer::new(scope),
            syncing: StoredValue::new(false),
            in_view: StoredValue::new(Vec::new()),
            watched: StoredValue::new(None),
            live_id: StoredValue::new(None),
            recording_since: RwSignal::new(None),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            scope,
        }
    }

    /// Which rows the supervisor now sees (see `in_view`).
    pub fn show_in_view(&self, usernames: Vec<String>) {
        self.in_view.set_value(usernames);
    }

    /// The user open in the editor, if any (see `watched`).
    pub fn watch(&self, username: Option<String>) {
        self.watched.set_value(username);
    }

    pub fn row(&self, username: &str) -> Option<Row> {
        self.rows
            .with_untracked(|rows| rows.iter().find(|r| r.member.username == username).cloned())
    }

    /// Lists the users of `server` and reads every full user's status and logins. The first call fills the
    /// board; later calls refresh it in place, keeping rows (and their signals) by username. A sync already
    /// running makes this one a no-op. Runs in the board's scope: run it with [`Scope::spawn`].
    pub async fn sync(
        self,
        api: &ApiClient,
        server: &CoreServer,
        kind: SyncKind,
    ) -> Result<(), ApiError> {
        if self.syncing.get_value() {
            return Ok(());
        }
        self.syncing.set_value(true);
        let result = self.sync_once(api, server, kind).await;
        self.syncing.set_value(false);
        self.error.set(result.as_ref().err().cloned());
        result
    }

    async fn sync_once(
        self,
        api: &ApiClient,
        server: &CoreServer,
        kind: SyncKind,
    ) -> Result<(), ApiError> {
        let (live, config, ()) = futures::join!(
            users::live_users(api, &server.slug),
            users::config_users(api, &server.id),
            self.read_live_id(api, server)
        );
        // Without the configuration list (an ACL may refuse it) lite users show up by their status 403.
        let (live, config) = (live?, config.ok());
        self.configured.set_value(config.is_some());
        if self.left_out.get_untracked() != live.left_out {
            self.left_out.set(live.left_out);
        }
        let fresh = members(live.items, config.as_ref().map(|c| c.items.as_slice()));
        let rows = self.merge(fresh);
        let first_load = !self.listed.get_untracked();
        let full: Vec<Row> = rows.iter().filter(|r| r.member.full).cloned().collect();
        if first_load {
            self.total.set(rows.len());
            self.settled.set(rows.len() - full.len());
            self.listed.set(true);
        }
        let pending = match kind {
            SyncKind::Poll { interval_ms } if !first_load => self.due(full, interval_ms),
            _ => full.into_iter().map(|row| (row, Reads::ALL)).collect(),
        };
        let unauthorized = Cell::new(false);
        let arrivals = Arrivals::default();
        let queue = RefCell::new(ReadQueue::new(pending, |(r, _): &(Row, Reads)| {
            r.member.username.as_str()
        }));
        // Rows in view first: each free slot takes the next row the supervisor looks at.
        let next = futures::stream::poll_fn(|_| {
            Poll::Ready(
                self.in_view
                    .with_value(|view| queue.borrow_mut().take(view)),
            )
        });
        next.for_each_concurrent(MAX_IN_FLIGHT, |(row, reads)| {
            let (unauthorized, arrivals) = (&unauthorized, &arrivals);
            async move {
                let read = self
                    .read_row(api, &server.slug, &row, reads, first_load)
                    .await;
                if read.unauthorized {
                    unauthorized.set(true);
                }
                if first_load {
                    arrivals.push(self, row, read.presence, read.online);
                } else {
                    row.show(read.presence, read.online);
                }
            }
        })
        .await;
        arrivals.flush(self);
        self.suspect_seconds(api, &rows);
        if unauthorized.get() {
            return Err(ApiError::Unauthorized);
        }
        if first_load {
            self.announcer.say(format!("{} users loaded.", rows.len()));
            // A User Timing mark: DevTools and `cargo xtask bench` read the first full load from it.
            mark("board-loaded");
        }
        Ok(())
    }

    /// Reads what `reads` asks of one row: its status (on the first load kept for the arrival batch; on a
    /// refresh shown at once) and whether the user is logged in.
    async fn read_row(
        self,
        api: &ApiClient,
        slug: &str,
        row: &Row,
        reads: Reads,
        first_load: bool,
    ) -> RowRead {
        let username = &row.member.username;
        let mut read = RowRead::default();
        if reads.status && self.unlicensed.get_untracked() {
            // Asking again would only be refused.
            row.status_read_now();
            read.presence = Some(Presence::Unlicensed);
        } else if reads.status {
            read.presence = match status::get(api, slug, username).await {
                Ok(s) if first_load => {
                    row.status_read_now();
                    Some(Presence::Known(s))
                }
                Ok(s) => {
                    self.settle_from_elsewhere(row, s);
                    None
                }
                Err(ApiError::Forbidden(_)) => {
                    row.status_read_now();
                    Some(self.refused(row))
                }
                Err(e) => {
                    read.unauthorized = e == ApiError::Unauthorized;
                    // A refresh that fails keeps what the board already knew.
                    let known = row.presence.with_untracked(|p| p.known().is_some());
                    (!known).then(|| Presence::Failed(e.message()))
                }
            };
        }
        if reads.logins {
            if let Ok(logins) = users::logins(api, slug, username).await {
                row.logins_read_now();
                read.online = Some(logins.total() > 0);
            }
        }
        read
    }

    /// What a 403 on a status means: no licence on the core server for a user the configuration says is
    /// full (contract, "Decided here" 20), a lite user otherwise.
    fn refused(&self, row: &Row) -> Presence {
        if row.member.full && self.configured.get_value() {
            if !self.unlicensed.get_untracked() {
                self.unlicensed.set(true);
            }
            Presence::Unlicensed
        } else {
            Presence::Lite
        }
    }

    /// Notices, once, return times that only make sense in seconds while the panel reads milliseconds.
    fn suspect_seconds(&self, api: &ApiClient, rows: &[Row]) {
        if api.return_time_unit() != ReturnTimeUnit::Milliseconds
            || self.seconds_suspected.get_untracked()
        {
            return;
        }
        let suspect = rows.iter().any(|r| {
            r.presence.with_untracked(
                |p| matches!(p, Presence::Known(s) if looks_like_seconds(s.return_time)),
            )
        });
        if suspect {
            self.seconds_suspected.set(true);
        }
    }

    /// What a polling refresh reads of each full row (`domain::freshness`): the rows in view and the
    /// editor's user every time, the rest as a sweep keeps them fresh.
    fn due(&self, full: Vec<Row>, interval_ms: f64) -> Vec<(Row, Reads)> {
        let watched = self.watched.get_value();
        let ages: Vec<Age> = self.in_view.with_value(|view| {
            let view: HashSet<&str> = view.iter().map(String::as_str).collect();
            full.iter()
                .map(|r| {
                    let name = r.member.username.as_str();
                    Age {
                        in_view: view.contains(name) || watched.as_deref() == Some(name),
                        status_read_at: r.status_read_at.get_value(),
                        logins_read_at: r.logins_read_at.get_value(),
                    }
                })
                .collect()
        });
        let reads = plan(&ages, js_sys::Date::now(), interval_ms);
        full.into_iter()
            .zip(reads)
            .filter(|(_, reads)| reads.any())
            .collect()
    }

    /// Shows a status that came from elsewhere (a refresh or an event) and, when it is a real change to
    /// a known status and not the supervisor's own save coming back, queues it for the live region.
    fn settle_from_elsewhere(&self, row: &Row, status: UserStatus) {
        let changed = row.presence.with_untracked(|p| match p {
            Presence::Known(old) => old.kind != status.kind || old.name != status.name,
            _ => false,
        });
        if changed && !row.saving.get_untracked() {
            self.announcer.change(StatusNews {
                who: row.member.display_name.clone(),
                status: status.name.clone(),
            });
        }
        row.status_read_now();
        row.settle(Presence::Known(status));
    }

    /// Keeps the rows of users still listed (their signals too), adds new ones, drops the gone.
    fn merge(&self, fresh: Vec<Member>) -> Vec<Row> {
        let old = self.rows.get_untracked();
        let by_username: HashMap<&str, &Row> = old
            .iter()
            .map(|r| (r.member.username.as_str(), r))
            .collect();
        let owner = self.owner.get_value();
        let rows: Vec<Row> = fresh
            .into_iter()
            .map(|member| match by_username.get(member.username.as_str()) {
                Some(row) if row.member.full == member.full => Row {
                    member: Arc::new(member),
                    ..(*row).clone()
                },
                _ => owner.with(|| Row::new(member, self.any_presence)),
            })
            .collect();
        if rows != old {
            self.rows.set(rows.clone());
        }
        rows
    }

    /// Sets a user's status, then re-reads it so the row shows the server's truth. A save once sent
    /// finishes even if the supervisor leaves the board (run it in the session's scope, with a client that
    /// is not the board's); the row shows the result only while the board is there.
    pub async fn save(
        self,
        api: &ApiClient,
        slug: &str,
        row: &Row,
        body: &SetStatus,
    ) -> Result<(), ApiError> {
        self.scope.apply(|| row.saving.set(true));
        let result = status::set(api, slug, &row.member.username, body).await;
        if result.is_ok() {
            let presence = match status::get(api, slug, &row.member.username).await {
                Ok(s) => s,
                // Saved, but the re-read failed: show what the server accepted.
                Err(_) => UserStatus {
                    id: String::new(),
                    configuration_id: String::new(),
                    name: body.name.clone(),
                    kind: body.kind.clone(),
                    note: body.note.clone(),
                    return_time: body.return_time,
                    user_created: true,
                },
            };
            self.scope.apply(|| {
                row.status_read_now();
                row.settle(Presence::Known(presence))
            });
        }
        self.scope.apply(|| row.saving.set(false));
        result
    }
}

impl Default for BoardStore {
    fn default() -> Self {
        Self::new()
    }
}
