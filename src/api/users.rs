//! Users: configuration users (for the `full` flag) and live users with their logins.

use super::types::{ConfigUser, LiveUser, Login};
use super::{paths, ApiClient, ApiError};

pub async fn config_users(api: &ApiClient, core_id: &str) -> Result<Vec<ConfigUser>, ApiError> {
    api.get(&paths::config_users(core_id), "the configured users")
        .await
}

pub async fn live_users(api: &ApiClient, slug: &str) -> Result<Vec<LiveUser>, ApiError> {
    api.get(&paths::live_users(slug), "the list of users").await
}

pub async fn logins(api: &ApiClient, slug: &str, username: &str) -> Result<Vec<Login>, ApiError> {
    api.get(&paths::logins(slug, username), "a user's logins")
        .await
}
