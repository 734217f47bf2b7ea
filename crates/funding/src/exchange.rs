//! Conversion between currencies, only through an explicit, dated and
//! sourced [`ExchangeRate`].
//!
//! # Rule
//!
//! `convert` multiplies by the rate and rounds the result to the target
//! currency's minor units, half away from zero; `convert_back` divides by
//! the same rate and rounds to the source currency's minor units.
//!
//! # Round-trip bound
//!
//! Converting an amount `x` of currency A to B and back gives `x'` with
//!
//! ```text
//! |x' − x| ≤ ½·u(A) + ½·u(B) ÷ rate + 10⁻¹⁰·u(A)
//! ```
//!
//! where `u(C)` is one minor unit of C (0.01 for USD). The first term is the
//! rounding back to A, the second the rounding to B seen through the rate,
//! the last a margin for `Decimal`'s 28 significant digits, valid for
//! amounts below 10¹⁵ in magnitude. [`ExchangeRate::round_trip_bound`]
//! computes it.

use crate::currency::minor_unit;
use crate::money::{MoneyError, Operation, round_money};
use actionplan_model::{Currency, Money, format_date, parse_date, parse_decimal};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::Date;

/// A rate to convert `from` into `to`: one unit of `from` is worth `rate`
/// units of `to`, as of a date and according to a source.
///
/// On the wire: `{"from": "CHF", "to": "USD", "rate": "1.0142",
/// "as_of": "2016-07-31", "source": "UN operational rates of exchange"}`.
///
/// ```
/// use actionplan_funding::ExchangeRate;
/// use actionplan_model::{Currency, Decimal, Money};
/// use time::macros::date;
///
/// let rate = ExchangeRate::new(
///     Currency::CHF, Currency::USD, "1.0142".parse()?, date!(2016-07-31),
///     "UN operational rates of exchange",
/// )?;
/// let chf = Money::new(Decimal::from(1_000_000), Currency::CHF);
/// let usd = rate.convert(chf)?;
/// assert_eq!(usd.to_string(), "USD 1014200.00");
/// assert_eq!(rate.convert_back(usd)?.amount, chf.amount);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeRate {
    from: Currency,
    to: Currency,
    rate: Decimal,
    as_of: Date,
    source: String,
}

impl ExchangeRate {
    /// A rate from `from` to `to`, as of a date, according to `source`.
    ///
    /// # Errors
    ///
    /// [`MoneyError::SameCurrency`] when `from` and `to` are the same;
    /// [`MoneyError::RateNotPositive`] when `rate` is zero or negative;
    /// [`MoneyError::MissingSource`] when `source` is blank.
    pub fn new(
        from: Currency,
        to: Currency,
        rate: Decimal,
        as_of: Date,
        source: impl Into<String>,
    ) -> Result<Self, MoneyError> {
        let source = source.into();
        if from == to {
            return Err(MoneyError::SameCurrency(from));
        }
        if rate <= Decimal::ZERO {
            return Err(MoneyError::RateNotPositive { rate, from, to });
        }
        if source.trim().is_empty() {
            return Err(MoneyError::MissingSource { from, to });
        }
        Ok(ExchangeRate {
            from,
            to,
            rate,
            as_of,
            source,
        })
    }

    /// The currency converted from.
    pub fn from(&self) -> Currency {
        self.from
    }

    /// The currency converted to.
    pub fn to(&self) -> Currency {
        self.to
    }

    /// Units of `to` per unit of `from`.
    pub fn rate(&self) -> Decimal {
        self.rate
    }

    /// The date the rate applies to.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Where the rate comes from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// `money` (in `from`) in `to`, rounded to `to`'s minor units half away
    /// from zero.
    ///
    /// # Errors
    ///
    /// [`MoneyError::RateCurrency`] when `money` is not in `from`;
    /// [`MoneyError::Overflow`] when the product does not fit a `Decimal`.
    pub fn convert(&self, money: Money) -> Result<Money, MoneyError> {
        if money.currency != self.from {
            return Err(MoneyError::RateCurrency {
                from: self.from,
                to: self.to,
                found: money.currency,
            });
        }
        let amount = money
            .amount
            .checked_mul(self.rate)
            .ok_or(MoneyError::Overflow {
                operation: Operation::Convert,
                left: money.amount,
                right: self.rate,
            })?;
        Ok(round_money(Money::new(amount, self.to)))
    }

    /// `money` (in `to`) back in `from`: divided by the rate, rounded to
    /// `from`'s minor units half away from zero.
    ///
    /// # Errors
    ///
    /// [`MoneyError::RateCurrency`] when `money` is not in `to`;
    /// [`MoneyError::Overflow`] when the quotient does not fit a `Decimal`.
    pub fn convert_back(&self, money: Money) -> Result<Money, MoneyError> {
        if money.currency != self.to {
            return Err(MoneyError::RateCurrency {
                from: self.to,
                to: self.from,
                found: money.currency,
            });
        }
        let amount = money
            .amount
            .checked_div(self.rate)
            .ok_or(MoneyError::Overflow {
                operation: Operation::Convert,
                left: money.amount,
                right: self.rate,
            })?;
        Ok(round_money(Money::new(amount, self.from)))
    }

