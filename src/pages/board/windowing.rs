//! Keeps only the board rows near the view in the DOM (`domain::window` decides which): follows the page's
//! scroll and size, measures the rows' average height, and scrolls a row the keyboard moved to into range.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::ev;
use leptos::leptos_dom::helpers::window_event_listener;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::window::{scrolled_to_show, RowHeights, Viewport, Window, FIRST_GUESS_PX};
use crate::state::board::Row;
use crate::state::tasks::Scope;

/// The rendered part of the arranged rows, and what the table needs to stand in for the rest.
#[derive(Clone, Copy)]
pub struct Windowed {
    /// The table body, whose position says how far the page is scrolled into the list.
    pub body: NodeRef<leptos::html::Tbody>,
    /// The rows to render, in order.
    pub rows: Memo<Vec<Row>>,
    /// Each rendered row's 0-based place in the whole arranged list, by username (for `aria-rowindex`).
    pub places: Memo<HashMap<String, usize>>,
    window: Memo<Window>,
    row_px: RwSignal<f64>,
    total: Signal<usize>,
}

/// One of the two empty rows standing in for the rows out of view, above or below the rendered ones;
/// absent while the board is rendered whole.
#[component]
pub fn StandIn(rendered: Windowed, below: bool) -> impl IntoView {
    let height = move || {
        let (w, px, total) = (
            rendered.window.get(),
            rendered.row_px.get(),
            rendered.total.get(),
        );
        css_px(if below {
            w.after_px(total, px)
        } else {
            w.before_px(px)
        })
    };
    view! {
        <Show when=move || rendered.window.get().leaves_out(rendered.total.get())>
            <tr class="spacer" aria-hidden="true" style:height=height>
                <td colspan="7"></td>
            </tr>
        </Show>
    }
}

/// Windows `arranged` (`total` rows long) for as long as the board is shown; `focused` (the keyboard's
/// row) is scrolled into range when it is not rendered.
pub fn windowed(
    arranged: Memo<Vec<Row>>,
    total: Signal<usize>,
    focused: RwSignal<Option<String>>,
) -> Windowed {
    let body = NodeRef::<leptos::html::Tbody>::new();
    let row_px = RwSignal::new(FIRST_GUESS_PX);
    let view = RwSignal::new(Viewport {
        scrolled: 0.0,
        height: view_height(),
    });
    let window = Memo::new(move |_| Window::of(total.get(), row_px.get(), view.get()));
    let rows = Memo::new(move |_| {
        let w = window.get();
        arranged.with(|all| all[w.start.min(all.len())..w.end.min(all.len())].to_vec())
    });
    let places = Memo::new(move |_| {
        let start = window.get().start;
        rows.with(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, r)| (r.member.username.clone(), start + i))
                .collect()
        })
    });

    // Where the list is in the view: on every scroll and resize.
    let follow = move || {
        if let Some(body) = body.get_untracked() {
            view.set(Viewport {
                scrolled: -body.get_bounding_client_rect().top(),
                height: view_height(),
            });
        }
    };
    let on_scroll = window_event_listener(ev::scroll, move |_| follow());
    let on_resize = window_event_listener(ev::resize, move |_| follow());
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    // How tall the rows are: whenever the body changes size (statuses arriving, notes wrapping) and
    // whenever other rows are rendered, once the browser has laid them out.
    let heights = Rc::new(RefCell::new(RowHeights::default()));
    let measure = move || {
        let Some(body) = body.get_untracked() else {
            return;
        };
        let current = row_px.get_untracked();
        let mut heights = heights.borrow_mut();
        record_rows(&body, &mut heights);
        if let Some(px) = heights.changed_from(current) {
            row_px.set(px);
        }
        follow();
    };
    // A frame requested just before the board goes away never runs (the board's scope has ended).
    let scope = Scope::here();
    let measure_soon = move || {
        scope.next_frame(measure.clone());
    };
    // (Deferred: changing sizes inside the observer's own callback would be reported as a loop.)
    observe_size(body, measure_soon.clone());
    Effect::new(move |_| {
        rows.track();
        measure_soon();
    });
    Effect::new(move |_| {
        let Some(username) = focused.get() else {
            return;
        };
        let Some(index) =
            arranged.with_untracked(|all| all.iter().position(|r| r.member.username == username))
        else {
            return;
        };
        if !window.get_untracked().contains(index) {
            scroll_list_to(
                body,
                scrolled_to_show(index, row_px.get_untracked(), view_height()),
            );
        }
    });

    Windowed {
        body,
        rows,
        places,
        window,
        row_px,
        total,
    }
}

/// Records each rendered row's height as the distance from its top to the next row's (so margins between
/// phone cards count).
fn record_rows(body: &web_sys::HtmlTableSectionElement, heights: &mut RowHeights) {
    let Ok(rows) = body.query_selector_all(":scope > .board-row") else {
        return;
    };
    let rows: Vec<web_sys::HtmlElement> = (0..rows.length())
        .filter_map(|i| rows.item(i)?.dyn_into().ok())
        .collect();
    for pair in rows.windows(2) {
        let (this, next) = (&pair[0], &pair[1]);
        let px = next.get_bounding_client_rect().top() - this.get_bounding_client_rect().top();
        heights.record(&this.dataset().get("username").unwrap_or_default(), px);
    }
}

/// Calls `changed` whenever the table body changes size, for as long as the board is shown.
fn observe_size(body: NodeRef<leptos::html::Tbody>, changed: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn()>::new(changed);
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    let kept = StoredValue::new_local((observer.clone(), callback));
    Effect::new(move |_| {
        if let Some(body) = body.get() {
            observer.observe(&body);
        }
    });
    on_cleanup(move || kept.with_value(|(observer, _)| observer.disconnect()));
}

/// Whole pixels: a stand-in's height need not be exact, and formatting integers keeps Rust's float
/// formatting out of the download.
fn css_px(px: f64) -> String {
    format!("{}px", px.round() as i64)
}

/// Scrolls the page so the list is `scrolled` px into the view.
fn scroll_list_to(body: NodeRef<leptos::html::Tbody>, scrolled: f64) {
    let (Some(body), Some(window)) = (body.get_untracked(), web_sys::window()) else {
        return;
    };
    let page_y = window.scroll_y().unwrap_or(0.0);
    let list_top = body.get_bounding_client_rect().top() + page_y;
    window.scroll_to_with_x_and_y(0.0, list_top + scrolled);
}

fn view_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0)
}
