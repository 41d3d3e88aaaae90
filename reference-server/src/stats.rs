//! Counting what the REST API is asked, for tests and benchmarks (`Config::stats`).

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// One REST request as seen by the server.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `METHOD path`, the path still percent-encoded.
    pub line: String,
    pub body: String,
    pub started: Instant,
    /// `None` while it is still being answered.
    pub finished: Option<Instant>,
}

/// What the REST API was asked, for tests and benchmarks: which requests, with which bodies, and when.
#[derive(Debug, Default)]
pub struct Stats {
    seen: Mutex<Vec<Seen>>,
}

impl Stats {
    fn lock(&self) -> MutexGuard<'_, Vec<Seen>> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.lock().clone()
    }

    /// `METHOD path` of every request so far.
    pub fn requests(&self) -> Vec<String> {
        self.lock().iter().map(|s| s.line.clone()).collect()
    }

    /// The body of every request that had one.
    pub fn bodies(&self) -> Vec<String> {
        self.lock()
            .iter()
            .filter(|s| !s.body.is_empty())
            .map(|s| s.body.clone())
            .collect()
    }

    /// The most requests whose `METHOD path` satisfies `which` that were being answered at the same time.
    pub fn max_in_flight(&self, which: impl Fn(&str) -> bool) -> usize {
        let mut edges: Vec<(Instant, i32)> = Vec::new();
        for s in self.lock().iter().filter(|s| which(&s.line)) {
            edges.push((s.started, 1));
            edges.push((s.finished.unwrap_or_else(Instant::now), -1));
        }
        // At equal instants, ends before starts: back-to-back requests do not overlap.
        edges.sort();
        let (mut now, mut max) = (0i32, 0i32);
        for (_, step) in edges {
            now += step;
            max = max.max(now);
        }
        max as usize
    }

    pub(crate) async fn track(self: Arc<Self>, request: Request, next: Next) -> Response {
        let line = format!("{} {}", request.method(), request.uri().path());
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, 1 << 20)
            .await
            .unwrap_or_default();
        let index = {
            let mut seen = self.lock();
            seen.push(Seen {
                line,
                body: String::from_utf8_lossy(&bytes).into_owned(),
                started: Instant::now(),
                finished: None,
            });
            seen.len() - 1
        };
        let response = next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
        self.lock()[index].finished = Some(Instant::now());
        response
    }
}
