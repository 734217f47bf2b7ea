//! The report as CSV (RFC 4180): one row per indicator, and one per
//! deliverable without an indicator (so a spreadsheet loses no row of the
//! plan), CRLF line ends, cells a spreadsheet would run as formulas
//! neutralized.

use crate::escape::csv_field as cell;
use crate::label::timeline_label;
use crate::view::ReportView;
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

/// Renders one row per indicator and one per deliverable without an
/// indicator (its indicator cells empty), with a header row.
///
/// Every field is written straight from the view's borrowed text into the
/// output: the deliverable's and items' texts appear on each of their rows,
/// as the format wants, without a copy per row on the way.
pub fn render(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    for (k, name) in COLUMNS.iter().enumerate() {
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
        for c in &b.categories {
            for row in &c.rows {
                let ind = row.indicator.as_ref();
                let items = || row.items.iter();
                let d = &row.deliverable;
                cell(out, [b.biennium.to_string().as_str()])?;
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
