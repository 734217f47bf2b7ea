//! Conversion with the exchange rates a file states (format 1.1,
//! `plan.resources.exchange_rates`), and nothing else.
//!
//! # Which stated rate applies
//!
//! An amount dated `d` is converted from `A` to `B` with the rate stated
//! **from `A` to `B` dated on `d` or latest before it** (a rate dated by a
//! month applies from the first day of that month). There is no other
//! source of rates:
//!
//! * no rate from `A` to `B` at all is [`ConversionError::MissingRate`];
//! * only rates dated after `d` is [`ConversionError::NoRateYet`] — a rate is
//!   never applied to an amount dated before it;
//! * only a rate from `B` to `A` is [`ConversionError::InverseOnly`]: the
//!   inverse `1 ÷ rate` is **not** used. It rarely terminates in decimals
//!   (1 ÷ 1.0120 = 0.98814229…), so the converted figure would rest on a
//!   rate nobody stated, and the Office states the direction it converts in;
//! * no chain through a third currency either, for the same reason;
//! * the chosen rate must be greater than zero
//!   ([`ConversionError::RateNotPositive`]) and, when two rates for the pair
//!   share its date, equal ([`ConversionError::AmbiguousRate`]).
//!
//! Every error names the pair and the date, so that a caller can match on
//! it and a person knows what to add.
//!
//! # Rounding
//!
//! A conversion is exact (`amount × rate`, checked: an overflow is
//! [`ConversionError::Overflow`] with both figures). Sums of converted
//! amounts are exact too; the total is rounded **once, at the end**, to the
//! target currency's minor units, half away from zero ([`ROUNDING`](crate::ROUNDING)):
//! CHF 0.125 at 1 USD per CHF is USD 0.13; CHF 0.005 + CHF 0.005 at 1 are
//! USD 0.01, not USD 0.01 + USD 0.01.

use crate::money::{Operation, exact_add};
use actionplan_model::{Currency, DateOrMonth, ExchangeRate, Money};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use time::Date;

/// Why an amount could not be converted with the stated rates.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ConversionError {
    /// The file states no rate from `from` to `to`.
    #[error(
        "no exchange rate from {from} to {to} is stated for {}: add one to plan.resources.exchange_rates (from, to, rate, date on or before {}, source); the amounts stay per currency",
        fmt_date(*.date), fmt_date(*.date)
    )]
    MissingRate {
        /// The currency of the amount.
        from: Currency,
        /// The currency asked for.
        to: Currency,
        /// The date of the amount.
        date: Date,
    },
    /// Every rate from `from` to `to` is dated after the amount.
    #[error(
        "no exchange rate from {from} to {to} is stated for {}: the earliest is of {}, and a rate is never applied to an amount dated before it; add a rate dated on or before {}",
        fmt_date(*.date), fmt_date(*.earliest), fmt_date(*.date)
    )]
    NoRateYet {
        /// The currency of the amount.
        from: Currency,
        /// The currency asked for.
        to: Currency,
        /// The date of the amount.
        date: Date,
        /// The date of the earliest rate stated for the pair.
        earliest: Date,
    },
    /// Only the rate the other way round is stated.
    #[error(
        "no exchange rate from {from} to {to} is stated for {}, only one from {to} to {from}; its inverse is not used (1 ÷ rate is a rate nobody stated): state the rate from {from} to {to}",
        fmt_date(*.date)
    )]
    InverseOnly {
        /// The currency of the amount.
        from: Currency,
        /// The currency asked for.
        to: Currency,
        /// The date of the amount.
        date: Date,
    },
    /// The rate that applies is zero or negative.
    #[error(
        "the exchange rate from {from} to {to} of {date} is {rate}; a rate must be greater than zero"
    )]
    RateNotPositive {
        /// The rate's source currency.
        from: Currency,
        /// The rate's target currency.
        to: Currency,
        /// The rate's date, as stated.
        date: DateOrMonth,
        /// The rate stated.
        rate: Decimal,
        /// Its position in `plan.resources.exchange_rates`.
        index: usize,
    },
    /// Two different rates for the pair share the date that applies.
    #[error(
        "two exchange rates from {from} to {to} are stated for {date}, {first} and {second}; keep one"
    )]
    AmbiguousRate {
        /// The rate's source currency.
        from: Currency,
        /// The rate's target currency.
        to: Currency,
        /// Their date.
        date: DateOrMonth,
        /// The first rate stated.
        first: Decimal,
        /// The other rate stated.
        second: Decimal,
    },
    /// The converted amount, or a sum of converted amounts, does not fit a
    /// `Decimal`.
    #[error(
        "cannot {operation} {left} and {right} converting {from} to {to}: the result is larger than the largest exact amount (about 7.9e28); check the figures for a typing error"
    )]
    Overflow {
        /// The currency converted from.
        from: Currency,
        /// The currency converted to.
        to: Currency,
        /// What was attempted.
        operation: Operation,
        /// The first figure.
        left: Decimal,
        /// The second figure.
        right: Decimal,
    },
}

