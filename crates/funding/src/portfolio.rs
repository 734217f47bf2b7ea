//! Portfolio targets such as the SME XBTC portfolio: "increase in SME XBTC
//! portfolio to $100 million ($84 million as of 15 August 2015)".
//!
//! A [`Portfolio`] points at its money indicator, whose measure gives the
//! baseline (an amount on a date) and the target; progress reports give
//! money observations of that indicator over time.
//!
//! # Rules
//!
//! * **Deadline**: the indicator's deadline month (its last day); where the
//!   indicator has none, the last day of the biennium of the follow-up item
//!   that lists the indicator's deliverable (`2018-19` → 2019-12-31).
//!   [`DeadlineSource`] says which.
//! * **Observations**: the money observations of the indicator in every
//!   report, dated by their own `as_of` or else the report's, kept when that
//!   date (its last day, for a month) is on or before the evaluation date.
//!   An observation in another currency than the target is left out with an
//!   issue.
//! * **Latest amount**: the most recent observation, or the baseline when
//!   nothing was observed after it.
//! * **Progress** = (latest − baseline) ÷ (target − baseline) × 100, rounded
//!   to two places half away from zero: 0 % at the baseline, 100 % at the
//!   target.
//! * **Remaining gap** = target − latest (latest − target for a decrease),
//!   never below zero.
//! * **Months remaining**: the month ends after the evaluation date up to the
//!   deadline (from 2016-07-31 to 2019-12-31: 41).
//! * **Rate per month needed** = remaining gap ÷ months remaining, rounded to
//!   the currency's minor units half away from zero; none once the deadline
//!   is reached.
//! * **Status** (the indicators' vocabulary): `achieved` when the gap is zero
//!   and was closed by the deadline, `achieved_late` after it; `overdue` when
//!   the deadline passed with a gap; with no observation since the baseline,
//!   `not_started` while the item's biennium has not begun and `no_data`
//!   after; with observations, `on_track` when progress is at least
//!   [`PortfolioPolicy::on_track_share`] of the straight line from the
//!   baseline to the target by the deadline at the latest observation's
//!   date, `at_risk` below it; `no_data` without a baseline or deadline to
//!   judge the pace by.

use crate::error::FundingError;
use crate::money::{MoneyError, MoneyExt, round_percent, zero};
use actionplan_model::{
    ActionPlan, Biennium, Currency, DateOrMonth, DatedMoney, Direction, Indicator, IndicatorId,
    IndicatorProgress, Measure, Money, MoneyMeasure, Observation, PlanIndex, Portfolio,
    PortfolioId, ProgressReport, ReportId, SourceKind, Status, Text,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use time::Date;

/// What a caller may change in the portfolio rules.
///
/// Start from the default and change what differs, in code or from JSON
/// (members left out keep their default; the decimal is a string, as
/// everywhere in the exchange format):
///
/// ```
/// use actionplan_funding::PortfolioPolicy;
/// use actionplan_model::Decimal;
///
/// let lax = PortfolioPolicy::default().with_on_track_share(Decimal::new(5, 1));
/// let read: PortfolioPolicy = serde_json::from_str(r#"{"on_track_share": "0.5"}"#)?;
/// assert_eq!(lax, read);
/// assert!(serde_json::from_str::<PortfolioPolicy>(r#"{"on_track_share": 0.5}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// A later version may add members, so it is not built with a literal:
///
/// ```compile_fail,E0639
/// let p = actionplan_funding::PortfolioPolicy { on_track_share: actionplan_model::Decimal::ONE };
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct PortfolioPolicy {
    /// The share of the straight-line progress expected by a date at or above
    /// which a portfolio is on track (default 1: on or above the line).
    #[serde(with = "actionplan_model::wire::decimal")]
    pub on_track_share: Decimal,
}

impl PortfolioPolicy {
    /// This policy with `on_track_share` set.
    #[must_use]
    pub fn with_on_track_share(mut self, on_track_share: Decimal) -> Self {
        self.on_track_share = on_track_share;
        self
    }
}

impl Default for PortfolioPolicy {
    fn default() -> Self {
        PortfolioPolicy {
            on_track_share: Decimal::ONE,
        }
    }
}

/// Where a portfolio's deadline comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineSource {
    /// The indicator's own deadline.
    Indicator,
    /// The end of the biennium of the item that lists the indicator's deliverable.
    ItemBiennium,
}

