//! Funding of each deliverable and follow-up item: what is required, what is
//! secured and from which source, the gap, and a funding status.
//!
//! # Rules
//!
//! The lines considered are those that hold on the date (a line with an
//! `as_of` holds from the first day it may mean; one without always holds)
//! and are not superseded by a later line about the same deliverables,
//! biennium and source. A deliverable's lines are those that name it; when
//! none does, the lines that name no deliverable and cover its biennium (or
//! name no biennium either). The status is decided in this order:
//!
//! 1. **conditional** — the plan makes the deliverable conditional on
//!    mobilizing resources and no specific line says any were secured,
//!    mobilized or partly found;
//! 2. with specific lines whose amounts are all known in one currency:
//!    **funded** when secured ≥ required, **unfunded** when nothing is
//!    secured, **`partially_funded`** in between;
//! 3. otherwise from the states of the lines: **funded** when all are
//!    `secured` or `mobilized`, **unfunded** when all are `not_allocated`,
//!    **`partially_funded`** otherwise (an `underfunded` line, or a mix);
//! 4. with no line at all: **pending** when requests for it are received but
//!    not funded, and no status (`null`) when nothing is stated.
//!
//! Amounts are only given where the file gives them: `required` is the sum
//! of the specific lines' `required`, known when every specific line states
//! one; `secured_total` likewise (a `secured` or `mobilized` line without a
//! `secured` amount secures its `required`, a `not_allocated` one secures
//! zero); `gap` is `required − secured_total`, never below zero. A general
//! line's amounts are for the whole biennium and are not attributed to a
//! deliverable; nor are the amounts of a line that names several
//! deliverables. Amounts in several currencies are not summed: the total is
//! then unknown and an issue says why.
//!
//! An item's status rolls up its deliverables' statuses: the common status
//! when they agree; **`partially_funded`** when they differ and one is funded
//! or partially funded; **unfunded** when they differ otherwise.

use crate::lines::{self, CurrentLines, Reach, covers, effective_secured};
use crate::money::{MoneyError, MoneyExt};
use actionplan_model::{
    ActionPlan, Biennium, CategoryId, Currency, Deliverable, DeliverableId, FollowUpItem, ItemId,
    Money, PlanIndex, RequestId, ResourceLine, ResourceLineId, ResourceState, SourceId, SourceKind,
    Span,
};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use time::Date;

/// Whether a deliverable or item has the resources it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FundingStatus {
    /// The resources are secured.
    Funded,
    /// Part of the resources is secured.
    PartiallyFunded,
    /// No resources are allocated.
    Unfunded,
    /// The plan makes the work conditional on mobilizing resources, and none
    /// are mobilized yet.
    Conditional,
    /// Requests were received and are not funded; nothing else is stated.
    Pending,
}

impl FundingStatus {
    /// The `snake_case` name.
    pub fn as_str(self) -> &'static str {
        match self {
            FundingStatus::Funded => "funded",
            FundingStatus::PartiallyFunded => "partially_funded",
            FundingStatus::Unfunded => "unfunded",
            FundingStatus::Conditional => "conditional",
            FundingStatus::Pending => "pending",
        }
    }

    /// Whether work with this status waits for resources: `unfunded` and
    /// `conditional` do.
    pub fn waits(self) -> bool {
        matches!(self, FundingStatus::Unfunded | FundingStatus::Conditional)
    }
}

impl fmt::Display for FundingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a resource line reaches a deliverable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineScope {
    /// The line names the deliverable.
    Deliverable,
    /// The line names no deliverable and covers the deliverable's biennium.
    Biennium,
    /// The line names neither deliverable nor biennium: the whole plan.
    Plan,
}

/// One resource line behind a deliverable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SecuredAmount {
    /// The line.
    pub line: ResourceLineId,
    /// Its funding source, where stated.
    pub source: Option<SourceId>,
    /// The kind of that source.
    pub source_kind: Option<SourceKind>,
    /// What the line says.
    pub state: ResourceState,
    /// How it reaches the deliverable.
    pub scope: LineScope,
    /// The amount it secures for this deliverable, where attributable.
    pub amount: Option<Money>,
}

