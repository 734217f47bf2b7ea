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
//!
//! # Format 1.1: budget, expenditure, delivery, partners, units, periods
//!
//! * `approved`, `spent` (known on the date, see [`delivery`](crate::delivery_percent))
//!   and `unspent` (approved − spent over the lines stating both) are summed
//!   like `required`; `delivery_percent` per currency is Σ spent ÷
//!   Σ approved over the lines stating both, rounded to two places half away
//!   from zero; `lines_without_expenditure` counts the lines approving an
//!   amount with no expenditure known on the date.
//! * `by_partner` — the partner of the line's source (`partner_id`), with
//!   its name and kind from the plan's `partners`; `without_partner` for
//!   the other lines (present when the plan declares partners).
//! * `by_unit` — the line's `unit`, else the lead unit shared by all its
//!   deliverables (a deliverable's own, else that of the first item listing
//!   it); `without_unit` for the other lines (present when the plan
//!   declares units or a line names one). A unit above others (their
//!   `parent`) also has `with_sub_units`: its lines and theirs, at any
//!   depth, so a portfolio's total covers its departments.
//! * `by_biennium` — a line's own biennium; else the biennium that holds
//!   the period it states; a stated period that crosses biennia puts the
//!   line in `by_period` (keyed `2018-01/2020-12`), never in a biennium its
//!   deliverables suggest; else as in 1.0 (its source's, its deliverables').
//!   `by_biennium`, `by_period` and `without_biennium` add up to `all`.
//! * With a target currency ([`totals_in`]), each group also has
//!   `in_currency`: its totals in that currency converted with the file's
//!   stated rates ([`RateTable`]), rounded once at the end,
//!   with the rates used; or, when an amount cannot be converted, the
//!   reasons, and the totals stay per currency.

use crate::amounts::CurrencyTotals;
use crate::converted::{Accumulator, InCurrency, LineAmounts, LineConverted};
use crate::delivery::{delivery_percent, spent_on};
use crate::groups::{Placement, Places, period_key};
use crate::lines::{self, category_of_line, effective_secured};
use crate::money::{MoneyError, MoneyExt};
use crate::rates::{ConversionError, RateTable};
use actionplan_model::{
    ActionPlan, Biennium, CategoryId, Currency, DateOrMonth, Money, PartnerId, PartnerKind,
    PlanIndex, ResourceLine, ResourceLineId, SourceId, SourceKind, Text, UnitId,
};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

#[allow(
    clippy::ref_option,
    reason = "serde's serialize_with passes the field by reference"
)]
pub(crate) fn opt_percent<S: serde::Serializer>(
    d: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

fn percent_map<S: serde::Serializer>(
    m: &BTreeMap<Currency, Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(m.len()))?;
    for (c, d) in m {
        map.serialize_entry(c.as_str(), &d.to_string())?;
    }
    map.end()
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes the field by reference"
)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

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
    /// Sum of the amounts approved (format 1.1).
    #[serde(skip_serializing_if = "CurrencyTotals::is_empty")]
    pub approved: CurrencyTotals,
    /// Sum of the amounts spent, known on the date (format 1.1).
    #[serde(skip_serializing_if = "CurrencyTotals::is_empty")]
    pub spent: CurrencyTotals,
    /// Sum of approved − spent over the lines stating both in one currency.
    #[serde(skip_serializing_if = "CurrencyTotals::is_empty")]
    pub unspent: CurrencyTotals,
    /// Per currency: Σ spent ÷ Σ approved × 100 over the lines stating both,
    /// rounded to two places half away from zero.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        serialize_with = "percent_map"
    )]
    pub delivery_percent: BTreeMap<Currency, Decimal>,
    /// How many lines approve an amount with no expenditure known on the date.
    #[serde(skip_serializing_if = "is_zero")]
    pub lines_without_expenditure: u64,
    /// The totals in the currency asked for, or why they stay per currency
    /// (only with a target currency).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_currency: Option<InCurrency>,
    /// Approved and spent of the lines stating both: the basis of the rate.
    #[serde(skip)]
    both_approved: CurrencyTotals,
    #[serde(skip)]
    both_spent: CurrencyTotals,
    #[serde(skip)]
    converting: Option<Accumulator>,
}

/// The figures of one current line, computed once and added to each of its
/// groups.
struct LineFigures {
    amounts: LineAmounts,
    lines_without_amounts: bool,
    without_expenditure: bool,
    unspent: Option<Money>,
    converted: Option<Result<LineConverted, ConversionError>>,
}

