//! What the board shows: the filter text, the status-type chips, the overdue chip, a group and the sort
//! order — kept in the URL query (`?q=…&types=away,dnd&overdue=1&group=<id>&sort=status`) so a link or a
//! reload restores the view — and the rows they select.

use std::collections::HashSet;

use crate::api::paths::segment;
use crate::api::vocabulary::StatusType;
use crate::domain::board::{fold, folded_contains, Member, Presence};
use crate::domain::overdue::overdue_by;
use crate::domain::since::Since;
use crate::domain::sort;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    Status,
    ReturnTime,
    /// Longest in their status first (see `domain::since`).
    Since,
    /// The overdue first, longest overdue first (see `domain::overdue`), then everyone else.
    Overdue,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Name,
        SortKey::Status,
        SortKey::ReturnTime,
        SortKey::Since,
        SortKey::Overdue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Status => "status",
            SortKey::ReturnTime => "return",
            SortKey::Since => "since",
            SortKey::Overdue => "overdue",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::Status => "Status",
            SortKey::ReturnTime => "Return time",
            SortKey::Since => "Time in status",
            SortKey::Overdue => "Overdue first",
        }
    }

    pub fn parse(raw: &str) -> SortKey {
        SortKey::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoardQuery {
    pub text: String,
    /// The chips that are on, in the vendor's order; none on means every type.
    pub types: Vec<StatusType>,
    /// Only the overdue (the `Overdue (N)` chip).
    pub overdue: bool,
    /// Only the members of this group (its configuration id).
    pub group: Option<String>,
    pub sort: SortKey,
}

impl BoardQuery {
    /// Whether which rows show, or their order, depends on their statuses. When it does not (no filter,
    /// no chips, sorted by name) a status arriving cannot move a row, so the board need not re-arrange
    /// thousands of rows for each of thousands of arrivals.
    pub fn reads_presence(&self) -> bool {
        !self.text.trim().is_empty()
            || !self.types.is_empty()
            || self.overdue
            || self.sort != SortKey::Name
    }

    /// Whether which rows show, or their order, changes as time passes (a return time passing).
    pub fn reads_clock(&self) -> bool {
        self.overdue || self.sort == SortKey::Overdue
    }

    /// While statuses are still loading, what the view cannot yet be sure of, e.g. "Sorting by status:
    /// 3,812 of 5,000 statuses known — still loading." `None` when the view does not depend on statuses
    /// or every status is known.
    pub fn still_loading(&self, known: usize, total: usize) -> Option<String> {
        if known >= total || (self.types.is_empty() && !self.overdue && self.sort == SortKey::Name)
        {
            return None;
        }
        let doing = if self.sort == SortKey::Name && self.types.is_empty() {
            "Showing the overdue".to_owned()
        } else if self.sort == SortKey::Name {
            "Showing status types".to_owned()
        } else {
            format!("Sorting by {}", self.sort.label().to_lowercase())
        };
        Some(format!(
            "{doing}: {} of {} statuses known — still loading.",
            thousands(known),
            thousands(total)
        ))
    }

    /// Reads `q`, `types`, `overdue`, `group` and `sort` from the URL query; unknown values are ignored.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let types = get("types").unwrap_or_default();
        BoardQuery {
            text: get("q").unwrap_or_default(),
            types: StatusType::ALL
                .into_iter()
                .filter(|t| types.split(',').any(|raw| raw == t.as_str()))
                .collect(),
            overdue: get("overdue").as_deref() == Some("1"),
            group: get("group").filter(|g| !g.is_empty()),
            sort: SortKey::parse(&get("sort").unwrap_or_default()),
        }
    }

    /// The URL query for this view (`""` for the default view).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.text.is_empty() {
            parts.push(format!("q={}", segment(&self.text)));
        }
        if !self.types.is_empty() {
            let types: Vec<&str> = self.types.iter().map(StatusType::as_str).collect();
            parts.push(format!("types={}", types.join(",")));
        }
        if self.overdue {
            parts.push("overdue=1".into());
        }
        if let Some(group) = &self.group {
            parts.push(format!("group={}", segment(group)));
        }
        if self.sort != SortKey::Name {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    pub fn toggle(&mut self, kind: &StatusType) {
        if self.types.contains(kind) {
            self.types.retain(|t| t != kind);
        } else {
            self.types.push(kind.clone());
            sort::sort_by(&mut self.types, |a, b| a.rank().cmp(&b.rank()));
        }
    }
}

