//! The release build: `trunk build --release`, then the Content-Security-Policy that lets exactly
//! trunk's inline loader script run (by its hash) and nothing inline besides.

use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::process::run;
use crate::root;
use crate::tools::path_with_tools;

const LOADER_OPEN: &str = "<script type=\"module\">";

/// The policy, with the loader's hash in place of `{loader}`. `frame-ancestors` only works as a header,
/// so the static server or proxy sends that one.
const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {loader}; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'";

/// `cargo xtask dist`: the release `dist/`, ready for any static host at a site's root.
pub fn dist() -> Result<(), String> {
    build("/", &root().join("dist"))
}

/// `cargo xtask dist --public-url /panel/ [--dist DIR]`: the same for a sub-path of a site.
pub fn dist_with_args(args: &[String]) -> Result<(), String> {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let public_url = value("--public-url").unwrap_or_else(|| "/".into());
    let dir = value("--dist").map_or_else(|| root().join("dist"), std::path::PathBuf::from);
    build(&public_url, &dir)
}

/// A release build served from `public_url` (trunk writes it into `<base href>` and every asset URL) into
/// `dir`, with the policy added.
pub fn build(public_url: &str, dir: &std::path::Path) -> Result<(), String> {
    let mut build = Command::new("trunk");
    build
        .args(["build", "--release", "--public-url", public_url, "--dist"])
        .arg(dir)
        .env("PATH", path_with_tools());
    run(build)?;
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    std::fs::write(&index, with_policy(&html)?).map_err(|e| format!("{}: {e}", index.display()))
}

/// Adds the policy as the first thing in `<head>` after the charset.
fn with_policy(html: &str) -> Result<String, String> {
    let start = html
        .find(LOADER_OPEN)
        .ok_or("dist/index.html has no inline loader script")?
        + LOADER_OPEN.len();
    let end = start
        + html[start..]
            .find("</script>")
            .ok_or("the loader script is not closed")?;
    let hash = STANDARD.encode(Sha256::digest(&html.as_bytes()[start..end]));
    let policy = POLICY.replace("{loader}", &format!("'sha256-{hash}'"));
    let meta = format!("\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    let at = html
        .find("<meta charset=\"utf-8\">")
        .ok_or("index.html has no charset meta")?
        + "<meta charset=\"utf-8\">".len();
    Ok(format!("{}{meta}{}", &html[..at], &html[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_carries_the_loaders_hash_and_nothing_unsafe() {
        let html =
            "<head><meta charset=\"utf-8\">\n<script type=\"module\">init();</script></head>";
        let out = with_policy(html).unwrap();
        let expected = STANDARD.encode(Sha256::digest(b"init();"));
        assert!(out.contains(&format!("'sha256-{expected}'")), "{out}");
        assert!(out.find("Content-Security-Policy").unwrap() < out.find("<script").unwrap());
        assert!(!out.contains("unsafe-inline") && !out.contains("'unsafe-eval'"));
        assert!(with_policy("<head></head>").is_err());
    }
}
