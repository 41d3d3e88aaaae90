//! Bulk status changes on the board: the selection bar, the editor for many users, the progress and result
//! report with `Retry failed`, and `Undo` for 10 seconds.

use std::collections::BTreeSet;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::types::SetStatus;
use crate::api::ApiClient;
use crate::components::status_editor::{EditorFields, StatusEditor};
use crate::domain::audit::{describe_set, describe_status, Action as AuditAction};
use crate::domain::recent::Preset;
use crate::domain::status_form::StatusDraft;
use crate::state::audit::{outcome, use_audit, Change};
use crate::state::board::{BoardStore, Row};
use crate::state::bulk::{restore, BulkJob, Outcome};
use crate::state::notifications::{use_notifications, Action, Tone};
use crate::state::recent::use_recent;

/// How long a status change can be undone from its notification.
pub const UNDO_MS: u64 = 10_000;

/// The bar that appears with a selection: how many, `Set status for N users`, and clearing it.
#[component]
pub fn SelectionBar(
    selected: RwSignal<BTreeSet<String>>,
    shown: Signal<Vec<String>>,
    shown_count: Signal<usize>,
    on_bulk_edit: Callback<()>,
) -> impl IntoView {
    let count = move || selected.with(BTreeSet::len);
    view! {
        <div class="selection-bar" role="group" aria-label="Selection">
            <button
                type="button"
                on:click=move |_| selected.update(|s| s.extend(shown.get_untracked()))
            >
                {move || format!("Select all {} shown", shown_count.get())}
            </button>
            <Show when=move || { count() > 0 }>
                <span class="muted">{move || format!("{} selected", count())}</span>
                <button type="button" class="primary" on:click=move |_| on_bulk_edit.run(())>
                    {move || format!("Set status for {} users", count())}
                </button>
                <button type="button" class="quiet" on:click=move |_| selected.set(BTreeSet::new())>
                    "Clear selection"
                </button>
            </Show>
        </div>
    }
}

/// The editor for many users, and the job it starts.
#[component]
pub fn BulkHost(
    open: RwSignal<bool>,
    selected: RwSignal<BTreeSet<String>>,
    store: BoardStore,
    api: ApiClient,
    slug: String,
) -> impl IntoView {
    let recent = use_recent();
    let notes = use_notifications();
    let audit = use_audit();
    let api = StoredValue::new_local(api);
    let slug = StoredValue::new(slug);
    let job = RwSignal::new(None::<BulkJob>);
    // Jobs are made in event handlers; they belong to the board, not to whatever ran last.
    let owner = Owner::current().unwrap_or_default();

    // Runs the job on `rows`, records every user's outcome, and offers to undo the successes.
    let run = move |job: BulkJob, rows: Vec<Row>| {
        spawn_local(async move {
            let (api, slug) = (api.get_value(), slug.get_value());
            let finished = job.run(store, &api, &slug, rows).await;
            let body = job.body.get_value();
            for o in &finished {
                let change = Change {
                    core_server: &slug,
                    action: AuditAction::BulkStatusSet,
                    target: o.row.member.username.clone(),
                    before: o.before.as_ref().map(describe_status).unwrap_or_default(),
                    after: describe_set(&body),
                };
                audit.note(change, o.result.clone());
            }
            offer_undo(notes, audit, store, api, slug, &body, finished);
        });
    };
    let start = move |body: SetStatus| {
        let rows: Vec<Row> = selected.with_untracked(|s| {
            store.rows.with_untracked(|rows| {
                rows.iter()
                    .filter(|r| s.contains(&r.member.username))
                    .cloned()
                    .collect()
            })
        });
        recent.used(&body);
        let new_job = owner.with(|| BulkJob::new(&rows, body));
        job.set(Some(new_job));
        open.set(false);
        run(new_job, rows);
    };
    let retry = move |_| {
        if let Some(j) = job.get_untracked() {
            run(j, j.failed_rows());
        }
    };

    view! {
        {move || open.get().then(|| {
            let start = start.clone();
            let preset_start = start.clone();
            let fields = EditorFields::new(StatusDraft { no_return_time: true, ..Default::default() });
            let count = selected.with_untracked(BTreeSet::len);
            view! {
                <StatusEditor
                    title=format!("Set status for {count} users")
                    fields
                    saving=Signal::derive(|| false)
                    error=Signal::derive(|| None::<String>)
                    notice=Signal::derive(|| None::<String>)
                    presets=recent.0
                    on_save=Callback::new(start)
                    on_preset=Callback::new(move |p: Preset| preset_start(p.to_set()))
                    on_cancel=Callback::new(move |_| open.set(false))
                />
            }
        })}
        {move || job.get().map(|j| view! { <Report job=j retry=Callback::new(retry) close=Callback::new(move |_| job.set(None))/> })}
    }
}