/// Which rows the view shows and in what order, in two steps, because each row's presence is only at hand
/// inside a closure (the board keeps one signal per row): [`Arranger::place`] each row while its presence
/// is, then [`Arranger::order`] the kept ones.
pub struct Arranger<'q> {
    query: &'q BoardQuery,
    needle: String,
    /// The time overdue is judged at, Unix ms.
    now: i64,
    /// The configuration ids of the query's group's members, once read.
    group: Option<&'q HashSet<String>>,
}

/// Where a kept row goes, as far as its presence decides: the sort's own key. Compared field by field, in
/// this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Place {
    /// The status type's rank (sorting by status).
    status_rank: usize,
    /// No return time sorts after every return time (sorting by return time).
    no_return_time: bool,
    /// The return time, Unix ms (sorting by return time).
    return_at: i64,
    /// Not knowing since when sorts after knowing (sorting by time in status).
    no_since: bool,
    /// Since when, Unix ms: the earliest, the longest in their status, first.
    since_at: i64,
    /// Not overdue sorts after overdue (sorting overdue first).
    not_overdue: bool,
    /// How long overdue, negated: the longest overdue first.
    overdue_for: i64,
}

impl<'q> Arranger<'q> {
    pub fn new(query: &'q BoardQuery, now: i64) -> Self {
        let needle = fold(query.text.trim());
        Arranger {
            query,
            needle,
            now,
            group: None,
        }
    }

    /// With the members of the query's group (until they are read, a group keeps no one).
    pub fn within(self, members: Option<&'q HashSet<String>>) -> Self {
        Arranger {
            group: members,
            ..self
        }
    }

    /// `None` when the filter or the chips leave the row out. `held` is since when the row's status holds,
    /// if known (read only when sorting by time in status).
    pub fn place(
        &self,
        member: &Member,
        presence: &Presence,
        held: Option<Since>,
    ) -> Option<Place> {
        let overdue = overdue_by(presence, self.now);
        let in_group = self.query.group.is_none()
            || self
                .group
                .is_some_and(|g| g.contains(&member.configuration_id));
        if !(in_group
            && matches_types(presence, &self.query.types)
            && (!self.query.overdue || overdue.is_some())
            && self.matches_text(member, presence))
        {
            return None;
        }
        Some(match self.query.sort {
            SortKey::Name => Place::default(),
            SortKey::Status => Place {
                status_rank: status_rank(presence),
                ..Place::default()
            },
            SortKey::ReturnTime => {
                let (no_return_time, return_at) = return_key(presence);
                Place {
                    no_return_time,
                    return_at,
                    ..Place::default()
                }
            }
            SortKey::Since => Place {
                no_since: held.is_none(),
                since_at: held.map_or(0, |h| match h {
                    Since::At(at) | Since::Before(at) => at,
                }),
                ..Place::default()
            },
            SortKey::Overdue => Place {
                not_overdue: overdue.is_none(),
                overdue_for: -overdue.unwrap_or(0),
                ..Place::default()
            },
        })
    }

    /// The kept rows' indices in display order: by place, then by name.
    pub fn order<'m>(
        &self,
        mut kept: Vec<(usize, Place)>,
        member: impl Fn(usize) -> &'m Member,
    ) -> Vec<usize> {
        sort::sort_by(&mut kept, |(a, a_place), (b, b_place)| {
            a_place
                .cmp(b_place)
                .then_with(|| member(*a).by_name(member(*b)))
        });
        kept.into_iter().map(|(i, _)| i).collect()
    }

    fn matches_text(&self, member: &Member, presence: &Presence) -> bool {
        let needle = self.needle.as_str();
        needle.is_empty()
            || member.name_contains(needle)
            || matches!(presence, Presence::Known(s)
                if folded_contains(&s.name, needle) || folded_contains(&s.note, needle))
    }
}

fn matches_types(presence: &Presence, types: &[StatusType]) -> bool {
    types.is_empty() || matches!(presence, Presence::Known(s) if types.contains(&s.kind))
}

/// Known statuses in the vendor's type order, then lite users, then rows still loading or failed.
fn status_rank(presence: &Presence) -> usize {
    match presence {
        Presence::Known(s) => s.kind.rank(),
        Presence::Lite | Presence::Unlicensed => 100,
        Presence::Loading | Presence::Failed(_) => 101,
    }
}

/// Soonest return first; people with no return time after everyone who has one.
fn return_key(presence: &Presence) -> (bool, i64) {
    match presence {
        Presence::Known(s) if s.return_time >= 0 => (false, s.return_time),
        _ => (true, 0),
    }
}

