use isymphony_panel::config::RuntimeConfig;
use isymphony_panel::{crash, App};
use leptos::prelude::*;

fn main() {
    crash::install();
    // Leptos's executor starts with the first mount, so the config is fetched with wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async {
        let config = RuntimeConfig::load().await;
        leptos::mount::mount_to_body(move || view! { <App config/> });
    });
}
