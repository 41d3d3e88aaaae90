//! The status board's store: the rows, each with its own signals so one status arriving redraws one row,
//! and the sync that fills and refreshes them with at most [`MAX_IN_FLIGHT`] requests at a time.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use futures::StreamExt;
use leptos::prelude::*;

use crate::api::types::{looks_like_seconds, CoreServer, ReturnTimeUnit, SetStatus, UserStatus};
use crate::api::{status, users, ApiClient, ApiError};
use crate::domain::announce::StatusNews;
use crate::domain::board::{members, Member, Presence};
use crate::state::announcer::Announcer;
use crate::state::tasks::Scope;

mod events;
mod row;

use row::Arrivals;
pub use row::Row;

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
    /// `false` until the user list has arrived once.
    pub listed: RwSignal<bool>,
    /// The last sync's failure, if it failed; cleared by the next good one.
    pub error: RwSignal<Option<ApiError>>,
    /// What the board's polite live region says.
    pub announcer: Announcer,
    syncing: StoredValue<bool>,
    /// The core server's live id, read at every sync (so at every socket (re)connect): events carry it,
    /// and it changes when iSymphony restarts.
    live_id: StoredValue<Option<String>>,
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
            left_out: RwSignal::new(0),
            seconds_suspected: RwSignal::new(false),
            error: RwSignal::new(None),
            announcer: Announcer::new(scope),
            syncing: StoredValue::new(false),
            live_id: StoredValue::new(None),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            scope,
        }
    }

    pub fn row(&self, username: &str) -> Option<Row> {
        self.rows
            .with_untracked(|rows| rows.iter().find(|r| r.member.username == username).cloned())
    }

    /// Lists the users of `server` and reads every full user's status and logins. The first call fills the
    /// board; later calls refresh it in place, keeping rows (and their signals) by username. A sync already
    /// running makes this one a no-op. Runs in the board's scope: run it with [`Scope::spawn`].
    pub async fn sync(self, api: &ApiClient, server: &CoreServer) -> Result<(), ApiError> {
        if self.syncing.get_value() {
            return Ok(());
        }
        self.syncing.set_value(true);
        let result = self.sync_once(api, server).await;
        self.syncing.set_value(false);
        self.error.set(result.as_ref().err().cloned());
        result
    }

    async fn sync_once(self, api: &ApiClient, server: &CoreServer) -> Result<(), ApiError> {
        let (live, config, ()) = futures::join!(
            users::live_users(api, &server.slug),
            users::config_users(api, &server.id),
            self.read_live_id(api, server)
        );
        // Without the configuration list (an ACL may refuse it) lite users show up by their status 403.
        let (live, config) = (live?, config.ok());
        if self.left_out.get_untracked() != live.left_out {
            self.left_out.set(live.left_out);
        }
        let fresh = members(live.items, config.as_ref().map(|c| c.items.as_slice()));
        let rows = self.merge(fresh);
        let first_load = !self.listed.get_untracked();
        let pending: Vec<Row> = rows.iter().filter(|r| r.member.full).cloned().collect();
        if first_load {
            self.total.set(rows.len());
            self.settled.set(rows.len() - pending.len());
            self.listed.set(true);
        }
        let unauthorized = Cell::new(false);
        let arrivals = Arrivals::default();
        futures::stream::iter(pending)
            .for_each_concurrent(MAX_IN_FLIGHT, |row| {
                let (unauthorized, arrivals) = (&unauthorized, &arrivals);
                async move {
                    let slug = &server.slug;
                    let username = &row.member.username;
                    let presence = match status::get(api, slug, username).await {
                        Ok(s) if first_load => Some(Presence::Known(s)),
                        Ok(s) => {
                            self.settle_from_elsewhere(&row, s);
                            None
                        }
                        Err(ApiError::Forbidden(_)) => Some(Presence::Lite),
                        Err(e) => {
                            unauthorized.set(unauthorized.get() || e == ApiError::Unauthorized);
                            // A refresh that fails keeps what the board already knew.
                            let known = matches!(row.presence.get_untracked(), Presence::Known(_));
                            (!known).then(|| Presence::Failed(e.message()))
                        }
                    };
                    let online = users::logins(api, slug, username)
                        .await
                        .ok()
                        .map(|l| l.total() > 0);
                    if first_load {
                        arrivals.push(self, row, presence, online);
                    } else {
                        row.show(presence, online);
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
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark("board-loaded");
            }
        }
        Ok(())
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
                _ => owner.with(|| Row::new(member)),
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
            self.scope.apply(|| row.settle(Presence::Known(presence)));
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
