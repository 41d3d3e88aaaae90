//! The built-in demo office: two core servers whose users, statuses, groups and logins look like a real
//! switchboard. Deterministic apart from the clock, so return times stay "past" and "future" whenever the
//! demo is started.

use crate::seed::{Seed, SeedGroup, SeedLogin, SeedServer, SeedStatus, SeedUser};

pub const DEFAULT_SERVER_ID: &str = "ca5de6c4-17bd-46ce-95a2-8b29c7812ca4";
pub const BRANCH_SERVER_ID: &str = "ee828da8-5ee6-412d-82ac-1273f598659d";

const MINUTE: i64 = 60_000;

/// (username, display name, full licence)
const DEFAULT_USERS: &[(&str, &str, bool)] = &[
    ("4201", "Olivia Bennett", true),
    ("4202", "Liam Carter", true),
    ("4203", "Sofia Rossi", true),
    ("4204", "Noah Fischer", true),
    ("4205", "Amelia Novak", true),
    ("4206", "Lucas Dubois", true),
    ("4207", "Mia Johansson", true),
    ("4208", "Ethan Walsh", true),
    ("4209", "Chloé Martin", true),
    ("4210", "Mateo Hernández", true),
    ("4211", "Hannah Schmidt", true),
    ("4212", "Daniel Kowalski", true),
    ("4213", "Grace O'Neill", true),
    ("4214", "Samuel Okafor", true),
    ("4215", "Leah Cohen", true),
    ("4216", "Oscar Lindqvist", true),
    ("4217", "Isla MacDonald", true),
    ("4218", "Adam Nowak", true),
    ("4219", "Zoe Papadopoulos", true),
    ("4220", "Henry Thompson", true),
    ("4221", "Aisha Rahman", true),
    ("4222", "Jack Murphy", true),
    ("4223", "Emily Chen", true),
    ("4224", "Steve Summers", true),
    ("4225", "Nora Virtanen", true),
    ("4226", "Ravi Patel", true),
    ("4227", "Lucy Evans", true),
    ("4228", "Tomás Silva", true),
    ("4229", "Freya Andersen", true),
    ("4230", "Victor Moreau", true),
    ("4231", "Julia Wagner", true),
    ("4232", "Ben Goldberg", true),
    ("4233", "Maya Singh", true),
    ("4234", "Owen Price", true),
    ("4235", "Elena Popescu", true),
    ("4236", "Kenji Tanaka", true),
    ("front desk", "Front Desk (shared)", true),
    ("józef.wójcik", "Józef Wójcik", true),
    ("ops/night", "Night Operator", true),
    ("4240", "Ingrid Berg", true),
    ("4241", "Carlos Mendes", true),
    ("lobby-phone", "Lobby Phone", false),
    ("4243", "Conference Room A", false),
    ("warehouse", "Warehouse Scanner", false),
];

const BRANCH_USERS: &[(&str, &str, bool)] = &[
    ("5101", "Greta Holm", true),
    ("5102", "Pierre Lefèvre", true),
    ("5103", "Ana Costa", true),
    ("5104", "Marek Dvořák", true),
    ("5105", "Siobhan Kelly", true),
    ("5106", "", true),
    ("5107", "Branch Reception", false),
];

