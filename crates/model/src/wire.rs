//! Serde helpers for the two scalar shapes the exchange format fixes, for
//! use with `#[serde(with = "…")]` in this crate and in any crate that
//! serializes its own results (evaluations, funding overviews):
//!
//! * [`date`]: `time::Date` as `"YYYY-MM-DD"`, whatever `time` features
//!   other crates in the build turn on (without them `time` writes
//!   `[2016,213]`);
//! * [`decimal`]: `rust_decimal::Decimal` as a string in the exchange
//!   grammar of [`parse_decimal`](crate::parse_decimal), never through `f64`;
//! * [`figure`]: a computed `Decimal` in a result (evaluations, funding
//!   overviews), in the same shape at any length a `Decimal` holds
//!   ([`parse_figure`](crate::parse_figure)), so that a result written reads
//!   back unchanged.
//!
//! No type in these crates reads a decimal any other way: `rust_decimal`
//! is built without its `serde` feature, so a `Decimal` field without one of
//! these helpers does not compile, and neither does this:
//!
//! ```compile_fail
//! // `Decimal` has no `Deserialize` of its own, which would read JSON
//! // numbers through `f64`.
//! let d: actionplan_model::Decimal = serde_json::from_str("0.1").unwrap();
//! ```
//!
//! ```
//! use actionplan_model::Decimal;
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Figure {
//!     #[serde(with = "actionplan_model::wire::decimal")]
//!     value: Decimal,
//!     #[serde(with = "actionplan_model::wire::date::option")]
//!     on: Option<time::Date>,
//! }
//! let f: Figure = serde_json::from_str(r#"{"value": "84000000.00", "on": "2015-08-15"}"#)?;
//! assert_eq!(serde_json::to_string(&f)?, r#"{"value":"84000000.00","on":"2015-08-15"}"#);
//! assert!(serde_json::from_str::<Figure>(r#"{"value": 84000000, "on": null}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

/// `time::Date` as `YYYY-MM-DD`.
pub mod date {
    use crate::{format_date, parse_date};
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    /// Writes `YYYY-MM-DD`.
    ///
    /// # Errors
    ///
    /// Only those of the serializer `s`.
    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(*d))
    }

    /// Reads a strict `YYYY-MM-DD` date that exists.
    ///
    /// # Errors
    ///
    /// The deserializer's error if the value is not a string, or it is not a date in `YYYY-MM-DD` that exists.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        parse_date(&s).map_err(serde::de::Error::custom)
    }

    /// The same for `Option<Date>` (`null` reads as `None`).
    pub mod option {
        use super::{Date, Deserialize, Deserializer, Serializer, parse_date};

        /// Writes `YYYY-MM-DD` or `null`.
        ///
        /// # Errors
        ///
        /// Only those of the serializer `s`.
        pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        /// Reads `YYYY-MM-DD` or `null`.
        ///
        /// # Errors
        ///
        /// The deserializer's error if the value is not a string or `null`, or it is not a date in `YYYY-MM-DD` that exists.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
            let s = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
            s.map(|s| parse_date(&s).map_err(serde::de::Error::custom))
                .transpose()
        }
    }

    /// Schema stand-in for a `time::Date` field.
    #[cfg(feature = "schema")]
    pub struct DateSchema;

    #[cfg(feature = "schema")]
    impl schemars::JsonSchema for DateSchema {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "Date".into()
        }
        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            schemars::json_schema!({
                "type": "string",
                "pattern": crate::DATE_PATTERN,
                "format": "date",
                "description": "An ISO 8601 calendar date, YYYY-MM-DD (e.g. 2016-07-31); the day must exist."
            })
        }
    }
}

