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
use crate::view11::{
    EvidenceView, Layout, ObservationLine, RevisionLine, RevisionMark, TargetLine, UnitRef,
    UnitSummary,
};
use actionplan_funding::FundingStatus;
use actionplan_indicators::CannotCompute;
use actionplan_model::{
    Biennium, Cumulation, DateOrMonth, DatedMoney, Money, ParagraphRef, Period, Span, Status,
    YearMonth,
};
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
    /// Which layout: 1.0 for a plan of the 1.0 shape, 1.1 for one that
    /// uses a 1.1 member (left out of the JSON output for 1.0).
    #[serde(skip_serializing_if = "Layout::is_1_0")]
    pub layout: Layout,
    /// The unit the report is restricted to (`report --unit`), where it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitRef<'a>>,
    /// The table, time frame by time frame (biennium by biennium for a
    /// plan of the 1.0 shape), category by category. The JSON name stays
    /// `bienniums`, as in the 1.0 output.
    pub bienniums: Vec<BienniumSection<'a>>,
    /// Counts of indicators per standing status, in vocabulary order.
    pub summary: Vec<StatusCount>,
    /// The resources picture.
    pub funding: FundingView<'a>,
    /// Footnotes of the progress report, in number order.
    pub footnotes: Vec<FootnoteView<'a>>,
    /// The plan's revisions of deadlines and targets, in the plan's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<RevisionLine<'a>>,
    /// What each unit of the Office leads and contributes to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitSummary<'a>>,
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

/// The rows of one time frame: a biennium ("For the 2016–17 biennium"), a
/// year ("For 2017"), a range of months, or the whole plan for the items
/// that state no time frame of their own.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct BienniumSection<'a> {
    /// `2016-17`, for a biennium.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub biennium: Option<Biennium>,
    /// The year or the months, for a time frame that is not a biennium.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The plan's period, for the items that run over the whole plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whole_plan: Option<Period>,
    /// The heading as printed: "For the 2016–17 biennium", "For 2017".
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
    /// The unit that leads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_unit: Option<UnitRef<'a>>,
    /// The units that contribute to it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contributing_units: Vec<UnitRef<'a>>,
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
    /// The time frame it is planned for, where it has its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The unit that leads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_unit: Option<UnitRef<'a>>,
    /// The units that contribute to it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contributing_units: Vec<UnitRef<'a>>,
    /// What the report says of a deliverable that has indicators (1.1
    /// layout): its narrative, its asserted status and its evidence. A
    /// deliverable without indicators has it in its row's progress cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<ProgressCell<'a>>,
    /// The status the report asserts for it, where it does (1.1 layout,
    /// deliverables with indicators).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asserted: Option<Status>,
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
    /// The deadline month in force as of the report's date (after the
    /// revisions in force), written as the seed prints it: `03/2016`.
    #[serde(serialize_with = "ser::option_timeline")]
    pub timeline: Option<YearMonth>,
    /// The revision in force that moved the deadline: `revised from
    /// 12/2019 (GB.337)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_revised: Option<RevisionMark<'a>>,
    /// The time frame it runs over, where it has its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// How its values add up, where not cumulative (the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cumulation: Option<Cumulation>,
    /// Its targets over time, the one in force marked, where it has dated
    /// targets or a revised target.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetLine<'a>>,
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
    /// A baseline with a date, a comment or a source (format 1.1):
    /// `baseline: 38 per cent in December 2016 — Inspections of 2016;
    /// source: National labour inspection reports`.
    DatedBaseline {
        /// The figure, with its unit for a count.
        value: crate::view11::Figure,
        /// What is counted, where the plan says.
        unit: Option<&'a str>,
        /// When it was that figure.
        date: Option<DateOrMonth>,
        /// A comment on it.
        comment: Option<&'a str>,
        /// Where it comes from.
        source: Option<&'a str>,
    },
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
            Detail::DatedBaseline {
                value,
                unit,
                date,
                comment,
                source,
            } => {
                write!(f, "baseline: {value}")?;
                if let Some(unit) = unit {
                    write!(f, " {unit}")?;
                }
                if let Some(date) = date {
                    let on = if matches!(date, DateOrMonth::Day(_)) {
                        "on"
                    } else {
                        "in"
                    };
                    write!(f, " {on} {}", crate::label::date_or_month_label(*date))?;
                }
                if let Some(comment) = comment {
                    write!(f, " — {comment}")?;
                }
                if let Some(source) = source {
                    write!(f, "; baseline source: {source}")?;
                }
                Ok(())
            }
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
    /// The observations the report gives (1.1 layout only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<ObservationLine<'a>>,
    /// The documents that verify the progress of a deliverable.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceView<'a>>,
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
    /// Totals of the resource lines: all, by kind of source, partner, unit,
    /// biennium and period (format 1.1 plans, where amounts are stated).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub totals: Vec<crate::view11::TotalsRow<'a>>,
    /// Budget, expenditure and delivery per resource line (format 1.1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub delivery: Vec<crate::view11::DeliveryRow<'a>>,
    /// The exchange rates the file states, as printed:
    /// `1.0120 USD per CHF of 2 January 2018 (United Nations operational rate of exchange)`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<String>,
}

impl FundingView<'_> {
    /// Whether there is nothing to show under a "Resources" heading.
    pub fn is_empty(&self) -> bool {
        self.portfolios.is_empty()
            && self.underfunded.is_empty()
            && self.requests.is_empty()
            && self.totals.is_empty()
            && self.delivery.is_empty()
    }
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
