//! Group membership as plain data: who can be added, searching them, the supervisor's picks, and what
//! changed between two readings of a group (someone else's edits).

use std::collections::HashSet;

use crate::api::types::ConfigUser;
use crate::domain::audit::AuditAction;
use crate::domain::board::{fold, folded_contains, name_key};
use crate::domain::sort;

/// Users who are not members yet, by name.
pub fn addable(all: &[ConfigUser], members: &[ConfigUser]) -> Vec<ConfigUser> {
    let ids: HashSet<&str> = members.iter().map(|m| m.id.as_str()).collect();
    sorted(
        all.iter()
            .filter(|u| !ids.contains(u.id.as_str()))
            .cloned()
            .collect(),
    )
}

/// The users whose display name or username contains `query`, ignoring case and accents.
pub fn search<'a>(users: &'a [ConfigUser], query: &str) -> Vec<&'a ConfigUser> {
    let needle = fold(query.trim());
    users
        .iter()
        .filter(|u| {
            needle.is_empty()
                || folded_contains(u.name(), &needle)
                || folded_contains(&u.username, &needle)
        })
        .collect()
}

/// Members sorted by name for display.
pub fn sorted(mut members: Vec<ConfigUser>) -> Vec<ConfigUser> {
    sort::sort_by_cached_key(&mut members, |m| name_key(m.name(), &m.username));
    members
}

/// Adds `id` to the picks, or takes it out if it is there.
pub fn toggle(picked: &mut Vec<String>, id: &str) {
    if let Some(i) = picked.iter().position(|p| p == id) {
        picked.remove(i);
    } else {
        picked.push(id.to_owned());
    }
}

/// Picks that are still addable after a refresh (someone else may have added them meanwhile).
pub fn still_addable(picked: &[String], addable: &[ConfigUser]) -> Vec<String> {
    picked
        .iter()
        .filter(|id| addable.iter().any(|u| &u.id == *id))
        .cloned()
        .collect()
}

/// What changed between two readings of a group's members.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub added: Vec<ConfigUser>,
    pub removed: Vec<ConfigUser>,
}

impl Changes {
    pub fn between(before: &[ConfigUser], after: &[ConfigUser]) -> Changes {
        let ids = |list: &[ConfigUser]| list.iter().map(|u| u.id.clone()).collect::<HashSet<_>>();
        let (was, now) = (ids(before), ids(after));
        Changes {
            added: after
                .iter()
                .filter(|u| !was.contains(&u.id))
                .cloned()
                .collect(),
            removed: before
                .iter()
                .filter(|u| !now.contains(&u.id))
                .cloned()
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }

    /// "Since you last looked: 1 added (Ann), 2 removed (Bo, Cy)."
    pub fn describe(&self) -> Option<String> {
        let names =
            |list: &[ConfigUser]| list.iter().map(|u| u.name()).collect::<Vec<_>>().join(", ");
        let mut parts = Vec::new();
        if !self.added.is_empty() {
            parts.push(format!(
                "{} added ({})",
                self.added.len(),
                names(&self.added)
            ));
        }
        if !self.removed.is_empty() {
            parts.push(format!(
                "{} removed ({})",
                self.removed.len(),
                names(&self.removed)
            ));
        }
        (!parts.is_empty()).then(|| {
            format!(
                "Changed elsewhere since you last looked: {}.",
                parts.join(", ")
            )
        })
    }
}

/// How a membership change reads in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberChangeText {
    pub target: String,
    pub before: String,
    pub after: String,
}

/// The audit trail's words for adding (or, for an Undo of a removal, adding back) or removing `user`.
pub fn member_change(action: AuditAction, user: &ConfigUser, group: &str) -> MemberChangeText {
    let member = |yes: bool| {
        if yes {
            format!("member of {group}")
        } else {
            format!("not in {group}")
        }
    };
    let adds = action != AuditAction::MemberRemoved;
    MemberChangeText {
        target: format!("{} ({}) in {group}", user.username, user.name()),
        before: member(!adds),
        after: member(adds),
    }
}

