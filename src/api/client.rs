//! The one HTTP helper. Every endpoint is a one-line call to [`ApiClient::get`], [`ApiClient::post`] or
//! [`ApiClient::delete`]; each adds Basic credentials and JSON headers, applies a timeout, is aborted when the
//! view that asked for it goes away, and maps failures to [`ApiError`].

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::{AbortController, AbortSignal, RequestCredentials, RequestRedirect, ResponseType};

use super::credentials::Credentials;
use super::error::ApiError;
use super::listed::Listed;
use super::types::ReturnTimeUnit;
use crate::browser::sleep_ms;

/// How long one request may take before the supervisor is told the server did not answer.
pub const TIMEOUT_MS: u32 = 20_000;

/// How many times a read is tried again after a failure that may pass. Writes are never retried: a
/// failed write is shown to the supervisor, who decides.
pub const READ_RETRIES: u32 = 3;

/// The wait before retry `attempt` (0-based) of a read: 300 ms, 600 ms, 1.2 s.
pub fn retry_delay_ms(attempt: u32) -> u32 {
    300 << attempt.min(4)
}

/// The request header the gateway asks of every change (`gateway/src/origin.rs`).
pub const GATEWAY_HEADER: (&str, &str) = ("X-Requested-With", "isymphony-panel");

/// The header that tells the gateway what kind of change a request is, for the team's Activity.
pub const PURPOSE_HEADER: &str = "X-Panel-Action";

/// A change that is part of something larger than one edit: the Activity names it so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// One of a bulk set.
    Bulk,
    /// Putting back what an Undo restores.
    Undo,
}

impl Purpose {
    pub fn header(self) -> &'static str {
        match self {
            Purpose::Bulk => "bulk-status-set",
            Purpose::Undo => "undo",
        }
    }
}

/// What a client runs on a 401 (see [`ApiClient::on_unauthorized`]).
type Hook = Rc<dyn Fn()>;

/// Where the API is and who is asking. Cheap to clone; clones share the credentials, so signing in again
/// after a 401 reaches every page's client at once.
#[derive(Clone)]
pub struct ApiClient {
    /// Ends with `/`, e.g. `/communication_manager/` (same origin) or `http://host:58080/communication_manager/`.
    base: Rc<str>,
    credentials: Rc<RefCell<Credentials>>,
    /// Aborts every request of this client when fired (see [`ApiClient::scoped`]).
    abort: Option<AbortSignal>,
    /// The server's unit of `returnTime` (`config.json`'s `returnTimeUnit`).
    unit: ReturnTimeUnit,
    /// Called on every 401 answer of this client or a clone of it (see [`ApiClient::on_unauthorized`]).
    unauthorized: Rc<RefCell<Option<Hook>>>,
    /// What this client's changes are part of (see [`ApiClient::for_purpose`]).
    purpose: Option<Purpose>,
}

impl ApiClient {
    pub fn new(base: &str, credentials: &Credentials) -> Self {
        let base = if base.ends_with('/') {
            base.to_owned()
        } else {
            format!("{base}/")
        };
        ApiClient {
            base: base.into(),
            credentials: Rc::new(RefCell::new(credentials.clone())),
            abort: None,
            unit: ReturnTimeUnit::default(),
            unauthorized: Rc::default(),
            purpose: None,
        }
    }

    /// The same client, whose changes tell the panel's gateway they are part of `purpose` (a bulk set, an
    /// Undo), so the team's Activity says so. Without a gateway nothing is added (iSymphony has no use
    /// for it, and a cross-origin test server would need a preflight).
    pub fn for_purpose(&self, purpose: Purpose) -> Self {
        ApiClient {
            purpose: Some(purpose),
            ..self.clone()
        }
    }

    /// Runs `hook` on every 401 answer to this client or any clone of it (sent with the credentials still in
    /// force): the one place a request learns
    /// that the credentials no longer hold, whoever sent it (a page's read, a bulk set, an Undo), so the
    /// session can ask for them again the same way every time. The caller still gets its error.
    pub fn on_unauthorized(&self, hook: impl Fn() + 'static) {
        *self.unauthorized.borrow_mut() = Some(Rc::new(hook));
    }

    /// The same client for a server whose return times are in `unit`.
    pub fn with_return_time_unit(self, unit: ReturnTimeUnit) -> Self {
        ApiClient { unit, ..self }
    }

