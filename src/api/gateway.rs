//! The panel's gateway (`gateway/` in this repository): found at start, and where a supervisor signs in and
//! out when it is there. Beside the API base: `/communication_manager/` → `/gateway/session`.

use serde::Deserialize;

use super::{ApiClient, ApiError, Credentials};

/// What `GET /gateway/session` says.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewaySession {
    #[serde(default)]
    pub gateway: bool,
    #[serde(default)]
    pub signed_in: bool,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// The gateway's base for an API base: its sibling `gateway/`.
pub fn base(api_base: &str) -> String {
    let trimmed = api_base.trim_end_matches('/');
    let parent = trimmed.strip_suffix("communication_manager").unwrap_or("/");
    format!("{parent}gateway/")
}

fn client(api_base: &str) -> ApiClient {
    ApiClient::new(&base(api_base), &Credentials::through_gateway("", 0))
}

/// The gateway's session, or `None` where there is no gateway (a static host answers 404, or its
/// `index.html`, or nothing at all).
pub async fn find(api_base: &str) -> Option<GatewaySession> {
    client(api_base)
        .get_once::<GatewaySession>("session", "the gateway's session")
        .await
        .ok()
        .filter(|s| s.gateway)
}

/// Signs in at the gateway with the supervisor's own username and password; the gateway keeps the
/// session in an HttpOnly cookie and the password goes nowhere else.
pub async fn sign_in(
    api_base: &str,
    username: &str,
    password: &str,
) -> Result<GatewaySession, ApiError> {
    let api = client(api_base);
    let form = serde_json::json!({ "username": username, "password": password });
    api.post("session", &form).await?;
    api.get_once("session", "the gateway's session").await
}

/// Ends the gateway's session: its credentials are wiped and its sockets close.
pub async fn sign_out(api_base: &str) -> Result<(), ApiError> {
    client(api_base).delete("session").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gateway_sits_beside_the_api() {
        assert_eq!(base("/communication_manager/"), "/gateway/");
        assert_eq!(base("/communication_manager"), "/gateway/");
        assert_eq!(
            base("http://h:8090/communication_manager/"),
            "http://h:8090/gateway/"
        );
        assert_eq!(base("/api/"), "/gateway/");
    }

    #[test]
    fn its_session_reads_both_ways() {
        let out: GatewaySession =
            serde_json::from_str(r#"{"gateway":true,"signedIn":false,"mode":"users"}"#).unwrap();
        assert!(out.gateway && !out.signed_in);
        let who: GatewaySession = serde_json::from_str(
            r#"{"gateway":true,"signedIn":true,"username":"4224","displayName":"Steve Summers"}"#,
        )
        .unwrap();
        assert_eq!(who.display_name.as_deref(), Some("Steve Summers"));
    }
}
