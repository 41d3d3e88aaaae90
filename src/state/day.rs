//! A user's day (`domain::timeline`), read from the gateway when the editor opens on them; the read ends
//! with the editor.

use leptos::prelude::*;

use crate::api::gateway;
use crate::domain::return_time::{epoch_ms_to_local, local_to_epoch_ms, LocalDateTime};
use crate::domain::timeline::{spans, Span};
use crate::state::tasks::Scope;

#[derive(Debug, Clone, PartialEq)]
pub enum Day {
    Reading,
    Read(Vec<Span>),
    Failed(String),
}

/// Today in the browser's zone, from local midnight to now, and what was read of it.
#[derive(Clone, Copy)]
pub struct UserDay {
    pub day: RwSignal<Day>,
    pub from: i64,
    pub now: i64,
}

/// Starts reading `username`'s day on the core server `core_server_id` (its configuration id).
pub fn read(api_base: String, core_server_id: String, username: String) -> UserDay {
    let now = js_sys::Date::now() as i64;
    let today = epoch_ms_to_local(now);
    let midnight = LocalDateTime {
        hour: 0,
        minute: 0,
        ..today
    };
    let from = local_to_epoch_ms(midnight).unwrap_or(now);
    let day = RwSignal::new(Day::Reading);
    Scope::here().spawn(async move {
        let read = gateway::history(&api_base, &core_server_id, &username, from).await;
        day.set(match read {
            Ok(events) => Day::Read(spans(&events.items, from, now)),
            Err(e) => Day::Failed(e.message()),
        });
    });
    UserDay { day, from, now }
}
