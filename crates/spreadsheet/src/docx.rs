//! The "planned results vs. achievements" table as a Word document, laid
//! out as Governing Body documents print it: a landscape page, the five
//! columns (follow-up item with its paragraphs, planned deliverables,
//! indicators of achievement with their timeline, progress as of the date,
//! status), a row spanning the table for each biennium ("For the 2016–17
//! biennium") and each category, the item and deliverable cells merged
//! down their rows, and the progress report's footnotes as Word footnotes.
//!
//! It draws a [`ReportView`] built by `actionplan-report`, the same view
//! the Markdown and HTML reports draw, so the figures and statuses are the
//! same in every format.
//!
//! ```
//! use actionplan_indicators::Policy;
//! use actionplan_report::{assess, build, default_as_of, Options};
//!
//! let file = actionplan_interchange::read_path("tests/data/sme-action-plan-2016.json")?;
//! let as_of = default_as_of(&file.reports).unwrap();
//! let a = assess(&file.plan, &file.reports, as_of, &Policy::default())?;
//! let view = build(&file.plan, &file.reports, &a.evaluation, &a.funding, &Options::default());
//! let bytes = actionplan_spreadsheet::docx::render_docx(&view)?;
//! assert!(bytes.starts_with(b"PK")); // a Word document is a zip package
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Word numbers footnotes in the order they appear; the report's numbers
//! follow that order in every report the Office publishes. A footnote cited
//! a second time is printed as its number in superscript (Word cannot cite
//! one footnote twice); a footnote no row cites is printed under "Notes"
//! after the table.

use actionplan_model::format_date;
use actionplan_report::{ReportView, Row, date_or_month_label};
use docx_rs::{
    AlignmentType, Docx, Footnote, PageMargin, PageOrientationType, Paragraph, Run, Style,
    StyleType, Table, TableCell, TableRow, VMergeType, VertAlignType, WidthType,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Why the document could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocxError {
    /// The Word writer failed (its words, as text).
    #[error("cannot write the Word document: {message}")]
    Write {
        /// What the writer said.
        message: String,
    },
}

/// A4 in landscape, in twentieths of a point.
const PAGE_WIDTH: u32 = 16_838;
const PAGE_HEIGHT: u32 = 11_906;
/// 2 cm margins.
const MARGIN: i32 = 1_134;
/// The five columns' widths, in twentieths of a point (the text width of
/// the landscape page, 14,570, shared as GB documents share it).
const COLUMNS: [usize; 5] = [2_900, 3_100, 3_300, 3_770, 1_500];
/// Body text: 9 points in the table, as GB tables print (half-points).
const TABLE_TEXT: usize = 18;

/// Renders `view` as a Word document (`.docx` bytes).
///
/// # Errors
///
/// [`DocxError::Write`] if the package cannot be written.
pub fn render_docx(view: &ReportView<'_>) -> Result<Vec<u8>, DocxError> {
    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: 708,
            footer: 708,
            gutter: 0,
        })
        .add_style(footnote_reference_style())
        .add_style(
            Style::new("FootnoteText", StyleType::Paragraph)
                .name("footnote text")
                .size(16),
        );

    if let Some(d) = &view.document {
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_run(Run::new().add_text(d.symbol).bold()),
        );
        if let Some(s) = &d.session {
            doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(s.as_str())));
        }
        if let Some(date) = d.date {
            doc =
                doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(format_date(date))));
        }
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(d.title).bold().size(28)),
        );
    }
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(view.title.as_str()).bold().size(24)),
    );

    let texts: BTreeMap<u32, &str> = view.footnotes.iter().map(|f| (f.number, f.text)).collect();
    let mut notes = Notes {
        texts: &texts,
        cited: BTreeMap::new(),
    };
    let progress_heading = format!(
        "Progress as of {}",
        date_or_month_label(view.progress_as_of)
    );
    let headings = [
        "Follow-up item (paragraph of the conclusions)",
        "Planned deliverables",
        "Indicators of achievement, including timeline",
        progress_heading.as_str(),
        "Status",
    ];
    let mut rows = vec![TableRow::new(
        headings
            .iter()
            .zip(COLUMNS)
            .map(|(h, w)| cell(w).add_paragraph(text_paragraph(h, true)))
            .collect(),
    )];
    for b in &view.bienniums {
        rows.push(spanning_row(&b.heading, true));
        for c in &b.categories {
            rows.push(spanning_row(c.name, false));
            for (k, row) in c.rows.iter().enumerate() {
                rows.push(table_row(row, k == 0, &mut notes));
            }
        }
    }
    let total: usize = COLUMNS.iter().sum();
    doc = doc.add_table(
        Table::new(rows)
            .set_grid(COLUMNS.to_vec())
            .width(total, WidthType::Dxa),
    );

    let uncited: Vec<(&u32, &&str)> = texts
        .iter()
        .filter(|(n, _)| !notes.cited.contains_key(*n))
        .collect();
    if !uncited.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text("Notes").bold()));
        for (n, t) in uncited {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(format!("{n}. {t}")).size(16)),
            );
        }
    }

    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| DocxError::Write {
        message: e.to_string(),
    })?;
    Ok(out.into_inner())
}

