//! The Groups page: the core server's user groups.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::groups;
use crate::state::session::use_session;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let params = use_params_map();
    let session = use_session();
    let slug = Memo::new(move |_| params.read().get("server").unwrap_or_default());
    let list = LocalResource::new(move || {
        let current = session.current.get_untracked();
        let slug = slug.get();
        async move {
            let current = current?;
            let server = current.server(&slug)?.clone();
            Some(groups::list(&current.api().scoped(), &server.id).await)
        }
    });
    view! {
        <section class="groups">
            <div class="page-head"><h1>"Groups"</h1></div>
            <Suspense fallback=|| view! { <p class="progress">"Loading groups…"</p> }>
                {move || list.get().map(|groups| match groups {
                    None => view! { <p class="form-error">"No such core server."</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{e.message()}</p> }.into_any(),
                    Some(Ok(groups)) => view! {
                        <ul class="group-list">
                            {groups.into_iter().map(|g| view! { <li>{g.display_name}</li> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
