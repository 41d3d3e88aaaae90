//! Group staffing over a board's rows, in one place for the board's strip, its wall screen and the Groups
//! page: each group's members counted by kind of state (`domain::staffing`), counted again as statuses
//! and logins change, and a group that goes below its minimum announced once in the board's polite region.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::domain::staffing::{
    newly_short, short_first, GroupStaffing, Kind, Level, Minimum, Tally,
};
use crate::state::announcer::Announcer;
use crate::state::board::{BoardStore, Row};
use crate::state::feed::recounted;
use crate::state::groups::GroupsStore;

/// How often the board reads the groups' members again (another supervisor may change them).
const REREAD_GROUPS_MS: u32 = 120_000;

/// Reads the core server's groups and their members into `groups` now and every two minutes, for as long
/// as the board is open.
pub fn keep_groups_read(store: BoardStore, groups: GroupsStore, api: ApiClient, core_id: String) {
    let read = move || {
        let (api, core_id) = (api.clone(), core_id.clone());
        store.scope.spawn(async move {
            // A failure leaves the groups read before (the board does not depend on them); the strip
            // goes if none were ever read.
            let result = groups.load(&api, &core_id).await;
            groups.error.set(result.err());
        });
    };
    read();
    store.scope.every(REREAD_GROUPS_MS, read);
}

/// Each group whose members are read, in the server's order, counted over the board's rows; a group that
/// goes below its minimum is announced once through `announcer` (again after it has recovered and dipped
/// again).
pub fn staffing(
    store: BoardStore,
    groups: GroupsStore,
    minimums: Vec<Minimum>,
    announcer: Announcer,
) -> ReadSignal<Vec<GroupStaffing>> {
    let counted = recounted(
        store,
        move || {
            groups.groups.track();
            groups.members.track();
        },
        move |rows| count(rows, groups, &minimums),
    );
    let was_short = StoredValue::new(Vec::<String>::new());
    Effect::new(move |_| {
        counted.with(|now| {
            let news: Vec<String> = was_short
                .with_value(|before| newly_short(before, now))
                .into_iter()
                .filter_map(GroupStaffing::announcement)
                .collect();
            if !news.is_empty() {
                announcer.say(news.join(" "));
            }
            was_short.set_value(
                now.iter()
                    .filter(|g| g.is_short())
                    .map(|g| g.id.clone())
                    .collect(),
            );
        })
    });
    counted
}

/// Each group's staffing, the groups below their minimum first.
fn count(rows: &[Row], groups: GroupsStore, minimums: &[Minimum]) -> Vec<GroupStaffing> {
    let by_id: HashMap<&str, &Row> = rows
        .iter()
        .map(|r| (r.member.configuration_id.as_str(), r))
        .collect();
    let mut counted = groups.groups.with_untracked(|list| {
        groups.members.with_untracked(|members| {
            list.iter()
                .filter_map(|g| {
                    let ids = members.get(&g.id)?;
                    let mut tally = Tally::default();
                    // Members who are not live users (not on the board) have no presence to count.
                    for row in ids.iter().filter_map(|id| by_id.get(id.as_str())) {
                        let online = row.online.get_untracked();
                        tally.add(row.presence.with_untracked(|p| Kind::of(p, online)));
                    }
                    let minimum = Minimum::for_group(minimums, &g.id, g.name());
                    Some(GroupStaffing {
                        id: g.id.clone(),
                        name: g.name().to_owned(),
                        level: Level::of(&tally, minimum),
                        tally,
                    })
                })
                .collect()
        })
    });
    short_first(&mut counted);
    counted
}
