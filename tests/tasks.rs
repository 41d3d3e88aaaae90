//! `state::tasks` in the browser, with real timers: work of a page that has gone is never resumed, and
//! its timers never fire; work of a live page runs to the end.

use std::cell::Cell;
use std::rc::Rc;

use isymphony_panel::browser::sleep_ms;
use isymphony_panel::state::tasks::Scope;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn executor() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
}

/// A counter that tasks bump, shared with the test.
fn counter() -> (Rc<Cell<u32>>, impl Fn() + Clone + 'static) {
    let n = Rc::new(Cell::new(0));
    let bump = {
        let n = n.clone();
        move || n.set(n.get() + 1)
    };
    (n, bump)
}

#[wasm_bindgen_test]
async fn a_task_of_a_page_that_went_is_never_resumed() {
    executor();
    let page = Owner::new();
    let scope = page.with(Scope::here);
    let (reached, bump) = counter();
    let (started, start) = counter();
    scope.spawn(async move {
        start();
        sleep_ms(60).await;
        // A request's answer arriving after the page went: this must never run.
        bump();
    });
    sleep_ms(20).await;
    assert_eq!(started.get(), 1, "the task started");
    page.cleanup();
    sleep_ms(120).await;
    assert_eq!(reached.get(), 0, "resumed after its page went");
    // Spawned on an ended scope, work never starts.
    let (late, bump_late) = counter();
    scope.spawn(async move { bump_late() });
    sleep_ms(20).await;
    assert_eq!(late.get(), 0);
}

#[wasm_bindgen_test]
async fn a_live_page_s_task_runs_to_the_end() {
    executor();
    let page = Owner::new();
    let scope = page.with(Scope::here);
    let (reached, bump) = counter();
    scope.spawn(async move {
        sleep_ms(30).await;
        bump();
    });
    sleep_ms(100).await;
    assert_eq!(reached.get(), 1);
    page.cleanup();
}

#[wasm_bindgen_test]
async fn timers_and_intervals_stop_with_their_page_or_when_cancelled() {
    executor();
    let page = Owner::new();
    let scope = page.with(Scope::here);
    let (ticks, tick) = counter();
    let interval = scope.every(20, tick);
    let (fired, fire) = counter();
    scope.after(40, fire);
    let (frames, frame) = counter();
    scope.next_frame(frame);
    sleep_ms(110).await;
    assert!(ticks.get() >= 3, "ticked {} times", ticks.get());
    assert_eq!(fired.get(), 1);
    assert_eq!(frames.get(), 1);

    interval.cancel();
    let after_cancel = ticks.get();
    let (late, fire_late) = counter();
    scope.after(40, fire_late);
    sleep_ms(10).await;
    page.cleanup();
    sleep_ms(100).await;
    assert_eq!(ticks.get(), after_cancel, "a cancelled interval ticked");
    assert_eq!(late.get(), 0, "a timer fired after its page went");
}

#[wasm_bindgen_test]
async fn results_reach_a_page_only_while_it_is_there() {
    executor();
    let page = Owner::new();
    let (scope, shown) = page.with(|| (Scope::here(), RwSignal::new(0)));
    assert_eq!(scope.apply(|| shown.set(1)), Some(()));
    assert_eq!(shown.get_untracked(), 1);
    page.cleanup();
    // The signal is disposed now; reading it would panic, and `apply` never runs what would.
    assert_eq!(scope.apply(|| shown.get_untracked()), None);
}
