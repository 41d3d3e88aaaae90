//! The board's live feed: the Event socket, filtered, reconnected with backoff. While it is down — or the
//! deployment does not authenticate it (see `api::events`) — the board polls; while it is up the board
//! polls nothing.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use crate::api::events::{parse, socket_url, Event, FILTER};
use crate::state::tasks::Scope;

/// The longest wait between two attempts to reconnect.
const MAX_BACKOFF_MS: u32 = 30_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Connecting,
    /// Events arrive on the socket; nothing is polled.
    Live,
    /// The socket is down; the board re-reads on its interval.
    Polling,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Connecting => "Connecting…",
            Mode::Live => "Live",
            Mode::Polling => "Polling",
        }
    }
}

/// The wait before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s … up to 30 s.
pub fn backoff_ms(attempt: u32) -> u32 {
    1_000u32
        .saturating_mul(1 << attempt.min(15))
        .min(MAX_BACKOFF_MS)
}

struct Feed {
    url: String,
    mode: RwSignal<Mode>,
    on_open: Rc<dyn Fn()>,
    on_event: Rc<dyn Fn(Event)>,
    socket: Option<WebSocket>,
    handlers: Vec<Box<dyn std::any::Any>>,
    attempt: u32,
    /// The page's: reconnect timers go with it.
    scope: Scope,
}

/// Opens the feed of the API at `api_base` for this page; it closes when the page's owner is cleaned up,
/// and its handlers are detached first, so no message queued by then reaches the page.
pub fn start(
    api_base: &str,
    on_open: impl Fn() + 'static,
    on_event: impl Fn(Event) + 'static,
) -> RwSignal<Mode> {
    let mode = RwSignal::new(Mode::Connecting);
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let feed = Rc::new(RefCell::new(Feed {
        url: socket_url(api_base, &origin),
        mode,
        on_open: Rc::new(on_open),
        on_event: Rc::new(on_event),
        socket: None,
        handlers: Vec::new(),
        attempt: 0,
        scope: Scope::here(),
    }));
    connect(feed.clone());
    let feed = send_wrapper::SendWrapper::new(feed);
    on_cleanup(move || {
        let mut f = feed.borrow_mut();
        if let Some(socket) = f.socket.take() {
            detach(&socket);
            let _ = socket.close();
        }
        f.handlers.clear();
    });
    mode
}

fn detach(socket: &WebSocket) {
    socket.set_onopen(None);
    socket.set_onmessage(None);
    socket.set_onclose(None);
}

/// Opens the socket (a plain one: see `api::events`).
fn connect(feed: Rc<RefCell<Feed>>) {
    let Ok(socket) = WebSocket::new(&feed.borrow().url) else {
        retry(feed);
        return;
    };
    let on_open = {
        let (feed, socket) = (feed.clone(), socket.clone());
        Closure::<dyn FnMut()>::new(move || {
            let _ = socket.send_with_str(FILTER);
            let on_open = {
                let mut f = feed.borrow_mut();
                f.attempt = 0;
                f.mode.set(Mode::Live);
                f.on_open.clone()
            };
            on_open();
        })
    };
    let on_message = {
        let feed = feed.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(event) = ev.data().as_string().and_then(|t| parse(&t)) {
                let on_event = feed.borrow().on_event.clone();
                on_event(event);
            }
        })
    };
    let on_close = {
        let feed = feed.clone();
        Closure::<dyn FnMut(CloseEvent)>::new(move |_: CloseEvent| retry(feed.clone()))
    };
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    let mut f = feed.borrow_mut();
    f.handlers = vec![Box::new(on_open), Box::new(on_message), Box::new(on_close)];
    f.socket = Some(socket);
}

/// The socket is down: poll meanwhile, and try again after the backoff.
fn retry(feed: Rc<RefCell<Feed>>) {
    let (delay, scope) = {
        let mut f = feed.borrow_mut();
        f.socket = None;
        f.mode.set(Mode::Polling);
        let delay = backoff_ms(f.attempt);
        f.attempt += 1;
        (delay, f.scope)
    };
    scope.after(delay, move || connect(feed));
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn backoff_doubles_up_to_thirty_seconds() {
        let waits: Vec<u32> = (0..8).map(backoff_ms).collect();
        assert_eq!(
            waits,
            [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]
        );
        assert_eq!(backoff_ms(u32::MAX), 30_000);
    }
}
