//! Amounts kept apart by currency: the shape of every total.
//!
//! A [`CurrencyTotals`] holds one exact sum per currency and never adds one
//! currency to another. To get one figure, convert explicitly with
//! [`CurrencyTotals::in_currency`] and a dated, sourced [`ExchangeRate`] per
//! foreign currency.

use crate::exchange::ExchangeRate;
use crate::money::{MoneyError, MoneyExt, Operation, round_money, zero};
use actionplan_model::{Currency, Money};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer, ser::SerializeMap};
use std::collections::{BTreeMap, HashMap};

/// One exact sum per currency, in currency-code order. Serialized as an
/// object from currency code to decimal string: `{"USD": "84000000"}`.
///
/// ```
/// use actionplan_funding::CurrencyTotals;
/// use actionplan_model::{Currency, Decimal, Money};
///
/// let mut totals = CurrencyTotals::new();
/// totals.add(Money::new(Decimal::from(5), Currency::USD))?;
/// totals.add(Money::new(Decimal::from(3), Currency::CHF))?;
/// totals.add(Money::new(Decimal::from(2), Currency::USD))?;
/// assert_eq!(totals.get(Currency::USD), Some(Money::new(Decimal::from(7), Currency::USD)));
/// assert_eq!(totals.single(), None); // two currencies: no single figure
/// assert_eq!(serde_json::to_string(&totals).unwrap(), r#"{"CHF":"3","USD":"7"}"#);
/// # Ok::<(), actionplan_funding::MoneyError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CurrencyTotals(BTreeMap<Currency, Decimal>);

impl CurrencyTotals {
    /// No amounts.
    pub fn new() -> Self {
        CurrencyTotals::default()
    }

    /// Adds `money` to the sum of its currency.
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] when the sum does not fit a `Decimal`; the
    /// totals are then left unchanged.
    pub fn add(&mut self, money: Money) -> Result<(), MoneyError> {
        let current = self
            .0
            .get(&money.currency)
            .copied()
            .unwrap_or(Decimal::ZERO);
        let sum = crate::money::exact_add(current, money.amount).ok_or(MoneyError::Overflow {
            operation: Operation::Add,
            left: current,
            right: money.amount,
        })?;
        self.0.insert(money.currency, sum);
        Ok(())
    }

    /// Adds every sum of `other`.
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] when a sum does not fit a `Decimal`; the
    /// totals may then hold part of `other`.
    pub fn merge(&mut self, other: &CurrencyTotals) -> Result<(), MoneyError> {
        other.iter().try_for_each(|m| self.add(m))
    }

    /// The sum in `currency`, if any amount in it was added.
    pub fn get(&self, currency: Currency) -> Option<Money> {
        self.0.get(&currency).map(|a| Money::new(*a, currency))
    }

    /// The sums, in currency-code order.
    pub fn iter(&self) -> impl Iterator<Item = Money> + '_ {
        self.0.iter().map(|(c, a)| Money::new(*a, *c))
    }

    /// The currencies present.
    pub fn currencies(&self) -> impl Iterator<Item = Currency> + '_ {
        self.0.keys().copied()
    }

    /// Whether no amount was added.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The one sum, when every amount was in one currency.
    pub fn single(&self) -> Option<Money> {
        let mut it = self.iter();
        match (it.next(), it.next()) {
            (Some(m), None) => Some(m),
            _ => None,
        }
    }

    /// All sums in `target`: sums in `target` as they are, every other one
    /// converted with the rate in `rates` from its currency to `target`.
    /// The products are exact and summed exactly; the total is rounded
    /// once, at the end, to `target`'s minor units half away from zero.
    /// For the dated rates a file states, see [`RateTable`](crate::RateTable)
    /// and [`totals_in`](crate::totals_in).
    ///
    /// # Errors
    ///
    /// [`MoneyError::NoRate`] when a currency other than `target` has no
    /// rate in `rates`: totals are never summed across currencies without
    /// one; [`MoneyError::Overflow`] when a conversion or the sum does not
    /// fit a `Decimal`.
    pub fn in_currency(
        &self,
        target: Currency,
        rates: &[ExchangeRate],
    ) -> Result<Money, MoneyError> {
        // The first rate for each pair answers, as a search would; the map
        // keeps the cost linear in rates plus currencies.
        let mut by_pair: HashMap<(Currency, Currency), &ExchangeRate> = HashMap::new();
        for r in rates {
            by_pair.entry((r.from(), r.to())).or_insert(r);
        }
        let mut total = zero(target);
        for m in self.iter() {
            let exact = if m.currency == target {
                m
            } else {
                let rate = by_pair
                    .get(&(m.currency, target))
                    .ok_or(MoneyError::NoRate {
                        from: m.currency,
                        to: target,
                    })?;
                let product = m
                    .amount
                    .checked_mul(rate.rate())
                    .ok_or(MoneyError::Overflow {
                        operation: Operation::Convert,
                        left: m.amount,
                        right: rate.rate(),
                    })?;
                Money::new(product, target)
            };
            total = total.try_add(&exact)?;
        }
        Ok(round_money(total))
    }
}

impl Serialize for CurrencyTotals {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (c, a) in &self.0 {
            map.serialize_entry(c.as_str(), &a.to_string())?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_leaves_totals_unchanged() {
        let mut t = CurrencyTotals::new();
        assert!(t.add(Money::new(Decimal::MAX, Currency::USD)).is_ok());
        assert!(t.add(Money::new(Decimal::ONE, Currency::USD)).is_err());
        assert_eq!(t.get(Currency::USD).map(|m| m.amount), Some(Decimal::MAX));
    }

    #[test]
    fn in_currency_rounds_once_at_the_end() {
        // CHF 0.004 at 1 USD per CHF plus USD 0.004: the exact 0.008 is
        // rounded once to USD 0.01 (rounding the converted term first would
        // lose it: 0.00 + 0.004).
        let mut t = CurrencyTotals::new();
        let _ = t.add(Money::new(Decimal::new(4, 3), Currency::CHF));
        let _ = t.add(Money::new(Decimal::new(4, 3), Currency::USD));
        let date = time::macros::date!(2016 - 07 - 31);
        let rates: Vec<ExchangeRate> =
            ExchangeRate::new(Currency::CHF, Currency::USD, Decimal::ONE, date, "test")
                .into_iter()
                .collect();
        assert_eq!(
            t.in_currency(Currency::USD, &rates)
                .map(|m| m.amount.to_string()),
            Ok("0.01".to_owned())
        );
    }

    #[test]
    fn in_currency_needs_rates() {
        let mut t = CurrencyTotals::new();
        let _ = t.add(Money::new(Decimal::from(10), Currency::USD));
        let _ = t.add(Money::new(Decimal::from(10), Currency::CHF));
        assert!(matches!(
            t.in_currency(Currency::USD, &[]),
            Err(MoneyError::NoRate { .. })
        ));
        let date = time::macros::date!(2016 - 07 - 31);
        let rate = ExchangeRate::new(
            Currency::CHF,
            Currency::USD,
            "1.02".parse().unwrap_or_default(),
            date,
            "UN operational rates of exchange",
        );
        let rates: Vec<ExchangeRate> = rate.into_iter().collect();
        assert_eq!(
            t.in_currency(Currency::USD, &rates)
                .map(|m| m.amount.to_string()),
            Ok("20.20".to_owned())
        );
    }
}