/// An amount of the portfolio observed in a progress report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PortfolioObservation {
    /// The amount.
    pub amount: Money,
    /// When it was observed.
    pub as_of: DateOrMonth,
    /// The report that says so.
    pub report: ReportId,
}

/// What was left out of a portfolio's progress, and why.
///
/// On the wire an object tagged by `kind`:
/// `{"kind": "other_currency", "report": "r", "observed": {"amount": "90000000", "currency": "CHF"}, "target": "USD"}`;
/// `Display` gives the message for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PortfolioIssue {
    /// A report observes the portfolio in another currency than its target;
    /// the observation is left out (no rate is assumed).
    OtherCurrency {
        /// The report.
        report: ReportId,
        /// The amount it observes.
        observed: Money,
        /// The currency of the target.
        target: Currency,
    },
}

impl fmt::Display for PortfolioIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortfolioIssue::OtherCurrency {
                report,
                observed,
                target,
            } => write!(
                f,
                "report `{report}` observes {observed} but the target is in {target}; the observation is left out (convert it before recording it)"
            ),
        }
    }
}

/// Where a portfolio stands as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PortfolioProgress {
    /// The portfolio.
    pub portfolio: PortfolioId,
    /// Its name.
    pub name: Text,
    /// The kind of funds it holds.
    pub kind: SourceKind,
    /// Its money indicator.
    pub indicator: IndicatorId,
    /// The evaluation date.
    #[serde(with = "actionplan_model::wire::date")]
    pub as_of: Date,
    /// The amount at the start, on a date.
    pub baseline: Option<DatedMoney>,
    /// The amount to reach.
    pub target: Money,
    /// Whether more or less is better.
    pub direction: Direction,
    /// The date by which the target is due.
    #[serde(with = "actionplan_model::wire::date::option")]
    pub deadline: Option<Date>,
    /// Where the deadline comes from.
    pub deadline_source: Option<DeadlineSource>,
    /// The amounts observed up to the evaluation date, oldest first.
    pub observations: Vec<PortfolioObservation>,
    /// Whether any amount was observed after the baseline.
    pub observed_since_baseline: bool,
    /// The most recent amount known: the latest observation, or the baseline.
    pub latest: Option<DatedMoney>,
    /// `latest − baseline`.
    pub change_since_baseline: Option<Money>,
    /// Progress from the baseline to the target, in per cent (0 at the baseline).
    #[serde(with = "actionplan_model::wire::figure::option")]
    pub progress_percent: Option<Decimal>,
    /// What remains to reach the target, at least zero.
    pub remaining_gap: Option<Money>,
    /// Month ends after the evaluation date up to the deadline.
    pub months_remaining: Option<u32>,
    /// The amount to mobilize per month to reach the target by the deadline.
    pub monthly_rate_needed: Option<Money>,
    /// The status, in the indicators' vocabulary.
    pub status: Status,
    /// What was left out and why.
    pub issues: Vec<PortfolioIssue>,
}

/// Month ends after `from` up to `deadline`; `None` when `from` is after
/// the deadline. Years are within ±9999, so none of the steps can overflow;
/// they are checked all the same, so that no date can make this panic.
fn months_between(from: Date, deadline: Date) -> Option<u32> {
    if from > deadline {
        return None;
    }
    let index = |d: Date| {
        i64::from(d.year())
            .checked_mul(12)?
            .checked_add(i64::from(u8::from(d.month())))
    };
    let month_end_ahead = from.day() < from.month().length(from.year());
    let n = index(deadline)?
        .checked_sub(index(from)?)?
        .checked_add(i64::from(month_end_ahead))?;
    u32::try_from(n).ok()
}

