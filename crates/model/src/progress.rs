//! Progress reports: what the Office says, as of a date, about each
//! indicator and deliverable, and the narrative around it.

use crate::{
    DateOrMonth, DeliverableId, Document, Evidence, Extensions, FootnoteId, IndicatorId,
    MeasureKind, Money, ReportId, SessionId, Span, Split, Status, Text,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A progress report on the plan as of a date ("Progress as of July 2016").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProgressReport {
    /// Stable id.
    pub id: ReportId,
    /// The date or month the report speaks as of.
    pub as_of: DateOrMonth,
    /// The session the report goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionId>,
    /// The document the report is published as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    /// Progress per indicator.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorProgress>,
    /// Progress stated for a deliverable as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<DeliverableProgress>,
    /// The numbered body of the report, section by section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<ReportSection>,
    /// Lessons learned, each tied to the paragraph that states it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lessons_learned: Vec<Remark>,
    /// Challenges met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: Vec<Remark>,
    /// Conclusions drawn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conclusions: Vec<Remark>,
    /// Footnotes that entries refer to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
    /// Tool-specific data.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl ProgressReport {
    /// Creates a `ProgressReport` from its required members: `id`, `as_of`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(id: ReportId, as_of: DateOrMonth) -> Self {
        ProgressReport {
            id,
            as_of,
            session: None,
            document: None,
            indicators: Vec::new(),
            deliverables: Vec::new(),
            sections: Vec::new(),
            lessons_learned: Vec::new(),
            challenges: Vec::new(),
            conclusions: Vec::new(),
            footnotes: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

impl ProgressReport {
    /// The entry for indicator `id`, if the report has one.
    pub fn indicator(&self, id: &IndicatorId) -> Option<&IndicatorProgress> {
        self.indicators.iter().find(|p| &p.indicator == id)
    }

    /// The entry for deliverable `id`, if the report has one.
    pub fn deliverable(&self, id: &DeliverableId) -> Option<&DeliverableProgress> {
        self.deliverables.iter().find(|p| &p.deliverable == id)
    }

    /// The footnote with id `id`.
    pub fn footnote(&self, id: &FootnoteId) -> Option<&Footnote> {
        self.footnotes.iter().find(|f| &f.id == id)
    }
}

/// What a report says about one indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct IndicatorProgress {
    /// The indicator.
    pub indicator: IndicatorId,
    /// The progress text as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<Text>,
    /// Measured values or completion, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<Observation>,
    /// What the report expects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<Forecast>,
    /// The status the Office asserts, where it asserts one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Footnotes attached to the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<FootnoteId>,
    /// Tool-specific data.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl IndicatorProgress {
    /// Creates an `IndicatorProgress` from its required members: `indicator`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(indicator: IndicatorId) -> Self {
        IndicatorProgress {
            indicator,
            narrative: None,
            observations: Vec::new(),
            forecast: None,
            status: None,
            footnotes: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

/// What a report says about a deliverable as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DeliverableProgress {
    /// The deliverable.
    pub deliverable: DeliverableId,
    /// The progress text as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<Text>,
    /// The status the Office asserts, where it asserts one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Footnotes attached to the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<FootnoteId>,
    /// Documents that verify it (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Tool-specific data.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl DeliverableProgress {
    /// Creates a `DeliverableProgress` from its required members: `deliverable`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(deliverable: DeliverableId) -> Self {
        DeliverableProgress {
            deliverable,
            narrative: None,
            status: None,
            footnotes: Vec::new(),
            evidence: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

/// A fact observed about an indicator; `kind` matches the indicator's measure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Observation {
    /// The milestone happened ("Report was published in May 2016").
    Milestone(MilestoneObservation),
    /// A counted value.
    Count(ValueObservation),
    /// A percentage.
    Percentage(ValueObservation),
    /// An amount.
    Money(MoneyObservation),
    /// A judgement.
    Qualitative(QualitativeObservation),
}

impl Observation {
    /// The kind of measure this observation belongs to.
    pub fn kind(&self) -> MeasureKind {
        match self {
            Observation::Milestone(_) => MeasureKind::Milestone,
            Observation::Count(_) => MeasureKind::Count,
            Observation::Percentage(_) => MeasureKind::Percentage,
            Observation::Money(_) => MeasureKind::Money,
            Observation::Qualitative(_) => MeasureKind::Qualitative,
        }
    }

    /// The period a value covers, where given per period (format 1.1).
    pub fn period(&self) -> Option<Span> {
        match self {
            Observation::Count(v) | Observation::Percentage(v) => v.period,
            Observation::Money(m) => m.period,
            Observation::Milestone(_) | Observation::Qualitative(_) => None,
        }
    }

    /// The documents that verify it (format 1.1).
    pub fn evidence(&self) -> &[Evidence] {
        match self {
            Observation::Milestone(m) => &m.evidence,
            Observation::Count(v) | Observation::Percentage(v) => &v.evidence,
            Observation::Money(m) => &m.evidence,
            Observation::Qualitative(q) => &q.evidence,
        }
    }

    /// When the observation holds, where known.
    pub fn date(&self) -> Option<DateOrMonth> {
        match self {
            Observation::Milestone(m) => Some(m.completed),
            Observation::Count(v) | Observation::Percentage(v) => v.as_of,
            Observation::Money(m) => m.as_of,
            Observation::Qualitative(q) => q.as_of,
        }
    }
}

/// A milestone that happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MilestoneObservation {
    /// When it happened.
    pub completed: DateOrMonth,
    /// Documents that verify it (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl MilestoneObservation {
    /// Creates a `MilestoneObservation` from its required members: `completed`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(completed: DateOrMonth) -> Self {
        MilestoneObservation {
            completed,
            evidence: Vec::new(),
        }
    }
}

/// A number observed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ValueObservation {
    /// The value.
    #[serde(with = "crate::wire::decimal")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::wire::decimal::DecimalSchema")
    )]
    pub value: Decimal,
    /// When it was observed; the report's as-of date where absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateOrMonth>,
    /// The period the value covers, where it is given per period (format
    /// 1.1); `as_of` is then the date it was reported, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Span>,
    /// The value split by dimensions the plan declares (format 1.1); the
    /// value itself stays the figure evaluated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaggregation: Vec<Split>,
    /// Documents that verify it (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl ValueObservation {
    /// Creates a `ValueObservation` from its required members: `value`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(value: Decimal) -> Self {
        ValueObservation {
            value,
            as_of: None,
            period: None,
            disaggregation: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// An amount observed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MoneyObservation {
    /// The amount.
    pub amount: Money,
    /// When it was observed; the report's as-of date where absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateOrMonth>,
    /// The period the value covers, where it is given per period (format
    /// 1.1); `as_of` is then the date it was reported, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Span>,
    /// Documents that verify it (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl MoneyObservation {
    /// Creates a `MoneyObservation` from its required members: `amount`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(amount: Money) -> Self {
        MoneyObservation {
            amount,
            as_of: None,
            period: None,
            evidence: Vec::new(),
        }
    }
}

