//! The Event socket, Live for everyone. Upstream: a [`Hub`] holds one socket to iSymphony (in `users`
//! mode one for the whole gateway, in `realm` mode one per session), reconnecting with backoff, and fans
//! its events out unchanged. Downstream: a browser's socket needs a live session and an exact `Origin`;
//! it gets the events its own filter asks for, and closes when its session ends, when the upstream
//! socket it was opened on closes (the panel then reconnects and catches up), or at shutdown.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use futures_util::StreamExt;
use serde_json::Value;
use tokio::sync::{broadcast, watch};
use tokio_tungstenite::tungstenite;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::secret::Secret;

const FIRST_RETRY: Duration = Duration::from_secs(1);
const LAST_RETRY: Duration = Duration::from_secs(30);

/// One event as iSymphony sent it, and read (for filters).
pub struct Event {
    pub text: String,
    pub value: Option<Value>,
}

/// The upstream socket's state: down, or up as its `n`th connection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Link {
    Down,
    Up(u64),
}

/// Something that must see every upstream event in order, and every change of the socket's state, as
/// they happen (before any browser does): the gateway's own memory of what iSymphony said.
pub trait Watcher: Send + Sync {
    fn link(&self, link: Link);
    fn event(&self, event: &Event);
}

/// One upstream Event socket, fanned out; it stops when dropped.
pub struct Hub {
    events: broadcast::Sender<Arc<Event>>,
    link: watch::Receiver<Link>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Hub {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Hub {
    pub fn start(url: String, authorization: Secret, watchers: Vec<Arc<dyn Watcher>>) -> Arc<Hub> {
        let (events, _) = broadcast::channel(4096);
        let (link_tx, link) = watch::channel(Link::Down);
        let fan_out = FanOut {
            events: events.clone(),
            link: link_tx,
            watchers,
        };
        let task = tokio::spawn(keep_connected(url, authorization, fan_out));
        Arc::new(Hub { events, link, task })
    }

    pub fn is_up(&self) -> bool {
        matches!(*self.link.borrow(), Link::Up(_))
    }

    /// Waits up to `within` for the upstream socket, then subscribes to this connection of it.
    pub async fn subscribe(&self, within: Duration) -> Option<Subscription> {
        let mut link = self.link.clone();
        let up = tokio::time::timeout(within, link.wait_for(|l| matches!(l, Link::Up(_))))
            .await
            .ok()?
            .ok()
            .map(|l| *l)?;
        Some(Subscription {
            events: self.events.subscribe(),
            link,
            up,
        })
    }
}

/// A browser's share of one upstream connection.
pub struct Subscription {
    events: broadcast::Receiver<Arc<Event>>,
    link: watch::Receiver<Link>,
    up: Link,
}

/// Where the upstream socket's news goes: watchers first, then browsers.
struct FanOut {
    events: broadcast::Sender<Arc<Event>>,
    link: watch::Sender<Link>,
    watchers: Vec<Arc<dyn Watcher>>,
}

impl FanOut {
    fn link(&self, link: Link) {
        self.watchers.iter().for_each(|w| w.link(link));
        self.link.send_replace(link);
    }

    fn event(&self, text: String) {
        let value = serde_json::from_str(&text).ok();
        let event = Arc::new(Event { text, value });
        self.watchers.iter().for_each(|w| w.event(&event));
        let _ = self.events.send(event);
    }
}

async fn keep_connected(url: String, authorization: Secret, out: FanOut) {
    let mut wait = FIRST_RETRY;
    let mut connections = 0;
    loop {
        match connect(&url, &authorization).await {
            Ok(mut socket) => {
                connections += 1;
                wait = FIRST_RETRY;
                tracing::info!(url, connections, "upstream event socket connected");
                out.link(Link::Up(connections));
                while let Some(Ok(message)) = socket.next().await {
                    match message {
                        tungstenite::Message::Text(text) => out.event(text.to_string()),
                        tungstenite::Message::Close(_) => break,
                        _ => {}
                    }
                }
                out.link(Link::Down);
                tracing::warn!(url, "upstream event socket closed; reconnecting");
            }
            Err(e) => {
                tracing::warn!(url, error = %e, retry_in_s = wait.as_secs(), "upstream event socket refused")
            }
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(LAST_RETRY);
    }
}

async fn connect(
    url: &str,
    authorization: &Secret,
) -> Result<
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    String,
> {
    let mut request = url.into_client_request().map_err(|e| e.to_string())?;
    let value = authorization
        .expose()
        .parse()
        .map_err(|_| "bad credentials".to_string())?;
    request.headers_mut().insert("authorization", value);
    tokio_tungstenite::connect_async(request)
        .await
        .map(|(socket, _)| socket)
        .map_err(|e| match e {
            tungstenite::Error::Http(response) => {
                format!("handshake answered {}", response.status())
            }
            other => other.to_string(),
        })
}

/// What ends a browser's socket besides the browser.
pub struct Ends {
    /// Closes when the session ends.
    pub session: watch::Receiver<()>,
    /// Turns `true` at shutdown.
    pub shutdown: watch::Receiver<bool>,
}

/// Serves one browser: its filter, the events it matches, until something ends it.
pub async fn serve(mut socket: WebSocket, mut sub: Subscription, mut ends: Ends, _hub: Arc<Hub>) {
    let mut filters = Filters::default();
    loop {
        tokio::select! {
            _ = ends.session.changed() => break,
            _ = ends.shutdown.changed() => break,
            changed = sub.link.changed() => {
                if changed.is_err() || *sub.link.borrow() != sub.up {
                    break;
                }
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    if let Some(f) = Filters::parse(&text) {
                        filters = f;
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
            event = sub.events.recv() => match event {
                Ok(event) if filters.accepts(&event) => {
                    if socket.send(Message::Text(event.text.clone().into())).await.is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                // Events were missed: close, so the panel reconnects and reads everything again.
                Err(_) => break,
            },
        }
    }
    let _ = socket.send(Message::Close(None)).await;
}

/// The filters one browser asked for (contract, "Decided here" 11: any of them matches); none means every
/// event.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Filters(Vec<(String, Value)>);

impl Filters {
    /// Reads a `filter` message; anything else is `None` (and ignored).
    pub fn parse(text: &str) -> Option<Filters> {
        let message: Value = serde_json::from_str(text).ok()?;
        if message.get("type")? != "filter" {
            return None;
        }
        let filters = message
            .get("filters")?
            .as_array()?
            .iter()
            .filter_map(|f| {
                Some((
                    f.get("property")?.as_str()?.to_owned(),
                    f.get("value")?.clone(),
                ))
            })
            .collect();
        Some(Filters(filters))
    }

    pub fn accepts(&self, event: &Event) -> bool {
        self.0.is_empty()
            || event.value.as_ref().is_some_and(|v| {
                self.0
                    .iter()
                    .any(|(property, value)| v.get(property) == Some(value))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(text: &str) -> Event {
        Event {
            text: text.into(),
            value: serde_json::from_str(text).ok(),
        }
    }

    #[test]
    fn filters_match_any_and_unreadable_events_only_reach_the_unfiltered() {
        let f = Filters::parse(
            r#"{"type":"filter","filters":[{"property":"type","value":"userStatus"},{"property":"type","value":"userLogin"}]}"#,
        )
        .unwrap();
        assert!(f.accepts(&event(r#"{"type":"userStatus"}"#)));
        assert!(f.accepts(&event(r#"{"type":"userLogin"}"#)));
        assert!(!f.accepts(&event(r#"{"type":"userLogout"}"#)));
        assert!(!f.accepts(&event("not json")));
        assert!(Filters::default().accepts(&event("not json")));
        assert_eq!(Filters::parse(r#"{"type":"hello"}"#), None);
    }
}
