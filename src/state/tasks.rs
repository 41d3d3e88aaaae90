//! The one way the panel runs asynchronous work: requests, timers, intervals and animation frames all run
//! as tasks of a [`Scope`], and a scope ends with the reactive owner it was made under.
//!
//! Why: a page's signals are disposed the moment the supervisor leaves it, while the page's requests may
//! still be answering (a PBX across a site link takes hundreds of milliseconds). A task of an ended scope is
//! never polled again, so nothing it would do next — set a row, read a row, start the next request — ever
//! touches a disposed signal. Timers of an ended scope never fire.
//!
//! Two scopes matter: each page's own ([`Scope::here`] while the page is built), for work that is only
//! worth doing while the page shows (loads, refreshes, the live socket, clocks); and the signed-in
//! session's ([`use_session_scope`]), for work that must finish once started even if the supervisor moves
//! on — a write already sent, its audit entry, its notification. Session work shows its result on a page
//! only through that page's scope ([`Scope::apply`]), and otherwise where the supervisor now is (a
//! notification).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;

use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;

use crate::browser::{next_frame, sleep_ms};

thread_local! {
    /// The live scopes and their running tasks. A scope that ended is no longer here.
    static SCOPES: RefCell<HashMap<u64, HashMap<u64, AbortHandle>>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

fn next_id() -> u64 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// A lifetime for asynchronous work. `Copy`, so it goes into any closure a view needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope(u64);

/// A running task; [`Task::cancel`] ends it early (a task also ends with its scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Task {
    scope: Scope,
    id: u64,
}

impl Scope {
    /// The scope of whatever is being built now (a page, the signed-in shell): it ends when the current
    /// reactive owner is cleaned up. Without an owner it never ends.
    pub fn here() -> Scope {
        let scope = Scope(next_id());
        SCOPES.with(|s| s.borrow_mut().insert(scope.0, HashMap::new()));
        on_cleanup(move || scope.end());
        scope
    }

    pub fn is_live(self) -> bool {
        SCOPES.with(|s| s.borrow().contains_key(&self.0))
    }

    /// Ends the scope: every task stops where it waits and is never polled again.
    fn end(self) {
        let running = SCOPES.with(|s| s.borrow_mut().remove(&self.0));
        for handle in running.into_iter().flat_map(HashMap::into_values) {
            handle.abort();
        }
    }

    /// Runs `work` until it finishes or the scope ends. Spawned on an ended scope, it never starts.
    pub fn spawn(self, work: impl Future<Output = ()> + 'static) -> Task {
        let task = Task {
            scope: self,
            id: next_id(),
        };
        let (handle, registration) = AbortHandle::new_pair();
        let registered = SCOPES.with(|s| {
            s.borrow_mut()
                .get_mut(&self.0)
                .map(|tasks| tasks.insert(task.id, handle))
                .is_some()
        });
        if registered {
            leptos::task::spawn_local(async move {
                let _ = Abortable::new(work, registration).await;
                task.forget();
            });
        }
        task
    }

    /// Runs `f` once after `ms` milliseconds, unless the scope has ended by then.
    pub fn after(self, ms: u32, f: impl FnOnce() + 'static) -> Task {
        self.spawn(async move {
            sleep_ms(ms).await;
            f();
        })
    }

    /// Runs `f` every `ms` milliseconds until the scope ends or the task is cancelled.
    pub fn every(self, ms: u32, mut f: impl FnMut() + 'static) -> Task {
        self.spawn(async move {
            loop {
                sleep_ms(ms).await;
                f();
            }
        })
    }

    /// Runs `f` at the browser's next animation frame (after layout), unless the scope has ended.
    pub fn next_frame(self, f: impl FnOnce() + 'static) -> Task {
        self.spawn(async move {
            next_frame().await;
            f();
        })
    }

    /// Runs `f` now if the scope is live: how work that outlives a page shows its result on that page.
    pub fn apply<T>(self, f: impl FnOnce() -> T) -> Option<T> {
        self.is_live().then(f)
    }
}

impl Task {
    /// Stops the task where it waits; it is never polled again.
    pub fn cancel(self) {
        if let Some(handle) = self.forget() {
            handle.abort();
        }
    }

    fn forget(self) -> Option<AbortHandle> {
        SCOPES.with(|s| {
            s.borrow_mut()
                .get_mut(&self.scope.0)
                .and_then(|tasks| tasks.remove(&self.id))
        })
    }
}

/// The signed-in session's scope, provided by the shell: work that must finish even when the supervisor
/// leaves the page that started it, and ends at sign-out.
#[derive(Debug, Clone, Copy)]
pub struct SessionScope(pub Scope);

pub fn use_session_scope() -> Scope {
    expect_context::<SessionScope>().0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_lives_until_its_owner_is_cleaned_up() {
        let owner = Owner::new();
        let scope = owner.with(Scope::here);
        assert!(scope.is_live());
        assert_eq!(scope.apply(|| 7), Some(7));
        owner.cleanup();
        assert!(!scope.is_live());
        assert_eq!(scope.apply(|| 7), None);
    }

    #[test]
    fn scopes_end_one_by_one() {
        let (page, other) = (Owner::new(), Owner::new());
        let (a, b) = (page.with(Scope::here), other.with(Scope::here));
        page.cleanup();
        assert!(!a.is_live() && b.is_live());
    }
}
