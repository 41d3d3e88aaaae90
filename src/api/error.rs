//! The one error type of the client, and the one place where status codes become sentences a supervisor can
//! act on. A server body is always treated as text, never as markup.

use std::fmt;

/// Longest piece of a server's message shown to a person.
const MAX_SERVER_TEXT: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401: missing or wrong credentials.
    Unauthorized,
    /// 403: a licence restriction, an All Users edit, or an ACL refusal.
    Forbidden(String),
    /// 404: the resource or one of its parents is gone.
    NotFound(String),
    /// 409: a conflict, e.g. already a member.
    Conflict(String),
    /// 412 / 422: the server refused what was sent.
    Invalid(String),
    /// Any other status, 5xx included.
    Server { status: u16, text: String },
    /// No answer at all: the server is down or unreachable.
    Network(String),
    /// No answer in time.
    Timeout,
    /// An answer that is not the JSON the contract promises.
    Decode { what: String },
    /// A redirect instead of an answer: iSymphony redirects plain-http API requests to https on port
    /// 55050 when its SSL is turned on (contract, "Decided here" 17). Never followed.
    Redirected,
}

impl ApiError {
    /// Maps a failed response to an error, keeping the server's own sentence when it is plain text.
    pub fn from_status(status: u16, body: &str) -> ApiError {
        let text = server_text(body);
        match status {
            401 => ApiError::Unauthorized,
            403 => ApiError::Forbidden(text),
            404 => ApiError::NotFound(text),
            409 => ApiError::Conflict(text),
            412 | 422 => ApiError::Invalid(text),
            _ => ApiError::Server { status, text },
        }
    }

