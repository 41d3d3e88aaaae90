//! The iSymphony supervisor panel: a Leptos (CSR) app. See ARCHITECTURE.md for how data flows from the
//! API to the screen.

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod config;
pub mod crash;
pub mod domain;
pub mod pages;
pub mod routes;
pub mod state;

pub use app::App;
