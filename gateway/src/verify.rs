//! Checking who signs in. `users` mode: the supervisor's own iSymphony client password against that
//! configuration user's SHA-1 (read with the service account, compared in constant time), then membership
//! of an allowed group or the username list. `realm` mode: one cheap GET with the supervisor's own realm
//! credentials, which are then kept for the session.

use serde_json::Value;
use subtle::ConstantTimeEq;

use crate::config::Mode;
use crate::secret::{basic, Secret};
use crate::sessions::Person;
use crate::upstream::{Refused, Upstream};

/// A supervisor who may sign in.
pub struct Verified {
    pub person: Person,
    /// The credentials the session speaks upstream with (`realm` mode).
    pub authorization: Option<Secret>,
}

/// Why a sign-in did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The same for every reason that is about the person (said the same way to the browser).
    Refused,
    /// iSymphony could not answer the check.
    Upstream(String),
}

impl From<Refused> for Failure {
    fn from(r: Refused) -> Failure {
        match r {
            // The service account refused: an operator's problem, not the person's.
            Refused::Credentials => Failure::Upstream(
                "iSymphony refused the gateway's service account: check [service_account] in gateway.toml.".into(),
            ),
            Refused::Unreachable(why) => Failure::Upstream(why),
        }
    }
}

pub async fn verify(
    upstream: &Upstream,
    mode: &Mode,
    service: Option<&Secret>,
    username: &str,
    password: &str,
) -> Result<Verified, Failure> {
    match (mode, service) {
        (Mode::Users { groups, usernames }, Some(service)) => {
            let person =
                client_user(upstream, service, groups, usernames, username, password).await?;
            Ok(Verified {
                person,
                authorization: None,
            })
        }
        (Mode::Users { .. }, None) => {
            Err(Failure::Upstream("no service account configured".into()))
        }
        (Mode::Realm, _) => realm_user(upstream, username, password).await,
    }
}

async fn realm_user(
    upstream: &Upstream,
    username: &str,
    password: &str,
) -> Result<Verified, Failure> {
    if username.contains(':') {
        return Err(Failure::Refused);
    }
    let authorization = basic(username, password);
    match upstream
        .get_json("config/server/coreServers", &authorization)
        .await
    {
        Ok(_) => Ok(Verified {
            person: Person {
                username: username.to_owned(),
                display_name: None,
            },
            authorization: Some(authorization),
        }),
        Err(Refused::Credentials) => Err(Failure::Refused),
        Err(Refused::Unreachable(why)) => Err(Failure::Upstream(why)),
    }
}

async fn client_user(
    upstream: &Upstream,
    service: &Secret,
    groups: &[String],
    usernames: &[String],
    username: &str,
    password: &str,
) -> Result<Person, Failure> {
    let offered = sha1_smol::Sha1::from(password.as_bytes())
        .digest()
        .to_string();
    let servers = upstream
        .get_json("config/server/coreServers", service)
        .await?;
    for core in ids(&servers) {
        let users = upstream
            .get_json(&format!("config/core/{}/users", segment(&core)), service)
            .await?;
        let Some(user) = array(&users).find(|u| u["username"] == username) else {
            continue;
        };
        if !password_matches(user, &offered) || user["enabled"] == false {
            return Err(Failure::Refused);
        }
        let user_id = user["id"].as_str().unwrap_or_default();
        let listed = usernames.iter().any(|u| u == username);
        if listed || in_groups(upstream, service, &core, groups, user_id).await? {
            return Ok(Person {
                username: username.to_owned(),
                display_name: user["displayName"].as_str().map(str::to_owned),
            });
        }
        return Err(Failure::Refused);
    }
    // An unknown user costs the same hash comparison as a known one.
    let _ = password_matches(&Value::Null, &offered);
    Err(Failure::Refused)
}

/// Constant-time comparison of the offered password's SHA-1 with the user's; a user without a hash never
/// matches.
fn password_matches(user: &Value, offered: &str) -> bool {
    let stored = user["password"]
        .as_str()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (stored, ok) = if stored.len() == 40 {
        (stored, true)
    } else {
        ("0".repeat(40), false)
    };
    bool::from(stored.as_bytes().ct_eq(offered.as_bytes())) && ok
}

async fn in_groups(
    upstream: &Upstream,
    service: &Secret,
    core: &str,
    groups: &[String],
    user_id: &str,
) -> Result<bool, Failure> {
    if groups.is_empty() || user_id.is_empty() {
        return Ok(false);
    }
    let base = format!("config/core/{}/userGroups", segment(core));
    let all = upstream.get_json(&base, service).await?;
    let wanted = array(&all).filter(|g| {
        g["displayName"]
            .as_str()
            .is_some_and(|name| groups.iter().any(|w| w == name))
    });
    for group in ids_of(wanted) {
        let members = upstream
            .get_json(&format!("{base}/{}/users", segment(&group)), service)
            .await?;
        if array(&members).any(|m| m["id"] == user_id) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn array(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

fn ids(value: &Value) -> Vec<String> {
    ids_of(array(value))
}

fn ids_of<'a>(items: impl Iterator<Item = &'a Value>) -> Vec<String> {
    items
        .filter_map(|v| v["id"].as_str().map(str::to_owned))
        .collect()
}

/// Percent-encodes one path segment (ids come from iSymphony, but are never trusted to be plain).
fn segment(raw: &str) -> String {
    raw.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hashes_compare_whole_and_a_missing_hash_never_matches() {
        let offered = sha1_smol::Sha1::from("pw".as_bytes()).digest().to_string();
        assert!(password_matches(
            &json!({"password": offered.to_uppercase()}),
            &offered
        ));
        assert!(!password_matches(
            &json!({"password": "0".repeat(40)}),
            &offered
        ));
        assert!(!password_matches(&json!({}), &offered));
        assert!(!password_matches(&json!({"password": null}), &offered));
        assert!(!password_matches(&json!({"password": ""}), &offered));
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
    }
}
