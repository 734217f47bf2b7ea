//! The shape of a generated plan: how many indicators each deliverable has,
//! which deliverables each item lists, and the walks that visit them in
//! plan order without holding them.

use crate::Generator;
use crate::rng::{Rng, Stream};

/// A follow-up item's place in the plan.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ItemSlot {
    /// Index of the item (0-based).
    pub(crate) index: u64,
    /// Index of its first own deliverable.
    pub(crate) first: u64,
    /// How many deliverables it owns.
    pub(crate) count: u64,
    /// Index of its biennium in the plan's list.
    pub(crate) biennium: u64,
    /// Index of its category.
    pub(crate) category: u64,
}

/// A deliverable's place in the plan.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    /// The item that plans it first.
    pub(crate) item: ItemSlot,
    /// Index of the deliverable (0-based).
    pub(crate) index: u64,
    /// Plan-wide index of its first indicator.
    pub(crate) first_indicator: u64,
    /// How many indicators it has.
    pub(crate) indicators: u64,
}

/// Indicators of deliverable `k` before truncation to the total: 1 to 4.
pub(crate) fn indicators_of(seed: u64, k: u64) -> u64 {
    Rng::new(seed, Stream::DeliverableShape, k).range(1, 4)
}

/// Own deliverables of item `i` before truncation: 1 to 3.
fn deliverables_of(seed: u64, i: u64) -> u64 {
    Rng::new(seed, Stream::ItemShape, i).range(1, 3)
}

/// The numbers of deliverables and items for `indicators` indicators.
pub(crate) fn count(seed: u64, indicators: u64) -> (u64, u64) {
    let (mut deliverables, mut g) = (0u64, 0u64);
    while g < indicators {
        g = g.saturating_add(indicators_of(seed, deliverables).min(indicators.saturating_sub(g)));
        deliverables = deliverables.saturating_add(1);
    }
    let (mut items, mut k) = (0u64, 0u64);
    while k < deliverables {
        k = k.saturating_add(deliverables_of(seed, items).min(deliverables.saturating_sub(k)));
        items = items.saturating_add(1);
    }
    (deliverables, items)
}

/// The items in plan order.
pub(crate) struct Items<'a> {
    generator: &'a Generator,
    index: u64,
    first: u64,
}

impl<'a> Items<'a> {
    pub(crate) fn new(generator: &'a Generator) -> Self {
        Items {
            generator,
            index: 0,
            first: 0,
        }
    }
}

impl Iterator for Items<'_> {
    type Item = ItemSlot;

    fn next(&mut self) -> Option<ItemSlot> {
        let g = self.generator;
        if self.first >= g.deliverables {
            return None;
        }
        let count =
            deliverables_of(g.seed, self.index).min(g.deliverables.saturating_sub(self.first));
        // Items come biennium by biennium, as in the plan's table.
        let biennium = self
            .index
            .saturating_mul(g.biennia.len() as u64)
            .checked_div(g.items)
            .unwrap_or(0);
        let category =
            Rng::new(g.seed, Stream::Item, self.index).below(crate::plan::CATEGORIES.len() as u64);
        let slot = ItemSlot {
            index: self.index,
            first: self.first,
            count,
            biennium,
            category,
        };
        self.index = self.index.saturating_add(1);
        self.first = self.first.saturating_add(count);
        Some(slot)
    }
}

/// The deliverables in plan order.
pub(crate) struct Slots<'a> {
    items: Items<'a>,
    item: Option<ItemSlot>,
    index: u64,
    indicator: u64,
}

impl<'a> Slots<'a> {
    pub(crate) fn new(generator: &'a Generator) -> Self {
        Slots {
            items: Items::new(generator),
            item: None,
            index: 0,
            indicator: 0,
        }
    }
}

impl Iterator for Slots<'_> {
    type Item = Slot;

    fn next(&mut self) -> Option<Slot> {
        let item = match self.item {
            Some(it) if self.index < it.first.saturating_add(it.count) => it,
            _ => {
                let it = self.items.next()?;
                self.item = Some(it);
                it
            }
        };
        let g = self.items.generator;
        let indicators =
            indicators_of(g.seed, self.index).min(g.indicators.saturating_sub(self.indicator));
        let slot = Slot {
            item,
            index: self.index,
            first_indicator: self.indicator,
            indicators,
        };
        self.index = self.index.saturating_add(1);
        self.indicator = self.indicator.saturating_add(indicators);
        Some(slot)
    }
}
