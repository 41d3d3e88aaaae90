//! Users: configuration users (for the `full` flag) and live users with their logins.

use super::types::{ConfigUser, LiveUser, Login};
use super::{paths, ApiClient, ApiError, Listed};

pub async fn config_users(api: &ApiClient, core_id: &str) -> Result<Listed<ConfigUser>, ApiError> {
    api.get_list(&paths::config_users(core_id), "the configured users")
        .await
}

pub async fn live_users(api: &ApiClient, slug: &str) -> Result<Listed<LiveUser>, ApiError> {
    api.get_list(&paths::live_users(slug), "the list of users")
        .await
}

/// A user's logins; an empty list means not logged in. A login that cannot be read still counts as one.
pub async fn logins(
    api: &ApiClient,
    slug: &str,
    username: &str,
) -> Result<Listed<Login>, ApiError> {
    api.get_list(&paths::logins(slug, username), "a user's logins")
        .await
}
