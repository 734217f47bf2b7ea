//! The domain model of an ILO action plan and its progress reports.
//!
//! This crate is for anyone who holds an action plan in memory: the plan the
//! Governing Body endorsed (follow-up items, planned deliverables, indicators
//! of achievement with deadlines), the progress reports on it, and the
//! resources behind it. Every type carries serde derives whose shape *is* the
//! exchange format, and, behind the `schema` feature, `schemars::JsonSchema`
//! derives from which the published schema is generated. There is no I/O
//! here: files live in `actionplan-interchange`, evaluation in
//! `actionplan-indicators`, money arithmetic in `actionplan-funding`. The
//! terms of the seed document mapped to these types: [`terms`].
//!
//! ```
//! use actionplan_model::{validate, ActionPlan, Measure, TargetMode};
//! use rust_decimal::Decimal;
//!
//! let plan: ActionPlan = serde_json::from_str(r#"{
//!   "id": "sme",
//!   "title": {"en": "SME action plan"},
//!   "resolution": {"title": {"en": "Resolution concerning SMEs"}, "adopted_at": "ilc-104"},
//!   "endorsed_at": "gb-325",
//!   "biennia": ["2016-17", "2018-19"],
//!   "sessions": [
//!     {"id": "ilc-104", "body": "international_labour_conference", "number": 104, "year": 2015},
//!     {"id": "gb-325", "body": "governing_body", "number": 325, "year": 2015, "opens": "2015-11"}
//!   ],
//!   "categories": [{"id": "country", "name": {"en": "Country-level work"}}],
//!   "items": [{
//!     "id": "eese-expansion", "text": {"en": "Expansion of the EESE programme"},
//!     "paragraphs": ["20(b)"], "category": "country", "biennium": "2016-17",
//!     "deliverables": ["seven-cpos"]
//!   }],
//!   "deliverables": [{
//!     "id": "seven-cpos", "letter": "a",
//!     "text": {"en": "Design and implementation of seven additional country programme outcomes"},
//!     "indicators": [{
//!       "id": "seven-states", "letter": "a",
//!       "text": {"en": "Seven additional member States report improvements"},
//!       "deadline": "2017-12",
//!       "measure": {"kind": "count", "baseline": "8", "target": "7", "target_mode": "additional"}
//!     }]
//!   }]
//! }"#)?;
//!
//! assert!(validate(&plan, &[]).is_empty());
//! let (_, indicator) = plan.indicators().next().unwrap();
//! let Measure::Count(count) = &indicator.measure else { unreachable!() };
//! assert_eq!(count.target_mode, TargetMode::Additional);
//! assert_eq!(count.absolute_target(), Some(Decimal::from(15)));
//! assert_eq!(indicator.deadline.unwrap().last_day().to_string(), "2017-12-31");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Wire rules
//!
//! * Dates are `YYYY-MM-DD`, month deadlines `YYYY-MM`, biennia `2016-17`.
//! * Money and measured values are decimal **strings** (`"84000000"`), read
//!   exactly by [`parse_decimal`] and never through floating point.
//! * Vocabularies are `snake_case`; unknown fields are refused; tools keep
//!   their own data under `extensions`.
//! * Text a reader sees is a [`Text`] with `en`, `fr` and `es` versions.
//!
//! Read files with `actionplan-interchange`, not with `serde_json` alone: it
//! checks the published schema before the typed read, so it also refuses the
//! few shapes plain serde derives tolerate (a struct written as a JSON
//! array), and it reports every problem with a JSON pointer and line:column.
//!
//! # Invariants
//!
//! Types refuse what cannot be meant (a month 13, a paragraph range with its
//! letters reversed, an empty id). What depends on more than one value —
//! unique ids, references that resolve, targets beyond baselines, dates in
//! order — is checked by [`validate`], which returns every [`Problem`] with
//! its rule code and a JSON pointer.
#![warn(missing_docs)]
// Input never panics the library: every value from a file flows through checked
// arithmetic and fallible look-ups (tests may index and unwrap freely).
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

mod baseline;
mod calendar;
mod country;
mod decimal;
mod disaggregation;
mod document;
mod evidence;
mod extensions;
mod format_1_1;
mod id;
mod index;
mod indicator;
mod money;
mod organisation;
mod paragraph;
mod plan;
mod progress;
mod resource_question;
mod resources;
mod revision;
mod session;
mod status;
mod target;
mod text;
mod time_frame;
mod validate;
mod validate_1_1;
pub mod wire;

/// The terms of a Governing Body progress report mapped to these types and
/// to the members of the exchange file (the crate's `docs/model.md`).
#[doc = include_str!("../docs/model.md")]
pub mod terms {}

pub use baseline::Baseline;
pub use calendar::{
    Biennium, CalendarError, DATE_PATTERN, DateOrMonth, MONTH_PATTERN, YearMonth, biennium_pattern,
    format_date, parse_date,
};
pub use decimal::{DECIMAL_PATTERN, DecimalError, MAX_DECIMAL_LEN, parse_decimal, parse_figure};
pub use disaggregation::{Dimension, DimensionKind, DimensionValue, Split};
pub use document::{
    AgendaItem, AgendaSection, DecisionPoint, Document, DraftDecision, Implications, OutcomeRef,
    RelatedDocument, StrategicObjective, Unit,
};
pub use evidence::{Evidence, HTTP_URL_PATTERN, HttpUrl, MAX_URL_LEN, UrlError};
pub use extensions::{ExtensionNumber, ExtensionValue, Extensions, MAX_EXTENSION_DEPTH};
pub use format_1_1::{Use11, first_use_1_1, needs_1_1, uses_1_1};
pub use id::{
    CategoryId, DeliverableId, DimensionCode, DimensionId, FootnoteId, ID_PATTERN, IatiOrgId,
    IdError, IndicatorId, ItemId, MAX_ID_LEN, PartnerId, PlanId, PortfolioId, ReportId, RequestId,
    ResourceLineId, RevisionId, SessionId, SourceId, UnitId, check_id,
};
pub use index::{Duplicate, Location, PlanIndex, ReportIndex};
pub use indicator::{
    CountMeasure, DatedMoney, Direction, Indicator, Measure, MeasureKind, MilestoneEvent,
    MilestoneMeasure, MoneyMeasure, PercentageMeasure, QualitativeMeasure, TargetMode,
    resolve_target,
};
pub use money::{Currency, CurrencyError, Money};
pub use organisation::{OrgUnit, Partner, PartnerKind};
pub use paragraph::{Letter, ParagraphError, ParagraphRef, paragraph_pattern};
pub use plan::{
    ActionPlan, Category, Condition, ConditionKind, Deliverable, FollowUpItem, Resolution,
};
pub use progress::{
    Bound, DeliverableProgress, Footnote, Forecast, IndicatorProgress, MilestoneObservation,
    MoneyObservation, Observation, Paragraph, ProgressReport, QualitativeObservation, Remark,
    ReportSection, ValueObservation,
};
pub use resource_question::{NoResourceInformation, ResourceQuestion};
pub use resources::{
    ExchangeRate, FundingSource, Portfolio, ResourceLine, ResourceState, Resources, SourceKind,
    UnfundedRequest,
};
pub use revision::Revision;
pub use session::{Body, Session};
pub use status::{Status, StatusError};
pub use target::{Cumulation, DatedTarget};
pub use text::{Language, Text, TextError};
pub use time_frame::{Period, Span, Year};
pub use validate::{Problem, Rule, Scope, Severity, is_valid, validate};

/// Re-exported so that callers name the same `Decimal` and `Date` types.
pub use rust_decimal::Decimal;
pub use time::Date;

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
