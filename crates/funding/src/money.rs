//! Checked arithmetic on [`Money`] and the one rounding rule.
//!
//! Amounts are exact decimals. Adding or subtracting two amounts is exact;
//! it fails with [`MoneyError::CurrencyMismatch`] when the currencies differ
//! and with [`MoneyError::Overflow`] when the result would not fit a
//! `Decimal` (about ±7.9 × 10²⁸). Nothing here panics.
//!
//! # Rounding
//!
//! Only results that cannot be exact are rounded: conversions through an
//! exchange rate, amounts divided by a number (a rate per month), and
//! percentages. The rule is always the same: **round half away from zero**
//! ([`ROUNDING`]) — to the currency's minor units for money
//! ([`round_money`]) and to two decimal places for percentages
//! ([`round_percent`]). `0.125 USD` becomes `0.13`, `-0.125 USD` becomes
//! `-0.13`; banker's rounding is never used.

use crate::currency::minor_units;
use actionplan_model::{Currency, Money};
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// The rounding rule: half away from zero.
pub const ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Decimal places of a rounded percentage.
pub const PERCENT_PLACES: u32 = 2;

/// An arithmetic operation, named in errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// Addition.
    Add,
    /// Subtraction.
    Subtract,
    /// Multiplication by a number.
    Multiply,
    /// Division by a number.
    Divide,
    /// Conversion through an exchange rate.
    Convert,
    /// Comparison of two amounts.
    Compare,
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Operation::Add => "add",
            Operation::Subtract => "subtract",
            Operation::Multiply => "multiply",
            Operation::Divide => "divide",
            Operation::Convert => "convert",
            Operation::Compare => "compare",
        })
    }
}

/// Why an operation on money has no result.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// Two amounts are in different currencies.
    #[error(
        "cannot {operation} {left} and {right} amounts: the currencies differ; convert one of them first with an explicit ExchangeRate (dated, with its source)"
    )]
    CurrencyMismatch {
        /// What was attempted.
        operation: Operation,
        /// The currency of the first amount.
        left: Currency,
        /// The currency of the second amount.
        right: Currency,
    },
    /// The exact result does not fit a `Decimal`.
    #[error(
        "cannot {operation} {left} and {right}: the result is larger than the largest exact amount (about 7.9e28); check the figures for a typing error"
    )]
    Overflow {
        /// What was attempted.
        operation: Operation,
        /// The first operand.
        left: Decimal,
        /// The second operand.
        right: Decimal,
    },
    /// A division by zero.
    #[error("cannot divide {amount} by zero")]
    DivisionByZero {
        /// The amount that was to be divided.
        amount: Money,
    },
    /// An exchange rate that is zero or negative.
    #[error(
        "the exchange rate {rate} from {from} to {to} is not positive; a rate must be greater than zero"
    )]
    RateNotPositive {
        /// The rate given.
        rate: Decimal,
        /// Its source currency.
        from: Currency,
        /// Its target currency.
        to: Currency,
    },
    /// An exchange rate from a currency to itself.
    #[error(
        "an exchange rate from {0} to {0} converts nothing; a rate needs two different currencies"
    )]
    SameCurrency(Currency),
    /// An exchange rate with no source.
    #[error(
        "the exchange rate from {from} to {to} names no source; say where it comes from, e.g. \"UN operational rates of exchange\""
    )]
    MissingSource {
        /// Its source currency.
        from: Currency,
        /// Its target currency.
        to: Currency,
    },
    /// An amount in a currency the rate does not convert from.
    #[error(
        "the amount is in {found}, but the exchange rate converts {from} to {to}; use a rate from {found}"
    )]
    RateCurrency {
        /// The rate's source currency.
        from: Currency,
        /// The rate's target currency.
        to: Currency,
        /// The currency of the amount.
        found: Currency,
    },
    /// No exchange rate was given for a currency that has to be converted.
    #[error(
        "no exchange rate from {from} to {to} was given; add one (dated, with its source) to sum these amounts"
    )]
    NoRate {
        /// The currency to convert from.
        from: Currency,
        /// The currency to convert to.
        to: Currency,
    },
}

impl MoneyError {
    /// A stable `snake_case` name of the variant (`currency_mismatch`,
    /// `overflow`, …), for programs that read the JSON form of a
    /// [`FundingProblem`](crate::FundingProblem).
    pub fn code(&self) -> &'static str {
        match self {
            MoneyError::CurrencyMismatch { .. } => "currency_mismatch",
            MoneyError::Overflow { .. } => "overflow",
            MoneyError::DivisionByZero { .. } => "division_by_zero",
            MoneyError::RateNotPositive { .. } => "rate_not_positive",
            MoneyError::SameCurrency(_) => "same_currency",
            MoneyError::MissingSource { .. } => "missing_source",
            MoneyError::RateCurrency { .. } => "rate_currency",
            MoneyError::NoRate { .. } => "no_rate",
        }
    }
}