/// Days from `a` to `b` (negative when `b` is earlier).
fn days(a: Date, b: Date) -> Option<i64> {
    i64::from(b.to_julian_day()).checked_sub(i64::from(a.to_julian_day()))
}

/// The entries of the progress reports about some indicators, by indicator
/// id, in report order (the first entry of each report, as
/// [`ProgressReport::indicator`] answers): one pass over the reports.
pub(crate) struct ReportEntries<'a> {
    by_indicator: HashMap<&'a str, Vec<(&'a ProgressReport, &'a IndicatorProgress)>>,
}

impl<'a> ReportEntries<'a> {
    /// The entries of `reports` about the indicators in `wanted`.
    pub(crate) fn new(reports: &'a [ProgressReport], wanted: &HashSet<&str>) -> Self {
        let mut by_indicator: HashMap<&'a str, Vec<(&'a ProgressReport, &'a IndicatorProgress)>> =
            HashMap::new();
        for report in reports {
            for entry in &report.indicators {
                let id = entry.indicator.as_str();
                if !wanted.contains(id) {
                    continue;
                }
                let list = by_indicator.entry(id).or_default();
                // Later entries of one report about the same indicator
                // (AP013) are not read, as `ProgressReport::indicator` would not.
                if !list.last().is_some_and(|(r, _)| std::ptr::eq(*r, report)) {
                    list.push((report, entry));
                }
            }
        }
        ReportEntries { by_indicator }
    }

    fn of(&self, indicator: &str) -> &[(&'a ProgressReport, &'a IndicatorProgress)] {
        self.by_indicator.get(indicator).map_or(&[], Vec::as_slice)
    }
}

/// Where `portfolio` of `plan` stands on `as_of`, from the observations in `reports`.
///
/// # Errors
///
/// [`FundingError::IndicatorNotFound`] when the plan has no indicator of
/// the portfolio's id; [`FundingError::NotMoney`] when that indicator is not
/// measured in money; [`FundingError::Money`] when its baseline and target
/// are in different currencies or a difference of amounts does not fit a
/// `Decimal`. [`overview`](crate::overview) reports the same as a
/// [`FundingProblem::Portfolio`](crate::FundingProblem::Portfolio).
///
/// ```
/// use actionplan_funding::{portfolio_progress, PortfolioPolicy};
/// use actionplan_model::{ActionPlan, Status};
/// use time::macros::date;
///
/// let plan: ActionPlan = serde_json::from_str(r#"{
///   "id": "sme", "title": {"en": "SME action plan"},
///   "resolution": {"title": {"en": "SMEs"}, "adopted_at": "ilc-104"},
///   "endorsed_at": "gb-325", "biennia": ["2016-17", "2018-19"],
///   "categories": [{"id": "country", "name": {"en": "Country-level work"}}],
///   "items": [{"id": "core-portfolio", "text": {"en": "Expansion of the ILO's core SME portfolio"},
///     "paragraphs": ["20(a)"], "category": "country", "biennium": "2018-19",
///     "deliverables": ["xbtc-mobilization"]}],
///   "deliverables": [{"id": "xbtc-mobilization", "text": {"en": "Additional mobilization of extra-budgetary resources"},
///     "indicators": [{"id": "xbtc-portfolio", "text": {"en": "Increase in SME XBTC portfolio"},
///       "measure": {"kind": "money",
///         "baseline": {"amount": {"amount": "84000000", "currency": "USD"}, "as_of": "2015-08-15"},
///         "target": {"amount": "100000000", "currency": "USD"}}}]}],
///   "resources": {"portfolios": [{"id": "sme-xbtc", "name": {"en": "SME XBTC portfolio"},
///     "kind": "extra_budgetary", "indicator": "xbtc-portfolio"}]}
/// }"#)?;
///
/// let p = portfolio_progress(&plan, &[], &plan.resources.portfolios[0],
///                            date!(2016-07-31), &PortfolioPolicy::default())?;
/// assert_eq!(p.remaining_gap.unwrap().to_string(), "USD 16000000");
/// assert_eq!(p.deadline.unwrap().to_string(), "2019-12-31");
/// assert_eq!(p.months_remaining, Some(41));
/// assert_eq!(p.monthly_rate_needed.unwrap().to_string(), "USD 390243.90");
/// assert_eq!(p.progress_percent.unwrap().to_string(), "0");
/// assert_eq!(p.status, Status::NotStarted);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn portfolio_progress(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    portfolio: &Portfolio,
    as_of: Date,
    policy: &PortfolioPolicy,
) -> Result<PortfolioProgress, FundingError> {
    let found = plan.indicator(&portfolio.indicator);
    let biennium = found.and_then(|(d, _)| plan.biennium_of(&d.id));
    let wanted = HashSet::from([portfolio.indicator.as_str()]);
    let entries = ReportEntries::new(reports, &wanted);
    progress_of(
        found.map(|(_, i)| i),
        biennium,
        entries.of(portfolio.indicator.as_str()),
        portfolio,
        as_of,
        policy,
    )
}

