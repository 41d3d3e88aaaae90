//! Group staffing: how many of a group's members are in each kind of state ("Sales: 3 available · 2 away ·
//! 1 DND · 2 offline"), and whether a group is below the minimum available that `config.json` gives it
//! (`"staffing": [{ "group": "Sales", "minimumAvailable": 3 }]`).

use serde::Deserialize;

use crate::api::vocabulary::StatusType;
use crate::domain::board::Presence;
use crate::domain::entries;
use crate::domain::sort;

/// The kinds of state a group is counted in, in the order the counts are read out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Logged in (or not known to be out) with an available or chat status.
    Available,
    /// Away or extended away.
    Away,
    /// Do not disturb.
    Dnd,
    /// Unavailable, a custom colour, or a type the panel does not know.
    Other,
    /// Not logged in, whatever their status says.
    Offline,
    /// A lite user: no presence exists.
    NoPresence,
    /// Not read yet, refused, or unreadable.
    NotKnown,
}

impl Kind {
    /// The kind of one member, from their presence and whether they are logged in (`None`: not known).
    pub fn of(presence: &Presence, online: Option<bool>) -> Kind {
        if online == Some(false) {
            return Kind::Offline;
        }
        match presence {
            Presence::Known(status) => match status.kind {
                StatusType::Available | StatusType::Chat => Kind::Available,
                StatusType::Away | StatusType::ExtendedAway => Kind::Away,
                StatusType::DoNotDisturb => Kind::Dnd,
                _ => Kind::Other,
            },
            Presence::Lite => Kind::NoPresence,
            Presence::Loading | Presence::Unlicensed | Presence::Failed(_) => Kind::NotKnown,
        }
    }
}

/// A group's members counted by [`Kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub available: usize,
    pub away: usize,
    pub dnd: usize,
    pub other: usize,
    pub offline: usize,
    pub no_presence: usize,
    pub not_known: usize,
}

impl Tally {
    pub fn add(&mut self, kind: Kind) {
        *match kind {
            Kind::Available => &mut self.available,
            Kind::Away => &mut self.away,
            Kind::Dnd => &mut self.dnd,
            Kind::Other => &mut self.other,
            Kind::Offline => &mut self.offline,
            Kind::NoPresence => &mut self.no_presence,
            Kind::NotKnown => &mut self.not_known,
        } += 1;
    }

    pub fn total(&self) -> usize {
        self.available
            + self.away
            + self.dnd
            + self.other
            + self.offline
            + self.no_presence
            + self.not_known
    }

    /// "3 available · 2 away · 1 DND · 2 offline": available always, the other kinds when someone is in
    /// them.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("{} available", self.available)];
        for (n, what) in [
            (self.away, "away"),
            (self.dnd, "DND"),
            (self.other, "other"),
            (self.offline, "offline"),
            (self.no_presence, "no presence"),
            (self.not_known, "not known yet"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        parts.join(" · ")
    }
}

/// Where a group stands against its minimum available.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The site gives it no minimum.
    NoMinimum,
    /// At or above its minimum.
    Met,
    /// Below its minimum even if every member not known yet were available.
    Short { minimum: usize },
    /// Below for now, but members not known yet could make up the difference.
    NotYetKnown,
}

impl Level {
    pub fn of(tally: &Tally, minimum: Option<usize>) -> Level {
        match minimum {
            None => Level::NoMinimum,
            Some(minimum) if tally.available >= minimum => Level::Met,
            Some(minimum) if tally.available + tally.not_known < minimum => {
                Level::Short { minimum }
            }
            Some(_) => Level::NotYetKnown,
        }
    }
}

/// One group's staffing, as the board's strip and the Groups page show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupStaffing {
    pub id: String,
    pub name: String,
    pub tally: Tally,
    pub level: Level,
}

impl GroupStaffing {
    pub fn is_short(&self) -> bool {
        matches!(self.level, Level::Short { .. })
    }

    /// The text that marks a group below its minimum (shown beside its colour, never colour alone).
    pub fn mark(&self) -> Option<String> {
        match self.level {
            Level::Short { minimum } => Some(format!(
                "Below minimum: {} of {minimum} available",
                self.tally.available
            )),
            _ => None,
        }
    }

    /// What a screen reader hears once when the group goes below its minimum.
    pub fn announcement(&self) -> Option<String> {
        self.mark()
            .map(|mark| format!("{}: {}.", self.name, mark.to_lowercase()))
    }
}

/// The groups below their minimum first (a strip that does not fit shows them without scrolling), the
/// rest in the order given.
pub fn short_first(groups: &mut Vec<GroupStaffing>) {
    sort::sort_by_cached_key(groups, |g| !g.is_short());
}

/// The groups that are short now and were not at the last count, by id: each is announced once per
/// dip below its minimum.
pub fn newly_short<'a>(was_short: &[String], now: &'a [GroupStaffing]) -> Vec<&'a GroupStaffing> {
    now.iter()
        .filter(|g| g.is_short() && !was_short.contains(&g.id))
        .collect()
}

/// One entry of `config.json`'s `staffing`: a group, by its name or id, and its minimum available.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minimum {
    pub group: String,
    pub available: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Entry {
    group: String,
    minimum_available: usize,
}

