//! Disaggregation (format 1.1): the dimensions a plan declares (sex, age
//! group, country…) and the splits of an observed value or a target along
//! them.

use crate::{DimensionCode, DimensionId, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// A dimension along which values are split, with the values it takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Dimension {
    /// Stable id, named by splits.
    pub id: DimensionId,
    /// Its name.
    pub name: Text,
    /// What kind of dimension; for `country`, every code is an ISO 3166-1
    /// alpha-2 code.
    pub kind: DimensionKind,
    /// The values it takes.
    #[serde(deserialize_with = "crate::text::non_empty_vec")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub values: Vec<DimensionValue>,
}

impl Dimension {
    /// Creates a `Dimension` from its required members and its first value.
    ///
    /// ```
    /// use actionplan_model::{Dimension, DimensionKind};
    /// let sex: Dimension = serde_json::from_str(r#"{
    ///   "id": "sex", "name": {"en": "Sex"}, "kind": "sex",
    ///   "values": [{"code": "female"}, {"code": "male"}]
    /// }"#)?;
    /// assert_eq!(sex.kind, DimensionKind::Sex);
    /// assert!(sex.value(&"female".parse().unwrap()).is_some());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(id: DimensionId, name: Text, kind: DimensionKind, value: DimensionValue) -> Self {
        Dimension {
            id,
            name,
            kind,
            values: vec![value],
        }
    }

    /// The declared value with code `code` (a search of this dimension's values).
    pub fn value(&self, code: &DimensionCode) -> Option<&DimensionValue> {
        self.values.iter().find(|v| &v.code == code)
    }
}

/// Kinds of disaggregation dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DimensionKind {
    /// Sex (female, male…).
    Sex,
    /// Age groups (15-24, 25+…).
    AgeGroup,
    /// Countries, by ISO 3166-1 alpha-2 code.
    Country,
    /// Regions.
    Region,
    /// A dimension of the tool's own.
    Other,
}

/// One value of a dimension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DimensionValue {
    /// Its code, named by splits (`female`, `15-24`, `BR`).
    pub code: DimensionCode,
    /// Its name, where the code does not say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
}

impl DimensionValue {
    /// Creates a `DimensionValue` from its required members: `code`.
    pub fn new(code: DimensionCode) -> Self {
        DimensionValue { code, name: None }
    }
}

/// A value split along one dimension: `{"dimension": "sex", "values":
/// {"female": "4", "male": "3"}}`. The parts add up to the value they split
/// (rule AP027, `split_sum`, for counts and money; shares of a percentage
/// do not add up and are not summed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Split {
    /// The dimension, by id.
    pub dimension: DimensionId,
    /// The part for each value of the dimension, by code.
    #[serde(with = "parts")]
    #[cfg_attr(feature = "schema", schemars(with = "parts::PartsSchema"))]
    pub values: BTreeMap<DimensionCode, Decimal>,
}

impl Split {
    /// Creates a `Split` along `dimension` with no parts yet.
    pub fn new(dimension: DimensionId) -> Self {
        Split {
            dimension,
            values: BTreeMap::new(),
        }
    }

    /// The sum of the parts; `None` on overflow.
    pub fn total(&self) -> Option<Decimal> {
        self.values
            .values()
            .try_fold(Decimal::ZERO, |sum, v| sum.checked_add(*v))
    }
}

/// The parts of a split as a JSON object of decimal strings.
mod parts {
    use super::{
        BTreeMap, Decimal, Deserialize, Deserializer, DimensionCode, Serialize, Serializer,
    };

    #[derive(Serialize, Deserialize)]
    #[serde(transparent)]
    struct Part(#[serde(with = "crate::wire::decimal")] Decimal);

    pub(super) fn serialize<S: Serializer>(
        v: &BTreeMap<DimensionCode, Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(v.iter().map(|(k, d)| (k, Part(*d))))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<DimensionCode, Decimal>, D::Error> {
        let parts = BTreeMap::<DimensionCode, Part>::deserialize(d)?;
        if parts.is_empty() {
            return Err(serde::de::Error::custom(
                "a split names at least one value of its dimension",
            ));
        }
        Ok(parts.into_iter().map(|(k, Part(v))| (k, v)).collect())
    }

    #[cfg(feature = "schema")]
    pub(super) struct PartsSchema;

    #[cfg(feature = "schema")]
    impl schemars::JsonSchema for PartsSchema {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "SplitParts".into()
        }
        fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
            let decimal = g.subschema_for::<crate::wire::decimal::DecimalSchema>();
            schemars::json_schema!({
                "type": "object",
                "description": "The part for each value of the dimension, keyed by the value's code; each part is a decimal string.",
                "propertyNames": { "pattern": crate::ID_PATTERN },
                "additionalProperties": decimal,
                "minProperties": 1
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_round_trips_and_totals_its_parts() {
        let text = r#"{"dimension":"sex","values":{"female":"4","male":"3.5"}}"#;
        let s: Split = serde_json::from_str(text).unwrap();
        assert_eq!(s.total(), Some(Decimal::new(75, 1)));
        assert_eq!(serde_json::to_string(&s).unwrap(), text);
    }

    #[test]
    fn a_split_refuses_numbers_empty_parts_and_bad_codes() {
        for bad in [
            r#"{"dimension":"sex","values":{"female":4}}"#,
            r#"{"dimension":"sex","values":{}}"#,
            r#"{"dimension":"sex","values":{"fe male":"4"}}"#,
        ] {
            assert!(serde_json::from_str::<Split>(bad).is_err(), "{bad}");
        }
    }
}
