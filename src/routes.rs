//! The panel's own routes and URLs (`/servers/<slug>/<page>`, under the base path trunk writes into
//! `<base href>`), shared by the pages and the top bar's links.

use crate::api::paths::segment;

/// The pages that hang off a core server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Status,
    Groups,
}

/// Where the panel is served from, without a trailing slash: "" at a site's root, "/panel" when built with
/// `trunk build --public-url /panel/`. Trunk writes that URL into the page's `<base href>`, so one build
/// knows its own place; every panel URL below starts with it, and the router is given it.
pub fn base_path() -> &'static str {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        // Native unit tests have no document: the site's root.
        if !cfg!(target_arch = "wasm32") {
            return String::new();
        }
        let base_uri = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten());
        base_uri.as_deref().map(path_of_base).unwrap_or_default()
    })
}

/// `https://host:8443/panel/` → `/panel`; `http://host/` → "".
fn path_of_base(base_uri: &str) -> String {
    let after_scheme = base_uri
        .split_once("://")
        .map_or(base_uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |at| &after_scheme[at..]);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.trim_end_matches('/').to_owned()
}

/// A panel URL from a path inside the panel (`/activity` → `/panel/activity`).
pub fn app_path(path: &str) -> String {
    format!("{}{path}", base_path())
}

/// The panel's own URL of a page, e.g. `/servers/default/status`. The core server is in the URL so a link
/// or a reload shows the same server.
pub fn href(slug: &str, page: Page) -> String {
    let page = match page {
        Page::Status => "status",
        Page::Groups => "groups",
    };
    app_path(&format!("/servers/{}/{page}", segment(slug)))
}

/// How the panel navigates to the URLs above: as they are, since they already carry the base path
/// (the router would otherwise prefix it a second time).
pub fn navigate_options(replace: bool) -> leptos_router::NavigateOptions {
    leptos_router::NavigateOptions {
        resolve: false,
        replace,
        scroll: !replace,
        ..Default::default()
    }
}

/// The panel's own URL of one group on the Groups page.
pub fn group_href(slug: &str, group_id: &str) -> String {
    format!("{}/{}", href(slug, Page::Groups), segment(group_id))
}

/// The core server slug of a panel URL path, if it names one.
pub fn slug_of(path: &str) -> Option<String> {
    let path = path.strip_prefix(base_path()).unwrap_or(path);
    let rest = path.strip_prefix("/servers/")?;
    let raw = rest.split('/').next().filter(|s| !s.is_empty())?;
    Some(percent_decode(raw))
}

/// The page of a panel URL path: the Groups page for `/servers/x/groups` and one of its groups
/// (`/servers/x/groups/<id>`), else the Status page. Switching core servers keeps the page (a group id is
/// one server's, so another server opens on its Groups list).
pub fn page_of(path: &str) -> Page {
    let path = path.strip_prefix(base_path()).unwrap_or(path);
    let page = path
        .strip_prefix("/servers/")
        .and_then(|rest| rest.split('/').nth(1));
    match page {
        Some("groups") => Page::Groups,
        _ => Page::Status,
    }
}

fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_round_trip_their_slug() {
        assert_eq!(href("default", Page::Status), "/servers/default/status");
        assert_eq!(
            href("my branch", Page::Groups),
            "/servers/my%20branch/groups"
        );
        assert_eq!(
            slug_of("/servers/my%20branch/groups").as_deref(),
            Some("my branch")
        );
        assert_eq!(
            slug_of("/servers/d%C3%BCsseldorf/status").as_deref(),
            Some("düsseldorf")
        );
        assert_eq!(slug_of("/servers/"), None);
        assert_eq!(page_of("/servers/default/groups"), Page::Groups);
        assert_eq!(
            page_of("/servers/default/groups/5e1f-0002"),
            Page::Groups,
            "one group: its list"
        );
        assert_eq!(page_of("/servers/default/status"), Page::Status);
        assert_eq!(
            page_of("/servers/groups/status"),
            Page::Status,
            "a server named groups"
        );
        assert_eq!(page_of("/activity"), Page::Status);
        assert_eq!(path_of_base("http://127.0.0.1:8080/"), "");
        assert_eq!(path_of_base("https://pbx.example:8443/panel/"), "/panel");
        assert_eq!(
            path_of_base("https://pbx.example/ops/panel/?x=1#y"),
            "/ops/panel"
        );
        assert_eq!(path_of_base("about:blank"), "");
        assert_eq!(slug_of("/elsewhere"), None);
        assert_eq!(slug_of("/servers/bad%zz/status").as_deref(), Some("bad%zz"));
    }
}
