//! The whole plan as of a date: every indicator, then the roll-ups for
//! deliverables, follow-up items, categories, biennia and the plan.

use crate::facts::{ReportFacts, report_counts};
use crate::indicator::{IndicatorEvaluation, Placement, evaluate_checked};
use crate::lookup::{Found, Lookup};
use crate::rollup::Tally;
use crate::{EvaluationError, Policy, Rollup};
use actionplan_model::{
    ActionPlan, Biennium, CategoryId, DeliverableId, ItemId, Location, PlanId, PlanIndex,
    ProgressReport, ReportId, ResourceQuestion, Status,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use time::Date;

/// A planned deliverable as of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeliverableEvaluation {
    /// The deliverable.
    pub deliverable: DeliverableId,
    /// The items that list it.
    pub items: Vec<ItemId>,
    /// Its biennium (that of the first item listing it).
    pub biennium: Option<Biennium>,
    /// The caller's answer: does it wait for resources?
    pub awaits_resources: bool,
    /// The status the latest report asserts for the deliverable as a whole.
    pub asserted: Option<Status>,
    /// Its indicators, in plan order.
    pub indicators: Vec<crate::IndicatorId>,
    /// Roll-up of its indicators; a deliverable without indicators counts
    /// as one member of its own (see [`evaluate`]).
    pub rollup: Rollup,
}

/// A follow-up item as of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemEvaluation {
    /// The item.
    pub item: ItemId,
    /// Its category.
    pub category: CategoryId,
    /// Its biennium.
    pub biennium: Biennium,
    /// Its deliverables.
    pub deliverables: Vec<DeliverableId>,
    /// Roll-up of its deliverables' members.
    pub rollup: Rollup,
}

/// A category of items as of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CategoryEvaluation {
    /// The category.
    pub category: CategoryId,
    /// Its items.
    pub items: Vec<ItemId>,
    /// Roll-up of its items' members, each counted once.
    pub rollup: Rollup,
}

/// A biennium of the plan as of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BienniumEvaluation {
    /// The biennium.
    pub biennium: Biennium,
    /// Whether it has begun by the as-of date.
    pub started: bool,
    /// Whether it has ended by the as-of date.
    pub ended: bool,
    /// Its items.
    pub items: Vec<ItemId>,
    /// Roll-up of its items' members, each counted once.
    pub rollup: Rollup,
}

/// The whole plan as of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanEvaluation {
    /// The plan.
    pub plan: PlanId,
    /// The date evaluated as of.
    #[serde(with = "actionplan_model::wire::date")]
    pub as_of: Date,
    /// The policy used.
    pub policy: Policy,
    /// The latest report that counts as of the date.
    pub report: Option<ReportId>,
    /// Every indicator, in plan order.
    pub indicators: Vec<IndicatorEvaluation>,
    /// Every deliverable, in plan order.
    pub deliverables: Vec<DeliverableEvaluation>,
    /// Every follow-up item, in plan order.
    pub items: Vec<ItemEvaluation>,
    /// Every category, in plan order.
    pub categories: Vec<CategoryEvaluation>,
    /// Every biennium, in plan order.
    pub biennia: Vec<BienniumEvaluation>,
    /// The plan as a whole: every indicator and every deliverable without
    /// indicators, once.
    pub overall: Rollup,
    /// Positions by id for the look-ups below: built on the first look-up,
    /// never serialized, and no part of the value (equality ignores it).
    #[serde(skip)]
    lookup: Lookup,
}

impl PlanEvaluation {
    /// The evaluation of indicator `id`.
    ///
    /// Look-ups answer from positions by id, built once on the first
    /// look-up, so a caller may ask for every row in linear time. An answer
    /// is always checked against the entry found, and a list whose length
    /// changed is searched instead; after renaming entries in place (same
    /// lengths), call [`reindex`](Self::reindex).
    pub fn indicator(&self, id: &str) -> Option<&IndicatorEvaluation> {
        let at = self.lookup.positions(self).indicator(id);
        find(&self.indicators, at, |e| e.indicator.as_str() == id)
    }

    /// The evaluation of deliverable `id`.
    pub fn deliverable(&self, id: &str) -> Option<&DeliverableEvaluation> {
        let at = self.lookup.positions(self).deliverable(id);
        find(&self.deliverables, at, |e| e.deliverable.as_str() == id)
    }

    /// The evaluation of item `id`.
    pub fn item(&self, id: &str) -> Option<&ItemEvaluation> {
        let at = self.lookup.positions(self).item(id);
        find(&self.items, at, |e| e.item.as_str() == id)
    }

    /// The evaluation of category `id`.
    pub fn category(&self, id: &str) -> Option<&CategoryEvaluation> {
        let at = self.lookup.positions(self).category(id);
        find(&self.categories, at, |e| e.category.as_str() == id)
    }

    /// The evaluation of biennium `b`.
    pub fn biennium(&self, b: Biennium) -> Option<&BienniumEvaluation> {
        let at = self.lookup.positions(self).biennium(b);
        find(&self.biennia, at, |e| e.biennium == b)
    }

