//! Serialization helpers: dates as `YYYY-MM-DD` and decimals as strings,
//! whatever features other crates in the graph turn on for `time` or
//! `rust_decimal`.

use serde::Serializer;

/// `time::Date` as `YYYY-MM-DD`.
pub(crate) mod date {
    use super::*;
    use time::Date;

    pub(crate) fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&actionplan_model::format_date(*d))
    }

    /// The same for `Option<Date>`.
    pub(crate) mod option {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }
    }
}

/// `Decimal` as a decimal string.
pub(crate) mod decimal {
    use super::*;
    use rust_decimal::Decimal;

    pub(crate) fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    /// The same for `Option<Decimal>`.
    pub(crate) mod option {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(
            d: &Option<Decimal>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.collect_str(d),
                None => s.serialize_none(),
            }
        }
    }
}
