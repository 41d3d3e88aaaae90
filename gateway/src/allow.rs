//! The allow-list: the REST requests the panel makes, and nothing else, pass through the gateway. Read the
//! table at a glance; everything not on it (administrators, user create/update, passwords, licences, any
//! other method) is answered 403 without asking iSymphony.

use axum::http::Method;

/// One segment of an allowed path.
#[derive(Debug, Clone, Copy)]
enum Seg {
    /// Exactly this text.
    Lit(&'static str),
    /// A configuration id: one segment.
    Id,
    /// A live id, or `getByName/{name}` (two segments).
    Ref,
}

use Seg::{Id, Lit, Ref};

/// Every request the panel makes, by method and path below `communication_manager/rest/`.
const ALLOWED: &[(Method, &[Seg])] = &[
    (
        Method::GET,
        &[Lit("config"), Lit("server"), Lit("coreServers")],
    ),
    (Method::GET, &[Lit("config"), Lit("core"), Id, Lit("users")]),
    (
        Method::GET,
        &[Lit("config"), Lit("core"), Id, Lit("userGroups")],
    ),
    (
        Method::GET,
        &[
            Lit("config"),
            Lit("core"),
            Id,
            Lit("userGroups"),
            Id,
            Lit("users"),
        ],
    ),
    (
        Method::POST,
        &[
            Lit("config"),
            Lit("core"),
            Id,
            Lit("userGroups"),
            Id,
            Lit("users"),
        ],
    ),
    (
        Method::DELETE,
        &[
            Lit("config"),
            Lit("core"),
            Id,
            Lit("userGroups"),
            Id,
            Lit("users"),
            Id,
        ],
    ),
    (Method::GET, &[Lit("live"), Lit("coreServers"), Ref]),
    (
        Method::GET,
        &[Lit("live"), Lit("coreServers"), Ref, Lit("users")],
    ),
    (
        Method::GET,
        &[
            Lit("live"),
            Lit("coreServers"),
            Ref,
            Lit("users"),
            Ref,
            Lit("logins"),
        ],
    ),
    (
        Method::GET,
        &[
            Lit("live"),
            Lit("coreServers"),
            Ref,
            Lit("users"),
            Ref,
            Lit("status"),
        ],
    ),
    (
        Method::POST,
        &[
            Lit("live"),
            Lit("coreServers"),
            Ref,
            Lit("users"),
            Ref,
            Lit("status"),
            Lit("set"),
        ],
    ),
];

/// Whether `method` on `path` (the raw, still percent-encoded path after `rest/`) is on the list.
pub fn allowed(method: &Method, path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    if segments.iter().any(|s| !plain_segment(s)) {
        return false;
    }
    ALLOWED
        .iter()
        .any(|(m, pattern)| m == method && matches(pattern, &segments))
}

/// A segment the upstream cannot read as anything but one name: not empty, not a dot segment (even
/// percent-encoded), no encoded NUL.
fn plain_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    let dots = lower.replace("%2e", ".");
    !segment.is_empty() && dots != "." && dots != ".." && !lower.contains("%00")
}

fn matches(pattern: &[Seg], segments: &[&str]) -> bool {
    match (pattern.split_first(), segments.split_first()) {
        (None, None) => true,
        (Some((Lit(text), rest)), Some((s, more))) => s == text && matches(rest, more),
        (Some((Id, rest)), Some((s, more))) => *s != "getByName" && matches(rest, more),
        (Some((Ref, rest)), Some((&"getByName", more))) => more
            .split_first()
            .is_some_and(|(_, after)| matches(rest, after)),
        (Some((Ref, rest)), Some((_, more))) => matches(rest, more),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panels_requests_pass() {
        let ok = [
            (Method::GET, "config/server/coreServers"),
            (Method::GET, "config/core/abc/users"),
            (Method::GET, "config/core/abc/userGroups"),
            (Method::GET, "config/core/abc/userGroups/g1/users"),
            (Method::POST, "config/core/abc/userGroups/g1/users"),
            (Method::DELETE, "config/core/abc/userGroups/g1/users/u1"),
            (Method::GET, "live/coreServers/getByName/default"),
            (Method::GET, "live/coreServers/getByName/default/users"),
            (
                Method::GET,
                "live/coreServers/getByName/default/users/getByName/ops%2Fnight/status",
            ),
            (Method::GET, "live/coreServers/x/users/y/logins"),
            (
                Method::POST,
                "live/coreServers/getByName/default/users/getByName/4201/status/set",
            ),
        ];
        for (m, p) in ok {
            assert!(allowed(&m, p), "{m} {p}");
        }
    }

    #[test]
    fn everything_else_is_refused() {
        let refused = [
            (Method::GET, "config/server/administrators"),
            (Method::PUT, "config/core/abc/users/u1"),
            (Method::POST, "config/core/abc/users"),
            (Method::DELETE, "config/core/abc/users/u1"),
            (Method::GET, "config/core/abc/users/u1"),
            (Method::POST, "live/coreServers/getByName/default/users/getByName/4201/status"),
            (Method::GET, "live/coreServers/getByName/default/users/getByName/4201/status/set"),
            (Method::GET, "live/coreServers/getByName/default/users/getByName/../../../config/server/administrators"),
            (Method::GET, "live/coreServers/getByName/default/users/getByName/%2e%2E/status"),
            (Method::GET, "config/core/abc/users/"),
            (Method::GET, "config/core//users"),
            (Method::GET, "config/core/getByName/users"),
            (Method::GET, "live/coreServers/getByName"),
            (Method::PATCH, "config/core/abc/userGroups/g1/users"),
            (Method::GET, "config/server/coreServers/x/licenses"),
        ];
        for (m, p) in refused {
            assert!(!allowed(&m, p), "{m} {p}");
        }
    }
}
