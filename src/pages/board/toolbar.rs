//! Above the board: the filter box, the status-type chips and the overdue chip, the group, the sort order,
//! the refresh interval and the browser-notifications switch.

use leptos::prelude::*;

use super::watch_list::alerts_switch;
use crate::api::vocabulary::StatusType;
use crate::components::filter_box::filter_box;
use crate::domain::board_view::{BoardQuery, SortKey};
use crate::state::groups::GroupsStore;

const REFRESH_CHOICES: [(u32, &str); 5] = [
    (5, "5 s"),
    (15, "15 s"),
    (30, "30 s"),
    (60, "1 min"),
    (0, "Off"),
];

#[component]
pub fn Toolbar(
    query: Memo<BoardQuery>,
    set_query: Callback<BoardQuery>,
    refresh_seconds: RwSignal<u32>,
    #[prop(into)] shown: Signal<usize>,
    #[prop(into)] total: Signal<usize>,
    /// How many are overdue, for the `Overdue (N)` chip.
    overdue: ReadSignal<usize>,
    /// The core server's groups, for the group picker.
    groups: GroupsStore,
) -> impl IntoView {
    // The box shows the view's text: what is typed (the view follows at once), or a URL's (a link).
    let text = Signal::derive(move || query.with(|q| q.text.clone()));
    let change = move |f: &dyn Fn(&mut BoardQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        set_query.run(q);
    };
    view! {
        <div class="toolbar">
            {filter_box("Filter users", Some(text), Callback::new(move |value: String| {
                change(&|q| q.text = value.clone());
            }))}
            <div class="chips" role="group" aria-label="Show status types">
                {StatusType::ALL
                    .into_iter()
                    .map(|kind| {
                        let pressed = {
                            let kind = kind.clone();
                            move || query.with(|q| q.types.contains(&kind)).to_string()
                        };
                        let label = kind.label();
                        let class = format!("swatch swatch-{}", kind.css_class());
                        view! {
                            <button
                                type="button"
                                class="chip"
                                aria-pressed=pressed
                                on:click=move |_| change(&|q| q.toggle(&kind))
                            >
                                <span class=class aria-hidden="true"></span>
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    type="button"
                    class="chip chip-overdue"
                    aria-pressed=move || query.with(|q| q.overdue).to_string()
                    on:click=move |_| change(&|q| q.overdue = !q.overdue)
                >
                    <span aria-hidden="true">"⚠ "</span>
                    {move || format!("Overdue ({})", overdue.get())}
                </button>
            </div>
            <label class="inline-field">
                <span>"Sort by"</span>
                <select on:change=move |ev| {
                    let sort = SortKey::parse(&event_target_value(&ev));
                    change(&|q| q.sort = sort);
                }>
                    {SortKey::ALL
                        .into_iter()
                        .map(|k| view! {
                            <option value=k.as_str() selected=move || query.with(|q| q.sort == k)>{k.label()}</option>
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="inline-field">
                <span>"Group"</span>
                <select class="group-picker" on:change=move |ev| {
                    let id = event_target_value(&ev);
                    change(&|q| q.group = (!id.is_empty()).then(|| id.clone()));
                }>
                    <option value="" selected=move || query.with(|q| q.group.is_none())>"Everyone"</option>
                    {move || groups.groups.get()
                        .into_iter()
                        .map(|g| {
                            let id = g.id.clone();
                            view! {
                                <option value=g.id.clone() selected=move || query.with(|q| q.group.as_ref() == Some(&id))>{g.name().to_owned()}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="inline-field">
                <span>"Refresh"</span>
                <select on:change=move |ev| {
                    refresh_seconds.set(event_target_value(&ev).parse().unwrap_or(0));
                }>
                    {REFRESH_CHOICES
                        .into_iter()
                        .map(|(s, label)| view! {
                            <option value=s.to_string() selected=move || refresh_seconds.get() == s>{label}</option>
                        })
                        .collect_view()}
                </select>
            </label>
            {alerts_switch()}
            <span class="count">{move || format!("Showing {} of {}", shown.get(), total.get())}</span>
        </div>
    }
}