fn fmt_date(d: Date) -> String {
    actionplan_model::format_date(d)
}

impl ConversionError {
    /// A stable `snake_case` name of the variant, for programs that read
    /// the JSON form.
    pub fn code(&self) -> &'static str {
        match self {
            ConversionError::MissingRate { .. } => "missing_rate",
            ConversionError::NoRateYet { .. } => "no_rate_yet",
            ConversionError::InverseOnly { .. } => "inverse_only",
            ConversionError::RateNotPositive { .. } => "rate_not_positive",
            ConversionError::AmbiguousRate { .. } => "ambiguous_rate",
            ConversionError::Overflow { .. } => "overflow",
        }
    }

    /// The currency pair concerned, (from, to).
    pub fn pair(&self) -> (Currency, Currency) {
        match self {
            ConversionError::MissingRate { from, to, .. }
            | ConversionError::NoRateYet { from, to, .. }
            | ConversionError::InverseOnly { from, to, .. }
            | ConversionError::RateNotPositive { from, to, .. }
            | ConversionError::AmbiguousRate { from, to, .. }
            | ConversionError::Overflow { from, to, .. } => (*from, *to),
        }
    }
}

impl Serialize for ConversionError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (from, to) = self.pair();
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("from", &from)?;
        map.serialize_entry("to", &to)?;
        map.serialize_entry("message", &self.to_string())?;
        map.end()
    }
}

/// The stated rate a conversion used: `rate` units of `to` per unit of
/// `from`, dated `date`, at position `index` of
/// `plan.resources.exchange_rates` (where its `source` is; the text is not
/// copied into every figure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct RateUsed {
    /// Its position in `plan.resources.exchange_rates`.
    pub index: usize,
    /// The currency converted from.
    pub from: Currency,
    /// The currency converted to.
    pub to: Currency,
    /// Units of `to` per unit of `from`.
    #[serde(serialize_with = "crate::rates::decimal_str")]
    pub rate: Decimal,
    /// The date stated with the rate.
    pub date: DateOrMonth,
}

impl fmt::Display for RateUsed {
    /// `1.0120 USD per CHF of 2018-01-02`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} per {} of {}",
            self.rate, self.to, self.from, self.date
        )
    }
}

pub(crate) fn decimal_str<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

/// An amount converted exactly (not yet rounded) and the rate used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Conversion {
    /// `amount × rate`, exact, in the target currency; the amount itself
    /// when it was already in it.
    pub exact: Money,
    /// The rate used; `None` when no conversion was needed.
    pub rate: Option<RateUsed>,
}

/// A stated rate with the first day it applies and its position in the file.
type Dated<'a> = (Date, usize, &'a ExchangeRate);

/// The stated rates of a plan, by currency pair and date: built once, each
/// look-up a map access and a binary search.
///
/// ```
/// use actionplan_funding::{ConversionError, RateTable};
/// use actionplan_model::{Currency, DateOrMonth, Decimal, ExchangeRate, Money};
/// use time::macros::date;
///
/// let stated = [ExchangeRate::new(Currency::CHF, Currency::USD, "1.0120".parse()?,
///     DateOrMonth::Day(date!(2018-01-02)))];
/// let table = RateTable::new(&stated);
/// let chf = Money::new(Decimal::from(2_000_000), Currency::CHF);
/// let c = table.convert(chf, Currency::USD, date!(2018-06-30))?;
/// assert_eq!(c.exact.amount.to_string(), "2024000.0000");
/// assert_eq!(c.rate.unwrap().to_string(), "1.0120 USD per CHF of 2018-01-02");
/// // Before the rate's date, and the other way round: errors naming pair and date.
/// assert!(matches!(table.convert(chf, Currency::USD, date!(2017-12-31)),
///     Err(ConversionError::NoRateYet { .. })));
/// let usd = Money::new(Decimal::ONE, Currency::USD);
/// assert!(matches!(table.convert(usd, Currency::CHF, date!(2018-06-30)),
///     Err(ConversionError::InverseOnly { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct RateTable<'a> {
    /// Per pair: the stated rates with their position, by date (the first
    /// day a date may mean), in file order among equal dates.
    by_pair: HashMap<(Currency, Currency), Vec<Dated<'a>>>,
}

