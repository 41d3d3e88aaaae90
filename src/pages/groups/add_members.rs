//! Finding and picking users to add: a combobox over the users who are not members yet (display name and
//! username; arrows move, Enter picks, several can be picked), then `Add`.

use leptos::prelude::*;

use crate::api::types::ConfigUser;
use crate::domain::listbox::{step, ListFocus};
use crate::domain::membership::{addable, search, still_addable, toggle};
use crate::state::groups::GroupDetail;

/// The most candidates listed at once; the search narrows the rest.
const SHOWN: usize = 50;

#[component]
pub fn AddMembers(
    detail: GroupDetail,
    add: Callback<Vec<ConfigUser>>,
    busy: Signal<bool>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let picked = RwSignal::new(Vec::<String>::new());
    let active = RwSignal::new(0usize);
    let open = RwSignal::new(false);
    let candidates = Memo::new(move |_| {
        detail
            .everyone
            .with(|all| detail.members.with(|m| addable(all, m)))
    });
    // Someone added a pick elsewhere, or it was just added here: it is no longer a pick.
    Effect::new(move |_| {
        let still = candidates.with(|c| still_addable(&picked.get_untracked(), c));
        if still != picked.get_untracked() {
            picked.set(still);
        }
    });
    let matches = Memo::new(move |_| {
        candidates.with(|c| {
            search(c, &query.get())
                .into_iter()
                .cloned()
                .collect::<Vec<ConfigUser>>()
        })
    });
    let pick = move |id: String| picked.update(|p| toggle(p, &id));
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = matches.with(|m| m.len().min(SHOWN));
        let key = ev.key();
        if key == "ArrowDown" {
            open.set(true);
        }
        if let Some(index) = step(
            &key,
            Some(active.get_untracked()),
            count,
            ListFocus::TextBox,
        ) {
            active.set(index);
            ev.prevent_default();
            return;
        }
        match key.as_str() {
            "Enter" if open.get_untracked() => {
                if let Some(u) = matches.with(|m| m.get(active.get_untracked()).cloned()) {
                    pick(u.id);
                }
            }
            "Escape" => open.set(false),
            _ => return,
        }
        ev.prevent_default();
    };
    let picked_users = move || {
        candidates.with(|c| {
            picked
                .get()
                .iter()
                .filter_map(|id| c.iter().find(|u| &u.id == id).cloned())
                .collect::<Vec<_>>()
        })
    };
    let submit = move |_| {
        let users = picked_users();
        if !users.is_empty() {
            add.run(users);
        }
    };

    view! {
        <div class="add-members">
            <label class="field">
                <span class="field-label">"Find users to add"</span>
                <input
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    aria-autocomplete="list"
                    aria-controls="add-candidates"
                    aria-expanded=move || open.get().to_string()
                    aria-activedescendant=move || {
                        open.get().then(|| matches.with(|m| m.get(active.get()).map(|u| option_id(&u.id)))).flatten()
                    }
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        active.set(0);
                        open.set(true);
                    }
                    on:focus=move |_| open.set(true)
                    on:keydown=on_keydown
                />
            </label>
            <Show when=move || open.get()>
                <ul id="add-candidates" class="candidates" role="listbox" aria-multiselectable="true" aria-label="Users to add">
                    {move || {
                        matches
                            .get()
                            .into_iter()
                            .take(SHOWN)
                            .enumerate()
                            .map(|(i, u)| {
                                let id = u.id.clone();
                                let selected = {
                                    let id = id.clone();
                                    Signal::derive(move || picked.with(|p| p.contains(&id)))
                                };
                                view! {
                                    <li
                                        id=option_id(&u.id)
                                        role="option"
                                        class="candidate"
                                        class:active=move || active.get() == i
                                        aria-selected=move || selected.get().to_string()
                                        // Keep focus in the search field while clicking.
                                        on:mousedown=|ev| ev.prevent_default()
                                        on:click=move |_| pick(id.clone())
                                    >
                                        <span class="check-mark" aria-hidden="true">{move || if selected.get() { "☑" } else { "☐" }}</span>
                                        <span class="display-name">{u.name().to_owned()}</span>
                                        <span class="username">{u.username.clone()}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                    {move || {
                        let more = matches.with(Vec::len).saturating_sub(SHOWN);
                        (more > 0).then(|| view! { <li class="more" role="presentation">{format!("{more} more: narrow the search")}</li> })
                    }}
                    {move || matches.with(Vec::is_empty).then(|| view! { <li class="more" role="presentation">"No one else to add."</li> })}
                </ul>
            </Show>
            <div class="picked">
                <span class="muted">{move || format!("{} selected", picked.with(Vec::len))}</span>
                {move || picked_users()
                    .into_iter()
                    .map(|u| {
                        let id = u.id.clone();
                        view! {
                            <button type="button" class="pick" aria-label=format!("Unselect {}", u.name()) on:click=move |_| pick(id.clone())>
                                {u.name().to_owned()} " ×"
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    type="button"
                    class="primary"
                    disabled=move || busy.get() || picked.with(Vec::is_empty)
                    on:click=submit
                >
                    "Add"
                </button>
            </div>
        </div>
    }
}

fn option_id(user_id: &str) -> String {
    let safe: String = user_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("candidate-{safe}")
}
