//! The one HTTP client to iSymphony: requests with the gateway's (or a session's) credentials, a timeout,
//! no redirects followed, and answers read as the gateway needs them.

use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::secret::Secret;

const TIMEOUT: Duration = Duration::from_secs(20);
/// The most the gateway reads of one iSymphony answer (a 5,000-user list is about 2 MB).
pub const MAX_ANSWER: usize = 32 << 20;

/// An answer from iSymphony.
pub struct Answer {
    pub status: StatusCode,
    pub body: Bytes,
}

#[derive(Clone)]
pub struct Upstream {
    /// `http://HOST:PORT/communication_manager/`
    base: String,
    client: reqwest::Client,
}

impl Upstream {
    pub fn new(base: &str) -> Upstream {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Upstream {
            base: base.to_owned(),
            client,
        }
    }

    /// The Event socket's URL: the same host, `ws://`.
    pub fn events_url(&self) -> String {
        format!("ws{}ws/event", self.base.trim_start_matches("http"))
    }

    /// Sends one request below `rest/`; `path` stays as the browser encoded it.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        authorization: &Secret,
        body: Option<Bytes>,
    ) -> Result<Answer, String> {
        let mut request = self
            .client
            .request(method, format!("{}rest/{path}", self.base))
            .header("authorization", authorization.expose())
            .header("accept", "application/json");
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| unreachable(&self.base, &e))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| unreachable(&self.base, &e))?;
        if body.len() > MAX_ANSWER {
            return Err("iSymphony's answer was too large to pass on.".into());
        }
        Ok(Answer { status, body })
    }

    /// A GET whose answer must be JSON (the gateway's own reads, at sign-in).
    pub async fn get_json(&self, path: &str, authorization: &Secret) -> Result<Value, Refused> {
        let answer = self
            .send(Method::GET, path, authorization, None)
            .await
            .map_err(Refused::Unreachable)?;
        match answer.status {
            StatusCode::OK => serde_json::from_slice(&answer.body).map_err(|_| {
                Refused::Unreachable(format!("iSymphony's answer to {path} is not JSON."))
            }),
            StatusCode::UNAUTHORIZED => Err(Refused::Credentials),
            status => Err(Refused::Unreachable(describe(status, &self.base))),
        }
    }
}

/// Why a read of the gateway's own failed.
#[derive(Debug)]
pub enum Refused {
    /// 401: the credentials are not a realm user's.
    Credentials,
    /// Anything else, said as the operator needs to read it.
    Unreachable(String),
}

fn unreachable(base: &str, e: &reqwest::Error) -> String {
    if e.is_timeout() {
        format!(
            "iSymphony at {base} did not answer within {} s.",
            TIMEOUT.as_secs()
        )
    } else {
        format!(
            "iSymphony at {base} cannot be reached: is it running, and is [upstream] url right?"
        )
    }
}

/// An unexpected status in the operator's words (contract, "Decided here" 13 and 17).
pub fn describe(status: StatusCode, base: &str) -> String {
    match status.as_u16() {
        403 => format!("iSymphony at {base} answered 403: add the gateway's address to the communication_manager allow-list in security.xml."),
        301 | 302 | 307 | 308 => format!("iSymphony at {base} redirects to HTTPS (SSL is on): point [upstream] url at the HTTPS port (55050)."),
        404 => format!("iSymphony at {base} answered 404: the live API needs iSymphony 3.2 or newer, and the url must end in /communication_manager/."),
        code => format!("iSymphony at {base} answered {code}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_socket_url_follows_the_base() {
        let u = Upstream::new("http://127.0.0.1:58080/communication_manager/");
        assert_eq!(
            u.events_url(),
            "ws://127.0.0.1:58080/communication_manager/ws/event"
        );
    }
}
