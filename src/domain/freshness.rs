//! What a polling refresh reads (no Event socket): a board's requests scale with the screen, not the
//! office. Every refresh reads the rows the supervisor is looking at; the rest are swept, the oldest
//! first, just fast enough that no status is ever older than [`STATUS_MAX_AGE_MS`] (logins, which only
//! light the online dot, [`LOGINS_MAX_AGE_MS`]). A row read another way (a save's re-read, an event) is
//! fresh and needs no poll.

use crate::domain::sort;

/// No row's status is older than this while polling.
pub const STATUS_MAX_AGE_MS: f64 = 120_000.0;
/// No row's logins (the online dot) are older than this while polling.
pub const LOGINS_MAX_AGE_MS: f64 = 300_000.0;

/// One row as a refresh sees it: whether it is in view, and when its status and logins were last read
/// (Unix ms; never read: 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Age {
    pub in_view: bool,
    pub status_read_at: f64,
    pub logins_read_at: f64,
}

/// What a refresh reads of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reads {
    pub status: bool,
    pub logins: bool,
}

impl Reads {
    pub const ALL: Reads = Reads {
        status: true,
        logins: true,
    };

    pub fn any(self) -> bool {
        self.status || self.logins
    }
}

/// How fresh a polling board is, for the Live/Polling indicator's hover text.
pub fn polling_sentence(refresh_seconds: u32) -> String {
    let lead = "The event socket is not connected";
    match refresh_seconds {
        0 => format!("{lead} and refreshing is off: what is shown is as old as the last refresh."),
        s => format!(
            "{lead}: the rows on screen are read every {s} s, every other status at least every {} \
             minutes (logins every {}).",
            STATUS_MAX_AGE_MS / 60_000.0,
            LOGINS_MAX_AGE_MS / 60_000.0,
        ),
    }
}

/// For each row, what a refresh at `now` reads, refreshes coming every `interval_ms`.
pub fn plan(rows: &[Age], now: f64, interval_ms: f64) -> Vec<Reads> {
    let status = due(rows, now, interval_ms, STATUS_MAX_AGE_MS, |a| {
        a.status_read_at
    });
    let logins = due(rows, now, interval_ms, LOGINS_MAX_AGE_MS, |a| {
        a.logins_read_at
    });
    status
        .into_iter()
        .zip(logins)
        .map(|(status, logins)| Reads { status, logins })
        .collect()
}

/// Which rows are due for one kind of read: every row in view; of the others the oldest, as many as a
/// full sweep within `max_age` needs at this interval; and any that would pass `max_age` before the next
/// refresh.
fn due(
    rows: &[Age],
    now: f64,
    interval_ms: f64,
    max_age: f64,
    read_at: impl Fn(&Age) -> f64,
) -> Vec<bool> {
    let mut out: Vec<bool> = rows.iter().map(|a| a.in_view).collect();
    let mut others: Vec<usize> = (0..rows.len()).filter(|&i| !rows[i].in_view).collect();
    if others.is_empty() {
        return out;
    }
    // Refreshes within one sweep (leaving one interval's slack); each takes its share of the rest.
    let sweeps = ((max_age - interval_ms) / interval_ms).floor().max(1.0);
    let quota = (others.len() as f64 / sweeps).ceil() as usize;
    sort::sort_by(&mut others, |&a, &b| {
        read_at(&rows[a]).total_cmp(&read_at(&rows[b]))
    });
    for (taken, &i) in others.iter().enumerate() {
        let overdue = now - read_at(&rows[i]) + interval_ms > max_age;
        if taken < quota || overdue {
            out[i] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office(n: usize, in_view: usize, read_at: f64) -> Vec<Age> {
        (0..n)
            .map(|i| Age {
                in_view: i < in_view,
                status_read_at: read_at,
                logins_read_at: read_at,
            })
            .collect()
    }

    /// Runs `minutes` of refreshes every `interval` seconds over `rows`, marking reads; returns the
    /// requests made and the oldest status seen at any refresh.
    fn simulate(mut rows: Vec<Age>, interval: f64, minutes: f64) -> (usize, f64) {
        let (mut requests, mut oldest) = (0, 0.0_f64);
        let mut now = 10_000.0;
        while now < 10_000.0 + minutes * 60_000.0 {
            now += interval * 1_000.0;
            for a in &rows {
                oldest = oldest.max(now - a.status_read_at);
            }
            let reads = plan(&rows, now, interval * 1_000.0);
            for (a, r) in rows.iter_mut().zip(reads) {
                if r.status {
                    a.status_read_at = now;
                    requests += 1;
                }
                if r.logins {
                    a.logins_read_at = now;
                    requests += 1;
                }
            }
        }
        (requests, oldest)
    }

    #[test]
    fn rows_in_view_are_read_every_time_and_the_rest_in_a_sweep() {
        let rows = office(10, 3, 10_000.0);
        let first = plan(&rows, 25_000.0, 15_000.0);
        assert!(first[..3].iter().all(|r| *r == Reads::ALL));
        // 7 others over 7 refreshes per 2-minute sweep: one a refresh.
        assert_eq!(first[3..].iter().filter(|r| r.status).count(), 1);
    }

    #[test]
    fn a_thousand_users_polled_every_15_s_stay_under_1500_requests_a_minute_and_2_minutes_old() {
        // After the first load everyone was read at once: the worst case for spreading.
        let (requests, oldest) = simulate(office(1_000, 40, 10_000.0), 15.0, 10.0);
        let per_minute = requests as f64 / 10.0;
        assert!(per_minute <= 1_500.0, "{per_minute} requests a minute");
        assert!(oldest <= STATUS_MAX_AGE_MS, "a status {oldest} ms old");
        // Without the sweep, every user twice a refresh: 8,000 a minute.
        assert!(per_minute < 8_000.0 / 5.0, "{per_minute}");
    }

    #[test]
    fn slow_intervals_and_small_offices_still_keep_every_row_fresh() {
        for (n, interval) in [(5_000, 15.0), (50, 5.0), (200, 60.0), (1_000, 110.0)] {
            let (_, oldest) = simulate(office(n, 20.min(n), 10_000.0), interval, 12.0);
            // An interval longer than the age allowed can only keep rows as fresh as it comes.
            let bound = STATUS_MAX_AGE_MS.max(interval * 1_000.0);
            assert!(oldest <= bound, "{n} users every {interval} s: {oldest} ms");
        }
    }

    #[test]
    fn a_row_never_read_is_read_first() {
        let mut rows = office(100, 0, 50_000.0);
        rows[77].status_read_at = 0.0;
        let reads = plan(&rows, 60_000.0, 15_000.0);
        assert!(reads[77].status);
    }

    #[test]
    fn the_indicator_says_how_fresh_a_polling_board_is() {
        assert_eq!(
            polling_sentence(15),
            "The event socket is not connected: the rows on screen are read every 15 s, every other \
             status at least every 2 minutes (logins every 5)."
        );
        assert!(polling_sentence(0).contains("refreshing is off"));
    }
}
