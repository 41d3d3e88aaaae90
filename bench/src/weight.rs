//! Section 8: where the wasm's bytes go, by owner — the panel's own code by layer, Leptos, serde, Rust's
//! standard library, closures only reached through the function table, and data.
//!
//! Why: the size target is the one issue-16 target that is missed, and "which code is it" decides what
//! can be done about it. The release wasm as wasm-bindgen wrote it (names kept) is optimised again here
//! with the build's own `wasm-opt -Oz`, plus `-g` to keep the names, so each function's bytes are the
//! bytes it has in `dist/` (the totals agree within 0.1%).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

/// Each function's name and body bytes, and the bytes of the data segments.
#[derive(Default)]
struct Module {
    names: BTreeMap<u32, String>,
    bodies: Vec<(u32, usize)>,
    data: usize,
    /// The whole file, and its name section (kept for this count only; `dist/` has none).
    total: usize,
    names_bytes: usize,
}

fn span(range: std::ops::Range<u64>) -> usize {
    (range.end - range.start) as usize
}

fn read(wasm: &[u8]) -> Result<Module, wasmparser::BinaryReaderError> {
    let mut m = Module {
        total: wasm.len(),
        ..Module::default()
    };
    let mut next_index = 0;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import?.ty, TypeRef::Func(_)) {
                        next_index += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                m.bodies.push((next_index, span(body.range())));
                next_index += 1;
            }
            Payload::DataSection(data) => {
                for segment in data {
                    m.data += segment?.data.len();
                }
            }
            Payload::CustomSection(custom) => {
                if let KnownCustom::Name(names) = custom.as_known() {
                    m.names_bytes = span(custom.range());
                    for name in names {
                        if let Name::Function(map) = name? {
                            for naming in map {
                                let naming = naming?;
                                m.names.insert(naming.index, naming.name.to_owned());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(m)
}

/// `name` without the crate disambiguators rustc's v0 names carry (`core[c5930c85a12de822]::fmt`).
fn plain(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_brackets = false;
    for c in name.chars() {
        match c {
            '[' if !in_brackets => in_brackets = true,
            ']' if in_brackets => in_brackets = false,
            _ if !in_brackets => out.push(c),
            _ => {}
        }
    }
    out
}

/// Who a function (a demangled Rust path, possibly `<T as Trait>::f`) belongs to. A trait method of a
/// generic or primitive type (`<T as tachys::…>`, `<f64 as core::…>`) belongs to the trait's crate.
fn owner(name: &str) -> &'static str {
    let name = plain(name);
    let mut path = name
        .trim_start_matches(['<', '&'])
        .trim_start_matches("mut ");
    if let Some((ty, rest)) = path.split_once(" as ") {
        if !ty.contains("::") {
            path = rest;
        }
    }
    if let Some(rest) = path.strip_prefix("isymphony_panel::") {
        return match rest.split("::").next().unwrap_or("") {
            "api" => "panel: api",
            "domain" => "panel: domain",
            "state" => "panel: state (incl. the async work it spawns)",
            "components" => "panel: components",
            "pages" => "panel: pages",
            _ => "panel: app, routes, config, main",
        };
    }
    if path.starts_with("core::ops::function::") {
        return "closures reached through the function table (mostly the views')";
    }
    let krate = path
        .split([':', '<', '>', ' ', ','])
        .next()
        .unwrap_or_default();
    match krate {
        "reactive_graph" | "tachys" | "leptos" | "leptos_dom" | "leptos_router"
        | "leptos_server" | "either_of" | "any_spawner" | "reactive_stores"
        | "hydration_context" | "server_fn" | "oco_ref" | "next_tuple" | "throw_error"
        | "or_poisoned" | "guardian" => "Leptos (incl. type-erased views and attributes)",
        "serde" | "serde_core" | "serde_json" | "zmij" | "itoa" | "ryu" => "serde and serde_json",
        "core" | "alloc" | "std" | "f64" | "f32" | "str" | "char" | "usize" | "u64" | "u32"
        | "i64" | "i32" | "u8" | "bool" | "()" | "dlmalloc" | "talc" => {
            "Rust's standard library and the allocator"
        }
        "wasm_bindgen"
        | "js_sys"
        | "web_sys"
        | "wasm_bindgen_futures"
        | "gloo_net"
        | "gloo_utils"
        | "wasm_streams" => "browser bindings (wasm-bindgen, web-sys, gloo-net)",
        "" | "code" => "unnamed",
        _ => "other crates (futures, hashbrown, indexmap, …)",
    }
}

/// The wasm-bindgen output the release build left, optimised like `dist/` with names kept.
fn named_release_wasm(root: &Path) -> Result<Vec<u8>, String> {
    let input = root.join("target/wasm-bindgen/release/isymphony-panel_bg.wasm");
    let output = root.join("target/bench-named.wasm");
    let status = Command::new(root.join("tools/node_modules/.bin/wasm-opt"))
        .args(["-Oz", "-g"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .status()
        .map_err(|e| format!("wasm-opt: {e}"))?;
    if !status.success() {
        return Err(format!("wasm-opt failed on {}", input.display()));
    }
    std::fs::read(&output).map_err(|e| format!("{}: {e}", output.display()))
}

pub fn weight() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut s = String::from(
        "## 8. Where the wasm's bytes go\n\n\
         The release wasm re-optimised with the build's `wasm-opt -Oz` and `-g` (names kept; the name \
         section is not counted). Function bodies by owner, raw bytes (gzip shrinks them all about alike). \
         Generic code counts for the crate that defines it, whatever types it was made for: a symbol \
         name does not carry its type arguments, so Leptos's signals of the panel's rows count as Leptos.\n\n",
    );
    let module = match named_release_wasm(&root).and_then(|w| read(&w).map_err(|e| e.to_string())) {
        Ok(m) => m,
        Err(e) => {
            let _ = writeln!(s, "n/a: {e}\n");
            return s;
        }
    };
    // Per owner: bytes and functions.
    let mut by_owner: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (index, bytes) in &module.bodies {
        let name = module.names.get(index).map_or("", String::as_str);
        let entry = by_owner.entry(owner(name)).or_default();
        entry.0 += bytes;
        entry.1 += 1;
    }
    let code: usize = module.bodies.iter().map(|(_, b)| b).sum();
    let mut rows: Vec<_> = by_owner.into_iter().collect();
    rows.sort_by_key(|(_, (bytes, _))| std::cmp::Reverse(*bytes));
    let kb = |b: usize| format!("{:.1} kB", b as f64 / 1000.0);
    let share = |b: usize| format!("{:.1}%", 100.0 * b as f64 / code as f64);
    s.push_str("| owner | functions | bytes | share of code |\n|---|---|---|---|\n");
    for (who, (bytes, count)) in &rows {
        let _ = writeln!(
            s,
            "| {who} | {count} | {} | {} |",
            kb(*bytes),
            share(*bytes)
        );
    }
    let _ = writeln!(
        s,
        "| **code** | {} | {} | |\n\nData segments (strings, tables): {}; the rest of the {} file \
         (imports, exports, types, the function table): {}.\n",
        module.bodies.len(),
        kb(code),
        kb(module.data),
        kb(module.total - module.names_bytes),
        kb(module.total - module.names_bytes - code - module.data)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::owner;

    #[test]
    fn functions_go_to_their_owner() {
        assert_eq!(
            owner("isymphony_panel::pages::board::row::Row::h0"),
            "panel: pages"
        );
        assert_eq!(
            owner(
                "<isymphony_panel::api::types::User as serde_core::de::Deserialize>::deserialize"
            ),
            "panel: api"
        );
        assert_eq!(
            owner("<T as tachys::view::any_view::IntoAny>::into_any::h1"),
            "Leptos (incl. type-erased views and attributes)"
        );
        assert_eq!(
            owner("core::ops::function::FnOnce::call_once::hab"),
            "closures reached through the function table (mostly the views')"
        );
        assert_eq!(
            owner("<f64 as core[c5930c85a12de822]::fmt::Display>::fmt"),
            "Rust's standard library and the allocator"
        );
        assert_eq!(
            owner("core[c59]::fmt::write"),
            "Rust's standard library and the allocator"
        );
        assert_eq!(owner("serde_json::de::from_str"), "serde and serde_json");
        assert_eq!(
            owner("<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::f"),
            "serde and serde_json"
        );
        assert_eq!(
            owner("<str>::to_lowercase"),
            "Rust's standard library and the allocator"
        );
        assert_eq!(
            owner("<Match as leptos_router::matching::MatchInterface>::f"),
            "Leptos (incl. type-erased views and attributes)"
        );
        assert_eq!(
            owner("hashbrown::raw::RawTable<T>::reserve_rehash"),
            "other crates (futures, hashbrown, indexmap, …)"
        );
    }
}
