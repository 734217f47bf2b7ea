//! The groups a plan's members roll up into: follow-up items, categories,
//! biennia and the plan, each counted from the deliverables' members in one
//! pass.

use crate::plan::{BienniumEvaluation, CategoryEvaluation, ItemEvaluation};
use crate::rollup::Tally;
use actionplan_model::{ActionPlan, Biennium, CategoryId, FollowUpItem, ItemId, PlanIndex, Span};
use std::collections::HashMap;
use time::Date;

/// Categories and biennia in plan order: the declared ones, then any only
/// items name; each group id has one group, however often it is declared.
pub(crate) struct Groups<'p> {
    /// Every category entry to report, with its group.
    categories: Vec<(&'p CategoryId, usize)>,
    /// Items per category group.
    category_items: Vec<Vec<&'p ItemId>>,
    /// Every biennium entry to report, with its group.
    biennia: Vec<(Biennium, usize)>,
    /// Items per biennium group.
    biennium_items: Vec<Vec<&'p ItemId>>,
    /// Per item: its category group and biennium group (none for an item
    /// planned by year or months, format 1.1).
    per_item: Vec<(usize, Option<usize>)>,
}

/// Members counted per item, per group and for the plan.
pub(crate) struct Tallies {
    items: Vec<Tally>,
    categories: Vec<Tally>,
    biennia: Vec<Tally>,
    /// The plan as a whole.
    pub overall: Tally,
}

/// The group ids seen so far and their positions.
struct Ids<'p, K> {
    group: HashMap<K, usize>,
    entries: Vec<(K, usize)>,
    items: Vec<Vec<&'p ItemId>>,
}

impl<'p, K: Copy + Eq + std::hash::Hash> Ids<'p, K> {
    /// The declared ids, each entry with its group (a repeated id shares
    /// the group of its first entry).
    fn declared(ids: impl IntoIterator<Item = K>) -> Self {
        let mut g = Ids {
            group: HashMap::new(),
            entries: Vec::new(),
            items: Vec::new(),
        };
        for id in ids {
            let at = g.group_of(id);
            g.entries.push((id, at));
        }
        g
    }

    /// The group of `id`, made (without an entry) if new.
    fn group_of(&mut self, id: K) -> usize {
        let next = self.group.len();
        let at = *self.group.entry(id).or_insert(next);
        if at == next {
            self.items.push(Vec::new());
        }
        at
    }

    /// Files `item` under `id`'s group, adding an entry for an id only
    /// items name; returns the group.
    fn file(&mut self, id: K, item: &'p ItemId) -> usize {
        let known = self.group.len();
        let at = self.group_of(id);
        if at == known {
            self.entries.push((id, at));
        }
        if let Some(list) = self.items.get_mut(at) {
            list.push(item);
        }
        at
    }
}

/// The biennium an item is planned for: its `biennium`, or a span that is
/// a biennium (format 1.1).
pub(crate) fn biennium_of(item: &FollowUpItem) -> Option<Biennium> {
    match (item.biennium, item.span) {
        (Some(b), _) | (None, Some(Span::Biennium(b))) => Some(b),
        _ => None,
    }
}

impl Tallies {
    /// Every follow-up item of `plan`, in plan order.
    pub(crate) fn item_evaluations(&self, plan: &ActionPlan) -> Vec<ItemEvaluation> {
        plan.items
            .iter()
            .zip(&self.items)
            .map(|(it, tally)| ItemEvaluation {
                item: it.id.clone(),
                category: it.category.clone(),
                biennium: it.biennium,
                span: it.span,
                deliverables: it.deliverables.clone(),
                rollup: tally.rollup(),
            })
            .collect()
    }
}

impl<'p> Groups<'p> {
    /// Finds every group of `plan` and its items.
    pub(crate) fn new(plan: &'p ActionPlan) -> Self {
        let mut categories = Ids::declared(plan.categories.iter().map(|c| &c.id));
        let mut biennia = Ids::declared(plan.biennia.iter().copied());
        let per_item = plan
            .items
            .iter()
            .map(|it| {
                (
                    categories.file(&it.category, &it.id),
                    biennium_of(it).map(|b| biennia.file(b, &it.id)),
                )
            })
            .collect();
        Groups {
            categories: categories.entries,
            category_items: categories.items,
            biennia: biennia.entries,
            biennium_items: biennia.items,
            per_item,
        }
    }

    /// Counts the members of each deliverable (given by position, each
    /// position once) into every item listing it, once into each category
    /// and biennium of those items, and once into the plan.
    pub(crate) fn tally(&self, index: &PlanIndex<'_>, named: &[(usize, Tally)]) -> Tallies {
        let mut t = Tallies {
            items: vec![Tally::default(); self.per_item.len()],
            categories: vec![Tally::default(); self.category_items.len()],
            biennia: vec![Tally::default(); self.biennium_items.len()],
            overall: Tally::default(),
        };
        let mut counted: Vec<usize> = Vec::new();
        for (k, own) in named {
            t.overall.add_all(own);
            let item_positions = index.items_of_position(*k);
            for &i in item_positions {
                if let Some(tally) = t.items.get_mut(i) {
                    tally.add_all(own);
                }
            }
            let mut each_once = |pick: fn(&(usize, Option<usize>)) -> Option<usize>,
                                 tallies: &mut [Tally]| {
                counted.clear();
                for g in item_positions
                    .iter()
                    .filter_map(|&i| self.per_item.get(i))
                    .filter_map(pick)
                {
                    // A deliverable has a handful of items: a list beats a set.
                    if !counted.contains(&g) {
                        counted.push(g);
                        if let Some(tally) = tallies.get_mut(g) {
                            tally.add_all(own);
                        }
                    }
                }
            };
            each_once(|g| Some(g.0), &mut t.categories);
            each_once(|g| g.1, &mut t.biennia);
        }
        t
    }

    /// Every category, in plan order.
    pub(crate) fn categories(&self, t: &Tallies) -> Vec<CategoryEvaluation> {
        self.categories
            .iter()
            .map(|&(c, g)| CategoryEvaluation {
                category: c.clone(),
                items: group(&self.category_items, g)
                    .iter()
                    .map(|&i| i.clone())
                    .collect(),
                rollup: group(&t.categories, g).rollup(),
            })
            .collect()
    }

    /// Every biennium, in plan order.
    pub(crate) fn biennia(&self, t: &Tallies, as_of: Date) -> Vec<BienniumEvaluation> {
        self.biennia
            .iter()
            .map(|&(b, g)| BienniumEvaluation {
                biennium: b,
                started: as_of >= b.start().first_day(),
                ended: as_of > b.end().last_day(),
                items: group(&self.biennium_items, g)
                    .iter()
                    .map(|&i| i.clone())
                    .collect(),
                rollup: group(&t.biennia, g).rollup(),
            })
            .collect()
    }
}

/// The entry of group `g` in a list with one entry per group.
#[allow(
    clippy::expect_used,
    reason = "every group number comes from `Ids::group_of`, which adds the group's item list as it numbers it, and the tallies are made one per item list"
)]
fn group<T>(list: &[T], g: usize) -> &T {
    list.get(g)
        .expect("a group number is below the number of groups")
}
