//! The Activity page. Behind the panel's gateway it shows the team's trail, kept by the gateway for every
//! supervisor (filters and exports answered there, older entries a page at a time); without one, the
//! changes made from this browser, whose exports are links to `data:` URLs built when used. It says which
//! it shows.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::paths::segment;
use crate::components::filter_box::filter_box;
use crate::components::table_head::table_head;
use crate::domain::audit::{filter, iso_utc, to_csv, to_json, Entry};
use crate::domain::return_time::format_local;
use crate::state::audit::use_audit;
use crate::state::session::use_session;
use crate::state::team_activity::{filter_time, TeamActivity};

#[component]
pub fn ActivityPage() -> impl IntoView {
    let session = use_session();
    move || match session.gateway.get() {
        Some(true) => view! { <TeamActivityPage /> }.into_any(),
        _ => view! { <BrowserActivityPage /> }.into_any(),
    }
}

const ACTIONS: &[(&str, &str)] = &[
    ("", "Any"),
    ("status-set", "Status set"),
    ("member-added", "Member added"),
    ("member-removed", "Member removed"),
    ("outside", "Changed outside the panel"),
];

#[component]
fn TeamActivityPage() -> impl IntoView {
    let team = TeamActivity::new(use_session().api_base.get_value());
    let text = move |label: &'static str,
                     set: fn(&mut crate::api::gateway::ActivityQuery, String)| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="search" on:input=move |ev| {
                    let value = event_target_value(&ev);
                    team.filter(|q| set(q, value));
                } />
            </label>
        }
    };
    let time = move |label: &'static str,
                     set: fn(&mut crate::api::gateway::ActivityQuery, Option<i64>)| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="datetime-local" on:change=move |ev| {
                    let at = filter_time(&event_target_value(&ev));
                    team.filter(|q| set(q, at));
                } />
            </label>
        }
    };
    view! {
        <section class="activity" aria-labelledby="activity-title">
            <div class="page-head">
                <h1 id="activity-title">"Activity"</h1>
                <p class="progress">"The team's Activity, kept by the gateway: every supervisor's changes, and status changes made outside the panel."</p>
            </div>
            <form class="toolbar activity-filters" on:submit=|ev| ev.prevent_default()>
                {text("Who", |q, v| q.by = v)}
                {text("User or group", |q, v| q.target = v)}
                <label class="field">
                    <span>"Action"</span>
                    <select on:change=move |ev| {
                        let action = event_target_value(&ev);
                        team.filter(|q| q.action = action);
                    }>
                        {ACTIONS.iter().map(|(value, label)| view! { <option value=*value>{*label}</option> }).collect_view()}
                    </select>
                </label>
                {time("From", |q, at| q.from = at)}
                {time("Until", |q, at| q.until = at)}
                <a class="button" download="isymphony-activity.csv" href=move || team.export("csv")>"Export CSV"</a>
                <a class="button" download="isymphony-activity.json" href=move || team.export("json-all")>"Export JSON"</a>
            </form>
            <div role="status">
                {move || team.notice.get().map(|why| view! { <p class="notice">{why}</p> })}
            </div>
            <p class="count" aria-live="polite">{move || {
                let shown = team.entries.with(Vec::len);
                match (team.loading.get(), team.next.get().is_some()) {
                    (true, _) => "Reading…".to_owned(),
                    (false, true) => format!("Showing the newest {shown}"),
                    (false, false) => format!("Showing all {shown}"),
                }
            }}</p>
            {activity_table(Signal::derive(move || team.entries.get()))}
            <Show when=move || team.next.get().is_some()>
                <button type="button" class="button" on:click=move |_| team.more() disabled=move || team.loading.get()>
                    "Show older"
                </button>
            </Show>
        </section>
    }
}

#[component]
fn BrowserActivityPage() -> impl IntoView {
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
    // Built when a link is used, not at every keystroke of the filter (up to 1,000 entries each).
    let export = move |mime: &'static str, build: fn(&[&Entry]) -> String| {
        move |ev: leptos::ev::MouseEvent| {
            let text = shown.with_untracked(|s| build(&s.iter().collect::<Vec<_>>()));
            let link = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok());
            if let Some(link) = link {
                link.set_href(&data_url(mime, &text));
            }
        }
    };
    view! {
        <section class="activity" aria-labelledby="activity-title">
            <div class="page-head">
                <h1 id="activity-title">"Activity"</h1>
                <p class="progress">{move || format!("{} changes from this browser", audit.entries().with(Vec::len))}</p>
            </div>
            <div class="toolbar">
                {filter_box("Filter activity", None, Callback::new(move |q| query.set(q)))}
                <a class="button" download="isymphony-activity.csv" href=data_url("text/csv", "") on:click=export("text/csv", to_csv)>"Export CSV"</a>
                <a class="button" download="isymphony-activity.json" href=data_url("application/json", "") on:click=export("application/json", to_json)>"Export JSON"</a>
                <span class="count">{move || format!("Showing {}", shown.with(Vec::len))}</span>
            </div>
            {activity_table(shown.into())}
        </section>
    }
}

/// The trail as a table, newest first; a failed change is marked.
fn activity_table(rows: Signal<Vec<Entry>>) -> impl IntoView {
    view! {
        <table class="activity-table">
            {table_head(&["When", "Who", "Core server", "Action", "Target", "Before", "After", "Result"], false)}
            <tbody>
                {move || rows.get().into_iter().map(|e| {
                    let failed = e.result != "ok";
                    let who = e.who();
                    view! {
                        <tr class="activity-row" class:failed=failed>
                            <td title=iso_utc(e.at)>{format_local(e.at)}</td>
                            <td>{who}</td>
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
    }
}

fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", segment(text))
}