    /// Whether trying the same read again may succeed: no answer, a server fault, or a garbled answer (a
    /// proxy cut it short). A refusal (401/403/404/409/412/422) will not change by asking again.
    pub fn may_pass(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout | ApiError::Decode { .. } => true,
            ApiError::Server { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The sentence shown to the supervisor: what happened and, where there is one, what to do.
    pub fn message(&self) -> String {
        let with = |lead: &str, text: &str| {
            if text.is_empty() {
                lead.to_owned()
            } else {
                format!("{lead} The server said: “{text}”")
            }
        };
        match self {
            ApiError::Unauthorized => {
                "The server did not accept the username or password. Sign in again.".into()
            }
            // An expected 403 (a lite user's status, All Users) is handled where it happens; any other
            // is iSymphony's address allow-list (contract, "Decided here" 13).
            ApiError::Forbidden(t) => with(FORBIDDEN, t),
            ApiError::NotFound(t) => with(
                "Not found on the server (404): it may have been removed.",
                t,
            ),
            ApiError::Conflict(t) => with("This clashes with a change made elsewhere (409).", t),
            ApiError::Invalid(t) => with("The server did not accept these values.", t),
            // Backoff (the gateway after failed sign-ins): its sentence says how long to wait.
            ApiError::Server { status: 429, text } => with("Too many tries: wait a moment.", text),
            ApiError::Server { status, text } => with(
                &format!("The server failed (HTTP {status}). Try again in a moment."),
                text,
            ),
            ApiError::Network(_) => {
                "Cannot reach the iSymphony server. Check the connection and try again.".into()
            }
            ApiError::Timeout => "The iSymphony server did not answer in time. Try again.".into(),
            ApiError::Decode { what } => format!(
                "The server's answer to {what} was not what the panel expects. \
                 Check that the address points at an iSymphony server."
            ),
            ApiError::Redirected => REDIRECTED.into(),
        }
    }
}

impl ApiError {
    /// The sentence for a failure while connecting (signing in, the connection check): the refusals an
    /// operator meets with a real iSymphony, each with its cause and fix (contract, "Decided here" 13, 16,
    /// 17); anything else as [`ApiError::message`] says it.
    pub fn connecting(&self) -> String {
        match self {
            ApiError::Unauthorized => "Wrong username or password — or this account is not a user of the \
                communication_manager realm in iSymphony's security.xml (the login of iSymphony's own \
                administration pages is not necessarily one)."
                .into(),
            ApiError::NotFound(_) => "This server has no iSymphony REST API at this address: the panel \
                needs iSymphony 3.2 or newer (REST and live API), and the proxy must pass \
                /communication_manager/ to it."
                .into(),
            other => other.message(),
        }
    }
}

/// What an unexpected 403 means, and what to do about it.
pub const FORBIDDEN: &str = "iSymphony refused this request (403). Most often the address it comes from \
    — this computer, or the proxy in front of iSymphony — is not on the allowed list of the \
    communication_manager servlet in iSymphony's security.xml (by default only localhost): add it there.";

/// What a redirect from the API means, and what to do about it.
pub const REDIRECTED: &str =
    "The iSymphony server answered with a redirect: its SSL is turned on, so its \
    API is served over https on port 55050. Open the panel through https, or point the proxy at \
    https://<server>:55050/.";

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

/// A server's body as one short line of text. An HTML error page (from a proxy, say) says nothing useful
/// to a supervisor, so it is dropped rather than shown.
fn server_text(body: &str) -> String {
    let trimmed = body.trim();
    if trimmed.starts_with('<') {
        return String::new();
    }
    let line: String = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(MAX_SERVER_TEXT) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_maps_to_its_kind() {
        assert_eq!(ApiError::from_status(401, "x"), ApiError::Unauthorized);
        assert_eq!(
            ApiError::from_status(403, "no"),
            ApiError::Forbidden("no".into())
        );
        assert_eq!(
            ApiError::from_status(404, "gone"),
            ApiError::NotFound("gone".into())
        );
        assert_eq!(
            ApiError::from_status(409, "dup"),
            ApiError::Conflict("dup".into())
        );
        assert_eq!(
            ApiError::from_status(412, "No id provided."),
            ApiError::Invalid("No id provided.".into())
        );
        assert_eq!(
            ApiError::from_status(422, "No name provided."),
            ApiError::Invalid("No name provided.".into())
        );
        assert_eq!(
            ApiError::from_status(503, "busy"),
            ApiError::Server {
                status: 503,
                text: "busy".into()
            }
        );
    }

    #[test]
    fn messages_quote_the_server_and_say_what_to_do() {
        let m = ApiError::from_status(404, "A user with the given id does not exist").message();
        assert!(
            m.contains("404") && m.contains("A user with the given id does not exist"),
            "{m}"
        );
        assert!(ApiError::Unauthorized.message().contains("Sign in again"));
        let wait = ApiError::from_status(429, "Too many failed sign-ins: try again in 4 seconds.");
        assert!(
            !wait.may_pass(),
            "a backoff is not retried behind the supervisor's back"
        );
        let m = wait.message();
        assert!(
            m.contains("try again in 4 seconds") && !m.contains("failed (HTTP"),
            "{m}"
        );
        assert!(ApiError::from_status(500, "")
            .message()
            .contains("Try again"));
        assert!(ApiError::Network("TypeError".into())
            .message()
            .contains("Cannot reach"));
        let d = ApiError::Decode {
            what: "the user list".into(),
        }
        .message();
        assert!(d.contains("the user list"), "{d}");
    }

    #[test]
    fn html_pages_and_long_bodies_are_not_dumped_on_the_supervisor() {
        let html = ApiError::from_status(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
        assert_eq!(
            html,
            ApiError::Server {
                status: 502,
                text: String::new()
            }
        );
        let long = "é".repeat(1000);
        let ApiError::Invalid(text) = ApiError::from_status(422, &long) else {
            panic!()
        };
        assert_eq!(text.chars().count(), MAX_SERVER_TEXT + 1);
        let ApiError::Conflict(text) = ApiError::from_status(409, "line one\nline two ") else {
            panic!()
        };
        assert_eq!(text, "line one line two");
    }

    #[test]
    fn only_failures_that_may_pass_are_retried() {
        assert!(ApiError::Network("x".into()).may_pass());
        assert!(ApiError::Timeout.may_pass());
        assert!(ApiError::Decode { what: "x".into() }.may_pass());
        assert!(ApiError::from_status(503, "").may_pass());
        for status in [401, 403, 404, 409, 412, 422, 418] {
            assert!(!ApiError::from_status(status, "").may_pass(), "{status}");
        }
    }

    #[test]
    fn json_bodies_are_shown_as_text() {
        let e = ApiError::from_status(422, r#"{"error":"bad"}"#);
        assert_eq!(e, ApiError::Invalid(r#"{"error":"bad"}"#.into()));
    }
}
