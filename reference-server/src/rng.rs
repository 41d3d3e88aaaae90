//! A tiny deterministic generator (xorshift64), so churn and fault injection need no extra crate and a
//! seed reproduces a run.

#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_in_range_and_repeats_from_a_seed() {
        let mut a = Rng::new(42);
        assert!((0..1000).all(|_| a.below(7) < 7));
        assert!((0..1000).all(|_| (0.0..1.0).contains(&a.unit())));
        assert_eq!(a.below(0), 0);
        let (mut x, mut y) = (Rng::new(9), Rng::new(9));
        assert_eq!(
            (0..10).map(|_| x.below(100)).collect::<Vec<_>>(),
            (0..10).map(|_| y.below(100)).collect::<Vec<_>>()
        );
    }
}
