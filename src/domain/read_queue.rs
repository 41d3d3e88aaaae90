//! The order a board reads its users' statuses in: the rows the supervisor is looking at first, then the
//! rest in board order. What is "looked at" changes while the reading goes on (a scroll, a filter), so
//! each next pick asks again; a pick costs as many lookups as there are rows in view, not rows in all.

use std::collections::HashMap;

/// Items waiting to be read, each under a key (a username).
#[derive(Debug)]
pub struct ReadQueue<T> {
    items: Vec<Option<(String, T)>>,
    at: HashMap<String, usize>,
    /// Everything before this is taken.
    front: usize,
}

impl<T> ReadQueue<T> {
    /// The items in their default order, with the key of each.
    pub fn new(items: Vec<T>, key: impl Fn(&T) -> &str) -> Self {
        let items: Vec<Option<(String, T)>> = items
            .into_iter()
            .map(|item| Some((key(&item).to_owned(), item)))
            .collect();
        let at = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((item.as_ref()?.0.clone(), i)))
            .collect();
        ReadQueue {
            items,
            at,
            front: 0,
        }
    }

    /// The next item: the first of `wanted` (keys in the order the supervisor sees them) still waiting,
    /// else the first waiting in the default order; `None` when all are taken.
    pub fn take(&mut self, wanted: &[String]) -> Option<T> {
        let preferred = wanted.iter().find_map(|key| self.at.get(key).copied());
        if let Some(item) = preferred.and_then(|i| self.take_at(i)) {
            return Some(item);
        }
        while self.front < self.items.len() {
            let i = self.front;
            self.front += 1;
            if let Some(item) = self.take_at(i) {
                return Some(item);
            }
        }
        None
    }

    fn take_at(&mut self, i: usize) -> Option<T> {
        let (key, item) = self.items.get_mut(i)?.take()?;
        self.at.remove(&key);
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(keys: &[&str]) -> ReadQueue<String> {
        ReadQueue::new(keys.iter().map(|k| k.to_string()).collect(), |k| k.as_str())
    }

    fn wanted(keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn rows_in_view_come_first_then_the_rest_in_order() {
        let mut q = queue(&["a", "b", "c", "d", "e"]);
        let view = wanted(&["d", "e"]);
        assert_eq!(q.take(&view).as_deref(), Some("d"));
        assert_eq!(q.take(&view).as_deref(), Some("e"));
        assert_eq!(q.take(&view).as_deref(), Some("a"));
        // The view moves (a scroll) while the reading goes on.
        assert_eq!(q.take(&wanted(&["c"])).as_deref(), Some("c"));
        assert_eq!(q.take(&[]).as_deref(), Some("b"));
        assert_eq!(q.take(&view), None);
        assert_eq!(q.take(&[]), None);
    }

    #[test]
    fn unknown_and_already_taken_keys_in_view_are_passed_over() {
        let mut q = queue(&["a", "b"]);
        assert_eq!(q.take(&wanted(&["zz", "b"])).as_deref(), Some("b"));
        assert_eq!(q.take(&wanted(&["b"])).as_deref(), Some("a"));
        assert_eq!(q.take(&wanted(&["a", "b"])), None);
    }
}
