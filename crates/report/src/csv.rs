//! The report as CSV (RFC 4180): one row per indicator, CRLF line ends,
//! cells a spreadsheet would run as formulas neutralized.

use crate::escape::csv as cell;
use crate::view::ReportView;

/// The header row's column names.
pub const COLUMNS: [&str; 19] = [
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
];

/// Renders one row per indicator, with a header row.
pub fn render(view: &ReportView) -> String {
    let mut out = String::new();
    push_record(&mut out, COLUMNS.iter().map(|s| (*s).to_owned()));
    for b in &view.bienniums {
        for c in &b.categories {
            for row in &c.rows {
                let Some(ind) = &row.indicator else { continue };
                let status = |s: Option<actionplan_model::Status>| {
                    s.map(|s| s.as_str().to_owned()).unwrap_or_default()
                };
                push_record(
                    &mut out,
                    [
                        b.biennium.clone(),
                        c.name.clone(),
                        row.items
                            .iter()
                            .map(|i| i.id.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                        row.items
                            .iter()
                            .map(|i| i.text.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                        row.items
                            .iter()
                            .map(|i| i.paragraphs.join(", "))
                            .collect::<Vec<_>>()
                            .join("; "),
                        row.deliverable.id.clone(),
                        row.deliverable.letter.clone().unwrap_or_default(),
                        row.deliverable.text.clone(),
                        row.deliverable.conditions.join("; "),
                        ind.id.clone(),
                        ind.letter.clone().unwrap_or_default(),
                        ind.text.clone(),
                        ind.timeline.clone().unwrap_or_default(),
                        ind.measure.clone(),
                        row.progress
                            .as_ref()
                            .map(|p| p.text.clone())
                            .unwrap_or_default(),
                        status(row.status),
                        status(row.derived),
                        status(row.asserted),
                        row.disagreement.clone().unwrap_or_default(),
                    ]
                    .into_iter(),
                );
            }
        }
    }
    out
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    let line: Vec<String> = fields.map(|f| cell(&f)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}
