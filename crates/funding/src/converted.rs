//! Totals of a group of resource lines in one currency, where the stated
//! rates allow it, and per currency with the reasons where they don't.
//!
//! Each figure of a line is converted exactly with the rate that applies to
//! its date (see [`RateTable`]): `required`, `secured` and `approved` at the
//! line's `as_of`, `spent` at its `spent_as_of` (each falling back to the
//! line's `as_of`, then to the evaluation date, when undated). The exact
//! products are summed, and each total is rounded **once**, at the end, to
//! the currency's minor units, half away from zero, and written with them
//! (USD 1,000,000.00). A group with one figure
//! that cannot be converted is not converted at all: a partial sum in one
//! currency would read as the whole.

use crate::currency::minor_units;
use crate::delivery::delivery_percent;
use crate::money::round_amount;
use crate::rates::{ConversionError, RateTable, RateUsed, add_exact};
use actionplan_model::{Currency, Money};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use time::Date;

/// A group's totals in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ConvertedTotals {
    /// The currency of every figure.
    pub currency: Currency,
    /// Sum of the amounts required.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<Money>,
    /// Sum of the amounts secured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secured: Option<Money>,
    /// Sum of the per-line gaps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<Money>,
    /// Sum of the amounts approved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved: Option<Money>,
    /// Sum of the amounts spent, known on the date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent: Option<Money>,
    /// Approved − spent over the lines stating both.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unspent: Option<Money>,
    /// Spent ÷ approved × 100 over the lines stating both, from the exact
    /// converted sums, rounded to two places half away from zero.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::totals::opt_percent"
    )]
    pub delivery_percent: Option<Decimal>,
    /// Every stated rate used, by position in the file.
    pub rates: Vec<RateUsed>,
}

/// A group's totals in the currency asked for, or why they stay per
/// currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
#[non_exhaustive]
pub enum InCurrency {
    /// Every amount could be converted.
    Converted(ConvertedTotals),
    /// Some amount could not: the totals stay per currency, for these
    /// reasons (each naming the pair and the date).
    PerCurrency {
        /// The currency asked for.
        currency: Currency,
        /// Why, once per distinct reason, in the order met.
        reasons: Vec<ConversionError>,
    },
}

/// The figures of one line, converted exactly, and the rates used.
#[derive(Clone, Debug, Default)]
pub(crate) struct LineConverted {
    required: Option<Decimal>,
    secured: Option<Decimal>,
    gap: Option<Decimal>,
    approved: Option<Decimal>,
    spent: Option<Decimal>,
    /// Approved and spent of a line stating both (in one currency).
    both: Option<(Decimal, Decimal)>,
    rates: Vec<RateUsed>,
}

/// The figures of a line and the dates they are converted at.
pub(crate) struct LineAmounts {
    pub(crate) required: Option<Money>,
    pub(crate) secured: Option<Money>,
    pub(crate) gap: Option<Money>,
    pub(crate) approved: Option<Money>,
    pub(crate) spent: Option<Money>,
    pub(crate) both: Option<(Money, Money)>,
    pub(crate) amount_date: Date,
    pub(crate) spent_date: Date,
}

impl LineConverted {
    /// Converts every figure of a line to `to`.
    pub(crate) fn of(
        table: &RateTable<'_>,
        to: Currency,
        a: &LineAmounts,
    ) -> Result<Self, ConversionError> {
        let mut rates: Vec<RateUsed> = Vec::new();
        let mut one = |m: Option<Money>, date: Date| -> Result<Option<Decimal>, ConversionError> {
            let Some(m) = m else { return Ok(None) };
            let c = table.convert(m, to, date)?;
            if let Some(r) = c.rate
                && !rates.contains(&r)
            {
                rates.push(r);
            }
            Ok(Some(c.exact.amount))
        };
        let required = one(a.required, a.amount_date)?;
        let secured = one(a.secured, a.amount_date)?;
        let gap = one(a.gap, a.amount_date)?;
        let approved = one(a.approved, a.amount_date)?;
        let spent = one(a.spent, a.spent_date)?;
        let both = match a.both {
            Some((ap, sp)) => {
                let ap = one(Some(ap), a.amount_date)?.unwrap_or_default();
                let sp = one(Some(sp), a.spent_date)?.unwrap_or_default();
                Some((ap, sp))
            }
            None => None,
        };
        Ok(LineConverted {
            required,
            secured,
            gap,
            approved,
            spent,
            both,
            rates,
        })
    }
}

/// The running one-currency totals of a group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Accumulator {
    required: Option<Decimal>,
    secured: Option<Decimal>,
    gap: Option<Decimal>,
    approved: Option<Decimal>,
    spent: Option<Decimal>,
    both_approved: Option<Decimal>,
    both_spent: Option<Decimal>,
    rates: BTreeMap<usize, RateUsed>,
    reasons: Vec<ConversionError>,
    seen: HashSet<ConversionError>,
}

