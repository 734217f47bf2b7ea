//! The report as plain data: what every renderer draws, and what the JSON
//! output is. Built once by [`build`](crate::build), rendered many ways.
//!
//! Figures are typed (dates, months, money, decimals, statuses): each
//! renderer writes them as a reader sees them (see the `label` module), so
//! no renderer reads a figure back from text. The JSON output writes them
//! as the same words the other formats show.
//!
//! The view borrows every text from the plan, its reports, their evaluation
//! and the funding overview (`'a`) instead of copying it: a deliverable's
//! text is shown on each of its indicators' rows, and a copy per row made a
//! file with one long text and many indicators cost its size times the
//! number of rows. The cells a deliverable's rows share are shared ([`Arc`]),
//! not repeated.

use crate::label::{dated_money_label, money_label, percent_label};
use crate::serialize as ser;
use actionplan_funding::FundingStatus;
use actionplan_indicators::CannotCompute;
use actionplan_model::{Biennium, DateOrMonth, DatedMoney, Money, ParagraphRef, Status, YearMonth};
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use time::Date;

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
    /// The date the evaluation speaks as of (written `2016-07-31`).
    #[serde(serialize_with = "ser::date")]
    pub as_of: Date,
    /// The date of the progress column's heading: the report's as-of date
    /// (a month or a day), else the evaluation's. Written as the documents
    /// write it ("July 2016"), under the name `as_of_label`.
    #[serde(rename = "as_of_label", serialize_with = "ser::date_or_month")]
    pub progress_as_of: DateOrMonth,
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
    /// The date on the document (written `2016-09-20`).
    #[serde(serialize_with = "ser::option_date")]
    pub date: Option<Date>,
}

/// The rows of one biennium ("For the 2016–17 biennium").
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct BienniumSection<'a> {
    /// `2016-17`.
    pub biennium: Biennium,
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
    /// Where the standing status comes from when a progress report asserts
    /// it as of an earlier date than the evaluation's: a reader sees how old
    /// the word is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_source: Option<StatusSource<'a>>,
    /// Figures of the indicator that cannot be computed from the file's
    /// values ("cannot compute progress: … × 100 overflows").
    #[serde(
        skip_serializing_if = "<[_]>::is_empty",
        serialize_with = "ser::displayed"
    )]
    pub cannot_compute: &'a [CannotCompute],
}

/// The progress report a standing status was asserted in, when that report
/// speaks as of an earlier date than the evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct StatusSource<'a> {
    /// The report's id.
    pub report: &'a str,
    /// The date the report speaks as of.
    #[serde(serialize_with = "ser::date_or_month")]
    pub as_of: DateOrMonth,
    /// Whether the report speaks as of two years or more before the
    /// evaluation date: the assertion is stale, and marked so.
    pub stale: bool,
}

impl StatusSource<'_> {
    /// The source in words: `as the report gb-328-progress asserts as of
    /// July 2016`, with `(stale: …)` when two years or more older than
    /// `evaluated`.
    pub fn note(&self, evaluated: Date) -> String {
        let mut note = format!(
            "as the report {} asserts as of {}",
            self.report,
            crate::label::date_or_month_label(self.as_of)
        );
        if self.stale {
            note.push_str(" (stale: two years or more before ");
            note.push_str(&crate::label::date_label(evaluated));
            note.push_str("; check it still holds)");
        }
        note
    }
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
    /// The deadline month, written as the seed prints it: `03/2016`.
    #[serde(serialize_with = "ser::option_timeline")]
    pub timeline: Option<YearMonth>,
    /// The data source and baseline, printed in parentheses.
    #[serde(serialize_with = "ser::displayed")]
    pub details: Vec<Detail<'a>>,
    /// The kind of measure (`milestone`, `count`, …).
    pub measure: &'static str,
}

/// A fact printed in parentheses after an indicator's text.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Detail<'a> {
    /// Where the figures come from: `source: indicator 4.1 of …`.
    Source(&'a str),
    /// The baseline of a count, with its unit: `baseline: 8 member States`.
    CountBaseline {
        /// The baseline.
        value: Decimal,
        /// What is counted, where the plan says.
        unit: Option<&'a str>,
    },
    /// The baseline of a percentage: `baseline: 40 per cent`.
    PercentageBaseline(Decimal),
}

