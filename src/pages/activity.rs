//! The Activity page: every change made from this browser, newest first, filterable, exported as CSV or
//! JSON. The exports are plain links to `data:` URLs, so a download needs no script and no server.

use leptos::prelude::*;

use crate::api::paths::segment;
use crate::components::filter_box::filter_box;
use crate::components::table_head::table_head;
use crate::domain::audit::{filter, iso_utc, to_csv, to_json};
use crate::domain::return_time::format_local;
use crate::state::audit::use_audit;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let audit = use_audit();
    let query = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        audit.entries().with(|log| {
            filter(log, &query.get())
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let csv = move || shown.with(|s| data_url("text/csv", &to_csv(&s.iter().collect::<Vec<_>>())));
    let json = move || {
        shown.with(|s| data_url("application/json", &to_json(&s.iter().collect::<Vec<_>>())))
    };
    view! {
        <section class="activity" aria-labelledby="activity-title">
            <div class="page-head">
                <h1 id="activity-title">"Activity"</h1>
                <p class="progress">{move || format!("{} changes from this browser", audit.entries().with(Vec::len))}</p>
            </div>
            <div class="toolbar">
                {filter_box("Filter activity", None, Callback::new(move |q| query.set(q)))}
                <a class="button" download="isymphony-activity.csv" href=csv>"Export CSV"</a>
                <a class="button" download="isymphony-activity.json" href=json>"Export JSON"</a>
                <span class="count">{move || format!("Showing {}", shown.with(Vec::len))}</span>
            </div>
            <table class="activity-table">
                {table_head(&["When", "Who", "Core server", "Action", "Target", "Before", "After", "Result"], false)}
                <tbody>
                    {move || shown.get().into_iter().map(|e| {
                        let failed = e.result != "ok";
                        view! {
                            <tr class="activity-row" class:failed=failed>
                                <td title=iso_utc(e.at)>{format_local(e.at)}</td>
                                <td>{e.by}</td>
                                <td>{e.core_server}</td>
                                <td>{e.action.label()}</td>
                                <td>{e.target}</td>
                                <td class="note">{e.before}</td>
                                <td class="note">{e.after}</td>
                                <td>{e.result}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", segment(text))
}
