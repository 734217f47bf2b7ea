//! Results-based management of ILO action plans, in one dependency.
//!
//! `actionplan` re-exports the four core crates so that a tool can depend on
//! one crate and reach them all:
//!
//! | module | crate | for |
//! |---|---|---|
//! | [`model`] | `actionplan-model` | the plan, its indicators, progress reports and resources; `validate` |
//! | [`interchange`] | `actionplan-interchange` | reading, writing and validating exchange files; the JSON Schema |
//! | [`indicators`] | `actionplan-indicators` | where each indicator and roll-up stands as of a date |
//! | [`funding`] | `actionplan-funding` | exact money, funding gaps, waiting work, portfolio targets |
//!
//! Rendering (`actionplan-report`) is behind the `report` feature, as
//! `actionplan::report`; the command (`actionplan-cli`) is a separate crate.
//!
//! ## Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `schema-validation` | yes | the JSON Schema layer of validation when reading files |
//! | `report` | no | `actionplan::report`, the report renderer |
//! | `schema` | no | `schemars::JsonSchema` on the model types and the schema generator |
//!
//! ```
//! use actionplan::{funding, indicators, interchange, model::Status};
//! use time::macros::date;
//!
//! // The seed document GB.328/INS/8 as an exchange file.
//! let text = include_str!("../docs/examples/sme-action-plan-2016.json");
//! let checked = interchange::check_str(text);
//! assert!(checked.report.is_valid());
//! let file = checked.envelope.expect("valid file");
//!
//! // Evaluate as of the report's date, with the funding crate's answer to
//! // "is this deliverable waiting for resources?", computed once for every
//! // deliverable of the plan.
//! let as_of = date!(2016-07-31);
//! let evaluation = indicators::evaluate(
//!     &file.plan,
//!     &file.reports,
//!     as_of,
//!     &indicators::Policy::default(),
//!     &funding::PlanFundingAnswer::new(&file.plan, as_of),
//! )?;
//! let status = |id: &str| evaluation.indicator(id).map(|e| e.standing);
//! assert_eq!(status("eese-review-published"), Some(Status::Overdue));
//! assert_eq!(status("procurement-report-published"), Some(Status::AchievedLate));
//! assert_eq!(status("social-dialogue-brief"), Some(Status::PendingResources));
//!
//! // The XBTC portfolio: $84 million on 15 August 2015, target $100 million.
//! let money = funding::overview(&file.plan, &file.reports, as_of);
//! let xbtc = &money.portfolios[0];
//! assert_eq!(xbtc.remaining_gap.map(|g| g.to_string()).as_deref(), Some("USD 16000000"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

pub use actionplan_funding as funding;
pub use actionplan_indicators as indicators;
pub use actionplan_interchange as interchange;
pub use actionplan_model as model;

/// The report renderer (`actionplan-report`): the "planned results vs.
/// achievements" report in Markdown, HTML, CSV and JSON.
#[cfg(feature = "report")]
pub use actionplan_report as report;

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The Rust example of `docs/embedding.md`, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../docs/embedding.md")]
struct EmbeddingDoctests;
