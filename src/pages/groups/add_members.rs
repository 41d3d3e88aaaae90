//! Finding and picking users to add: a combobox over the users who are not members yet (display name and
//! username; arrows move, Enter picks, several can be picked), then `Add`.

use leptos::prelude::*;

use crate::api::types::ConfigUser;
use crate::domain::listbox::{step, ListFocus};
use crate::domain::membership::{addable, search, still_addable, toggle};
use crate::state::groups::GroupDetail;

/// The most candidates listed at once; the search narrows the rest.
const SHOWN: usize = 50;

/// The combobox's state: what is typed, who is picked, which option is active, and whether the list shows.
#[derive(Clone, Copy)]
struct Picker {
    query: RwSignal<String>,
    /// Picked configuration ids.
    picked: RwSignal<Vec<String>>,
    active: RwSignal<usize>,
    open: RwSignal<bool>,
    /// Users who are not members yet.
    candidates: Memo<Vec<ConfigUser>>,
    /// Candidates matching the query.
    matches: Memo<Vec<ConfigUser>>,
}

impl Picker {
    fn new(detail: GroupDetail) -> Self {
        let query = RwSignal::new(String::new());
        let picked = RwSignal::new(Vec::<String>::new());
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
            candidates.with(|c| search(c, &query.get()).into_iter().cloned().collect())
        });
        Picker {
            query,
            picked,
            active: RwSignal::new(0),
            open: RwSignal::new(false),
            candidates,
            matches,
        }
    }

    fn pick(&self, id: String) {
        self.picked.update(|p| toggle(p, &id));
    }

    fn is_picked(&self, id: &str) -> bool {
        self.picked.with(|p| p.iter().any(|picked| picked == id))
    }

    fn picked_users(&self) -> Vec<ConfigUser> {
        self.candidates.with(|c| {
            self.picked
                .get()
                .iter()
                .filter_map(|id| c.iter().find(|u| &u.id == id).cloned())
                .collect()
        })
    }

    /// The combobox's keys: arrows move (the listbox model), Enter picks, Escape closes.
    fn on_key(&self, ev: leptos::ev::KeyboardEvent) {
        let count = self.matches.with(|m| m.len().min(SHOWN));
        let key = ev.key();
        if key == "ArrowDown" {
            self.open.set(true);
        }
        let current = Some(self.active.get_untracked());
        if let Some(index) = step(&key, current, count, ListFocus::TextBox) {
            self.active.set(index);
            ev.prevent_default();
            return;
        }
        match key.as_str() {
            "Enter" if self.open.get_untracked() => {
                let active = self.active.get_untracked();
                if let Some(u) = self.matches.with(|m| m.get(active).cloned()) {
                    self.pick(u.id);
                }
            }
            "Escape" => self.open.set(false),
            _ => return,
        }
        ev.prevent_default();
    }

    fn active_option(&self) -> Option<String> {
        let active = self.active.get();
        self.open
            .get()
            .then(|| {
                self.matches
                    .with(|m| m.get(active).map(|u| option_id(&u.id)))
            })
            .flatten()
    }
}

#[component]
pub fn AddMembers(
    detail: GroupDetail,
    add: Callback<Vec<ConfigUser>>,
    busy: Signal<bool>,
) -> impl IntoView {
    let picker = Picker::new(detail);
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
                    aria-expanded=move || picker.open.get().to_string()
                    aria-activedescendant=move || picker.active_option()
                    prop:value=move || picker.query.get()
                    on:input=move |ev| {
                        picker.query.set(event_target_value(&ev));
                        picker.active.set(0);
                        picker.open.set(true);
                    }
                    on:focus=move |_| picker.open.set(true)
                    on:keydown=move |ev| picker.on_key(ev)
                />
            </label>
            <Show when=move || picker.open.get()>
                {candidates(picker)}
            </Show>
            {picked(picker, add, busy)}
        </div>
    }
}

/// The listbox of candidates: the first [`SHOWN`] matches, each with a check mark when picked.
fn candidates(picker: Picker) -> impl IntoView {
    let option = move |(i, u): (usize, ConfigUser)| {
        let id = u.id.clone();
        let selected = {
            let id = id.clone();
            Signal::derive(move || picker.is_picked(&id))
        };
        view! {
            <li
                id=option_id(&u.id)
                role="option"
                class="candidate"
                class:active=move || picker.active.get() == i
                aria-selected=move || selected.get().to_string()
                // Keep focus in the search field while clicking.
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| picker.pick(id.clone())
            >
                <span class="check-mark" aria-hidden="true">{move || if selected.get() { "☑" } else { "☐" }}</span>
                <span class="display-name">{u.name().to_owned()}</span>
                <span class="username">{u.username.clone()}</span>
            </li>
        }
    };
    let matches = picker.matches;
    view! {
        <ul id="add-candidates" class="candidates" role="listbox" aria-multiselectable="true" aria-label="Users to add">
            {move || matches.get().into_iter().take(SHOWN).enumerate().map(option).collect_view()}
            {move || {
                let more = matches.with(Vec::len).saturating_sub(SHOWN);
                (more > 0).then(|| view! { <li class="more" role="presentation">{format!("{more} more: narrow the search")}</li> })
            }}
            {move || matches.with(Vec::is_empty).then(|| view! { <li class="more" role="presentation">"No one else to add."</li> })}
        </ul>
    }
}

/// Who is picked (each can be unpicked), and `Add`.
fn picked(picker: Picker, add: Callback<Vec<ConfigUser>>, busy: Signal<bool>) -> impl IntoView {
    let submit = move |_| {
        let users = picker.picked_users();
        if !users.is_empty() {
            add.run(users);
        }
    };
    let chip = move |u: ConfigUser| {
        let id = u.id.clone();
        view! {
            <button type="button" class="pick" aria-label=format!("Unselect {}", u.name()) on:click=move |_| picker.pick(id.clone())>
                {u.name().to_owned()} " ×"
            </button>
        }
    };
    view! {
        <div class="picked">
            <span class="muted">{move || format!("{} selected", picker.picked.with(Vec::len))}</span>
            {move || picker.picked_users().into_iter().map(chip).collect_view()}
            <button
                type="button"
                class="primary"
                disabled=move || busy.get() || picker.picked.with(Vec::is_empty)
                on:click=submit
            >
                "Add"
            </button>
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
