//! The panel build a test drives: the release `dist/`, or a copy of it with a site's own `config.json`.

use std::path::PathBuf;

/// The release build the tests drive: `PANEL_DIST`, or `dist/` at the workspace root.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("PANEL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no built panel at {}: run `cargo xtask test` (it builds dist/ with trunk first)",
        dir.display()
    );
    dir
}

/// A copy of the release dist/ with this `config.json` (or none), for tests of one site's configuration.
pub fn dist_with(name: &str, config: Option<&str>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dist-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(dist_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && path.file_name().unwrap() != "config.json" {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    if let Some(text) = config {
        std::fs::write(dir.join("config.json"), text).unwrap();
    }
    dir
}
