//! The in-memory state of the server and the JSON shapes it answers with (the contract's exact spellings).

use serde::Serialize;

/// The built-in group that always holds every user and cannot be edited.
pub const ALL_USERS_ID: &str = "21d97061-ff6a-11e1-a21f-0800200c9a66";
pub const ALL_USERS_NAME: &str = "All Users";

/// The eleven status types of the contract.
pub const STATUS_TYPES: [&str; 11] = [
    "available",
    "unavailable",
    "away",
    "xa",
    "dnd",
    "chat",
    "altblue",
    "altgreen",
    "altpink",
    "altpurple",
    "altred",
];

#[derive(Debug, Clone, Default)]
pub struct Store {
    pub servers: Vec<CoreServer>,
    /// The unit return times are served and accepted in (they are kept in milliseconds).
    pub unit: ReturnTimeUnit,
    /// `--no-license`: no licence installed on the core server, so every status read and set is refused.
    pub no_license: bool,
}

/// `--return-time-unit`: milliseconds as the vendor's pages say, or seconds as their example reads
/// (contract, "Decided here" 1 and 18).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReturnTimeUnit {
    #[default]
    Milliseconds,
    Seconds,
}

impl ReturnTimeUnit {
    pub fn parse(value: &str) -> Result<Self, String> {
        match value {
            "ms" => Ok(ReturnTimeUnit::Milliseconds),
            "s" => Ok(ReturnTimeUnit::Seconds),
            _ => Err(format!("--return-time-unit {value:?} is not ms or s")),
        }
    }

    /// A kept (millisecond) return time as served; `-1` stays `-1`.
    pub fn to_wire(self, ms: i64) -> i64 {
        match self {
            ReturnTimeUnit::Seconds if ms >= 0 => ms / 1_000,
            _ => ms,
        }
    }

    /// A return time as sent, in milliseconds; `-1` stays `-1`.
    pub fn from_wire(self, wire: i64) -> i64 {
        match self {
            ReturnTimeUnit::Seconds if wire >= 0 => wire * 1_000,
            _ => wire,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CoreServer {
    /// Configuration id: persists across restarts.
    pub id: String,
    /// Live id: a fresh UUID every time the server starts (and at every simulated restart); events carry it.
    pub live_id: String,
    pub slug: String,
    pub name: String,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone)]
pub struct User {
    /// Configuration id: persists across restarts.
    pub id: String,
    /// Live id: a fresh UUID every time the server starts, as on iSymphony.
    pub live_id: String,
    pub username: String,
    pub password_hash: String,
    pub enabled: bool,
    pub full: bool,
    /// `None` for users made by FreePBX's module: served as a missing `displayName` (configuration) and a
    /// `null` `displayedName` (live), the two forms a real server may use.
    pub display_name: Option<String>,
    /// Fields of the configuration user the contract does not list (`restricted`), served as they are.
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub last_password_changed_at: Option<i64>,
    pub status: Status,
    pub logins: Vec<Login>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub id: String,
    pub configuration_id: String,
    pub name: String,
    pub kind: String,
    pub note: String,
    pub return_time: i64,
    pub user_created: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Login {
    pub id: String,
    pub ip: String,
    pub port: u16,
    pub time_connected: i64,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub display_name: String,
    /// Configuration ids of the members, in the order they were added.
    pub members: Vec<String>,
}

impl Store {
    /// A core server by its id or its slug, as the addressing rules of the contract allow.
    /// A core server as the configuration API addresses it: configuration id or slug.
    pub fn server(&self, by: &Ref) -> Option<&CoreServer> {
        self.servers.iter().find(|s| match by {
            Ref::Id(id) => &s.id == id,
            Ref::Name(slug) => &s.slug == slug,
        })
    }

    pub fn server_mut(&mut self, by: &Ref) -> Option<&mut CoreServer> {
        self.servers.iter_mut().find(|s| match by {
            Ref::Id(id) => &s.id == id,
            Ref::Name(slug) => &s.slug == slug,
        })
    }

    /// A core server as the live API addresses it: live id or slug.
    pub fn live_server(&self, by: &Ref) -> Option<&CoreServer> {
        self.servers.iter().find(|s| s.is_live(by))
    }

    pub fn live_server_mut(&mut self, by: &Ref) -> Option<&mut CoreServer> {
        self.servers.iter_mut().find(|s| s.is_live(by))
    }
}

impl CoreServer {
    fn is_live(&self, by: &Ref) -> bool {
        match by {
            Ref::Id(id) => &self.live_id == id,
            Ref::Name(slug) => &self.slug == slug,
        }
    }

    pub fn config_user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    /// A live user by live id or username.
    pub fn live_user(&self, by: &Ref) -> Option<&User> {
        self.users.iter().find(|u| u.matches_live(by))
    }

    /// A group's members as configuration ids; All Users is every user.
    pub fn group_members(&self, group_id: &str) -> Option<Vec<String>> {
        if group_id == ALL_USERS_ID {
            return Some(self.users.iter().map(|u| u.id.clone()).collect());
        }
        self.groups
            .iter()
            .find(|g| g.id == group_id)
            .map(|g| g.members.clone())
    }

    pub fn group_json(&self, group_id: &str) -> Option<GroupJson> {
        if group_id == ALL_USERS_ID {
            return Some(GroupJson::new(ALL_USERS_ID, ALL_USERS_NAME));
        }
        self.groups
            .iter()
            .find(|g| g.id == group_id)
            .map(|g| GroupJson::new(&g.id, &g.display_name))
    }

    pub fn groups_json(&self) -> Vec<GroupJson> {
        std::iter::once(GroupJson::new(ALL_USERS_ID, ALL_USERS_NAME))
            .chain(
                self.groups
                    .iter()
                    .map(|g| GroupJson::new(&g.id, &g.display_name)),
            )
            .collect()
    }
}

impl User {
    pub fn matches_live(&self, by: &Ref) -> bool {
        match by {
            Ref::Id(id) => &self.live_id == id,
            Ref::Name(name) => &self.username == name,
        }
    }
}

/// How a path names a resource: `{id}` or `getByName/{name}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ref {
    Id(String),
    Name(String),
}

#[derive(Debug, Serialize)]
pub struct CoreServerJson<'a> {
    pub id: &'a str,
    pub slug: &'a str,
    pub name: &'a str,
}

/// A core server as the live API shows it (`rest/live/coreServers`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveCoreServerJson<'a> {
    pub id: &'a str,
    pub configuration_id: &'a str,
    pub slug: &'a str,
    pub name: &'a str,
}