/// A judgement made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QualitativeObservation {
    /// Whether the criterion is met.
    pub met: bool,
    /// When it was judged; the report's as-of date where absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateOrMonth>,
    /// Documents that verify it (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl QualitativeObservation {
    /// Creates a `QualitativeObservation` from its required members: `met`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(met: bool) -> Self {
        QualitativeObservation {
            met,
            as_of: None,
            evidence: Vec::new(),
        }
    }
}

/// What a report expects: a completion date, a value, or both ("at least six
/// new briefs before the end of the biennium").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Forecast {
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<DateOrMonth>,
    /// The value expected, for counts, percentages and money amounts.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::decimal::option"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::decimal::DecimalSchema>")
    )]
    pub value: Option<Decimal>,
    /// How `value` bounds the outcome.
    #[serde(default)]
    pub bound: Bound,
}

/// How a forecast value bounds the outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Bound {
    /// About this value (the default).
    #[default]
    About,
    /// At least this value.
    AtLeast,
    /// At most this value.
    AtMost,
}

/// A footnote of a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Footnote {
    /// Stable id.
    pub id: FootnoteId,
    /// The number printed, e.g. 1.
    pub number: u32,
    /// Its text.
    pub text: Text,
}

impl Footnote {
    /// Creates a `Footnote` from its required members: `id`, `number`, `text`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(id: FootnoteId, number: u32, text: Text) -> Self {
        Footnote { id, number, text }
    }
}

/// A section of a report's body ("II. Main achievements, lessons learned and
/// challenges").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportSection {
    /// The section's numeral as printed, e.g. `II`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numeral: Option<String>,
    /// Its title.
    pub title: Text,
    /// Its paragraphs, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Paragraph>,
}

impl ReportSection {
    /// Creates a `ReportSection` from its required members: `title`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(title: Text) -> Self {
        ReportSection {
            numeral: None,
            title,
            paragraphs: Vec::new(),
        }
    }
}

/// A paragraph of a report's body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Paragraph {
    /// Its number, where numbered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The sub-heading it stands under, e.g. Knowledge generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Text>,
    /// Its text.
    pub text: Text,
    /// Bulleted points that follow the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<Text>,
}

impl Paragraph {
    /// Creates a `Paragraph` from its required members: `text`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(text: Text) -> Self {
        Paragraph {
            number: None,
            heading: None,
            text,
            points: Vec::new(),
        }
    }
}

/// A lesson, challenge or conclusion, quoted from a paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Remark {
    /// The paragraph it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    /// The words.
    pub text: Text,
}

impl Remark {
    /// Creates a `Remark` from its required members: `text`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(text: Text) -> Self {
        Remark {
            paragraph: None,
            text,
        }
    }
}