/// Checked arithmetic on [`Money`]: every operation returns an error instead
/// of panicking or mixing currencies.
///
/// ```
/// use actionplan_funding::{MoneyError, MoneyExt};
/// use actionplan_model::{Currency, Decimal, Money};
///
/// let target = Money::new(Decimal::from(100_000_000), Currency::USD);
/// let baseline = Money::new(Decimal::from(84_000_000), Currency::USD);
/// assert_eq!(target.try_sub(&baseline)?.to_string(), "USD 16000000");
///
/// let francs = Money::new(Decimal::from(5), Currency::CHF);
/// assert!(matches!(target.try_add(&francs), Err(MoneyError::CurrencyMismatch { .. })));
/// # Ok::<(), MoneyError>(())
/// ```
pub trait MoneyExt {
    /// `self + other`, both in the same currency.
    ///
    /// # Errors
    ///
    /// [`MoneyError::CurrencyMismatch`] or [`MoneyError::Overflow`].
    fn try_add(&self, other: &Money) -> Result<Money, MoneyError>;
    /// `self − other`, both in the same currency.
    ///
    /// # Errors
    ///
    /// [`MoneyError::CurrencyMismatch`] or [`MoneyError::Overflow`].
    fn try_sub(&self, other: &Money) -> Result<Money, MoneyError>;
    /// `self × factor`, exact where the product fits, not rounded.
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] when the product does not fit a `Decimal`.
    fn try_mul(&self, factor: Decimal) -> Result<Money, MoneyError>;
    /// `self ÷ divisor`, rounded to the currency's minor units by [`ROUNDING`].
    ///
    /// # Errors
    ///
    /// [`MoneyError::DivisionByZero`] when `divisor` is zero;
    /// [`MoneyError::Overflow`] when the quotient does not fit a `Decimal`.
    fn try_div(&self, divisor: Decimal) -> Result<Money, MoneyError>;
    /// Whether `self` is at least `other`, both in the same currency.
    ///
    /// # Errors
    ///
    /// [`MoneyError::CurrencyMismatch`] when the currencies differ.
    fn try_ge(&self, other: &Money) -> Result<bool, MoneyError>;
    /// The amount rounded to the currency's minor units by [`ROUNDING`].
    fn rounded(&self) -> Money;
    /// Whether the amount is zero.
    fn is_zero(&self) -> bool;
}

fn same_currency(op: Operation, a: &Money, b: &Money) -> Result<(), MoneyError> {
    if a.currency == b.currency {
        Ok(())
    } else {
        Err(MoneyError::CurrencyMismatch {
            operation: op,
            left: a.currency,
            right: b.currency,
        })
    }
}

impl MoneyExt for Money {
    fn try_add(&self, other: &Money) -> Result<Money, MoneyError> {
        same_currency(Operation::Add, self, other)?;
        exact_add(self.amount, other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or(MoneyError::Overflow {
                operation: Operation::Add,
                left: self.amount,
                right: other.amount,
            })
    }

    fn try_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        same_currency(Operation::Subtract, self, other)?;
        exact_sub(self.amount, other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or(MoneyError::Overflow {
                operation: Operation::Subtract,
                left: self.amount,
                right: other.amount,
            })
    }

    fn try_mul(&self, factor: Decimal) -> Result<Money, MoneyError> {
        self.amount
            .checked_mul(factor)
            .map(|a| Money::new(a, self.currency))
            .ok_or(MoneyError::Overflow {
                operation: Operation::Multiply,
                left: self.amount,
                right: factor,
            })
    }

    fn try_div(&self, divisor: Decimal) -> Result<Money, MoneyError> {
        if divisor.is_zero() {
            return Err(MoneyError::DivisionByZero { amount: *self });
        }
        self.amount
            .checked_div(divisor)
            .map(|a| round_money(Money::new(a, self.currency)))
            .ok_or(MoneyError::Overflow {
                operation: Operation::Divide,
                left: self.amount,
                right: divisor,
            })
    }

    fn try_ge(&self, other: &Money) -> Result<bool, MoneyError> {
        same_currency(Operation::Compare, self, other)?;
        Ok(self.amount >= other.amount)
    }

    fn rounded(&self) -> Money {
        round_money(*self)
    }

    fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }
}

/// Keeps the larger scale of two operands, so that `0 + 0.000` and
/// `0.000 + 0` both give `0.000`: totals then print the same whatever the
/// order of their terms.
fn keep_scale(mut d: Decimal, a: Decimal, b: Decimal) -> Decimal {
    let scale = a.scale().max(b.scale());
    if d.scale() < scale {
        d.rescale(scale);
    }
    d
}

