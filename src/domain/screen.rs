//! How the page is shown, from the URL it was opened with: `?view=board` is the wall screen —
//! the status board alone, read-only, no navigation or toolbar — `compact=1` packs more rows on the
//! screen, and `groups=1` adds the group staffing strip to a wall screen. Read once at start, so a wall
//! screen stays a wall screen.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScreenMode {
    pub wall_screen: bool,
    pub compact: bool,
    /// The wall screen shows the group staffing strip (the ordinary board always does).
    pub groups: bool,
}

impl ScreenMode {
    /// From a location's search string (`?view=board&compact=1`).
    pub fn from_query(search: &str) -> ScreenMode {
        let mut screen = ScreenMode::default();
        for pair in search.trim_start_matches('?').split('&') {
            match pair.split_once('=').unwrap_or((pair, "")) {
                ("view", "board") => screen.wall_screen = true,
                ("compact", "1" | "true" | "") => screen.compact = true,
                ("groups", "1" | "true" | "") => screen.groups = true,
                _ => {}
            }
        }
        screen
    }

    /// The query that keeps this mode across a redirect ("" for the ordinary panel).
    pub fn query(self) -> String {
        let parts: Vec<&str> = [
            (self.wall_screen, "view=board"),
            (self.compact, "compact=1"),
            (self.groups, "groups=1"),
        ]
        .into_iter()
        .filter_map(|(on, part)| on.then_some(part))
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ScreenMode;

    #[test]
    fn reads_the_wall_screen_and_compact_flags_and_ignores_the_rest() {
        let both = ScreenMode::from_query("?view=board&compact=1");
        assert_eq!(
            both,
            ScreenMode {
                wall_screen: true,
                compact: true,
                groups: false
            }
        );
        assert_eq!(both.query(), "?view=board&compact=1");
        let all = ScreenMode::from_query("?view=board&compact=1&groups=1");
        assert!(all.groups);
        assert_eq!(all.query(), "?view=board&compact=1&groups=1");
        assert_eq!(
            ScreenMode::from_query("?q=ann&view=board").query(),
            "?view=board"
        );
        assert_eq!(
            ScreenMode::from_query("compact"),
            ScreenMode {
                wall_screen: false,
                compact: true,
                groups: false
            }
        );
        for ordinary in [
            "",
            "?",
            "?view=groups",
            "?compact=0",
            "?groups=0",
            "?q=view%3Dboard",
        ] {
            assert_eq!(
                ScreenMode::from_query(ordinary),
                ScreenMode::default(),
                "{ordinary}"
            );
        }
    }
}