impl<'a> RateTable<'a> {
    /// Indexes `rates` (as in `plan.resources.exchange_rates`). Nothing is
    /// refused here: a bad rate is an error only when an amount needs it.
    pub fn new(rates: &'a [ExchangeRate]) -> Self {
        let mut by_pair: HashMap<_, Vec<_>> = HashMap::new();
        for (i, r) in rates.iter().enumerate() {
            by_pair
                .entry((r.from, r.to))
                .or_default()
                .push((r.date.earliest(), i, r));
        }
        for list in by_pair.values_mut() {
            // Stable: equal dates keep the file's order.
            list.sort_by_key(|(d, _, _)| *d);
        }
        RateTable { by_pair }
    }

    /// Whether no rate is stated.
    pub fn is_empty(&self) -> bool {
        self.by_pair.is_empty()
    }

    /// The rate that applies to an amount in `from` dated `date`, to
    /// convert it to `to` (see the module's rules).
    ///
    /// # Errors
    ///
    /// [`ConversionError`] naming the pair and the date.
    pub fn rate_for(
        &self,
        from: Currency,
        to: Currency,
        date: Date,
    ) -> Result<RateUsed, ConversionError> {
        let Some(stated) = self.by_pair.get(&(from, to)) else {
            return Err(if self.by_pair.contains_key(&(to, from)) {
                ConversionError::InverseOnly { from, to, date }
            } else {
                ConversionError::MissingRate { from, to, date }
            });
        };
        // The rates dated on or before `date` come first.
        let on_or_before = stated.partition_point(|(d, _, _)| *d <= date);
        let Some(last) = on_or_before.checked_sub(1) else {
            let earliest = stated.first().map_or(date, |(d, _, _)| *d);
            return Err(ConversionError::NoRateYet {
                from,
                to,
                date,
                earliest,
            });
        };
        let Some(&(day, index, rate)) = stated.get(last) else {
            return Err(ConversionError::MissingRate { from, to, date });
        };
        // Rates sharing that date must agree; they sit just before it.
        let same_day = stated
            .get(..last)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|(d, _, _)| *d == day);
        for (_, _, other) in same_day {
            if other.rate != rate.rate {
                return Err(ConversionError::AmbiguousRate {
                    from,
                    to,
                    date: rate.date,
                    first: other.rate,
                    second: rate.rate,
                });
            }
        }
        if rate.rate <= Decimal::ZERO {
            return Err(ConversionError::RateNotPositive {
                from,
                to,
                date: rate.date,
                rate: rate.rate,
                index,
            });
        }
        Ok(RateUsed {
            index,
            from,
            to,
            rate: rate.rate,
            date: rate.date,
        })
    }

    /// `money` in `to`, exactly, with the rate that applies on `date`; the
    /// amount itself when it is already in `to`.
    ///
    /// # Errors
    ///
    /// [`ConversionError`] naming the pair and the date, or
    /// [`ConversionError::Overflow`] with the amount and the rate.
    pub fn convert(
        &self,
        money: Money,
        to: Currency,
        date: Date,
    ) -> Result<Conversion, ConversionError> {
        if money.currency == to {
            return Ok(Conversion {
                exact: money,
                rate: None,
            });
        }
        let rate = self.rate_for(money.currency, to, date)?;
        let exact = money
            .amount
            .checked_mul(rate.rate)
            .ok_or(ConversionError::Overflow {
                from: money.currency,
                to,
                operation: Operation::Convert,
                left: money.amount,
                right: rate.rate,
            })?;
        Ok(Conversion {
            exact: Money::new(exact, to),
            rate: Some(rate),
        })
    }
}

