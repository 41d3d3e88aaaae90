use isymphony_panel::{crash, App};
use leptos::prelude::*;

fn main() {
    crash::install();
    leptos::mount::mount_to_body(|| view! { <App/> });
}
