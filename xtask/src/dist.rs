//! The release build: `trunk build --release` (which minifies CSS and HTML), wasm-bindgen's JS glue
//! minified with terser, the Content-Security-Policy that lets exactly trunk's inline loader script run
//! (by its hash) and nothing inline besides, and precompressed copies of every file ([`crate::compress`]).

use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use crate::compress::{files_in, precompress};
use crate::process::run;
use crate::root;
use crate::tools::path_with_tools;

/// The inline loader's opening tag, as trunk writes it and as its HTML minifier does.
const LOADER_OPEN: [&str; 2] = ["<script type=\"module\">", "<script type=module>"];
/// The charset declaration the policy follows, both ways.
const CHARSET: [&str; 2] = ["<meta charset=\"utf-8\">", "<meta charset=utf-8>"];

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
    let mut html =
        std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let glue = files_in(dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "js"));
    for glue in glue {
        html = minify_glue(&glue, &html)?;
    }
    std::fs::write(&index, with_policy(&html)?).map_err(|e| format!("{}: {e}", index.display()))?;
    precompress(dir)
}

/// Minifies wasm-bindgen's glue (trunk's own minifier cannot parse it: 69 kB → 31 kB, 11.0 → 8.6 kB gzip)
/// and puts its new Subresource Integrity hash where `index.html` names the old one (the preload link).
fn minify_glue(glue: &std::path::Path, html: &str) -> Result<String, String> {
    let before = std::fs::read(glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    let mut terser = Command::new(root().join("tools/node_modules/.bin/terser"));
    terser
        .arg(glue)
        .args(["--module", "--compress", "--mangle", "-o"])
        .arg(glue);
    run(terser)?;
    let after = std::fs::read(glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    Ok(html.replace(&integrity(&before), &integrity(&after)))
}

/// The `integrity` value trunk writes (SHA-384).
fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", STANDARD.encode(Sha384::digest(bytes)))
}

/// The end of the first of `needles` found in `html`.
fn end_of_first(html: &str, needles: &[&str]) -> Option<usize> {
    needles
        .iter()
        .find_map(|n| html.find(n).map(|at| at + n.len()))
}

/// Adds the policy as the first thing in `<head>` after the charset.
fn with_policy(html: &str) -> Result<String, String> {
    let start =
        end_of_first(html, &LOADER_OPEN).ok_or("dist/index.html has no inline loader script")?;
    let end = start
        + html[start..]
            .find("</script>")
            .ok_or("the loader script is not closed")?;
    let hash = STANDARD.encode(Sha256::digest(&html.as_bytes()[start..end]));
    let policy = POLICY.replace("{loader}", &format!("'sha256-{hash}'"));
    let meta = format!("\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    let at = end_of_first(html, &CHARSET).ok_or("index.html has no charset meta")?;
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

    #[test]
    fn the_policy_is_added_to_a_minified_page_too() {
        let html = "<html><meta charset=utf-8><script type=module>init();</script>";
        let out = with_policy(html).unwrap();
        let expected = STANDARD.encode(Sha256::digest(b"init();"));
        assert!(out.contains(&format!("'sha256-{expected}'")), "{out}");
        assert!(out.find("Content-Security-Policy").unwrap() < out.find("<script").unwrap());
    }

    #[test]
    fn the_integrity_is_trunks_sha384() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
