//! Renders the "planned results vs. achievements" report of an ILO action
//! plan — the table the Governing Body reads — in Markdown, HTML, CSV and
//! JSON.
//!
//! The report reproduces section III of a progress report (follow-up item
//! with its paragraph references, planned deliverables, indicators of
//! achievement with their timeline, progress as of the date) and adds the
//! standing status of each row, a summary of counts per status, and the
//! funding picture: portfolios against their targets, deliverables not fully
//! funded, requests received but not funded.
//!
//! Three steps, each usable on its own: [`assess`] evaluates the plan and
//! accounts for its funding (composing `actionplan-indicators` with
//! `actionplan-funding`), [`build`] lays out a [`ReportView`] — plain data —
//! and [`render`] writes it in a [`Format`].
//!
//! ```
//! use actionplan_indicators::Policy;
//! use actionplan_model::{ActionPlan, ProgressReport};
//! use actionplan_report::{assess, build, render, Format, Options};
//! use time::macros::date;
//!
//! let plan: ActionPlan = serde_json::from_str(r#"{
//!   "id": "p", "title": {"en": "SME action plan"},
//!   "resolution": {"title": {"en": "SME conclusions"}, "adopted_at": "ilc-104"},
//!   "endorsed_at": "gb-325", "biennia": ["2016-17"],
//!   "categories": [{"id": "k", "name": {"en": "Knowledge generation"}}],
//!   "items": [{"id": "supply", "text": {"en": "Research on procurement | supply chains"},
//!              "paragraphs": ["20(e)"], "category": "k", "biennium": "2016-17",
//!              "deliverables": ["report"]}],
//!   "deliverables": [{"id": "report", "text": {"en": "A report"},
//!     "indicators": [{"id": "published", "text": {"en": "Report is published"},
//!                     "deadline": "2016-04", "measure": {"kind": "milestone", "event": "published"}}]}]
//! }"#)?;
//! let reports: Vec<ProgressReport> = serde_json::from_str(r#"[{
//!   "id": "r1", "as_of": "2016-07",
//!   "indicators": [{"indicator": "published", "narrative": {"en": "Published <b>in May</b>."},
//!                   "observations": [{"kind": "milestone", "completed": "2016-05"}]}]
//! }]"#)?;
//!
//! let assessment = assess(&plan, &reports, date!(2016-07-31), &Policy::default())?;
//! let view = build(&plan, &reports, &assessment.evaluation, &assessment.funding, &Options::default());
//! let md = render(&view, Format::Markdown);
//! assert!(md.contains("Research on procurement \\| supply chains (20(e))"));
//! assert!(md.contains("**achieved late**"));
//! let html = render(&view, Format::Html);
//! assert!(html.contains("Published &lt;b&gt;in May&lt;/b&gt;."));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
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

mod assess;
mod build;
mod build11;
mod csv;
pub mod diff;
mod escape;
mod extras;
mod format;
mod html;
mod label;
mod markdown;
mod sections;
mod serialize;
mod svg;
mod view;
mod view11;

pub use assess::{AssessError, Assessment, assess, conversion_currency, default_as_of};
pub use build::{Options, build};
pub use csv::{COLUMNS as CSV_COLUMNS, COLUMNS_1_1 as CSV_COLUMNS_1_1};
pub use format::{Format, FormatError, render, render_to};
pub use label::{date_label, date_or_month_label, money_label};
pub use view::*;
pub use view11::*;

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