impl Accumulator {
    /// Adds a line's converted figures, or the reason it has none.
    pub(crate) fn add(&mut self, to: Currency, line: &Result<LineConverted, ConversionError>) {
        let line = match line {
            Ok(l) => l,
            Err(e) => return self.refuse(e),
        };
        let sum = |acc: &mut Option<Decimal>, x: Option<Decimal>| -> Result<(), ConversionError> {
            if let Some(x) = x {
                *acc = Some(match *acc {
                    Some(a) => add_exact(to, to, a, x)?,
                    None => x,
                });
            }
            Ok(())
        };
        let (ba, bs) = line.both.unzip();
        let added = sum(&mut self.required, line.required)
            .and_then(|()| sum(&mut self.secured, line.secured))
            .and_then(|()| sum(&mut self.gap, line.gap))
            .and_then(|()| sum(&mut self.approved, line.approved))
            .and_then(|()| sum(&mut self.spent, line.spent))
            .and_then(|()| sum(&mut self.both_approved, ba))
            .and_then(|()| sum(&mut self.both_spent, bs));
        if let Err(e) = added {
            return self.refuse(&e);
        }
        for r in &line.rates {
            self.rates.entry(r.index).or_insert(*r);
        }
    }

    fn refuse(&mut self, e: &ConversionError) {
        if self.seen.insert(e.clone()) {
            self.reasons.push(e.clone());
        }
    }

    /// The totals, each rounded once.
    pub(crate) fn finish(&self, to: Currency) -> InCurrency {
        if !self.reasons.is_empty() {
            return InCurrency::PerCurrency {
                currency: to,
                reasons: self.reasons.clone(),
            };
        }
        // Every converted figure has the currency's minor units, whole or
        // not, so that a column of them lines up: USD 1,000,000.00.
        let money = |d: Option<Decimal>| {
            d.map(|d| {
                let mut r = round_amount(d, to);
                r.rescale(minor_units(to));
                Money::new(r, to)
            })
        };
        let unspent = match (self.both_approved, self.both_spent) {
            (Some(a), Some(s)) => match a.checked_sub(s) {
                Some(u) => Some(u),
                None => {
                    return InCurrency::PerCurrency {
                        currency: to,
                        reasons: vec![ConversionError::Overflow {
                            from: to,
                            to,
                            operation: crate::Operation::Subtract,
                            left: a,
                            right: s,
                        }],
                    };
                }
            },
            _ => None,
        };
        let delivery = match (self.both_approved, self.both_spent) {
            (Some(a), Some(s)) => delivery_percent(s, a),
            _ => None,
        };
        InCurrency::Converted(ConvertedTotals {
            currency: to,
            required: money(self.required),
            secured: money(self.secured),
            gap: money(self.gap),
            approved: money(self.approved),
            spent: money(self.spent),
            unspent: money(unspent),
            delivery_percent: delivery,
            rates: self.rates.values().copied().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actionplan_model::{DateOrMonth, ExchangeRate};
    use time::macros::date;

    fn line(amount: Decimal, date: Date) -> LineAmounts {
        LineAmounts {
            required: None,
            secured: Some(Money::new(amount, Currency::CHF)),
            gap: None,
            approved: None,
            spent: None,
            both: None,
            amount_date: date,
            spent_date: date,
        }
    }

    #[test]
    fn half_away_from_zero_once_at_the_end() {
        let d = date!(2018 - 01 - 02);
        let rates = [ExchangeRate::new(
            Currency::CHF,
            Currency::USD,
            Decimal::ONE,
            DateOrMonth::Day(d),
        )];
        let table = RateTable::new(&rates);
        let mut acc = Accumulator::default();
        // CHF 0.0125 twice: exact USD 0.025 → 0.03 (banker's rounding would
        // give 0.02; rounding each term first, 0.01 + 0.01 = 0.02).
        for _ in 0..2 {
            let l = LineConverted::of(&table, Currency::USD, &line(Decimal::new(125, 4), d));
            acc.add(Currency::USD, &l);
        }
        let InCurrency::Converted(c) = acc.finish(Currency::USD) else {
            panic!("not converted");
        };
        assert_eq!(
            c.secured.map(|m| m.amount.to_string()),
            Some("0.03".to_owned())
        );
        // And below zero, away from zero too.
        let mut acc = Accumulator::default();
        let l = LineConverted::of(&table, Currency::USD, &line(Decimal::new(-25, 3), d));
        acc.add(Currency::USD, &l);
        let InCurrency::Converted(c) = acc.finish(Currency::USD) else {
            panic!("not converted");
        };
        assert_eq!(
            c.secured.map(|m| m.amount.to_string()),
            Some("-0.03".to_owned())
        );
    }
}
