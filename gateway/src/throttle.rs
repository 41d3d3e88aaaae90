//! Backoff after failed sign-ins: each failure past the first few doubles the wait before the next try, up
//! to a cap. Never a hard lockout, which an attacker could use to keep a supervisor out. The gateway keeps
//! one per username (a success clears it) and one per client address, with more free tries (an office
//! behind one NAT address shares it).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

const FIRST_WAIT: Duration = Duration::from_secs(1);
const MAX_WAIT: Duration = Duration::from_secs(60);
/// A key with no failure for this long is forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);

pub struct Throttle {
    /// Failures allowed before any wait.
    free: u32,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    pub fn new(free: u32) -> Throttle {
        Throttle {
            free,
            failures: Mutex::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, (u32, Instant)>> {
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How long `key` must still wait; `None` when a try may go ahead.
    pub fn wait(&self, key: &str) -> Option<Duration> {
        let &(count, last) = self.lock().get(key)?;
        (last + wait_after(count, self.free))
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
    }

    pub fn failed(&self, key: &str) {
        let now = Instant::now();
        let mut map = self.lock();
        map.retain(|_, (_, last)| now.duration_since(*last) < FORGET_AFTER);
        let entry = map.entry(key.to_owned()).or_insert((0, now));
        *entry = (entry.0.saturating_add(1), now);
    }

    pub fn succeeded(&self, key: &str) {
        self.lock().remove(key);
    }
}

/// The wait after `count` failures in a row, `free` of them without one.
fn wait_after(count: u32, free: u32) -> Duration {
    if count < free {
        return Duration::ZERO;
    }
    let doublings = (count - free).min(16);
    (FIRST_WAIT * 2u32.pow(doublings)).min(MAX_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_are_capped() {
        assert_eq!(wait_after(2, 3), Duration::ZERO);
        assert_eq!(wait_after(3, 3), Duration::from_secs(1));
        assert_eq!(wait_after(4, 3), Duration::from_secs(2));
        assert_eq!(wait_after(40, 3), MAX_WAIT);
    }

    #[test]
    fn a_key_waits_after_its_free_tries_and_a_success_clears_it() {
        let t = Throttle::new(3);
        for _ in 0..3 {
            assert_eq!(t.wait("4224"), None);
            t.failed("4224");
        }
        assert!(t.wait("4224").is_some());
        assert!(t.wait("other").is_none());
        t.succeeded("4224");
        assert!(t.wait("4224").is_none());
    }
}