/// (name, type, note, return time in minutes from now)
pub type Preset = (&'static str, &'static str, &'static str, Option<i64>);

/// One predefined status per type, so the demo shows all eleven.
const PRESETS: [Preset; 11] = [
    ("Available", "available", "", None),
    ("On a call", "unavailable", "", None),
    ("Lunch", "away", "Back after lunch", Some(40)),
    (
        "Out of office",
        "xa",
        "Trade fair in Berlin\nUrgent: call my mobile",
        Some(2 * 24 * 60),
    ),
    ("Do not disturb", "dnd", "Quarterly report", Some(25)),
    ("Chat only", "chat", "Headset broken, use chat", None),
    ("Training", "altblue", "Product training, room 2", Some(90)),
    ("Working from home", "altgreen", "", None),
    (
        "Customer visit",
        "altpink",
        "Acme Corp, 5th floor\nBack by 3",
        Some(-20),
    ),
    ("In a meeting", "altpurple", "Weekly sync", Some(-5)),
    ("Sick leave", "altred", "", Some(3 * 24 * 60)),
];

/// One of the predefined statuses (index modulo eleven): (name, type, note, minutes until return).
pub fn preset(index: usize) -> Preset {
    PRESETS[index % PRESETS.len()]
}

/// After the first eleven full users (one per type), the rest mostly available, as in a real office.
pub(crate) const LATER_PRESETS: [usize; 10] = [0, 0, 1, 2, 0, 4, 7, 0, 9, 1];

/// (group id suffix, name, member usernames)
type GroupPlan = (u32, &'static str, &'static [&'static str]);

const DEFAULT_GROUPS: &[GroupPlan] = &[
    (1, "Managers", &["4224", "4201", "4211", "4220", "4236"]),
    (
        2,
        "Sales",
        &[
            "4202", "4203", "4204", "4205", "4206", "4207", "4208", "4209", "4210", "4224",
        ],
    ),
    (
        3,
        "Support",
        &[
            "4211",
            "4212",
            "4213",
            "4214",
            "4215",
            "4216",
            "4217",
            "4218",
            "4219",
            "4220",
            "4221",
            "4222",
            "front desk",
        ],
    ),
    (
        4,
        "Front Desk",
        &["front desk", "lobby-phone", "4223", "4201"],
    ),
    (
        5,
        "Night Shift",
        &[
            "ops/night",
            "4215",
            "4216",
            "józef.wójcik",
            "4222",
            "warehouse",
        ],
    ),
    // Who may sign in through the gateway (`users` mode): each with their own iSymphony client password,
    // `<username>-secret` in the demo. The night operator has no client password set, so cannot.
    (6, "Supervisors", &["4224", "4211", "ops/night"]),
];

const BRANCH_GROUPS: &[GroupPlan] = &[
    (
        1,
        "Branch Team",
        &["5101", "5102", "5103", "5104", "5105", "5106"],
    ),
    (2, "Branch Managers", &["5101"]),
];

/// A stable, well-formed UUID for configuration objects of the demo.
pub(crate) fn config_id(server: u32, kind: u32, n: u32) -> String {
    format!("5e1f{server:04x}-{kind:04x}-4000-8000-{n:012x}")
}

pub(crate) fn status(preset: &Preset, now_ms: i64) -> SeedStatus {
    let (name, kind, note, back_in) = *preset;
    SeedStatus {
        name: name.into(),
        kind: kind.into(),
        note: note.into(),
        return_time: back_in.map_or(-1, |m| now_ms + m * MINUTE),
        user_created: false,
    }
}

/// A field a real iSymphony sends that the contract does not list, on one branch user.
fn extra_fields(username: &str) -> serde_json::Map<String, serde_json::Value> {
    let mut extra = serde_json::Map::new();
    if username == "5105" {
        extra.insert("restricted".into(), serde_json::Value::Bool(false));
    }
    extra
}

fn users(server: u32, table: &[(&str, &str, bool)], now_ms: i64) -> Vec<SeedUser> {
    let mut full_seen = 0usize;
    table
        .iter()
        .enumerate()
        .map(|(i, &(username, display_name, full))| {
            let n = i as u32 + 1;
            let status = full.then(|| {
                let preset = if full_seen < PRESETS.len() {
                    full_seen
                } else {
                    LATER_PRESETS[full_seen % LATER_PRESETS.len()]
                };
                full_seen += 1;
                status(&PRESETS[preset], now_ms)
            });
            let logins = if full && i % 3 != 2 {
                vec![SeedLogin {
                    ip: format!("10.0.{server}.{}", 10 + i),
                    port: 50_000 + i as u16,
                    time_connected: now_ms - (i as i64 * 7 + 3) * MINUTE,
                }]
            } else {
                Vec::new()
            };
            SeedUser {
                id: config_id(server, 1, n),
                username: username.into(),
                // A blank name in the tables stands for a user made by FreePBX's module: none at all.
                display_name: (!display_name.is_empty()).then(|| display_name.into()),
                extra: extra_fields(username),
                full,
                enabled: true,
                // A user made without a client password has no hash at all.
                password: (username == "ops/night").then(String::new),
                last_password_changed_at: (i % 4 == 0)
                    .then(|| now_ms - (i as i64 + 1) * 86_400_000),
                status,
                logins,
            }
        })
        .collect()
}

fn groups(server: u32, plans: &[GroupPlan], users: &[SeedUser]) -> Vec<SeedGroup> {
    plans
        .iter()
        .map(|&(n, name, members)| SeedGroup {
            id: config_id(server, 2, n),
            display_name: name.into(),
            members: members
                .iter()
                .map(|m| {
                    users
                        .iter()
                        .find(|u| u.username == *m)
                        .unwrap_or_else(|| panic!("demo group {name} names unknown user {m}"))
                        .id
                        .clone()
                })
                .collect(),
        })
        .collect()
}

fn server(
    id: &str,
    n: u32,
    slug: &str,
    name: &str,
    table: &[(&str, &str, bool)],
    plans: &[GroupPlan],
    now_ms: i64,
) -> SeedServer {
    let users = users(n, table, now_ms);
    SeedServer {
        id: id.into(),
        slug: slug.into(),
        name: name.into(),
        groups: groups(n, plans, &users),
        users,
    }
}

/// The demo office as of `now_ms`.
pub fn demo(now_ms: i64) -> Seed {
    Seed {
        core_servers: vec![
            server(
                DEFAULT_SERVER_ID,
                1,
                "default",
                "Head Office",
                DEFAULT_USERS,
                DEFAULT_GROUPS,
                now_ms,
            ),
            server(
                BRANCH_SERVER_ID,
                2,
                "branch",
                "Branch Office",
                BRANCH_USERS,
                BRANCH_GROUPS,
                now_ms,
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::STATUS_TYPES;

    #[test]
    fn demo_is_a_valid_seed_with_what_the_issue_asks_for() {
        let now = 1_790_000_000_000;
        let seed = demo(now);
        seed.validate().unwrap();
        let office = &seed.core_servers[0];
        assert_eq!(office.slug, "default");
        assert!(office.users.len() >= 40);
        assert!(office.users.iter().filter(|u| !u.full).count() >= 3);
        assert!(office.users.iter().any(|u| u.username.contains(' ')));
        assert!(office.users.iter().any(|u| !u.username.is_ascii()));
        let statuses: Vec<_> = office
            .users
            .iter()
            .filter_map(|u| u.status.as_ref())
            .collect();
        for kind in STATUS_TYPES {
            assert!(statuses.iter().any(|s| s.kind == kind), "no {kind} status");
        }
        assert!(statuses.iter().any(|s| s.return_time > now));
        assert!(statuses
            .iter()
            .any(|s| s.return_time != -1 && s.return_time < now));
        assert!(statuses.iter().any(|s| s.note.contains('\n')));
        assert!(office.groups.len() >= 4);
        assert!(office.users.iter().any(|u| !u.logins.is_empty()));
        assert_eq!(seed.core_servers[1].slug, "branch");
    }
}
