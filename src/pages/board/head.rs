//! The board's column headers. The three sortable columns are buttons that set the same URL `sort` as the
//! toolbar's "Sort by", and the active one carries `aria-sort` so a screen reader says how the rows run.

use leptos::prelude::*;

use crate::domain::board_view::{BoardQuery, SortKey};

#[component]
pub fn BoardHead(query: Memo<BoardQuery>, set_query: Callback<BoardQuery>) -> impl IntoView {
    let sortable = move |key: SortKey, label: &'static str| {
        let active = move || query.with(|q| q.sort == key);
        view! {
            <th scope="col" aria-sort=move || active().then_some("ascending")>
                <button
                    type="button"
                    class="sort-button"
                    class:active=active
                    title=format!("Sort by {}", key.label().to_lowercase())
                    on:click=move |_| {
                        let mut q = query.get_untracked();
                        q.sort = key;
                        set_query.run(q);
                    }
                >
                    {label}
                    <span class="sort-mark" aria-hidden="true">{move || if active() { "▲" } else { "" }}</span>
                </button>
            </th>
        }
    };
    view! {
        <thead>
            <tr aria-rowindex="1">
                <th scope="col"><span class="sr-only">"Selected"</span></th>
                {sortable(SortKey::Status, "Status")}
                {sortable(SortKey::Name, "Name")}
                <th scope="col">"Status name"</th>
                <th scope="col">"Note"</th>
                {sortable(SortKey::ReturnTime, "Return time")}
                <th scope="col"><span class="sr-only">"Actions"</span></th>
            </tr>
        </thead>
    }
}
