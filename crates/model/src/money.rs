//! Amounts of money as they appear in a plan: an exact amount and its currency.
//! Arithmetic on money lives in `actionplan-funding`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217 alphabetic currency code such as `USD` or `CHF`.
///
/// ```
/// use actionplan_model::Currency;
/// let usd: Currency = "USD".parse()?;
/// assert_eq!(usd.as_str(), "USD");
/// assert!("usd".parse::<Currency>().is_err());
/// # Ok::<(), actionplan_model::CurrencyError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

/// A currency code was not three upper-case ASCII letters.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a currency code: write three upper-case letters of ISO 4217, e.g. USD")]
pub struct CurrencyError(pub String);

impl Currency {
    /// United States dollar, the currency of the ILO's budget figures.
    pub const USD: Currency = Currency(*b"USD");
    /// Swiss franc.
    pub const CHF: Currency = Currency(*b"CHF");
    /// Euro.
    pub const EUR: Currency = Currency(*b"EUR");

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // The bytes are checked ASCII upper-case letters on construction.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl std::str::FromStr for Currency {
    type Err = CurrencyError;
    fn from_str(s: &str) -> Result<Self, CurrencyError> {
        let b = s.as_bytes();
        if let &[x, y, z] = b
            && b.iter().all(u8::is_ascii_uppercase)
        {
            Ok(Currency([x, y, z]))
        } else {
            Err(CurrencyError(s.to_owned()))
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Currency {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Currency".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "ISO 4217 alphabetic currency code, e.g. USD."
        })
    }
}

/// An exact amount in one currency: `{"amount": "84000000", "currency": "USD"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Money {
    /// The amount, as a decimal string.
    #[serde(with = "crate::wire::decimal")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::wire::decimal::DecimalSchema")
    )]
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// `amount` in `currency`.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }
}

impl fmt::Display for Money {
    /// `USD 84000000`: the code first, the amount as stored.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency, self.amount)
    }
}
