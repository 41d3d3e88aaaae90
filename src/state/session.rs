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
}

impl Session {
    pub fn new(api_base: &str, credentials: &Credentials, servers: Vec<CoreServer>) -> Self {
        Session {
            username: credentials.username.clone(),
            servers,
            api: ApiClient::new(api_base, credentials),
        }
    }

    pub fn api(&self) -> &ApiClient {
        &self.api
    }

    pub fn api_base(&self) -> &str {
        self.api.base()
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
    /// The server stopped accepting the credentials mid-session: the panel asks again on top of the page,
    /// so nothing on it (an open editor included) is lost.
    pub expired: RwSignal<bool>,
    pub api_base: StoredValue<String>,
}

impl SessionState {
    pub fn new(api_base: String) -> Self {
        SessionState {
            current: RwSignal::new_local(None),
            notice: RwSignal::new(None),
            expired: RwSignal::new(false),
            api_base: StoredValue::new(api_base),
        }
    }

    pub fn sign_in(&self, session: Session) {
        self.notice.set(None);
        self.expired.set(false);
        self.current.set(Some(session));
    }

    /// After a mid-session 401: the new credentials replace the old ones in every client, and the page
    /// underneath carries on where it was.
    pub fn renew(&self, credentials: Credentials) {
        self.current.update(|s| {
            if let Some(s) = s {
                s.username = credentials.username.clone();
                s.api().set_credentials(credentials);
            }
        });
        self.expired.set(false);
    }

    /// Forgets the credentials at once.
    pub fn sign_out(&self) {
        self.expired.set(false);
        self.current.set(None);
    }

    /// A 401 in the middle of work means the credentials no longer hold: ask for them again, on top of the
    /// page, keeping everything on it.
    pub fn check(&self, error: &ApiError) {
        if *error == ApiError::Unauthorized && self.current.with_untracked(Option::is_some) {
            self.expired.set(true);
        }
    }
}

pub fn use_session() -> SessionState {
    expect_context::<SessionState>()
}
