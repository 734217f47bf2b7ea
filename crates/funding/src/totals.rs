//! Totals of the amounts stated in resource lines, by source, kind of
//! source, biennium, category and currency — each kept per currency.
//!
//! # Rules
//!
//! * Every current line (holding on the date, not superseded) counts once.
//! * `required` adds the lines' `required`; `secured` adds what each line
//!   secures (its `secured`; its `required` for a `secured` or `mobilized`
//!   line without one; zero for a `not_allocated` line); `gap` adds, per
//!   line, `required − secured` where both are known, never below zero.
//! * A line's biennium is its own, else its source's, else the one shared by
//!   all its deliverables; its category is the one shared by all its
//!   deliverables (each under the first item that lists it). A line that
//!   cannot be placed is counted under `without_source`, `without_biennium`
//!   or `without_category`, so that every grouping adds up to `all`.
//! * Amounts in different currencies are never added: each total is a
//!   [`CurrencyTotals`]; convert explicitly with
//!   [`CurrencyTotals::in_currency`].
//! * The sums are exact, so they do not depend on the order of the lines.

use crate::amounts::CurrencyTotals;
use crate::lines::{self, biennium_of_line, category_of_line, effective_secured};
use crate::money::{MoneyError, MoneyExt};
use actionplan_model::{
    ActionPlan, Biennium, CategoryId, PlanIndex, ResourceLine, ResourceLineId, SourceId,
    SourceKind, Text,
};
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

/// Amounts of a group of resource lines, per currency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AmountTotals {
    /// Sum of the amounts required.
    pub required: CurrencyTotals,
    /// Sum of the amounts secured.
    pub secured: CurrencyTotals,
    /// Sum of the per-line gaps.
    pub gap: CurrencyTotals,
    /// How many lines are in the group.
    pub lines: u64,
    /// How many of them state no amount at all.
    pub lines_without_amounts: u64,
}

impl AmountTotals {
    fn add_line(&mut self, line: &ResourceLine) -> Result<(), MoneyError> {
        self.lines = self.lines.saturating_add(1);
        let secured = effective_secured(line);
        if line.required.is_none() && secured.is_none() {
            self.lines_without_amounts = self.lines_without_amounts.saturating_add(1);
        }
        if let Some(r) = line.required {
            self.required.add(r)?;
        }
        if let Some(s) = secured {
            self.secured.add(s)?;
        }
        if let (Some(r), Some(s)) = (line.required, secured) {
            let gap = r.try_sub(&s)?;
            if !gap.amount.is_sign_negative() {
                self.gap.add(gap)?;
            }
        }
        Ok(())
    }
}

/// The totals of one funding source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SourceTotals {
    /// The kind of funds.
    pub kind: SourceKind,
    /// Its name.
    pub name: Text,
    /// The biennium it funds, for the regular budget.
    pub biennium: Option<Biennium>,
    /// The partner, for extra-budgetary and other mobilized funds.
    pub partner: Option<Text>,
    /// The amounts of its lines.
    pub totals: AmountTotals,
}

/// Totals of the plan's resource lines as of a date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Totals {
    /// Every current line.
    pub all: AmountTotals,
    /// Per funding source (every source of the plan, even without lines).
    pub by_source: BTreeMap<SourceId, SourceTotals>,
    /// Per kind of source.
    pub by_source_kind: BTreeMap<SourceKind, AmountTotals>,
    /// Lines that name no (known) source.
    pub without_source: AmountTotals,
    /// Per biennium.
    pub by_biennium: BTreeMap<Biennium, AmountTotals>,
    /// Lines that cannot be placed in one biennium.
    pub without_biennium: AmountTotals,
    /// Per category of follow-up items.
    pub by_category: BTreeMap<CategoryId, AmountTotals>,
    /// Lines that cannot be placed in one category.
    pub without_category: AmountTotals,
}

/// The totals of `plan`'s resource lines as of `as_of`.
///
/// # Errors
///
/// [`MoneyError::Overflow`] when a sum does not fit a `Decimal`;
/// [`MoneyError::CurrencyMismatch`] when one line states its required and
/// secured amounts in different currencies (which validation refuses).
/// [`overview`](crate::overview) reports the same failure as a
/// [`FundingProblem::Totals`](crate::FundingProblem::Totals) naming the line.
pub fn totals(plan: &ActionPlan, as_of: Date) -> Result<Totals, MoneyError> {
    totals_of(
        &PlanIndex::new(plan),
        &lines::plan_current_lines(plan, as_of),
    )
    .map_err(|(_, e)| e)
}

/// The totals of the current lines, or the first line whose amounts could
/// not be added and why.
pub(crate) fn totals_of(
    index: &PlanIndex<'_>,
    current: &[&ResourceLine],
) -> Result<Totals, (ResourceLineId, MoneyError)> {
    let plan = index.plan();
    let mut t = Totals::default();
    for s in &plan.resources.sources {
        t.by_source
            .entry(s.id.clone())
            .or_insert_with(|| SourceTotals {
                kind: s.kind,
                name: s.name.clone(),
                biennium: s.biennium,
                partner: s.partner.clone(),
                totals: AmountTotals::default(),
            });
    }
    for line in current {
        t.add_line(index, line).map_err(|e| (line.id.clone(), e))?;
    }
    Ok(t)
}

impl Totals {
    /// Counts `line` in every grouping it belongs to.
    fn add_line(&mut self, index: &PlanIndex<'_>, line: &ResourceLine) -> Result<(), MoneyError> {
        self.all.add_line(line)?;
        let source = line
            .source
            .as_ref()
            .and_then(|id| self.by_source.get_mut(id));
        match source {
            Some(st) => {
                st.totals.add_line(line)?;
                let kind = st.kind;
                self.by_source_kind
                    .entry(kind)
                    .or_default()
                    .add_line(line)?;
            }
            None => self.without_source.add_line(line)?,
        }
        match biennium_of_line(index, line) {
            Some(b) => self.by_biennium.entry(b).or_default().add_line(line)?,
            None => self.without_biennium.add_line(line)?,
        }
        match category_of_line(index, line) {
            Some(c) => match self.by_category.get_mut(c) {
                Some(totals) => totals.add_line(line)?,
                None => self
                    .by_category
                    .entry(c.clone())
                    .or_default()
                    .add_line(line)?,
            },
            None => self.without_category.add_line(line)?,
        }
        Ok(())
    }
}
