//! One file per page. Pages call the API and state; components render what they are given.

pub mod activity;
pub mod board;
pub mod groups;
pub mod sign_in;

use leptos::prelude::*;

use crate::api::paths::segment;
use crate::api::types::CoreServer;
use crate::state::session::{Session, SessionState};

/// The pages that hang off a core server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Status,
    Groups,
}

/// The panel's own URL of a page, e.g. `/servers/default/status`. The core server is in the URL so a link
/// or a reload shows the same server.
pub fn href(slug: &str, page: Page) -> String {
    let page = match page {
        Page::Status => "status",
        Page::Groups => "groups",
    };
    format!("/servers/{}/{page}", segment(slug))
}

/// The panel's own URL of one group on the Groups page.
pub fn group_href(slug: &str, group_id: &str) -> String {
    format!("{}/{}", href(slug, Page::Groups), segment(group_id))
}

/// The session and the core server a server page's URL names; otherwise what the page shows instead
/// (nothing while signed out, a notice for an unknown slug).
pub fn signed_in_server(
    session: SessionState,
    slug: String,
) -> Result<(Session, CoreServer), AnyView> {
    let Some(current) = session.current.get_untracked() else {
        return Err(().into_any());
    };
    match current.server(&slug).cloned() {
        Some(server) => Ok((current, server)),
        None => Err(view! { <UnknownServer slug/> }.into_any()),
    }
}

/// Shown when the URL names a core server the iSymphony server does not have.
#[component]
fn UnknownServer(slug: String) -> impl IntoView {
    view! {
        <section class="notice">
            <h1>"No such core server"</h1>
            <p>"This iSymphony server has no core server named “" {slug} "”. Choose one above."</p>
        </section>
    }
}

/// The core server slug of a panel URL path, if it names one.
pub fn slug_of(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/servers/")?;
    let raw = rest.split('/').next().filter(|s| !s.is_empty())?;
    Some(percent_decode(raw))
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
        assert_eq!(slug_of("/elsewhere"), None);
        assert_eq!(slug_of("/servers/bad%zz/status").as_deref(), Some("bad%zz"));
    }
}
