//! Which rows of a long board are in the DOM: the ones in view and a margin either side. A table of
//! thousands of rows costs the browser a layout of every row for every change and every keystroke in the
//! filter (BENCHMARKS.md); the rows out of view are stood in for by two empty rows of the same height.
//!
//! Rows differ a little in height (a two-line note, a "Saving…" line, cards at phone width), so the
//! height is an average measured from the rows on screen; an estimate only shifts where the margin ends.

use std::collections::HashMap;

/// Boards this short are rendered whole: cheap, and the browser's find-in-page sees every user.
pub const RENDER_ALL_UP_TO: usize = 150;
/// Rows rendered beyond each edge of the view, so a scroll shows rows that are already there.
pub const MARGIN_ROWS: usize = 12;
/// The row height assumed until one is measured (a desktop row: name over username).
pub const FIRST_GUESS_PX: f64 = 52.0;

/// Where the list sits in the browser's view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// How far the list's first row is above the top of the view, in px (negative: it starts below).
    pub scrolled: f64,
    /// The view's height in px.
    pub height: f64,
}

/// Rows `start..end` of the arranged list are rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
}

impl Window {
    /// The rows to render of `total`, each about `row_px` high, seen through `view`.
    pub fn of(total: usize, row_px: f64, view: Viewport) -> Window {
        if total <= RENDER_ALL_UP_TO {
            return Window {
                start: 0,
                end: total,
            };
        }
        let row_px = if row_px > 0.0 { row_px } else { FIRST_GUESS_PX };
        let first = (view.scrolled / row_px).floor();
        let last = ((view.scrolled + view.height.max(0.0)) / row_px).ceil();
        let clamp = |x: f64| (x.max(0.0) as usize).min(total);
        let start = clamp(first).saturating_sub(MARGIN_ROWS);
        let end = (clamp(last) + MARGIN_ROWS).min(total);
        // Scrolled past the end (the list just got shorter): show its last screenful.
        let start = start.min(end.saturating_sub(2 * MARGIN_ROWS));
        Window { start, end }
    }

    /// The height that stands in for the rows before the window.
    pub fn before_px(&self, row_px: f64) -> f64 {
        self.start as f64 * row_px
    }

    /// The height that stands in for the rows after the window.
    pub fn after_px(&self, total: usize, row_px: f64) -> f64 {
        total.saturating_sub(self.end) as f64 * row_px
    }

    pub fn contains(&self, index: usize) -> bool {
        (self.start..self.end).contains(&index)
    }

    /// Whether rows of `total` are left out, so the stand-ins are needed at all.
    pub fn leaves_out(&self, total: usize) -> bool {
        self.start > 0 || self.end < total
    }
}

/// The `scrolled` value that puts row `index` a third of the way down the view, for a row the keyboard
/// moved to that is not rendered yet.
pub fn scrolled_to_show(index: usize, row_px: f64, view_height: f64) -> f64 {
    (index as f64 * row_px - view_height / 3.0).max(0.0)
}

/// The rows' heights as measured on screen, by row, and their average: the height of the rows not
/// rendered. Every row measured is remembered, so the average settles as the supervisor scrolls instead of
/// swinging with whichever rows are rendered (which the average itself decides).
#[derive(Debug, Default)]
pub struct RowHeights {
    by_row: HashMap<String, f64>,
    total: f64,
}

impl RowHeights {
    /// Remembers one row's height (from its top to the next row's top, margins included).
    pub fn record(&mut self, row: &str, px: f64) {
        // NaN, zero and negative heights (a row not laid out) are not heights.
        if px.is_nan() || px <= 0.0 {
            return;
        }
        // Measured again at every scroll: a row seen before is updated in place, without a new key.
        let old = match self.by_row.get_mut(row) {
            Some(height) => std::mem::replace(height, px),
            None => {
                self.by_row.insert(row.to_owned(), px);
                0.0
            }
        };
        self.total += px - old;
    }

    /// The average of what was recorded, if anything was.
    pub fn average(&self) -> Option<f64> {
        (!self.by_row.is_empty()).then(|| self.total / self.by_row.len() as f64)
    }

