use isymphony_panel::config::RuntimeConfig;
use isymphony_panel::{crash, App};
use leptos::prelude::*;

/// The heap: talc, smaller than the standard library's dlmalloc in wasm (a page that stays open all day
/// frees and reuses memory like any allocator; see BENCHMARKS.md for the bytes).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    crash::install();
    // Leptos's executor starts with the first mount, so the config is fetched with wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async {
        let config = RuntimeConfig::load().await;
        leptos::mount::mount_to_body(move || view! { <App config/> });
    });
}
