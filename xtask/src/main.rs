//! Project tasks, written in Rust (`cargo xtask <task>`), so the two README commands work the same on every
//! machine without a shell-script zoo.
//!
//! - `cargo xtask run`: installs what is missing, starts the reference server with its demo office on
//!   127.0.0.1:58080 and `trunk serve` proxying to it, and prints the panel's URL. Ctrl-C stops both.
//! - `cargo xtask test`: installs what is missing and runs every test (native, browser, end-to-end), ending
//!   with one line `N passed, N failed`.
//! - `cargo xtask screenshots`: the README's pictures from the release build.
//! - `cargo xtask dist [--public-url /panel/] [--dist DIR]`: the release `dist/` with its
//!   Content-Security-Policy, for any static host, at a site's root or under a sub-path.
//! - `cargo xtask bench`: sizes, load time against a raw-fetch baseline, filter latency, memory and
//!   request counts, printed and written to BENCHMARKS.md (minutes; not part of `test`).
//! - `cargo xtask fuzz`: the decoding property tests with 1,000,000 cases each (the test command runs 10,000).

mod compress;
mod dist;
#[cfg(test)]
mod layers;
mod process;
mod run;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str =
    "usage: cargo xtask <run | test | dist [--public-url /panel/] [--dist DIR] | screenshots | fuzz | bench>";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "run" => run::run(),
        "test" => test::test(),
        "screenshots" => test::screenshots(),
        "fuzz" => test::fuzz(),
        "bench" => test::bench(),
        "dist" => {
            let args: Vec<String> = std::env::args().skip(2).collect();
            tools::ensure_build_tools().and_then(|()| dist::dist_with_args(&args))
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}
