//! The `--data FILE.json` format, and how a seed becomes the live store. Configuration ids come from the
//! seed and persist; live ids are made fresh on every start, as an iSymphony restart does.

use serde::Deserialize;
use uuid::Uuid;

use crate::model::{CoreServer, Group, Login, Status, Store, User, ALL_USERS_ID, STATUS_TYPES};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seed {
    pub core_servers: Vec<SeedServer>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedServer {
    pub id: String,
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub users: Vec<SeedUser>,
    /// Ordinary groups only: All Users is built in.
    #[serde(default)]
    pub groups: Vec<SeedGroup>,
}

/// A user of the seed. As on a real iSymphony, `displayName` may be missing or `null` (users made by
/// FreePBX's module have none), and fields the contract does not list (`restricted`) are kept and served
/// with the configuration user (contract, "Decided here" 15).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeedUser {
    pub id: String,
    pub username: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default = "yes")]
    pub full: bool,
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Plain password of the seed (default `<username>-secret`; `""` for none set); the server only ever
    /// stores and shows its SHA-1, as iSymphony does.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub last_password_changed_at: Option<i64>,
    #[serde(default)]
    pub status: Option<SeedStatus>,
    #[serde(default)]
    pub logins: Vec<SeedLogin>,
    /// Any other field, served as it is.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedStatus {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub note: String,
    #[serde(default = "no_return_time")]
    pub return_time: i64,
    #[serde(default)]
    pub user_created: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedLogin {
    pub ip: String,
    pub port: u16,
    pub time_connected: i64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedGroup {
    pub id: String,
    pub display_name: String,
    /// Configuration ids of the members.
    #[serde(default)]
    pub members: Vec<String>,
}

fn yes() -> bool {
    true
}

fn no_return_time() -> i64 {
    -1
}

fn fresh_id() -> String {
    Uuid::new_v4().to_string()
}

impl SeedStatus {
    pub fn available() -> Self {
        SeedStatus {
            name: "Available".into(),
            kind: "available".into(),
            note: String::new(),
            return_time: -1,
            user_created: false,
        }
    }
}

impl Seed {
    pub fn from_json(text: &str) -> Result<Seed, String> {
        let seed: Seed = serde_json::from_str(text).map_err(|e| format!("invalid seed: {e}"))?;
        seed.validate()?;
        Ok(seed)
    }

    /// Rejects a seed the server could not serve faithfully (duplicates, unknown members, bad types).
    pub fn validate(&self) -> Result<(), String> {
        let mut slugs = std::collections::HashSet::new();
        for server in &self.core_servers {
            if !slugs.insert(&server.slug) {
                return Err(format!("duplicate core server slug {:?}", server.slug));
            }
            let mut ids = std::collections::HashSet::new();
            let mut names = std::collections::HashSet::new();
            for user in &server.users {
                if !ids.insert(&user.id) || !names.insert(&user.username) {
                    return Err(format!(
                        "duplicate user {:?} in {:?}",
                        user.username, server.slug
                    ));
                }
                if let Some(status) = &user.status {
                    if !STATUS_TYPES.contains(&status.kind.as_str()) {
                        return Err(format!(
                            "unknown status type {:?} for {:?}",
                            status.kind, user.username
                        ));
                    }
                }
            }
            for group in &server.groups {
                if group.id == ALL_USERS_ID {
                    return Err("All Users is built in; do not list it in a seed".into());
                }
                if let Some(m) = group.members.iter().find(|m| !ids.contains(m)) {
                    return Err(format!(
                        "group {:?} lists unknown user id {m:?}",
                        group.display_name
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn into_store(self) -> Store {
        Store {
            unit: Default::default(),
            no_license: false,
            servers: self
                .core_servers
                .into_iter()
                .map(server_from_seed)
                .collect(),
        }
    }
}

fn server_from_seed(s: SeedServer) -> CoreServer {
    CoreServer {
        id: s.id,
        live_id: uuid::Uuid::new_v4().to_string(),
        slug: s.slug,
        name: s.name,
        users: s.users.into_iter().map(user_from_seed).collect(),
        groups: s
            .groups
            .into_iter()
            .map(|g| Group {
                id: g.id,
                display_name: g.display_name,
                members: g.members,
            })
            .collect(),
    }
}

fn user_from_seed(u: SeedUser) -> User {
    let status = u.status.unwrap_or_else(SeedStatus::available);
    // An empty password in the seed stands for none set: the user has no hash (and cannot sign in).
    let password_hash = match u.password {
        Some(p) if p.is_empty() => String::new(),
        p => {
            let password = p.unwrap_or_else(|| format!("{}-secret", u.username));
            sha1_smol::Sha1::from(password.as_bytes())
                .digest()
                .to_string()
        }
    };
    User {
        live_id: fresh_id(),
        password_hash,
        enabled: u.enabled,
        full: u.full,
        display_name: u.display_name,
        extra: u.extra,
        last_password_changed_at: u.last_password_changed_at,
        status: Status {
            id: fresh_id(),
            configuration_id: fresh_id(),
            name: status.name,
            kind: status.kind,
            note: status.note,
            return_time: status.return_time,
            user_created: status.user_created,
        },
        logins: u
            .logins
            .into_iter()
            .map(|l| Login {
                id: fresh_id(),
                ip: l.ip,
                port: l.port,
                time_connected: l.time_connected,
            })
            .collect(),
        id: u.id,
        username: u.username,
    }
}
