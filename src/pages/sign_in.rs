//! The panel's own sign-in form. A wrong password gets the panel's message, never the browser's dialog
//! (the client sends requests with `credentials: "omit"`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{servers, ApiClient, ApiError, Credentials};
use crate::state::session::{use_session, Session};

#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let credentials =
            Credentials::new(username.get_untracked().trim(), password.get_untracked());
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let base = session.api_base.get_value();
            let api = ApiClient::new(&base, &credentials);
            match servers::list(&api).await {
                Ok(list) if list.is_empty() => {
                    error.try_set(Some(
                        "This iSymphony server has no core servers to supervise.".into(),
                    ));
                }
                Ok(list) => {
                    password.try_set(String::new());
                    session.sign_in(Session::new(&base, &credentials, list));
                }
                Err(e) => {
                    error.try_set(Some(sign_in_message(&e)));
                }
            }
            busy.try_set(false);
        });
    };

    view! {
        <main id="main" class="sign-in">
            <form class="sign-in-card" on:submit=submit>
                <h1>"iSymphony Supervisor"</h1>
                <p class="sign-in-lead">"Sign in with an iSymphony administrator account."</p>
                {move || session.notice.get().map(|n| view! { <p class="notice-line" role="status">{n}</p> })}
                <label class="field">
                    <span>"Username"</span>
                    <input name="username" autocomplete="username" required bind:value=username/>
                </label>
                <label class="field">
                    <span>"Password"</span>
                    <input
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                        bind:value=password
                    />
                </label>
                <p class="form-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}

/// What the sign-in form says for each failure.
fn sign_in_message(error: &ApiError) -> String {
    match error {
        ApiError::Unauthorized => "Wrong username or password.".into(),
        ApiError::Forbidden(_) => {
            "This account is not allowed to use the iSymphony REST API. Sign in as an administrator.".into()
        }
        other => other.message(),
    }
}
