//! Editing one user's status: opening the editor on a row, saving through the store, presets, and telling
//! the supervisor when the status changed on the server while the editor was open.

use leptos::prelude::*;

use crate::api::types::{SetStatus, UserStatus};
use crate::components::day_view::day_view;
use crate::components::status_editor::{EditorFields, StatusEditor};
use crate::domain::return_time::epoch_ms_to_local;
use crate::domain::status_form::StatusDraft;
use crate::state::board::Row;
use crate::state::changes::StatusWrites;
use crate::state::recent::use_recent;

/// An open editor: the row, what is typed, and the status it was opened on.
#[derive(Clone)]
pub struct Editing {
    pub row: Row,
    pub fields: EditorFields,
    base: Option<UserStatus>,
    error: RwSignal<Option<String>>,
}

impl Editing {
    pub fn open(row: Row) -> Self {
        let base = row.known_status();
        let draft = base
            .as_ref()
            .map(|s| StatusDraft::from_status(s, epoch_ms_to_local))
            .unwrap_or_default();
        Editing {
            row,
            fields: EditorFields::new(draft),
            base,
            error: RwSignal::new(None),
        }
    }

    /// A sentence when the row's status on the server is no longer the one the editor opened on.
    fn changed_elsewhere(&self) -> Option<String> {
        self.row.presence.with(|p| match (p.known(), &self.base) {
            (Some(now), Some(base)) if SetStatus::from(now) != SetStatus::from(base) => {
                Some(format!(
                "This status was changed elsewhere while you were editing: it is now “{}” ({}). \
                 Saving will replace it with what you typed.",
                now.name,
                now.kind.label()
            ))
            }
            _ => None,
        })
    }
}

/// Shows the editor while `editing` holds one; saving is `StatusWrites::set_one`'s. A save once sent
/// finishes even if the supervisor leaves the board; a failure then comes as a notification.
#[component]
pub fn EditorHost(
    editing: RwSignal<Option<Editing>, LocalStorage>,
    writes: StoredValue<StatusWrites, LocalStorage>,
    /// Where to read the user's day from: the API base and the core server's configuration id, behind
    /// the panel's gateway; `None` without one.
    history: Option<(String, String)>,
) -> impl IntoView {
    let recent = use_recent();
    // The user open in the editor is read at every refresh, like the rows in view.
    let store = writes.with_value(|w| w.store);
    Effect::new(move |_| {
        store.watch(editing.with(|e| e.as_ref().map(|o| o.row.member.username.clone())))
    });
    let save = move |open: Editing, body: SetStatus| {
        open.error.set(None);
        let error = open.error;
        writes.with_value(|w| {
            w.set_one(open.row, body, move |result| match result {
                Ok(()) => editing.set(None),
                Err(why) => error.set(Some(why)),
            })
        });
    };
    move || {
        editing.get().map(|open| {
            let title = format!("Edit status for {}", open.row.member.display_name);
            let notice = {
                let open = open.clone();
                Signal::derive(move || open.changed_elsewhere())
            };
            let on_save = {
                let open = open.clone();
                Callback::new(move |body: SetStatus| save(open.clone(), body))
            };
            let day = history.clone().map(|(base, server)| {
                let user = open.row.member.username.clone();
                let day = crate::state::day::read(base, server, user);
                ViewFn::from(move || day_view(day))
            });
            view! {
                <StatusEditor
                    title
                    fields=open.fields
                    saving=open.row.saving
                    error=open.error
                    notice
                    presets=recent.presets()
                    on_save
                    on_preset=on_save
                    on_cancel=Callback::new(move |_| editing.set(None))
                    day=day.unwrap_or_else(|| ViewFn::from(|| ()))
                />
            }
        })
    }
}
