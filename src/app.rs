//! The app shell: the session context, the sign-in gate and the routes.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::toasts::Toasts;
use crate::components::top_bar::TopBar;
use crate::config::RuntimeConfig;
use crate::domain::screen::ScreenMode;
use crate::pages::activity::ActivityPage;
use crate::pages::board::BoardPage;
use crate::pages::check::CheckPage;
use crate::pages::groups::GroupsPage;
use crate::pages::sign_in::{SignIn, SignInAgain};
use crate::routes::{app_path, base_path, href, navigate_options, Page};
use crate::state::alerts::BrowserAlerts;
use crate::state::audit::AuditLog;
use crate::state::notifications::Notifications;
use crate::state::recent::RecentStatuses;
use crate::state::session::{use_session, SessionState};
use crate::state::tasks::{Scope, SessionScope};

/// The whole panel, configured by `config.json` (see [`RuntimeConfig`]); `api_base` overrides the file's
/// (tests point it at the reference server).
#[component]
pub fn App(
    #[prop(optional)] config: Option<RuntimeConfig>,
    #[prop(optional, into)] api_base: Option<String>,
) -> impl IntoView {
    crate::state::theme::apply_remembered();
    let config = config.unwrap_or_default();
    let window = web_sys::window();
    let screen = ScreenMode::from_query(
        &window
            .as_ref()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default(),
    );
    if let Some(document) = window.and_then(|w| w.document()) {
        document.set_title(&config.title);
        if let Some(root) = document.document_element() {
            let classes = root.class_list();
            let _ = classes.toggle_with_force("wall-screen", screen.wall_screen);
            let _ = classes.toggle_with_force("compact", screen.compact);
        }
    }
    provide_context(screen);
    let session = SessionState::new(
        api_base.unwrap_or_else(|| config.api_base.clone()),
        config.default_core_server.clone(),
        config.return_time_unit,
    );
    // Signed in already? (The gateway's cookie, or a tab that stays signed in.)
    Scope::here().spawn(async move { session.resume().await });
    let notice = RwSignal::new(config.notice.clone());
    provide_context(BrowserAlerts::load(
        config.title.clone(),
        screen.wall_screen,
    ));
    provide_context(config);
    provide_context(session);
    provide_context(RecentStatuses::load());
    provide_context(Notifications::new());
    provide_context(AuditLog::load(session));
    view! {
        {move || notice.get().map(|text| view! {
            <div class="config-notice" role="status">
                <span>{text}</span>
                <button type="button" class="quiet" aria-label="Dismiss" on:click=move |_| notice.set(None)>"×"</button>
            </div>
        })}
        <Router base=base_path()>
            <Gate/>
        </Router>
    }
}

/// Every page behind the sign-in form, which stands in for any page, so a deep link survives signing in —
/// except the connection check, which a signed-out operator needs to find out why signing in fails (signed
/// in, it is an ordinary page of the shell).
#[component]
fn Gate() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let on_check = Memo::new(move |_| {
        location
            .pathname
            .with(|p| p.trim_end_matches('/').ends_with("/check"))
    });
    let signed_in = move || session.current.with(Option::is_some);
    let signed_out = move || {
        if session.resuming.get() {
            view! { <main id="main" class="sign-in"><p class="muted" role="status">"Signing in…"</p></main> }
                .into_any()
        } else if on_check.get() {
            view! { <main id="main" class="page"><CheckPage/></main> }.into_any()
        } else {
            view! { <SignIn/> }.into_any()
        }
    };
    view! {
        <Show when=signed_in fallback=signed_out>
            <Shell/>
            <Show when=move || session.expired.get()>
                <SignInAgain/>
            </Show>
        </Show>
    }
}

#[component]
fn Shell() -> impl IntoView {
    // Work that must finish when the supervisor leaves a page (a save already sent) lives as long as
    // this: until sign-out.
    provide_context(SessionScope(Scope::here()));
    let wall_screen = expect_context::<ScreenMode>().wall_screen;
    view! {
        {(!wall_screen).then(|| view! { <TopBar/> })}
        <Toasts/>
        <main id="main" class="page">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/servers/:server/status") view=BoardPage/>
                // One route, so opening a group keeps the page (its groups, counts and staffing) as it is.
                <Route path=path!("/servers/:server/groups/:group?") view=GroupsPage/>
                <Route path=path!("/activity") view=ActivityPage/>
                <Route path=path!("/check") view=CheckPage/>
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
    let keep = expect_context::<ScreenMode>().query();
    view! { <Redirect path=format!("{}{keep}", href(&slug, Page::Status)) options=navigate_options(true)/> }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="notice">
            <h1>"Page not found"</h1>
            <p><a href=app_path("/")>"Go to the status board"</a></p>
        </section>
    }
}
