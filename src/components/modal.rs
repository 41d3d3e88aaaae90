//! A native modal `<dialog>`: shown when it mounts (so focus moves in and stays in), closed when its
//! owner goes (so the browser hands focus back to where it was). Every dialog of the panel uses this.

use leptos::html::Dialog;
use leptos::prelude::*;

/// The node ref to put on a `<dialog>`.
pub fn modal() -> NodeRef<Dialog> {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    on_cleanup(move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    });
    dialog
}
