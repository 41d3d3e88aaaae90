//! Everything that talks to the iSymphony REST API: the one request helper ([`client`]), its one error type
//! ([`error`]), the URL builders ([`paths`]), the serde types ([`types`]), the contract's vocabulary ([`vocabulary`]: status types, `NO_RETURN_TIME`,
//! the All Users id) and one file per resource. The first layer: nothing here imports any other part of
//! the panel (only `browser`'s clocks).

pub mod client;
pub mod credentials;
pub mod error;
pub mod events;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
pub mod gateway;
pub mod groups;
pub mod listed;
pub mod paths;
pub mod servers;
pub mod status;
pub mod types;
pub mod users;
pub mod vocabulary;

pub use client::{ApiClient, Purpose};
pub use credentials::Credentials;
pub use error::ApiError;
pub use listed::Listed;
