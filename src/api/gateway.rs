//! The panel's gateway (`gateway/` in this repository): found at start, and where a supervisor signs in and
//! out when it is there. Beside the API base: `/communication_manager/` → `/gateway/session`.

use serde::Deserialize;

use super::listed::Listed;
use super::paths::segment;
use super::vocabulary::StatusType;
use super::{ApiClient, ApiError, Credentials};

/// What `GET /gateway/session` says.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewaySession {
    #[serde(default)]
    pub gateway: bool,
    #[serde(default)]
    pub signed_in: bool,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// The gateway's base for an API base: its sibling `gateway/`.
pub fn base(api_base: &str) -> String {
    let trimmed = api_base.trim_end_matches('/');
    let parent = trimmed.strip_suffix("communication_manager").unwrap_or("/");
    format!("{parent}gateway/")
}

fn client(api_base: &str) -> ApiClient {
    ApiClient::new(&base(api_base), &Credentials::through_gateway("", 0))
}

/// The gateway's session, or `None` where there is no gateway (a static host answers 404, or its
/// `index.html`, or nothing at all).
pub async fn find(api_base: &str) -> Option<GatewaySession> {
    client(api_base)
        .get_once::<GatewaySession>("session", "the gateway's session")
        .await
        .ok()
        .filter(|s| s.gateway)
}

/// Signs in at the gateway with the supervisor's own username and password; the gateway keeps the
/// session in an HttpOnly cookie and the password goes nowhere else.
pub async fn sign_in(
    api_base: &str,
    username: &str,
    password: &str,
) -> Result<GatewaySession, ApiError> {
    let api = client(api_base);
    let form = serde_json::json!({ "username": username, "password": password });
    api.post("session", &form).await?;
    api.get_once("session", "the gateway's session").await
}

/// Ends the gateway's session: its credentials are wiped and its sockets close.
pub async fn sign_out(api_base: &str) -> Result<(), ApiError> {
    client(api_base).delete("session").await
}

/// One entry of the team's Activity, as the gateway keeps it. `by` is empty for a change made outside
/// the panel; `action` is the panel's own words (`status-set`, `member-added`, …, `outside`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    pub id: i64,
    pub at: i64,
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub by_name: String,
    #[serde(default)]
    pub core_server: String,
    pub action: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
    #[serde(default)]
    pub result: String,
}

/// What the team's Activity is asked for; empty text means any. Times are Unix ms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActivityQuery {
    pub by: String,
    pub target: String,
    pub action: String,
    pub from: Option<i64>,
    pub until: Option<i64>,
}