/// 5000 → "5,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::UserStatus;

    #[test]
    fn only_filters_chips_and_status_sorts_read_presence() {
        assert!(!BoardQuery::default().reads_presence());
        let with = |f: &dyn Fn(&mut BoardQuery)| {
            let mut q = BoardQuery::default();
            f(&mut q);
            q.reads_presence()
        };
        assert!(!with(&|q| q.text = "  ".into()));
        assert!(with(&|q| q.text = "lunch".into()));
        assert!(with(&|q| q.types = vec![StatusType::Away]));
        assert!(with(&|q| q.sort = SortKey::Status));
        assert!(with(&|q| q.sort = SortKey::ReturnTime));
    }

    fn member(username: &str, name: &str) -> Member {
        Member::new(username.into(), format!("c-{username}"), name.into(), true)
    }

    fn known(name: &str, kind: StatusType, note: &str, return_time: i64) -> Presence {
        Presence::Known(UserStatus {
            id: String::new(),
            configuration_id: String::new(),
            name: name.into(),
            kind,
            note: note.into(),
            return_time,
            user_created: false,
        })
    }

    fn board() -> (Vec<Member>, Vec<Presence>) {
        (
            vec![
                member("4201", "Olivia Bennett"),
                member("józef.wójcik", "Józef Wójcik"),
                member("lobby", "Lobby Phone"),
                member("4205", "Amelia Novak"),
                member("4209", "Chloé Martin"),
            ],
            vec![
                known("Available", StatusType::Available, "", -1),
                known("Lunch", StatusType::Away, "Back after LUNCH", 2_000),
                Presence::Lite,
                known(
                    "Do not disturb",
                    StatusType::DoNotDisturb,
                    "Quarterly report",
                    1_000,
                ),
                known("Customer visit", StatusType::AltPink, "Acme Corp", -1),
            ],
        )
    }

    fn shown(query: &BoardQuery) -> Vec<String> {
        shown_at(query, 0)
    }

    fn shown_at(query: &BoardQuery, now: i64) -> Vec<String> {
        shown_within(query, now, None)
    }

    fn shown_within(query: &BoardQuery, now: i64, group: Option<&HashSet<String>>) -> Vec<String> {
        let (members, presences) = board();
        let arranger = Arranger::new(query, now).within(group);
        let kept = members
            .iter()
            .zip(&presences)
            .enumerate()
            .filter_map(|(i, (m, p))| arranger.place(m, p, None).map(|place| (i, place)))
            .collect();
        arranger
            .order(kept, |i| &members[i])
            .into_iter()
            .map(|i| members[i].username.clone())
            .collect()
    }

    #[test]
    fn time_in_status_puts_the_longest_first_and_the_unknown_last() {
        let (members, presences) = board();
        let query = BoardQuery {
            sort: SortKey::Since,
            ..Default::default()
        };
        let arranger = Arranger::new(&query, 0);
        let held = [
            Some(Since::At(300)),
            None,
            Some(Since::Before(100)),
            Some(Since::At(200)),
        ];
        let kept = held
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                arranger
                    .place(&members[i], &presences[i], *h)
                    .map(|p| (i, p))
            })
            .collect();
        assert_eq!(arranger.order(kept, |i| &members[i]), [2, 3, 0, 1]);
        assert_eq!(SortKey::parse("since"), SortKey::Since);
    }

    fn text(t: &str) -> BoardQuery {
        BoardQuery {
            text: t.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_default_view_is_everyone_by_name() {
        assert_eq!(
            shown(&BoardQuery::default()),
            ["4205", "4209", "józef.wójcik", "lobby", "4201"]
        );
    }

    #[test]
    fn text_matches_names_usernames_status_and_note_ignoring_case_and_accents() {
        assert_eq!(shown(&text("JOZEF")), ["józef.wójcik"]);
        assert_eq!(shown(&text("chloe")), ["4209"]);
        assert_eq!(shown(&text("4201")), ["4201"]);
        assert_eq!(shown(&text("lunch")), ["józef.wójcik"]);
        assert_eq!(shown(&text("acme")), ["4209"]);
        assert_eq!(shown(&text("  disturb ")), ["4205"]);
        assert!(shown(&text("nobody")).is_empty());
    }

    #[test]
    fn chips_keep_only_their_types_and_drop_lite_users() {
        let q = BoardQuery {
            types: vec![StatusType::Away, StatusType::DoNotDisturb],
            ..Default::default()
        };
        assert_eq!(shown(&q), ["4205", "józef.wójcik"]);
    }

    #[test]
    fn sorting_by_status_and_by_return_time() {
        let q = BoardQuery {
            sort: SortKey::Status,
            ..Default::default()
        };
        assert_eq!(shown(&q), ["4201", "józef.wójcik", "4205", "4209", "lobby"]);
        let q = BoardQuery {
            sort: SortKey::ReturnTime,
            ..Default::default()
        };
        assert_eq!(shown(&q), ["4205", "józef.wójcik", "4209", "lobby", "4201"]);
    }

    #[test]
    fn the_overdue_chip_keeps_those_whose_return_time_passed_as_time_goes_on() {
        let q = BoardQuery {
            overdue: true,
            ..Default::default()
        };
        assert!(shown_at(&q, 500).is_empty());
        assert_eq!(shown_at(&q, 1_500), ["4205"]);
        assert_eq!(shown_at(&q, 3_000), ["4205", "józef.wójcik"]);
        assert!(q.reads_presence() && q.reads_clock());
        assert!(!BoardQuery::default().reads_clock());
        assert_eq!(
            q.still_loading(3, 5).as_deref(),
            Some("Showing the overdue: 3 of 5 statuses known — still loading.")
        );
    }

    #[test]
    fn overdue_first_puts_the_longest_overdue_first_then_everyone_by_name() {
        let q = BoardQuery {
            sort: SortKey::Overdue,
            ..Default::default()
        };
        assert_eq!(
            shown_at(&q, 3_000),
            ["4205", "józef.wójcik", "4209", "lobby", "4201"]
        );
        assert_eq!(
            shown_at(&q, 1_500),
            ["4205", "4209", "józef.wójcik", "lobby", "4201"]
        );
        assert!(q.reads_clock());
        assert_eq!(SortKey::parse("overdue"), SortKey::Overdue);
    }

    #[test]
    fn the_view_round_trips_through_the_url_query() {
        let mut q = BoardQuery {
            text: "front desk & co".into(),
            sort: SortKey::ReturnTime,
            overdue: true,
            group: Some("g 1".into()),
            ..Default::default()
        };
        q.toggle(&StatusType::DoNotDisturb);
        q.toggle(&StatusType::Away);
        assert_eq!(
            q.to_query(),
            "?q=front%20desk%20%26%20co&types=away,dnd&overdue=1&group=g%201&sort=return"
        );
        let params = [
            ("q", "front desk & co"),
            ("types", "away,dnd"),
            ("overdue", "1"),
            ("group", "g 1"),
            ("sort", "return"),
        ];
        let back = BoardQuery::from_params(|k| {
            params
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        });
        assert_eq!(back, q);
        q.toggle(&StatusType::Away);
        assert_eq!(q.types, [StatusType::DoNotDisturb]);
        assert_eq!(BoardQuery::default().to_query(), "");
    }

    #[test]
    fn a_group_keeps_its_members_and_no_one_until_they_are_read() {
        let q = BoardQuery {
            group: Some("sales".into()),
            ..Default::default()
        };
        let (members, _) = board();
        let sales: HashSet<String> = members
            .iter()
            .take(2)
            .map(|m| m.configuration_id.clone())
            .collect();
        let mut expected: Vec<String> =
            members.iter().take(2).map(|m| m.username.clone()).collect();
        expected.sort();
        let mut kept = shown_within(&q, 0, Some(&sales));
        kept.sort();
        assert_eq!(kept, expected);
        assert!(shown_within(&q, 0, None).is_empty());
        // Without a group in the query, the members given change nothing.
        assert_eq!(
            shown_within(&BoardQuery::default(), 0, Some(&sales)),
            shown(&BoardQuery::default())
        );
        assert!(!q.reads_presence());
    }

    #[test]
    fn odd_url_values_fall_back_to_defaults() {
        let params = [("types", "away,<script>,,zzz"), ("sort", "sideways")];
        let q = BoardQuery::from_params(|k| {
            params
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        });
        assert_eq!(q.types, [StatusType::Away]);
        assert_eq!(q.sort, SortKey::Name);
    }

    #[test]
    fn a_view_over_statuses_still_loading_says_so() {
        let mut q = BoardQuery::default();
        assert_eq!(q.still_loading(10, 5_000), None, "sorted by name, no chips");
        q.sort = SortKey::Status;
        assert_eq!(
            q.still_loading(3_812, 5_000).as_deref(),
            Some("Sorting by status: 3,812 of 5,000 statuses known — still loading.")
        );
        assert_eq!(q.still_loading(5_000, 5_000), None);
        q.sort = SortKey::Name;
        q.types = vec![StatusType::Away];
        assert_eq!(
            q.still_loading(999, 1_000).as_deref(),
            Some("Showing status types: 999 of 1,000 statuses known — still loading.")
        );
    }
}
