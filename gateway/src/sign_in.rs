//! `/gateway/session`: sign in (`POST`), who is signed in (`GET`, how the panel finds the gateway), sign out
//! (`DELETE`); and `/gateway/health`. Every failed sign-in gets the same answer, sent no sooner than
//! [`FAILURE_FLOOR`] after the request arrived, whatever the reason.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::error::GatewayError;
use crate::verify::{verify, Failure};
use crate::{origin, Gateway, Mode};

/// The least time a refused sign-in takes, so a known user cannot be told from an unknown one by the clock.
const FAILURE_FLOOR: Duration = Duration::from_millis(400);

#[derive(Deserialize)]
struct SignIn {
    username: String,
    password: String,
}

/// `GET /gateway/session`: `{"signedIn": false}` or who is signed in. Always 200 JSON, so the panel can tell
/// a gateway from a static host (which answers 404 or its `index.html`).
pub async fn current(State(gw): State<Arc<Gateway>>, headers: HeaderMap) -> Response {
    let mode = mode_name(&gw.config.mode);
    let body = match gw.session(&headers) {
        Ok(active) => json!({
            "gateway": true,
            "signedIn": true,
            "mode": mode,
            "username": active.person.username,
            "displayName": active.person.display_name,
        }),
        Err(_) => json!({"gateway": true, "signedIn": false, "mode": mode}),
    };
    no_store(Json(body).into_response())
}

/// `POST /gateway/session` with `{"username", "password"}`.
pub async fn sign_in(
    State(gw): State<Arc<Gateway>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, GatewayError> {
    let arrived = Instant::now();
    if !origin::may_change(&headers, &gw.config.allowed_origins) {
        return Err(GatewayError::CrossSite);
    }
    let form: SignIn = serde_json::from_slice(&body).map_err(|_| {
        GatewayError::BadRequest("Send {\"username\": ..., \"password\": ...} as JSON.")
    })?;
    if form.username.is_empty() || form.username.len() > 256 || form.password.len() > 1024 {
        return Err(refused(arrived).await);
    }
    let address = client_address(&gw, peer, &headers);
    let user_key = form.username.to_lowercase();
    let wait = gw.by_user.wait(&user_key).max(gw.by_address.wait(&address));
    if let Some(wait) = wait {
        tracing::warn!(username = form.username, %address, "sign-in throttled");
        return Err(GatewayError::Throttled(wait));
    }
    let service = gw.service.as_ref();
    match verify(
        &gw.upstream,
        &gw.config.mode,
        service,
        &form.username,
        &form.password,
    )
    .await
    {
        Ok(verified) => {
            gw.by_user.succeeded(&user_key);
            if let Some(old) = gw.cookie.read(&headers) {
                gw.sessions.end(&old);
            }
            let id = gw
                .sessions
                .create(verified.person.clone(), verified.authorization)
                .map_err(|_| GatewayError::Upstream("The gateway has no random source.".into()))?;
            tracing::info!(username = form.username, %address, "signed in");
            let body = json!({
                "gateway": true,
                "signedIn": true,
                "mode": mode_name(&gw.config.mode),
                "username": verified.person.username,
                "displayName": verified.person.display_name,
            });
            let mut response = no_store(Json(body).into_response());
            set_cookie(&mut response, &gw.cookie.set(&id));
            Ok(response)
        }
        Err(Failure::Refused) => {
            gw.by_user.failed(&user_key);
            gw.by_address.failed(&address);
            tracing::warn!(username = form.username, %address, "sign-in refused");
            Err(refused(arrived).await)
        }
        Err(Failure::Upstream(why)) => {
            // The reason names iSymphony's address: for the operator's log, not for whoever signs in.
            tracing::error!(reason = why, "sign-in could not be checked");
            Err(GatewayError::Upstream(
                "The gateway cannot check sign-ins with iSymphony at the moment; its log says why."
                    .into(),
            ))
        }
    }
}

/// `DELETE /gateway/session`: the session ends (its credentials wiped, its sockets closed) and the browser
/// forgets the cookie.
pub async fn sign_out(
    State(gw): State<Arc<Gateway>>,
    headers: HeaderMap,
) -> Result<Response, GatewayError> {
    if !origin::may_change(&headers, &gw.config.allowed_origins) {
        return Err(GatewayError::CrossSite);
    }
    if let Some(id) = gw.cookie.read(&headers) {
        gw.sessions.end(&id);
    }
    let mut response = no_store(StatusCode::NO_CONTENT.into_response());
    set_cookie(&mut response, &gw.cookie.clear());
    Ok(response)
}

/// `GET /gateway/health`: up, and whether the upstream Event socket is.
pub async fn health(State(gw): State<Arc<Gateway>>) -> Response {
    let events = match &gw.hub {
        Some(hub) if hub.is_up() => "up",
        Some(_) => "down",
        None => "per-session",
    };
    let store = gw.store.as_ref().map(|s| s.health());
    let degraded = store
        .as_ref()
        .is_some_and(|s| s.problem.is_some() || s.refused > 0);
    let status = if degraded { "degraded" } else { "ok" };
    no_store(Json(json!({"status": status, "events": events, "store": store})).into_response())
}

async fn refused(arrived: Instant) -> GatewayError {
    tokio::time::sleep_until((arrived + FAILURE_FLOOR).into()).await;
    GatewayError::SignInRefused
}

fn mode_name(mode: &Mode) -> &'static str {
    match mode {
        Mode::Users { .. } => "users",
        Mode::Realm => "realm",
    }
}

/// The client's address: the peer, or behind a proxy of the operator's the last `X-Forwarded-For` entry.
fn client_address(gw: &Gateway, peer: SocketAddr, headers: &HeaderMap) -> String {
    let forwarded = gw
        .config
        .behind_proxy
        .then(|| {
            headers
                .get("x-forwarded-for")?
                .to_str()
                .ok()?
                .rsplit(',')
                .next()
        })
        .flatten()
        .map(|s| s.trim().to_owned());
    forwarded.unwrap_or_else(|| peer.ip().to_string())
}

fn set_cookie(response: &mut Response, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
}

pub fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
