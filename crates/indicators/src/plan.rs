//! The whole plan as of a date: every indicator, then the roll-ups for
//! deliverables, follow-up items, categories, biennia and the plan.

use crate::facts::{ReportFacts, report_counts};
use crate::indicator::{IndicatorEvaluation, Placement, evaluate_checked};
use crate::lookup::{Found, Lookup};
use crate::{EvaluationError, Policy, Rollup};
use actionplan_model::{
    ActionPlan, Biennium, CategoryId, DeliverableId, FollowUpItem, ItemId, PlanId, PlanIndex,
    ProgressReport, ReportId, ResourceQuestion, Status,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use time::Date;

/// A planned deliverable as of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    // Every relation is looked up in maps built once here, so that the cost
    // grows with the size of the plan and reports, not with its square.
    let index = PlanIndex::new(plan);
    let facts = ReportFacts::new(reports, as_of);
    let span = plan.span();
    let mut indicators =
        Vec::with_capacity(plan.deliverables.iter().map(|d| d.indicators.len()).sum());
    let mut deliverables = Vec::with_capacity(plan.deliverables.len());
    // Members of each deliverable by position, as (status, disagrees) pairs.
    let mut members: Vec<Vec<(Status, bool)>> = Vec::with_capacity(plan.deliverables.len());
    for d in &plan.deliverables {
        let awaits = resources.awaits_resources(plan, d, as_of);
        let items: Vec<ItemId> = index
            .items_of(d.id.as_str())
            .map(|i| i.id.clone())
            .collect();
        let biennium = index.biennium_of(d.id.as_str());
        let placement = Placement {
            span,
            biennium,
            items: &items,
        };
        let mut own = Vec::with_capacity(d.indicators.len().max(1));
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
            own.push((e.standing, e.disagreement.is_some()));
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
            own.push((status, false));
        }
        deliverables.push(DeliverableEvaluation {
            deliverable: d.id.clone(),
            items,
            biennium,
            awaits_resources: awaits,
            asserted,
            indicators: d.indicators.iter().map(|i| i.id.clone()).collect(),
            rollup: Rollup::of(own.iter().copied()),
        });
        members.push(own);
    }

    // A deliverable id resolves to the first deliverable of that id, as a
    // search in plan order would; each counts once per group.
    let members_of = |ids: &mut dyn Iterator<Item = &DeliverableId>| {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for id in ids {
            if let Some(k) = index.deliverable_position(id.as_str())
                && seen.insert(k)
                && let Some(m) = members.get(k)
            {
                out.extend(m.iter().copied());
            }
        }
        Rollup::of(out)
    };

    let items = plan
        .items
        .iter()
        .map(|it| ItemEvaluation {
            item: it.id.clone(),
            category: it.category.clone(),
            biennium: it.biennium,
            deliverables: it.deliverables.clone(),
            rollup: members_of(&mut it.deliverables.iter()),
        })
        .collect();

    // Groups in plan order: the declared ones, then any only items name.
    let mut category_ids: Vec<&CategoryId> = plan.categories.iter().map(|c| &c.id).collect();
    let mut by_category: HashMap<&CategoryId, Vec<&FollowUpItem>> =
        category_ids.iter().map(|c| (*c, Vec::new())).collect();
    for it in &plan.items {
        by_category
            .entry(&it.category)
            .or_insert_with(|| {
                category_ids.push(&it.category);
                Vec::new()
            })
            .push(it);
    }
    let categories = category_ids
        .into_iter()
        .map(|c| {
            let its = by_category.get(c).map_or(&[][..], Vec::as_slice);
            CategoryEvaluation {
                items: its.iter().map(|it| it.id.clone()).collect(),
                rollup: members_of(&mut its.iter().flat_map(|it| it.deliverables.iter())),
                category: c.clone(),
            }
        })
        .collect();

    let mut biennium_ids: Vec<Biennium> = plan.biennia.clone();
    let mut by_biennium: HashMap<Biennium, Vec<&FollowUpItem>> =
        biennium_ids.iter().map(|b| (*b, Vec::new())).collect();
    for it in &plan.items {
        by_biennium
            .entry(it.biennium)
            .or_insert_with(|| {
                biennium_ids.push(it.biennium);
                Vec::new()
            })
            .push(it);
    }
    let biennia = biennium_ids
        .into_iter()
        .map(|b| {
            let its = by_biennium.get(&b).map_or(&[][..], Vec::as_slice);
            BienniumEvaluation {
                biennium: b,
                started: as_of >= b.start().first_day(),
                ended: as_of > b.end().last_day(),
                items: its.iter().map(|it| it.id.clone()).collect(),
                rollup: members_of(&mut its.iter().flat_map(|it| it.deliverables.iter())),
            }
        })
        .collect();

    let overall = members_of(&mut plan.deliverables.iter().map(|d| &d.id));
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
