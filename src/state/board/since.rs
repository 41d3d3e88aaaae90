//! Since when each user is in their status: the gateway's history read once per (re)connect, and every
//! status event this page receives (its own time) on top.

use leptos::prelude::*;

use super::BoardStore;
use crate::api::gateway::{self, StatusChange};
use crate::api::types::CoreServer;

impl BoardStore {
    /// Reads the gateway's latest change for each user of `server` and gives it to their rows (a change
    /// an event brought meanwhile, newer, stays). A failure leaves the board without "since".
    pub async fn read_since(self, api_base: &str, server: &CoreServer) {
        let Ok(since) = gateway::since(api_base, &server.id).await else {
            return;
        };
        self.recording_since.set(Some(since.recording_since));
        let mut users = since.users;
        for row in self.rows.get_untracked() {
            if let Some(change) = users.remove(&row.member.username) {
                row.changed.update(|known| keep_newer(known, change));
            }
        }
        // A view sorted by time in status arranges again.
        self.any_presence.notify();
    }

    /// A status event's change, for its row.
    pub(super) fn changed(&self, username: &str, change: StatusChange) {
        if let Some(row) = self.row(username) {
            row.changed.update(|known| keep_newer(known, change));
            self.any_presence.notify();
        }
    }
}

fn keep_newer(known: &mut Option<StatusChange>, change: StatusChange) {
    if known.as_ref().is_none_or(|k| k.at <= change.at) {
        *known = Some(change);
    }
}