    /// The average when it differs by more than a pixel from `current` (smaller changes are not worth a
    /// re-render).
    pub fn changed_from(&self, current: f64) -> Option<f64> {
        self.average().filter(|avg| (avg - current).abs() > 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(scrolled: f64, height: f64) -> Viewport {
        Viewport { scrolled, height }
    }

    #[test]
    fn short_boards_are_rendered_whole() {
        let w = Window::of(RENDER_ALL_UP_TO, 50.0, view(10_000.0, 800.0));
        assert_eq!(
            w,
            Window {
                start: 0,
                end: RENDER_ALL_UP_TO
            }
        );
        assert_eq!(w.after_px(RENDER_ALL_UP_TO, 50.0), 0.0);
    }

    #[test]
    fn a_long_board_at_the_top_renders_a_screenful_and_a_margin() {
        // 800 px of 50 px rows: 16 rows in view, the list starting 200 px down the page.
        let w = Window::of(5_000, 50.0, view(-200.0, 800.0));
        assert_eq!(
            w,
            Window {
                start: 0,
                end: 12 + MARGIN_ROWS
            }
        );
        assert_eq!(w.before_px(50.0), 0.0);
        assert_eq!(w.after_px(5_000, 50.0), (5_000 - w.end) as f64 * 50.0);
        assert!(w.leaves_out(5_000));
    }

    #[test]
    fn scrolled_into_the_middle_renders_the_rows_in_view_and_either_margin() {
        let w = Window::of(5_000, 50.0, view(50_025.0, 800.0));
        // Rows 1000 (partly) to 1016 (partly) are in view.
        assert_eq!(w.start, 1_000 - MARGIN_ROWS);
        assert_eq!(w.end, 1_017 + MARGIN_ROWS);
        assert!(w.contains(1_000) && w.contains(1_016) && !w.contains(w.end));
        // The stand-ins and the rows add up to the whole list's height.
        let rows = (w.end - w.start) as f64 * 50.0;
        assert_eq!(
            w.before_px(50.0) + rows + w.after_px(5_000, 50.0),
            5_000.0 * 50.0
        );
    }

    #[test]
    fn scrolled_past_the_end_shows_the_last_rows() {
        // The filter just cut 5,000 rows to 200 while the page was far down.
        let w = Window::of(200, 50.0, view(200_000.0, 800.0));
        assert_eq!(w.end, 200);
        assert_eq!(w.start, 200 - 2 * MARGIN_ROWS);
    }

    #[test]
    fn a_nonsense_height_falls_back_to_the_first_guess() {
        let guessed = Window::of(500, FIRST_GUESS_PX, view(0.0, 800.0));
        assert_eq!(Window::of(500, 0.0, view(0.0, 800.0)), guessed);
        assert_eq!(Window::of(500, f64::NAN, view(0.0, 800.0)), guessed);
        assert!(guessed.end < 500);
    }

    #[test]
    fn a_row_is_brought_a_third_of_the_way_down() {
        assert_eq!(scrolled_to_show(100, 50.0, 900.0), 5_000.0 - 300.0);
        assert_eq!(scrolled_to_show(2, 50.0, 900.0), 0.0);
    }

    #[test]
    fn the_average_covers_every_row_measured_and_settles() {
        let mut h = RowHeights::default();
        assert_eq!(h.average(), None);
        assert_eq!(h.changed_from(FIRST_GUESS_PX), None);
        // The top of the list: short rows.
        for i in 0..10 {
            h.record(&format!("u{i}"), 50.0);
        }
        assert_eq!(h.changed_from(52.0), Some(50.0));
        assert_eq!(h.changed_from(50.5), None);
        // Further down: taller rows. Scrolling back up does not swing the average back.
        for i in 10..20 {
            h.record(&format!("u{i}"), 70.0);
        }
        assert_eq!(h.average(), Some(60.0));
        for i in 0..10 {
            h.record(&format!("u{i}"), 50.0);
        }
        assert_eq!(h.average(), Some(60.0));
        // A row that grew (a note arrived) counts once, at its new height.
        h.record("u0", 250.0);
        assert_eq!(h.average(), Some(70.0));
        h.record("u0", -1.0);
        h.record("u0", f64::NAN);
        assert_eq!(h.average(), Some(70.0));
    }
}
