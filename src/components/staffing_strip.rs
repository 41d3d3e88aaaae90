//! Group staffing as a strip: each group's name, its counts by kind of state, and — below its minimum — a
//! mark in words as well as colour. On the board a group's name filters the board by it; on the wall
//! screen the strip only shows.

use leptos::prelude::*;

use crate::domain::staffing::GroupStaffing;

/// The strip: its line is there from the start ("Counting groups…"), so the board below does not jump
/// when the counts arrive; it goes only when the server turns out to have no groups (`none`).
/// `filtered` and `on_pick` (the board's group filter) make each name a toggle; without them the names
/// are text.
#[component]
pub fn StaffingStrip(
    groups: ReadSignal<Vec<GroupStaffing>>,
    #[prop(into)] none: Signal<bool>,
    #[prop(optional)] filtered: Option<Signal<Option<String>>>,
    #[prop(optional)] on_pick: Option<Callback<String>>,
) -> impl IntoView {
    view! {
        <Show when=move || !none.get()>
            <section class="staffing" aria-label="Group staffing">
                // Redrawn whole at each count (a few groups, a few times a minute at most).
                <ul>{move || {
                    let list = groups.get();
                    if list.is_empty() {
                        view! { <li class="staffing-group muted">"Counting groups…"</li> }.into_any()
                    } else {
                        list.into_iter().map(|g| group(g, filtered, on_pick)).collect_view().into_any()
                    }
                }}</ul>
            </section>
        </Show>
    }
}

fn group(
    g: GroupStaffing,
    filtered: Option<Signal<Option<String>>>,
    on_pick: Option<Callback<String>>,
) -> impl IntoView {
    let short = g.is_short();
    let name = match (filtered, on_pick) {
        (Some(filtered), Some(pick)) => {
            let id = g.id.clone();
            let pressed = {
                let id = id.clone();
                move || {
                    filtered
                        .with(|f| f.as_deref() == Some(id.as_str()))
                        .to_string()
                }
            };
            view! {
                <button type="button" class="staffing-name" aria-pressed=pressed
                    title="Show only this group" on:click=move |_| pick.run(id.clone())>
                    {g.name.clone()}
                </button>
            }
            .into_any()
        }
        _ => view! { <span class="staffing-name">{g.name.clone()}</span> }.into_any(),
    };
    view! {
        <li class="staffing-group" class:short=short>
            {name}
            <span class="staffing-counts">{g.tally.summary()}</span>
            {g.mark().map(|mark| view! {
                <span class="staffing-mark"><span aria-hidden="true">"⚠ "</span>{mark}</span>
            })}
        </li>
    }
}
