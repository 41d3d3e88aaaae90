//! The status editor's form as plain data: what the supervisor typed, checked against the same rules the
//! server applies with `422` (contract, "Decided here" 7), so a mistake is explained beside its field
//! before anything is sent.

use crate::api::types::{SetStatus, UserStatus};
use crate::api::vocabulary::StatusType;
use crate::domain::return_time::{from_editor, to_editor, LocalDateTime, ReturnTimeError};

/// Everything the editor holds. Kept whole when a save fails, so nothing typed is lost.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatusDraft {
    pub name: String,
    /// `None` when the current type is one this panel does not know: the supervisor must pick one.
    pub kind: Option<StatusType>,
    pub note: String,
    pub no_return_time: bool,
    /// The `datetime-local` value, local time.
    pub return_time: String,
}

/// One message per field that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldErrors {
    pub name: Option<&'static str>,
    pub kind: Option<&'static str>,
    pub return_time: Option<&'static str>,
}

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.kind.is_none() && self.return_time.is_none()
    }
}

impl StatusDraft {
    /// The editor opened on a user's current status.
    pub fn from_status(status: &UserStatus, from_epoch: impl Fn(i64) -> LocalDateTime) -> Self {
        let (no_return_time, return_time) = to_editor(status.return_time, from_epoch);
        StatusDraft {
            name: status.name.clone(),
            kind: StatusType::ALL
                .contains(&status.kind)
                .then(|| status.kind.clone()),
            note: status.note.clone(),
            no_return_time,
            return_time,
        }
    }

    /// The body to send, or what is wrong with each field.
    pub fn validate(
        &self,
        to_epoch: impl Fn(LocalDateTime) -> Option<i64>,
    ) -> Result<SetStatus, FieldErrors> {
        let name = self.name.trim();
        let return_time = from_editor(self.no_return_time, &self.return_time, to_epoch);
        let errors = FieldErrors {
            name: name.is_empty().then_some("Enter a status name."),
            kind: self.kind.is_none().then_some("Choose a status type."),
            return_time: return_time.err().map(ReturnTimeError::message),
        };
        match (&self.kind, return_time) {
            (Some(kind), Ok(return_time)) if errors.is_empty() => Ok(SetStatus {
                name: name.to_owned(),
                kind: kind.clone(),
                note: self.note.clone(),
                return_time,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(l: LocalDateTime) -> Option<i64> {
        // Days since 1970 for dates in 2026 only: enough to test the form's wiring.
        let days_before_month = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        let days = 20454 + days_before_month[l.month as usize - 1] + l.day as i64 - 1;
        (l.year == 2026).then(|| ((days * 24 + l.hour as i64) * 60 + l.minute as i64) * 60_000)
    }

    fn status(kind: StatusType, return_time: i64) -> UserStatus {
        UserStatus {
            id: "s".into(),
            configuration_id: "c".into(),
            name: "Lunch".into(),
            kind,
            note: "Back soon".into(),
            return_time,
            user_created: false,
        }
    }

    #[test]
    fn a_good_draft_becomes_the_set_body() {
        let draft = StatusDraft {
            name: "  In a meeting ".into(),
            kind: Some(StatusType::AltPurple),
            note: "Room 2\nAsk Tom".into(),
            no_return_time: false,
            return_time: "2026-01-01T00:30".into(),
        };
        let body = draft.validate(utc).unwrap();
        assert_eq!(body.name, "In a meeting");
        assert_eq!(body.kind, StatusType::AltPurple);
        assert_eq!(body.note, "Room 2\nAsk Tom");
        assert_eq!(body.return_time, 1_767_227_400_000);
    }

    #[test]
    fn each_mistake_is_named_beside_its_field() {
        let draft = StatusDraft {
            name: "   ".into(),
            kind: None,
            note: String::new(),
            no_return_time: false,
            return_time: String::new(),
        };
        let errors = draft.validate(utc).unwrap_err();
        assert_eq!(errors.name, Some("Enter a status name."));
        assert_eq!(errors.kind, Some("Choose a status type."));
        assert_eq!(
            errors.return_time,
            Some("Enter a return time, or tick “No return time”.")
        );
    }

    #[test]
    fn no_return_time_sends_minus_one_whatever_the_box_holds() {
        let draft = StatusDraft {
            name: "Out".into(),
            kind: Some(StatusType::ExtendedAway),
            no_return_time: true,
            return_time: "garbage".into(),
            ..Default::default()
        };
        assert_eq!(draft.validate(utc).unwrap().return_time, -1);
    }

    #[test]
    fn opening_on_a_status_fills_every_field() {
        let from = |_| LocalDateTime {
            year: 2026,
            month: 11,
            day: 24,
            hour: 9,
            minute: 30,
        };
        let draft = StatusDraft::from_status(&status(StatusType::Away, 5), from);
        assert_eq!(draft.kind, Some(StatusType::Away));
        assert_eq!(
            (draft.no_return_time, draft.return_time.as_str()),
            (false, "2026-11-24T09:30")
        );
        let none = StatusDraft::from_status(&status(StatusType::Away, -1), from);
        assert!(none.no_return_time && none.return_time.is_empty());
        let unknown = StatusDraft::from_status(&status(StatusType::Unknown("x".into()), -1), from);
        assert_eq!(unknown.kind, None);
    }
}