/// Why an amount is not given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AmountIssue {
    /// Amounts are stated in several currencies and no rate is given.
    MixedCurrencies {
        /// The currencies met.
        currencies: Vec<Currency>,
    },
    /// A sum does not fit a `Decimal`. On the wire: `{"kind": "overflow",
    /// "message": "cannot add … and …: …"}`, the error's message.
    Overflow {
        /// What overflowed, with the operation and both figures.
        #[serde(rename = "message", serialize_with = "serialize_display")]
        error: MoneyError,
    },
    /// A line names several deliverables; its amounts are not split.
    SharedLine {
        /// The line.
        line: ResourceLineId,
    },
}

/// Writes a value by its `Display` form.
fn serialize_display<T: fmt::Display, S: serde::Serializer>(
    value: &T,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// The funding of one deliverable as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DeliverableFunding {
    /// The deliverable.
    pub deliverable: DeliverableId,
    /// The biennium it is planned for (that of the first item listing it).
    pub biennium: Option<Biennium>,
    /// The year or months it is planned for, where the first item listing
    /// it names no biennium (format 1.1): that item's span, else the plan's
    /// period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_frame: Option<Span>,
    /// Its funding status; `null` when nothing is stated about it.
    pub status: Option<FundingStatus>,
    /// Whether the plan makes it conditional on mobilizing resources.
    pub conditional_on_mobilization: bool,
    /// The kind of funds the condition names, where it names one.
    pub condition_source: Option<SourceKind>,
    /// The amount required, where known.
    pub required: Option<Money>,
    /// The lines behind it, by source.
    pub secured: Vec<SecuredAmount>,
    /// The total secured, where known.
    pub secured_total: Option<Money>,
    /// `required − secured_total`, at least zero, where both are known.
    pub gap: Option<Money>,
    /// Requests received for it and not funded.
    pub pending_requests: Vec<RequestId>,
    /// Whether it waits for resources (status `unfunded` or `conditional`).
    pub waits_for_resources: bool,
    /// Why amounts are missing, where something can be said.
    pub issues: Vec<AmountIssue>,
}

/// The funding of one follow-up item as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ItemFunding {
    /// The item.
    pub item: ItemId,
    /// Its category.
    pub category: CategoryId,
    /// Its biennium, where it names one (format 1.1 items may be planned
    /// by year or months instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biennium: Option<Biennium>,
    /// Its year or months, where it names no biennium (format 1.1): its
    /// span, else the plan's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_frame: Option<Span>,
    /// The roll-up of its deliverables' statuses; `null` when none has one.
    pub status: Option<FundingStatus>,
    /// Its deliverables, in the item's order.
    pub deliverables: Vec<DeliverableId>,
    /// Sum of its deliverables' required amounts, where all are known in one currency.
    pub required: Option<Money>,
    /// Sum of its deliverables' secured totals, likewise.
    pub secured_total: Option<Money>,
    /// Sum of its deliverables' gaps, likewise.
    pub gap: Option<Money>,
    /// Its deliverables that wait for resources.
    pub waiting: Vec<DeliverableId>,
    /// How many requests for its deliverables are received and not funded.
    pub pending_request_count: u64,
}

/// Sums optional amounts: `None` if any is unknown, or on mixed currencies
/// or overflow (recorded in `issues`).
fn sum_known(
    amounts: impl IntoIterator<Item = Option<Money>>,
    issues: &mut Vec<AmountIssue>,
) -> Option<Money> {
    let amounts: Vec<Money> = amounts.into_iter().collect::<Option<_>>()?;
    let first = amounts.first()?;
    let mut currencies: Vec<Currency> = amounts.iter().map(|m| m.currency).collect();
    currencies.sort();
    currencies.dedup();
    if currencies.len() > 1 {
        let issue = AmountIssue::MixedCurrencies { currencies };
        if !issues.contains(&issue) {
            issues.push(issue);
        }
        return None;
    }
    match crate::money::sum(first.currency, &amounts) {
        Ok(m) => Some(m),
        Err(e) => {
            issues.push(AmountIssue::Overflow { error: e });
            None
        }
    }
}

fn gap_of(required: Money, secured: Money) -> Result<Money, MoneyError> {
    let gap = required.try_sub(&secured)?;
    Ok(if gap.amount.is_sign_negative() {
        crate::money::zero(gap.currency)
    } else {
        gap
    })
}