impl LineFigures {
    fn of(
        line: &ResourceLine,
        as_of: Date,
        convert: Option<(&RateTable<'_>, Currency)>,
    ) -> Result<Self, MoneyError> {
        let secured = effective_secured(line);
        let gap = match (line.required, secured) {
            (Some(r), Some(s)) => Some(r.try_sub(&s)?).filter(|g| !g.amount.is_sign_negative()),
            _ => None,
        };
        let spent = spent_on(line, as_of).unwrap_or(None);
        let both = match (line.approved, spent) {
            (Some(a), Some(s)) if a.currency == s.currency => Some((a, s)),
            _ => None,
        };
        let unspent = match both {
            Some((a, s)) => Some(a.try_sub(&s)?),
            None => None,
        };
        let amount_date = line.as_of.map_or(as_of, DateOrMonth::earliest);
        let spent_date = line.spent_as_of.map_or(amount_date, DateOrMonth::earliest);
        let amounts = LineAmounts {
            required: line.required,
            secured,
            gap,
            approved: line.approved,
            spent,
            both,
            amount_date,
            spent_date,
        };
        let converted = convert.map(|(table, to)| LineConverted::of(table, to, &amounts));
        Ok(LineFigures {
            lines_without_amounts: line.required.is_none() && secured.is_none(),
            without_expenditure: line.approved.is_some() && spent.is_none(),
            amounts,
            unspent,
            converted,
        })
    }
}

impl AmountTotals {
    fn add(&mut self, f: &LineFigures, to: Option<Currency>) -> Result<(), MoneyError> {
        self.lines = self.lines.saturating_add(1);
        if f.lines_without_amounts {
            self.lines_without_amounts = self.lines_without_amounts.saturating_add(1);
        }
        if f.without_expenditure {
            self.lines_without_expenditure = self.lines_without_expenditure.saturating_add(1);
        }
        let a = &f.amounts;
        for (total, m) in [
            (&mut self.required, a.required),
            (&mut self.secured, a.secured),
            (&mut self.gap, a.gap),
            (&mut self.approved, a.approved),
            (&mut self.spent, a.spent),
            (&mut self.unspent, f.unspent),
        ] {
            if let Some(m) = m {
                total.add(m)?;
            }
        }
        if let Some((ap, sp)) = a.both {
            self.both_approved.add(ap)?;
            self.both_spent.add(sp)?;
        }
        if let (Some(to), Some(c)) = (to, &f.converted) {
            self.converting.get_or_insert_default().add(to, c);
        }
        Ok(())
    }

    /// Computes the rates and the one-currency totals from the sums.
    fn finish(&mut self, to: Option<Currency>) {
        self.delivery_percent = self
            .both_approved
            .iter()
            .filter_map(|a| {
                let s = self.both_spent.get(a.currency)?;
                Some((a.currency, delivery_percent(s.amount, a.amount)?))
            })
            .collect();
        if let Some(to) = to {
            self.in_currency = Some(self.converting.take().unwrap_or_default().finish(to));
        }
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
    /// The partner by id (format 1.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_id: Option<PartnerId>,
    /// The amounts of its lines.
    pub totals: AmountTotals,
}

/// The totals of one partner (format 1.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PartnerTotals {
    /// Its name, when the plan declares the partner.
    pub name: Option<Text>,
    /// Its kind, when the plan declares the partner.
    pub kind: Option<PartnerKind>,
    /// The amounts of the lines of its sources.
    pub totals: AmountTotals,
}

/// The totals of one unit (format 1.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UnitTotals {
    /// Its name, when the plan declares the unit.
    pub name: Option<Text>,
    /// The unit it belongs to.
    pub parent: Option<UnitId>,
    /// The amounts of the lines counted under it.
    pub totals: AmountTotals,
    /// The amounts of its lines and of the lines of every unit under it
    /// (through the declared `parent`s, at any depth): present when a unit
    /// under it has lines, so a portfolio's row covers its departments.
    /// A unit with no lines of its own appears for this alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_sub_units: Option<AmountTotals>,
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
    /// Lines that cannot be placed in one biennium or stated period.
    pub without_biennium: AmountTotals,
    /// Per category of follow-up items.
    pub by_category: BTreeMap<CategoryId, AmountTotals>,
    /// Lines that cannot be placed in one category.
    pub without_category: AmountTotals,
    /// Per stated period that crosses biennia (format 1.1), keyed
    /// `2018-01/2020-12`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_period: BTreeMap<String, AmountTotals>,
    /// Per partner (format 1.1).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_partner: BTreeMap<PartnerId, PartnerTotals>,
    /// Lines whose source names no partner; present when the plan declares
    /// partners or a source names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_partner: Option<AmountTotals>,
    /// Per unit (format 1.1).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_unit: BTreeMap<UnitId, UnitTotals>,
    /// Lines with no unit of their own or of their deliverables; present
    /// when the plan declares units or a line names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_unit: Option<AmountTotals>,
    /// The currency asked for, when one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
}

