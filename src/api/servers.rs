//! Core servers (configuration API).

use super::types::CoreServer;
use super::{paths, ApiClient, ApiError};

pub async fn list(api: &ApiClient) -> Result<Vec<CoreServer>, ApiError> {
    api.get(&paths::core_servers(), "the list of core servers")
        .await
}