impl<'a> From<&'a CoreServer> for LiveCoreServerJson<'a> {
    fn from(s: &'a CoreServer) -> Self {
        LiveCoreServerJson {
            id: &s.live_id,
            configuration_id: &s.id,
            slug: &s.slug,
            name: &s.name,
        }
    }
}

impl<'a> From<&'a CoreServer> for CoreServerJson<'a> {
    fn from(s: &'a CoreServer) -> Self {
        CoreServerJson {
            id: &s.id,
            slug: &s.slug,
            name: &s.name,
        }
    }
}

/// A configuration user exactly as iSymphony sends it, password hash included: the panel must cope with it
/// being there and never show or send it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigUserJson<'a> {
    pub id: &'a str,
    pub username: &'a str,
    pub password: &'a str,
    pub enabled: bool,
    pub full: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<&'a str>,
    pub last_password_changed_at: Option<i64>,
    pub permission_display_name: Option<&'a str>,
    pub permission_id: &'a str,
    #[serde(flatten)]
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}

impl<'a> From<&'a User> for ConfigUserJson<'a> {
    fn from(u: &'a User) -> Self {
        ConfigUserJson {
            id: &u.id,
            username: &u.username,
            password: &u.password_hash,
            enabled: u.enabled,
            full: u.full,
            display_name: u.display_name.as_deref(),
            last_password_changed_at: u.last_password_changed_at,
            permission_display_name: u.display_name.as_deref(),
            permission_id: &u.id,
            extra: &u.extra,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveUserJson<'a> {
    pub id: &'a str,
    pub configuration_id: &'a str,
    pub user_name: &'a str,
    pub displayed_name: Option<&'a str>,
    pub permission_id: &'a str,
}

impl<'a> From<&'a User> for LiveUserJson<'a> {
    fn from(u: &'a User) -> Self {
        LiveUserJson {
            id: &u.live_id,
            configuration_id: &u.id,
            user_name: &u.username,
            displayed_name: u.display_name.as_deref(),
            permission_id: &u.id,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusJson<'a> {
    pub id: &'a str,
    pub configuration_id: &'a str,
    pub name: &'a str,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub note: &'a str,
    pub return_time: i64,
    pub user_created: bool,
}

impl<'a> StatusJson<'a> {
    pub fn new(s: &'a Status, unit: ReturnTimeUnit) -> Self {
        StatusJson {
            id: &s.id,
            configuration_id: &s.configuration_id,
            name: &s.name,
            kind: &s.kind,
            note: &s.note,
            return_time: unit.to_wire(s.return_time),
            user_created: s.user_created,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupJson {
    pub id: String,
    pub display_name: String,
    pub permission_display_name: String,
    pub permission_id: String,
}

impl GroupJson {
    fn new(id: &str, name: &str) -> Self {
        GroupJson {
            id: id.to_owned(),
            display_name: name.to_owned(),
            permission_display_name: name.to_owned(),
            permission_id: id.to_owned(),
        }
    }
}
