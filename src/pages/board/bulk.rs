//! Bulk status changes on the board: the selection bar, the editor for many users, the progress and result
//! report with `Retry failed`, and `Undo` for 10 seconds.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::api::types::SetStatus;
use crate::components::status_editor::{EditorFields, StatusEditor};
use crate::domain::status_form::StatusDraft;
use crate::state::board::Row;
use crate::state::bulk::BulkJob;
use crate::state::changes::{Outcome, StatusWrites};
use crate::state::recent::use_recent;

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
    writes: StoredValue<StatusWrites, LocalStorage>,
) -> impl IntoView {
    let recent = use_recent();
    let store = writes.with_value(|w| w.store);
    let job = RwSignal::new(None::<BulkJob>);
    // Jobs are made in event handlers; they belong to the board, not to whatever ran last.
    let owner = Owner::current().unwrap_or_default();

    let run = move |job: BulkJob, rows: Vec<Row>| writes.with_value(|w| w.set_many(job, rows));
    let start = move |body: SetStatus| {
        let rows: Vec<Row> = selected.with_untracked(|s| {
            store.rows.with_untracked(|rows| {
                rows.iter()
                    .filter(|r| s.contains(&r.member.username))
                    .cloned()
                    .collect()
            })
        });
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
                    presets=recent.presets()
                    on_save=Callback::new(start)
                    on_preset=Callback::new(move |body: SetStatus| preset_start(body))
                    on_cancel=Callback::new(move |_| open.set(false))
                />
            }
        })}
        {move || job.get().map(|j| view! { <BulkReport job=j retry=Callback::new(retry) close=Callback::new(move |_| job.set(None))/> })}
    }
}

/// Progress while the job runs, then who succeeded, who failed and why, and who was skipped.
#[component]
fn BulkReport(job: BulkJob, retry: Callback<()>, close: Callback<()>) -> impl IntoView {
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
