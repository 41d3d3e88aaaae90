//! Live events applied to the board's rows in place, and the core server's live id they are named by.

use leptos::prelude::*;

use super::BoardStore;
use crate::api::events::Event;
use crate::api::gateway::StatusChange;
use crate::api::types::{CoreServer, UserStatus};
use crate::api::{servers, users, ApiClient};

impl BoardStore {
    /// Reads the core server's live id (events name it; it changes when iSymphony restarts). Done at every
    /// sync and at every socket (re)connect, even while a sync that read it earlier still runs.
    pub async fn read_live_id(self, api: &ApiClient, server: &CoreServer) {
        if let Ok(core) = servers::live(api, &server.slug).await {
            self.live_id.set_value(Some(core.id));
        }
    }

    /// Whether an event's `coreServerId` is the core server shown: its live id (what iSymphony sends) or
    /// its configuration id (the other reading of the vendor's pages).
    fn shows(&self, core_server_id: &str, server: &CoreServer) -> bool {
        core_server_id == server.id
            || self
                .live_id
                .with_value(|live| live.as_deref() == Some(core_server_id))
    }

    /// Applies a live event to its row, in place. A logout re-reads that user's logins (another login may
    /// remain); nothing else is fetched.
    pub fn apply(self, event: Event, api: &ApiClient, server: &CoreServer) {
        match event {
            Event::Status {
                core_server_id,
                username,
                status,
                time,
            } if self.shows(&core_server_id, server) => {
                if let Some(at) = time {
                    let (name, kind) = (status.name.clone(), status.kind.clone());
                    self.changed(&username, StatusChange { at, name, kind });
                }
                if let Some(row) = self.row(&username) {
                    let return_time = api.return_time_unit().to_ms(status.return_time);
                    self.settle_from_elsewhere(
                        &row,
                        UserStatus {
                            return_time,
                            ..status
                        },
                    );
                }
            }
            Event::Login {
                core_server_id,
                username,
                online,
            } if self.shows(&core_server_id, server) => {
                let Some(row) = self.row(&username) else {
                    return;
                };
                if online {
                    row.logins_read_now();
                    row.set_online(true);
                } else {
                    let (api, slug) = (api.clone(), server.slug.clone());
                    self.scope.spawn(async move {
                        if let Ok(logins) = users::logins(&api, &slug, &row.member.username).await {
                            row.logins_read_now();
                            row.set_online(logins.total() > 0);
                        }
                    });
                }
            }
            _ => {}
        }
    }
}
