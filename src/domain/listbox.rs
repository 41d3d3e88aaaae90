//! The one keyboard model of the panel's listboxes (the status-type picker, the add-members search): where
//! the active option moves for a key. WAI-ARIA's listbox pattern: Down/Up step and stop at the ends,
//! Home/End jump. A list driven from a text box leaves Left/Right/Home/End to the caret.

/// Where focus sits: a listbox of its own, or a text box whose suggestions are the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFocus {
    List,
    TextBox,
}

/// The option active after `key`, in a list of `count` from `current` (none active yet: the first);
/// `None` when the key does not move (or the list is empty).
pub fn step(key: &str, current: Option<usize>, count: usize, focus: ListFocus) -> Option<usize> {
    let last = count.checked_sub(1)?;
    let in_list = focus == ListFocus::List;
    match key {
        "ArrowDown" => Some(current.map_or(0, |i| (i + 1).min(last))),
        "ArrowUp" => Some(current.map_or(0, |i| i.saturating_sub(1))),
        "ArrowRight" if in_list => Some(current.map_or(0, |i| (i + 1).min(last))),
        "ArrowLeft" if in_list => Some(current.map_or(0, |i| i.saturating_sub(1))),
        "Home" if in_list => Some(0),
        "End" if in_list => Some(last),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_step_and_stop_at_the_ends_and_home_end_jump_in_a_list() {
        use ListFocus::*;
        assert_eq!(step("ArrowDown", None, 11, List), Some(0));
        assert_eq!(step("ArrowDown", Some(3), 11, List), Some(4));
        assert_eq!(step("ArrowDown", Some(10), 11, List), Some(10));
        assert_eq!(step("ArrowUp", Some(0), 11, List), Some(0));
        assert_eq!(step("ArrowLeft", Some(5), 11, List), Some(4));
        assert_eq!(step("End", Some(2), 11, List), Some(10));
        assert_eq!(step("Home", Some(7), 11, List), Some(0));
        assert_eq!(step("a", Some(7), 11, List), None);
        // From a text box the caret keeps Left/Right/Home/End.
        assert_eq!(step("ArrowDown", Some(0), 3, TextBox), Some(1));
        assert_eq!(step("ArrowRight", Some(0), 3, TextBox), None);
        assert_eq!(step("Home", Some(2), 3, TextBox), None);
        assert_eq!(step("ArrowDown", Some(0), 0, TextBox), None);
    }
}
