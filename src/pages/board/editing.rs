//! Editing one user's status: opening the editor on a row, saving through the store, presets, and telling
//! the supervisor when the status changed on the server while the editor was open.

use leptos::prelude::*;

use crate::api::types::{SetStatus, UserStatus};
use crate::components::status_editor::{EditorFields, StatusEditor};
use crate::domain::audit::{describe_set, describe_status, Action as AuditAction};
use crate::domain::board::Presence;
use crate::domain::recent::Preset;
use crate::domain::return_time::epoch_ms_to_local;
use crate::domain::status_form::StatusDraft;
use crate::state::audit::outcome;
use crate::state::board::Row;
use crate::state::changes::{known_status, Outcome, StatusWrites};
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
        let base = known_status(&row);
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

/// Shows the editor while `editing` holds one, and does the saving. A save once sent finishes even if
/// the supervisor leaves the board; a failure then comes as a notification, since the editor is gone.
#[component]
pub fn EditorHost(
    editing: RwSignal<Option<Editing>, LocalStorage>,
    writes: StoredValue<StatusWrites, LocalStorage>,
) -> impl IntoView {
    let recent = use_recent();
    let save = move |open: Editing, body: SetStatus| {
        open.error.set(None);
        let writes = writes.get_value();
        let before = known_status(&open.row);
        writes.scope.spawn(async move {
            let page = writes.store.scope;
            let result = writes
                .store
                .save(&writes.api, &writes.slug, &open.row, &body)
                .await;
            let before_text = before.as_ref().map(describe_status).unwrap_or_default();
            writes.record(
                AuditAction::StatusSet,
                &open.row,
                before_text,
                describe_set(&body),
                outcome(&result),
            );
            match result {
                Ok(()) => {
                    recent.used(&body);
                    page.apply(|| editing.set(None));
                    let done = Outcome {
                        row: open.row.clone(),
                        before,
                        result: Ok(()),
                    };
                    writes.offer_undo(&body, vec![done]);
                }
                Err(e) => {
                    if page.apply(|| open.error.set(Some(e.message()))).is_none() {
                        writes.tell_failure(format!(
                            "The status of {} was not saved: {}",
                            open.row.member.display_name,
                            e.message()
                        ));
                    }
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
