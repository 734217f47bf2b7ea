//! What format 1.1 adds to the report view: time frames, dated baselines
//! and targets, revisions, evidence, disaggregation, units and partners.
//!
//! A plan of the 1.0 shape is laid out exactly as before (the same bytes in
//! every format); these parts stay empty for it and are left out of the
//! JSON output. A plan that uses a 1.1 member gets the 1.1 [`Layout`],
//! which also prints ids (so a reader can follow `actionplan diff` and
//! `--unit` back to the table), lists the observations in the progress
//! cell, and adds columns to the CSV output.

use crate::label::{date_or_month_label, money_label, timeline_label};
use crate::serialize as ser;
use actionplan_model::{DateOrMonth, Money, Span, YearMonth};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::fmt::{self, Write as _};

/// Which layout the report has: that of the 1.0 format, or the 1.1 layout
/// for a plan that uses a 1.1 member.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Layout {
    /// The 1.0 layout: grouped by biennium, no ids in Markdown and HTML,
    /// the 20 CSV columns.
    #[default]
    #[serde(rename = "1.0")]
    Format10,
    /// The 1.1 layout: grouped by time frame, ids shown, observations in
    /// the progress cell, the CSV columns of [`CSV_COLUMNS_1_1`](crate::CSV_COLUMNS_1_1).
    #[serde(rename = "1.1")]
    Format11,
}

impl Layout {
    /// Whether this is the 1.0 layout (left out of the JSON output).
    #[allow(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's skip_serializing_if hands the field by reference"
    )]
    pub fn is_1_0(&self) -> bool {
        *self == Layout::Format10
    }
}

/// A unit of the Office as a cell names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UnitRef<'a> {
    /// The unit's id.
    pub id: &'a str,
    /// Its name (the id where the plan does not declare it).
    pub name: &'a str,
}

impl fmt::Display for UnitRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A document cited as evidence.
///
/// Only an `http` or `https` address ever becomes a link: [`link`](Self::link)
/// answers `None` for anything else, even for a view built in code, and
/// every renderer asks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct EvidenceView<'a> {
    /// The document's title.
    pub title: &'a str,
    /// Its document symbol.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<&'a str>,
    /// Its address as written in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// Its date (written `November 2017`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::option_date_or_month"
    )]
    pub date: Option<DateOrMonth>,
}

impl<'a> EvidenceView<'a> {
    /// A document with a title and nothing else yet.
    pub fn new(title: &'a str) -> Self {
        EvidenceView {
            title,
            symbol: None,
            url: None,
            date: None,
        }
    }

    /// The address to link to: the URL only when it is an `http`/`https`
    /// address of the accepted grammar, never a `javascript:` or `data:` one.
    pub fn link(&self) -> Option<&'a str> {
        self.url
            .filter(|u| actionplan_model::HttpUrl::new(*u).is_ok())
    }

    /// What is printed after the title: `GB.337/INS/5, November 2019`, and
    /// the address as text where it cannot be a link. Empty when there is
    /// nothing to add.
    pub fn note(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(s) = self.symbol {
            parts.push(s.to_owned());
        }
        if let Some(d) = self.date {
            parts.push(date_or_month_label(d));
        }
        if let (Some(u), None) = (self.url, self.link()) {
            parts.push(u.to_owned());
        }
        parts.join(", ")
    }
}

impl fmt::Display for EvidenceView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title)?;
        let note = self.note();
        if !note.is_empty() {
            write!(f, " ({note})")?;
        }
        if let Some(l) = self.link() {
            write!(f, " <{l}>")?;
        }
        Ok(())
    }
}

/// A value split along one dimension: `Women 131, Men 181`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SplitView<'a> {
    /// The dimension's id.
    pub dimension: &'a str,
    /// Its name.
    pub name: &'a str,
    /// The parts, in code order.
    pub parts: Vec<SplitPart<'a>>,
}

/// One part of a split.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SplitPart<'a> {
    /// The value's code (`female`, `BD`).
    pub code: &'a str,
    /// Its name where declared, else its code.
    pub label: &'a str,
    /// The part.
    #[serde(serialize_with = "ser::decimal")]
    pub value: Decimal,
}

impl fmt::Display for SplitView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, p) in self.parts.iter().enumerate() {
            if k > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{} {}", p.label, p.value.normalize())?;
        }
        Ok(())
    }
}

/// Splits one after the other: `Women 131, Men 181; Bangladesh 120, …`.
pub(crate) struct Splits<'s, 'a>(pub &'s [SplitView<'a>]);

impl fmt::Display for Splits<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, s) in self.0.iter().enumerate() {
            if k > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{s}")?;
        }
        Ok(())
    }
}

