//! The last statuses this supervisor used, offered as one-click presets.

use serde::{Deserialize, Serialize};

use crate::api::types::SetStatus;
use crate::api::vocabulary::StatusType;

/// How many recent statuses are offered.
pub const RECENT_LIMIT: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preset {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: StatusType,
    #[serde(default)]
    pub note: String,
}

impl Preset {
    /// `Available`, with no note and no return time.
    pub fn available() -> Self {
        Preset {
            name: "Available".into(),
            kind: StatusType::Available,
            note: String::new(),
        }
    }

    /// The set body for this preset; presets carry no return time.
    pub fn to_set(&self) -> SetStatus {
        SetStatus {
            name: self.name.clone(),
            kind: self.kind.clone(),
            note: self.note.clone(),
            return_time: crate::api::vocabulary::NO_RETURN_TIME,
        }
    }
}

/// Puts `used` first, without duplicates, keeping at most [`RECENT_LIMIT`].
pub fn remember(recent: &mut Vec<Preset>, used: &SetStatus) {
    let preset = Preset {
        name: used.name.clone(),
        kind: used.kind.clone(),
        note: used.note.clone(),
    };
    recent.retain(|p| *p != preset);
    recent.insert(0, preset);
    recent.truncate(RECENT_LIMIT);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(name: &str) -> SetStatus {
        SetStatus {
            name: name.into(),
            kind: StatusType::Away,
            note: String::new(),
            return_time: 123,
        }
    }

    #[test]
    fn newest_first_without_duplicates_and_capped() {
        let mut recent = Vec::new();
        for name in ["a", "b", "c", "a", "d", "e", "f"] {
            remember(&mut recent, &set(name));
        }
        let names: Vec<_> = recent.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["f", "e", "d", "a", "c"]);
    }

    #[test]
    fn presets_carry_no_return_time() {
        assert_eq!(Preset::available().to_set().return_time, -1);
        assert_eq!(Preset::available().to_set().note, "");
    }
}