/// [`portfolio_progress`] for every portfolio of the indexed plan, in plan
/// order: each portfolio's indicator, biennium and observations by map.
pub(crate) fn portfolios_progress<'a>(
    index: &PlanIndex<'a>,
    reports: &'a [ProgressReport],
    as_of: Date,
    policy: &PortfolioPolicy,
) -> Vec<(&'a Portfolio, Result<PortfolioProgress, FundingError>)> {
    let portfolios = &index.plan().resources.portfolios;
    let wanted: HashSet<&str> = portfolios.iter().map(|p| p.indicator.as_str()).collect();
    let entries = ReportEntries::new(reports, &wanted);
    portfolios
        .iter()
        .map(|p| {
            let id = p.indicator.as_str();
            let found = index.indicator_by_str(id);
            let biennium = found.and_then(|(d, _)| index.biennium_of(d.id.as_str()));
            let progress = progress_of(
                found.map(|(_, i)| i),
                biennium,
                entries.of(id),
                p,
                as_of,
                policy,
            );
            (p, progress)
        })
        .collect()
}

fn progress_of(
    indicator: Option<&Indicator>,
    biennium: Option<Biennium>,
    entries: &[(&ProgressReport, &IndicatorProgress)],
    portfolio: &Portfolio,
    as_of: Date,
    policy: &PortfolioPolicy,
) -> Result<PortfolioProgress, FundingError> {
    let pid = &portfolio.id;
    let money_err = |error: MoneyError| FundingError::Money {
        portfolio: pid.clone(),
        error,
    };
    let (indicator, measure) = money_measure(indicator, portfolio)?;
    let (deadline, deadline_source) = match (indicator.deadline, biennium) {
        (Some(m), _) => (Some(m.last_day()), Some(DeadlineSource::Indicator)),
        (None, Some(b)) => (Some(b.end().last_day()), Some(DeadlineSource::ItemBiennium)),
        (None, None) => (None, None),
    };
    let (observations, issues) = observations_of(entries, measure.target.currency, as_of);
    let figures = Figures::new(measure, &observations, deadline, as_of).map_err(money_err)?;
    let status = figures.status(biennium, as_of, policy);
    Ok(PortfolioProgress {
        portfolio: pid.clone(),
        name: portfolio.name.clone(),
        kind: portfolio.kind,
        indicator: portfolio.indicator.clone(),
        as_of,
        baseline: measure.baseline.clone(),
        target: measure.target,
        direction: measure.direction,
        deadline,
        deadline_source,
        observations,
        observed_since_baseline: figures.observed_since_baseline,
        latest: figures.latest,
        change_since_baseline: figures.change_since_baseline,
        progress_percent: figures.progress_percent,
        remaining_gap: figures.remaining_gap,
        months_remaining: figures.months_remaining,
        monthly_rate_needed: figures.monthly_rate_needed,
        status,
        issues,
    })
}

