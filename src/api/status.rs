//! A user's live status: read and set. Return times are milliseconds on this side, whatever the server's
//! unit (see [`ReturnTimeUnit`](super::types::ReturnTimeUnit)).

use super::types::{SetStatus, UserStatus};
use super::{paths, ApiClient, ApiError};

pub async fn get(api: &ApiClient, slug: &str, username: &str) -> Result<UserStatus, ApiError> {
    let mut status: UserStatus = api
        .get(&paths::status(slug, username), "a user's status")
        .await?;
    status.return_time = api.return_time_unit().to_ms(status.return_time);
    Ok(status)
}

pub async fn set(
    api: &ApiClient,
    slug: &str,
    username: &str,
    body: &SetStatus,
) -> Result<(), ApiError> {
    let body = SetStatus {
        return_time: api.return_time_unit().from_ms(body.return_time),
        ..body.clone()
    };
    api.post(&paths::set_status(slug, username), &body).await
}
