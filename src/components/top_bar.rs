//! The bar above every page: brand, core server picker, page links, who is signed in, and sign out.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::theme_toggle::ThemeToggle;
use crate::config::RuntimeConfig;
use crate::routes::{app_path, href, navigate_options, page_of, slug_of, Page};
use crate::state::session::use_session;

#[component]
pub fn TopBar() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let current = move || session.current.get();
    let slug = Memo::new(move |_| {
        slug_of(&location.pathname.get())
            .or_else(|| current().map(|s| s.default_slug()))
            .unwrap_or_default()
    });
    let servers = move || current().map(|s| s.servers).unwrap_or_default();
    let who = move || current().map(|s| s.who()).unwrap_or_default();
    let choose_server = move |ev: leptos::ev::Event| {
        let page = page_of(&location.pathname.get_untracked());
        navigate(
            &href(&event_target_value(&ev), page),
            navigate_options(false),
        );
    };

    view! {
        <header class="top-bar">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <span class="brand">{use_context::<RuntimeConfig>().unwrap_or_default().title}</span>
            <label class="server-picker">
                <span>"Core server"</span>
                <select on:change=choose_server prop:value=move || slug.get()>
                    {move || {
                        servers()
                            .into_iter()
                            .map(|s| {
                                let selected = s.slug == slug.get();
                                view! {
                                    <option value=s.slug.clone() selected=selected>
                                        {s.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <nav class="page-links" aria-label="Pages">
                <A href=move || href(&slug.get(), Page::Status)>"Status"</A>
                <A href=move || href(&slug.get(), Page::Groups)>"Groups"</A>
                <A href=app_path("/activity")>"Activity"</A>
                <A href=app_path("/check")>"Check"</A>
            </nav>
            <span class="signed-in">
                <span class="signed-in-label">"Signed in as "</span>
                <strong>{who}</strong>
            </span>
            <ThemeToggle/>
            <button type="button" class="quiet" on:click=move |_| session.sign_out()>
                "Sign out"
            </button>
        </header>
    }
}
