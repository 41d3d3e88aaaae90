//! Who is signed in, against which API. Credentials live only in this in-memory signal: never in
//! localStorage, a URL or a log line.

use leptos::prelude::*;

use crate::api::types::{CoreServer, ReturnTimeUnit};
use crate::api::{ApiClient, Credentials};
use crate::browser::Storage;

#[derive(Clone)]
pub struct Session {
    pub username: String,
    pub servers: Vec<CoreServer>,
    api: ApiClient,
    /// The core server to open when the URL names none (`config.json`'s `defaultCoreServer`).
    preferred: String,
}

impl Session {
    pub fn new(
        api_base: &str,
        credentials: &Credentials,
        servers: Vec<CoreServer>,
        preferred: &str,
        unit: ReturnTimeUnit,
    ) -> Self {
        Session {
            username: credentials.username.clone(),
            servers,
            api: ApiClient::new(api_base, credentials).with_return_time_unit(unit),
            preferred: preferred.to_owned(),
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

    /// The preferred core server when it exists, else the first one.
    pub fn default_slug(&self) -> String {
        self.server(&self.preferred)
            .or(self.servers.first())
            .map_or_else(|| self.preferred.clone(), |s| s.slug.clone())
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

    /// Signs `session` in. From now on a 401 to any of its requests asks for the credentials again, on
    /// top of the page, keeping everything on it (the one hook: `ApiClient::on_unauthorized`).
    pub fn sign_in(&self, session: Session) {
        let (current, expired) = (self.current, self.expired);
        session.api().on_unauthorized(move || {
            if current.with_untracked(Option::is_some) {
                expired.set(true);
            }
        });
        self.notice.set(None);
        self.expired.set(false);
        self.current.set(Some(session));
    }

    /// After a mid-session 401: the new credentials replace the old ones in every client, and the page
    /// underneath carries on where it was.
    pub fn renew(&self, credentials: Credentials) {
        if remembered_in_tab().is_some() {
            remember_in_tab(&credentials);
        }
        self.current.update(|s| {
            if let Some(s) = s {
                s.username = credentials.username.clone();
                s.api().set_credentials(credentials);
            }
        });
        self.expired.set(false);
    }

    /// Forgets the credentials at once, in memory and in the tab.
    pub fn sign_out(&self) {
        forget_in_tab();
        self.expired.set(false);
        self.current.set(None);
    }
}

const TAB_KEY: &str = "isymphony-panel.signed-in";

/// Keeps the credentials in this tab's sessionStorage: only when the supervisor ticked "Stay signed in
/// for this tab" (never localStorage, cookies or a URL; gone when the tab closes).
pub fn remember_in_tab(credentials: &Credentials) {
    Storage::Tab.write(TAB_KEY, &credentials.to_stored());
}

pub fn remembered_in_tab() -> Option<Credentials> {
    Credentials::from_stored(&Storage::Tab.read(TAB_KEY)?)
}

pub fn forget_in_tab() {
    Storage::Tab.remove(TAB_KEY);
}

/// Whether signing in here sends the password in the clear: plain http to anything but this machine.
pub fn insecure_origin(protocol: &str, hostname: &str) -> bool {
    let local = matches!(hostname, "localhost" | "127.0.0.1" | "[::1]" | "::1")
        || hostname.ends_with(".localhost");
    protocol == "http:" && !local
}

pub fn use_session() -> SessionState {
    expect_context::<SessionState>()
}

#[cfg(test)]
mod tests {
    use super::insecure_origin;

    #[test]
    fn only_plain_http_to_another_machine_is_insecure() {
        assert!(insecure_origin("http:", "pbx.example.com"));
        assert!(insecure_origin("http:", "10.0.0.5"));
        assert!(!insecure_origin("https:", "pbx.example.com"));
        for local in ["localhost", "127.0.0.1", "[::1]", "panel.localhost"] {
            assert!(!insecure_origin("http:", local), "{local}");
        }
    }
}
