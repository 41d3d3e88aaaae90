//! A user's live status: read and set.

use super::types::{SetStatus, UserStatus};
use super::{paths, ApiClient, ApiError};

pub async fn get(api: &ApiClient, slug: &str, username: &str) -> Result<UserStatus, ApiError> {
    api.get(&paths::status(slug, username), "a user's status")
        .await
}

pub async fn set(
    api: &ApiClient,
    slug: &str,
    username: &str,
    body: &SetStatus,
) -> Result<(), ApiError> {
    api.post(&paths::set_status(slug, username), body).await
}