/// The totals of `plan`'s resource lines as of `as_of`.
///
/// # Errors
///
/// [`MoneyError::Overflow`] when a sum does not fit a `Decimal`;
/// [`MoneyError::CurrencyMismatch`] when one line states its required and
/// secured amounts (or approved and spent) in different currencies where a
/// difference is needed (which validation refuses).
/// [`overview`](crate::overview) reports the same failure as a
/// [`FundingProblem::Totals`](crate::FundingProblem::Totals) naming the line.
pub fn totals(plan: &ActionPlan, as_of: Date) -> Result<Totals, MoneyError> {
    totals_of(
        &PlanIndex::new(plan),
        &lines::plan_current_lines(plan, as_of),
        as_of,
        None,
    )
    .map_err(|(_, e)| e)
}

/// [`totals`], and each group also in `currency` where the plan's stated
/// exchange rates allow ([`AmountTotals::in_currency`]).
///
/// ```
/// use actionplan_funding::{totals_in, InCurrency};
/// # use actionplan_model::{ActionPlan, Currency};
/// # use time::macros::date;
/// # let plan: ActionPlan = serde_json::from_str(r#"{
/// #   "id": "p", "title": {"en": "P"}, "resolution": {"title": {"en": "R"}, "adopted_at": "ilc"},
/// #   "endorsed_at": "gb", "categories": [], "items": [], "deliverables": [],
/// #   "resources": {
/// #     "sources": [{"id": "rb", "kind": "regular_budget", "name": {"en": "RB"}},
/// #                 {"id": "swiss", "kind": "extra_budgetary", "name": {"en": "Switzerland"}}],
/// #     "lines": [
/// #       {"id": "chf", "source": "swiss", "state": "secured", "secured": {"amount": "2000000", "currency": "CHF"}, "as_of": "2018-01-02"},
/// #       {"id": "usd", "source": "rb", "state": "secured", "secured": {"amount": "1000000", "currency": "USD"}}],
/// #     "exchange_rates": [{"from": "CHF", "to": "USD", "rate": "1.0120", "date": "2018-01-02"}]}
/// # }"#)?;
/// let t = totals_in(&plan, date!(2018-12-31), Currency::USD)?;
/// let Some(InCurrency::Converted(usd)) = &t.all.in_currency else { panic!() };
/// assert_eq!(usd.secured.unwrap().to_string(), "USD 3024000.00");
/// assert_eq!(usd.rates[0].to_string(), "1.0120 USD per CHF of 2018-01-02");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`totals`]; a conversion that fails is not an error but the group's
/// [`InCurrency::PerCurrency`] with the reasons.
pub fn totals_in(plan: &ActionPlan, as_of: Date, currency: Currency) -> Result<Totals, MoneyError> {
    totals_of(
        &PlanIndex::new(plan),
        &lines::plan_current_lines(plan, as_of),
        as_of,
        Some(currency),
    )
    .map_err(|(_, e)| e)
}

/// The totals of the current lines, or the first line whose amounts could
/// not be added and why.
pub(crate) fn totals_of(
    index: &PlanIndex<'_>,
    current: &[&ResourceLine],
    as_of: Date,
    currency: Option<Currency>,
) -> Result<Totals, (ResourceLineId, MoneyError)> {
    let plan = index.plan();
    let places = Places::new(index);
    let table = RateTable::new(&plan.resources.exchange_rates);
    let mut t = Totals {
        currency,
        ..Totals::default()
    };
    for s in &plan.resources.sources {
        t.by_source
            .entry(s.id.clone())
            .or_insert_with(|| SourceTotals {
                kind: s.kind,
                name: s.name.clone(),
                biennium: s.biennium,
                partner: s.partner.clone(),
                partner_id: s.partner_id.clone(),
                totals: AmountTotals::default(),
            });
    }
    let any_partner = !plan.partners.is_empty()
        || plan
            .resources
            .sources
            .iter()
            .any(|s| s.partner_id.is_some());
    if any_partner {
        t.without_partner = Some(AmountTotals::default());
    }
    if !plan.units.is_empty() || current.iter().any(|l| l.unit.is_some()) {
        t.without_unit = Some(AmountTotals::default());
    }
    let convert = currency.map(|c| (&table, c));
    for line in current {
        LineFigures::of(line, as_of, convert)
            .and_then(|f| t.add_line(index, &places, line, &f))
            .map_err(|e| (line.id.clone(), e))?;
    }
    t.finish();
    Ok(t)
}

