//! HTTP Basic credentials, checked before anything else (contract, "Decided here" 8).

use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

#[derive(Debug, Clone)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl Credentials {
    /// The `Authorization` header value that carries these credentials.
    pub fn authorization(&self) -> String {
        format!(
            "Basic {}",
            STANDARD.encode(format!("{}:{}", self.user, self.password))
        )
    }

    /// Whether the request carries exactly these credentials in its `Authorization: Basic` header.
    pub fn accept(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        else {
            return false;
        };
        let Some((scheme, encoded)) = value.split_once(' ') else {
            return false;
        };
        if !scheme.eq_ignore_ascii_case("basic") {
            return false;
        }
        let Ok(decoded) = STANDARD.decode(encoded.trim()) else {
            return false;
        };
        let Ok(pair) = String::from_utf8(decoded) else {
            return false;
        };
        pair.split_once(':')
            .is_some_and(|(u, p)| u == self.user && p == self.password)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, value.parse().unwrap());
        h
    }

    #[test]
    fn only_the_right_pair_is_accepted() {
        let c = Credentials {
            user: "manager".into(),
            password: "pa:ss".into(),
        };
        let good = format!("Basic {}", STANDARD.encode("manager:pa:ss"));
        assert!(c.accept(&headers(&good)));
        assert!(c.accept(&headers(&good.replace("Basic", "basic"))));
        assert!(!c.accept(&headers(&format!(
            "Basic {}",
            STANDARD.encode("manager:pa")
        ))));
        assert!(!c.accept(&headers(&format!(
            "Bearer {}",
            STANDARD.encode("manager:pa:ss")
        ))));
        assert!(!c.accept(&headers("Basic !!!")));
        assert!(!c.accept(&HeaderMap::new()));
    }
}
