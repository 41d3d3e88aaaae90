//! The contract's vocabulary: the words and numbers the wire uses, which every layer above shares. What they
//! look like to a person (labels, colours, icons) is `domain::status_type`'s business.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// "No return time" on the wire.
pub const NO_RETURN_TIME: i64 = -1;
/// The last millisecond of the year 9999: the largest value the server accepts (contract, "Decided here" 1).
pub const MAX_RETURN_TIME: i64 = 253_402_300_799_999;
/// The id of every core server's All Users group (the vendor's fixed id), which iSymphony does not let
/// anyone edit.
pub const ALL_USERS_ID: &str = "21d97061-ff6a-11e1-a21f-0800200c9a66";

/// The eleven status types. The type only picks an icon and a colour (it has no effect on call flow); an
/// unknown type from a newer server is kept as sent, never an error.
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

    /// The wire name of a known type; `None` for an unknown one.
    pub fn known_name(&self) -> Option<&'static str> {
        Some(match self {
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
            StatusType::Unknown(_) => return None,
        })
    }

    /// The wire name, as the server sent it for an unknown type.
    pub fn as_str(&self) -> &str {
        match self {
            StatusType::Unknown(raw) => raw,
            known => known.known_name().unwrap_or_default(),
        }
    }

    pub fn parse(raw: &str) -> StatusType {
        StatusType::ALL
            .iter()
            .find(|t| t.as_str() == raw)
            .cloned()
            .unwrap_or_else(|| StatusType::Unknown(raw.to_owned()))
    }
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
        let odd = StatusType::parse("<b>busy</b>");
        assert_eq!(odd.as_str(), "<b>busy</b>");
        assert_eq!(odd.known_name(), None);
    }
}
