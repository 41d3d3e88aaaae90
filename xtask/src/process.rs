//! Running commands: a child that is killed when dropped, and the reference server started on a port.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::root;

/// A background process that ends when this guard is dropped (also on an early `?` return).
pub struct Background {
    name: &'static str,
    child: Child,
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        eprintln!("xtask: stopped {}", self.name);
    }
}

/// Runs a command to completion in the workspace root; an error names it.
pub fn run(mut cmd: Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Builds and starts the reference server with `args`, and waits for its "listening" line.
pub fn reference_server(args: &[&str]) -> Result<Background, String> {
    let mut build = Command::new("cargo");
    build.args(["build", "--quiet", "-p", "reference-server"]);
    run(build)?;
    let binary = root().join("target/debug/reference-server");
    let mut child = Command::new(&binary)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("reference-server: {e}"))?;
    if !line.starts_with("reference-server listening on") {
        let _ = child.kill();
        return Err(format!(
            "reference-server did not start (is the port already in use?): {}",
            line.trim()
        ));
    }
    eprintln!("xtask: {}", line.trim());
    Ok(Background {
        name: "reference-server",
        child,
    })
}

/// Starts a long-running command in the background.
pub fn background(name: &'static str, mut cmd: Command) -> Result<Background, String> {
    let child = cmd
        .current_dir(root())
        .spawn()
        .map_err(|e| format!("cannot start {name}: {e}"))?;
    Ok(Background { name, child })
}

impl Background {
    /// Whether the process has already ended.
    pub fn exited(&mut self) -> bool {
        self.child.try_wait().is_ok_and(|s| s.is_some())
    }

    /// Waits for the process to end on its own (e.g. Ctrl-C).
    pub fn wait(&mut self) -> Result<(), String> {
        self.child
            .wait()
            .map(drop)
            .map_err(|e| format!("{}: {e}", self.name))
    }
}
