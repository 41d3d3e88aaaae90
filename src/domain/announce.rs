//! What a screen reader hears when statuses change elsewhere: changes are gathered and spoken at most once
//! per [`QUIET_MS`], a few by name and many as a count, so a busy office or a reconnect that brings a
//! hundred changes at once never floods the `aria-live` region.

/// The least time between two announcements.
pub const QUIET_MS: f64 = 5_000.0;

/// Up to this many changes are read out by name; more are summarised.
const BY_NAME: usize = 3;

/// One user's status changed to `status` (its name, e.g. "Lunch").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusNews {
    pub who: String,
    pub status: String,
}

/// Changes waiting to be spoken, and when the last announcement went out.
#[derive(Debug, Default)]
pub struct Pacer {
    pending: Vec<StatusNews>,
    last_spoken_at: Option<f64>,
}

impl Pacer {
    /// Records a change; a later change of the same user replaces the earlier one.
    pub fn push(&mut self, change: StatusNews) {
        self.pending.retain(|c| c.who != change.who);
        self.pending.push(change);
    }

    /// How long from `now` until the pending changes may be spoken (0 = now); `None` with nothing pending.
    pub fn wait_ms(&self, now: f64) -> Option<f64> {
        if self.pending.is_empty() {
            return None;
        }
        Some(match self.last_spoken_at {
            Some(at) => (at + QUIET_MS - now).max(0.0),
            None => 0.0,
        })
    }

    /// The announcement for everything pending, if it may be spoken at `now`; the pending list empties.
    pub fn take(&mut self, now: f64) -> Option<String> {
        if self.wait_ms(now)? > 0.0 {
            return None;
        }
        self.last_spoken_at = Some(now);
        Some(sentence(&std::mem::take(&mut self.pending)))
    }
}

fn sentence(changes: &[StatusNews]) -> String {
    if changes.len() > BY_NAME {
        return format!("{} statuses changed.", changes.len());
    }
    changes
        .iter()
        .map(|c| format!("{} is now {}.", c.who, c.status))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(who: &str, status: &str) -> StatusNews {
        StatusNews {
            who: who.into(),
            status: status.into(),
        }
    }

    #[test]
    fn the_first_change_is_spoken_at_once_by_name() {
        let mut p = Pacer::default();
        assert_eq!(p.wait_ms(0.0), None);
        assert_eq!(p.take(0.0), None);
        p.push(change("Ann Lee", "Lunch"));
        assert_eq!(p.wait_ms(1_000.0), Some(0.0));
        assert_eq!(p.take(1_000.0).as_deref(), Some("Ann Lee is now Lunch."));
        assert_eq!(p.take(1_001.0), None, "nothing pending any more");
    }

    #[test]
    fn changes_inside_the_quiet_time_wait_and_are_spoken_together() {
        let mut p = Pacer::default();
        p.push(change("Ann Lee", "Lunch"));
        p.take(0.0);
        p.push(change("Bo Ma", "Away"));
        p.push(change("Cy Oh", "Available"));
        assert_eq!(p.wait_ms(2_000.0), Some(3_000.0));
        assert_eq!(p.take(2_000.0), None);
        assert_eq!(
            p.take(5_000.0).as_deref(),
            Some("Bo Ma is now Away. Cy Oh is now Available.")
        );
    }

    #[test]
    fn many_changes_become_a_count_and_a_user_counts_once() {
        let mut p = Pacer::default();
        for (i, who) in ["A", "B", "C", "D", "A"].into_iter().enumerate() {
            p.push(change(who, &format!("S{i}")));
        }
        assert_eq!(p.take(0.0).as_deref(), Some("4 statuses changed."));
        let mut q = Pacer::default();
        q.push(change("A", "Away"));
        q.push(change("A", "Lunch"));
        assert_eq!(q.take(0.0).as_deref(), Some("A is now Lunch."));
    }
}
