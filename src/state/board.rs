//! The status board's store: the rows, each with its own presence signal so one status arriving redraws one
//! row, and the load that fills them with at most [`MAX_IN_FLIGHT`] status requests at a time.

use futures::StreamExt;
use leptos::prelude::*;

use crate::api::types::CoreServer;
use crate::api::{status, users, ApiClient, ApiError};
use crate::domain::board::{members, Member, Presence};

/// The most status requests in flight at once: gentle on the PBX, fast enough for hundreds of users.
pub const MAX_IN_FLIGHT: usize = 6;

#[derive(Clone)]
pub struct Row {
    pub member: Member,
    pub presence: RwSignal<Presence>,
}

#[derive(Clone, Copy)]
pub struct BoardStore {
    pub rows: RwSignal<Vec<Row>>,
    /// Statuses settled so far (known, lite or failed) out of `total`.
    pub settled: RwSignal<usize>,
    pub total: RwSignal<usize>,
    /// `None` until the user list has arrived.
    pub listed: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
}

impl BoardStore {
    pub fn new() -> Self {
        BoardStore {
            rows: RwSignal::new(Vec::new()),
            settled: RwSignal::new(0),
            total: RwSignal::new(0),
            listed: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Lists the users of `server`, then reads every full user's status, [`MAX_IN_FLIGHT`] at a time.
    pub async fn load(self, api: ApiClient, server: CoreServer) -> Result<(), ApiError> {
        let (live, config) = futures::join!(
            users::live_users(&api, &server.slug),
            users::config_users(&api, &server.id)
        );
        let live = live?;
        // Without the configuration list (an ACL may refuse it) lite users show up by their status 403.
        let config = config.ok();
        let rows: Vec<Row> = members(live, config.as_deref())
            .into_iter()
            .map(|member| Row {
                presence: RwSignal::new(if member.full {
                    Presence::Loading
                } else {
                    Presence::Lite
                }),
                member,
            })
            .collect();
        let pending: Vec<Row> = rows.iter().filter(|r| r.member.full).cloned().collect();
        self.total.set(rows.len());
        self.settled.set(rows.len() - pending.len());
        self.rows.set(rows);
        self.listed.set(true);
        let slug = server.slug.as_str();
        let unauthorized = std::cell::Cell::new(false);
        futures::stream::iter(pending)
            .for_each_concurrent(MAX_IN_FLIGHT, |row| {
                let (api, unauthorized) = (&api, &unauthorized);
                async move {
                    let presence = match status::get(api, slug, &row.member.username).await {
                        Ok(s) => Presence::Known(s),
                        Err(ApiError::Forbidden(_)) => Presence::Lite,
                        Err(e) => {
                            if e == ApiError::Unauthorized {
                                unauthorized.set(true);
                            }
                            Presence::Failed(e.message())
                        }
                    };
                    row.presence.try_set(presence);
                    self.settled.try_update(|n| *n += 1);
                }
            })
            .await;
        if unauthorized.get() {
            return Err(ApiError::Unauthorized);
        }
        Ok(())
    }
}

impl Default for BoardStore {
    fn default() -> Self {
        Self::new()
    }
}
