//! How the page is shown, from the URL it was opened with: `?view=board` is the wall screen —
//! the status board alone, read-only, no navigation or toolbar — and `compact=1` packs more rows on the
//! screen. Read once at start, so a wall screen stays a wall screen.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScreenMode {
    pub wall_screen: bool,
    pub compact: bool,
}

impl ScreenMode {
    /// From a location's search string (`?view=board&compact=1`).
    pub fn from_query(search: &str) -> ScreenMode {
        let mut screen = ScreenMode::default();
        for pair in search.trim_start_matches('?').split('&') {
            match pair.split_once('=').unwrap_or((pair, "")) {
                ("view", "board") => screen.wall_screen = true,
                ("compact", "1" | "true" | "") => screen.compact = true,
                _ => {}
            }
        }
        screen
    }

    /// The query that keeps this mode across a redirect ("" for the ordinary panel).
    pub fn query(self) -> &'static str {
        match (self.wall_screen, self.compact) {
            (true, true) => "?view=board&compact=1",
            (true, false) => "?view=board",
            (false, true) => "?compact=1",
            (false, false) => "",
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
                compact: true
            }
        );
        assert_eq!(both.query(), "?view=board&compact=1");
        assert_eq!(
            ScreenMode::from_query("?q=ann&view=board").query(),
            "?view=board"
        );
        assert_eq!(
            ScreenMode::from_query("compact"),
            ScreenMode {
                wall_screen: false,
                compact: true
            }
        );
        for ordinary in ["", "?", "?view=groups", "?compact=0", "?q=view%3Dboard"] {
            assert_eq!(
                ScreenMode::from_query(ordinary),
                ScreenMode::default(),
                "{ordinary}"
            );
        }
    }
}
