//! Overdue returns told by the browser (opt-in, `state::alerts`): "Olivia Bennett is 15 minutes past their
//! return time." — once per user per return time, never for the row the supervisor is looking at (the
//! tab focused on it), never on a wall screen (no board there makes this).

use std::collections::HashSet;

use leptos::prelude::*;

use crate::domain::overdue::alert;
use crate::state::alerts::{page_has_focus, BrowserAlerts};
use crate::state::board::BoardStore;

/// Looks again at each tick of `now` and whenever statuses change, while the browser's notifications are
/// on; `focused` is the board's keyboard-focused row.
pub fn tell_overdue(
    store: BoardStore,
    now: Signal<i64>,
    focused: RwSignal<Option<String>>,
    alerts: BrowserAlerts,
) {
    // (username, return time) already told of, or seen on screen.
    let told = StoredValue::new(HashSet::<(String, i64)>::new());
    Effect::new(move |_| {
        now.track();
        store.any_presence.track();
        if !alerts.on() {
            return;
        }
        let at = now.get_untracked();
        let looking_at = page_has_focus().then(|| focused.get_untracked()).flatten();
        let mut news = Vec::new();
        store.rows.with_untracked(|rows| {
            for row in rows {
                let Some((back, words)) = row
                    .presence
                    .with_untracked(|p| alert(&row.member.display_name, p, at))
                else {
                    continue;
                };
                let key = (row.member.username.clone(), back);
                if told.with_value(|t| t.contains(&key)) {
                    continue;
                }
                if looking_at.as_deref() != Some(row.member.username.as_str()) {
                    news.push((format!("overdue:{}", row.member.username), words));
                }
                told.update_value(|t| {
                    t.insert(key);
                });
            }
        });
        // A burst (notifications just turned on, a first load) is one notification, not a stack.
        if news.len() > MOST_AT_ONCE {
            let words = format!(
                "{} people are 15 minutes or more past their return time.",
                news.len()
            );
            alerts.show(&words, "overdue");
        } else {
            for (tag, words) in news {
                alerts.show(&words, &tag);
            }
        }
    });
}

/// The most overdue notifications shown one by one at once.
const MOST_AT_ONCE: usize = 3;
