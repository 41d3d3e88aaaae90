//! The board's polite live region: status changes made elsewhere, paced by [`Pacer`] so a screen reader
//! hears at most one sentence every few seconds, and one-off news such as "44 users loaded".

use leptos::prelude::*;

use crate::domain::announce::{Pacer, StatusNews};
use crate::state::tasks::Scope;

#[derive(Clone, Copy)]
pub struct Announcer {
    /// The text of the `aria-live="polite"` region.
    pub message: RwSignal<String>,
    pacer: StoredValue<Pacer>,
    /// A timer to speak the pending changes is set.
    scheduled: StoredValue<bool>,
    /// The board's: the timer goes with it.
    scope: Scope,
}

impl Announcer {
    pub fn new(scope: Scope) -> Self {
        Announcer {
            message: RwSignal::new(String::new()),
            pacer: StoredValue::new(Pacer::default()),
            scheduled: StoredValue::new(false),
            scope,
        }
    }

    /// Says `text` now (news the supervisor is waiting for, not a stream of changes).
    pub fn say(self, text: String) {
        // The same words twice would change nothing in the DOM and go unspoken; a trailing no-break
        // space makes the second one new.
        self.message.update(|m| {
            *m = if *m == text {
                format!("{text}\u{a0}")
            } else {
                text
            };
        });
    }

    /// Queues a status change to be spoken when the quiet time allows.
    pub fn change(self, change: StatusNews) {
        self.pacer.update_value(|p| p.push(change));
        self.schedule();
    }

    fn schedule(self) {
        if self.scheduled.get_value() {
            return;
        }
        let Some(wait) = self.pacer.with_value(|p| p.wait_ms(js_sys::Date::now())) else {
            return;
        };
        self.scheduled.set_value(true);
        self.scope.after(wait.ceil() as u32, move || {
            self.scheduled.set_value(false);
            let mut spoken = None;
            self.pacer
                .update_value(|p| spoken = p.take(js_sys::Date::now()));
            if let Some(text) = spoken {
                self.say(text);
            }
            self.schedule();
        });
    }
}
