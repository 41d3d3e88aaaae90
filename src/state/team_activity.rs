//! The team's Activity, read from the panel's gateway: the filters asked for, the pages read so far
//! (newest first) and whether there are older ones. Loads run in the page's scope; an answer to filters
//! that have since changed is dropped, so typing never shows an older search's rows.

use leptos::prelude::*;

use crate::api::gateway::{activity, activity_export, ActivityQuery};
use crate::api::listed::left_out_notice;
use crate::domain::audit::Entry;
use crate::domain::return_time::{local_to_epoch_ms, LocalDateTime};
use crate::state::tasks::Scope;

#[derive(Clone, Copy)]
pub struct TeamActivity {
    pub query: RwSignal<ActivityQuery>,
    pub entries: RwSignal<Vec<Entry>>,
    /// Where the next (older) page starts; `None` when everything has been read.
    pub next: RwSignal<Option<i64>>,
    pub loading: RwSignal<bool>,
    /// Why the last read failed, or what it had to leave out.
    pub notice: RwSignal<Option<String>>,
    /// Counts searches, so a late answer to an earlier one is recognised.
    generation: StoredValue<u64>,
    api_base: StoredValue<String>,
    scope: Scope,
}

impl TeamActivity {
    /// Made while the Activity page is built; its loads end with it.
    pub fn new(api_base: String) -> Self {
        let team = TeamActivity {
            query: RwSignal::new(ActivityQuery::default()),
            entries: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            loading: RwSignal::new(false),
            notice: RwSignal::new(None),
            generation: StoredValue::new(0),
            api_base: StoredValue::new(api_base),
            scope: Scope::here(),
        };
        team.load(false);
        team
    }

    /// Changes the filters and reads their first page.
    pub fn filter(&self, change: impl FnOnce(&mut ActivityQuery)) {
        self.query.update(change);
        self.load(false);
    }

    /// Reads the next older page, after those shown.
    pub fn more(&self) {
        if self.next.get_untracked().is_some() {
            self.load(true);
        }
    }

    /// Where the gateway streams everything the filters match (`csv` or `json-all`).
    pub fn export(&self, format: &str) -> String {
        self.query
            .with(|q| activity_export(&self.api_base.get_value(), q, format))
    }

    fn load(&self, more: bool) {
        let this = *self;
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let query = self.query.get_untracked();
        let before = if more {
            self.next.get_untracked()
        } else {
            None
        };
        self.loading.set(true);
        self.scope.spawn(async move {
            let read = activity(&this.api_base.get_value(), &query, before).await;
            if this.generation.get_value() != generation {
                return;
            }
            this.loading.set(false);
            match read {
                Ok(page) => {
                    let rows = page.entries.items.into_iter().map(Entry::from);
                    this.entries.update(|shown| {
                        if !more {
                            shown.clear();
                        }
                        shown.extend(rows);
                    });
                    this.next.set(page.next);
                    this.notice
                        .set(left_out_notice(page.entries.left_out, "Activity entries"));
                }
                Err(e) => this.notice.set(Some(format!(
                    "The team's Activity could not be read: {}",
                    e.message()
                ))),
            }
        });
    }
}

/// A `datetime-local` filter value as Unix ms in the browser's zone; empty or unreadable is no limit.
pub fn filter_time(value: &str) -> Option<i64> {
    LocalDateTime::parse_input(value).and_then(local_to_epoch_ms)
}
