//! How the page is shown, from the URL it was opened with: `?view=board` is the wall-screen (kiosk) mode —
//! the status board alone, read-only, no navigation or toolbar — and `compact=1` packs more rows on the
//! screen. Read once at start, so a wall screen stays a wall screen.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Display {
    pub kiosk: bool,
    pub compact: bool,
}

impl Display {
    /// From a location's search string (`?view=board&compact=1`).
    pub fn from_query(search: &str) -> Display {
        let mut display = Display::default();
        for pair in search.trim_start_matches('?').split('&') {
            match pair.split_once('=').unwrap_or((pair, "")) {
                ("view", "board") => display.kiosk = true,
                ("compact", "1" | "true" | "") => display.compact = true,
                _ => {}
            }
        }
        display
    }

    /// The query that keeps this display across a redirect ("" for the ordinary panel).
    pub fn query(self) -> &'static str {
        match (self.kiosk, self.compact) {
            (true, true) => "?view=board&compact=1",
            (true, false) => "?view=board",
            (false, true) => "?compact=1",
            (false, false) => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Display;

    #[test]
    fn reads_the_kiosk_and_compact_flags_and_ignores_the_rest() {
        let both = Display::from_query("?view=board&compact=1");
        assert_eq!(
            both,
            Display {
                kiosk: true,
                compact: true
            }
        );
        assert_eq!(both.query(), "?view=board&compact=1");
        assert_eq!(
            Display::from_query("?q=ann&view=board").query(),
            "?view=board"
        );
        assert_eq!(
            Display::from_query("compact"),
            Display {
                kiosk: false,
                compact: true
            }
        );
        for ordinary in ["", "?", "?view=groups", "?compact=0", "?q=view%3Dboard"] {
            assert_eq!(
                Display::from_query(ordinary),
                Display::default(),
                "{ordinary}"
            );
        }
    }
}
