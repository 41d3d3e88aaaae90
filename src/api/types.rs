//! The contract's JSON, with its exact spellings (`userName`/`displayedName` live, `username`/`displayName`
//! configuration). Unknown fields are ignored. The configuration user's `password` hash has no field here on
//! purpose: it is never deserialised, so it can never be shown or sent back.

use serde::{Deserialize, Serialize};

use crate::api::vocabulary::StatusType;

/// A core server as the live API knows it. Its `id` is a live id, new at every iSymphony start, and the one
/// events carry; the vendor shows nothing else of it for certain, so nothing else is read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LiveCoreServer {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CoreServer {
    pub id: String,
    pub slug: String,
    pub name: String,
}

/// A configuration user. Serialising it gives the body of "add member" — without a password.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigUser {
    pub id: String,
    pub username: String,
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    pub enabled: bool,
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    pub full: bool,
    /// Empty when the server has none (users made by FreePBX's module): see [`ConfigUser::name`]. Sent
    /// back only when there was one.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub display_name: String,
    #[serde(default)]
    pub last_password_changed_at: Option<i64>,
    #[serde(default)]
    pub permission_display_name: Option<String>,
    #[serde(default)]
    pub permission_id: Option<String>,
}

impl ConfigUser {
    /// The name to show: the display name, or the username when there is none.
    pub fn name(&self) -> &str {
        name_or(&self.display_name, &self.username)
    }
}

fn name_or<'a>(name: &'a str, username: &'a str) -> &'a str {
    if name.trim().is_empty() {
        username
    } else {
        name
    }
}

fn yes() -> bool {
    true
}

fn null_as_yes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserGroup {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub display_name: String,
}

