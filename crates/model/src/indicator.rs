//! Indicators of achievement and the five kinds of measure they use.

use crate::{
    Baseline, Cumulation, DateOrMonth, DatedTarget, Extensions, IndicatorId, Letter, Money, Span,
    Text, YearMonth,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An indicator of achievement: what will show that a deliverable was
/// achieved, by when, and how it is measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Indicator {
    /// Stable id.
    pub id: IndicatorId,
    /// Its letter in the plan, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<Letter>,
    /// The indicator as written, without letter or deadline.
    pub text: Text,
    /// The month by whose end it is due (`03/2016` is `2016-03`). Absent where
    /// the plan gives none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<YearMonth>,
    /// Where the figures come from ("indicator 4.1 of the ILO results
    /// measurement framework").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source: Option<Text>,
    /// How achievement is measured.
    pub measure: Measure,
    /// The biennium, year or months it runs over, where it has its own
    /// (format 1.1). Its time-elapsed clock starts at this span's start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Tool-specific data.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl Indicator {
    /// Creates an `Indicator` from its required members: `id`, `text`, `measure`.
    ///
    /// Optional members start empty; set them through the public fields.
    ///
    /// For example:
    ///
    /// ```
    /// use actionplan_model::{Indicator, Measure, MilestoneEvent, MilestoneMeasure, Text};
    /// let mut indicator = Indicator::new(
    ///     "report-published".parse()?,
    ///     Text::en("Report is produced and made available")?,
    ///     Measure::Milestone(MilestoneMeasure::new(MilestoneEvent::Produced)),
    /// );
    /// indicator.deadline = Some("2016-03".parse()?);
    /// assert_eq!(indicator.deadline.map(|d| d.to_string()).as_deref(), Some("2016-03"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// A later minor version of the format may add members, so code outside
    /// this crate cannot build one with a struct literal:
    ///
    /// ```compile_fail,E0639
    /// use actionplan_model::{
    ///     Extensions, Indicator, IndicatorId, Measure, MilestoneEvent, MilestoneMeasure, Text,
    /// };
    /// let indicator = Indicator {
    ///     id: IndicatorId::new("report-published").unwrap(),
    ///     letter: None,
    ///     text: Text::en("Report is produced and made available").unwrap(),
    ///     deadline: None,
    ///     data_source: None,
    ///     measure: Measure::Milestone(MilestoneMeasure::new(MilestoneEvent::Produced)),
    ///     extensions: Extensions::default(),
    /// };
    /// ```
    pub fn new(id: IndicatorId, text: Text, measure: Measure) -> Self {
        Indicator {
            id,
            letter: None,
            text,
            deadline: None,
            data_source: None,
            measure,
            span: None,
            extensions: Extensions::default(),
        }
    }
}

/// How an indicator is measured; the `kind` field names the variant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// Something is produced, published or submitted.
    Milestone(MilestoneMeasure),
    /// A number of things (member States, briefs).
    Count(CountMeasure),
    /// A percentage between 0 and 100.
    Percentage(PercentageMeasure),
    /// An amount of money (a portfolio).
    Money(MoneyMeasure),
    /// A judgement such as an audit passed.
    Qualitative(QualitativeMeasure),
}

impl Measure {
    /// The `kind` name of the measure.
    pub fn kind(&self) -> MeasureKind {
        match self {
            Measure::Milestone(_) => MeasureKind::Milestone,
            Measure::Count(_) => MeasureKind::Count,
            Measure::Percentage(_) => MeasureKind::Percentage,
            Measure::Money(_) => MeasureKind::Money,
            Measure::Qualitative(_) => MeasureKind::Qualitative,
        }
    }
}

/// The kinds of measure, as named by the `kind` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MeasureKind {
    /// [`Measure::Milestone`].
    Milestone,
    /// [`Measure::Count`].
    Count,
    /// [`Measure::Percentage`].
    Percentage,
    /// [`Measure::Money`].
    Money,
    /// [`Measure::Qualitative`].
    Qualitative,
}

impl MeasureKind {
    /// The `snake_case` name.
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::Milestone => "milestone",
            MeasureKind::Count => "count",
            MeasureKind::Percentage => "percentage",
            MeasureKind::Money => "money",
            MeasureKind::Qualitative => "qualitative",
        }
    }
}

/// A one-off event: a report produced, published or submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MilestoneMeasure {
    /// What has to happen.
    pub event: MilestoneEvent,
}

impl MilestoneMeasure {
    /// Creates a `MilestoneMeasure` from its required members: `event`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(event: MilestoneEvent) -> Self {
        MilestoneMeasure { event }
    }
}

/// Kinds of milestone event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MilestoneEvent {
    /// Produced (and made available).
    Produced,
    /// Published.
    Published,
    /// Made available.
    MadeAvailable,
    /// Submitted (to donors, to a body).
    Submitted,
    /// Held (an event or workshop).
    Held,
}

/// Whether a measured value should go up or down.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Direction {
    /// More is better (the default).
    #[default]
    Increase,
    /// Less is better.
    Decrease,
}

/// Whether a count's target is the final figure or comes on top of the baseline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TargetMode {
    /// The target is the figure to reach (the default).
    #[default]
    Absolute,
    /// The target is a change from the baseline ("seven additional member
    /// States; baseline: eight" means 15 in all).
    Additional,
}

