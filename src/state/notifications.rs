//! App-wide notifications ("Removed Ann from Sales. Undo"), each with an optional action and a lifetime.
//! Provided through context by `App` and shown by `components::toasts`.

use std::rc::Rc;

use leptos::prelude::*;

use crate::state::tasks::Scope;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// A button on a notification; running it dismisses the notification.
#[derive(Clone)]
pub struct Action {
    pub label: String,
    pub run: Rc<dyn Fn()>,
}

#[derive(Clone)]
pub struct Toast {
    pub id: u64,
    pub text: String,
    pub tone: Tone,
    pub action: Option<Action>,
}

#[derive(Clone, Copy)]
pub struct Notifications {
    pub list: RwSignal<Vec<Toast>, LocalStorage>,
    next: StoredValue<u64>,
    /// The app's: each notification's timer.
    scope: Scope,
}

impl Notifications {
    pub fn new() -> Self {
        Notifications {
            list: RwSignal::new_local(Vec::new()),
            next: StoredValue::new(0),
            scope: Scope::here(),
        }
    }

    /// Shows `text` for `for_ms` milliseconds; returns its id.
    pub fn show(
        &self,
        text: impl Into<String>,
        tone: Tone,
        action: Option<Action>,
        for_ms: u64,
    ) -> u64 {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|l| {
            l.push(Toast {
                id,
                text: text.into(),
                tone,
                action,
            })
        });
        let this = *self;
        self.scope
            .after(for_ms.min(u32::MAX.into()) as u32, move || this.dismiss(id));
        id
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|t| t.id != id));
    }

    /// Runs a notification's action once and dismisses it.
    pub fn act(&self, id: u64) {
        let action = self
            .list
            .with_untracked(|l| l.iter().find(|t| t.id == id).and_then(|t| t.action.clone()));
        self.dismiss(id);
        if let Some(action) = action {
            (action.run)();
        }
    }
}

impl Default for Notifications {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_notifications() -> Notifications {
    expect_context::<Notifications>()
}
