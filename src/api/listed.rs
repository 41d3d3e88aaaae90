//! Lists read one record at a time. A real iSymphony may send a record the panel cannot read (a field
//! missing that we took for certain, a wrong type); that record is left out and counted, and the rest of the
//! list is shown (contract, "Decided here" 15). One odd user must never empty the board.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// The records that could be read, and how many could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub left_out: usize,
}

impl<T> Listed<T> {
    /// How many records the server sent, read or not.
    pub fn total(&self) -> usize {
        self.items.len() + self.left_out
    }
}

impl<T: DeserializeOwned> Listed<T> {
    /// Reads each element of a JSON array on its own.
    pub fn read(records: Vec<Value>) -> Self {
        let total = records.len();
        let items: Vec<T> = records
            .into_iter()
            .filter_map(|r| serde_json::from_value(r).ok())
            .collect();
        Listed {
            left_out: total - items.len(),
            items,
        }
    }
}

/// What a page says about records it left out: `None` when there were none.
pub fn left_out_notice(left_out: usize, what: &str) -> Option<String> {
    match left_out {
        0 => None,
        1 => Some(format!(
            "1 {what} sent by the server could not be read and is left out."
        )),
        n => Some(format!(
            "{n} {what}s sent by the server could not be read and are left out."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::{ConfigUser, LiveUser};

    #[test]
    fn an_unreadable_record_is_left_out_and_counted() {
        let records: Vec<Value> = serde_json::from_str(
            r#"[{"id":"a","configurationId":"ca","userName":"4201","displayedName":"Ann"},
                {"id":"b","configurationId":"cb","displayedName":"No username"},
                {"id":"c","configurationId":"cc","userName":"4203","displayedName":null,"restricted":true},
                "not even an object"]"#,
        )
        .unwrap();
        let listed = Listed::<LiveUser>::read(records);
        assert_eq!(listed.left_out, 2);
        let names: Vec<&str> = listed.items.iter().map(LiveUser::name).collect();
        assert_eq!(names, ["Ann", "4203"]);
    }

    #[test]
    fn users_made_by_freepbx_have_no_display_name() {
        let records: Vec<Value> = serde_json::from_str(
            r#"[{"id":"u1","username":"4301","full":true,"restricted":false},
                {"id":"u2","username":"4302","displayName":null,"enabled":null,"full":null,
                 "lastPasswordChangedAt":null,"permissionDisplayName":null,"permissionId":null}]"#,
        )
        .unwrap();
        let listed = Listed::<ConfigUser>::read(records);
        assert_eq!(listed.left_out, 0);
        let names: Vec<&str> = listed.items.iter().map(ConfigUser::name).collect();
        assert_eq!(names, ["4301", "4302"]);
        assert!(
            listed.items[1].full,
            "a missing or null `full` reads as licensed"
        );
    }

    #[test]
    fn the_notice_counts() {
        assert_eq!(left_out_notice(0, "user"), None);
        assert_eq!(
            left_out_notice(1, "user").unwrap(),
            "1 user sent by the server could not be read and is left out."
        );
        assert!(left_out_notice(3, "group").unwrap().starts_with("3 groups"));
    }
}
