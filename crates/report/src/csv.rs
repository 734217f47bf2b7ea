//! The report as CSV (RFC 4180): one row per indicator, and one per
//! deliverable without an indicator (so a spreadsheet loses no row of the
//! plan), CRLF line ends, cells a spreadsheet would run as formulas
//! neutralized.

use crate::escape::csv_field as cell;
use crate::label::timeline_label;
use crate::view::{BienniumSection, IndicatorCell, ReportView, Row};
use crate::view11::Layout;
use std::fmt::{self, Write};

/// The header row's column names.
pub const COLUMNS: [&str; 21] = [
    "biennium",
    "category",
    "item_ids",
    "follow_up_items",
    "paragraphs",
    "deliverable_id",
    "deliverable_letter",
    "deliverable",
    "conditions",
    "indicator_id",
    "indicator_letter",
    "indicator",
    "timeline",
    "measure",
    "progress",
    "status",
    "derived_status",
    "asserted_status",
    "disagreement",
    "status_source",
    "cannot_compute",
];

/// The columns the 1.1 layout (a plan that uses a 1.1 member) adds after
/// [`COLUMNS`]. `biennium` is then empty for a row whose time frame is not a
/// biennium; `time_frame` names it.
pub const COLUMNS_ADDED_1_1: [&str; 12] = [
    "time_frame",
    "item_lead_units",
    "deliverable_lead_unit",
    "contributing_units",
    "deliverable_span",
    "indicator_span",
    "details",
    "targets",
    "cumulation",
    "deadline_revised",
    "observations",
    "evidence",
];

/// The header row of the 1.1 layout: [`COLUMNS`], then
/// [`COLUMNS_ADDED_1_1`].
pub const COLUMNS_1_1: [&str; 33] = concat(COLUMNS, COLUMNS_ADDED_1_1);

/// `a` then `b`, at compile time (`C` must be `A + B`, or the build fails).
#[allow(
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "evaluated by the compiler on constants only: a wrong length is a build error, never a panic at run time"
)]
const fn concat<const A: usize, const B: usize, const C: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; C] {
    assert!(A + B == C);
    let mut out = [""; C];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < C {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

/// Renders one row per indicator and one per deliverable without an
/// indicator (its indicator cells empty), with a header row.
///
/// Every field is written straight from the view's borrowed text into the
/// output: the deliverable's and items' texts appear on each of their rows,
/// as the format wants, without a copy per row on the way.
pub fn render(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    let wide = view.layout == Layout::Format11;
    let columns: &[&str] = if wide { &COLUMNS_1_1 } else { &COLUMNS };
    for (k, name) in columns.iter().enumerate() {
        if k > 0 {
            out.write_char(',')?;
        }
        cell(out, [*name])?;
    }
    out.write_str("\r\n")?;
    // No status is an empty cell.
    let status =
        |s: Option<actionplan_model::Status>| s.map_or("", actionplan_model::Status::as_str);
    for b in &view.bienniums {
        let biennium = b.biennium.map(|b| b.to_string()).unwrap_or_default();
        for c in &b.categories {
            for row in &c.rows {
                let ind = row.indicator.as_ref();
                let items = || row.items.iter();
                let d = &row.deliverable;
                cell(out, [biennium.as_str()])?;
                out.write_char(',')?;
                cell(out, [c.name])?;
                out.write_char(',')?;
                cell(out, joined(items().map(|i| i.id), "; "))?;
                out.write_char(',')?;
                cell(out, joined(items().map(|i| i.text), "; "))?;
                out.write_char(',')?;
                // Paragraph references are short and typed: written once
                // into a scratch string, reused across rows.
                let mut paragraphs = String::new();
                for (k, i) in items().enumerate() {
                    if k > 0 {
                        paragraphs.push_str("; ");
                    }
                    for (j, p) in i.paragraphs.iter().enumerate() {
                        if j > 0 {
                            paragraphs.push_str(", ");
                        }
                        write!(paragraphs, "{p}")?;
                    }
                }
                cell(out, [paragraphs.as_str()])?;
                out.write_char(',')?;
                cell(out, [d.id])?;
                out.write_char(',')?;
                cell(out, [d.letter.as_deref().unwrap_or_default()])?;
                out.write_char(',')?;
                cell(out, [d.text])?;
                out.write_char(',')?;
                cell(out, joined(d.conditions.iter().copied(), "; "))?;
                out.write_char(',')?;
                cell(out, [ind.map_or("", |i| i.id)])?;
                out.write_char(',')?;
                cell(
                    out,
                    [ind.and_then(|i| i.letter.as_deref()).unwrap_or_default()],
                )?;
                out.write_char(',')?;
                cell(out, [ind.map_or("", |i| i.text)])?;
                out.write_char(',')?;
                let timeline = ind.and_then(|i| i.timeline).map(timeline_label);
                cell(out, [timeline.as_deref().unwrap_or_default()])?;
                out.write_char(',')?;
                cell(out, [ind.map_or("", |i| i.measure)])?;
                out.write_char(',')?;
                cell(
                    out,
                    [row.progress.as_ref().map(|p| p.text).unwrap_or_default()],
                )?;
                out.write_char(',')?;
                cell(out, [status(row.status)])?;
                out.write_char(',')?;
                cell(out, [status(row.derived)])?;
                out.write_char(',')?;
                cell(out, [status(row.asserted)])?;
                out.write_char(',')?;
                cell(out, [row.disagreement.unwrap_or_default()])?;
                out.write_char(',')?;
                let source = row.status_source.map(|s| s.note(view.as_of));
                cell(out, [source.as_deref().unwrap_or_default()])?;
                out.write_char(',')?;
                let notes: Vec<String> =
                    row.cannot_compute.iter().map(ToString::to_string).collect();
                cell(out, joined(notes.iter().map(String::as_str), "; "))?;
                if wide {
                    wide_cells(out, b, row, ind)?;
                }
                out.write_str("\r\n")?;
            }
        }
    }
    Ok(())
}

/// `parts` with `separator` between them, as pieces of one field.
fn joined<'p>(
    parts: impl Iterator<Item = &'p str> + Clone,
    separator: &'static str,
) -> impl Iterator<Item = &'p str> + Clone {
    parts
        .enumerate()
        .flat_map(move |(k, p)| [if k == 0 { "" } else { separator }, p])
}

