//! The pseudo-random numbers behind every choice: splitmix64, keyed by
//! (seed, stream, index) so that any object can be generated on its own.
//!
//! Keying by index instead of drawing from one sequential stream is what
//! lets the writer stream a list without holding it: the indicator a report
//! entry talks about is regenerated from its index, in O(1), whenever it is
//! needed. `splitmix64` passes `BigCrush` (`TestU01`), is 10 lines, and its
//! output is fixed by its definition, so files stay byte-identical across
//! versions of any dependency (a `rand` upgrade may change its streams).

/// Which family of choices a generator is for; two streams with the same
/// index never share numbers.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Stream {
    Plan = 1,
    ItemShape = 2,
    Item = 3,
    DeliverableShape = 4,
    Deliverable = 5,
    Indicator = 6,
    IndicatorText = 7,
    Line = 8,
    Request = 9,
    Portfolio = 10,
    Entry = 11,
    DeliverableEntry = 12,
    Report = 13,
    // Format 1.1: drawn only for the 1.1 shape, so that the 1.0 shape's
    // numbers never move.
    Item11 = 14,
    Deliverable11 = 15,
    Indicator11 = 16,
    Line11 = 17,
    Entry11 = 18,
    DeliverableEntry11 = 19,
    Revision = 20,
}

/// One splitmix64 generator.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The splitmix64 finalizer: a bijection that spreads every input bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ z.wrapping_shr(30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ z.wrapping_shr(27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ z.wrapping_shr(31)
}

impl Rng {
    /// The generator for object `index` of `stream` under `seed`.
    pub(crate) fn new(seed: u64, stream: Stream, index: u64) -> Self {
        let keyed = mix(seed.wrapping_add((stream as u64).wrapping_mul(GOLDEN)));
        Rng(mix(keyed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03)))
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// A number in `0..n` (0 when `n` is 0). The modulo bias is below
    /// 2^-40 for the small `n` used here.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next_u64().checked_rem(n).unwrap_or(0)
    }

    /// A number in `lo..=hi` (`lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo.saturating_add(self.below(hi.saturating_sub(lo).saturating_add(1)))
    }

    /// True with probability `p` per cent.
    pub(crate) fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }

    /// One entry of `pool` (`fallback` for an empty pool).
    pub(crate) fn pick<T: Copy>(&mut self, pool: &[T], fallback: T) -> T {
        let i = usize::try_from(self.below(pool.len() as u64)).unwrap_or(0);
        pool.get(i).copied().unwrap_or(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_outputs_of_splitmix64_match_its_reference() {
        // Reference values of splitmix64 seeded with 0 (Vigna's C code).
        let mut r = Rng(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn streams_and_indexes_do_not_share_numbers() {
        let a = Rng::new(7, Stream::Item, 1).next_u64();
        let b = Rng::new(7, Stream::Line, 1).next_u64();
        let c = Rng::new(7, Stream::Item, 2).next_u64();
        let d = Rng::new(8, Stream::Item, 1).next_u64();
        assert!(a != b && a != c && a != d && b != c);
    }

    #[test]
    fn range_stays_within_its_bounds() {
        let mut r = Rng::new(1, Stream::Plan, 0);
        for _ in 0..1000 {
            let x = r.range(3, 5);
            assert!((3..=5).contains(&x));
        }
        assert_eq!(r.range(5, 3), 5);
    }
}