/// A figure of an indicator: a count, a percentage or an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Figure {
    /// A number of things; `additional` when counted on top of the baseline.
    Count {
        /// The number.
        value: Decimal,
        /// Whether it is additional to the baseline.
        additional: bool,
    },
    /// A percentage.
    Percentage(Decimal),
    /// An amount of money.
    Money(Money),
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Count {
                value,
                additional: false,
            } => write!(f, "{}", value.normalize()),
            Figure::Count {
                value,
                additional: true,
            } => write!(f, "{} additional", value.normalize()),
            Figure::Percentage(p) => write!(f, "{} per cent", p.normalize()),
            Figure::Money(m) => f.write_str(&money_label(*m)),
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A revision in force next to what it changed: `revised from 12/2019 (GB.337)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RevisionMark<'a> {
    /// The revision's id.
    pub revision: &'a str,
    /// The value before it, as printed (`12/2019`, `20 per cent`).
    pub from: String,
    /// Who decided it: the session (`GB.337`), else the document symbol.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

impl fmt::Display for RevisionMark<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "revised from {}", self.from)?;
        if let Some(by) = &self.by {
            write!(f, " ({by})")?;
        }
        Ok(())
    }
}

/// A target of an indicator: a dated one, or the final one due at the
/// deadline in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TargetLine<'a> {
    /// The figure to reach, after the revisions in force.
    pub value: Figure,
    /// The month by whose end it is due (written `12/2018`).
    #[serde(serialize_with = "ser::timeline")]
    pub by: YearMonth,
    /// Whether this is the target in force as of the report's date.
    pub in_force: bool,
    /// The revision in force that changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revised: Option<RevisionMark<'a>>,
    /// The target split by dimensions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<SplitView<'a>>,
}

impl fmt::Display for TargetLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} by {}", self.value, timeline_label(self.by))?;
        if !self.splits.is_empty() {
            write!(f, " ({})", Splits(&self.splits))?;
        }
        if let Some(r) = &self.revised {
            write!(f, ", {r}")?;
        }
        if self.in_force {
            f.write_str(", in force")?;
        }
        Ok(())
    }
}

/// An observation as the progress cell lists it:
/// `312 on 30 November 2018 (Women 131, Men 181)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ObservationLine<'a> {
    /// What was observed, as printed (`312`, `34 per cent`,
    /// `USD 15,500,000`, `completed November 2017`, `met`).
    pub value: String,
    /// When it was observed, where the observation says.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::option_date_or_month"
    )]
    pub as_of: Option<DateOrMonth>,
    /// The period it covers, where given per period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Span>,
    /// Its splits by dimension.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<SplitView<'a>>,
    /// The documents that verify it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceView<'a>>,
}

impl ObservationLine<'_> {
    /// The line without its evidence: `2 in 2017`, `34 per cent in June 2018`.
    pub fn summary(&self) -> String {
        let mut out = self.value.clone();
        if let Some(p) = self.period {
            out.push_str(" in ");
            out.push_str(&p.to_string());
        } else if let Some(d) = self.as_of {
            out.push_str(match d {
                DateOrMonth::Day(_) => " on ",
                _ => " in ",
            });
            out.push_str(&date_or_month_label(d));
        }
        if !self.splits.is_empty() {
            let _ = write!(out, " ({})", Splits(&self.splits));
        }
        out
    }
}

/// A revision of the plan, as the revisions section lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RevisionLine<'a> {
    /// The revision's id.
    pub id: &'a str,
    /// The indicator revised.
    pub indicator: &'a str,
    /// Its text.
    pub indicator_text: &'a str,
    /// What changed, as printed: `deadline 12/2019 → 06/2020`.
    pub change: String,
    /// When it takes effect.
    #[serde(serialize_with = "ser::date_or_month")]
    pub effective: DateOrMonth,
    /// Whether it is in force as of the report's date.
    pub in_force: bool,
    /// The session that decided it (`GB.337`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<String>,
    /// The document that made it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<&'a str>,
    /// Why.
    pub rationale: &'a str,
    /// Documents that support it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceView<'a>>,
}

impl RevisionLine<'_> {
    /// The line without its rationale and evidence:
    /// `deadline 12/2019 → 06/2020, effective 15 October 2019 (GB.337, GB.337/INS/5)`.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "{}, effective {}",
            self.change,
            date_or_month_label(self.effective)
        );
        let by: Vec<&str> = self
            .decided_at
            .as_deref()
            .into_iter()
            .chain(self.document)
            .collect();
        if !by.is_empty() {
            let _ = write!(out, " ({})", by.join(", "));
        }
        if !self.in_force {
            out.push_str(", not yet in force");
        }
        out
    }
}

/// What one unit leads and contributes to, and how its indicators stand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UnitSummary<'a> {
    /// The unit.
    pub unit: UnitRef<'a>,
    /// The unit it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitRef<'a>>,
    /// Items and deliverables it leads, by id, in plan order.
    pub leads: Vec<&'a str>,
    /// Items and deliverables it contributes to, by id, in plan order.
    pub contributes: Vec<&'a str>,
    /// How many indicators its work has (as lead or contributor).
    pub indicators: usize,
    /// Their standing statuses in words: `2 achieved, 1 on track`.
    pub statuses: String,
}

