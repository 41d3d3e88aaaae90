//! Signing in: the panel's own form, as a page when no one is signed in and as a dialog on top of the
//! page when the server stops accepting the credentials mid-session (so an unsaved edit survives). Behind
//! the panel's gateway the form signs in there and the browser keeps no password; without one it checks
//! Basic credentials. A wrong password gets the panel's message, never the browser's dialog.

use leptos::prelude::*;

use crate::components::modal::modal;
use crate::config::RuntimeConfig;
use crate::routes::app_path;
use crate::state::session::{
    forget_in_tab, insecure_origin, remember_in_tab, use_session, SignedIn,
};
use crate::state::tasks::Scope;

/// The sign-in page (the app looks for a session at start: `SessionState::resume`).
#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let title = use_context::<RuntimeConfig>().unwrap_or_default().title;
    let stay = RwSignal::new(false);
    let on_success = Callback::new(move |signed: SignedIn| {
        if stay.get_untracked() && !signed.credentials.is_gateway() {
            remember_in_tab(&signed.credentials);
        } else {
            forget_in_tab();
        }
        session.enter(signed);
    });
    let at_gateway = move || session.gateway.get() == Some(true);
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
                <p class="sign-in-lead">
                    {move || if at_gateway() {
                        "Sign in with your own iSymphony username and password."
                    } else {
                        "Sign in with an iSymphony administrator account."
                    }}
                </p>
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
    let on_success = Callback::new(move |signed: SignedIn| session.renew(signed.credentials));
    view! {
        <dialog node_ref=dialog class="sign-in-again" aria-labelledby="sign-in-again-title" on:cancel=|ev: leptos::ev::Event| ev.prevent_default()>
            <SignInForm on_success>
                <h2 id="sign-in-again-title">"Sign in again"</h2>
                <p class="sign-in-lead">
                    {move || if session.gateway.get() == Some(true) {
                        "Your session has ended (signed out elsewhere, idle too long, or the gateway restarted). "
                    } else {
                        "The iSymphony server no longer accepts your credentials (they may have been changed). "
                    }}
                    "Sign in to carry on; nothing on the page underneath is lost."
                </p>
            </SignInForm>
            <button type="button" class="quiet" on:click=move |_| session.sign_out()>"Sign out instead"</button>
        </dialog>
    }
}

/// Username, password and `Sign in` (and, on the page without a gateway, "Stay signed in for this tab");
/// the session checks them ([`crate::state::session::SessionState::check`]).
#[component]
fn SignInForm(
    on_success: Callback<SignedIn>,
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
        let name = username.get_untracked().trim().to_owned();
        let secret = password.get_untracked();
        busy.set(true);
        error.set(None);
        scope.spawn(async move {
            match session.check(&name, &secret).await {
                Ok(signed) => {
                    password.set(String::new());
                    on_success.run(signed);
                }
                Err(message) => error.set(Some(message)),
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
                <Show when=move || session.gateway.get() == Some(false)>
                    <label class="check">
                        <input type="checkbox" name="stay" bind:checked=stay/>
                        "Stay signed in for this tab"
                    </label>
                </Show>
            })}
            <p class="form-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}
