//! Counting what the REST API is asked, for tests and benchmarks (`Config::stats`).

use std::sync::Arc;

use axum::response::Response;

/// What the REST API was asked, for tests and benchmarks: how many requests, of which paths, and the most
/// that were in flight at once.
#[derive(Debug, Default)]
pub struct Stats {
    in_flight: std::sync::atomic::AtomicUsize,
    max_in_flight: std::sync::atomic::AtomicUsize,
    requests: std::sync::Mutex<Vec<String>>,
    bodies: std::sync::Mutex<Vec<String>>,
}

impl Stats {
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The body of every REST request that had one, as text.
    pub fn bodies(&self) -> Vec<String> {
        self.bodies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// `METHOD path` of every REST request so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(crate) async fn track(
        self: Arc<Self>,
        request: axum::extract::Request,
        next: axum::middleware::Next,
    ) -> Response {
        use std::sync::atomic::Ordering::SeqCst;
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(format!("{} {}", request.method(), request.uri().path()));
        let now = self.in_flight.fetch_add(1, SeqCst) + 1;
        self.max_in_flight.fetch_max(now, SeqCst);
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, 1 << 20)
            .await
            .unwrap_or_default();
        if !bytes.is_empty() {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.bodies
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(text);
        }
        let request = axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes));
        let response = next.run(request).await;
        self.in_flight.fetch_sub(1, SeqCst);
        response
    }
}
