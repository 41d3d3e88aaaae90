//! Who is signed in, against which API, and how: at the panel's gateway (a session cookie; the browser never
//! keeps the password) or, without one, with Basic credentials that live only in this in-memory signal:
//! never in localStorage, a URL or a log line.

use std::cell::Cell;

use leptos::prelude::*;

use crate::api::types::{CoreServer, ReturnTimeUnit};
use crate::api::{gateway, servers, ApiClient, ApiError, Credentials};
use crate::browser::Storage;
use crate::state::tasks::Scope;

#[derive(Clone)]
pub struct Session {
    pub username: String,
    /// The name the gateway knows the supervisor by, when it knows one.
    pub display_name: Option<String>,
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
            display_name: None,
            servers,
            api: ApiClient::new(api_base, credentials).with_return_time_unit(unit),
            preferred: preferred.to_owned(),
        }
    }

    pub fn with_display_name(self, display_name: Option<String>) -> Self {
        Session {
            display_name,
            ..self
        }
    }

    pub fn api(&self) -> &ApiClient {
        &self.api
    }

    /// How the top bar names who is signed in.
    pub fn who(&self) -> String {
        self.display_name
            .clone()
            .unwrap_or_else(|| self.username.clone())
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
    /// Whether the site has the panel's gateway: `None` until the first look at start.
    pub gateway: RwSignal<Option<bool>>,
    /// Until the look for a session at start has answered, nothing signed out is shown (no form flashing
    /// up on a reload that comes back signed in).
    pub resuming: RwSignal<bool>,
    /// The app's own scope: a sign-out at the gateway finishes after the session's scope has ended.
    app: Scope,
    /// `config.json`'s core server to open first, and its return-time unit.
    preferred: StoredValue<String>,
    unit: ReturnTimeUnit,
}

/// A successful sign-in: who, and the core servers they may supervise.
pub struct SignedIn {
    pub credentials: Credentials,
    pub display_name: Option<String>,
    pub servers: Vec<CoreServer>,
}

impl SessionState {
    /// Made by `App`, whose lifetime its scope shares; `preferred` and `unit` come from `config.json`.
    pub fn new(api_base: String, preferred: String, unit: ReturnTimeUnit) -> Self {
        SessionState {
            current: RwSignal::new_local(None),
            notice: RwSignal::new(None),
            expired: RwSignal::new(false),
            api_base: StoredValue::new(api_base),
            gateway: RwSignal::new(None),
            resuming: RwSignal::new(true),
            app: Scope::here(),
            preferred: StoredValue::new(preferred),
            unit,
        }
    }

    /// At start: looks for the gateway (a reload with its cookie still valid comes back signed in: the
    /// cookie is the only thing the browser keeps) and, without one, signs in again a tab where the
    /// supervisor chose to stay signed in.
    pub async fn resume(&self) {
        let signed = match self.find_gateway().await {
            Some(signed) => Some(signed),
            None if self.gateway.get_untracked() == Some(false) => self.resume_in_tab().await,
            None => None,
        };
        if let Some(signed) = signed {
            self.enter(signed);
        }
        self.resuming.set(false);
    }

    /// Signs in with a checked sign-in: the session's clients, its core servers, who it is.
    pub fn enter(&self, signed: SignedIn) {
        let base = self.api_base.get_value();
        let preferred = self.preferred.get_value();
        let session = Session::new(
            &base,
            &signed.credentials,
            signed.servers,
            &preferred,
            self.unit,
        );
        self.sign_in(session.with_display_name(signed.display_name));
    }

    async fn find_gateway(&self) -> Option<SignedIn> {
        let base = self.api_base.get_value();
        let found = gateway::find(&base).await;
        self.gateway.set(Some(found.is_some()));
        let session = found.filter(|s| s.signed_in)?;
        let credentials = Credentials::through_gateway(session.username, next_sign_in());
        let servers = servers_for(&base, &credentials).await.ok()?;
        Some(SignedIn {
            credentials,
            display_name: session.display_name,
            servers,
        })
    }

    /// Without a gateway, a tab where the supervisor chose to stay signed in signs in again by itself;
    /// credentials that no longer work are forgotten.
    async fn resume_in_tab(&self) -> Option<SignedIn> {
        let credentials = remembered_in_tab()?;
        match servers_for(&self.api_base.get_value(), &credentials).await {
            Ok(servers) => Some(SignedIn {
                credentials,
                display_name: None,
                servers,
            }),
            Err(_) => {
                forget_in_tab();
                None
            }
        }
    }

    /// Checks a username and password the way this site signs in: at the gateway, or (without one) by
    /// listing the core servers with them. The error is the sentence for the form.
    pub async fn check(&self, username: &str, password: &str) -> Result<SignedIn, String> {
        let base = self.api_base.get_value();
        let at_gateway = match self.gateway.get_untracked() {
            Some(known) => known,
            // Signed in before the first look answered: look now.
            None => {
                let found = gateway::find(&base).await.is_some();
                self.gateway.set(Some(found));
                found
            }
        };
        let (credentials, display_name) = if at_gateway {
            let session = gateway::sign_in(&base, username, password)
                .await
                .map_err(|e| gateway_refusal(&e))?;
            (
                Credentials::through_gateway(session.username, next_sign_in()),
                session.display_name,
            )
        } else {
            (Credentials::new(username, password), None)
        };
        let servers = servers_for(&base, &credentials).await?;
        Ok(SignedIn {
            credentials,
            display_name,
            servers,
        })
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
        if !credentials.is_gateway() && remembered_in_tab().is_some() {
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

    /// Forgets the credentials at once, in memory and in the tab; at the gateway, ends its session too.
    pub fn sign_out(&self) {
        let at_gateway = self.current.with_untracked(|s| {
            s.as_ref()
                .is_some_and(|s| s.api().credentials().is_gateway())
        });
        if at_gateway {
            let base = self.api_base.get_value();
            self.app.spawn(async move {
                let _ = gateway::sign_out(&base).await;
            });
        }
        forget_in_tab();
        self.expired.set(false);
        self.current.set(None);
    }
}

/// The core servers `credentials` may see; a failure, or none, in the form's words.
async fn servers_for(base: &str, credentials: &Credentials) -> Result<Vec<CoreServer>, String> {
    let list = servers::list(&ApiClient::new(base, credentials))
        .await
        .map_err(|e| e.connecting())?;
    if list.is_empty() {
        return Err("This iSymphony server has no core servers to supervise.".into());
    }
    Ok(list)
}

/// The gateway's refusal in the form's words (its own sentence names no reason, on purpose).
fn gateway_refusal(e: &ApiError) -> String {
    match e {
        ApiError::Unauthorized => {
            "Wrong username or password — or this user is not one the panel's gateway \
            lets in (its sign-in groups or usernames)."
                .into()
        }
        other => other.message(),
    }
}

thread_local! {
    static SIGN_INS: Cell<u32> = const { Cell::new(0) };
}

/// Counts this page's sign-ins at the gateway (see `Credentials::through_gateway`).
fn next_sign_in() -> u32 {
    SIGN_INS.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
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