/// A group of resource lines and its totals (format 1.1): all lines, a kind
/// of source, a partner, a unit, a biennium or a period.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TotalsRow<'a> {
    /// What the group is: `all`, `kind`, `partner`, `unit`, `biennium`, `period`.
    pub group: &'static str,
    /// Its name as printed.
    pub name: std::borrow::Cow<'a, str>,
    /// The partner's or unit's id, for those groups.
    pub id: Option<&'a str>,
    /// The funding crate's totals of the group: per currency, and in one
    /// currency where the stated rates allow.
    pub totals: &'a actionplan_funding::AmountTotals,
}

/// Amounts per currency as printed: `USD 1,000,000; CHF 2,000,000`, or `—`.
pub(crate) fn amounts_label(t: &actionplan_funding::CurrencyTotals) -> String {
    if t.is_empty() {
        return "—".to_owned();
    }
    t.iter().map(money_label).collect::<Vec<_>>().join("; ")
}

impl TotalsRow<'_> {
    /// Secured amounts, per currency.
    pub fn secured_label(&self) -> String {
        amounts_label(&self.totals.secured)
    }

    /// Approved amounts, per currency.
    pub fn approved_label(&self) -> String {
        amounts_label(&self.totals.approved)
    }

    /// Spent amounts, per currency.
    pub fn spent_label(&self) -> String {
        amounts_label(&self.totals.spent)
    }

    /// Delivery rates: `64 %` in one currency, `USD 64 %; CHF 62.5 %` in several.
    pub fn delivery_label(&self) -> String {
        let d = &self.totals.delivery_percent;
        match d.len() {
            0 => "—".to_owned(),
            1 => d
                .values()
                .map(|p| crate::label::percent_label(*p))
                .collect(),
            _ => d
                .iter()
                .map(|(c, p)| format!("{c} {}", crate::label::percent_label(*p)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// The totals in one currency with the rates used, or why they stay
    /// per currency; `None` where no conversion was asked for.
    pub fn converted_label(&self) -> Option<String> {
        use actionplan_funding::InCurrency;
        Some(match self.totals.in_currency.as_ref()? {
            InCurrency::Converted(c) => {
                let mut parts = Vec::new();
                for (what, m) in [
                    ("secured", c.secured),
                    ("approved", c.approved),
                    ("spent", c.spent),
                ] {
                    if let Some(m) = m {
                        parts.push(format!("{what} {}", money_label(m)));
                    }
                }
                if let Some(p) = c.delivery_percent {
                    parts.push(format!("delivery {}", crate::label::percent_label(p)));
                }
                let mut out = parts.join(", ");
                if !c.rates.is_empty() {
                    let rates: Vec<String> = c.rates.iter().map(ToString::to_string).collect();
                    let _ = write!(out, " (at {})", rates.join("; "));
                }
                out
            }
            InCurrency::PerCurrency { currency, reasons } => {
                let reasons: Vec<String> = reasons.iter().map(ToString::to_string).collect();
                format!("not in {currency}: {}", reasons.join("; "))
            }
            _ => return None,
        })
    }
}

impl Serialize for TotalsRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("TotalsRow", 8)?;
        st.serialize_field("group", self.group)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("secured", &self.secured_label())?;
        st.serialize_field("approved", &self.approved_label())?;
        st.serialize_field("spent", &self.spent_label())?;
        st.serialize_field("delivery", &self.delivery_label())?;
        st.serialize_field("converted", &self.converted_label())?;
        st.end()
    }
}

/// Budget, expenditure and delivery of one resource line (format 1.1).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeliveryRow<'a> {
    /// The line's id.
    pub line: &'a str,
    /// The funding crate's figures of the line.
    pub delivery: &'a actionplan_funding::LineDelivery,
}

impl DeliveryRow<'_> {
    /// `USD 640,000 of USD 1,000,000 spent by 31 December 2018: 64 %`.
    pub fn summary(&self) -> String {
        let d = self.delivery;
        let mut out = match (d.spent, d.approved) {
            (Some(s), Some(a)) => format!("{} of {} spent", money_label(s), money_label(a)),
            (None, Some(a)) => format!("{} approved, no expenditure known", money_label(a)),
            (Some(s), None) => format!("{} spent", money_label(s)),
            (None, None) => "no budget stated".to_owned(),
        };
        if let Some(on) = d.spent_as_of {
            let _ = write!(out, " by {}", date_or_month_label(on));
        }
        if let Some(p) = d.delivery_percent {
            let _ = write!(out, ": {}", crate::label::percent_label(p));
        }
        if let Some(u) = d.unspent {
            let _ = write!(out, ", {} unspent", money_label(u));
        }
        out
    }
}

impl Serialize for DeliveryRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("DeliveryRow", 3)?;
        st.serialize_field("line", self.line)?;
        st.serialize_field(
            "delivery_percent",
            &self
                .delivery
                .delivery_percent
                .map(|p| p.normalize().to_string()),
        )?;
        st.serialize_field("summary", &self.summary())?;
        st.end()
    }
}