    pub fn return_time_unit(&self) -> ReturnTimeUnit {
        self.unit
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn credentials(&self) -> Credentials {
        self.credentials.borrow().clone()
    }

    /// Replaces the credentials of this client and of every clone of it.
    pub fn set_credentials(&self, credentials: Credentials) {
        *self.credentials.borrow_mut() = credentials;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A copy whose requests are aborted when the current reactive owner (the page that asked) is cleaned
    /// up, so a page that is left stops loading.
    pub fn scoped(&self) -> Self {
        let Ok(controller) = AbortController::new() else {
            return self.clone();
        };
        let signal = controller.signal();
        let controller = send_wrapper::SendWrapper::new(controller);
        leptos::prelude::on_cleanup(move || controller.abort());
        ApiClient {
            abort: Some(signal),
            ..self.clone()
        }
    }

    /// GET and decode, retrying failures that may pass (see [`ApiError::may_pass`]) with backoff. `what`
    /// names the request in an error ("the user list").
    pub async fn get<T: DeserializeOwned>(&self, path: &str, what: &str) -> Result<T, ApiError> {
        let mut attempt = 0;
        loop {
            let result = self.send(Method::GET, path, None).await.and_then(|body| {
                serde_json::from_str(&body).map_err(|_| ApiError::Decode {
                    what: what.to_owned(),
                })
            });
            match result {
                Err(e) if e.may_pass() && attempt < READ_RETRIES && !self.aborted() => {
                    sleep_ms(retry_delay_ms(attempt)).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// GET and decode, tried once: a probe whose failure is an answer (is there a gateway?).
    pub async fn get_once<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &str,
    ) -> Result<T, ApiError> {
        let body = self.send(Method::GET, path, None).await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode {
            what: what.to_owned(),
        })
    }

    /// GET a JSON array and read each record on its own (see [`Listed`]).
    pub async fn get_list<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &str,
    ) -> Result<Listed<T>, ApiError> {
        self.get::<Vec<serde_json::Value>>(path, what)
            .await
            .map(Listed::read)
    }

    fn aborted(&self) -> bool {
        self.abort.as_ref().is_some_and(AbortSignal::aborted)
    }

    /// POST a JSON body; success is `204`.
    pub async fn post<B: Serialize>(&self, path: &str, body: &B) -> Result<(), ApiError> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Network(e.to_string()))?;
        self.send(Method::POST, path, Some(json)).await.map(drop)
    }

    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        self.send(Method::DELETE, path, None).await.map(drop)
    }

    /// The one place a request is built and sent.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<String, ApiError> {
        let timeout = AbortSignal::timeout_with_u32(TIMEOUT_MS);
        let signals = js_sys::Array::of1(&timeout);
        if let Some(page) = &self.abort {
            signals.push(page);
        }
        let signal = AbortSignal::any(&signals);
        let change = !matches!(method, Method::GET);
        let mut builder = RequestBuilder::new(&self.url(path))
            .method(method)
            .header("Accept", "application/json")
            // A redirect (SSL turned on: https on port 55050) is reported, never followed to another
            // origin the page may not reach.
            .redirect(RequestRedirect::Manual)
            .abort_signal(Some(&signal));
        let credentials = self.credentials.borrow().clone();
        builder = if credentials.is_gateway() {
            // The gateway's session cookie goes along (same origin only); a change carries the header
            // that tells the gateway this is the panel's own page (a page elsewhere cannot add it without
            // a preflight, which the gateway never grants).
            let builder = builder.credentials(RequestCredentials::SameOrigin);
            match (change, self.purpose) {
                (false, _) => builder,
                (true, None) => builder.header(GATEWAY_HEADER.0, GATEWAY_HEADER.1),
                (true, Some(purpose)) => builder
                    .header(GATEWAY_HEADER.0, GATEWAY_HEADER.1)
                    .header(PURPOSE_HEADER, purpose.header()),
            }
        } else {
            // "omit" keeps the browser from showing its own password dialog on a 401 (Fetch standard:
            // the prompt only happens when credentials are included); our header is still sent.
            builder
                .credentials(RequestCredentials::Omit)
                .header("Authorization", &credentials.authorization())
        };
        let request = match body {
            Some(json) => builder
                .header("Content-Type", "application/json")
                .body(json),
            None => builder.build(),
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        let response = request.send().await.map_err(|e| {
            if timeout.aborted() {
                ApiError::Timeout
            } else {
                ApiError::Network(e.to_string())
            }
        })?;
        if response.type_() == ResponseType::Opaqueredirect {
            return Err(ApiError::Redirected);
        }
        let status = response.status();
        let text = response.text().await.map_err(|e| {
            if timeout.aborted() {
                ApiError::Timeout
            } else {
                ApiError::Network(e.to_string())
            }
        })?;
        if (200..300).contains(&status) {
            return Ok(text);
        }
        let error = ApiError::from_status(status, &text);
        // A 401 to credentials already replaced (a request sent before the supervisor signed in again)
        // says nothing about the new ones: only one to the credentials in force asks again.
        if error == ApiError::Unauthorized && *self.credentials.borrow() == credentials {
            let hook = self.unauthorized.borrow().clone();
            if let Some(hook) = hook {
                hook();
            }
        }
        Err(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_off_before_retrying() {
        assert_eq!(
            (0..4).map(retry_delay_ms).collect::<Vec<_>>(),
            [300, 600, 1200, 2400]
        );
    }
}