impl fmt::Display for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detail::Source(source) => write!(f, "source: {source}"),
            Detail::CountBaseline { value, unit: None } => write!(f, "baseline: {value}"),
            Detail::CountBaseline {
                value,
                unit: Some(unit),
            } => write!(f, "baseline: {value} {unit}"),
            Detail::PercentageBaseline(value) => write!(f, "baseline: {value} per cent"),
        }
    }
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
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PortfolioLine<'a> {
    /// Its name.
    pub name: &'a str,
    /// The baseline amount and its date.
    pub baseline: Option<&'a DatedMoney>,
    /// The target amount.
    pub target: Money,
    /// The latest amount known and its date.
    pub current: Current<'a>,
    /// The remaining gap, where it can be computed.
    pub gap: Option<Money>,
    /// Progress from the baseline toward the target, 0–100.
    pub progress_percent: Option<Decimal>,
    /// Progress as a fraction 0–1 rounded to four decimals (half away from
    /// zero), for charts.
    pub progress_fraction: Option<Decimal>,
    /// The status of the portfolio: that of the indicator measuring it in
    /// the table, so a report gives one status per thing.
    pub status: Status,
    /// Where the amounts alone give another status than the table's: that
    /// status and why they differ, in words.
    pub status_note: Option<String>,
}

impl PortfolioLine<'_> {
    /// The baseline as a cell shows it: `USD 84,000,000 on 15 August 2015`.
    pub fn baseline_label(&self) -> Option<String> {
        self.baseline.map(dated_money_label)
    }

    /// The gap as a cell shows it: `USD 16,000,000`, or `—` when unknown.
    pub fn gap_label(&self) -> String {
        self.gap.map_or_else(|| "—".to_owned(), money_label)
    }

    /// Progress as a cell shows it: `0 %`, or `—` when unknown.
    pub fn progress_label(&self) -> String {
        self.progress_percent
            .map_or_else(|| "—".to_owned(), percent_label)
    }
}

/// The latest amount of a portfolio known as of the date.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Current<'a> {
    /// An amount observed after the baseline.
    Observed(&'a DatedMoney),
    /// Nothing observed since the baseline, which still stands.
    Baseline(&'a DatedMoney),
    /// No amount at all.
    Unknown,
}

impl fmt::Display for Current<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Current::Observed(m) => f.write_str(&dated_money_label(m)),
            Current::Baseline(m) => write!(
                f,
                "{} (no observation since the baseline)",
                dated_money_label(m)
            ),
            Current::Unknown => f.write_str("no observation"),
        }
    }
}

/// A deliverable that is not fully funded.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct FundingLine<'a> {
    /// The deliverable's id.
    pub deliverable: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Its funding status (`partially_funded`, `conditional`, …).
    pub funding_status: FundingStatus,
    /// Whether it waits for resources as of the date.
    pub waiting: bool,
    /// What the plan or report says about it.
    pub notes: Vec<Cow<'a, str>>,
}

impl FundingLine<'_> {
    /// Status and waiting in words: `unfunded, waiting for resources`.
    pub fn state(&self) -> String {
        let mut state = self.funding_status.as_str().replace('_', " ");
        if self.waiting {
            state.push_str(", waiting for resources");
        }
        state
    }
}

/// Requests received but not funded.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RequestLine<'a> {
    /// How many.
    pub count: u32,
    /// What is requested.
    pub text: &'a str,
    /// The cost, where known.
    pub cost: Option<Money>,
    /// Whether meeting them needs a reallocation.
    pub requires_reallocation: bool,
}

impl RequestLine<'_> {
    /// The line as a reader sees it: count, text, cost, reallocation.
    pub fn summary(&self) -> String {
        let mut summary = format!("{} request(s): {}", self.count, self.text);
        if let Some(cost) = self.cost {
            summary.push_str(" Cost: ");
            summary.push_str(&money_label(cost));
            summary.push('.');
        }
        if self.requires_reallocation {
            summary.push_str(" Would require a reallocation of resources.");
        }
        summary
    }
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
