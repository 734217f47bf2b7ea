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
    ActionPlan, Biennium, CategoryId, DateOrMonth, DeliverableId, Money, PlanIndex, ResourceLine,
    ResourceState, SourceId,
};
use std::collections::HashMap;
use time::Date;

/// Whether a statement dated `as_of` holds on `date`.
pub(crate) fn holds(as_of: Option<DateOrMonth>, date: Date) -> bool {
    as_of.is_none_or(|a| a.earliest() <= date)
}

/// What makes two lines statements about the same thing: the set of
/// deliverables they name, their biennium and their source.
type Subject<'a> = (Vec<&'a str>, Option<Biennium>, Option<&'a str>);

fn subject(line: &ResourceLine) -> Subject<'_> {
    let mut deliverables: Vec<&str> = line
        .deliverables
        .iter()
        .map(DeliverableId::as_str)
        .collect();
    deliverables.sort_unstable();
    deliverables.dedup();
    (
        deliverables,
        line.biennium,
        line.source.as_ref().map(SourceId::as_str),
    )
}

/// The lines among `lines` that hold on `date` and are not superseded, in
/// their order.
///
/// A line is superseded by one with a later `as_of` (a dated line being later
/// than an undated one): that is `Option`'s order on the first day each
/// `as_of` may mean, so a line is current when its date is the greatest of
/// its subject's. One pass groups the lines by subject, a second keeps them.
pub(crate) fn current_lines<'a>(
    lines: impl IntoIterator<Item = &'a ResourceLine>,
    date: Date,
) -> Vec<&'a ResourceLine> {
    let holding: Vec<(&ResourceLine, Subject<'a>)> = lines
        .into_iter()
        .filter(|l| holds(l.as_of, date))
        .map(|l| (l, subject(l)))
        .collect();
    let mut latest: HashMap<&Subject<'a>, Option<Date>> = HashMap::with_capacity(holding.len());
    for (l, s) in &holding {
        let when = l.as_of.map(DateOrMonth::earliest);
        latest
            .entry(s)
            .and_modify(|w| *w = (*w).max(when))
            .or_insert(when);
    }
    holding
        .iter()
        .filter(|(l, s)| latest.get(s) == Some(&l.as_of.map(DateOrMonth::earliest)))
        .map(|(l, _)| *l)
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

/// The current lines, indexed by the deliverables they reach.
#[derive(Debug, Default)]
pub(crate) struct CurrentLines<'a> {
    /// Per deliverable id: the current lines naming it, in plan order, each once.
    specific: HashMap<&'a str, Vec<&'a ResourceLine>>,
    /// General lines naming no biennium, with their position among the current lines.
    general_any: Vec<(usize, &'a ResourceLine)>,
    /// General lines per biennium, likewise.
    general_by: HashMap<Biennium, Vec<(usize, &'a ResourceLine)>>,
}

impl<'a> CurrentLines<'a> {
    /// Indexes `current` (as returned by [`current_lines`]).
    pub(crate) fn new(current: &[&'a ResourceLine]) -> Self {
        let mut index = CurrentLines::default();
        for (k, &l) in current.iter().enumerate() {
            if l.deliverables.is_empty() {
                match l.biennium {
                    None => index.general_any.push((k, l)),
                    Some(b) => index.general_by.entry(b).or_default().push((k, l)),
                }
            }
            for d in &l.deliverables {
                let list = index.specific.entry(d.as_str()).or_default();
                // A line naming a deliverable twice counts once; lines come
                // in order, so only the last one pushed can be this line.
                if !list.last().is_some_and(|last| std::ptr::eq(*last, l)) {
                    list.push(l);
                }
            }
        }
        index
    }

    /// The current lines about deliverable `id` planned for `biennium`: its
    /// specific lines, or, when it has none, the general lines covering its
    /// biennium (those naming no biennium cover every deliverable), in plan
    /// order.
    pub(crate) fn lines_for(
        &self,
        id: &str,
        biennium: Option<Biennium>,
    ) -> (Reach, Vec<&'a ResourceLine>) {
        if let Some(specific) = self.specific.get(id)
            && !specific.is_empty()
        {
            return (Reach::Specific, specific.clone());
        }
        let of_biennium: &[(usize, &ResourceLine)] = biennium
            .and_then(|b| self.general_by.get(&b))
            .map_or(&[], Vec::as_slice);
        (Reach::General, merge(&self.general_any, of_biennium))
    }
}

/// Two lists of positioned lines merged in position order.
fn merge<'a>(
    a: &[(usize, &'a ResourceLine)],
    b: &[(usize, &'a ResourceLine)],
) -> Vec<&'a ResourceLine> {
    let mut out = Vec::with_capacity(a.len().saturating_add(b.len()));
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 <= y.0 => a.next(),
            (Some(_), None) => a.next(),
            (_, Some(_)) => b.next(),
            (None, None) => break,
        };
        if let Some((_, l)) = next {
            out.push(*l);
        }
    }
    out
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
pub(crate) fn biennium_of_line(index: &PlanIndex<'_>, line: &ResourceLine) -> Option<Biennium> {
    if line.biennium.is_some() {
        return line.biennium;
    }
    if let Some(b) = line
        .source
        .as_ref()
        .and_then(|s| index.source(s.as_str()))
        .and_then(|s| s.biennium)
    {
        return Some(b);
    }
    shared(
        line.deliverables
            .iter()
            .map(|d| index.biennium_of(d.as_str())),
    )
}

/// The category of a line: the one shared by all its deliverables (each
/// under the first item that lists it).
pub(crate) fn category_of_line<'a>(
    index: &PlanIndex<'a>,
    line: &ResourceLine,
) -> Option<&'a CategoryId> {
    shared(
        line.deliverables
            .iter()
            .map(|d| index.items_of(d.as_str()).next().map(|it| &it.category)),
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

/// The current lines of `plan` on `date`, in plan order.
pub(crate) fn plan_current_lines(plan: &ActionPlan, date: Date) -> Vec<&ResourceLine> {
    current_lines(&plan.resources.lines, date)
}
