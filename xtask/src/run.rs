//! `cargo xtask run`: the panel in development against the reference server's demo office.

use std::process::Command;

use crate::process::{background, reference_server};
use crate::tools::{ensure_build_tools, path_with_tools};

pub fn run() -> Result<(), String> {
    ensure_build_tools()?;
    // A little churn, so the demo looks alive: a random status and login change every 30 s. The Event
    // socket goes through the credential-adding proxy on 58081 (Trunk.toml), as behind the deploy/
    // recipes, so the board is `Live` and those changes arrive without polling.
    let _server = reference_server(&[
        "--addr",
        "127.0.0.1:58080",
        "--churn",
        "30",
        "--credential-proxy",
        "127.0.0.1:58081",
    ])?;
    let mut serve = Command::new("trunk");
    serve.arg("serve").env("PATH", path_with_tools());
    let mut trunk = background("trunk serve", serve)?;
    eprintln!(
        "\n  The panel is being built; it will be at  http://127.0.0.1:8080/\n  \
         Sign in as manager / manag3rpa55word.  Ctrl-C stops the panel and the reference server.\n"
    );
    trunk.wait()
}
