//! Baselines (format 1.1 adds the dated form): the figure an indicator
//! starts from, when it was that figure, and where it comes from — like
//! IATI's `baseline` with `@iso-date` and `comment`.

use crate::{DateOrMonth, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The figure a count or percentage starts from.
///
/// On the wire it is either the bare 1.0 form, a decimal string (`"8"`),
/// or an object with the value and its date, and optionally a comment and a
/// source: `{"value": "8", "date": "2015-12", "comment": {…}, "source": {…}}`.
/// A baseline with nothing but its value is written in the bare form, so
/// 1.0 files are written back unchanged.
///
/// The date matters to evaluation: an indicator's time-elapsed clock starts
/// at its baseline's date when the indicator has no span of its own.
///
/// ```
/// use actionplan_model::Baseline;
/// let bare: Baseline = serde_json::from_str(r#""8""#)?;
/// assert_eq!(bare.value.to_string(), "8");
/// assert_eq!(bare.date, None);
/// let dated: Baseline = serde_json::from_str(r#"{"value": "12.5", "date": "2016-06"}"#)?;
/// assert_eq!(dated.date.map(|d| d.to_string()).as_deref(), Some("2016-06"));
/// assert_eq!(serde_json::to_string(&bare)?, r#""8""#);
/// assert_eq!(serde_json::to_string(&dated)?, r#"{"value":"12.5","date":"2016-06"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Baseline {
    /// The figure.
    pub value: Decimal,
    /// When it was that figure (required in the object form).
    pub date: Option<DateOrMonth>,
    /// A comment on the figure.
    pub comment: Option<Text>,
    /// Where the figure comes from.
    pub source: Option<Text>,
}

impl Baseline {
    /// A baseline of `value` with no date, comment or source (the 1.0 form).
    pub fn new(value: Decimal) -> Self {
        Baseline {
            value,
            date: None,
            comment: None,
            source: None,
        }
    }

    /// A baseline of `value` as of `date`.
    pub fn dated(value: Decimal, date: DateOrMonth) -> Self {
        Baseline {
            date: Some(date),
            ..Baseline::new(value)
        }
    }

    /// Whether only the value is given, so that the bare 1.0 form holds it.
    pub fn is_bare(&self) -> bool {
        self.date.is_none() && self.comment.is_none() && self.source.is_none()
    }
}

impl From<Decimal> for Baseline {
    fn from(value: Decimal) -> Self {
        Baseline::new(value)
    }
}

/// The object form on the wire.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "DatedBaseline"))]
#[serde(deny_unknown_fields)]
struct BaselineObject {
    /// The figure.
    #[serde(with = "crate::wire::decimal")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::wire::decimal::DecimalSchema")
    )]
    value: Decimal,
    /// When it was that figure: a day (YYYY-MM-DD) or a month (YYYY-MM).
    date: DateOrMonth,
    /// A comment on the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<Text>,
    /// Where the figure comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<Text>,
}

/// The object form of a baseline built in code without a date: written
/// with the members it has; the interchange writer's schema check then
/// refuses it at its pointer, because a dated baseline needs its date.
#[derive(Serialize)]
struct UndatedObject<'a> {
    #[serde(with = "crate::wire::decimal")]
    value: &'a Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: &'a Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: &'a Option<Text>,
}

impl Serialize for Baseline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.date {
            _ if self.is_bare() => crate::wire::decimal::serialize(&self.value, s),
            Some(date) => BaselineObject {
                value: self.value,
                date,
                comment: self.comment.clone(),
                source: self.source.clone(),
            }
            .serialize(s),
            None => UndatedObject {
                value: &self.value,
                comment: &self.comment,
                source: &self.source,
            }
            .serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Baseline {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Baseline;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    r#"a baseline: a decimal string such as "8", or {"value": "8", "date": "2015-12"}"#,
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Baseline, E> {
                crate::parse_decimal(v)
                    .map(Baseline::new)
                    .map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Baseline, A::Error> {
                let o =
                    BaselineObject::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Baseline {
                    value: o.value,
                    date: Some(o.date),
                    comment: o.comment,
                    source: o.source,
                })
            }
        }
        d.deserialize_any(Visit)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Baseline {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Baseline".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let bare = g.subschema_for::<crate::wire::decimal::DecimalSchema>();
        let dated = g.subschema_for::<BaselineObject>();
        schemars::json_schema!({
            "description": "The figure at the start: a decimal string (\"8\"), or an object with the value, its date (a day or a month), and optionally a comment and a source.",
            "anyOf": [bare, dated]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_object_form_needs_its_date_and_refuses_numbers_and_unknown_members() {
        for bad in [
            r#"{"value": "8"}"#,
            "8",
            r#"{"value": 8, "date": "2016-01"}"#,
            r#"{"value": "8", "date": "2016-01", "year": 2016}"#,
            r#""8.""#,
        ] {
            assert!(serde_json::from_str::<Baseline>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn comment_and_source_round_trip() {
        let text = r#"{"value":"12","date":"2016-06-30","comment":{"en":"Survey of 2016"},"source":{"en":"ILO"}}"#;
        let b: Baseline = serde_json::from_str(text).unwrap();
        assert_eq!(
            b.comment.as_ref().and_then(|c| c.get(crate::Language::En)),
            Some("Survey of 2016")
        );
        assert_eq!(serde_json::to_string(&b).unwrap(), text);
    }
}