/// Progress while the job runs, then who succeeded, who failed and why, and who was skipped.
#[component]
fn Report(job: BulkJob, retry: Callback<()>, close: Callback<()>) -> impl IntoView {
    let failed = move || {
        job.outcomes.with(|o| {
            o.iter()
                .filter(|o| o.result.is_err())
                .cloned()
                .collect::<Vec<Outcome>>()
        })
    };
    let succeeded = move || {
        job.outcomes
            .with(|o| o.iter().filter(|o| o.result.is_ok()).count())
    };
    view! {
        <section class="bulk-report" aria-labelledby="bulk-title">
            <h2 id="bulk-title">{move || format!("Setting “{}”", job.body.with_value(|b| b.name.clone()))}</h2>
            <div class="bulk-progress">
                <progress max=move || job.total.get() value=move || job.done.get()></progress>
                <span>{move || format!("{} of {}", job.done.get(), job.total.get())}</span>
            </div>
            // Spoken once, when the job ends, rather than at every step of the count above.
            <p class="sr-only" role="status">
                {move || (!job.running.get()).then(|| format!("Finished: {} succeeded, {} failed.", succeeded(), failed().len()))}
            </p>
            <Show when=move || !job.running.get()>
                <p class="bulk-line">{move || format!("Succeeded: {}", succeeded())}</p>
                {move || {
                    let failed = failed();
                    (!failed.is_empty()).then(|| view! {
                        <div class="bulk-failed" role="alert">
                            <p class="bulk-line">{format!("Failed: {}", failed.len())}</p>
                            <ul>
                                {failed.into_iter().map(|o| view! {
                                    <li>
                                        <strong>{o.row.member.display_name.clone()}</strong>
                                        ": "
                                        {o.result.err().unwrap_or_default()}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <button type="button" class="primary" on:click=move |_| retry.run(())>"Retry failed"</button>
                        </div>
                    })
                }}
            </Show>
            {move || {
                let skipped = job.skipped.get();
                (!skipped.is_empty()).then(|| view! {
                    <p class="bulk-line muted">
                        {format!("Skipped {} lite users (no presence): {}", skipped.len(), skipped.join(", "))}
                    </p>
                })
            }}
            <button type="button" class="quiet" on:click=move |_| close.run(())>"Close report"</button>
        </section>
    }
}

/// After a change: a notification with `Undo` that restores each changed user's previous status.
pub fn offer_undo(
    notes: crate::state::notifications::Notifications,
    audit: crate::state::audit::AuditLog,
    store: BoardStore,
    api: ApiClient,
    slug: String,
    body: &SetStatus,
    finished: Vec<Outcome>,
) {
    let previous: Vec<_> = finished
        .into_iter()
        .filter(|o| o.result.is_ok())
        .filter_map(|o| o.before.map(|b| (o.row, b)))
        .collect();
    if previous.is_empty() {
        return;
    }
    let text = match previous.as_slice() {
        [(row, _)] => format!("Set {} to “{}”.", row.member.display_name, body.name),
        many => format!("Set {} users to “{}”.", many.len(), body.name),
    };
    let undo = Action {
        label: "Undo".into(),
        run: Rc::new(move || {
            let (api, slug, previous) = (api.clone(), slug.clone(), previous.clone());
            spawn_local(async move {
                let results = restore(store, &api, &slug, previous).await;
                let failed = results.iter().filter(|(_, _, r)| r.is_err()).count();
                for (row, before, result) in &results {
                    let change = Change {
                        core_server: &slug,
                        action: AuditAction::Undo,
                        target: row.member.username.clone(),
                        before: String::new(),
                        after: describe_status(before),
                    };
                    audit.note(change, outcome(result));
                }
                let (text, tone) = if failed == 0 {
                    (format!("Undone: {} restored.", results.len()), Tone::Info)
                } else {
                    (
                        format!(
                            "Undo failed for {failed} of {} users; see Activity.",
                            results.len()
                        ),
                        Tone::Error,
                    )
                };
                notes.show(text, tone, None, 6_000);
            });
        }),
    };
    notes.show(text, Tone::Info, Some(undo), UNDO_MS);
}
