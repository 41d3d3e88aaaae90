//! Everything that talks to the iSymphony REST API: the one request helper ([`client`]), its one error type
//! ([`error`]), the URL builders ([`paths`]), the serde types ([`types`]) and one file per resource.
//! Nothing here knows about components.

pub mod client;
pub mod error;
pub mod events;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
pub mod groups;
pub mod listed;
pub mod paths;
pub mod servers;
pub mod status;
pub mod types;
pub mod users;

pub use client::{ApiClient, Credentials};
pub use error::ApiError;
pub use listed::Listed;