impl UserGroup {
    /// The name to show: the display name, or the id when there is none.
    pub fn name(&self) -> &str {
        name_or(&self.display_name, &self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveUser {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub configuration_id: String,
    pub user_name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub displayed_name: String,
}

impl LiveUser {
    /// The name to show: the displayed name, or the username when there is none.
    pub fn name(&self) -> &str {
        name_or(&self.displayed_name, &self.user_name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Login {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub ip: String,
    #[serde(default)]
    pub port: Option<u32>,
    #[serde(default)]
    pub time_connected: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserStatus {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub configuration_id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(rename = "type")]
    pub kind: StatusType,
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
    #[serde(default = "no_return_time")]
    pub return_time: i64,
    #[serde(default, deserialize_with = "null_as_default")]
    pub user_created: bool,
}

fn no_return_time() -> i64 {
    crate::api::vocabulary::NO_RETURN_TIME
}

/// A field a real server may send as `null` (contract, "Decided here" 15) reads as its default.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The unit of `returnTime` on the wire. The vendor's pages say milliseconds, but their example only reads
/// as a date in seconds, so a real server may use either (contract, "Decided here" 1 and 18); `config.json`
/// says which. Inside the panel a return time is always milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum ReturnTimeUnit {
    #[default]
    #[serde(rename = "ms")]
    Milliseconds,
    #[serde(rename = "s")]
    Seconds,
}

impl ReturnTimeUnit {
    /// A wire value as milliseconds; "no return time" (`-1`) stays `-1`.
    pub fn to_ms(self, wire: i64) -> i64 {
        match self {
            ReturnTimeUnit::Seconds if wire >= 0 => wire.saturating_mul(1_000),
            _ => wire,
        }
    }

    /// Milliseconds as a wire value (whole seconds, rounded down); `-1` stays `-1`.
    pub fn from_ms(self, ms: i64) -> i64 {
        match self {
            ReturnTimeUnit::Seconds if ms >= 0 => ms / 1_000,
            _ => ms,
        }
    }
}

/// Whether return times read as milliseconds look like seconds: a time in the future read as seconds is
/// a date before 1973 read as milliseconds.
pub fn looks_like_seconds(return_time_ms: i64) -> bool {
    const START_OF_1973_MS: i64 = 94_694_400_000;
    (1..START_OF_1973_MS).contains(&return_time_ms)
}

/// The body of `status/set`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetStatus {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: StatusType,
    pub note: String,
    pub return_time: i64,
}

/// A status as a body that sets it again (an Undo, a preset).
impl From<&UserStatus> for SetStatus {
    fn from(status: &UserStatus) -> Self {
        SetStatus {
            name: status.name.clone(),
            kind: status.kind.clone(),
            note: status.note.clone(),
            return_time: status.return_time,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendor_examples_decode() {
        let status: UserStatus = serde_json::from_str(
            r#"{"id":"99c6c017-7c86-4d78-89ca-dbc1267ffe76","configurationId":"215734e0-383d-11e2-81c1-0800200c9a66",
                "name":"Went back in time","type":"away","note":"Tell Doc Brown","returnTime":499132800,"userCreated":true}"#,
        )
        .unwrap();
        assert_eq!(status.kind, StatusType::Away);
        assert_eq!(status.return_time, 499132800);
        let live: LiveUser = serde_json::from_str(
            r#"{"id":"cb25","configurationId":"ed38","userName":"4224","displayedName":"Michael Y (desk)","permissionId":"ed38"}"#,
        )
        .unwrap();
        assert_eq!(
            (live.user_name.as_str(), live.displayed_name.as_str()),
            ("4224", "Michael Y (desk)")
        );
    }

    #[test]
    fn a_password_hash_is_read_past_and_never_sent_back() {
        let user: ConfigUser = serde_json::from_str(
            r#"{"id":"56cf","username":"4224","password":"e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4",
                "enabled":true,"full":true,"displayName":"Steve S","lastPasswordChangedAt":null,
                "permissionDisplayName":"Steve S","permissionId":"56cf"}"#,
        )
        .unwrap();
        let sent = serde_json::to_string(&user).unwrap();
        assert!(!sent.contains("password\""), "{sent}");
        assert!(!sent.contains("e5e9fa1b"), "{sent}");
        assert!(sent.contains(r#""id":"56cf""#) && sent.contains(r#""displayName":"Steve S""#));
    }

    #[test]
    fn an_unknown_status_type_is_kept_not_a_failure() {
        let s: UserStatus =
            serde_json::from_str(r#"{"name":"Gone fishing","type":"fishing","note":null}"#)
                .unwrap();
        assert_eq!(s.kind, StatusType::Unknown("fishing".into()));
        assert_eq!((s.note.as_str(), s.return_time), ("", -1));
    }

    #[test]
    fn return_times_convert_between_units() {
        let s = ReturnTimeUnit::Seconds;
        assert_eq!(
            (s.to_ms(499_132_800), s.from_ms(499_132_800_999)),
            (499_132_800_000, 499_132_800)
        );
        assert_eq!((s.to_ms(-1), s.from_ms(-1)), (-1, -1));
        let ms = ReturnTimeUnit::Milliseconds;
        assert_eq!((ms.to_ms(5), ms.from_ms(5)), (5, 5));
        let parsed: ReturnTimeUnit = serde_json::from_str(r#""s""#).unwrap();
        assert_eq!(parsed, s);
        assert!(serde_json::from_str::<ReturnTimeUnit>(r#""minutes""#).is_err());
    }

    #[test]
    fn the_vendor_example_looks_like_seconds() {
        assert!(looks_like_seconds(499_132_800), "1985-10-26 in seconds");
        assert!(
            !looks_like_seconds(1_790_000_000_000),
            "2026 in milliseconds"
        );
        assert!(!looks_like_seconds(-1) && !looks_like_seconds(0));
    }

    #[test]
    fn the_set_body_uses_the_contract_spelling() {
        let body = SetStatus {
            name: "Lunch".into(),
            kind: StatusType::AltPurple,
            note: "a\nb".into(),
            return_time: -1,
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"name":"Lunch","type":"altpurple","note":"a\nb","returnTime":-1}"#
        );
    }
}
