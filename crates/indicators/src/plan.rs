//! The whole plan as of a date: every indicator, then the roll-ups for
//! deliverables, follow-up items, categories, biennia and the plan.

use crate::facts::report_counts;
use crate::indicator::{IndicatorEvaluation, evaluate_checked};
use crate::{EvaluationError, Policy, Rollup};
use actionplan_model::{
    ActionPlan, Biennium, CategoryId, Deliverable, DeliverableId, ItemId, PlanId, ProgressReport,
    ReportId, ResourceQuestion, Status,
};
use serde::{Deserialize, Serialize};
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
}

impl PlanEvaluation {
    /// The evaluation of indicator `id`.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorEvaluation> {
        self.indicators.iter().find(|e| e.indicator.as_str() == id)
    }

    /// The evaluation of deliverable `id`.
    pub fn deliverable(&self, id: &str) -> Option<&DeliverableEvaluation> {
        self.deliverables
            .iter()
            .find(|e| e.deliverable.as_str() == id)
    }

    /// The evaluation of item `id`.
    pub fn item(&self, id: &str) -> Option<&ItemEvaluation> {
        self.items.iter().find(|e| e.item.as_str() == id)
    }

    /// The evaluation of category `id`.
    pub fn category(&self, id: &str) -> Option<&CategoryEvaluation> {
        self.categories.iter().find(|e| e.category.as_str() == id)
    }

    /// The evaluation of biennium `b`.
    pub fn biennium(&self, b: Biennium) -> Option<&BienniumEvaluation> {
        self.biennia.iter().find(|e| e.biennium == b)
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
    let mut indicators = Vec::new();
    let mut deliverables = Vec::new();
    // Members of each deliverable, as (status, disagrees) pairs.
    let mut members: Vec<(DeliverableId, Vec<(Status, bool)>)> = Vec::new();
    for d in &plan.deliverables {
        let awaits = resources.awaits_resources(plan, d, as_of);
        let mut own = Vec::new();
        for i in &d.indicators {
            let e = evaluate_checked(plan, reports, d, i, as_of, policy, awaits)?;
            own.push((e.standing, e.disagreement.is_some()));
            indicators.push(e);
        }
        let asserted = deliverable_asserted(reports, d, as_of);
        let biennium = plan.biennium_of(&d.id);
        if d.indicators.is_empty() {
            let not_yet = match biennium {
                Some(b) => as_of < b.start().first_day(),
                None => plan.span().is_some_and(|(s, _)| as_of < s.first_day()),
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
            items: plan.items_of(&d.id).map(|i| i.id.clone()).collect(),
            biennium,
            awaits_resources: awaits,
            asserted,
            indicators: d.indicators.iter().map(|i| i.id.clone()).collect(),
            rollup: Rollup::of(own.iter().copied()),
        });
        members.push((d.id.clone(), own));
    }

    let members_of = |ids: &mut dyn Iterator<Item = &DeliverableId>| {
        let mut seen: Vec<&DeliverableId> = Vec::new();
        let mut out = Vec::new();
        for id in ids {
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            if let Some((_, m)) = members.iter().find(|(d, _)| d == id) {
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

    let mut category_ids: Vec<CategoryId> = plan.categories.iter().map(|c| c.id.clone()).collect();
    for it in &plan.items {
        if !category_ids.contains(&it.category) {
            category_ids.push(it.category.clone());
        }
    }
    let categories = category_ids
        .into_iter()
        .map(|c| {
            let its: Vec<_> = plan.items.iter().filter(|it| it.category == c).collect();
            CategoryEvaluation {
                items: its.iter().map(|it| it.id.clone()).collect(),
                rollup: members_of(&mut its.iter().flat_map(|it| it.deliverables.iter())),
                category: c,
            }
        })
        .collect();

    let mut biennium_ids: Vec<Biennium> = plan.biennia.clone();
    for it in &plan.items {
        if !biennium_ids.contains(&it.biennium) {
            biennium_ids.push(it.biennium);
        }
    }
    let biennia = biennium_ids
        .into_iter()
        .map(|b| {
            let its: Vec<_> = plan.items.iter().filter(|it| it.biennium == b).collect();
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
    })
}

/// The status the latest counted report asserts for deliverable `d`.
fn deliverable_asserted(
    reports: &[ProgressReport],
    d: &Deliverable,
    as_of: Date,
) -> Option<Status> {
    reports
        .iter()
        .filter(|r| report_counts(r, as_of))
        .filter_map(|r| {
            r.deliverable(&d.id)
                .and_then(|p| p.status)
                .map(|s| (r.as_of.latest(), s))
        })
        .max_by_key(|(when, _)| *when)
        .map(|(_, s)| s)
}