/// The cells the 1.1 layout adds to a row, each preceded by its comma.
fn wide_cells(
    out: &mut impl Write,
    b: &BienniumSection<'_>,
    row: &Row<'_>,
    ind: Option<&IndicatorCell<'_>>,
) -> fmt::Result {
    let d = &row.deliverable;
    let mut field = |text: &str| -> fmt::Result {
        out.write_char(',')?;
        cell(out, [text])
    };
    let time_frame = b
        .span
        .map(|s| s.to_string())
        .or_else(|| b.biennium.map(|b| b.to_string()))
        .or_else(|| b.whole_plan.map(|p| format!("whole plan {p}")))
        .unwrap_or_default();
    field(&time_frame)?;
    let item_leads: Vec<&str> = row
        .items
        .iter()
        .map(|i| i.lead_unit.map_or("", |u| u.id))
        .collect();
    field(&item_leads.join("; "))?;
    field(d.lead_unit.map_or("", |u| u.id))?;
    let mut with: Vec<&str> = Vec::new();
    for u in d
        .contributing_units
        .iter()
        .chain(row.items.iter().flat_map(|i| i.contributing_units.iter()))
    {
        if !with.contains(&u.id) {
            with.push(u.id);
        }
    }
    field(&with.join("; "))?;
    field(&d.span.map(|s| s.to_string()).unwrap_or_default())?;
    // A deliverable without an indicator leaves the indicator's cells empty.
    let span = ind.and_then(|i| i.span).map(|s| s.to_string());
    field(span.as_deref().unwrap_or_default())?;
    let details: Vec<String> = ind
        .into_iter()
        .flat_map(|i| i.details.iter().map(ToString::to_string))
        .collect();
    field(&details.join("; "))?;
    let targets: Vec<String> = ind
        .into_iter()
        .flat_map(|i| i.targets.iter().map(ToString::to_string))
        .collect();
    field(&targets.join("; "))?;
    field(
        ind.and_then(|i| i.cumulation)
            .map_or("", actionplan_model::Cumulation::as_str),
    )?;
    let revised = ind
        .and_then(|i| i.deadline_revised.as_ref())
        .map(ToString::to_string);
    field(revised.as_deref().unwrap_or_default())?;
    let progress = row.progress.as_ref();
    let observations: Vec<String> = progress
        .into_iter()
        .flat_map(|p| {
            p.observations
                .iter()
                .map(crate::view11::ObservationLine::summary)
        })
        .collect();
    field(&observations.join("; "))?;
    let evidence: Vec<String> = progress
        .into_iter()
        .flat_map(|p| {
            p.observations
                .iter()
                .flat_map(|o| o.evidence.iter())
                .chain(p.evidence.iter())
        })
        .map(ToString::to_string)
        .collect();
    field(&evidence.join("; "))
}