/// The portfolio's indicator and its money measure, with baseline and
/// target in one currency.
fn money_measure<'a>(
    indicator: Option<&'a Indicator>,
    portfolio: &Portfolio,
) -> Result<(&'a Indicator, &'a MoneyMeasure), FundingError> {
    let pid = &portfolio.id;
    let indicator = indicator.ok_or_else(|| FundingError::IndicatorNotFound {
        portfolio: pid.clone(),
        indicator: portfolio.indicator.clone(),
    })?;
    let Measure::Money(measure) = &indicator.measure else {
        return Err(FundingError::not_money(
            pid,
            &indicator.id,
            indicator.measure.kind(),
        ));
    };
    if let Some(b) = &measure.baseline
        && b.amount.currency != measure.target.currency
    {
        return Err(FundingError::Money {
            portfolio: pid.clone(),
            error: MoneyError::CurrencyMismatch {
                operation: crate::money::Operation::Compare,
                left: b.amount.currency,
                right: measure.target.currency,
            },
        });
    }
    Ok((indicator, measure))
}

/// The money observations known on `as_of` in the target's currency,
/// oldest first, and the issues of those left out.
fn observations_of(
    entries: &[(&ProgressReport, &IndicatorProgress)],
    currency: Currency,
    as_of: Date,
) -> (Vec<PortfolioObservation>, Vec<PortfolioIssue>) {
    let mut issues = Vec::new();
    let mut observations = Vec::new();
    for &(report, entry) in entries {
        for obs in &entry.observations {
            let Observation::Money(mo) = obs else {
                continue;
            };
            let date = mo.as_of.unwrap_or(report.as_of);
            if date.latest() > as_of {
                continue;
            }
            if mo.amount.currency != currency {
                issues.push(PortfolioIssue::OtherCurrency {
                    report: report.id.clone(),
                    observed: mo.amount,
                    target: currency,
                });
                continue;
            }
            observations.push(PortfolioObservation {
                amount: mo.amount,
                as_of: date,
                report: report.id.clone(),
            });
        }
    }
    observations.sort_by_key(|o| (o.as_of.latest(), o.as_of.earliest()));
    (observations, issues)
}

/// The figures of a portfolio's progress, from which its status follows.
struct Figures {
    baseline: Option<DatedMoney>,
    deadline: Option<Date>,
    observed_since_baseline: bool,
    latest: Option<DatedMoney>,
    change_since_baseline: Option<Money>,
    /// Progress from baseline to target as a fraction (1 at the target).
    fraction: Option<Decimal>,
    progress_percent: Option<Decimal>,
    remaining_gap: Option<Money>,
    months_remaining: Option<u32>,
    monthly_rate_needed: Option<Money>,
    /// When the target was first reached, by the baseline or an observation.
    reached_on: Option<Date>,
}

