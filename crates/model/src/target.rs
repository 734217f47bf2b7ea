//! Targets over time (format 1.1): dated targets — a target per period in
//! IATI's sense — and how an indicator's values add up over its periods.

use crate::{Split, YearMonth};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A target due by the end of a month: "3 by 2017-12".
///
/// Its value is read like the measure's own `target`: a count's value is
/// absolute or additional per its `target_mode`; a money target's value is
/// in the currency of the measure's target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DatedTarget {
    /// The figure to reach.
    #[serde(with = "crate::wire::decimal")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::wire::decimal::DecimalSchema")
    )]
    pub value: Decimal,
    /// The month by whose end it is due.
    pub by: YearMonth,
    /// The target split by dimensions the plan declares; each split adds up
    /// to `value`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaggregation: Vec<Split>,
}

impl DatedTarget {
    /// Creates a `DatedTarget` from its required members: `value`, `by`.
    ///
    /// Optional members start empty; set them through the public fields.
    ///
    /// ```
    /// use actionplan_model::DatedTarget;
    /// let t: DatedTarget = serde_json::from_str(r#"{"value": "3", "by": "2017-12"}"#)?;
    /// assert_eq!(t.by.last_day().to_string(), "2017-12-31");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(value: Decimal, by: YearMonth) -> Self {
        DatedTarget {
            value,
            by,
            disaggregation: Vec::new(),
        }
    }
}

/// How an indicator's values add up over its periods.
///
/// With one target and observations at points in time (every 1.0 file),
/// the three modes agree: the latest value is compared with the target.
/// They differ once targets or observations are given per period; the
/// crate `actionplan-indicators` documents the rule with worked examples.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cumulation {
    /// Each target includes the earlier ones, and values are running totals;
    /// observations given per period are summed from the start (the default).
    #[default]
    Cumulative,
    /// Each period counts on its own: the standing against a target is the
    /// sum of the observations within that target's period.
    PerPeriod,
    /// Non-summing: the latest value is the standing (a rate, a share).
    Level,
}

impl Cumulation {
    /// Whether this is the default, which the writer leaves out.
    pub fn is_default(&self) -> bool {
        *self == Cumulation::default()
    }

    /// The `snake_case` name.
    pub fn as_str(self) -> &'static str {
        match self {
            Cumulation::Cumulative => "cumulative",
            Cumulation::PerPeriod => "per_period",
            Cumulation::Level => "level",
        }
    }
}
