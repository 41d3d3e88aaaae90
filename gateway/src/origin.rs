//! The Origin rule, in one place: what makes a request one of the panel's own pages' and not another
//! site's (cross-site request forgery, cross-site WebSocket hijacking).

use axum::http::HeaderMap;

/// The header every change the panel sends carries. A page on another site cannot add it without a CORS
/// preflight, which the gateway never grants.
pub const REQUEST_HEADER: &str = "x-requested-with";
pub const REQUEST_HEADER_VALUE: &str = "isymphony-panel";

/// A request that changes something (or signs in): an allowed `Origin` — or, where the browser sent none,
/// `Sec-Fetch-Site: same-origin` — and the panel's own request header.
pub fn may_change(headers: &HeaderMap, allowed: &[String]) -> bool {
    let site_ok = match header(headers, "origin") {
        Some(origin) => allowed.iter().any(|a| a == origin),
        None => header(headers, "sec-fetch-site") == Some("same-origin"),
    };
    site_ok && header(headers, REQUEST_HEADER) == Some(REQUEST_HEADER_VALUE)
}

/// A request from another site's page: an `Origin` that is not allowed. Refused whatever the method, so a
/// page elsewhere cannot even read through a supervisor's browser.
pub fn foreign(headers: &HeaderMap, allowed: &[String]) -> bool {
    header(headers, "origin").is_some_and(|origin| !allowed.iter().any(|a| a == origin))
}

/// A WebSocket handshake: browsers always send `Origin` on one, so it must be there and match exactly.
pub fn may_open_socket(headers: &HeaderMap, allowed: &[String]) -> bool {
    header(headers, "origin").is_some_and(|origin| allowed.iter().any(|a| a == origin))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn changes_need_the_site_and_the_header() {
        let allowed = vec!["https://pbx.example.com".to_string()];
        let panel = (REQUEST_HEADER, REQUEST_HEADER_VALUE);
        assert!(may_change(
            &headers(&[("origin", "https://pbx.example.com"), panel]),
            &allowed
        ));
        assert!(may_change(
            &headers(&[("sec-fetch-site", "same-origin"), panel]),
            &allowed
        ));
        assert!(!may_change(
            &headers(&[("origin", "https://evil.example"), panel]),
            &allowed
        ));
        assert!(!may_change(
            &headers(&[
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "same-origin"),
                panel
            ]),
            &allowed
        ));
        assert!(!may_change(
            &headers(&[("origin", "https://pbx.example.com")]),
            &allowed
        ));
        assert!(!may_change(
            &headers(&[("sec-fetch-site", "cross-site"), panel]),
            &allowed
        ));
        assert!(!may_change(&headers(&[panel]), &allowed));
    }

    #[test]
    fn sockets_need_an_exact_origin() {
        let allowed = vec!["https://pbx.example.com".to_string()];
        assert!(may_open_socket(
            &headers(&[("origin", "https://pbx.example.com")]),
            &allowed
        ));
        assert!(!may_open_socket(
            &headers(&[("origin", "https://pbx.example.com.evil")]),
            &allowed
        ));
        assert!(!may_open_socket(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &allowed
        ));
        assert!(!may_open_socket(&HeaderMap::new(), &allowed));
    }
}