impl Figures {
    fn new(
        measure: &MoneyMeasure,
        observations: &[PortfolioObservation],
        deadline: Option<Date>,
        as_of: Date,
    ) -> Result<Self, MoneyError> {
        let baseline = measure.baseline.as_ref();
        let target = measure.target;
        let after_baseline = |o: &PortfolioObservation| {
            baseline.is_none_or(|b| o.as_of.earliest() > b.as_of.latest())
        };
        let observed_since_baseline = observations.iter().any(after_baseline);
        let latest = match observations.iter().rev().find(|o| after_baseline(o)) {
            Some(o) => Some(DatedMoney::new(o.amount, o.as_of)),
            None => baseline.cloned().or_else(|| {
                observations
                    .last()
                    .map(|o| DatedMoney::new(o.amount, o.as_of))
            }),
        };
        let change_since_baseline = match (&latest, baseline) {
            (Some(l), Some(b)) => Some(l.amount.try_sub(&b.amount)?),
            _ => None,
        };
        let span = baseline.map(|b| target.try_sub(&b.amount)).transpose()?;
        let fraction = match (change_since_baseline, span) {
            (Some(c), Some(s)) if !s.is_zero() => c.amount.checked_div(s.amount),
            _ => None,
        };
        let gap_of = |amount: Money| -> Result<Money, MoneyError> {
            let g = match measure.direction {
                Direction::Decrease => amount.try_sub(&target),
                _ => target.try_sub(&amount),
            }?;
            Ok(if g.amount.is_sign_negative() {
                zero(g.currency)
            } else {
                g
            })
        };
        let remaining_gap = latest.as_ref().map(|l| gap_of(l.amount)).transpose()?;
        let months_remaining = deadline.and_then(|d| months_between(as_of, d));
        let monthly_rate_needed = match (remaining_gap, months_remaining) {
            (Some(g), Some(n)) if n > 0 => Some(g.try_div(Decimal::from(n))?),
            _ => None,
        };
        let mut reached_on = None;
        let points = baseline.cloned().into_iter().chain(
            observations
                .iter()
                .map(|o| DatedMoney::new(o.amount, o.as_of)),
        );
        for p in points {
            if gap_of(p.amount)?.is_zero() {
                reached_on = Some(p.as_of.latest());
                break;
            }
        }
        Ok(Figures {
            baseline: baseline.cloned(),
            deadline,
            observed_since_baseline,
            latest,
            change_since_baseline,
            fraction,
            progress_percent: fraction
                .and_then(|f| f.checked_mul(Decimal::ONE_HUNDRED))
                .map(round_percent),
            remaining_gap,
            months_remaining,
            monthly_rate_needed,
            reached_on,
        })
    }

    /// The status by the rules of the module docs.
    fn status(&self, biennium: Option<Biennium>, as_of: Date, policy: &PortfolioPolicy) -> Status {
        let closed = self.remaining_gap.is_some_and(|g| g.is_zero());
        if let (Some(on), true) = (self.reached_on, closed) {
            match self.deadline {
                Some(d) if on > d => Status::AchievedLate,
                _ => Status::Achieved,
            }
        } else if self.deadline.is_some_and(|d| as_of > d) {
            Status::Overdue
        } else if !self.observed_since_baseline {
            match biennium {
                Some(b) if as_of < b.start().first_day() => Status::NotStarted,
                _ => Status::NoData,
            }
        } else {
            self.pace(policy).unwrap_or(Status::NoData)
        }
    }

    /// `on_track` or `at_risk` against the straight line from the baseline
    /// to the target by the deadline; `None` without the dates to judge by.
    fn pace(&self, policy: &PortfolioPolicy) -> Option<Status> {
        let start = self.baseline.as_ref()?.as_of.latest();
        let total = days(start, self.deadline?)?;
        let elapsed = days(start, self.latest.as_ref()?.as_of.latest())?;
        if total <= 0 {
            return None;
        }
        let expected = Decimal::from(elapsed)
            .checked_div(Decimal::from(total))?
            .checked_mul(policy.on_track_share)?;
        Some(if self.fraction? >= expected {
            Status::OnTrack
        } else {
            Status::AtRisk
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_count_month_ends() {
        assert_eq!(
            months_between(date!(2016 - 07 - 31), date!(2019 - 12 - 31)),
            Some(41)
        );
        assert_eq!(
            months_between(date!(2016 - 07 - 15), date!(2019 - 12 - 31)),
            Some(42)
        );
        assert_eq!(
            months_between(date!(2019 - 12 - 31), date!(2019 - 12 - 31)),
            Some(0)
        );
        assert_eq!(
            months_between(date!(2019 - 12 - 01), date!(2019 - 12 - 31)),
            Some(1)
        );
        assert_eq!(
            months_between(date!(2020 - 01 - 01), date!(2019 - 12 - 31)),
            None
        );
    }
}