/// `Decimal` as a string in the exchange grammar.
pub mod decimal {
    use crate::parse_decimal;
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Writes the decimal as a string, scale kept (`"84000000.00"`).
    ///
    /// # Errors
    ///
    /// Only those of the serializer `s`. A value built in code beyond the
    /// grammar's 29 characters is written as it is; the interchange writer
    /// validates a file before writing it and refuses it there, with the
    /// pointer to the value.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    /// Reads a string in the exchange grammar; a JSON number is refused.
    ///
    /// # Errors
    ///
    /// The deserializer's error if the value is not a string, or it is not a decimal in the exchange grammar.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        super::read::one(d, parse_decimal)
    }

    /// The same for `Option<Decimal>` (`null` reads as `None`).
    pub mod option {
        use super::{Decimal, Deserializer, Serializer, parse_decimal};

        /// Writes the decimal as a string, or `null`.
        ///
        /// # Errors
        ///
        /// Only those of the serializer `s`.
        pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        /// Reads a decimal string or `null`.
        ///
        /// # Errors
        ///
        /// The deserializer's error if the value is not a string or `null`, or it is not a decimal in the exchange grammar.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            super::super::read::option(d, parse_decimal)
        }
    }

    /// Schema stand-in for a `Decimal` field.
    #[cfg(feature = "schema")]
    pub struct DecimalSchema;

    #[cfg(feature = "schema")]
    impl schemars::JsonSchema for DecimalSchema {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "Decimal".into()
        }
        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            schemars::json_schema!({
                "type": "string",
                "pattern": crate::DECIMAL_PATTERN,
                "maxLength": crate::MAX_DECIMAL_LEN,
                "description": "An exact decimal written as a string, e.g. \"84000000\" or \"70\" or \"12.50\": optional `-`, no exponent, no `+`, no leading zeros, at most 29 characters. Never a JSON number."
            })
        }
    }
}

/// `Decimal` as a string, for computed figures in results (evaluations,
/// funding overviews): written exactly as computed, read back with
/// [`parse_figure`](crate::parse_figure) (the exchange grammar's shape at any
/// length a `Decimal` holds), never from a JSON number.
pub mod figure {
    use crate::parse_figure;
    use rust_decimal::Decimal;
    use serde::Deserializer;

    /// Writes are those of [`decimal`](super::decimal): the figure as
    /// computed, scale kept.
    pub use super::decimal::serialize;

    /// Reads a figure string; a JSON number or an exponent is refused.
    ///
    /// # Errors
    ///
    /// The deserializer's error if the value is not a string, or it is not a
    /// decimal figure that fits a `Decimal` exactly.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        super::read::one(d, parse_figure)
    }

    /// The same for `Option<Decimal>` (`null` reads as `None`).
    pub mod option {
        use super::{Decimal, Deserializer, parse_figure};

        /// Writes the figure as a string, or `null`.
        pub use crate::wire::decimal::option::serialize;

        /// Reads a figure string or `null`.
        ///
        /// # Errors
        ///
        /// As [`super::deserialize`], `null` aside.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            super::super::read::option(d, parse_figure)
        }
    }
}

/// Reading a decimal string: [`decimal`] and [`figure`] differ only in the
/// grammar `parse` checks.
mod read {
    use crate::DecimalError;
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer};
    use std::borrow::Cow;

    pub(super) fn one<'de, D: Deserializer<'de>>(
        d: D,
        parse: fn(&str) -> Result<Decimal, DecimalError>,
    ) -> Result<Decimal, D::Error> {
        let s = Cow::<'de, str>::deserialize(d)?;
        parse(&s).map_err(serde::de::Error::custom)
    }

    pub(super) fn option<'de, D: Deserializer<'de>>(
        d: D,
        parse: fn(&str) -> Result<Decimal, DecimalError>,
    ) -> Result<Option<Decimal>, D::Error> {
        let s = Option::<Cow<'de, str>>::deserialize(d)?;
        s.map(|s| parse(&s).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Figure {
        #[serde(with = "super::decimal::option")]
        value: Option<Decimal>,
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Computed {
        #[serde(with = "super::figure::option")]
        value: Option<Decimal>,
    }

    #[test]
    fn exchange_values_stay_in_the_grammar_and_computed_figures_read_back() {
        let max = crate::parse_decimal("9999999999999999999999999999").unwrap();
        let tiny = Decimal::new(1, 28); // 30 characters as text
        for (d, in_exchange_grammar) in [
            (max, true),
            (max + max, false), // 29 integer digits
            (tiny, false),
            (-tiny, false),
            (Decimal::MAX, false),
            (Decimal::MIN, false),
        ] {
            let text = serde_json::to_string(&Computed { value: Some(d) }).unwrap();
            let back: Computed = serde_json::from_str(&text).unwrap();
            assert_eq!(back.value, Some(d), "{text}");
            // An exchange file may not hold it beyond 29 characters.
            let exchange = serde_json::from_str::<Figure>(&text);
            assert_eq!(exchange.is_ok(), in_exchange_grammar, "{text}");
        }
        for number in ["0.5", "12", "5e-1"] {
            let json = format!(r#"{{"value": {number}}}"#);
            assert!(serde_json::from_str::<Computed>(&json).is_err(), "{json}");
            assert!(serde_json::from_str::<Figure>(&json).is_err(), "{json}");
        }
    }
}