impl Totals {
    /// Counts `line` in every grouping it belongs to.
    fn add_line(
        &mut self,
        index: &PlanIndex<'_>,
        places: &Places<'_>,
        line: &ResourceLine,
        f: &LineFigures,
    ) -> Result<(), MoneyError> {
        let to = self.currency;
        self.all.add(f, to)?;
        let source = line
            .source
            .as_ref()
            .and_then(|id| self.by_source.get_mut(id));
        let mut partner = None;
        match source {
            Some(st) => {
                st.totals.add(f, to)?;
                partner.clone_from(&st.partner_id);
                let kind = st.kind;
                self.by_source_kind.entry(kind).or_default().add(f, to)?;
            }
            None => self.without_source.add(f, to)?,
        }
        match places.placement(line) {
            Placement::Biennium(b) => self.by_biennium.entry(b).or_default().add(f, to)?,
            Placement::Period(p) => self
                .by_period
                .entry(period_key(p))
                .or_default()
                .add(f, to)?,
            Placement::Unplaced => self.without_biennium.add(f, to)?,
        }
        match category_of_line(index, line) {
            Some(c) => match self.by_category.get_mut(c) {
                Some(totals) => totals.add(f, to)?,
                None => self.by_category.entry(c.clone()).or_default().add(f, to)?,
            },
            None => self.without_category.add(f, to)?,
        }
        match partner {
            Some(p) => {
                let declared = places.partner(p.as_str());
                self.by_partner
                    .entry(p)
                    .or_insert_with(|| PartnerTotals {
                        name: declared.map(|d| d.name.clone()),
                        kind: declared.map(|d| d.kind),
                        totals: AmountTotals::default(),
                    })
                    .totals
                    .add(f, to)?;
            }
            None => {
                if let Some(w) = &mut self.without_partner {
                    w.add(f, to)?;
                }
            }
        }
        if let Some(u) = places.unit_of(line) {
            let own = self.unit_entry(places, u);
            own.totals.add(f, to)?;
            own.with_sub_units
                .get_or_insert_with(AmountTotals::default)
                .add(f, to)?;
            self.add_to_parents(places, u, f)?;
        } else if let Some(w) = &mut self.without_unit {
            w.add(f, to)?;
        }
        Ok(())
    }

    /// The totals of unit `id`, made on first use with its declared name
    /// and parent.
    fn unit_entry(&mut self, places: &Places<'_>, id: &UnitId) -> &mut UnitTotals {
        self.by_unit.entry(id.clone()).or_insert_with(|| {
            let declared = places.unit(id.as_str());
            UnitTotals {
                name: declared.map(|d| d.name.clone()),
                parent: declared.and_then(|d| d.parent.clone()),
                totals: AmountTotals::default(),
                with_sub_units: None,
            }
        })
    }

    /// Counts a line of unit `id` in the `with_sub_units` of each unit
    /// above it. A cycle of parents (refused by the rules, but totals are
    /// computed for any plan) stops at the first unit met twice.
    fn add_to_parents(
        &mut self,
        places: &Places<'_>,
        id: &UnitId,
        f: &LineFigures,
    ) -> Result<(), MoneyError> {
        let to = self.currency;
        let mut met: Vec<&UnitId> = vec![id];
        let mut parent = places.unit(id.as_str()).and_then(|u| u.parent.as_ref());
        while let Some(p) = parent {
            if met.contains(&p) {
                break;
            }
            met.push(p);
            self.unit_entry(places, p)
                .with_sub_units
                .get_or_insert_with(AmountTotals::default)
                .add(f, to)?;
            parent = places.unit(p.as_str()).and_then(|u| u.parent.as_ref());
        }
        Ok(())
    }

    /// Rates and one-currency totals of every group, once all lines are in.
    fn finish(&mut self) {
        let to = self.currency;
        // A unit's lines alone need no second row.
        for u in self.by_unit.values_mut() {
            if u.with_sub_units.as_ref().map(|w| w.lines) == Some(u.totals.lines) {
                u.with_sub_units = None;
            }
        }
        let groups = std::iter::once(&mut self.all)
            .chain(self.by_source.values_mut().map(|s| &mut s.totals))
            .chain(self.by_source_kind.values_mut())
            .chain(std::iter::once(&mut self.without_source))
            .chain(self.by_biennium.values_mut())
            .chain(std::iter::once(&mut self.without_biennium))
            .chain(self.by_category.values_mut())
            .chain(std::iter::once(&mut self.without_category))
            .chain(self.by_period.values_mut())
            .chain(self.by_partner.values_mut().map(|p| &mut p.totals))
            .chain(self.without_partner.iter_mut())
            .chain(
                self.by_unit
                    .values_mut()
                    .flat_map(|u| std::iter::once(&mut u.totals).chain(u.with_sub_units.as_mut())),
            )
            .chain(self.without_unit.iter_mut());
        for g in groups {
            g.finish(to);
        }
    }
}