/// A count of things, with an optional baseline.
///
/// ```
/// use actionplan_model::{CountMeasure, TargetMode};
/// use rust_decimal::Decimal;
/// // "Seven additional member States; baseline: eight."
/// let mut m = CountMeasure::new(Decimal::from(7));
/// m.baseline = Some(Decimal::from(8).into());
/// m.target_mode = TargetMode::Additional;
/// assert_eq!(m.absolute_target(), Some(Decimal::from(15)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CountMeasure {
    /// What is counted, e.g. member States.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// The figure at the start, where given: bare (`"8"`) or dated
    /// (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// The target, absolute or additional per `target_mode`.
    #[serde(with = "crate::wire::decimal")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::wire::decimal::DecimalSchema")
    )]
    pub target: Decimal,
    /// How to read `target`.
    #[serde(default)]
    pub target_mode: TargetMode,
    /// Which way is better.
    #[serde(default)]
    pub direction: Direction,
    /// Dated targets before or at the deadline (format 1.1): "3 by
    /// 2017-12", in order of their months.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<DatedTarget>,
    /// How values add up over periods (format 1.1; cumulative by default).
    #[serde(default, skip_serializing_if = "Cumulation::is_default")]
    pub cumulation: Cumulation,
}

impl CountMeasure {
    /// Creates a `CountMeasure` from its required members: `target`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(target: Decimal) -> Self {
        CountMeasure {
            unit: None,
            baseline: None,
            target,
            target_mode: TargetMode::default(),
            direction: Direction::default(),
            targets: Vec::new(),
            cumulation: Cumulation::default(),
        }
    }
}

impl CountMeasure {
    /// The figure to reach: the target itself, or baseline ± target for an
    /// additional target (a missing baseline counts as zero). `None` on overflow.
    pub fn absolute_target(&self) -> Option<Decimal> {
        resolve_target(
            self.baseline_value(),
            self.target,
            self.target_mode,
            self.direction,
        )
    }

    /// The baseline's figure, where given.
    pub fn baseline_value(&self) -> Option<Decimal> {
        self.baseline.as_ref().map(|b| b.value)
    }
}

/// Baseline ± target for additional targets, the target itself otherwise.
pub fn resolve_target(
    baseline: Option<Decimal>,
    target: Decimal,
    mode: TargetMode,
    direction: Direction,
) -> Option<Decimal> {
    match mode {
        TargetMode::Absolute => Some(target),
        TargetMode::Additional => {
            let base = baseline.unwrap_or(Decimal::ZERO);
            match direction {
                Direction::Increase => base.checked_add(target),
                Direction::Decrease => base.checked_sub(target),
            }
        }
    }
}

/// A percentage ("70 per cent of participants").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PercentageMeasure {
    /// Of what population, e.g. participants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<Text>,
    /// The percentage at the start, where given: bare (`"8"`) or dated
    /// (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// The percentage to reach, 0–100.
    #[serde(with = "crate::wire::decimal")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::wire::decimal::DecimalSchema")
    )]
    pub target: Decimal,
    /// Which way is better.
    #[serde(default)]
    pub direction: Direction,
    /// Dated targets before or at the deadline (format 1.1): "3 by
    /// 2017-12", in order of their months.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<DatedTarget>,
    /// How values add up over periods (format 1.1; cumulative by default).
    #[serde(default, skip_serializing_if = "Cumulation::is_default")]
    pub cumulation: Cumulation,
}

impl PercentageMeasure {
    /// Creates a `PercentageMeasure` from its required members: `target`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(target: Decimal) -> Self {
        PercentageMeasure {
            of: None,
            baseline: None,
            target,
            direction: Direction::default(),
            targets: Vec::new(),
            cumulation: Cumulation::default(),
        }
    }

    /// The baseline's figure, where given.
    pub fn baseline_value(&self) -> Option<Decimal> {
        self.baseline.as_ref().map(|b| b.value)
    }
}

/// An amount of money to reach ("increase in SME XBTC portfolio to
/// $100 million ($84 million as of 15 August 2015)").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MoneyMeasure {
    /// The amount at a date before the plan, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<DatedMoney>,
    /// The amount to reach.
    pub target: Money,
    /// Which way is better.
    #[serde(default)]
    pub direction: Direction,
    /// Dated targets before or at the deadline (format 1.1): amounts in the currency of
    /// `target`, in order of their months.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<DatedTarget>,
    /// How values add up over periods (format 1.1; cumulative by default).
    #[serde(default, skip_serializing_if = "Cumulation::is_default")]
    pub cumulation: Cumulation,
}

impl MoneyMeasure {
    /// Creates a `MoneyMeasure` from its required members: `target`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(target: Money) -> Self {
        MoneyMeasure {
            baseline: None,
            target,
            direction: Direction::default(),
            targets: Vec::new(),
            cumulation: Cumulation::default(),
        }
    }
}

/// An amount as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DatedMoney {
    /// The amount.
    pub amount: Money,
    /// When it was that amount.
    pub as_of: DateOrMonth,
    /// A comment on the figure (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<Text>,
    /// Where the figure comes from (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

impl DatedMoney {
    /// Creates a `DatedMoney` from its required members: `amount`, `as_of`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(amount: Money, as_of: DateOrMonth) -> Self {
        DatedMoney {
            amount,
            as_of,
            comment: None,
            source: None,
        }
    }
}

/// A judgement that is met or not ("external audit reports confirm that
/// projects passed the audit").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QualitativeMeasure {
    /// The criterion, where the indicator text does not say it all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<Text>,
}

crate::string_enum::string_enum_deserialize!(MilestoneEvent {
    "produced" => Produced,
    "published" => Published,
    "made_available" => MadeAvailable,
    "submitted" => Submitted,
    "held" => Held,
});
crate::string_enum::string_enum_deserialize!(Direction {
    "increase" => Increase,
    "decrease" => Decrease,
});
crate::string_enum::string_enum_deserialize!(TargetMode {
    "absolute" => Absolute,
    "additional" => Additional,
});
