//! Budget, expenditure and delivery of a resource line (format 1.1).
//!
//! # Rules
//!
//! * A line's **approved** amount is what was budgeted or approved; its
//!   **spent** amount (expenditure) is known from `spent_as_of` on (the
//!   first day of a month, as for every statement): as of an earlier date
//!   it is not known yet ([`DeliveryIssue::SpentLater`]). An expenditure
//!   without a date is always known.
//! * **Unspent** = approved − spent, exact; below zero when more was spent
//!   than approved (it is kept, not clipped: an overspend shows).
//! * **Delivery rate** = spent ÷ approved × 100, rounded once to two places,
//!   half away from zero ([`round_percent`]): 640,000 of 1,000,000 is
//!   64.00 %; 2,055,000 of 3,624,000 is 56.7052… → 56.71 %; 1 of 8 is
//!   12.5 → 12.50 %; 1 of 800 is 0.125 → 0.13 %.
//! * No rate when approved is zero ([`DeliveryIssue::ApprovedZero`]) or the
//!   two amounts are in different currencies
//!   ([`DeliveryIssue::CurrencyMismatch`]).
//! * A group of lines (by source, partner, unit, biennium…) has the rate of
//!   its sums over the lines that state both amounts, per currency:
//!   Σ spent ÷ Σ approved, not an average of rates.

use crate::money::{MoneyExt, round_percent};
use actionplan_model::{Currency, DateOrMonth, Money, ResourceLine};
use rust_decimal::Decimal;
use serde::Serialize;
use time::Date;

/// Why a line's delivery is not fully computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeliveryIssue {
    /// The expenditure is stated as of a date after the evaluation date.
    SpentLater {
        /// The date of the expenditure.
        spent_as_of: DateOrMonth,
    },
    /// The approved amount is zero: no rate.
    ApprovedZero,
    /// Approved and spent are in different currencies: no rate, no balance.
    CurrencyMismatch {
        /// The currency of the approved amount.
        approved: Currency,
        /// The currency of the spent amount.
        spent: Currency,
    },
    /// A difference or quotient does not fit a `Decimal`.
    Overflow,
}

impl std::fmt::Display for DeliveryIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeliveryIssue::SpentLater { spent_as_of } => write!(
                f,
                "the expenditure is stated as of {spent_as_of}, after the evaluation date"
            ),
            DeliveryIssue::ApprovedZero => f.write_str("nothing is approved: no delivery rate"),
            DeliveryIssue::CurrencyMismatch { approved, spent } => write!(
                f,
                "approved in {approved} but spent in {spent}: no delivery rate"
            ),
            DeliveryIssue::Overflow => f.write_str("the figures are too large to compute"),
        }
    }
}

/// The budget, expenditure and delivery of one resource line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LineDelivery {
    /// The line.
    pub line: actionplan_model::ResourceLineId,
    /// The amount approved, as stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved: Option<Money>,
    /// The amount spent, when known on the evaluation date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent: Option<Money>,
    /// The date of the expenditure, as stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent_as_of: Option<DateOrMonth>,
    /// Approved − spent; negative when overspent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unspent: Option<Money>,
    /// Spent ÷ approved × 100, rounded to two places half away from zero.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::totals::opt_percent"
    )]
    pub delivery_percent: Option<Decimal>,
    /// Why a figure is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<DeliveryIssue>,
}

/// Spent ÷ approved × 100, rounded to two places half away from zero;
/// `None` when approved is zero or the quotient does not fit.
///
/// ```
/// use actionplan_funding::delivery_percent;
/// use actionplan_model::Decimal;
/// let p = |s: i64, a: i64| delivery_percent(Decimal::from(s), Decimal::from(a)).map(|p| p.to_string());
/// assert_eq!(p(640_000, 1_000_000).as_deref(), Some("64.00"));
/// assert_eq!(p(2_055_000, 3_624_000).as_deref(), Some("56.71"));
/// assert_eq!(p(1, 800).as_deref(), Some("0.13")); // 0.125: half away from zero
/// assert_eq!(p(1, 0), None);
/// ```
pub fn delivery_percent(spent: Decimal, approved: Decimal) -> Option<Decimal> {
    if approved.is_zero() {
        return None;
    }
    let ratio = spent.checked_div(approved)?;
    let mut pc = round_percent(ratio.checked_mul(Decimal::ONE_HUNDRED)?);
    // Two places always, so that 64 % prints as 64.00 like every other rate.
    pc.rescale(crate::money::PERCENT_PLACES);
    Some(pc)
}

/// The spent amount of `line` when known on `as_of`, or why not.
pub(crate) fn spent_on(line: &ResourceLine, as_of: Date) -> Result<Option<Money>, DeliveryIssue> {
    match (line.spent, line.spent_as_of) {
        (Some(_), Some(when)) if !crate::lines::holds(Some(when), as_of) => {
            Err(DeliveryIssue::SpentLater { spent_as_of: when })
        }
        (spent, _) => Ok(spent),
    }
}

/// The delivery of `line` as of `as_of`; `None` when the line states
/// neither an approved nor a spent amount.
pub(crate) fn line_delivery(line: &ResourceLine, as_of: Date) -> Option<LineDelivery> {
    if line.approved.is_none() && line.spent.is_none() {
        return None;
    }
    let (spent, mut issue) = match spent_on(line, as_of) {
        Ok(s) => (s, None),
        Err(i) => (None, Some(i)),
    };
    let mut unspent = None;
    let mut rate = None;
    if let (Some(a), Some(s)) = (line.approved, spent) {
        if a.currency == s.currency {
            match a.try_sub(&s) {
                Ok(u) => unspent = Some(u),
                Err(_) => issue = Some(DeliveryIssue::Overflow),
            }
            rate = delivery_percent(s.amount, a.amount);
            if a.amount.is_zero() {
                issue = Some(DeliveryIssue::ApprovedZero);
            } else if rate.is_none() {
                issue = Some(DeliveryIssue::Overflow);
            }
        } else {
            issue = Some(DeliveryIssue::CurrencyMismatch {
                approved: a.currency,
                spent: s.currency,
            });
        }
    }
    Some(LineDelivery {
        line: line.id.clone(),
        approved: line.approved,
        spent,
        spent_as_of: line.spent_as_of,
        unspent,
        delivery_percent: rate,
        issue,
    })
}
