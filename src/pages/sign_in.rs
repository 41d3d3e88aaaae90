//! Signing in: the panel's own form, as a page when no one is signed in and as a dialog on top of the
//! page when the server stops accepting the credentials mid-session (so an unsaved edit survives). A wrong
//! password gets the panel's message, never the browser's dialog (requests use `credentials: "omit"`).

use leptos::prelude::*;

use crate::api::types::CoreServer;
use crate::api::{servers, ApiClient, Credentials};
use crate::components::modal::modal;
use crate::config::RuntimeConfig;
use crate::routes::app_path;
use crate::state::session::{
    forget_in_tab, insecure_origin, remember_in_tab, remembered_in_tab, use_session, Session,
};
use crate::state::tasks::Scope;

thread_local! {
    /// Whether this page load already asked if a proxy signs the panel in (a sign-out must not undo itself).
    static PROXY_ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The sign-in page. A tab where the supervisor chose to stay signed in signs in again by itself.
#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let title = use_context::<RuntimeConfig>().unwrap_or_default().title;
    let stay = RwSignal::new(false);
    let config = use_context::<RuntimeConfig>().unwrap_or_default();
    let preferred = StoredValue::new(config.default_core_server);
    let unit = config.return_time_unit;
    let enter = move |credentials: &Credentials, list: Vec<CoreServer>| {
        let base = session.api_base.get_value();
        session.sign_in(Session::new(
            &base,
            credentials,
            list,
            &preferred.get_value(),
            unit,
        ));
    };
    let on_success = Callback::new(move |(credentials, list): (Credentials, Vec<CoreServer>)| {
        if stay.get_untracked() {
            remember_in_tab(&credentials);
        } else {
            forget_in_tab();
        }
        enter(&credentials, list);
    });
    // A tab that stays signed in signs in again by itself; otherwise, once per page load, the panel asks
    // whether a reverse proxy in front signs its requests in (then there is nothing to type).
    let remembered = remembered_in_tab();
    let asked_proxy = PROXY_ASKED.with(|asked| asked.replace(true));
    if remembered.is_some() || !asked_proxy {
        let by_proxy = remembered.is_none();
        let credentials = remembered.unwrap_or_else(Credentials::by_proxy);
        Scope::here().spawn(async move {
            let api = ApiClient::new(&session.api_base.get_value(), &credentials);
            match servers::list(&api).await {
                Ok(list) if !list.is_empty() => enter(&credentials, list),
                _ if by_proxy => {}
                _ => forget_in_tab(),
            }
        });
    }
    let insecure = web_sys::window().map(|w| w.location()).is_some_and(|l| {
        insecure_origin(
            &l.protocol().unwrap_or_default(),
            &l.hostname().unwrap_or_default(),
        )
    });
    view! {
        <main id="main" class="sign-in">
            <SignInForm on_success stay>
                <h1>{title}</h1>
                <p class="sign-in-lead">"Sign in with an iSymphony administrator account."</p>
                {insecure.then(|| view! {
                    <p class="notice-line warning" role="alert">
                        "This page is not encrypted (plain http://): your password would cross the network in the clear. "
                        "Ask for the panel's https:// address."
                    </p>
                })}
                {move || session.notice.get().map(|n| view! { <p class="notice-line" role="status">{n}</p> })}
            </SignInForm>
            <p class="sign-in-help muted">
                "Cannot sign in? The "<a href=app_path("/check")>"connection check"</a>" says which request fails and why."
            </p>
        </main>
    }
}

/// Shown over the page after a mid-session 401.
#[component]
pub fn SignInAgain() -> impl IntoView {
    let session = use_session();
    let dialog = modal();
    let on_success = Callback::new(move |(credentials, _): (Credentials, Vec<CoreServer>)| {
        session.renew(credentials)
    });
    view! {
        <dialog node_ref=dialog class="sign-in-again" aria-labelledby="sign-in-again-title" on:cancel=|ev: leptos::ev::Event| ev.prevent_default()>
            <SignInForm on_success>
                <h2 id="sign-in-again-title">"Sign in again"</h2>
                <p class="sign-in-lead">
                    "The iSymphony server no longer accepts your credentials (they may have been changed). "
                    "Sign in to carry on; nothing on the page underneath is lost."
                </p>
            </SignInForm>
            <button type="button" class="quiet" on:click=move |_| session.sign_out()>"Sign out instead"</button>
        </dialog>
    }
}

/// Username, password and `Sign in` (and, on the page, "Stay signed in for this tab"); succeeds when the
/// server lists its core servers for them.
#[component]
fn SignInForm(
    on_success: Callback<(Credentials, Vec<CoreServer>)>,
    #[prop(optional)] stay: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let session = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let scope = Scope::here();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let credentials =
            Credentials::new(username.get_untracked().trim(), password.get_untracked());
        busy.set(true);
        error.set(None);
        scope.spawn(async move {
            let api = ApiClient::new(&session.api_base.get_value(), &credentials);
            match servers::list(&api).await {
                Ok(list) if list.is_empty() => {
                    error.set(Some(
                        "This iSymphony server has no core servers to supervise.".into(),
                    ));
                }
                Ok(list) => {
                    password.set(String::new());
                    on_success.run((credentials, list));
                }
                Err(e) => {
                    error.set(Some(e.connecting()));
                }
            }
            busy.set(false);
        });
    };

    view! {
        <form class="sign-in-card" on:submit=submit>
            {children()}
            <label class="field">
                <span>"Username"</span>
                <input name="username" autocomplete="username" required bind:value=username/>
            </label>
            <label class="field">
                <span>"Password"</span>
                <input type="password" name="password" autocomplete="current-password" required bind:value=password/>
            </label>
            {stay.map(|stay| view! {
                <label class="check">
                    <input type="checkbox" name="stay" bind:checked=stay/>
                    "Stay signed in for this tab"
                </label>
            })}
            <p class="form-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}
