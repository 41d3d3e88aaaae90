//! The board's keyboard shortcuts as plain data: which key does what, and moving the focused row.

/// What a key asks the board to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `/`: focus `Filter users`.
    FocusFilter,
    /// `j` or ↓: the next row.
    Next,
    /// `k` or ↑: the previous row.
    Previous,
    /// `e` or Enter: edit the focused row.
    Edit,
    /// `x`: select or unselect the focused row.
    ToggleSelect,
    /// `w`: watch the focused row's user (or stop).
    Watch,
    /// `?`: the shortcut sheet.
    Help,
}

/// The shortcuts, for the sheet: (keys, what they do).
pub const SHEET: [(&str, &str); 8] = [
    ("/", "Focus “Filter users”"),
    ("j or ↓", "Next row"),
    ("k or ↑", "Previous row"),
    ("e or Enter", "Edit the focused row's status"),
    ("x", "Select or unselect the focused row"),
    (
        "w",
        "Tell me when the focused row's user is back (again: stop)",
    ),
    ("Esc", "Close the editor or this sheet"),
    ("?", "Show this sheet"),
];

/// The command for `key`, unless the supervisor is typing in a field or holds a modifier.
pub fn command(key: &str, typing: bool, modified: bool) -> Option<Command> {
    if typing || modified {
        return None;
    }
    Some(match key {
        "/" => Command::FocusFilter,
        "j" | "ArrowDown" => Command::Next,
        "k" | "ArrowUp" => Command::Previous,
        "e" | "Enter" => Command::Edit,
        "x" => Command::ToggleSelect,
        "w" => Command::Watch,
        "?" => Command::Help,
        _ => return None,
    })
}

/// The row to focus after moving from `current` (none focused yet: the first or the last).
pub fn step(order: &[String], current: Option<&str>, forward: bool) -> Option<String> {
    let last = order.len().checked_sub(1)?;
    let at = current.and_then(|c| order.iter().position(|u| u == c));
    let next = match (at, forward) {
        (None, true) => 0,
        (None, false) => last,
        (Some(i), true) => (i + 1).min(last),
        (Some(i), false) => i.saturating_sub(1),
    };
    Some(order[next].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_commands_except_while_typing() {
        assert_eq!(command("/", false, false), Some(Command::FocusFilter));
        assert_eq!(command("j", false, false), Some(Command::Next));
        assert_eq!(command("ArrowUp", false, false), Some(Command::Previous));
        assert_eq!(command("Enter", false, false), Some(Command::Edit));
        assert_eq!(command("x", false, false), Some(Command::ToggleSelect));
        assert_eq!(command("?", false, false), Some(Command::Help));
        assert_eq!(command("j", true, false), None);
        assert_eq!(command("x", false, true), None);
        assert_eq!(command("q", false, false), None);
    }

    #[test]
    fn the_focus_moves_and_stops_at_the_ends() {
        let order: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(step(&order, None, true).as_deref(), Some("a"));
        assert_eq!(step(&order, None, false).as_deref(), Some("c"));
        assert_eq!(step(&order, Some("a"), true).as_deref(), Some("b"));
        assert_eq!(step(&order, Some("c"), true).as_deref(), Some("c"));
        assert_eq!(step(&order, Some("a"), false).as_deref(), Some("a"));
        assert_eq!(step(&order, Some("gone"), true).as_deref(), Some("a"));
        assert_eq!(step(&[], None, true), None);
    }
}