/// `a + b`, `None` on overflow, with the larger scale of the two.
pub(crate) fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b).map(|d| keep_scale(d, a, b))
}

/// `a − b`, `None` on overflow, with the larger scale of the two.
pub(crate) fn exact_sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b).map(|d| keep_scale(d, a, b))
}

/// Zero in `currency`.
pub fn zero(currency: Currency) -> Money {
    Money::new(Decimal::ZERO, currency)
}

/// Rounds `amount` to `currency`'s minor units, half away from zero.
///
/// ```
/// use actionplan_funding::round_amount;
/// use actionplan_model::{Currency, Decimal};
/// let r = |s: &str| round_amount(s.parse::<Decimal>().unwrap(), Currency::USD).to_string();
/// assert_eq!(r("0.125"), "0.13");   // not 0.12 as banker's rounding would give
/// assert_eq!(r("-0.125"), "-0.13");
/// assert_eq!(r("390243.902439"), "390243.90");
/// assert_eq!(r("7"), "7");          // exact amounts keep their scale
/// ```
pub fn round_amount(amount: Decimal, currency: Currency) -> Decimal {
    amount.round_dp_with_strategy(minor_units(currency), ROUNDING)
}

/// Rounds an amount of money to its currency's minor units, half away from zero.
pub fn round_money(money: Money) -> Money {
    Money::new(round_amount(money.amount, money.currency), money.currency)
}

/// Rounds a percentage to [`PERCENT_PLACES`] decimal places, half away from zero.
pub fn round_percent(percent: Decimal) -> Decimal {
    percent.round_dp_with_strategy(PERCENT_PLACES, ROUNDING)
}

/// The sum of `amounts`, all in `currency`; zero for none.
///
/// The sum is exact, so it does not depend on the order of the amounts.
///
/// # Errors
///
/// [`MoneyError::CurrencyMismatch`] on the first amount in another
/// currency; [`MoneyError::Overflow`] when the sum does not fit a `Decimal`.
pub fn sum<'a>(
    currency: Currency,
    amounts: impl IntoIterator<Item = &'a Money>,
) -> Result<Money, MoneyError> {
    amounts
        .into_iter()
        .try_fold(zero(currency), |acc, m| acc.try_add(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(s: &str) -> Money {
        Money::new(s.parse().unwrap_or_default(), Currency::USD)
    }

    #[test]
    fn overflow_is_an_error() {
        let max = Money::new(Decimal::MAX, Currency::USD);
        assert!(matches!(
            max.try_add(&usd("1")),
            Err(MoneyError::Overflow {
                operation: Operation::Add,
                ..
            })
        ));
        assert!(matches!(
            Money::new(Decimal::MIN, Currency::USD).try_sub(&usd("1")),
            Err(MoneyError::Overflow { .. })
        ));
        assert!(max.try_mul(Decimal::TWO).is_err());
        assert!(max.try_div(Decimal::new(1, 10)).is_err());
    }

    #[test]
    fn division_rounds_half_away_from_zero() {
        assert_eq!(
            usd("16000000")
                .try_div(Decimal::from(41))
                .map(|m| m.to_string()),
            Ok("USD 390243.90".to_owned())
        );
        assert_eq!(
            usd("0.25")
                .try_div(Decimal::TWO)
                .map(|m| m.amount.to_string()),
            Ok("0.13".to_owned())
        );
        assert!(matches!(
            usd("1").try_div(Decimal::ZERO),
            Err(MoneyError::DivisionByZero { .. })
        ));
    }

    #[test]
    fn sum_rejects_other_currencies() {
        let chf = Money::new(Decimal::ONE, Currency::CHF);
        assert!(sum(Currency::USD, [&usd("1"), &chf]).is_err());
        assert_eq!(
            sum(Currency::USD, [&usd("1"), &usd("2.50")]),
            Ok(usd("3.50"))
        );
        assert_eq!(sum(Currency::EUR, []), Ok(zero(Currency::EUR)));
    }

    #[test]
    fn messages_say_what_to_do() {
        let e = usd("1")
            .try_add(&Money::new(Decimal::ONE, Currency::EUR))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("USD and EUR"), "{e}");
        assert!(e.contains("ExchangeRate"), "{e}");
    }

    #[test]
    fn percent_rounding() {
        assert_eq!(
            round_percent("12.345".parse().unwrap_or_default()).to_string(),
            "12.35"
        );
        assert_eq!(
            round_percent("12.335".parse().unwrap_or_default()).to_string(),
            "12.34"
        );
    }
}
