//! The report as plain data: what every renderer draws, and what the JSON
//! output is. Built once by [`build`](crate::build), rendered many ways.
//!
//! The view borrows every text from the plan, its reports, their evaluation
//! and the funding overview (`'a`) instead of copying it: a deliverable's
//! text is shown on each of its indicators' rows, and a copy per row made a
//! file with one long text and many indicators cost its size times the
//! number of rows. The cells a deliverable's rows share are shared ([`Arc`]),
//! not repeated.

use actionplan_model::{ParagraphRef, Status};
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// The "planned results vs. achievements" report of one plan as of a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ReportView<'a> {
    /// The language the texts were chosen in (`en`, `fr`, `es`); a text
    /// without that version appears in English.
    pub language: String,
    /// The report's heading: "Planned results vs. achievements relating to …".
    pub title: String,
    /// The plan's title.
    pub plan_title: &'a str,
    /// The document the progress report was published as, where known.
    pub document: Option<DocumentHeader<'a>>,
    /// The date the evaluation speaks as of (`2016-07-31`).
    pub as_of: String,
    /// The progress column's heading date as the documents write it ("July 2016").
    pub as_of_label: String,
    /// The table, biennium by biennium, category by category.
    pub bienniums: Vec<BienniumSection<'a>>,
    /// Counts of indicators per standing status, in vocabulary order.
    pub summary: Vec<StatusCount>,
    /// The resources picture.
    pub funding: FundingView<'a>,
    /// Footnotes of the progress report, in number order.
    pub footnotes: Vec<FootnoteView<'a>>,
}

/// The header of a Governing Body document.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DocumentHeader<'a> {
    /// `GB.328/INS/8`.
    pub symbol: &'a str,
    /// The document's title.
    pub title: &'a str,
    /// "328th Session, Geneva, 27 October–10 November 2016"-style line, as far as known.
    pub session: Option<String>,
    /// The date on the document (`2016-09-20`).
    pub date: Option<String>,
}

/// The rows of one biennium ("For the 2016–17 biennium").
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct BienniumSection<'a> {
    /// `2016-17`.
    pub biennium: String,
    /// The heading as printed: "For the 2016–17 biennium".
    pub heading: String,
    /// Its categories, in plan order.
    pub categories: Vec<CategorySection<'a>>,
}

/// The rows of one category within a biennium.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CategorySection<'a> {
    /// The category's name ("Knowledge generation").
    pub name: &'a str,
    /// One row per indicator (or per deliverable without indicators).
    pub rows: Vec<Row<'a>>,
}

/// One row of the table: an indicator with its deliverable and follow-up
/// item(s), or a deliverable that has no indicator.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Row<'a> {
    /// The follow-up items the row answers: usually one; two when items share
    /// the deliverable (the seed's 20(b) and 9(a)). Shared by the rows of
    /// one deliverable.
    pub items: Arc<[ItemCell<'a>]>,
    /// Whether this is the first row of its item(s), so renderers without
    /// row spans print the item cell once.
    pub first_of_item: bool,
    /// Whether this is the first row of its deliverable.
    pub first_of_deliverable: bool,
    /// The planned deliverable, shared by its rows.
    pub deliverable: Arc<DeliverableCell<'a>>,
    /// The indicator, absent for a deliverable without one.
    pub indicator: Option<IndicatorCell<'a>>,
    /// The progress text as of the date, with footnote numbers.
    pub progress: Option<ProgressCell<'a>>,
    /// The status that stands (derived where the data decides, otherwise asserted).
    pub status: Option<Status>,
    /// The status derived from values, dates and forecasts.
    pub derived: Option<Status>,
    /// The status the report asserts.
    pub asserted: Option<Status>,
    /// Why derived and asserted disagree, where they do.
    pub disagreement: Option<&'a str>,
    /// Figures of the indicator that cannot be computed from the file's
    /// values ("cannot compute progress: … × 100 overflows").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cannot_compute: Vec<String>,
}

