//! The end-to-end harness: a reference server on a free port serving the release `dist/`, and a headless
//! browser driven through WebDriver (Chromium unless a test asks for Firefox or WebKit). Every test gets its
//! own server (its own data) and its own browser. One concern per file: [`engine`] (the three engines and
//! their drivers), [`browser`] (a browser session and its console), [`dist`] (the build under test),
//! [`panel`] (one test's world and what a supervisor does in it), [`find`] (finding controls by role and
//! accessible name, as a person does), [`accessibility`] (axe-core), [`deploy`] (nginx and Caddy), [`gateway`]
//! (the panel's gateway in front of the reference server).
//!
//! `cargo xtask test` builds `dist/` before these tests run; run alone, they say what is missing.

use std::time::Duration;

pub use fantoccini;

pub mod accessibility;
pub mod browser;
pub mod deploy;
pub mod dist;
pub mod engine;
pub mod find;
pub mod gateway;
pub mod panel;

pub use browser::{free_port, Browser, ConsoleEntry, DEFAULT_ZONE};
pub use dist::{dist_dir, dist_with};
pub use engine::{Engine, Launch};
pub use find::xpath_literal;
pub use panel::{with_panel, with_panel_in, with_panel_on, Panel, LATENCY_ENV};

pub const USER: &str = "manager";
pub const PASSWORD: &str = "manag3rpa55word";

/// How long a step may take before a test fails (generous: 2 shared cores, a debug server).
pub const STEP: Duration = Duration::from_secs(20);

pub type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// The default desktop window.
pub const DESKTOP: (u32, u32) = (1280, 900);

/// A page expression: every board row whose box lies within the window shows a status (none says
/// "Loading…"). The long-board tests wait for it; the bench times it after a scroll.
pub const IN_VIEW_LOADED: &str = "(() => {
    const rows = [...document.querySelectorAll('.board-row')].filter(r => {
        const b = r.getBoundingClientRect();
        return b.bottom > 0 && b.top < innerHeight;
    });
    return rows.length > 0 && rows.every(r => !r.querySelector('.badge-loading'));
})()";
/// A phone's width.
pub const PHONE: (u32, u32) = (390, 844);
