//! ISO 4217 minor units: how many decimal places an amount of a currency has.
//!
//! The table covers the currencies in which the ILO budgets, receives
//! voluntary contributions or pays in its field offices. A code that is not
//! in the table is assumed to have [`DEFAULT_MINOR_UNITS`] (two) decimal
//! places, which is right for most currencies; [`known_minor_units`] tells a
//! caller whether the value came from the table.

use actionplan_model::Currency;
use rust_decimal::Decimal;

/// Minor units assumed for a currency that is not in the table: two, as for
/// USD, EUR and CHF.
pub const DEFAULT_MINOR_UNITS: u32 = 2;

/// ISO 4217 codes with a number of minor units other than two.
const NOT_TWO: &[(&str, u32)] = &[
    // No minor unit.
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("ISK", 0),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("PYG", 0),
    ("RWF", 0),
    ("UGX", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
    // Three decimal places.
    ("BHD", 3),
    ("IQD", 3),
    ("JOD", 3),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("TND", 3),
];

/// ISO 4217 codes with two minor units that the table knows.
const TWO: &[&str] = &[
    "AED", "AMD", "ARS", "AUD", "AZN", "BDT", "BGN", "BOB", "BRL", "BWP", "CAD", "CHF", "CNY",
    "COP", "CZK", "DKK", "DZD", "EGP", "ETB", "EUR", "FJD", "GBP", "GEL", "GHS", "GTQ", "HNL",
    "HTG", "HUF", "IDR", "ILS", "INR", "JMD", "KES", "KGS", "KHR", "KZT", "LAK", "LBP", "LKR",
    "MAD", "MGA", "MMK", "MNT", "MWK", "MXN", "MZN", "NAD", "NGN", "NOK", "NPR", "NZD", "PEN",
    "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RUB", "SAR", "SEK", "SGD", "THB", "TJS", "TRY",
    "TZS", "UAH", "USD", "UYU", "UZS", "XCD", "ZAR", "ZMW",
];

/// The number of minor units of `currency` if the table knows it.
///
/// ```
/// use actionplan_funding::known_minor_units;
/// use actionplan_model::Currency;
/// assert_eq!(known_minor_units(Currency::USD), Some(2));
/// assert_eq!(known_minor_units("JPY".parse()?), Some(0));
/// assert_eq!(known_minor_units("KWD".parse()?), Some(3));
/// assert_eq!(known_minor_units("ZZZ".parse()?), None);
/// # Ok::<(), actionplan_model::CurrencyError>(())
/// ```
pub fn known_minor_units(currency: Currency) -> Option<u32> {
    let code = currency.as_str();
    if let Some((_, units)) = NOT_TWO.iter().find(|(c, _)| *c == code) {
        return Some(*units);
    }
    TWO.contains(&code).then_some(2)
}

/// The number of minor units of `currency`: from the table, or
/// [`DEFAULT_MINOR_UNITS`] for a code the table does not know.
pub fn minor_units(currency: Currency) -> u32 {
    known_minor_units(currency).unwrap_or(DEFAULT_MINOR_UNITS)
}

/// One minor unit of `currency` as an amount: `0.01` for USD, `1` for JPY.
pub fn minor_unit(currency: Currency) -> Decimal {
    Decimal::new(1, minor_units(currency))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_disjoint() {
        assert!(TWO.windows(2).all(|w| w[0] < w[1]));
        for (code, _) in NOT_TWO {
            assert!(!TWO.contains(code), "{code} is in both tables");
        }
    }

    #[test]
    fn minor_unit_values() {
        assert_eq!(minor_unit(Currency::USD).to_string(), "0.01");
        let jpy: Currency = "JPY".parse().unwrap_or(Currency::USD);
        assert_eq!(minor_unit(jpy).to_string(), "1");
    }
}
