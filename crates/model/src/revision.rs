//! Revisions (format 1.1): the Governing Body or the Office moves a
//! deadline or changes a target. The history is kept, never overwritten:
//! evaluation as of a date uses the values in force at that date.

use crate::{DateOrMonth, Evidence, IndicatorId, RevisionId, SessionId, Text, YearMonth};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A change to an indicator's deadline, its target, or both, with the date
/// it takes effect, the decision or document that made it, and why.
///
/// A revision applies from the first day of `effective` (a month means its
/// first day). The indicator keeps its original deadline and target; a
/// revision in force replaces them for evaluation, and a report shows
/// "revised from 12/2019 (GB.337)".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Revision {
    /// Stable id.
    pub id: RevisionId,
    /// The indicator revised.
    pub indicator: IndicatorId,
    /// The new deadline, where the revision moves it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<YearMonth>,
    /// The new target, where the revision changes it: read like the
    /// measure's `target` (or the dated target named by `target_by`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::decimal::option"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::decimal::DecimalSchema>")
    )]
    pub target: Option<Decimal>,
    /// Which dated target the new target replaces, by its `by` month; the
    /// measure's final target where absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_by: Option<YearMonth>,
    /// When it takes effect (a month means its first day).
    pub effective: DateOrMonth,
    /// The session whose decision made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<SessionId>,
    /// The document that made or records it, by symbol (`GB.331/INS/4`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::text::non_empty_string_option"
    )]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub document: Option<String>,
    /// Why.
    pub rationale: Text,
    /// Documents that support it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Revision {
    /// Creates a `Revision` from its required members: `id`, `indicator`,
    /// `effective`, `rationale`. Set `deadline` and/or `target`, and
    /// `decided_at` and/or `document`, through the public fields.
    ///
    /// ```
    /// use actionplan_model::Revision;
    /// let r: Revision = serde_json::from_str(r#"{
    ///   "id": "moved-handbook", "indicator": "handbook-published",
    ///   "deadline": "2020-06", "effective": "2019-10-15",
    ///   "decided_at": "gb-337", "document": "GB.337/INS/5",
    ///   "rationale": {"en": "Translation of the handbook took longer than planned."}
    /// }"#)?;
    /// assert_eq!(r.deadline.map(|d| d.to_string()).as_deref(), Some("2020-06"));
    /// use actionplan_model::parse_date;
    /// assert!(r.in_force_on(parse_date("2019-10-15").unwrap()));
    /// assert!(!r.in_force_on(parse_date("2019-09-30").unwrap()));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(
        id: RevisionId,
        indicator: IndicatorId,
        effective: DateOrMonth,
        rationale: Text,
    ) -> Self {
        Revision {
            id,
            indicator,
            deadline: None,
            target: None,
            target_by: None,
            effective,
            decided_at: None,
            document: None,
            rationale,
            evidence: Vec::new(),
        }
    }

    /// Whether the revision is in force on `date` (from the first day of
    /// `effective`).
    pub fn in_force_on(&self, date: time::Date) -> bool {
        date >= self.effective.earliest()
    }
}
