//! What the eleven status types look like to a person: readable labels, colours (CSS classes) and icons,
//! the board's status order, and the picker's type-ahead. The types themselves are the contract's
//! (`api::vocabulary::StatusType`).

use crate::api::vocabulary::StatusType;

impl StatusType {
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
        self.known_name().unwrap_or("unknown")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_readable_and_unknown_types_are_shown_raw() {
        assert_eq!(StatusType::ExtendedAway.label(), "Extended away");
        assert_eq!(StatusType::DoNotDisturb.label(), "Do not disturb");
        assert_eq!(StatusType::AltPurple.label(), "Purple");
        let odd = StatusType::parse("<b>busy</b>");
        assert_eq!(odd.label(), "Unknown (<b>busy</b>)");
        assert_eq!(odd.css_class(), "unknown");
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
