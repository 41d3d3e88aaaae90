//! The board's selection of users for a bulk change: plain clicks toggle, a shift-click selects the range
//! from the last click (`domain::selection`), the keyboard's `x` toggles the focused row.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::selection;

/// A click on a row's checkbox.
#[derive(Debug, Clone)]
pub struct SelectClick {
    pub username: String,
    pub checked: bool,
    /// Shift was held: select the range from the last click.
    pub shift: bool,
}

#[derive(Clone, Copy)]
pub struct Selection {
    /// The selected usernames.
    pub selected: RwSignal<BTreeSet<String>>,
    /// The last clicked row, where a shift-click's range starts.
    anchor: StoredValue<Option<String>>,
}

impl Selection {
    pub fn new() -> Self {
        Selection {
            selected: RwSignal::new(BTreeSet::new()),
            anchor: StoredValue::new(None),
        }
    }

    /// A checkbox click, with the usernames in the order the board shows them (for a shift-click range).
    pub fn click(&self, click: SelectClick, order: &[String]) {
        let SelectClick {
            username,
            checked,
            shift,
        } = click;
        let anchor = self.anchor.get_value();
        self.selected
            .update(|s| selection::click(s, order, anchor.as_deref(), &username, checked, shift));
        self.anchor.set_value(Some(username));
    }

    /// Selects `username` if it was not, and the other way round.
    pub fn toggle(&self, username: String) {
        self.selected.update(|s| {
            if !s.remove(&username) {
                s.insert(username.clone());
            }
        });
        self.anchor.set_value(Some(username));
    }

    pub fn contains(&self, username: &str) -> bool {
        self.selected.with(|s| s.contains(username))
    }
}

impl Default for Selection {
    fn default() -> Self {
        Self::new()
    }
}
