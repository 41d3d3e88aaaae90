//! Editing one user's status: opening the editor on a row, saving through the store, presets, and telling
//! the supervisor when the status changed on the server while the editor was open.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::bulk::offer_undo;
use crate::api::types::{SetStatus, UserStatus};
use crate::api::ApiClient;
use crate::components::status_editor::{EditorFields, StatusEditor};
use crate::domain::audit::{describe_set, describe_status, Action as AuditAction};
use crate::domain::board::Presence;
use crate::domain::recent::Preset;
use crate::domain::return_time::epoch_ms_to_local;
use crate::domain::status_form::StatusDraft;
use crate::state::audit::{outcome, use_audit, Change};
use crate::state::board::{BoardStore, Row};
use crate::state::bulk::Outcome;
use crate::state::notifications::use_notifications;
use crate::state::recent::use_recent;
use crate::state::session::use_session;

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
        let base = match row.presence.get_untracked() {
            Presence::Known(s) => Some(s),
            _ => None,
        };
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
        self.row.presence.with(|p| match (p, &self.base) {
            (Presence::Known(now), Some(base)) if !same_status(now, base) => Some(format!(
                "This status was changed elsewhere while you were editing: it is now “{}” ({}). \
                 Saving will replace it with what you typed.",
                now.name,
                now.kind.label()
            )),
            _ => None,
        })
    }
}

fn same_status(a: &UserStatus, b: &UserStatus) -> bool {
    (&a.name, &a.kind, &a.note, a.return_time) == (&b.name, &b.kind, &b.note, b.return_time)
}

/// Shows the editor while `editing` holds one, and does the saving.
#[component]
pub fn EditorHost(
    editing: RwSignal<Option<Editing>, LocalStorage>,
    store: BoardStore,
    api: ApiClient,
    slug: String,
) -> impl IntoView {
    let session = use_session();
    let recent = use_recent();
    let notes = use_notifications();
    let audit = use_audit();
    let api = StoredValue::new_local(api);
    let slug = StoredValue::new(slug);
    let save = move |open: Editing, body: SetStatus| {
        open.error.set(None);
        spawn_local(async move {
            let (api, slug) = (api.get_value(), slug.get_value());
            let before = match open.row.presence.get_untracked() {
                Presence::Known(s) => Some(s),
                _ => None,
            };
            let result = store.save(&api, &slug, &open.row, &body).await;
            let change = Change {
                core_server: &slug,
                action: AuditAction::StatusSet,
                target: open.row.member.username.clone(),
                before: before.as_ref().map(describe_status).unwrap_or_default(),
                after: describe_set(&body),
            };
            audit.note(change, outcome(&result));
            match result {
                Ok(()) => {
                    recent.used(&body);
                    editing.try_set(None);
                    let done = Outcome {
                        row: open.row.clone(),
                        before,
                        result: Ok(()),
                    };
                    offer_undo(notes, audit, store, api, slug, &body, vec![done]);
                }
                Err(e) => {
                    session.check(&e);
                    open.error.try_set(Some(e.message()));
                }
            }
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
            let on_preset = {
                let open = open.clone();
                Callback::new(move |p: Preset| save(open.clone(), p.to_set()))
            };
            view! {
                <StatusEditor
                    title
                    fields=open.fields
                    saving=open.row.saving
                    error=open.error
                    notice
                    presets=recent.0
                    on_save
                    on_preset
                    on_cancel=Callback::new(move |_| editing.set(None))
                />
            }
        })
    }
}