/// A follow-up item as its cell shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ItemCell<'a> {
    /// The item's id.
    pub id: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Its paragraph references, written as the documents write them:
    /// `20(b)`, `20(a)–(f)`.
    pub paragraphs: &'a [ParagraphRef],
}

/// A planned deliverable as its cell shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DeliverableCell<'a> {
    /// The deliverable's id.
    pub id: &'a str,
    /// `(a)`, where lettered.
    pub letter: Option<String>,
    /// Its text.
    pub text: &'a str,
    /// Its conditions ("provided that extra-budgetary resources can be mobilized").
    pub conditions: Vec<&'a str>,
}

/// An indicator as its cell shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct IndicatorCell<'a> {
    /// The indicator's id.
    pub id: &'a str,
    /// `(a)`, where lettered.
    pub letter: Option<String>,
    /// Its text.
    pub text: &'a str,
    /// The deadline as the seed prints it: `03/2016`.
    pub timeline: Option<String>,
    /// The data source and baseline as printed in parentheses.
    pub details: Vec<String>,
    /// The kind of measure (`milestone`, `count`, …).
    pub measure: &'static str,
}

/// The progress cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ProgressCell<'a> {
    /// The narrative.
    pub text: &'a str,
    /// Footnote numbers to print after it.
    pub footnotes: Vec<u32>,
}

/// How many indicators stand at a status.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct StatusCount {
    /// The status.
    pub status: Status,
    /// Its words ("on track").
    pub label: String,
    /// How many indicators.
    pub count: usize,
}

/// The resources part of the report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FundingView<'a> {
    /// Portfolios against their targets.
    pub portfolios: Vec<PortfolioLine<'a>>,
    /// Deliverables that are not fully funded, with the reason.
    pub underfunded: Vec<FundingLine<'a>>,
    /// Requests received but not funded.
    pub requests: Vec<RequestLine<'a>>,
}

/// A portfolio against its target.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortfolioLine<'a> {
    /// Its name.
    pub name: &'a str,
    /// The baseline amount and date ("USD 84,000,000 on 2015-08-15").
    pub baseline: Option<String>,
    /// The target amount.
    pub target: String,
    /// The latest amount known and its date.
    pub current: String,
    /// The remaining gap.
    pub gap: String,
    /// Progress from the baseline toward the target, 0–100, as text.
    pub progress_percent: Option<String>,
    /// Progress as a fraction 0–1 with four decimals, for charts.
    pub progress_fraction: Option<String>,
    /// Progress as shown in a cell: `0 %`, or `—` when unknown.
    pub progress_label: String,
    /// The status of the portfolio.
    pub status: Status,
}

/// A deliverable that is not fully funded.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FundingLine<'a> {
    /// The deliverable's id.
    pub deliverable: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Its funding status (`partially_funded`, `conditional`, …).
    pub funding_status: &'static str,
    /// Whether it waits for resources as of the date.
    pub waiting: bool,
    /// Status and waiting in words: `unfunded, waiting for resources`.
    pub state: String,
    /// What the plan or report says about it.
    pub notes: Vec<Cow<'a, str>>,
}

/// Requests received but not funded.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RequestLine<'a> {
    /// How many.
    pub count: u32,
    /// What is requested.
    pub text: &'a str,
    /// The cost, where known.
    pub cost: Option<String>,
    /// Whether meeting them needs a reallocation.
    pub requires_reallocation: bool,
    /// The line as a reader sees it: count, text, cost, reallocation.
    pub summary: String,
}

/// A footnote.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FootnoteView<'a> {
    /// Its number.
    pub number: u32,
    /// Its text.
    pub text: &'a str,
}

impl<'a> ReportView<'a> {
    /// Every row, in table order.
    pub fn rows(&self) -> impl Iterator<Item = &Row<'a>> {
        self.bienniums
            .iter()
            .flat_map(|b| b.categories.iter().flat_map(|c| c.rows.iter()))
    }
}
