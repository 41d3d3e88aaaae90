//! Precompressed copies of the release build: `name.br` (brotli, quality 11) and `name.gz` (zopfli, a
//! gzip stream 4–5% smaller than `gzip -9`) beside each file the browser loads, so nginx (`gzip_static`,
//! `brotli_static`), Caddy (`precompressed br gzip`) and `reference-server --static` send the smallest copy
//! instead of compressing on the fly (nginx's level 6, Caddy's default gzip).
//!
//! `config.json` is left alone: operators edit it after the build, and a stale `config.json.gz` would win.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The files that get copies (what the panel's page loads).
const COMPRESSED: [&str; 4] = ["wasm", "js", "css", "html"];

/// Writes `.br` and `.gz` beside every loaded file in `dir` (not in sub-folders; trunk writes none).
pub fn precompress(dir: &Path) -> Result<(), String> {
    for file in loaded_files(dir)? {
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        write(&with_suffix(&file, "br"), &brotli(&bytes))?;
        write(&with_suffix(&file, "gz"), &gzip(&bytes)?)?;
    }
    Ok(())
}

fn loaded_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(files_in(dir)?
        .into_iter()
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSED.contains(&e))
        })
        .collect())
}

/// The files directly in `dir` (trunk writes no sub-folders).
pub fn files_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_file())
        .collect())
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Brotli at its best quality, with a window as large as the biggest file needs (the wasm is ~1 MB).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing in memory");
    out
}

/// A gzip stream from zopfli (any gzip decoder reads it).
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )
    .map_err(|e| format!("zopfli: {e}"))?;
    out.flush().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_copies_decompress_to_the_original() {
        let text = "the board of a big office ".repeat(400);
        let br = brotli(text.as_bytes());
        let mut back = Vec::new();
        ::brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(br.len() < text.len() / 10, "{} bytes", br.len());

        let gz = gzip(text.as_bytes()).unwrap();
        assert_eq!(&gz[..2], [0x1f, 0x8b], "a gzip header");
        let out = std::process::Command::new("gzip")
            .args(["-d", "-c"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                child.stdin.take().unwrap().write_all(&gz)?;
                child.wait_with_output()
            })
            .unwrap();
        assert_eq!(out.stdout, text.as_bytes(), "gzip -d reads zopfli's stream");
    }

    #[test]
    fn copies_are_made_for_loaded_files_only_and_not_for_config_json() {
        let dir = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "index.html",
            "app.js",
            "app_bg.wasm",
            "base.css",
            "config.json",
        ] {
            std::fs::write(dir.join(name), "x".repeat(100)).unwrap();
        }
        precompress(&dir).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            names,
            [
                "app.js",
                "app.js.br",
                "app.js.gz",
                "app_bg.wasm",
                "app_bg.wasm.br",
                "app_bg.wasm.gz",
                "base.css",
                "base.css.br",
                "base.css.gz",
                "config.json",
                "index.html",
                "index.html.br",
                "index.html.gz"
            ]
        );
    }
}
