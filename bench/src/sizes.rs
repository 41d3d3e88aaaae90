//! Section 1: the transfer size of `dist/`, by kind of file: raw, `gzip -9` (the command, present on any
//! Debian), and the precompressed copies `cargo xtask dist` writes and the recipes send (`.gz` from zopfli,
//! `.br` from brotli 11) — read from disk, so no `brotli` command is needed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Bytes of `file` after `gzip -9`.
fn gzip_9(file: &Path) -> Option<usize> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(file)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout.len())
}

/// Bytes of the build's copy of `file` with `suffix` (`gz`, `br`), if `cargo xtask dist` wrote one.
fn copy(file: &Path, suffix: &str) -> Option<usize> {
    let mut name = file.as_os_str().to_owned();
    name.push(format!(".{suffix}"));
    Some(std::fs::metadata(PathBuf::from(name)).ok()?.len() as usize)
}

/// One line of the table: what, then raw, `gzip -9`, `.gz` copy and `.br` copy bytes.
struct Row {
    what: String,
    bytes: [Option<usize>; 4],
}

pub fn sizes(dist: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dist)
        .expect("dist")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut rows: Vec<Row> = ["wasm", "js", "css", "html"]
        .iter()
        .map(|kind| {
            let of_kind: Vec<&PathBuf> = files
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == *kind))
                .collect();
            let sum = |f: &dyn Fn(&Path) -> Option<usize>| -> Option<usize> {
                of_kind.iter().map(|p| f(p)).sum()
            };
            Row {
                what: format!("{kind} ({} files)", of_kind.len()),
                bytes: [
                    sum(&|p| Some(p.metadata().ok()?.len() as usize)),
                    sum(&gzip_9),
                    sum(&|p| copy(p, "gz")),
                    sum(&|p| copy(p, "br")),
                ],
            }
        })
        .collect();
    let total = std::array::from_fn(|i| rows.iter().map(|r| r.bytes[i]).sum());
    rows.push(Row {
        what: "**total**".into(),
        bytes: total,
    });
    let kb = |b: Option<usize>| b.map_or("n/a".into(), |b| format!("{:.1} kB", b as f64 / 1000.0));
    let mut s = String::from(
        "## 1. Transfer size of `dist/` (targets: total gzip -9 ≤ 335 kB, brotli ≤ 260 kB)\n\n\
         The `.gz` (zopfli) and `.br` (brotli -q 11) columns are the copies `cargo xtask dist` writes beside \
         each file and the recipes send; `config.json` (136 bytes, edited by operators) is not counted.\n\n\
         | files | raw | gzip -9 | .gz (zopfli) | .br (brotli 11) |\n|---|---|---|---|---|\n",
    );
    for row in &rows {
        let [raw, gz9, gz, br] = row.bytes.map(kb);
        let _ = writeln!(s, "| {} | {raw} | {gz9} | {gz} | {br} |", row.what);
    }
    s.push('\n');
    s
}