/// What an add did, one sentence per outcome: who was added, who was already there (added elsewhere
/// meanwhile), and who could not be added and why (`failed` holds each name and reason).
pub fn add_report(
    group: &str,
    added: &[String],
    already: &[String],
    failed: &[(String, String)],
) -> String {
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("Added {} to {group}.", added.join(", ")));
    }
    if !already.is_empty() {
        parts.push(format!(
            "{} already in {group}: added elsewhere meanwhile.",
            already.join(", ")
        ));
    }
    for (name, why) in failed {
        parts.push(format!(
            "Could not add {name}: {why} They are still selected; try Add again."
        ));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, name: &str, username: &str) -> ConfigUser {
        ConfigUser {
            id: id.into(),
            username: username.into(),
            enabled: true,
            full: true,
            display_name: name.into(),
            last_password_changed_at: None,
            permission_display_name: None,
            permission_id: None,
        }
    }

    fn everyone() -> Vec<ConfigUser> {
        vec![
            user("1", "Zoë Adams", "4201"),
            user("2", "Józef Wójcik", "jozef"),
            user("3", "Amy Brown", "4203"),
            user("4", "Ben Carter", "front desk"),
        ]
    }

    #[test]
    fn only_non_members_are_addable_and_by_name() {
        let all = everyone();
        let members = vec![all[2].clone()];
        let ids: Vec<_> = addable(&all, &members).into_iter().map(|u| u.id).collect();
        assert_eq!(ids, ["4", "2", "1"]);
    }

    #[test]
    fn search_matches_names_and_usernames_ignoring_accents() {
        let all = everyone();
        let ids = |q: &str| {
            search(&all, q)
                .into_iter()
                .map(|u| u.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("JOZEF"), ["2"]);
        assert_eq!(ids("zoe"), ["1"]);
        assert_eq!(ids("desk"), ["4"]);
        assert_eq!(ids("420"), ["1", "3"]);
        assert_eq!(ids("").len(), 4);
    }

    #[test]
    fn picks_toggle_and_drop_users_added_elsewhere() {
        let mut picked = Vec::new();
        toggle(&mut picked, "1");
        toggle(&mut picked, "2");
        toggle(&mut picked, "1");
        toggle(&mut picked, "4");
        assert_eq!(picked, ["2", "4"]);
        let all = everyone();
        let now_addable = addable(&all, &[all[3].clone()]);
        assert_eq!(still_addable(&picked, &now_addable), ["2"]);
    }

    #[test]
    fn changes_between_readings_are_described() {
        let all = everyone();
        let before = vec![all[0].clone(), all[1].clone()];
        let after = vec![all[1].clone(), all[2].clone(), all[3].clone()];
        let changes = Changes::between(&before, &after);
        assert_eq!(changes.added.len(), 2);
        assert_eq!(changes.removed.len(), 1);
        assert_eq!(
            changes.describe().unwrap(),
            "Changed elsewhere since you last looked: 2 added (Amy Brown, Ben Carter), 1 removed (Zoë Adams)."
        );
        assert!(Changes::between(&before, &before).describe().is_none());
    }

    #[test]
    fn an_add_report_says_each_outcome_and_a_removal_reads_both_ways() {
        let text = add_report(
            "Sales",
            &["Ann".into(), "Bo".into()],
            &["Cy".into()],
            &[("Di".into(), "The server did not answer.".into())],
        );
        assert_eq!(
            text,
            "Added Ann, Bo to Sales. Cy already in Sales: added elsewhere meanwhile. \
             Could not add Di: The server did not answer. They are still selected; try Add again."
        );
        let ann = user("c1", "Ann Lee", "4301");
        let removed = member_change(AuditAction::MemberRemoved, &ann, "Sales");
        assert_eq!(removed.target, "4301 (Ann Lee) in Sales");
        assert_eq!(
            (removed.before.as_str(), removed.after.as_str()),
            ("member of Sales", "not in Sales")
        );
        let back = member_change(AuditAction::Undo, &ann, "Sales");
        assert_eq!(
            (back.before.as_str(), back.after.as_str()),
            ("not in Sales", "member of Sales")
        );
    }
}