    /// Forgets the positions the look-ups use, so that the next look-up
    /// builds them afresh: needed only after changing ids in place.
    pub fn reindex(&mut self) {
        self.lookup = Lookup::default();
    }
}

/// The first entry of `list` that `is` accepts, given where the index
/// places it.
///
/// * A position found and confirmed by `is` is the answer.
/// * No position, with the list as long as when indexed: there is none.
/// * Otherwise (the list changed, or two ids share a hash) a search answers.
fn find<T>(list: &[T], at: Found, is: impl Fn(&T) -> bool) -> Option<&T> {
    match at {
        Found::At(k) => match list.get(k) {
            Some(e) if is(e) => Some(e),
            _ => list.iter().find(|e| is(e)),
        },
        Found::Absent => None,
        Found::Unknown => list.iter().find(|e| is(e)),
    }
}

/// Evaluates `plan` as of `as_of`: a pure function of its arguments, with no
/// clock read, so the same inputs give the same answer years later.
///
/// * Reports count when their as-of (read as the last day it may mean) is
///   not after `as_of`. Asserted status and forecast come from the latest
///   counted report with an entry for the indicator; observations from every
///   counted report.
/// * `resources` answers whether a deliverable waits for funds; pass
///   [`NoResourceInformation`](actionplan_model::NoResourceInformation), a
///   closure, or the funding crate's answer.
/// * Each indicator is evaluated by
///   [`evaluate_indicator`](crate::evaluate_indicator); roll-ups use the
///   standing statuses and [`rolled_up_status`](crate::rolled_up_status).
/// * The members of a roll-up are the indicators, plus each deliverable
///   that has no indicator, which counts as one member whose status is
///   `pending_resources` when it waits for resources, else the status its
///   latest report asserts for it, else `not_started` before its biennium,
///   else `no_data`. A deliverable shared by two items counts in both
///   items, but once in a category, biennium or the plan.
///
/// # Errors
///
/// The first [`EvaluationError`] met, in plan order.
pub fn evaluate(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    as_of: Date,
    policy: &Policy,
    resources: &dyn ResourceQuestion,
) -> Result<PlanEvaluation, EvaluationError> {
    policy.check()?;
    // Every relation is looked up in maps built once here, or by position,
    // so that the cost grows with the size of the plan and reports, not with
    // its square.
    let index = PlanIndex::new(plan);
    let facts = ReportFacts::new(reports, as_of);
    let span = plan.span();
    // A deliverable id names the first deliverable of that id, as a search
    // in plan order would; only a repeated id (AP001) needs a look-up.
    let repeated: HashSet<usize> = index
        .duplicates()
        .iter()
        .filter_map(|d| match d.again {
            Location::Deliverable(k) => Some(k),
            _ => None,
        })
        .collect();
    let mut indicators = Vec::with_capacity(
        plan.deliverables
            .iter()
            .fold(0usize, |n, d| n.saturating_add(d.indicators.len())),
    );
    let mut deliverables = Vec::with_capacity(plan.deliverables.len());
    // Members of each deliverable named by its id (the first of that id).
    let mut named: Vec<(usize, Tally)> = Vec::with_capacity(plan.deliverables.len());
    for (k, d) in plan.deliverables.iter().enumerate() {
        let first = if repeated.contains(&k) {
            index.deliverable_position(d.id.as_str()).unwrap_or(k)
        } else {
            k
        };
        let awaits = resources.awaits_resources(plan, d, as_of);
        let item_positions = index.items_of_position(first);
        let items: Vec<ItemId> = item_positions
            .iter()
            .filter_map(|&i| plan.items.get(i))
            .map(|i| i.id.clone())
            .collect();
        let biennium = item_positions
            .first()
            .and_then(|&i| plan.items.get(i))
            .map(|i| i.biennium);
        let placement = Placement {
            span,
            biennium,
            items: &items,
        };
        let mut own = Tally::default();
        for i in &d.indicators {
            let e = evaluate_checked(
                &placement,
                facts.of(i.id.as_str()),
                d,
                i,
                as_of,
                policy,
                awaits,
            )?;
            own.add(e.standing, e.disagreement.is_some());
            indicators.push(e);
        }
        let asserted = facts.deliverable_asserted(d.id.as_str());
        if d.indicators.is_empty() {
            let not_yet = match biennium {
                Some(b) => as_of < b.start().first_day(),
                None => span.is_some_and(|(s, _)| as_of < s.first_day()),
            };
            let status = if awaits {
                Status::PendingResources
            } else if let Some(a) = asserted {
                a
            } else if not_yet {
                Status::NotStarted
            } else {
                Status::NoData
            };
            own.add(status, false);
        }
        deliverables.push(DeliverableEvaluation {
            deliverable: d.id.clone(),
            items,
            biennium,
            awaits_resources: awaits,
            asserted,
            indicators: d.indicators.iter().map(|i| i.id.clone()).collect(),
            rollup: own.rollup(),
        });
        if first == k {
            named.push((k, own));
        }
    }

    // Groups in plan order: the declared ones, then any only items name;
    // each group id has one tally, however often it is declared.
    let mut category_ids: Vec<&CategoryId> = plan.categories.iter().map(|c| &c.id).collect();
    let mut category_group: HashMap<&CategoryId, usize> = HashMap::new();
    for c in &category_ids {
        let next = category_group.len();
        category_group.entry(*c).or_insert(next);
    }
    let mut biennium_ids: Vec<Biennium> = plan.biennia.clone();
    let mut biennium_group: HashMap<Biennium, usize> = HashMap::new();
    for b in &biennium_ids {
        let next = biennium_group.len();
        biennium_group.entry(*b).or_insert(next);
    }
    let mut category_items: Vec<Vec<&ItemId>> = vec![Vec::new(); category_group.len()];
    let mut biennium_items: Vec<Vec<&ItemId>> = vec![Vec::new(); biennium_group.len()];
    // Per item: its category group and biennium group.
    let mut item_groups: Vec<(usize, usize)> = Vec::with_capacity(plan.items.len());
    for it in &plan.items {
        let next = category_group.len();
        let c = *category_group.entry(&it.category).or_insert_with(|| {
            category_ids.push(&it.category);
            category_items.push(Vec::new());
            next
        });
        let next = biennium_group.len();
        let b = *biennium_group.entry(it.biennium).or_insert_with(|| {
            biennium_ids.push(it.biennium);
            biennium_items.push(Vec::new());
            next
        });
        if let Some(list) = category_items.get_mut(c) {
            list.push(&it.id);
        }
        if let Some(list) = biennium_items.get_mut(b) {
            list.push(&it.id);
        }
        item_groups.push((c, b));
    }

    // Each deliverable's members go to every item listing it, and once to
    // each category and biennium of those items, and once to the plan.
    let mut item_tallies = vec![Tally::default(); plan.items.len()];
    let mut category_tallies = vec![Tally::default(); category_items.len()];
    let mut biennium_tallies = vec![Tally::default(); biennium_items.len()];
    let mut overall = Tally::default();
    let mut counted: Vec<usize> = Vec::new();
    for (k, own) in &named {
        overall.add_all(own);
        let item_positions = index.items_of_position(*k);
        for &i in item_positions {
            if let Some(t) = item_tallies.get_mut(i) {
                t.add_all(own);
            }
        }
        let mut each_once = |pick: fn(&(usize, usize)) -> usize, tallies: &mut [Tally]| {
            counted.clear();
            for g in item_positions
                .iter()
                .filter_map(|&i| item_groups.get(i))
                .map(pick)
            {
                // A deliverable has a handful of items: a list beats a set.
                if !counted.contains(&g) {
                    counted.push(g);
                    if let Some(t) = tallies.get_mut(g) {
                        t.add_all(own);
                    }
                }
            }
        };
        each_once(|g| g.0, &mut category_tallies);
        each_once(|g| g.1, &mut biennium_tallies);
    }

    let items = plan
        .items
        .iter()
        .zip(&item_tallies)
        .map(|(it, t)| ItemEvaluation {
            item: it.id.clone(),
            category: it.category.clone(),
            biennium: it.biennium,
            deliverables: it.deliverables.clone(),
            rollup: t.rollup(),
        })
        .collect();
    let categories = category_ids
        .into_iter()
        .map(|c| {
            let g = category_group.get(c).copied().unwrap_or(usize::MAX);
            CategoryEvaluation {
                items: category_items
                    .get(g)
                    .map(|its| its.iter().map(|&i| i.clone()).collect())
                    .unwrap_or_default(),
                rollup: category_tallies
                    .get(g)
                    .copied()
                    .unwrap_or_default()
                    .rollup(),
                category: c.clone(),
            }
        })
        .collect();
    let biennia = biennium_ids
        .into_iter()
        .map(|b| {
            let g = biennium_group.get(&b).copied().unwrap_or(usize::MAX);
            BienniumEvaluation {
                biennium: b,
                started: as_of >= b.start().first_day(),
                ended: as_of > b.end().last_day(),
                items: biennium_items
                    .get(g)
                    .map(|its| its.iter().map(|&i| i.clone()).collect())
                    .unwrap_or_default(),
                rollup: biennium_tallies
                    .get(g)
                    .copied()
                    .unwrap_or_default()
                    .rollup(),
            }
        })
        .collect();
    let overall = overall.rollup();
    let report = reports
        .iter()
        .filter(|r| report_counts(r, as_of))
        .max_by_key(|r| r.as_of.latest())
        .map(|r| r.id.clone());

    Ok(PlanEvaluation {
        plan: plan.id.clone(),
        as_of,
        policy: policy.clone(),
        report,
        indicators,
        deliverables,
        items,
        categories,
        biennia,
        overall,
        lookup: Lookup::default(),
    })
}
