//! Who is signed in, against which API. Credentials live only in this in-memory signal: never in
//! localStorage, a URL or a log line.

use leptos::prelude::*;

use crate::api::types::CoreServer;
use crate::api::{ApiClient, ApiError, Credentials};

/// Where the API is; same origin by default (`trunk serve`'s proxy, or a reverse proxy in production).
pub const DEFAULT_API_BASE: &str = "/communication_manager/";

/// The slug chosen when the URL names none.
pub const DEFAULT_SLUG: &str = "default";

#[derive(Clone)]
pub struct Session {
    pub username: String,
    pub servers: Vec<CoreServer>,
    api: ApiClient,
    credentials: Credentials,
    api_base: String,
}

impl Session {
    pub fn new(api_base: &str, credentials: &Credentials, servers: Vec<CoreServer>) -> Self {
        Session {
            username: credentials.username.clone(),
            servers,
            api: ApiClient::new(api_base, credentials),
            credentials: credentials.clone(),
            api_base: api_base.to_owned(),
        }
    }

    pub fn api(&self) -> &ApiClient {
        &self.api
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    pub fn server(&self, slug: &str) -> Option<&CoreServer> {
        self.servers.iter().find(|s| s.slug == slug)
    }

    /// `default` when it exists, else the first core server.
    pub fn default_slug(&self) -> String {
        self.server(DEFAULT_SLUG)
            .or(self.servers.first())
            .map_or_else(|| DEFAULT_SLUG.to_owned(), |s| s.slug.clone())
    }
}

/// The app-wide session, provided by `App`.
#[derive(Clone, Copy)]
pub struct SessionState {
    pub current: RwSignal<Option<Session>, LocalStorage>,
    /// Why the supervisor was signed out, shown on the sign-in form.
    pub notice: RwSignal<Option<String>>,
    pub api_base: StoredValue<String>,
}

impl SessionState {
    pub fn new(api_base: String) -> Self {
        SessionState {
            current: RwSignal::new_local(None),
            notice: RwSignal::new(None),
            api_base: StoredValue::new(api_base),
        }
    }

    pub fn sign_in(&self, session: Session) {
        self.notice.set(None);
        self.current.set(Some(session));
    }

    /// Forgets the credentials at once, including the copy the browser cached for the Event socket.
    pub fn sign_out(&self) {
        self.current.set(None);
        let base = self.api_base.get_value();
        leptos::task::spawn_local(async move { crate::api::events::forget(&base).await });
    }

    /// A 401 in the middle of work means the credentials no longer hold: back to the sign-in form, saying why.
    pub fn check(&self, error: &ApiError) {
        if *error == ApiError::Unauthorized {
            self.notice.set(Some(
                "The server no longer accepts your credentials. Sign in again.".into(),
            ));
            self.sign_out();
        }
    }
}

pub fn use_session() -> SessionState {
    expect_context::<SessionState>()
}
