//! One stable sort for the whole panel. `slice::sort_by` is generic over the element and the comparison,
//! so each call site compiled its own copy of Rust's sort (driftsort, ~4.5 kB of wasm each, six of them:
//! 28 kB before `wasm-opt`). Here only positions are sorted, by one non-generic routine, and the items are
//! then moved into that order: one copy of the sort, a few hundred bytes per call site.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping equal items in their order (like `slice::sort_by`).
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    put_in_order(items, order);
}

/// Sorts `items` by a key computed once per item (like `slice::sort_by_cached_key`: folding a name for
/// comparison allocates, so it is done `n` times, not `n log n`).
pub fn sort_by_cached_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = stable_order(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    put_in_order(items, order);
}

/// The positions `0..len` in the order `cmp` gives them, ties in their original order. The one
/// instantiation of the standard library's sort.
fn stable_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearranges `items` so that the item at `order[i]` comes `i`-th.
fn put_in_order<T>(items: &mut Vec<T>, order: Vec<usize>) {
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_items_in_their_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn a_cached_key_is_computed_once_per_item_and_gives_the_same_order_as_std() {
        let words = ["Émile", "bob", "alice", "Bob", "émile", "Zoë", ""];
        let calls = std::cell::Cell::new(0);
        let mut ours: Vec<&str> = words.to_vec();
        sort_by_cached_key(&mut ours, |w| {
            calls.set(calls.get() + 1);
            w.to_lowercase()
        });
        let mut std_order = words.to_vec();
        std_order.sort_by_cached_key(|w| w.to_lowercase());
        assert_eq!(ours, std_order);
        assert_eq!(calls.get(), words.len());
    }

    #[test]
    fn empty_and_single_lists_are_left_alone() {
        let mut none: Vec<u8> = Vec::new();
        sort_by(&mut none, u8::cmp);
        assert!(none.is_empty());
        let mut one = vec![String::from("x")];
        sort_by(&mut one, String::cmp);
        assert_eq!(one, ["x"]);
    }
}