/// `a + b` for a running sum of exact converted amounts.
pub(crate) fn add_exact(
    from: Currency,
    to: Currency,
    a: Decimal,
    b: Decimal,
) -> Result<Decimal, ConversionError> {
    exact_add(a, b).ok_or(ConversionError::Overflow {
        from,
        to,
        operation: Operation::Add,
        left: a,
        right: b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn stated(from: Currency, to: Currency, rate: &str, date: Date) -> ExchangeRate {
        ExchangeRate::new(
            from,
            to,
            rate.parse().unwrap_or_default(),
            DateOrMonth::Day(date),
        )
    }

    #[test]
    fn latest_rate_on_or_before_the_date() {
        let rates = [
            stated(Currency::CHF, Currency::USD, "1.05", date!(2019 - 01 - 01)),
            stated(
                Currency::CHF,
                Currency::USD,
                "1.0120",
                date!(2018 - 01 - 02),
            ),
        ];
        let t = RateTable::new(&rates);
        let r = |d| t.rate_for(Currency::CHF, Currency::USD, d).map(|r| r.index);
        assert_eq!(r(date!(2018 - 01 - 02)), Ok(1));
        assert_eq!(r(date!(2018 - 12 - 31)), Ok(1));
        assert_eq!(r(date!(2019 - 01 - 01)), Ok(0));
        assert_eq!(
            r(date!(2018 - 01 - 01)),
            Err(ConversionError::NoRateYet {
                from: Currency::CHF,
                to: Currency::USD,
                date: date!(2018 - 01 - 01),
                earliest: date!(2018 - 01 - 02)
            })
        );
    }

    #[test]
    fn a_month_rate_applies_from_its_first_day() {
        let rates = [ExchangeRate::new(
            Currency::CHF,
            Currency::USD,
            Decimal::ONE,
            "2018-02"
                .parse()
                .unwrap_or(DateOrMonth::Day(date!(2000 - 01 - 01))),
        )];
        let t = RateTable::new(&rates);
        assert!(
            t.rate_for(Currency::CHF, Currency::USD, date!(2018 - 02 - 01))
                .is_ok()
        );
        assert!(
            t.rate_for(Currency::CHF, Currency::USD, date!(2018 - 01 - 31))
                .is_err()
        );
    }

    #[test]
    fn zero_negative_and_ambiguous_rates_are_errors_naming_pair_and_date() {
        let d = date!(2018 - 01 - 02);
        for bad in ["0", "-1.2"] {
            let rates = [stated(Currency::CHF, Currency::USD, bad, d)];
            let e = RateTable::new(&rates).rate_for(Currency::CHF, Currency::USD, d);
            assert!(
                matches!(e, Err(ConversionError::RateNotPositive { .. })),
                "{e:?}"
            );
            let text = e.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(text.contains("from CHF to USD of 2018-01-02"), "{text}");
        }
        let rates = [
            stated(Currency::CHF, Currency::USD, "1.01", d),
            stated(Currency::CHF, Currency::USD, "1.02", d),
        ];
        assert!(matches!(
            RateTable::new(&rates).rate_for(Currency::CHF, Currency::USD, d),
            Err(ConversionError::AmbiguousRate { .. })
        ));
        // The same rate stated twice is no conflict.
        let rates = [
            stated(Currency::CHF, Currency::USD, "1.01", d),
            stated(Currency::CHF, Currency::USD, "1.010", d),
        ];
        assert!(
            RateTable::new(&rates)
                .rate_for(Currency::CHF, Currency::USD, d)
                .is_ok()
        );
    }

    #[test]
    fn the_inverse_and_chains_are_refused() {
        let d = date!(2018 - 01 - 02);
        let rates = [
            stated(Currency::USD, Currency::CHF, "0.9881", d),
            stated(Currency::EUR, Currency::USD, "1.2", d),
        ];
        let t = RateTable::new(&rates);
        assert!(matches!(
            t.rate_for(Currency::CHF, Currency::USD, d),
            Err(ConversionError::InverseOnly { .. })
        ));
        assert!(matches!(
            t.rate_for(Currency::EUR, Currency::CHF, d),
            Err(ConversionError::MissingRate { .. })
        ));
    }

    #[test]
    fn overflow_is_an_error_with_the_figures() {
        let d = date!(2018 - 01 - 02);
        let rates = [stated(Currency::CHF, Currency::USD, "2", d)];
        let t = RateTable::new(&rates);
        let e = t.convert(Money::new(Decimal::MAX, Currency::CHF), Currency::USD, d);
        assert_eq!(
            e,
            Err(ConversionError::Overflow {
                from: Currency::CHF,
                to: Currency::USD,
                operation: Operation::Convert,
                left: Decimal::MAX,
                right: Decimal::TWO
            })
        );
    }
}
