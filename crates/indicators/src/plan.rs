//! The whole plan as of a date: every indicator, then the roll-ups for
//! deliverables, follow-up items, categories, biennia and the plan.

use crate::facts::{ReportFacts, report_counts};
use crate::groups::{Groups, biennium_of};
use crate::indicator::{IndicatorEvaluation, Placement, evaluate_checked};
use crate::lookup::{Found, Lookup};
use crate::rollup::Tally;
use crate::schedule::Frame;
use crate::{EvaluationError, Policy, Rollup};
use actionplan_model::{
    ActionPlan, Biennium, CategoryId, Deliverable, DeliverableId, ItemId, Location, PlanId,
    PlanIndex, ProgressReport, ReportId, ResourceQuestion, Revision, Span, Status, YearMonth,
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
    /// Its own year, months or biennium, where it states one (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
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
    /// Its biennium, where it names one (an item of a format 1.1 plan may
    /// be planned by year or months instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biennium: Option<Biennium>,
    /// Its year or months, where it states them instead of a biennium
    /// (format 1.1). An item with neither runs over the plan's span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Its deliverables.
    pub deliverables: Vec<DeliverableId>,
    /// Roll-up of its deliverables' members.
    pub rollup: Rollup,
}

impl ItemEvaluation {
    /// The item's time frame: its span, else its biennium; `None` where it
    /// runs over the plan's span. A report groups a programme planned by
    /// year on this.
    pub fn time_frame(&self) -> Option<Span> {
        self.span.or(self.biennium.map(Span::Biennium))
    }
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
    let mut revisions: HashMap<&str, Vec<&Revision>> = HashMap::new();
    for r in &plan.revisions {
        revisions.entry(r.indicator.as_str()).or_default().push(r);
    }
    let context = Context {
        plan,
        index: &index,
        facts: &facts,
        span: plan.span(),
        revisions: &revisions,
        as_of,
        policy,
        resources,
    };
    let members = context.members()?;
    let groups = Groups::new(plan);
    let tallies = groups.tally(&index, &members.named);
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
        indicators: members.indicators,
        deliverables: members.deliverables,
        items: tallies.item_evaluations(plan),
        categories: groups.categories(&tallies),
        biennia: groups.biennia(&tallies, as_of),
        overall: tallies.overall.rollup(),
        lookup: Lookup::default(),
    })
}

/// What every deliverable's evaluation needs, looked up once.
struct Context<'a> {
    plan: &'a ActionPlan,
    index: &'a PlanIndex<'a>,
    facts: &'a ReportFacts<'a>,
    span: Option<(YearMonth, YearMonth)>,
    /// The plan's revisions by the indicator they revise, in plan order.
    revisions: &'a HashMap<&'a str, Vec<&'a Revision>>,
    as_of: Date,
    policy: &'a Policy,
    resources: &'a dyn ResourceQuestion,
}

/// The indicators and deliverables evaluated, and the members each
/// deliverable brings to its groups.
struct Members {
    indicators: Vec<IndicatorEvaluation>,
    deliverables: Vec<DeliverableEvaluation>,
    /// Members of each deliverable named by its id (the first of that id),
    /// with its position.
    named: Vec<(usize, Tally)>,
}

impl Context<'_> {
    /// Evaluates every indicator and deliverable, in plan order.
    fn members(&self) -> Result<Members, EvaluationError> {
        let plan = self.plan;
        // A deliverable id names the first deliverable of that id, as a
        // search in plan order would; only a repeated id (AP001) needs a
        // look-up.
        let repeated: HashSet<usize> = self
            .index
            .duplicates()
            .iter()
            .filter_map(|d| match d.again {
                Location::Deliverable(k) => Some(k),
                _ => None,
            })
            .collect();
        let mut members = Members {
            indicators: Vec::with_capacity(
                plan.deliverables
                    .iter()
                    .fold(0usize, |n, d| n.saturating_add(d.indicators.len())),
            ),
            deliverables: Vec::with_capacity(plan.deliverables.len()),
            named: Vec::with_capacity(plan.deliverables.len()),
        };
        for (k, d) in plan.deliverables.iter().enumerate() {
            let first = if repeated.contains(&k) {
                self.index.deliverable_position(d.id.as_str()).unwrap_or(k)
            } else {
                k
            };
            let own = self.deliverable(d, first, &mut members)?;
            if first == k {
                members.named.push((k, own));
            }
        }
        Ok(members)
    }

    /// Evaluates deliverable `d`, whose id names the deliverable at
    /// position `first`, and its indicators; returns its members.
    fn deliverable(
        &self,
        d: &Deliverable,
        first: usize,
        members: &mut Members,
    ) -> Result<Tally, EvaluationError> {
        let (plan, as_of) = (self.plan, self.as_of);
        let awaits = self.resources.awaits_resources(plan, d, as_of);
        let item_positions = self.index.items_of_position(first);
        let items: Vec<ItemId> = item_positions
            .iter()
            .filter_map(|&i| plan.items.get(i))
            .map(|i| i.id.clone())
            .collect();
        let first_item = item_positions.first().and_then(|&i| plan.items.get(i));
        let biennium = first_item.and_then(biennium_of);
        let frame = Frame {
            plan: self.span,
            biennium,
            item_span: first_item.and_then(|i| i.span),
            deliverable_span: d.span,
        };
        let mut own = Tally::default();
        for i in &d.indicators {
            let placement = Placement {
                frame,
                items: &items,
                revisions: self
                    .revisions
                    .get(i.id.as_str())
                    .map_or(&[][..], Vec::as_slice),
            };
            let facts = self.facts.of(i.id.as_str());
            let e = evaluate_checked(&placement, &facts, d, i, as_of, self.policy, awaits)?;
            own.add(e.standing, e.disagreement.is_some());
            members.indicators.push(e);
        }
        let asserted = self.facts.deliverable_asserted(d.id.as_str());
        if d.indicators.is_empty() {
            own.add(self.unmeasured(awaits, asserted, frame), false);
        }
        members.deliverables.push(DeliverableEvaluation {
            deliverable: d.id.clone(),
            items,
            biennium,
            span: d.span,
            awaits_resources: awaits,
            asserted,
            indicators: d.indicators.iter().map(|i| i.id.clone()).collect(),
            rollup: own.rollup(),
        });
        Ok(own)
    }

    /// The status of a deliverable without indicators, which counts as one
    /// member of its own (see [`evaluate`]).
    fn unmeasured(&self, awaits: bool, asserted: Option<Status>, frame: Frame) -> Status {
        // Its work begins with its own span, else its item's, as an
        // indicator's does (see `schedule`).
        let work = frame
            .deliverable_span
            .or(frame.item_span)
            .or(frame.biennium.map(Span::Biennium));
        let not_yet = match work {
            Some(w) => self.as_of < w.start().first_day(),
            None => self.span.is_some_and(|(s, _)| self.as_of < s.first_day()),
        };
        if awaits {
            Status::PendingResources
        } else if let Some(a) = asserted {
            a
        } else if not_yet {
            Status::NotStarted
        } else {
            Status::NoData
        }
    }
}
