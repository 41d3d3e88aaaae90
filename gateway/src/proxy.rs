//! REST through the gateway: a live session, the Origin rule for changes, the allow-list; then the
//! request goes upstream with the gateway's credentials (a client's own `Authorization` is never passed
//! on), and every `password` field is taken out of the answer before the browser sees it. A status read
//! is answered from what the upstream socket keeps current when it can ([`crate::statuses`]).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::error::GatewayError;
use crate::secret::Secret;
use crate::sessions::Active;
use crate::sign_in::no_store;
use crate::trail::{self, Write};
use crate::upstream::{describe, Answer};
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
    let changes = method != Method::GET;
    let reads = gw.statuses.as_deref().filter(|_| !changes);
    if let Some(body) = reads.and_then(|s| s.get(path)) {
        return Ok(no_store(respond(StatusCode::OK, Passed::Json(body))));
    }
    let ticket = reads.and_then(|s| s.ticket(path));
    let authorization = gw
        .authorization(&active)
        .ok_or_else(|| GatewayError::Upstream("no credentials for iSymphony".into()))?;
    let body = (!body.is_empty()).then_some(body);
    let answer = if changes {
        let purpose = headers.get(PURPOSE).and_then(|v| v.to_str().ok());
        let asked = Asked {
            method,
            path,
            body,
            purpose,
        };
        change(&gw, &active, asked, authorization).await
    } else {
        gw.upstream.send(method, path, authorization, body).await
    };
    let answer = answer.map_err(GatewayError::Upstream)?;
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
    let passed = clean(status, &answer.body)?;
    if let (Some(statuses), Some(ticket), StatusCode::OK, Passed::Json(json)) =
        (reads, ticket, status, &passed)
    {
        statuses.keep(ticket, json.clone());
    }
    Ok(no_store(respond(status, passed)))
}

/// The panel's header saying what a change is part of (a bulk set, an Undo), for the Activity's words only:
/// who, what and the outcome are the gateway's own.
const PURPOSE: &str = "x-panel-action";

/// A change as the browser asked it.
struct Asked<'a> {
    method: Method,
    path: &'a str,
    body: Option<Bytes>,
    purpose: Option<&'a str>,
}

/// Passes a change on, and keeps the team's memory of it: what it replaces is read first, the upstream
/// socket is told to expect its event, and the outcome goes into the Activity.
async fn change(
    gw: &Gateway,
    active: &Active,
    asked: Asked<'_>,
    authorization: &Secret,
) -> Result<Answer, String> {
    let Asked {
        method,
        path,
        body,
        purpose,
    } = asked;
    let write = gw.store.as_ref().and_then(|_| Write::of(&method, path));
    let before = match &write {
        Some(w) => Some(trail::before(gw, w, body.as_ref(), authorization).await),
        None => None,
    };
    let user = match &write {
        Some(Write::Status { user, .. }) => gw.outside.as_deref().map(|o| (o, user)),
        _ => None,
    };
    if let Some((outside, user)) = user {
        outside.expect(user);
    }
    let answer = gw
        .upstream
        .send(method, path, authorization, body.clone())
        .await;
    if let Some(statuses) = &gw.statuses {
        // Even a failed send may have changed something.
        statuses.forget();
    }
    let status = answer.as_ref().map(|a| a.status).map_err(String::as_str);
    if let (Some((outside, user)), false) = (user, status.is_ok_and(|s| s.is_success())) {
        outside.unexpect(user);
    }
    if let (Some(store), Some(write), Some(before)) = (&gw.store, &write, before) {
        let answered = answer.as_ref().map(|a| &a.body[..]).unwrap_or_default();
        let done = trail::Done {
            by: &active.person,
            body: body.as_ref(),
            purpose,
            status,
            answer: answered,
            seconds: gw.config.return_time_in_seconds,
        };
        store.record(trail::record(write, before, done));
    }
    answer
}

/// An answer's body as the browser may see it.
enum Passed {
    Empty,
    /// JSON with every `password` field removed.
    Json(Bytes),
    /// iSymphony's plain-text error sentence.
    Text(String),
}

/// A successful answer that is not JSON (truncated, say) is never passed on: it could hold a hash.
fn clean(status: StatusCode, body: &Bytes) -> Result<Passed, GatewayError> {
    if body.is_empty() {
        return Ok(Passed::Empty);
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(mut value) => {
            strip_passwords(&mut value);
            Ok(Passed::Json(value.to_string().into()))
        }
        Err(_) if status.is_success() => Err(GatewayError::Upstream(
            "iSymphony's answer could not be read (it was not whole JSON).".into(),
        )),
        Err(_) => Ok(Passed::Text(String::from_utf8_lossy(body).into_owned())),
    }
}

fn respond(status: StatusCode, passed: Passed) -> Response {
    let (body, kind) = match passed {
        Passed::Empty => return status.into_response(),
        Passed::Json(json) => (axum::body::Body::from(json), "application/json"),
        Passed::Text(text) => (text.into(), "text/plain; charset=utf-8"),
    };
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
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
        assert!(clean(StatusCode::OK, &truncated).is_err());
        let text = Bytes::from_static(b"A user with the given id does not exist");
        assert!(matches!(
            clean(StatusCode::NOT_FOUND, &text),
            Ok(Passed::Text(t)) if t == "A user with the given id does not exist"
        ));
    }
}
