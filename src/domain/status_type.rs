//! The eleven status types, their readable labels, colours and icons. The type only picks an icon and a
//! colour (it has no effect on call flow); an unknown type from a newer server is kept and shown as is.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StatusType {
    Available,
    Unavailable,
    Away,
    ExtendedAway,
    DoNotDisturb,
    Chat,
    AltBlue,
    AltGreen,
    AltPink,
    AltPurple,
    AltRed,
    /// A type this panel does not know, kept as the server sent it.
    Unknown(String),
}

impl StatusType {
    /// The eleven types in the vendor's order.
    pub const ALL: [StatusType; 11] = [
        StatusType::Available,
        StatusType::Unavailable,
        StatusType::Away,
        StatusType::ExtendedAway,
        StatusType::DoNotDisturb,
        StatusType::Chat,
        StatusType::AltBlue,
        StatusType::AltGreen,
        StatusType::AltPink,
        StatusType::AltPurple,
        StatusType::AltRed,
    ];

    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            StatusType::Unknown(raw) => raw,
            known => known.css_class(),
        }
    }

    pub fn parse(raw: &str) -> StatusType {
        StatusType::ALL
            .iter()
            .find(|t| t.as_str() == raw)
            .cloned()
            .unwrap_or_else(|| StatusType::Unknown(raw.to_owned()))
    }

    /// What a person reads; colour is never the only carrier of meaning.
    pub fn label(&self) -> String {
        match self {
            StatusType::Available => "Available",
            StatusType::Unavailable => "Unavailable",
            StatusType::Away => "Away",
            StatusType::ExtendedAway => "Extended away",
            StatusType::DoNotDisturb => "Do not disturb",
            StatusType::Chat => "Chat",
            StatusType::AltBlue => "Blue",
            StatusType::AltGreen => "Green",
            StatusType::AltPink => "Pink",
            StatusType::AltPurple => "Purple",
            StatusType::AltRed => "Red",
            StatusType::Unknown(raw) => return format!("Unknown ({raw})"),
        }
        .to_owned()
    }

    /// A CSS class suffix that is safe whatever the server sent: the wire name of a known type.
    pub fn css_class(&self) -> &'static str {
        match self {
            StatusType::Available => "available",
            StatusType::Unavailable => "unavailable",
            StatusType::Away => "away",
            StatusType::ExtendedAway => "xa",
            StatusType::DoNotDisturb => "dnd",
            StatusType::Chat => "chat",
            StatusType::AltBlue => "altblue",
            StatusType::AltGreen => "altgreen",
            StatusType::AltPink => "altpink",
            StatusType::AltPurple => "altpurple",
            StatusType::AltRed => "altred",
            StatusType::Unknown(_) => "unknown",
        }
    }

    /// A glyph beside the label, so the type reads without colour.
    pub fn icon(&self) -> &'static str {
        match self {
            StatusType::Available => "●",
            StatusType::Unavailable => "■",
            StatusType::Away => "◐",
            StatusType::ExtendedAway => "○",
            StatusType::DoNotDisturb => "⊘",
            StatusType::Chat => "✉",
            StatusType::AltBlue
            | StatusType::AltGreen
            | StatusType::AltPink
            | StatusType::AltPurple
            | StatusType::AltRed => "◆",
            StatusType::Unknown(_) => "?",
        }
    }

    /// Order used when sorting the board by status: present people first, then away, then unknown.
    pub fn rank(&self) -> usize {
        StatusType::ALL
            .iter()
            .position(|t| t == self)
            .unwrap_or(StatusType::ALL.len())
    }
}

/// Type-ahead: the first type whose label starts with `prefix`, searching after `current` and wrapping.
/// A single repeated letter cycles through the types that start with it ("a" → Available, Away, …).
pub fn find_by_prefix(prefix: &str, current: Option<usize>) -> Option<usize> {
    let prefix = prefix.to_lowercase();
    let count = StatusType::ALL.len();
    let single = prefix.chars().count() == 1;
    let start = match current {
        Some(i) if single => i + 1,
        Some(i) => i,
        None => 0,
    };
    (0..count)
        .map(|offset| (start + offset) % count)
        .find(|&i| {
            StatusType::ALL[i]
                .label()
                .to_lowercase()
                .starts_with(&prefix)
        })
}

impl Serialize for StatusType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StatusType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(StatusType::parse(&String::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_its_wire_name() {
        for t in StatusType::ALL {
            assert_eq!(StatusType::parse(t.as_str()), t);
        }
        let wire: Vec<_> = StatusType::ALL.iter().map(StatusType::as_str).collect();
        assert_eq!(
            wire,
            [
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
                "altred"
            ]
        );
    }

    #[test]
    fn labels_are_readable_and_unknown_types_are_shown_raw() {
        assert_eq!(StatusType::ExtendedAway.label(), "Extended away");
        assert_eq!(StatusType::DoNotDisturb.label(), "Do not disturb");
        assert_eq!(StatusType::AltPurple.label(), "Purple");
        let odd = StatusType::parse("<b>busy</b>");
        assert_eq!(odd.label(), "Unknown (<b>busy</b>)");
        assert_eq!(odd.css_class(), "unknown");
        assert_eq!(odd.as_str(), "<b>busy</b>");
    }

    #[test]
    fn type_ahead_cycles_and_narrows() {
        let label = |i: Option<usize>| i.map(|i| StatusType::ALL[i].label());
        assert_eq!(
            label(find_by_prefix("a", None)).as_deref(),
            Some("Available")
        );
        assert_eq!(label(find_by_prefix("a", Some(0))).as_deref(), Some("Away"));
        assert_eq!(
            label(find_by_prefix("a", Some(2))).as_deref(),
            Some("Available")
        );
        assert_eq!(label(find_by_prefix("p", Some(0))).as_deref(), Some("Pink"));
        assert_eq!(
            label(find_by_prefix("p", Some(8))).as_deref(),
            Some("Purple")
        );
        assert_eq!(
            label(find_by_prefix("do", Some(0))).as_deref(),
            Some("Do not disturb")
        );
        assert_eq!(
            label(find_by_prefix("ex", Some(4))).as_deref(),
            Some("Extended away")
        );
        assert_eq!(find_by_prefix("z", Some(3)), None);
    }

    #[test]
    fn unknown_types_sort_last() {
        assert!(StatusType::Available.rank() < StatusType::AltRed.rank());
        assert!(StatusType::AltRed.rank() < StatusType::parse("zzz").rank());
    }
}
