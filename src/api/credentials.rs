//! A supervisor's credentials, in memory only (the tab's storage holds them only when asked: see
//! `state::session`), and the `Authorization` header they make — or, signed in at the panel's gateway, no
//! password at all: the gateway's session cookie speaks for the supervisor.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// A supervisor's credentials. Kept in memory; `Debug` never prints the password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    password: String,
    /// Signed in at the gateway: which sign-in of this page load, so a 401 answered to an earlier one
    /// (a request sent before the supervisor signed in again) is told from one to the session in force.
    gateway: Option<u32>,
}

impl Credentials {
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials {
            username: username.into(),
            password: password.into(),
            gateway: None,
        }
    }

    /// Signed in at the panel's gateway as `username`, its `sign_in`th sign-in in this page: the requests
    /// carry the gateway's cookie and no `Authorization`; the browser never holds the password.
    pub fn through_gateway(username: impl Into<String>, sign_in: u32) -> Self {
        Credentials {
            username: username.into(),
            password: String::new(),
            gateway: Some(sign_in),
        }
    }

    pub fn is_gateway(&self) -> bool {
        self.gateway.is_some()
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
    fn gateway_sign_ins_are_told_apart_and_hold_no_password() {
        let first = Credentials::through_gateway("4224", 1);
        assert!(first.is_gateway() && !Credentials::new("a", "b").is_gateway());
        assert_ne!(first, Credentials::through_gateway("4224", 2));
        assert_eq!(first.password, "");
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