fn status_from_states<'a>(lines: impl IntoIterator<Item = &'a ResourceLine>) -> FundingStatus {
    let states: Vec<ResourceState> = lines.into_iter().map(|l| l.state).collect();
    if states.iter().all(|s| covers(*s)) {
        FundingStatus::Funded
    } else if states.iter().all(|s| *s == ResourceState::NotAllocated) {
        FundingStatus::Unfunded
    } else {
        FundingStatus::PartiallyFunded
    }
}

/// An item's span where it names no biennium (format 1.1: a year or
/// months), else the plan's period, which an item without a time frame of
/// its own spans; a biennium is reported in the `biennium` members already.
fn non_biennium_span(item: &FollowUpItem, plan: &ActionPlan) -> Option<Span> {
    if item.biennium.is_some() {
        None
    } else {
        item.span.or(plan.period.map(Span::Months))
    }
}

/// What the funding of one deliverable is computed from, looked up by the
/// caller (by index for a whole plan, by search for one deliverable).
struct Inputs<'a, F> {
    biennium: Option<Biennium>,
    time_frame: Option<Span>,
    reach: Reach,
    lines: Vec<&'a ResourceLine>,
    pending_requests: Vec<RequestId>,
    source_kind: F,
}

fn funding_of<F>(deliverable: &Deliverable, inputs: Inputs<'_, F>) -> DeliverableFunding
where
    F: Fn(&str) -> Option<SourceKind>,
{
    let Inputs {
        biennium,
        time_frame,
        reach,
        lines,
        pending_requests,
        source_kind,
    } = inputs;
    let mut issues = Vec::new();
    let condition = deliverable
        .conditions
        .iter()
        .find(|c| c.kind == actionplan_model::ConditionKind::ResourcesMobilized);
    let conditional = condition.is_some();
    let secured = secured_amounts(reach, &lines, source_kind, &mut issues);
    let (required, secured_total, gap) = amounts_of(reach, &lines, &secured, &mut issues);
    let status = if reach == Reach::Specific {
        Some(specific_status(conditional, &lines, secured_total, gap))
    } else if conditional {
        Some(FundingStatus::Conditional)
    } else if !lines.is_empty() {
        Some(status_from_states(lines.iter().copied()))
    } else if !pending_requests.is_empty() {
        Some(FundingStatus::Pending)
    } else {
        None
    };
    DeliverableFunding {
        deliverable: deliverable.id.clone(),
        biennium,
        time_frame,
        status,
        conditional_on_mobilization: conditional,
        condition_source: condition.and_then(|c| c.source),
        required,
        secured,
        secured_total,
        gap,
        pending_requests,
        waits_for_resources: status.is_some_and(FundingStatus::waits),
        issues,
    }
}

/// Each line behind a deliverable, with the amount it secures where that
/// amount can be attributed to the deliverable alone.
fn secured_amounts<F>(
    reach: Reach,
    lines: &[&ResourceLine],
    source_kind: F,
    issues: &mut Vec<AmountIssue>,
) -> Vec<SecuredAmount>
where
    F: Fn(&str) -> Option<SourceKind>,
{
    lines
        .iter()
        .map(|l| {
            let scope = match (reach, l.biennium) {
                (Reach::Specific, _) => LineScope::Deliverable,
                (Reach::General, Some(_)) => LineScope::Biennium,
                (Reach::General, None) => LineScope::Plan,
            };
            let attributable = reach == Reach::Specific && l.deliverables.len() == 1;
            if reach == Reach::Specific && !attributable {
                issues.push(AmountIssue::SharedLine { line: l.id.clone() });
            }
            SecuredAmount {
                line: l.id.clone(),
                source: l.source.clone(),
                source_kind: l.source.as_ref().and_then(|s| source_kind(s.as_str())),
                state: l.state,
                scope,
                amount: if attributable {
                    effective_secured(l)
                } else {
                    None
                },
            }
        })
        .collect()
}

/// Required, secured and gap of a deliverable, where its lines are its own
/// and every amount is known in one currency.
fn amounts_of(
    reach: Reach,
    lines: &[&ResourceLine],
    secured: &[SecuredAmount],
    issues: &mut Vec<AmountIssue>,
) -> (Option<Money>, Option<Money>, Option<Money>) {
    let attributable = reach == Reach::Specific && lines.iter().all(|l| l.deliverables.len() == 1);
    if !attributable {
        return (None, None, None);
    }
    let required = sum_known(lines.iter().map(|l| l.required), issues);
    let secured_total = sum_known(secured.iter().map(|s| s.amount), issues);
    let gap = match (required, secured_total) {
        (Some(r), Some(s)) => match gap_of(r, s) {
            Ok(g) => Some(g),
            Err(MoneyError::CurrencyMismatch { left, right, .. }) => {
                let mut currencies = vec![left, right];
                currencies.sort();
                issues.push(AmountIssue::MixedCurrencies { currencies });
                None
            }
            Err(e) => {
                issues.push(AmountIssue::Overflow { error: e });
                None
            }
        },
        _ => None,
    };
    (required, secured_total, gap)
}

/// The status of a deliverable that has lines of its own (rules 1 to 3).
fn specific_status(
    conditional: bool,
    lines: &[&ResourceLine],
    secured_total: Option<Money>,
    gap: Option<Money>,
) -> FundingStatus {
    let something_found = lines
        .iter()
        .any(|l| covers(l.state) || l.state == ResourceState::Underfunded);
    if conditional && !something_found {
        FundingStatus::Conditional
    } else if let (Some(s), Some(g)) = (secured_total, gap) {
        if g.is_zero() {
            FundingStatus::Funded
        } else if s.amount <= rust_decimal::Decimal::ZERO {
            FundingStatus::Unfunded
        } else {
            FundingStatus::PartiallyFunded
        }
    } else {
        status_from_states(lines.iter().copied())
    }
}

/// The funding of `deliverable` of `plan` as of `as_of`.
///
/// `deliverable` need not be one of `plan.deliverables`: its id selects the
/// resource lines and requests, its conditions are read from it.
///
/// One call reads the plan once (time linear in its size); for every
/// deliverable of a plan, [`deliverables_funding`] reads it once for all.
pub fn deliverable_funding(
    plan: &ActionPlan,
    deliverable: &Deliverable,
    as_of: Date,
) -> DeliverableFunding {
    let id = &deliverable.id;
    // Only lines naming this deliverable or none can reach it, and only they
    // can supersede one another.
    let candidates = plan
        .resources
        .lines
        .iter()
        .filter(|l| l.deliverables.is_empty() || l.deliverables.contains(id));
    let current = lines::current_lines(candidates, as_of);
    let first_item = plan.items_of(id).next();
    let biennium = first_item.and_then(|it| it.biennium);
    let time_frame = first_item.and_then(|it| non_biennium_span(it, plan));
    let (reach, lines) = CurrentLines::new(&current).lines_for(id.as_str(), biennium);
    let pending_requests = plan
        .resources
        .requests
        .iter()
        .filter(|r| r.deliverable.as_ref() == Some(id) && lines::holds(r.as_of, as_of))
        .map(|r| r.id.clone())
        .collect();
    let mut sources: HashMap<&str, SourceKind> = HashMap::new();
    for s in &plan.resources.sources {
        sources.entry(s.id.as_str()).or_insert(s.kind);
    }
    funding_of(
        deliverable,
        Inputs {
            biennium,
            time_frame,
            reach,
            lines,
            pending_requests,
            source_kind: |s: &str| sources.get(s).copied(),
        },
    )
}

/// The funding of every deliverable of the indexed plan, from its current
/// lines, in plan order: one pass over the plan's lists.
pub(crate) fn deliverables_funding_indexed<'a>(
    index: &PlanIndex<'a>,
    current: &[&'a ResourceLine],
    as_of: Date,
) -> Vec<DeliverableFunding> {
    let plan = index.plan();
    let lines = CurrentLines::new(current);
    let mut pending: HashMap<&str, Vec<RequestId>> = HashMap::new();
    for r in &plan.resources.requests {
        if let Some(d) = &r.deliverable
            && lines::holds(r.as_of, as_of)
        {
            pending.entry(d.as_str()).or_default().push(r.id.clone());
        }
    }
    let source_kind = |s: &str| index.source(s).map(|s| s.kind);
    plan.deliverables
        .iter()
        .map(|d| {
            let id = d.id.as_str();
            let first_item = index.items_of(id).next();
            let biennium = first_item.and_then(|it| it.biennium);
            let time_frame = first_item.and_then(|it| non_biennium_span(it, plan));
            let (reach, lines) = lines.lines_for(id, biennium);
            funding_of(
                d,
                Inputs {
                    biennium,
                    time_frame,
                    reach,
                    lines,
                    pending_requests: pending.get(id).cloned().unwrap_or_default(),
                    source_kind,
                },
            )
        })
        .collect()
}

/// The funding of every deliverable of `plan` as of `as_of`, in plan order.
///
/// Time linear in the size of the plan (n log n in the number of lines).
pub fn deliverables_funding(plan: &ActionPlan, as_of: Date) -> Vec<DeliverableFunding> {
    let index = PlanIndex::new(plan);
    let current = lines::plan_current_lines(plan, as_of);
    deliverables_funding_indexed(&index, &current, as_of)
}

fn sum_field(
    ds: &[&DeliverableFunding],
    field: fn(&DeliverableFunding) -> Option<Money>,
) -> Option<Money> {
    if ds.is_empty() {
        return None;
    }
    sum_known(ds.iter().map(|d| field(d)), &mut Vec::new())
}

/// Rolls deliverable statuses up to an item status.
pub fn roll_up(statuses: impl IntoIterator<Item = Option<FundingStatus>>) -> Option<FundingStatus> {
    let known: Vec<FundingStatus> = statuses.into_iter().flatten().collect();
    let first = *known.first()?;
    if known.iter().all(|s| *s == first) {
        Some(first)
    } else if known
        .iter()
        .any(|s| matches!(s, FundingStatus::Funded | FundingStatus::PartiallyFunded))
    {
        Some(FundingStatus::PartiallyFunded)
    } else {
        Some(FundingStatus::Unfunded)
    }
}

/// The funding of every follow-up item, from the funding of the deliverables
/// (as returned by [`deliverables_funding`]), in plan order.
///
/// A deliverable is looked up by id among `deliverables` (the first entry
/// of an id answers), a request among the plan's requests, each by map.
pub fn items_funding(plan: &ActionPlan, deliverables: &[DeliverableFunding]) -> Vec<ItemFunding> {
    let mut by_id: HashMap<&str, &DeliverableFunding> = HashMap::with_capacity(deliverables.len());
    for d in deliverables {
        by_id.entry(d.deliverable.as_str()).or_insert(d);
    }
    let mut request_count: HashMap<&str, u32> =
        HashMap::with_capacity(plan.resources.requests.len());
    for r in &plan.resources.requests {
        request_count.entry(r.id.as_str()).or_insert(r.count);
    }
    plan.items
        .iter()
        .map(|item| {
            let ds: Vec<&DeliverableFunding> = item
                .deliverables
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .collect();
            let required = sum_field(&ds, |d| d.required);
            let secured_total = sum_field(&ds, |d| d.secured_total);
            let gap = sum_field(&ds, |d| d.gap);
            let pending_request_count = ds
                .iter()
                .flat_map(|d| d.pending_requests.iter())
                .filter_map(|id| request_count.get(id.as_str()))
                .fold(0u64, |n, c| n.saturating_add(u64::from(*c)));
            ItemFunding {
                item: item.id.clone(),
                category: item.category.clone(),
                biennium: item.biennium,
                time_frame: non_biennium_span(item, plan),
                status: roll_up(ds.iter().map(|d| d.status)),
                deliverables: item.deliverables.clone(),
                required,
                secured_total,
                gap,
                waiting: ds
                    .iter()
                    .filter(|d| d.waits_for_resources)
                    .map(|d| d.deliverable.clone())
                    .collect(),
                pending_request_count,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roll_up_rules() {
        use FundingStatus::*;
        assert_eq!(roll_up([]), None);
        assert_eq!(roll_up([None, Some(Funded)]), Some(Funded));
        assert_eq!(
            roll_up([Some(Funded), Some(Unfunded)]),
            Some(PartiallyFunded)
        );
        assert_eq!(roll_up([Some(Conditional), Some(Unfunded)]), Some(Unfunded));
        assert_eq!(roll_up([Some(Pending), Some(Pending)]), Some(Pending));
    }

    #[test]
    fn status_names() {
        assert_eq!(
            serde_json::to_string(&FundingStatus::PartiallyFunded)
                .ok()
                .as_deref(),
            Some("\"partially_funded\"")
        );
        assert!(FundingStatus::Conditional.waits());
        assert!(!FundingStatus::PartiallyFunded.waits());
    }
}
