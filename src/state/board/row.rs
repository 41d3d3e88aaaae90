//! One board row: its member and its own signals (so one status arriving redraws one row), and the
//! batching that puts the first load's arrivals on screen a few times a second.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use leptos::prelude::*;

use super::BoardStore;
use crate::api::gateway::StatusChange;
use crate::api::types::UserStatus;
use crate::domain::board::{Member, Presence};

#[derive(Clone)]
pub struct Row {
    /// Shared: the board's view copies its rows at every keystroke in the filter.
    pub member: Arc<Member>,
    pub presence: RwSignal<Presence>,
    /// The board's one "some presence changed" signal, notified with every change of `presence` or
    /// `online`: a view
    /// over all rows (the filter by status, the sort by status) tracks it instead of 5,000 signals, which
    /// it would re-subscribe to at every keystroke.
    pub(super) any_presence: Trigger,
    /// From the user's logins; `None` until known.
    pub online: RwSignal<Option<bool>>,
    /// A save for this user is under way.
    pub saving: RwSignal<bool>,
    /// The latest status change recorded for this user (an event this page saw, or the gateway's history).
    pub changed: RwSignal<Option<StatusChange>>,
    /// When the status and the logins were last read (Unix ms; 0: never), so a polling refresh reads
    /// only what is due (`domain::freshness`).
    pub(super) status_read_at: StoredValue<f64>,
    pub(super) logins_read_at: StoredValue<f64>,
}

/// The same row: the same member and the same signals (every row shares the board's `any_presence`).
impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        self.member == other.member
            && self.presence == other.presence
            && self.online == other.online
            && self.saving == other.saving
            && self.changed == other.changed
            && self.status_read_at == other.status_read_at
            && self.logins_read_at == other.logins_read_at
    }
}

impl Row {
    /// The row's status as it is known now (for an editor's base, an Undo, the audit's "before").
    pub fn known_status(&self) -> Option<UserStatus> {
        self.presence.with_untracked(|p| p.known().cloned())
    }

    pub(super) fn new(member: Member, any_presence: Trigger) -> Self {
        Row {
            any_presence,
            presence: RwSignal::new(if member.full {
                Presence::Loading
            } else {
                Presence::Lite
            }),
            online: RwSignal::new(None),
            saving: RwSignal::new(false),
            changed: RwSignal::new(None),
            status_read_at: StoredValue::new(0.0),
            logins_read_at: StoredValue::new(0.0),
            member: Arc::new(member),
        }
    }

    /// The key the board's list uses: the username, plus what a row shows that is not in a signal.
    pub fn key(&self) -> String {
        format!(
            "{}\u{0}{}\u{0}{}",
            self.member.username, self.member.display_name, self.member.full
        )
    }

    /// Shows what one sync learned about this user (nothing for `None`).
    pub(super) fn show(&self, presence: Option<Presence>, online: Option<bool>) {
        if let Some(presence) = presence {
            self.settle(presence);
        }
        if let Some(online) = online {
            self.set_online(online);
        }
    }

    /// Whether the user is logged in, as just learnt; notifies `any_presence` when it changed (staffing
    /// and watches count logins).
    pub(super) fn set_online(&self, online: bool) {
        if self.online.get_untracked() != Some(online) {
            self.online.set(Some(online));
            self.any_presence.notify();
        }
    }

    /// The status was just read (or came in an event): it needs no poll for a while.
    pub(super) fn status_read_now(&self) {
        self.status_read_at.set_value(js_sys::Date::now());
    }

    pub(super) fn logins_read_now(&self) {
        self.logins_read_at.set_value(js_sys::Date::now());
    }

    /// Sets a signal only when the value changed, so a refresh that finds nothing new redraws nothing.
    pub(super) fn settle(&self, presence: Presence) {
        if self.presence.with_untracked(|p| *p != presence) {
            self.presence.set(presence);
            self.any_presence.notify();
        }
    }
}

/// How often the first load puts what arrived on screen.
const SHOW_EVERY_MS: f64 = 200.0;

/// During the first load, statuses that arrived but are not on screen yet. They are shown a few times a
/// second rather than one request at a time: each change to a table of a thousand rows costs the browser
/// a style and layout pass, and a profile of a 1,000-user load spent 79% of it rendering (BENCHMARKS.md).
/// One user's status (if it changes) and whether they are logged in (if known).
struct Arrival {
    row: Row,
    /// The status, if it changed.
    presence: Option<Presence>,
    /// Whether they are logged in, if known.
    online: Option<bool>,
}

#[derive(Default)]
pub(super) struct Arrivals {
    waiting: RefCell<Vec<Arrival>>,
    shown_at: Cell<f64>,
}

impl Arrivals {
    pub(super) fn push(
        &self,
        store: BoardStore,
        row: Row,
        presence: Option<Presence>,
        online: Option<bool>,
    ) {
        self.waiting.borrow_mut().push(Arrival {
            row,
            presence,
            online,
        });
        if js_sys::Date::now() - self.shown_at.get() >= SHOW_EVERY_MS {
            self.flush(store);
        }
    }

    pub(super) fn flush(&self, store: BoardStore) {
        let waiting = std::mem::take(&mut *self.waiting.borrow_mut());
        self.shown_at.set(js_sys::Date::now());
        if waiting.is_empty() {
            return;
        }
        let count = waiting.len();
        for Arrival {
            row,
            presence,
            online,
        } in waiting
        {
            row.show(presence, online);
        }
        store.settled.update(|n| *n += count);
    }
}
