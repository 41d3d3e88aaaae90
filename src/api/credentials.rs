//! A supervisor's credentials, in memory only (the tab's storage holds them only when asked: see
//! `state::session`), and the `Authorization` header they make.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// A supervisor's credentials. Kept in memory; `Debug` never prints the password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    password: String,
}

impl Credentials {
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials {
            username: username.into(),
            password: password.into(),
        }
    }

    /// No credentials: the requests carry no `Authorization` and a reverse proxy in front adds its own
    /// (the deployment where the operator prefers not to type a password in the browser).
    pub fn by_proxy() -> Self {
        Credentials::new("", "")
    }

    pub fn is_by_proxy(&self) -> bool {
        self.username.is_empty() && self.password.is_empty()
    }

    /// The form kept in this tab's sessionStorage when the supervisor asks to stay signed in.
    pub(crate) fn to_stored(&self) -> String {
        serde_json::json!({ "username": self.username, "password": self.password }).to_string()
    }

    pub(crate) fn from_stored(text: &str) -> Option<Credentials> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        Some(Credentials::new(
            v["username"].as_str()?,
            v["password"].as_str()?,
        ))
    }

    /// The `Authorization` header value. UTF-8 before Base64, so non-ASCII passwords work.
    pub fn authorization(&self) -> String {
        format!(
            "Basic {}",
            STANDARD.encode(format!("{}:{}", self.username, self.password))
        )
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"<hidden>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_is_basic_over_utf8() {
        let c = Credentials::new("manager", "manag3rpa55word");
        assert_eq!(c.authorization(), "Basic bWFuYWdlcjptYW5hZzNycGE1NXdvcmQ=");
        let c = Credentials::new("zoë", "pässwörd");
        let decoded = STANDARD
            .decode(c.authorization().trim_start_matches("Basic "))
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), "zoë:pässwörd");
    }

    #[test]
    fn the_stored_form_round_trips() {
        let c = Credentials::new("zoë", "p\"w");
        assert_eq!(Credentials::from_stored(&c.to_stored()), Some(c));
        assert_eq!(Credentials::from_stored("{}"), None);
        assert_eq!(Credentials::from_stored("garbage"), None);
    }

    #[test]
    fn debug_never_shows_the_password() {
        let c = Credentials::new("manager", "manag3rpa55word");
        let shown = format!("{c:?}");
        assert!(
            shown.contains("manager") && !shown.contains("manag3rpa55word"),
            "{shown}"
        );
    }
}
