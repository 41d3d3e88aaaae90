//! The connection check (`/check`): every request the panel depends on, run in this browser against the
//! configured API, one row each — what, where, the result, how long, and for a failure its likely cause
//! and fix. Operators set up the proxy with it.

use futures::channel::oneshot;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::WebSocket;

use crate::api::events::{socket_url, FILTER};
use crate::api::{groups, paths, servers, status, users, ApiClient, ApiError};
use crate::browser::sleep_ms;

/// How long the check waits for the Event socket to open, and then for one event.
pub const SOCKET_OPEN_MS: u32 = 10_000;
pub const SOCKET_EVENT_MS: u32 = 30_000;

/// One request and how it went: `Ok` says what came back, `Err` the cause and fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    pub what: &'static str,
    pub url: String,
    pub result: Result<String, String>,
    pub ms: u32,
}

/// Runs every check in order, adding each row to `rows` as it ends (run it in the page's scope).
pub async fn run(api: &ApiClient, rows: RwSignal<Vec<CheckRow>>) {
    let add = |row: CheckRow| rows.update(|r| r.push(row));
    let (row, list) = timed(
        "Core servers",
        api.url(&paths::core_servers()),
        servers::list(api),
    )
    .await;
    add(row.with_detail(&list, |l| format!("{} core servers", l.len())));
    let Some(server) = list.ok().and_then(|l| l.into_iter().next()) else {
        return;
    };
    let slug = server.slug.clone();
    let (row, live) = timed(
        "Core server (live)",
        api.url(&paths::live_core_server(&slug)),
        servers::live(api, &slug),
    )
    .await;
    add(row.with_detail(&live, |c| format!("“{}”, live id {}", server.name, c.id)));
    let (row, live_users) = timed(
        "Users (live)",
        api.url(&paths::live_users(&slug)),
        users::live_users(api, &slug),
    )
    .await;
    add(row.with_detail(&live_users, |l| listed(l.items.len(), l.left_out, "users")));
    let (row, config) = timed(
        "Users (configuration)",
        api.url(&paths::config_users(&server.id)),
        users::config_users(api, &server.id),
    )
    .await;
    add(row.with_detail(&config, |l| listed(l.items.len(), l.left_out, "users")));
    let full = |u: &&crate::api::types::LiveUser| {
        config.as_ref().map_or(true, |c| {
            c.items
                .iter()
                .any(|cu| cu.id == u.configuration_id && cu.full)
        })
    };
    if let Some(user) = live_users
        .as_ref()
        .ok()
        .and_then(|l| l.items.iter().find(full))
    {
        let name = user.user_name.clone();
        let (row, got) = timed(
            "One user's status",
            api.url(&paths::status(&slug, &name)),
            status::get(api, &slug, &name),
        )
        .await;
        add(row.with_detail(&got, |s| format!("{}: “{}”", name, s.name)));
        let (row, got) = timed(
            "One user's logins",
            api.url(&paths::logins(&slug, &name)),
            users::logins(api, &slug, &name),
        )
        .await;
        add(row.with_detail(&got, |l| format!("{}: {} logins", name, l.total())));
    }
    let (row, got) = timed(
        "User groups",
        api.url(&paths::user_groups(&server.id)),
        groups::list(api, &server.id),
    )
    .await;
    add(row.with_detail(&got, |l| listed(l.items.len(), l.left_out, "groups")));
    add(socket(api).await);
}

fn listed(read: usize, left_out: usize, what: &str) -> String {
    match left_out {
        0 => format!("{read} {what}"),
        n => format!("{read} {what}; {n} could not be read"),
    }
}

/// Times one request.
async fn timed<T>(
    what: &'static str,
    url: String,
    request: impl std::future::Future<Output = Result<T, ApiError>>,
) -> (CheckRow, Result<T, ApiError>) {
    let started = js_sys::Date::now();
    let result = request.await;
    let row = CheckRow {
        what,
        url,
        result: Err(String::new()),
        ms: (js_sys::Date::now() - started) as u32,
    };
    (row, result)
}

impl CheckRow {
    fn with_detail<T>(self, result: &Result<T, ApiError>, detail: impl Fn(&T) -> String) -> Self {
        CheckRow {
            result: result.as_ref().map(detail).map_err(ApiError::connecting),
            ..self
        }
    }
}

/// Opens the Event socket as the board does (a plain socket on the page's origin): does it open — that is,
/// is it authenticated — and does an event arrive?
async fn socket(api: &ApiClient) -> CheckRow {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let url = socket_url(api.base(), &origin);
    let started = js_sys::Date::now();
    let result = probe(&url).await;
    CheckRow {
        what: "Event socket",
        url,
        result,
        ms: (js_sys::Date::now() - started) as u32,
    }
}

async fn probe(url: &str) -> Result<String, String> {
    let refused = "The socket was refused or closed: iSymphony wants credentials on its handshake, which a \
        page cannot add. Let the proxy add a service account's (the recipes in deploy/); until then the \
        board polls.";
    let Ok(socket) = WebSocket::new(url) else {
        return Err(refused.into());
    };
    let (opened_tx, opened) = oneshot::channel::<bool>();
    let (event_tx, event) = oneshot::channel::<()>();
    let opened_tx = std::rc::Rc::new(std::cell::RefCell::new(Some(opened_tx)));
    let on_open = {
        let (tx, socket) = (opened_tx.clone(), socket.clone());
        Closure::<dyn FnMut()>::new(move || {
            let _ = socket.send_with_str(FILTER);
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(true);
            }
        })
    };
    let on_close = {
        let tx = opened_tx.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(false);
            }
        })
    };
    let event_tx = std::rc::Rc::new(std::cell::RefCell::new(Some(event_tx)));
    let on_message = Closure::<dyn FnMut()>::new(move || {
        if let Some(tx) = event_tx.borrow_mut().take() {
            let _ = tx.send(());
        }
    });
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Declared after the handlers, so dropped before them: also when the page goes mid-probe and this
    // future is dropped at an await, no event can reach a dropped handler.
    let _closing = Closing(socket);
    let started = js_sys::Date::now();
    let outcome = match first(opened, SOCKET_OPEN_MS).await {
        Some(Ok(true)) => match first(event, SOCKET_EVENT_MS).await {
            Some(Ok(())) => {
                // Tenths of a second in integers: `{:.1}` would link a float formatter (~5 kB) for this line.
                let tenths = ((js_sys::Date::now() - started) / 100.0).round() as u64;
                Ok(format!(
                    "open and authenticated; an event arrived after {}.{} s",
                    tenths / 10,
                    tenths % 10
                ))
            }
            _ => Ok(format!(
                "open and authenticated; no event within {} s (nothing changed meanwhile)",
                SOCKET_EVENT_MS / 1000
            )),
        },
        Some(_) => Err(refused.into()),
        None => Err(
            "The socket did not open in time: check that the proxy passes WebSocket upgrades."
                .into(),
        ),
    };
    outcome
}

/// Detaches a socket's handlers and closes it when dropped.
struct Closing(WebSocket);

impl Drop for Closing {
    fn drop(&mut self) {
        self.0.set_onopen(None);
        self.0.set_onclose(None);
        self.0.set_onmessage(None);
        let _ = self.0.close();
    }
}

/// The receiver's value, or `None` after `ms`.
async fn first<T>(receiver: oneshot::Receiver<T>, ms: u32) -> Option<Result<T, oneshot::Canceled>> {
    use futures::future::{select, Either};
    match select(receiver, Box::pin(sleep_ms(ms))).await {
        Either::Left((value, _)) => Some(value),
        Either::Right(_) => None,
    }
}
