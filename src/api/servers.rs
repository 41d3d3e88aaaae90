//! Core servers: the configuration API's list, and one core server as the live API knows it.

use super::types::{CoreServer, LiveCoreServer};
use super::{paths, ApiClient, ApiError};

pub async fn list(api: &ApiClient) -> Result<Vec<CoreServer>, ApiError> {
    api.get(&paths::core_servers(), "the list of core servers")
        .await
}

/// The core server `slug` as the live API knows it: its live id is the one events carry.
pub async fn live(api: &ApiClient, slug: &str) -> Result<LiveCoreServer, ApiError> {
    api.get(&paths::live_core_server(slug), "the core server (live)")
        .await
}