    /// The rate the other way round (`1 ÷ rate`, to 28 significant digits),
    /// with the same date and source.
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] when `1 ÷ rate` does not fit a `Decimal`
    /// (a rate below about 1.3 × 10⁻²⁹ cannot be built, so in practice never).
    pub fn inverse(&self) -> Result<ExchangeRate, MoneyError> {
        let rate = Decimal::ONE
            .checked_div(self.rate)
            .ok_or(MoneyError::Overflow {
                operation: Operation::Divide,
                left: Decimal::ONE,
                right: self.rate,
            })?;
        ExchangeRate::new(self.to, self.from, rate, self.as_of, self.source.clone())
    }

    /// The documented bound on `|convert_back(convert(x)) − x|`, in `from`:
    /// `½·u(from) + ½·u(to) ÷ rate + 10⁻¹⁰·u(from)`.
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] when the bound does not fit a `Decimal` (a
    /// rate so small that `u(to) ÷ rate` overflows).
    pub fn round_trip_bound(&self) -> Result<Decimal, MoneyError> {
        let half = Decimal::new(5, 1);
        let u_from = minor_unit(self.from);
        let u_to = minor_unit(self.to);
        let overflow = || MoneyError::Overflow {
            operation: Operation::Divide,
            left: u_to,
            right: self.rate,
        };
        let through_rate = u_to
            .checked_div(self.rate)
            .and_then(|v| v.checked_mul(half))
            .ok_or_else(overflow)?;
        let margin = u_from
            .checked_mul(Decimal::new(1, 10))
            .ok_or_else(overflow)?;
        u_from
            .checked_mul(half)
            .and_then(|v| v.checked_add(through_rate))
            .and_then(|v| v.checked_add(margin))
            .ok_or_else(overflow)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    from: Currency,
    to: Currency,
    rate: String,
    as_of: String,
    source: String,
}

impl Serialize for ExchangeRate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Wire {
            from: self.from,
            to: self.to,
            rate: self.rate.to_string(),
            as_of: format_date(self.as_of),
            source: self.source.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for ExchangeRate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let w = Wire::deserialize(d)?;
        let rate = parse_decimal(&w.rate).map_err(D::Error::custom)?;
        let as_of = parse_date(&w.as_of).map_err(D::Error::custom)?;
        ExchangeRate::new(w.from, w.to, rate, as_of, w.source).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn rate(from: Currency, to: Currency, r: &str) -> Result<ExchangeRate, MoneyError> {
        ExchangeRate::new(
            from,
            to,
            r.parse().unwrap_or_default(),
            date!(2016 - 07 - 31),
            "test",
        )
    }

    #[test]
    fn invalid_rates_are_refused() {
        assert_eq!(
            rate(Currency::USD, Currency::USD, "1"),
            Err(MoneyError::SameCurrency(Currency::USD))
        );
        assert!(matches!(
            rate(Currency::USD, Currency::CHF, "0"),
            Err(MoneyError::RateNotPositive { .. })
        ));
        assert!(matches!(
            rate(Currency::USD, Currency::CHF, "-1"),
            Err(MoneyError::RateNotPositive { .. })
        ));
        assert!(matches!(
            ExchangeRate::new(
                Currency::USD,
                Currency::CHF,
                Decimal::ONE,
                date!(2016 - 07 - 31),
                " "
            ),
            Err(MoneyError::MissingSource { .. })
        ));
    }

    #[test]
    fn wrong_currency_is_refused() {
        let r = rate(Currency::CHF, Currency::USD, "1.02");
        let usd = Money::new(Decimal::ONE, Currency::USD);
        assert!(matches!(
            r.as_ref().map(|r| r.convert(usd)),
            Ok(Err(MoneyError::RateCurrency { .. }))
        ));
    }

    #[test]
    fn rounding_half_away_from_zero() {
        // 0.5 CHF × 0.25 = 0.125 USD → 0.13
        let r = rate(Currency::CHF, Currency::USD, "0.25");
        let m = Money::new("0.5".parse().unwrap_or_default(), Currency::CHF);
        assert_eq!(
            r.and_then(|r| r.convert(m)).map(|m| m.amount.to_string()),
            Ok("0.13".to_owned())
        );
    }

    #[test]
    fn wire_round_trip() {
        let json = r#"{"from":"CHF","to":"USD","rate":"1.0142","as_of":"2016-07-31","source":"UN operational rates of exchange"}"#;
        let r: Result<ExchangeRate, _> = serde_json::from_str(json);
        assert!(r.is_ok());
        let back = r.ok().and_then(|r| serde_json::to_string(&r).ok());
        assert_eq!(back.as_deref(), Some(json));
        let bad = r#"{"from":"CHF","to":"USD","rate":"-1","as_of":"2016-07-31","source":"x"}"#;
        assert!(serde_json::from_str::<ExchangeRate>(bad).is_err());
        let float = r#"{"from":"CHF","to":"USD","rate":1.5,"as_of":"2016-07-31","source":"x"}"#;
        assert!(serde_json::from_str::<ExchangeRate>(float).is_err());
    }

    #[test]
    fn bound_value() {
        let r = rate(Currency::CHF, Currency::USD, "2");
        // ½·0.01 + ½·0.01 ÷ 2 + 10⁻¹²
        assert_eq!(
            r.and_then(|r| r.round_trip_bound())
                .map(|b| b.normalize().to_string()),
            Ok("0.007500000001".to_owned())
        );
    }
}
