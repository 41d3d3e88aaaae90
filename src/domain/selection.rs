//! Selecting rows for a bulk change: a click toggles one row; a shift-click sets every row between the
//! last clicked one and this one (in the order shown) to this row's new state.

use std::collections::BTreeSet;

/// Applies a click on `target` (which becomes `checked`) to `selected`. With `shift` and an `anchor`
/// still shown, the whole range between them, in `shown` order, follows.
pub fn click(
    selected: &mut BTreeSet<String>,
    shown: &[String],
    anchor: Option<&str>,
    target: &str,
    checked: bool,
    shift: bool,
) {
    let range = anchor.filter(|_| shift).and_then(|anchor| {
        let a = shown.iter().position(|u| u == anchor)?;
        let b = shown.iter().position(|u| u == target)?;
        Some(&shown[a.min(b)..=a.max(b)])
    });
    match range {
        Some(range) => range.iter().for_each(|u| set(selected, u, checked)),
        None => set(selected, target, checked),
    }
}

fn set(selected: &mut BTreeSet<String>, username: &str, checked: bool) {
    if checked {
        selected.insert(username.to_owned());
    } else {
        selected.remove(username);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown() -> Vec<String> {
        ["a", "b", "c", "d", "e"].map(String::from).to_vec()
    }

    fn names(s: &BTreeSet<String>) -> Vec<&str> {
        s.iter().map(String::as_str).collect()
    }

    #[test]
    fn a_click_toggles_one_row() {
        let mut s = BTreeSet::new();
        click(&mut s, &shown(), None, "b", true, false);
        click(&mut s, &shown(), Some("b"), "d", true, false);
        assert_eq!(names(&s), ["b", "d"]);
        click(&mut s, &shown(), Some("d"), "b", false, false);
        assert_eq!(names(&s), ["d"]);
    }

    #[test]
    fn a_shift_click_sets_the_range_either_way() {
        let mut s = BTreeSet::new();
        click(&mut s, &shown(), Some("b"), "d", true, true);
        assert_eq!(names(&s), ["b", "c", "d"]);
        click(&mut s, &shown(), Some("e"), "c", false, true);
        assert_eq!(names(&s), ["b"]);
    }

    #[test]
    fn a_shift_click_without_a_visible_anchor_is_a_plain_click() {
        let mut s = BTreeSet::new();
        click(&mut s, &shown(), Some("gone"), "c", true, true);
        click(&mut s, &shown(), None, "e", true, true);
        assert_eq!(names(&s), ["c", "e"]);
    }
}
