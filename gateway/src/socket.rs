//! `/communication_manager/ws/event` for browsers: a live session and an exact `Origin` (cross-site
//! WebSocket hijacking), and an upstream socket that is up; then the browser shares it ([`events::serve`]).

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use crate::error::GatewayError;
use crate::events::{serve, Ends};
use crate::{origin, Gateway};

/// How long a handshake waits for the upstream socket before answering 503 (the panel polls meanwhile).
const UPSTREAM_WAIT: Duration = Duration::from_secs(5);

pub async fn open(
    State(gw): State<Arc<Gateway>>,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, GatewayError> {
    let active = gw.session(&headers)?;
    if !origin::may_open_socket(&headers, &gw.config.allowed_origins) {
        tracing::warn!(
            username = active.person.username,
            "event socket refused: foreign Origin"
        );
        return Err(GatewayError::CrossSite);
    }
    let ws = ws.map_err(|_| GatewayError::BadRequest("This is a WebSocket."))?;
    let hub = gw.hub_for(&active).ok_or(GatewayError::EventsDown)?;
    let subscription = hub
        .subscribe(UPSTREAM_WAIT)
        .await
        .ok_or(GatewayError::EventsDown)?;
    let ends = Ends {
        session: active.ended,
        shutdown: gw.shutdown.clone(),
    };
    Ok(ws.on_upgrade(move |socket| async move {
        gw.browsers.fetch_add(1, Ordering::SeqCst);
        serve(socket, subscription, ends, hub).await;
        gw.browsers.fetch_sub(1, Ordering::SeqCst);
    }))
}
