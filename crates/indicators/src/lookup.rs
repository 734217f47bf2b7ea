//! Positions by id in a [`PlanEvaluation`], so that asking for every row by
//! id costs linear time instead of a search per row.
//!
//! The evaluation's lists are public and serde data, so the index is a cache
//! beside them: built on the first look-up (also after deserializing),
//! skipped by serde, ignored by equality. Keys are hashes of the ids, so no
//! id is copied; every answer is confirmed against the entry it points at
//! (see `plan::find`), which covers both a hash shared by two ids and a list
//! changed after indexing.

use crate::PlanEvaluation;
use actionplan_model::Biennium;
use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};
use std::sync::OnceLock;

/// What the index says about an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// Probably at this position (to be confirmed).
    At(usize),
    /// Not in the list.
    Absent,
    /// The list changed since it was indexed: search it.
    Unknown,
}

/// The lazily built positions of one evaluation.
#[derive(Clone, Default)]
pub(crate) struct Lookup(OnceLock<Positions>);

impl Lookup {
    /// The positions of `e`'s lists, built on first use.
    pub(crate) fn positions<'s>(&'s self, e: &'s PlanEvaluation) -> View<'s> {
        View {
            positions: self.0.get_or_init(|| Positions::new(e)),
            evaluation: e,
        }
    }
}

/// A cache, not part of the value.
impl PartialEq for Lookup {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for Lookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Lookup")
    }
}

/// The hashes are already spread by `RandomState`: hashing them again
/// would only cost time.
#[derive(Clone, Copy, Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Map = HashMap<u64, usize, BuildHasherDefault<Prehashed>>;

/// One list's first position per id hash, and its length when indexed.
#[derive(Clone, Default)]
struct Ids {
    at: Map,
    len: usize,
}

impl Ids {
    fn new(keys: impl ExactSizeIterator<Item = u64>) -> Self {
        let len = keys.len();
        let mut at = Map::with_capacity_and_hasher(len, BuildHasherDefault::default());
        for (k, key) in keys.enumerate() {
            // The first entry of an id answers, as a search would.
            at.entry(key).or_insert(k);
        }
        Ids { at, len }
    }

    fn find(&self, key: u64, len_now: usize) -> Found {
        if len_now != self.len {
            return Found::Unknown;
        }
        self.at.get(&key).map_or(Found::Absent, |k| Found::At(*k))
    }
}

#[derive(Clone)]
struct Positions {
    state: RandomState,
    indicators: Ids,
    deliverables: Ids,
    items: Ids,
    categories: Ids,
    biennia: Ids,
}

fn key(state: &RandomState, id: impl Hash) -> u64 {
    state.hash_one(id)
}

impl Positions {
    fn new(e: &PlanEvaluation) -> Self {
        let state = RandomState::new();
        let s = &state;
        Positions {
            indicators: Ids::new(e.indicators.iter().map(|x| key(s, x.indicator.as_str()))),
            deliverables: Ids::new(
                e.deliverables
                    .iter()
                    .map(|x| key(s, x.deliverable.as_str())),
            ),
            items: Ids::new(e.items.iter().map(|x| key(s, x.item.as_str()))),
            categories: Ids::new(e.categories.iter().map(|x| key(s, x.category.as_str()))),
            biennia: Ids::new(e.biennia.iter().map(|x| key(s, x.biennium))),
            state,
        }
    }
}

/// The positions with the lists they index.
pub(crate) struct View<'s> {
    positions: &'s Positions,
    evaluation: &'s PlanEvaluation,
}

impl View<'_> {
    fn key(&self, id: impl Hash) -> u64 {
        key(&self.positions.state, id)
    }

    pub(crate) fn indicator(&self, id: &str) -> Found {
        let len = self.evaluation.indicators.len();
        self.positions.indicators.find(self.key(id), len)
    }

    pub(crate) fn deliverable(&self, id: &str) -> Found {
        let len = self.evaluation.deliverables.len();
        self.positions.deliverables.find(self.key(id), len)
    }

    pub(crate) fn item(&self, id: &str) -> Found {
        let len = self.evaluation.items.len();
        self.positions.items.find(self.key(id), len)
    }

    pub(crate) fn category(&self, id: &str) -> Found {
        let len = self.evaluation.categories.len();
        self.positions.categories.find(self.key(id), len)
    }

    pub(crate) fn biennium(&self, b: Biennium) -> Found {
        let len = self.evaluation.biennia.len();
        self.positions.biennia.find(self.key(b), len)
    }
}