impl Minimum {
    /// Every good entry, and one sentence naming each bad one (by its place and group), if any.
    pub fn parse_all(list: &[serde_json::Value]) -> (Vec<Minimum>, Option<String>) {
        let (good, bad) = entries::each(list, "staffing", "group", |value| {
            let e = Entry::deserialize(value).map_err(|e| e.to_string())?;
            let group = e.group.trim();
            if group.is_empty() {
                return Err("its group is empty".into());
            }
            Ok(Minimum {
                group: group.to_owned(),
                available: e.minimum_available,
            })
        });
        let notice = (!bad.is_empty()).then(|| {
            format!(
                "config.json: left out {}; each needs a \"group\" and a \"minimumAvailable\" (a whole number), the other minimums are used.",
                bad.join("; ")
            )
        });
        (good, notice)
    }

    /// The minimum for the group with this id and name: an entry naming its id, else its name (case not
    /// mattering).
    pub fn for_group(minimums: &[Minimum], id: &str, name: &str) -> Option<usize> {
        minimums
            .iter()
            .find(|m| m.group == id)
            .or_else(|| {
                minimums
                    .iter()
                    .find(|m| m.group.to_lowercase() == name.to_lowercase())
            })
            .map(|m| m.available)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::known_of as status;

    fn tally(members: &[(Presence, Option<bool>)]) -> Tally {
        let mut t = Tally::default();
        for (p, online) in members {
            t.add(Kind::of(p, *online));
        }
        t
    }

    #[test]
    fn members_are_counted_by_kind_and_the_summary_names_the_kinds_present() {
        let t = tally(&[
            (status(StatusType::Available), Some(true)),
            (status(StatusType::Chat), None),
            (status(StatusType::Available), Some(true)),
            (status(StatusType::Away), Some(true)),
            (status(StatusType::ExtendedAway), Some(true)),
            (status(StatusType::DoNotDisturb), Some(true)),
            // Available but logged out: offline.
            (status(StatusType::Available), Some(false)),
            (Presence::Loading, Some(false)),
        ]);
        assert_eq!(t.summary(), "3 available · 2 away · 1 DND · 2 offline");
        assert_eq!(t.total(), 8);
        let odd = tally(&[
            (status(StatusType::AltRed), None),
            (status(StatusType::Unknown("snooze".into())), None),
            (Presence::Lite, None),
            (Presence::Failed("x".into()), None),
            (Presence::Unlicensed, None),
        ]);
        assert_eq!(
            odd.summary(),
            "0 available · 2 other · 1 no presence · 2 not known yet"
        );
    }

    #[test]
    fn a_group_is_short_only_when_those_not_known_could_not_make_it_up() {
        let t = |available, not_known| Tally {
            available,
            not_known,
            ..Tally::default()
        };
        assert_eq!(Level::of(&t(1, 0), None), Level::NoMinimum);
        assert_eq!(Level::of(&t(3, 0), Some(3)), Level::Met);
        assert_eq!(Level::of(&t(2, 0), Some(3)), Level::Short { minimum: 3 });
        assert_eq!(Level::of(&t(2, 1), Some(3)), Level::NotYetKnown);
        assert_eq!(Level::of(&t(1, 1), Some(3)), Level::Short { minimum: 3 });
        // A minimum of zero is always met.
        assert_eq!(Level::of(&t(0, 0), Some(0)), Level::Met);
    }

    #[test]
    fn the_mark_and_the_announcement_are_words_and_each_dip_is_announced_once() {
        let group = |id: &str, available, minimum| {
            let tally = Tally {
                available,
                away: 2,
                ..Tally::default()
            };
            GroupStaffing {
                id: id.into(),
                name: format!("Group {id}"),
                level: Level::of(&tally, minimum),
                tally,
            }
        };
        let sales = group("s", 2, Some(3));
        assert_eq!(
            sales.mark().as_deref(),
            Some("Below minimum: 2 of 3 available")
        );
        assert_eq!(
            sales.announcement().as_deref(),
            Some("Group s: below minimum: 2 of 3 available.")
        );
        assert_eq!(group("t", 3, Some(3)).mark(), None);
        let now = [sales.clone(), group("t", 0, Some(1)), group("u", 0, None)];
        let first: Vec<&str> = newly_short(&[], &now)
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(first, ["s", "t"]);
        let again = newly_short(&["s".into(), "t".into()], &now);
        assert!(again.is_empty());
        // Back above, then below again: announced again.
        assert_eq!(newly_short(&["t".into()], &now)[0].id, "s");
        let mut strip = vec![
            group("u", 0, None),
            group("t", 0, Some(1)),
            group("v", 5, Some(1)),
            sales,
        ];
        short_first(&mut strip);
        let order: Vec<&str> = strip.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(order, ["t", "s", "u", "v"]);
    }

    #[test]
    fn minimums_are_read_one_by_one_and_found_by_id_or_name() {
        let list: Vec<serde_json::Value> = serde_json::from_str(
            r#"[{"group":"Sales","minimumAvailable":3},{"group":"g-2","minimumAvailable":1},
                {"group":"Support"},{"group":" ","minimumAvailable":2},{"group":"Ops","minimumAvailable":-1}]"#,
        )
        .unwrap();
        let (good, notice) = Minimum::parse_all(&list);
        assert_eq!(good.len(), 2);
        let notice = notice.unwrap();
        assert!(
            notice.contains("staffing 3 (\"Support\"): missing field `minimumAvailable`"),
            "{notice}"
        );
        assert!(
            notice.contains("staffing 4 (\" \"): its group is empty"),
            "{notice}"
        );
        assert!(
            notice.contains("staffing 5 (\"Ops\"): invalid value"),
            "{notice}"
        );
        assert_eq!(Minimum::for_group(&good, "g-1", "sales"), Some(3));
        assert_eq!(Minimum::for_group(&good, "g-2", "Anything"), Some(1));
        assert_eq!(Minimum::for_group(&good, "g-3", "Support"), None);
    }
}
