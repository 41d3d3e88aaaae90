//! The one error type of the server. Every status code and message of the contract comes from here, so a
//! handler never writes a status or a sentence of its own.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// What went wrong, in the contract's words. Bodies are one plain-text sentence (contract, "Decided here" 5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// Missing or wrong Basic credentials.
    Unauthorized,
    /// No such resource or parent; the sentence names which.
    NotFound(&'static str),
    /// A licence restriction (lite user) or an All Users edit.
    Forbidden(&'static str),
    /// Malformed JSON or a missing field on a configuration write.
    Precondition(&'static str),
    /// An action's parameters are invalid (`status/set`).
    Unprocessable(String),
    /// A duplicate.
    Conflict(&'static str),
    /// The path exists but not with this method.
    MethodNotAllowed,
}

pub const NO_CORE_SERVER: &str = "A core server with the given id does not exist";
pub const NO_USER: &str = "A user with the given id does not exist";
pub const NO_GROUP: &str = "A user group with the given id does not exist";
pub const NO_RESOURCE: &str = "The requested resource does not exist";
pub const LITE_USER: &str =
    "The status resource is not available for a user that is not licensed/full.";
/// The vendor's status page says a status read or set is refused without a licence but gives no text.
pub const NO_LICENSE: &str = "No license is installed on the core server.";
pub const ALL_USERS_READ_ONLY: &str = "The All Users group cannot be modified.";
pub const ALREADY_MEMBER: &str = "The specified user is already a member of this group.";
pub const NO_ID: &str = "No id provided.";
pub const INVALID_JSON: &str = "The request body is not valid JSON.";
pub const ACCESS_DENIED: &str = "Access denied.";

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Precondition(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            ApiError::Unauthorized => "Invalid or missing credentials.",
            ApiError::NotFound(m)
            | ApiError::Forbidden(m)
            | ApiError::Precondition(m)
            | ApiError::Conflict(m) => m,
            ApiError::Unprocessable(m) => m,
            ApiError::MethodNotAllowed => "This method is not allowed on this resource.",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status(),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            self.message().to_owned(),
        )
            .into_response();
        if self == ApiError::Unauthorized {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"communication_manager\""),
            );
        }
        response
    }
}
