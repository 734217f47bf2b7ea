//! Wire helpers: dates as `YYYY-MM-DD` strings whatever `time` features the
//! build turned on, and policy decimals read in the exchange grammar.

use actionplan_model::{format_date, parse_date, parse_decimal};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};
use time::Date;

/// `time::Date` as `YYYY-MM-DD`.
pub(crate) mod date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(*d))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        parse_date(&s).map_err(serde::de::Error::custom)
    }

    /// The same for `Option<Date>`.
    pub(crate) mod option {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.serialize_str(&format_date(*d)),
                None => s.serialize_none(),
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Date>, D::Error> {
            let s = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
            s.map(|s| parse_date(&s).map_err(serde::de::Error::custom))
                .transpose()
        }
    }
}

/// `Decimal` as a string in the exchange grammar (no exponent, no `+`).
pub(crate) mod decimal {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        parse_decimal(&s).map_err(serde::de::Error::custom)
    }
}
