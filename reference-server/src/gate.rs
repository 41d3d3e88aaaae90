//! What stands in front of iSymphony's `communication_manager` servlet before credentials are looked at,
//! and what an operator meets when connecting a panel to a real server: the address allow-list of
//! `security.xml` (`--acl`, contract "Decided here" 16) and SSL turned on (`--redirect-to-tls`, 17). Both
//! cover the REST API and the Event socket's handshake; `--static` files are the proxy's own and pass.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, ACCESS_DENIED};

/// The port iSymphony serves https on.
pub const TLS_PORT: u16 = 55050;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gate {
    /// Peers allowed to use the API; `None` allows every peer.
    pub acl: Option<Vec<IpAddr>>,
    /// Answer every API request with a redirect to https on [`TLS_PORT`].
    pub redirect_to_tls: bool,
}

impl Gate {
    pub fn is_open(&self) -> bool {
        self.acl.is_none() && !self.redirect_to_tls
    }

    /// Reads `--acl 127.0.0.1,::1`.
    pub fn parse_acl(value: &str) -> Result<Vec<IpAddr>, String> {
        value
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| {
                a.parse()
                    .map_err(|_| format!("--acl: {a:?} is not an IP address"))
            })
            .collect::<Result<Vec<_>, _>>()
            .and_then(|list| {
                if list.is_empty() {
                    Err("--acl needs at least one address".into())
                } else {
                    Ok(list)
                }
            })
    }

    pub(crate) async fn apply(self, request: Request, next: Next) -> Response {
        if self.redirect_to_tls {
            return redirect(&request);
        }
        if let Some(allowed) = &self.acl {
            let peer = request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip());
            if !peer.is_some_and(|p| allowed.contains(&p)) {
                return ApiError::Forbidden(ACCESS_DENIED).into_response();
            }
        }
        next.run(request).await
    }
}

/// `302 Found` to the same path on `https://HOST:55050`.
fn redirect(request: &Request) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(host_without_port)
        .unwrap_or("localhost");
    let path = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let location = format!("https://{host}:{TLS_PORT}{path}");
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

/// `pbx.example:58080` → `pbx.example`; `[::1]:58080` → `[::1]`.
fn host_without_port(host: &str) -> &str {
    match host.rfind(':') {
        Some(at) if !host[at..].contains(']') => &host[..at],
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_acl_reads_addresses() {
        assert_eq!(
            Gate::parse_acl("127.0.0.1, ::1").unwrap(),
            [
                "127.0.0.1".parse::<IpAddr>().unwrap(),
                "::1".parse().unwrap()
            ]
        );
        assert!(Gate::parse_acl("localhost").is_err());
        assert!(Gate::parse_acl("").is_err());
    }

    #[test]
    fn hosts_lose_their_port() {
        assert_eq!(host_without_port("pbx.example:58080"), "pbx.example");
        assert_eq!(host_without_port("pbx.example"), "pbx.example");
        assert_eq!(host_without_port("[::1]:58080"), "[::1]");
        assert_eq!(host_without_port("[::1]"), "[::1]");
    }
}