fn footnote_reference_style() -> Style {
    let mut style =
        Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    style.run_property = style.run_property.vert_align(VertAlignType::SuperScript);
    style
}

/// The footnotes cited so far: the report's number → the id of the Word
/// footnote (Word prints the ids' order of appearance as its numbers).
struct Notes<'v> {
    texts: &'v BTreeMap<u32, &'v str>,
    cited: BTreeMap<u32, usize>,
}

impl Notes<'_> {
    /// A run citing footnote `number`: a real footnote the first time, its
    /// number in superscript after.
    fn cite(&mut self, number: u32) -> Run {
        let Some(text) = self.texts.get(&number) else {
            return superscript(&number.to_string());
        };
        if let Some(first) = self.cited.get(&number) {
            return superscript(&first.to_string());
        }
        let id = self.cited.len().saturating_add(1);
        self.cited.insert(number, id);
        let content = Paragraph::new()
            .style("FootnoteText")
            .add_run(Run::new().add_text(*text));
        Run::new().add_footnote_reference(Footnote {
            id,
            content: vec![content],
        })
    }
}

fn superscript(text: &str) -> Run {
    let mut run = Run::new().add_text(text).size(TABLE_TEXT);
    run.run_property = run.run_property.vert_align(VertAlignType::SuperScript);
    run
}

fn cell(width: usize) -> TableCell {
    TableCell::new().width(width, WidthType::Dxa)
}

fn text_paragraph(text: &str, bold: bool) -> Paragraph {
    // A line break in a text is a line break in the cell.
    let mut run = Run::new().size(TABLE_TEXT);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    if bold {
        run = run.bold();
    }
    Paragraph::new().add_run(run)
}

/// A row of one cell spanning the five columns: a biennium or a category.
fn spanning_row(text: &str, bold: bool) -> TableRow {
    let total: usize = COLUMNS.iter().sum();
    let mut p = text_paragraph(text, bold);
    if !bold {
        p = Paragraph::new().add_run(Run::new().add_text(text).italic().size(TABLE_TEXT));
    }
    TableRow::new(vec![cell(total).grid_span(COLUMNS.len()).add_paragraph(p)])
}

/// A cell merged down the rows it spans: the first row holds the text.
fn merged(width: usize, first: bool, paragraph: impl FnOnce() -> Paragraph) -> TableCell {
    if first {
        cell(width)
            .vertical_merge(VMergeType::Restart)
            .add_paragraph(paragraph())
    } else {
        cell(width)
            .vertical_merge(VMergeType::Continue)
            .add_paragraph(Paragraph::new())
    }
}

fn table_row(row: &Row<'_>, first_in_category: bool, notes: &mut Notes<'_>) -> TableRow {
    let [w_item, w_deliverable, w_indicator, w_progress, w_status] = COLUMNS;
    let item = merged(w_item, row.first_of_item || first_in_category, || {
        let mut text = String::new();
        for (k, i) in row.items.iter().enumerate() {
            if k > 0 {
                text.push_str("\n\n");
            }
            let paragraphs: Vec<String> = i.paragraphs.iter().map(ToString::to_string).collect();
            let _ = write!(text, "{} ({})", i.text, paragraphs.join(", "));
        }
        text_paragraph(&text, false)
    });
    let deliverable = merged(
        w_deliverable,
        row.first_of_deliverable || first_in_category,
        || {
            let d = &row.deliverable;
            let mut text = String::new();
            if let Some(l) = &d.letter {
                text.push_str(l);
                text.push(' ');
            }
            text.push_str(d.text);
            for c in &d.conditions {
                let _ = write!(text, " ({c})");
            }
            text_paragraph(&text, false)
        },
    );
    let indicator = cell(w_indicator).add_paragraph(match &row.indicator {
        Some(i) => {
            let mut text = String::new();
            if let Some(l) = &i.letter {
                text.push_str(l);
                text.push(' ');
            }
            text.push_str(i.text);
            if !i.details.is_empty() {
                let details: Vec<String> = i.details.iter().map(ToString::to_string).collect();
                let _ = write!(text, " ({})", details.join("; "));
            }
            let mut p = text_paragraph(&text, false);
            if let Some(t) = i.timeline {
                p = p.add_run(
                    Run::new()
                        .add_text(format!(" ({:02}/{})", u8::from(t.month()), t.year()))
                        .italic()
                        .size(TABLE_TEXT),
                );
            }
            p
        }
        None => Paragraph::new(),
    });
    let mut progress = Paragraph::new();
    if let Some(p) = &row.progress {
        progress = text_paragraph(p.text, false);
        for n in &p.footnotes {
            progress = progress.add_run(notes.cite(*n));
        }
    }
    let mut status_text = String::new();
    if let Some(s) = row.status {
        status_text.push_str(s.label());
        if let Some(reason) = row.disagreement {
            let _ = write!(status_text, " — {reason}");
        }
        for note in row.cannot_compute {
            let _ = write!(status_text, " — {note}");
        }
    }
    TableRow::new(vec![
        item,
        deliverable,
        indicator,
        cell(w_progress).add_paragraph(progress),
        cell(w_status).add_paragraph(text_paragraph(&status_text, false)),
    ])
}