impl ActivityQuery {
    /// `activity?…`: the filters, then `extra` pairs (paging, format), each value encoded.
    fn path(&self, extra: &[(&str, String)]) -> String {
        let mut pairs: Vec<(&str, String)> = [
            ("by", self.by.trim().to_owned()),
            ("target", self.target.trim().to_owned()),
            ("action", self.action.clone()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        pairs.extend(self.from.map(|t| ("from", t.to_string())));
        pairs.extend(self.until.map(|t| ("until", t.to_string())));
        pairs.extend(extra.iter().cloned());
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", segment(v)))
            .collect();
        format!("activity?{}", query.join("&"))
    }
}

/// One page of the team's Activity, newest first; `next` asks for the page after it.
pub struct ActivityPage {
    pub entries: Listed<ActivityEntry>,
    pub next: Option<i64>,
}

#[derive(Deserialize)]
struct PageWire {
    entries: Vec<serde_json::Value>,
    next: Option<i64>,
}

pub const ACTIVITY_PAGE: usize = 200;

/// A page of the team's Activity: the newest, or older than `before` (the last page's `next`).
pub async fn activity(
    api_base: &str,
    query: &ActivityQuery,
    before: Option<i64>,
) -> Result<ActivityPage, ApiError> {
    let mut extra = vec![("limit", ACTIVITY_PAGE.to_string())];
    extra.extend(before.map(|b| ("before", b.to_string())));
    let page: PageWire = client(api_base)
        .get_once(&query.path(&extra), "the team's Activity")
        .await?;
    Ok(ActivityPage {
        entries: Listed::read(page.entries),
        next: page.next,
    })
}

/// Where the gateway streams everything `query` matches as a file (`csv`, or `json-all`): built by the
/// gateway when the link is followed, not in the page.
pub fn activity_export(api_base: &str, query: &ActivityQuery, format: &str) -> String {
    format!(
        "{}{}",
        base(api_base),
        query.path(&[("format", format.to_owned())])
    )
}

/// The status change a user's status came from, as the gateway's history recorded it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    /// Unix ms.
    pub at: i64,
    pub name: String,
    pub kind: StatusType,
}

/// Each user's latest recorded status change on one core server, and when the history began.
pub struct Since {
    pub recording_since: i64,
    pub users: std::collections::HashMap<String, StatusChange>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SinceWire {
    recording_since: i64,
    users: std::collections::HashMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct ChangeWire {
    at: i64,
    #[serde(default)]
    name: String,
    #[serde(rename = "type")]
    kind: String,
}

impl SinceWire {
    /// Each user's entry read on its own: one the panel cannot read is left out (no "since" for them).
    fn read(self) -> Since {
        let users = self
            .users
            .into_iter()
            .filter_map(|(user, v)| {
                let c: ChangeWire = serde_json::from_value(v).ok()?;
                let kind = StatusType::parse(&c.kind);
                Some((
                    user,
                    StatusChange {
                        at: c.at,
                        name: c.name,
                        kind,
                    },
                ))
            })
            .collect();
        Since {
            recording_since: self.recording_since,
            users,
        }
    }
}

/// Since when each user of a core server (its configuration id) is in their status, from the gateway.
pub async fn since(api_base: &str, core_server_id: &str) -> Result<Since, ApiError> {
    let wire: SinceWire = client(api_base)
        .get_once(
            &format!("since?coreServer={}", segment(core_server_id)),
            "since when each user is in their status",
        )
        .await?;
    Ok(wire.read())
}

/// One event of a user's history: a status change (`kind` `userStatus`, with its name and type) or a
/// login (`userLogin`, `userLogout`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct HistoryEvent {
    pub at: i64,
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(rename = "type", default)]
    pub status_type: String,
}

#[derive(Deserialize)]
struct HistoryWire {
    events: Vec<serde_json::Value>,
}

/// One user's history on a core server (its configuration id) from `from` (Unix ms), oldest first, with
/// the status change before it (what the day began in).
pub async fn history(
    api_base: &str,
    core_server_id: &str,
    username: &str,
    from: i64,
) -> Result<Listed<HistoryEvent>, ApiError> {
    let path = format!(
        "history?coreServer={}&user={}&from={from}",
        segment(core_server_id),
        segment(username)
    );
    let wire: HistoryWire = client(api_base).get_once(&path, "the user's day").await?;
    Ok(Listed::read(wire.events))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_reads_each_user_on_their_own() {
        let wire: SinceWire = serde_json::from_str(
            r#"{"recordingSince":7,"users":{"4201":{"at":9,"name":"Lunch","type":"away","note":""},"4202":{"at":"x"}}}"#,
        )
        .unwrap();
        let since = wire.read();
        assert_eq!(since.recording_since, 7);
        assert_eq!(since.users.len(), 1);
        assert_eq!(since.users["4201"].kind, StatusType::Away);
    }

    #[test]
    fn activity_queries_encode_their_filters() {
        let q = ActivityQuery {
            by: " 4224 ".into(),
            target: "ops/night & co".into(),
            from: Some(1_000),
            ..ActivityQuery::default()
        };
        assert_eq!(
            q.path(&[("limit", "200".into())]),
            "activity?by=4224&target=ops%2Fnight%20%26%20co&from=1000&limit=200"
        );
        assert_eq!(
            activity_export("/communication_manager/", &ActivityQuery::default(), "csv"),
            "/gateway/activity?format=csv"
        );
    }

    #[test]
    fn an_unreadable_activity_entry_is_left_out_alone() {
        let page: PageWire = serde_json::from_str(
            r#"{"entries":[{"id":2,"at":5,"action":"outside","target":"4201"},{"id":"x"}],"next":null}"#,
        )
        .unwrap();
        let listed: Listed<ActivityEntry> = Listed::read(page.entries);
        assert_eq!((listed.items.len(), listed.left_out), (1, 1));
        assert_eq!(listed.items[0].by, "");
    }

    #[test]
    fn the_gateway_sits_beside_the_api() {
        assert_eq!(base("/communication_manager/"), "/gateway/");
        assert_eq!(base("/communication_manager"), "/gateway/");
        assert_eq!(
            base("http://h:8090/communication_manager/"),
            "http://h:8090/gateway/"
        );
        assert_eq!(base("/api/"), "/gateway/");
    }

    #[test]
    fn its_session_reads_both_ways() {
        let out: GatewaySession =
            serde_json::from_str(r#"{"gateway":true,"signedIn":false,"mode":"users"}"#).unwrap();
        assert!(out.gateway && !out.signed_in);
        let who: GatewaySession = serde_json::from_str(
            r#"{"gateway":true,"signedIn":true,"username":"4224","displayName":"Steve Summers"}"#,
        )
        .unwrap();
        assert_eq!(who.display_name.as_deref(), Some("Steve Summers"));
    }
}
