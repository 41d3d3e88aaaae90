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

/// A button on a notification ("Undo"); running it dismisses the notification.
#[derive(Clone)]
pub struct NotificationAction {
    pub label: String,
    pub run: Rc<dyn Fn()>,
}

impl NotificationAction {
    pub fn new(label: &str, run: impl Fn() + 'static) -> Self {
        NotificationAction {
            label: label.to_owned(),
            run: Rc::new(run),
        }
    }
}

/// How long a notification stays, by what it says: every lifetime in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lasts {
    /// A status change, with its `Undo`.
    StatusUndo,
    /// A member removed, with its `Undo` (shorter: removing is a quick, local act).
    RemovalUndo,
    /// An Undo that failed, with `Retry undo`: long enough to sign in again first.
    RetryUndo,
    /// Something done, said in passing ("Ann is back in Sales.").
    Done,
    /// An Undo done.
    Undone,
    /// What a re-read found after someone else's edit.
    Found,
    /// A result (a failure, mostly) that the page which made the change is no longer there to show.
    Elsewhere,
    /// A watch that fired ("Olivia Bennett is available."): the supervisor may be looking elsewhere.
    Watch,
}

impl Lasts {
    pub const fn ms(self) -> u32 {
        match self {
            Lasts::StatusUndo | Lasts::Elsewhere => 10_000,
            Lasts::RemovalUndo => 5_000,
            Lasts::RetryUndo => 60_000,
            Lasts::Done => 4_000,
            Lasts::Undone => 6_000,
            Lasts::Found => 8_000,
            Lasts::Watch => 30_000,
        }
    }
}

#[derive(Clone)]
pub struct Toast {
    pub id: u64,
    pub text: String,
    pub tone: Tone,
    pub action: Option<NotificationAction>,
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

    /// Shows `text` for as long as `lasts` says; returns its id.
    pub fn show(
        &self,
        text: impl Into<String>,
        tone: Tone,
        action: Option<NotificationAction>,
        lasts: Lasts,
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
        self.scope.after(lasts.ms(), move || this.dismiss(id));
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
