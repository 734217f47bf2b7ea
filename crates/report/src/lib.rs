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
//! # Plans of any shape (format 1.1)
//!
//! A plan of the 1.0 shape (biennia only, no 1.1 member) is reported
//! exactly as before, byte for byte in every format. A plan that uses a
//! format 1.1 member gets the 1.1 [`Layout`]:
//!
//! * the table is grouped by the items' time frames — biennium, year, range
//!   of months, and "over the whole plan" for an item that states none —
//!   in time order, so no item, deliverable or indicator is left out;
//! * ids are printed (Markdown, HTML) so that `actionplan diff` and
//!   `report --unit` can be followed back to the table, and the CSV output
//!   has the columns of [`CSV_COLUMNS_1_1`];
//! * cells show lead and contributing units, dated baselines (value, date,
//!   comment, source), targets over time with the one in force and the
//!   cumulation where not cumulative, the deadline in force with
//!   "revised from 12/2019 (GB.337)", the observations with their splits
//!   ("Women 131, Men 181"), and evidence — as a link only for an
//!   `http`/`https` address ([`EvidenceView::link`]), as text otherwise;
//! * sections list the plan's revisions, the work of each unit, and the
//!   resources: totals by kind of source, partner, unit, biennium and period
//!   (from `actionplan-funding`), in one currency with the stated rate each
//!   used where the file's rates allow (the currency they all convert to,
//!   see [`conversion_currency`]), delivery per line (a chart in HTML) and
//!   the stated rates. A heading with nothing under it is not printed.
//!
//! The deadline and the target in force come from the evaluation
//! (`actionplan-indicators` applies the revisions in force as of the date);
//! the report only lays them out.
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
pub use csv::{
    COLUMNS as CSV_COLUMNS, COLUMNS_1_1 as CSV_COLUMNS_1_1,
    COLUMNS_ADDED_1_1 as CSV_COLUMNS_ADDED_1_1,
};
pub use format::{Format, FormatError, render, render_to};
pub use label::{date_label, date_or_month_label, money_label};
pub use view::*;
pub use view11::*;

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
