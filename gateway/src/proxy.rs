//! REST through the gateway: a live session, the Origin rule for changes, the allow-list; then the
//! request goes upstream with the gateway's credentials (a client's own `Authorization` is never passed
//! on), and every `password` field is taken out of the answer before the browser sees it.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::error::GatewayError;
use crate::sign_in::no_store;
use crate::upstream::describe;
use crate::{allow, origin, Gateway};

const PREFIX: &str = "/communication_manager/rest/";

pub async fn rest(
    State(gw): State<Arc<Gateway>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, GatewayError> {
    let active = gw.session(&headers)?;
    let allowed = &gw.config.allowed_origins;
    if origin::foreign(&headers, allowed)
        || method != Method::GET && !origin::may_change(&headers, allowed)
    {
        return Err(GatewayError::CrossSite);
    }
    let path = uri.path().strip_prefix(PREFIX).unwrap_or_default();
    if !allow::allowed(&method, path) {
        tracing::warn!(%method, path, username = active.person.username, "refused: not on the allow-list");
        return Err(GatewayError::NotAllowed);
    }
    let authorization = gw
        .authorization(&active)
        .ok_or_else(|| GatewayError::Upstream("no credentials for iSymphony".into()))?;
    let body = (!body.is_empty()).then_some(body);
    let answer = gw
        .upstream
        .send(method, path, authorization, body)
        .await
        .map_err(GatewayError::Upstream)?;
    let status = answer.status;
    if status == StatusCode::UNAUTHORIZED {
        if active.authorization.is_some() {
            // The supervisor's own realm password stopped working: the session is over.
            gw.sessions.end(&active.id);
            return Err(GatewayError::NoSession);
        }
        tracing::error!("iSymphony refused the service account");
        return Err(GatewayError::Upstream(
            "iSymphony refused the gateway's service account: the operator must check [service_account] in gateway.toml.".into(),
        ));
    }
    if status.is_redirection() {
        return Err(GatewayError::Upstream(describe(
            status,
            &gw.config.upstream,
        )));
    }
    Ok(no_store(pass_on(status, &answer.body)?))
}

/// An answer for the browser: JSON with every `password` field removed, or the plain-text error sentence.
/// A successful answer that is not JSON (truncated, say) is never passed on: it could hold a hash.
fn pass_on(status: StatusCode, body: &Bytes) -> Result<Response, GatewayError> {
    if body.is_empty() {
        return Ok(status.into_response());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(mut value) => {
            strip_passwords(&mut value);
            let mut response = (status, value.to_string()).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            Ok(response)
        }
        Err(_) if status.is_success() => Err(GatewayError::Upstream(
            "iSymphony's answer could not be read (it was not whole JSON).".into(),
        )),
        Err(_) => {
            let text = String::from_utf8_lossy(body).into_owned();
            let mut response = (status, text).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            Ok(response)
        }
    }
}

/// Removes every `password` field, at any depth.
pub fn strip_passwords(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("password");
            map.values_mut().for_each(strip_passwords);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_passwords),
        _ => {}
    }
}

/// Anything else below `/communication_manager/`: 401 without a session, 403 with one.
pub async fn refused(State(gw): State<Arc<Gateway>>, headers: HeaderMap) -> GatewayError {
    match gw.session(&headers) {
        Ok(_) => GatewayError::NotAllowed,
        Err(e) => e,
    }
}

pub async fn not_found() -> Response {
    no_store((StatusCode::NOT_FOUND, "No such gateway resource.").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn passwords_go_at_any_depth() {
        let mut v =
            json!([{"id": "a", "password": "e5e9", "nested": {"password": "x", "keep": 1}}]);
        strip_passwords(&mut v);
        assert_eq!(v, json!([{"id": "a", "nested": {"keep": 1}}]));
    }

    #[test]
    fn a_truncated_success_is_never_passed_on() {
        let truncated = Bytes::from_static(br#"[{"id":"a","password":"e5e9fa1b"#);
        assert!(pass_on(StatusCode::OK, &truncated).is_err());
        let text = Bytes::from_static(b"A user with the given id does not exist");
        assert_eq!(pass_on(StatusCode::NOT_FOUND, &text).unwrap().status(), 404);
    }
}
