//! "Tell me when they are back" on a board: the watches this browser keeps for the core server shown
//! (localStorage, `domain::watch`), set and cancelled from a row's bell or `w`, and checked whenever a
//! status or a login changes. A watch that fires ends, and is said in the panel, in the board's polite
//! region and — when the supervisor turned them on — as a browser notification.

use leptos::prelude::*;

use crate::domain::watch::{Until, Watch, WatchBook};
use crate::state::alerts::{use_browser_alerts, BrowserAlerts};
use crate::state::board::{BoardStore, Row};
use crate::state::notifications::{use_notifications, Lasts, Notifications, Tone};
use crate::state::persisted::Persisted;

const KEY: &str = "isymphony-panel.watches";

#[derive(Clone, Copy)]
pub struct Watches {
    book: Persisted<WatchBook>,
    slug: StoredValue<String>,
    store: BoardStore,
    notifications: Notifications,
    alerts: BrowserAlerts,
}

impl Watches {
    /// The watches of the core server `slug`, checked against `store`'s rows for as long as the board
    /// is shown.
    pub fn keep(store: BoardStore, slug: String) -> Self {
        let watches = Watches {
            book: Persisted::load(KEY),
            slug: StoredValue::new(slug),
            store,
            notifications: use_notifications(),
            alerts: use_browser_alerts(),
        };
        Effect::new(move |_| {
            store.rows.track();
            store.any_presence.track();
            watches.book.signal.track();
            watches.fire();
        });
        watches
    }

    /// This server's watches, in the order they were set.
    pub fn list(&self) -> Vec<Watch> {
        let slug = self.slug.get_value();
        self.book.signal.with(|b| b.of(&slug).to_vec())
    }

    pub fn is_watching(&self, username: &str) -> bool {
        let slug = self.slug.get_value();
        self.book.signal.with(|b| b.is_watching(&slug, username))
    }

    /// The bell: watches the row's user (until they log in if they are logged out or lite, else until
    /// they are Available), or cancels the watch on them. A watch that would fire at once is not set: the panel
    /// says so instead.
    pub fn toggle(&self, row: &Row) {
        let username = &row.member.username;
        if self
            .book
            .signal
            .with_untracked(|b| b.is_watching(&self.slug.get_value(), username))
        {
            self.cancel(username);
            return;
        }
        let online = row.online.get_untracked();
        let watch = Watch {
            username: username.clone(),
            name: row.member.display_name.clone(),
            until: Until::for_now(row.member.full, online),
        };
        if row
            .presence
            .with_untracked(|p| watch.until.holds(p, online))
            == Some(true)
        {
            self.say(watch.already(), Lasts::Done);
            return;
        }
        self.store.announcer.say(format!(
            "Watching {} until they {}.",
            watch.name,
            watch.until.infinitive()
        ));
        let slug = self.slug.get_value();
        self.book.update(|b| b.set(&slug, watch));
    }

    /// Changes what the watch on `username` waits for.
    pub fn wait_for(&self, username: &str, until: Until) {
        let slug = self.slug.get_value();
        self.book.update(|b| {
            if let Some(mut watch) = b.end(&slug, username) {
                watch.until = until;
                b.set(&slug, watch);
            }
        });
    }

    pub fn cancel(&self, username: &str) {
        let slug = self.slug.get_value();
        let mut ended = None;
        self.book.update(|b| ended = b.end(&slug, username));
        if let Some(watch) = ended {
            self.store
                .announcer
                .say(format!("No longer watching {}.", watch.name));
        }
    }

    /// Ends and tells of every watch whose user now is as it waited for.
    fn fire(&self) {
        let slug = self.slug.get_value();
        let store = self.store;
        let firing = self.book.signal.with_untracked(|b| {
            b.firing(&slug, |username| {
                store
                    .row(username)
                    .map(|r| (r.presence.get_untracked(), r.online.get_untracked()))
            })
        });
        if firing.is_empty() {
            return;
        }
        self.book.update(|b| {
            for watch in &firing {
                b.end(&slug, &watch.username);
            }
        });
        for watch in firing {
            self.alerts
                .show(&watch.news(), &format!("watch:{slug}:{}", watch.username));
            self.say(watch.news(), Lasts::Watch);
        }
    }

    fn say(&self, text: String, lasts: Lasts) {
        self.store.announcer.say(text.clone());
        self.notifications.show(text, Tone::Info, None, lasts);
    }
}
