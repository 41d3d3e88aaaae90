//! The connection check page (`/check`, linked from the sign-in page and the top bar): runs every request
//! the panel depends on in this browser and shows a table of what worked, what did not, and why. It works
//! signed out too, with credentials typed here (kept in memory for this page only).

use leptos::prelude::*;

use crate::api::{ApiClient, Credentials};
use crate::components::table_head::table_head;
use crate::routes::app_path;
use crate::state::check::{run, CheckRow};
use crate::state::session::use_session;
use crate::state::tasks::Scope;

#[component]
pub fn CheckPage() -> impl IntoView {
    let session = use_session();
    let scope = Scope::here();
    let rows = RwSignal::new(Vec::<CheckRow>::new());
    let running = RwSignal::new(false);
    let signed_in = session
        .current
        .with_untracked(|s| s.as_ref().map(|s| s.api().clone()));
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let has_session = signed_in.is_some();
    let signed_in = StoredValue::new_local(signed_in);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if running.get_untracked() {
            return;
        }
        let api = signed_in.get_value().unwrap_or_else(|| {
            ApiClient::new(
                &session.api_base.get_value(),
                &Credentials::new(username.get_untracked().trim(), password.get_untracked()),
            )
        });
        rows.set(Vec::new());
        running.set(true);
        scope.spawn(async move {
            run(&api, rows).await;
            running.set(false);
        });
    };
    view! {
        <section class="connection-check" aria-labelledby="check-title">
            <h1 id="check-title">"Connection check"</h1>
            <p class="muted">
                "Runs, from this browser, every request the panel depends on against the configured server — "
                "the same requests, through the same proxy — and says for each what came back or why it failed."
            </p>
            {move || (!has_session && session.gateway.get() == Some(true)).then(|| view! {
                <p class="notice-line" role="status">
                    "This site signs in through the panel's gateway: sign in first, and the check runs with your "
                    "session. Signed out, the gateway answers every request with 401, as it should."
                </p>
            })}
            <form class="check-form" on:submit=start>
                {(!has_session).then(|| view! {
                    <label class="field"><span>"Username"</span><input name="username" autocomplete="username" bind:value=username/></label>
                    <label class="field"><span>"Password"</span><input name="password" type="password" autocomplete="current-password" bind:value=password/></label>
                })}
                <button type="submit" class="primary" disabled=move || running.get()>
                    {move || if running.get() { "Checking…" } else { "Run the check" }}
                </button>
                <a href=app_path("/")>"Back to the panel"</a>
            </form>
            <Results rows running/>
        </section>
    }
}

#[component]
fn Results(rows: RwSignal<Vec<CheckRow>>, running: RwSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || !rows.with(Vec::is_empty)>
            <table class="check-table">
                {table_head(&["What", "URL", "Result", "Time"], false)}
                <tbody>
                    <For each=move || rows.get() key=|r| r.what children=|r| view! { <Row row=r/> }/>
                </tbody>
            </table>
        </Show>
        <p class="sr-only" role="status">
            {move || (!running.get() && !rows.with(Vec::is_empty)).then(|| {
                let failed = rows.with(|r| r.iter().filter(|r| r.result.is_err()).count());
                format!("Check finished: {failed} of {} failed.", rows.with(Vec::len))
            })}
        </p>
    }
}

#[component]
fn Row(row: CheckRow) -> impl IntoView {
    let ok = row.result.is_ok();
    let (label, text) = match row.result {
        Ok(detail) => ("OK", detail),
        Err(why) => ("Failed", why),
    };
    view! {
        <tr class="check-row" class:failed=!ok data-what=row.what>
            <th scope="row">{row.what}</th>
            <td class="check-url"><code>{row.url}</code></td>
            <td class="check-result"><strong>{label}</strong>" — "{text}</td>
            <td class="check-time">{format!("{} ms", row.ms)}</td>
        </tr>
    }
}
