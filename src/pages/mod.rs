//! One file per page. Pages compose components and call state; components render what they are given.
//! The panel's own URLs are `crate::routes`.

pub mod activity;
pub mod board;
pub mod check;
pub mod groups;
pub mod sign_in;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::types::CoreServer;
use crate::state::session::{Session, SessionState};

/// A page of one core server: made anew whenever the URL names another, so the old one's work ends with it.
pub fn per_server<V: IntoView + 'static>(page: fn(String) -> V) -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("server").unwrap_or_default());
    move || page(slug.get())
}

/// The session and the core server a server page's URL names; otherwise what the page shows instead
/// (nothing while signed out, a notice for an unknown slug).
pub fn signed_in_server(
    session: SessionState,
    slug: String,
) -> Result<(Session, CoreServer), AnyView> {
    let Some(current) = session.current.get_untracked() else {
        return Err(().into_any());
    };
    match current.server(&slug).cloned() {
        Some(server) => Ok((current, server)),
        None => Err(view! { <UnknownServer slug/> }.into_any()),
    }
}

/// Shown when the URL names a core server the iSymphony server does not have.
#[component]
fn UnknownServer(slug: String) -> impl IntoView {
    view! {
        <section class="notice">
            <h1>"No such core server"</h1>
            <p>"This iSymphony server has no core server named “" {slug} "”. Choose one above."</p>
        </section>
    }
}
