//! The app shell: the session context, the sign-in gate and the routes.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::toasts::Toasts;
use crate::components::top_bar::TopBar;
use crate::config::RuntimeConfig;
use crate::pages::activity::ActivityPage;
use crate::pages::board::BoardPage;
use crate::pages::groups::GroupsPage;
use crate::pages::sign_in::{SignIn, SignInAgain};
use crate::pages::{href, Page};
use crate::state::audit::AuditLog;
use crate::state::notifications::Notifications;
use crate::state::recent::RecentStatuses;
use crate::state::session::{use_session, SessionState};

/// The whole panel, configured by `config.json` (see [`RuntimeConfig`]); `api_base` overrides the file's
/// (tests point it at the reference server).
#[component]
pub fn App(
    #[prop(optional)] config: Option<RuntimeConfig>,
    #[prop(optional, into)] api_base: Option<String>,
) -> impl IntoView {
    crate::state::theme::apply_remembered();
    let config = config.unwrap_or_default();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&config.title);
    }
    let session = SessionState::new(api_base.unwrap_or_else(|| config.api_base.clone()));
    let notice = RwSignal::new(config.notice.clone());
    provide_context(config);
    provide_context(session);
    provide_context(RecentStatuses::load());
    provide_context(Notifications::new());
    provide_context(AuditLog::load(session));
    let signed_in = move || session.current.with(Option::is_some);
    view! {
        {move || notice.get().map(|text| view! {
            <div class="config-notice" role="status">
                <span>{text}</span>
                <button type="button" class="quiet" aria-label="Dismiss" on:click=move |_| notice.set(None)>"×"</button>
            </div>
        })}
        <Router>
            // The sign-in form stands in for any page, so a deep link survives signing in.
            <Show when=signed_in fallback=SignIn>
                <Shell/>
                <Show when=move || session.expired.get()>
                    <SignInAgain/>
                </Show>
            </Show>
        </Router>
    }
}

#[component]
fn Shell() -> impl IntoView {
    view! {
        <TopBar/>
        <Toasts/>
        <main id="main" class="page">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/servers/:server/status") view=BoardPage/>
                <Route path=path!("/servers/:server/groups") view=GroupsPage/>
                <Route path=path!("/servers/:server/groups/:group") view=GroupsPage/>
                <Route path=path!("/activity") view=ActivityPage/>
            </Routes>
        </main>
    }
}

/// `/` goes to the default core server's board.
#[component]
fn Home() -> impl IntoView {
    let slug = use_session()
        .current
        .with_untracked(|s| s.as_ref().map(|s| s.default_slug()))
        .unwrap_or_default();
    view! { <Redirect path=href(&slug, Page::Status)/> }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="notice">
            <h1>"Page not found"</h1>
            <p><a href="/">"Go to the status board"</a></p>
        </section>
    }
}
