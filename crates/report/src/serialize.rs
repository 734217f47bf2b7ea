//! How the view is written as JSON: every figure as the words the other
//! formats show (`USD 84,000,000`, `July 2016`, `03/2016`), so that the
//! JSON output reads like the report it describes.

use crate::label::{date_or_month_label, money_label, timeline_label};
use crate::view::{FundingLine, PortfolioLine, RequestLine};
use actionplan_model::{DateOrMonth, YearMonth, format_date};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use std::fmt::Display;
use time::Date;

/// `2016-07-31`.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with hands the field by reference"
)]
pub fn date<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_date(*d))
}

/// `2016-07-31`, or `null`.
#[allow(
    clippy::ref_option,
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with hands the field by reference"
)]
pub fn option_date<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&format_date(*d)),
        None => s.serialize_none(),
    }
}

/// `July 2016` or `31 July 2016`.
pub fn date_or_month<S: Serializer>(d: &DateOrMonth, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date_or_month_label(*d))
}

/// `03/2016`, or `null`.
#[allow(
    clippy::ref_option,
    reason = "serde's serialize_with hands the field by reference"
)]
pub fn option_timeline<S: Serializer>(m: &Option<YearMonth>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => s.serialize_some(&timeline_label(*m)),
        None => s.serialize_none(),
    }
}

/// `November 2017`, or nothing (used with `skip_serializing_if`).
#[allow(
    clippy::ref_option,
    reason = "serde's serialize_with hands the field by reference"
)]
pub fn option_date_or_month<S: Serializer>(
    d: &Option<DateOrMonth>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&date_or_month_label(*d)),
        None => s.serialize_none(),
    }
}

/// `12/2018`.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with hands the field by reference"
)]
pub fn timeline<S: Serializer>(m: &YearMonth, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&timeline_label(*m))
}

/// A decimal as written, without trailing zeros: `131`.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with hands the field by reference"
)]
pub fn decimal<S: Serializer>(d: &rust_decimal::Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.normalize())
}

/// A list of strings, each item as it displays.
pub fn displayed<S: Serializer, T: Display>(items: &[T], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(items.iter().map(ToString::to_string))
}

impl Serialize for PortfolioLine<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("PortfolioLine", 10)?;
        st.serialize_field("name", self.name)?;
        st.serialize_field("baseline", &self.baseline_label())?;
        st.serialize_field("target", &money_label(self.target))?;
        st.serialize_field("current", &self.current.to_string())?;
        st.serialize_field("gap", &self.gap_label())?;
        st.serialize_field(
            "progress_percent",
            &self.progress_percent.map(|p| p.normalize().to_string()),
        )?;
        st.serialize_field(
            "progress_fraction",
            &self.progress_fraction.map(|f| f.to_string()),
        )?;
        st.serialize_field("progress_label", &self.progress_label())?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("status_note", &self.status_note)?;
        st.end()
    }
}

impl Serialize for FundingLine<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("FundingLine", 6)?;
        st.serialize_field("deliverable", self.deliverable)?;
        st.serialize_field("text", self.text)?;
        st.serialize_field("funding_status", self.funding_status.as_str())?;
        st.serialize_field("waiting", &self.waiting)?;
        st.serialize_field("state", &self.state())?;
        st.serialize_field("notes", &self.notes)?;
        st.end()
    }
}

impl Serialize for RequestLine<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("RequestLine", 5)?;
        st.serialize_field("count", &self.count)?;
        st.serialize_field("text", self.text)?;
        st.serialize_field("cost", &self.cost.map(money_label))?;
        st.serialize_field("requires_reallocation", &self.requires_reallocation)?;
        st.serialize_field("summary", &self.summary())?;
        st.end()
    }
}
