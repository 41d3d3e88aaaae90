//! Every answer the gateway gives of its own, in one place: status code and plain-text sentence. None of
//! them says which part of a sign-in was wrong, and none carries `WWW-Authenticate` (no browser dialog).

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

#[derive(Debug)]
pub enum GatewayError {
    /// No cookie, a forged or unknown one, or a session past its idle or absolute time.
    NoSession,
    /// The same for every failed sign-in: unknown user, wrong password, no hash, not a supervisor.
    SignInRefused,
    /// Too many failed sign-ins from this address or for this username.
    Throttled(Duration),
    /// A change (or a sign-in) without the panel's Origin and request header.
    CrossSite,
    /// A method and path not on the allow-list.
    NotAllowed,
    BadRequest(&'static str),
    /// A query the gateway cannot read (the sentence says which part).
    BadQuery(String),
    /// No `[store]` in gateway.toml: there is no team Activity to read.
    NoStore,
    /// The activity database could not be read.
    Store(String),
    /// iSymphony could not be reached or answered in a way the gateway cannot pass on.
    Upstream(String),
    /// iSymphony's Event socket is not connected at the moment.
    EventsDown,
}

impl GatewayError {
    fn parts(&self) -> (StatusCode, String) {
        use GatewayError::*;
        match self {
            NoSession => (
                StatusCode::UNAUTHORIZED,
                "You are not signed in, or your session has ended: sign in again.".into(),
            ),
            SignInRefused => (
                StatusCode::UNAUTHORIZED,
                "Wrong username or password, or this user may not use the panel.".into(),
            ),
            Throttled(wait) => (
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "Too many failed sign-ins: try again in {} seconds.",
                    wait.as_secs().max(1)
                ),
            ),
            CrossSite => (
                StatusCode::FORBIDDEN,
                "This request did not come from the panel's own page.".into(),
            ),
            NotAllowed => (
                StatusCode::FORBIDDEN,
                "The gateway does not pass this request on to iSymphony.".into(),
            ),
            BadRequest(why) => (StatusCode::BAD_REQUEST, (*why).into()),
            BadQuery(why) => (StatusCode::BAD_REQUEST, why.clone()),
            NoStore => (
                StatusCode::NOT_FOUND,
                "This gateway keeps no Activity: [store] is not set in gateway.toml.".into(),
            ),
            Store(why) => (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("The Activity cannot be read at the moment: {why}"),
            ),
            Upstream(why) => (StatusCode::BAD_GATEWAY, why.clone()),
            EventsDown => (
                StatusCode::SERVICE_UNAVAILABLE,
                "iSymphony's Event socket is not connected at the moment.".into(),
            ),
        }
    }
}

impl IntoResponse for GatewayError {
    fn into_response(self) -> Response {
        let (status, text) = self.parts();
        let mut response = (status, text).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let GatewayError::Throttled(wait) = self {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from(wait.as_secs().max(1)),
            );
        }
        response
    }
}
