//! The panel's layering rule, checked (ARCHITECTURE.md): api → domain → state → components → pages → app.
//! A file may name (`crate::x`) its own layer and the layers before it, never a later one. `browser.rs`
//! sits below every layer; `config.rs` and `routes.rs` are app services beside `state/`; `app.rs`,
//! `lib.rs`, `main.rs` and `crash.rs` wire everything together.
//!
//! Run by the test command as a plain `#[test]` (below), so an arrow pointing back up fails CI.

use std::path::Path;

/// Each top-level module of `src/` and its place in the order (higher may use lower, never the reverse).
const LAYERS: [(&str, u8); 12] = [
    ("browser", 0),
    ("api", 1),
    ("domain", 2),
    ("config", 3),
    ("routes", 3),
    ("state", 3),
    ("components", 4),
    ("pages", 5),
    ("app", 6),
    ("lib", 6),
    ("main", 6),
    ("crash", 6),
];

fn rank(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// One arrow pointing the wrong way: `file` (in layer `from`) names `crate::to`.
#[derive(Debug, PartialEq, Eq)]
pub struct Violation {
    pub file: String,
    pub line: usize,
    pub from: String,
    pub to: String,
}

/// The top-level module a file of `src/` belongs to: `api/client.rs` → `api`, `config.rs` → `config`.
fn module_of(relative: &Path) -> String {
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_owned()
}

/// Every top-level module a line of code names through `crate::`: `crate::api::types::X` → `api`,
/// `use crate::{api::A, state::B}` → `api`, `state`. Comments are skipped (doc links are not imports).
fn named_modules(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut group: Option<Group> = None; // inside a `crate::{ … }` group, which may span lines
    for (number, line) in code.lines().enumerate() {
        let mut rest = line.split("//").next().unwrap_or_default();
        if let Some(open) = group.as_mut() {
            let closed = open.scan(rest, number + 1, &mut found);
            if !closed {
                continue;
            }
            group = None;
            rest = "";
        }
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().last();
            rest = &rest[at + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // e.g. `my_crate::`
            }
            if let Some(inside) = rest.strip_prefix('{') {
                let mut open = Group {
                    depth: 1,
                    expecting: true,
                    ident: String::new(),
                };
                if !open.scan(inside, number + 1, &mut found) {
                    group = Some(open);
                }
                break;
            }
            let ident: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push((number + 1, ident));
        }
    }
    found
}

/// Where a reading of `crate::{ … }` stands: the first identifier after `{` or a top-level `,` is a module.
struct Group {
    depth: usize,
    expecting: bool,
    ident: String,
}

impl Group {
    /// Reads `text`; true when the group closed in it.
    fn scan(&mut self, text: &str, line: usize, found: &mut Vec<(usize, String)>) -> bool {
        for c in text.chars() {
            if self.expecting && (c.is_alphanumeric() || c == '_') {
                self.ident.push(c);
                continue;
            }
            if !self.ident.is_empty() {
                found.push((line, std::mem::take(&mut self.ident)));
                self.expecting = false;
            }
            match c {
                '{' => self.depth += 1,
                '}' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return true;
                    }
                }
                ',' if self.depth == 1 => self.expecting = true,
                _ => {}
            }
        }
        if !self.ident.is_empty() {
            found.push((line, std::mem::take(&mut self.ident)));
            self.expecting = false;
        }
        false
    }
}

/// Every arrow in `src/` that points from a layer to a later one.
pub fn check(src: &Path) -> Vec<Violation> {
    let mut violations = Vec::new();
    let mut files = Vec::new();
    collect_rust_files(src, &mut files);
    files.sort();
    for file in files {
        let relative = file.strip_prefix(src).unwrap_or(&file);
        let from = module_of(relative);
        let Some(from_rank) = rank(&from) else {
            violations.push(Violation {
                file: relative.display().to_string(),
                line: 0,
                from: from.clone(),
                to: "(a module with no layer: add it to xtask/src/layers.rs)".into(),
            });
            continue;
        };
        let code = std::fs::read_to_string(&file).unwrap_or_default();
        for (line, to) in named_modules(&code) {
            if rank(&to).is_some_and(|to_rank| to_rank > from_rank) {
                violations.push(Violation {
                    file: relative.display().to_string(),
                    line,
                    from: from.clone(),
                    to,
                });
            }
        }
    }
    violations
}

fn collect_rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn modules(code: &str) -> Vec<String> {
        named_modules(code).into_iter().map(|(_, m)| m).collect()
    }

    #[test]
    fn reads_plain_paths_groups_and_nested_groups() {
        assert_eq!(modules("use crate::api::types::X;"), ["api"]);
        assert_eq!(
            modules("let x = crate::pages::href(s, crate::routes::Page::Status);"),
            ["pages", "routes"]
        );
        assert_eq!(
            modules("use crate::{api::{A, B}, state::session::S};"),
            ["api", "state"]
        );
        assert_eq!(
            modules("use crate::{\n    api::A,\n    domain::{b::B, c::C},\n    pages::P,\n};"),
            ["api", "domain", "pages"]
        );
        assert_eq!(
            modules("// see crate::pages::x\nuse other_crate::pages;"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_arrow_pointing_back_up_is_reported() {
        let src = std::env::temp_dir().join(format!("layers-{}", std::process::id()));
        std::fs::create_dir_all(src.join("api")).unwrap();
        std::fs::write(
            src.join("api/x.rs"),
            "use crate::domain::y;\nuse crate::{browser::z, pages::P};\n",
        )
        .unwrap();
        std::fs::write(src.join("pages.rs"), "use crate::api::x;\n").unwrap();
        let found = check(&src);
        let _ = std::fs::remove_dir_all(&src);
        let arrows: Vec<_> = found
            .iter()
            .map(|v| (v.file.as_str(), v.line, v.to.as_str()))
            .collect();
        assert_eq!(
            arrows,
            [("api/x.rs", 1, "domain"), ("api/x.rs", 2, "pages")]
        );
    }

    #[test]
    fn the_panel_imports_one_way_only() {
        let src = crate::root().join("src");
        let mut files = Vec::new();
        collect_rust_files(&src, &mut files);
        // A check that read nothing would pass whatever the code does.
        assert!(
            files.len() > 50,
            "only {} files under {}",
            files.len(),
            src.display()
        );
        let violations = check(&src);
        assert!(
            violations.is_empty(),
            "imports that point from a layer to a later one (api → domain → state → components → pages):\n{}",
            violations
                .iter()
                .map(|v| format!("  src/{}:{}: {} uses {}", v.file, v.line, v.from, v.to))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
