//! Which resource statements hold on a date, and what each one says in
//! amounts. Shared by gaps, waiting and totals so they agree.
//!
//! * A line, request or observation with an `as_of` holds from the first
//!   day that `as_of` may mean (`2016-07` holds from 2016-07-01); without
//!   one it always holds.
//! * A line is superseded by a later holding line (later `as_of`) about the
//!   same deliverables, for the same biennium and from the same source.
//! * A line that names deliverables is *specific* to them. A line that names
//!   none is *general*: it covers every deliverable planned for its
//!   biennium (every deliverable, if it names no biennium) that has no
//!   specific line.

use actionplan_model::{
    ActionPlan, Biennium, CategoryId, DateOrMonth, DeliverableId, Money, ResourceLine,
    ResourceState,
};
use std::collections::BTreeSet;
use time::Date;

/// Whether a statement dated `as_of` holds on `date`.
pub(crate) fn holds(as_of: Option<DateOrMonth>, date: Date) -> bool {
    as_of.is_none_or(|a| a.earliest() <= date)
}

fn later(a: Option<DateOrMonth>, b: Option<DateOrMonth>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.earliest() > b.earliest(),
        (Some(_), None) => true,
        _ => false,
    }
}

fn same_subject(a: &ResourceLine, b: &ResourceLine) -> bool {
    let da: BTreeSet<&DeliverableId> = a.deliverables.iter().collect();
    let db: BTreeSet<&DeliverableId> = b.deliverables.iter().collect();
    da == db && a.biennium == b.biennium && a.source == b.source
}

/// The lines of `plan` that hold on `date` and are not superseded, in plan order.
pub(crate) fn current_lines(plan: &ActionPlan, date: Date) -> Vec<&ResourceLine> {
    let holding: Vec<&ResourceLine> = plan
        .resources
        .lines
        .iter()
        .filter(|l| holds(l.as_of, date))
        .collect();
    holding
        .iter()
        .filter(|l| {
            !holding
                .iter()
                .any(|o| same_subject(l, o) && later(o.as_of, l.as_of))
        })
        .copied()
        .collect()
}

/// How a line reaches a deliverable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The line names the deliverable.
    Specific,
    /// The line names no deliverable and covers the deliverable's biennium
    /// (or the whole plan).
    General,
}

/// The current lines about deliverable `id`: its specific lines, or, when
/// it has none, the general lines covering its biennium.
pub(crate) fn lines_for<'a>(
    plan: &'a ActionPlan,
    current: &[&'a ResourceLine],
    id: &DeliverableId,
) -> (Reach, Vec<&'a ResourceLine>) {
    let specific: Vec<&ResourceLine> = current
        .iter()
        .filter(|l| l.deliverables.contains(id))
        .copied()
        .collect();
    if !specific.is_empty() {
        return (Reach::Specific, specific);
    }
    let biennium = plan.biennium_of(id);
    let general = current
        .iter()
        .filter(|l| l.deliverables.is_empty())
        .filter(|l| match l.biennium {
            None => true,
            Some(b) => Some(b) == biennium,
        })
        .copied()
        .collect();
    (Reach::General, general)
}

/// Whether a state means the work is covered.
pub(crate) fn covers(state: ResourceState) -> bool {
    matches!(state, ResourceState::Secured | ResourceState::Mobilized)
}

/// The amount a line secures: its `secured`; else, for a secured or
/// mobilized line, its `required`; for a not-allocated line, zero in the
/// currency of `required`; otherwise unknown.
pub(crate) fn effective_secured(line: &ResourceLine) -> Option<Money> {
    if line.secured.is_some() {
        return line.secured;
    }
    match line.state {
        ResourceState::Secured | ResourceState::Mobilized => line.required,
        ResourceState::NotAllocated => line.required.map(|r| crate::money::zero(r.currency)),
        _ => None,
    }
}

/// The biennium of a line: its own, its source's, or that shared by all its
/// deliverables.
pub(crate) fn biennium_of_line(plan: &ActionPlan, line: &ResourceLine) -> Option<Biennium> {
    if line.biennium.is_some() {
        return line.biennium;
    }
    if let Some(b) = line
        .source
        .as_ref()
        .and_then(|s| plan.resources.source(s))
        .and_then(|s| s.biennium)
    {
        return Some(b);
    }
    shared(line.deliverables.iter().map(|d| plan.biennium_of(d)))
}

/// The category of a line: the one shared by all its deliverables (each
/// under the first item that lists it).
pub(crate) fn category_of_line(plan: &ActionPlan, line: &ResourceLine) -> Option<CategoryId> {
    shared(
        line.deliverables
            .iter()
            .map(|d| plan.items_of(d).next().map(|it| it.category.clone())),
    )
}

fn shared<T: PartialEq>(mut values: impl Iterator<Item = Option<T>>) -> Option<T> {
    let first = values.next()??;
    for v in values {
        if v.as_ref() != Some(&first) {
            return None;
        }
    }
    Some(first)
}
