//! User groups and their members (configuration API).

use super::types::{ConfigUser, UserGroup};
use super::{paths, ApiClient, ApiError, Listed};

pub async fn list(api: &ApiClient, core_id: &str) -> Result<Listed<UserGroup>, ApiError> {
    api.get_list(&paths::user_groups(core_id), "the list of groups")
        .await
}

pub async fn members(
    api: &ApiClient,
    core_id: &str,
    group_id: &str,
) -> Result<Listed<ConfigUser>, ApiError> {
    api.get_list(
        &paths::group_members(core_id, group_id),
        "the group's members",
    )
    .await
}

/// Adds a member. The body is the configuration user without its password (contract, "Decided here" 2).
pub async fn add_member(
    api: &ApiClient,
    core_id: &str,
    group_id: &str,
    user: &ConfigUser,
) -> Result<(), ApiError> {
    api.post(&paths::group_members(core_id, group_id), user)
        .await
}

pub async fn remove_member(
    api: &ApiClient,
    core_id: &str,
    group_id: &str,
    user_id: &str,
) -> Result<(), ApiError> {
    api.delete(&paths::group_member(core_id, group_id, user_id))
        .await
}
