//! `--users N [--seed S]`: a synthetic office of N users for benchmarks — varied statuses (all eleven
//! types, notes, past and future return times), ~3% lite users, logins for about two thirds, and ten
//! groups — the same for the same seed, apart from the clock.

use crate::demo::{config_id, preset, status, DEFAULT_SERVER_ID, LATER_PRESETS};
use crate::rng::Rng;
use crate::seed::{Seed, SeedGroup, SeedLogin, SeedServer, SeedUser};

const FIRST: [&str; 16] = [
    "Ada", "Bruno", "Chiara", "Dmitri", "Eun-ji", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Keiko", "Lars", "Mónica", "Nikos", "Olga", "Pedro",
];
const LAST: [&str; 16] = [
    "Abbott",
    "Brandt",
    "Costa",
    "Dahl",
    "Eriksen",
    "Fischer",
    "García",
    "Hansen",
    "Ito",
    "Jensen",
    "Kowalczyk",
    "Lindgren",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
];

/// The synthetic office: one core server, slug `default`.
pub fn synthetic(n: usize, seed: u64, now_ms: i64) -> Seed {
    let mut rng = Rng::new(seed);
    let users: Vec<SeedUser> = (0..n).map(|i| user(i, &mut rng, now_ms)).collect();
    let groups = (0..10u32)
        .map(|g| SeedGroup {
            id: config_id(1, 2, g + 1),
            display_name: format!("Team {}", g + 1),
            members: users
                .iter()
                .filter(|_| rng.below(10) == 0)
                .map(|u| u.id.clone())
                .collect(),
        })
        .collect();
    Seed {
        core_servers: vec![SeedServer {
            id: DEFAULT_SERVER_ID.into(),
            slug: "default".into(),
            name: format!("Synthetic office ({n} users)"),
            users,
            groups,
        }],
    }
}

fn user(i: usize, rng: &mut Rng, now_ms: i64) -> SeedUser {
    let full = rng.below(33) != 0;
    // The first eleven cover every type; then mostly available, as the demo office.
    let which = if i < 11 {
        i
    } else {
        LATER_PRESETS[rng.below(LATER_PRESETS.len())]
    };
    let logins = if full && rng.below(3) != 0 {
        vec![SeedLogin {
            ip: format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255),
            port: 50_000 + (i % 10_000) as u16,
            time_connected: now_ms - (rng.below(480) as i64 + 1) * 60_000,
        }]
    } else {
        Vec::new()
    };
    SeedUser {
        id: config_id(1, 1, i as u32 + 1),
        username: format!("u{:05}", i + 1),
        display_name: Some(format!(
            "{} {} {}",
            FIRST[rng.below(FIRST.len())],
            LAST[rng.below(LAST.len())],
            i + 1
        )),
        extra: serde_json::Map::new(),
        full,
        enabled: true,
        password: None,
        last_password_changed_at: None,
        status: full.then(|| status(&preset(which), now_ms)),
        logins,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::STATUS_TYPES;

    #[test]
    fn n_valid_varied_users_the_same_for_the_same_seed() {
        let seed = synthetic(1000, 7, 1_790_000_000_000);
        seed.validate().unwrap();
        let office = &seed.core_servers[0];
        assert_eq!(office.users.len(), 1000);
        let lite = office.users.iter().filter(|u| !u.full).count();
        assert!((10..=60).contains(&lite), "{lite} lite users");
        for kind in STATUS_TYPES {
            assert!(office
                .users
                .iter()
                .any(|u| u.status.as_ref().is_some_and(|s| s.kind == kind)));
        }
        assert!(office.users.iter().filter(|u| !u.logins.is_empty()).count() > 500);
        assert_eq!(office.groups.len(), 10);
        let again = synthetic(1000, 7, 1_790_000_000_000);
        let names = |s: &Seed| {
            s.core_servers[0]
                .users
                .iter()
                .map(|u| u.display_name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&seed), names(&again));
        assert_ne!(names(&seed), names(&synthetic(1000, 8, 1_790_000_000_000)));
    }
}
