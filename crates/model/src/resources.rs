//! The resources behind a plan: funding sources, what is secured or missing
//! for which deliverable, requests that are not funded, and portfolios with
//! targets.

use crate::{
    Biennium, Currency, DateOrMonth, DeliverableId, IndicatorId, Money, PartnerId, PortfolioId,
    RequestId, ResourceLineId, SourceId, Span, Text, UnitId,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The resources of a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Resources {
    /// Where money comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<FundingSource>,
    /// Statements of what is secured or missing, for deliverables or a biennium.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<ResourceLine>,
    /// Requests for work received but not funded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<UnfundedRequest>,
    /// Portfolios with a target, measured by a money indicator.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub portfolios: Vec<Portfolio>,
    /// The exchange rates the Office used (format 1.1); amounts are only
    /// ever converted with a rate stated here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exchange_rates: Vec<ExchangeRate>,
}

impl Resources {
    /// Whether nothing is stated about resources.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.lines.is_empty()
            && self.requests.is_empty()
            && self.portfolios.is_empty()
            && self.exchange_rates.is_empty()
    }

    /// The source with id `id`.
    pub fn source(&self, id: &SourceId) -> Option<&FundingSource> {
        self.sources.iter().find(|s| &s.id == id)
    }
}

/// A source of funds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FundingSource {
    /// Stable id.
    pub id: SourceId,
    /// What kind of funds.
    pub kind: SourceKind,
    /// Its name, e.g. Programme and Budget for 2016–17.
    pub name: Text,
    /// The biennium it funds, for the regular budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biennium: Option<Biennium>,
    /// The partner, for extra-budgetary and other mobilized funds, as
    /// written (format 1.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<Text>,
    /// The partner, by id from the plan's `partners` (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_id: Option<PartnerId>,
}

impl FundingSource {
    /// Creates a `FundingSource` from its required members: `id`, `kind`, `name`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(id: SourceId, kind: SourceKind, name: Text) -> Self {
        FundingSource {
            id,
            kind,
            name,
            biennium: None,
            partner: None,
            partner_id: None,
        }
    }
}

/// Kinds of funds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceKind {
    /// The regular budget (the programme and budget of a biennium).
    RegularBudget,
    /// The Regular Budget Supplementary Account.
    Rbsa,
    /// Extra-budgetary technical cooperation (XBTC).
    ExtraBudgetary,
    /// Other resources mobilized for a purpose (a joint research programme).
    OtherMobilized,
}

impl SourceKind {
    /// The `snake_case` name.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::RegularBudget => "regular_budget",
            SourceKind::Rbsa => "rbsa",
            SourceKind::ExtraBudgetary => "extra_budgetary",
            SourceKind::OtherMobilized => "other_mobilized",
        }
    }
}

/// A statement about the resources for some deliverables, or for a biennium
/// as a whole when it names no deliverable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ResourceLine {
    /// Stable id.
    pub id: ResourceLineId,
    /// The deliverables it concerns; empty for a biennium-wide statement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<DeliverableId>,
    /// The biennium it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biennium: Option<Biennium>,
    /// The source of the funds, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceId>,
    /// What the statement says about the funds.
    pub state: ResourceState,
    /// The amount required, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<Money>,
    /// The amount secured, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secured: Option<Money>,
    /// Since when the statement holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateOrMonth>,
    /// The statement as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The period it concerns, where not a biennium (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Span>,
    /// The unit the funds go to, by id (format 1.1); where absent, the lead
    /// unit of its deliverables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
    /// The amount budgeted or approved (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<Money>,
    /// The amount spent (expenditure), as of `spent_as_of` (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent: Option<Money>,
    /// The date the expenditure is stated at (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent_as_of: Option<DateOrMonth>,
}

impl ResourceLine {
    /// Creates a `ResourceLine` from its required members: `id`, `state`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(id: ResourceLineId, state: ResourceState) -> Self {
        ResourceLine {
            id,
            deliverables: Vec::new(),
            biennium: None,
            source: None,
            state,
            required: None,
            secured: None,
            as_of: None,
            note: None,
            period: None,
            unit: None,
            approved: None,
            spent: None,
            spent_as_of: None,
        }
    }
}

/// What a resource statement says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ResourceState {
    /// The work is covered.
    Secured,
    /// Only part of the work is covered.
    Underfunded,
    /// Resources are needed and not yet allocated; the work waits for them.
    NotAllocated,
    /// Additional resources were mobilized for the work.
    Mobilized,
}

/// Requests for work received but not funded ("requests for four additional
/// assessments have been received but they are not yet funded").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct UnfundedRequest {
    /// Stable id.
    pub id: RequestId,
    /// How many requests.
    pub count: u32,
    /// What is requested.
    pub text: Text,
    /// The deliverable the requests would add to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliverable: Option<DeliverableId>,
    /// The cost, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Money>,
    /// Whether meeting them would need resources reallocated.
    #[serde(default)]
    pub requires_reallocation: bool,
    /// Since when they are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateOrMonth>,
}

impl UnfundedRequest {
    /// Creates an `UnfundedRequest` from its required members: `id`, `count`, `text`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(id: RequestId, count: u32, text: Text) -> Self {
        UnfundedRequest {
            id,
            count,
            text,
            deliverable: None,
            cost: None,
            requires_reallocation: bool::default(),
            as_of: None,
        }
    }
}

/// A portfolio of funds with a target, such as the SME XBTC portfolio. Its
/// baseline and target are those of the money indicator that measures it,
/// so they are stated once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Portfolio {
    /// Stable id.
    pub id: PortfolioId,
    /// Its name.
    pub name: Text,
    /// The kind of funds it holds.
    pub kind: SourceKind,
    /// The money indicator that sets its baseline and target.
    pub indicator: IndicatorId,
}

impl Portfolio {
    /// Creates a `Portfolio` from its required members: `id`, `name`, `kind`, `indicator`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(id: PortfolioId, name: Text, kind: SourceKind, indicator: IndicatorId) -> Self {
        Portfolio {
            id,
            name,
            kind,
            indicator,
        }
    }
}

/// A rate of exchange the Office used: one unit of `from` is `rate` units
/// of `to` on `date` (e.g. the United Nations operational rate of exchange).
///
/// Amounts are converted only with a rate stated in the file, never an
/// invented or current one; `actionplan-funding` documents the rounding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExchangeRate {
    /// The currency converted from.
    pub from: Currency,
    /// The currency converted to.
    pub to: Currency,
    /// Units of `to` for one unit of `from`; greater than zero.
    #[serde(with = "crate::wire::decimal")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::wire::decimal::DecimalSchema")
    )]
    pub rate: Decimal,
    /// The day or month the rate applies to.
    pub date: DateOrMonth,
    /// Where the rate comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

impl ExchangeRate {
    /// Creates an `ExchangeRate` from its required members: `from`, `to`, `rate`, `date`.
    ///
    /// Optional members start empty; set them through the public fields.
    ///
    /// ```
    /// use actionplan_model::ExchangeRate;
    /// let r: ExchangeRate = serde_json::from_str(r#"{
    ///   "from": "CHF", "to": "USD", "rate": "1.0120", "date": "2018-01-02",
    ///   "source": {"en": "UN operational rate of exchange"}
    /// }"#)?;
    /// assert_eq!(r.rate.to_string(), "1.0120");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(from: Currency, to: Currency, rate: Decimal, date: DateOrMonth) -> Self {
        ExchangeRate {
            from,
            to,
            rate,
            date,
            source: None,
        }
    }
}
