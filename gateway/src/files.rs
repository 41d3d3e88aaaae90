//! The built panel (`dist/`): its precompressed `.br`/`.gz` copies, deep links answered with `index.html`,
//! under `/` or a sub-path, with the headers the recipes in `deploy/` send.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use crate::{Config, Gateway};

/// Sent with every file (`frame-ancestors` only works as a header).
const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("content-security-policy", "frame-ancestors 'self'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "SAMEORIGIN"),
];

/// `api` with the panel's files beside it, when the config names a `dist`.
pub fn serve(api: Router<Arc<Gateway>>, config: &Config) -> Router<Arc<Gateway>> {
    let Some(dir) = &config.dist else {
        return api;
    };
    let index = ServeFile::new(dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    let files: Router = Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn(headers));
    if config.base_path == "/" {
        return api.fallback_service(files);
    }
    let base = config.base_path.trim_end_matches('/').to_owned();
    let slash = config.base_path.clone();
    // `/panel` itself goes to `/panel/`, as the recipes do (the nested service would answer it too, and
    // relative links would then resolve one level up).
    let bare = axum::middleware::from_fn(move |request: Request, next: Next| {
        let slash = slash.clone();
        async move {
            if request.uri().path() == slash.trim_end_matches('/') {
                Redirect::permanent(&slash).into_response()
            } else {
                next.run(request).await
            }
        }
    });
    api.nest_service(&base, files).layer(bare)
}

/// The recipes' headers: hashed `.js`/`.wasm`/`.css` never change; everything else is re-read.
async fn headers(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        h.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    let cache = if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// `name-0123456789abcdef.js`, `name-0123456789abcdef_bg.wasm`, `…css`: what trunk writes.
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hash = stem.rsplit('-').next().unwrap_or_default();
    matches!(ext, "js" | "wasm" | "css")
        && hash.len() == 16
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_told_from_the_rest() {
        assert!(is_hashed("/panel/isymphony-panel-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("/isymphony-panel-0123456789abcdef.js"));
        assert!(!is_hashed("/config.json"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/style-0123.css"));
    }
}
