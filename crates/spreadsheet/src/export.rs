//! Writing the workbook: the plan, each progress report, the data-entry
//! sheet for the next report and the hidden sheet that ties the workbook to
//! its plan.
//!
//! Every text from the file is written with `write_string`, which makes a
//! string cell whatever the text is: a title beginning with `=`, `+`, `-`
//! or `@` stays text and is never read as a formula. Figures of the plan
//! and its reports are written as text too, exactly as the file has them
//! (`84000000.10`, not a binary double that shows `84000000.1`).

use crate::layout::{
    ENTRY_COLUMNS, ENTRY_SHEET, Entry, FIRST_ENTRY_ROW, Field, LAYOUT_VERSION, MAX_NARRATIVE_CHARS,
    META_ROWS, META_SHEET, Meta, PLAN_SHEET, REPORT_SHEET_PREFIX, TOOL_NAME, cell_name,
};
use actionplan_interchange::Envelope;
use actionplan_model::{
    Deliverable, FollowUpItem, Indicator, Language, Measure, Observation, OrgUnit, PlanIndex,
    ProgressReport, Revision, Status, Text, UnitId,
};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A text is longer than a spreadsheet cell holds (32,767 characters).
    #[error(
        "{cell}: a text of {chars} characters is longer than a spreadsheet cell holds (32,767); shorten it in the exchange file"
    )]
    TextTooLong {
        /// The cell, e.g. `Plan!H12`.
        cell: String,
        /// Its length in characters.
        chars: usize,
    },
    /// The plan has more indicators than a sheet has rows.
    #[error("the plan has {indicators} indicators; a sheet holds at most 1,048,575 rows of them")]
    TooManyRows {
        /// How many indicators the plan has.
        indicators: usize,
    },
    /// The spreadsheet writer failed (its words, as text, so that no
    /// third-party error type is part of this API).
    #[error("cannot write the workbook: {message}")]
    Xlsx {
        /// What the writer said.
        message: String,
    },
}

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> Self {
        ExportError::Xlsx {
            message: e.to_string(),
        }
    }
}

/// Longest text a cell holds.
const MAX_CELL_CHARS: usize = 32_767;

/// Writes the workbook of `envelope`: the sheets `Plan`, `Report 1` … (one
/// per progress report, oldest first), `Progress` (the data-entry sheet for
/// the next report) and the hidden `actionplan`.
///
/// # Errors
///
/// [`ExportError::TextTooLong`] for a text a cell cannot hold,
/// [`ExportError::TooManyRows`] beyond a sheet's rows,
/// [`ExportError::Xlsx`] if the writer fails.
pub fn export_xlsx(envelope: &Envelope) -> Result<Vec<u8>, ExportError> {
    let plan = &envelope.plan;
    let index = plan.index();
    let count = plan.indicators().count();
    if count >= 1_048_575 {
        return Err(ExportError::TooManyRows { indicators: count });
    }
    let styles = Styles::new();
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet();
    sheet.set_name(PLAN_SHEET)?;
    write_plan_sheet(sheet, &index, &styles)?;

    for (k, report) in envelope.reports.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(format!("{REPORT_SHEET_PREFIX}{}", k.saturating_add(1)))?;
        write_report_sheet(sheet, report, &styles)?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name(ENTRY_SHEET)?;
    write_entry_sheet(sheet, &index, &styles)?;
    sheet.set_active(true);

    let sheet = workbook.add_worksheet();
    sheet.set_name(META_SHEET)?;
    let fingerprint = crate::fingerprint(plan);
    for (row, (meta, label)) in (0u32..).zip(META_ROWS) {
        sheet.write_string(row, 0, *label)?;
        let value = match meta {
            Meta::Tool => TOOL_NAME.to_owned(),
            Meta::PlanId => plan.id.to_string(),
            Meta::FormatVersion => envelope.version.as_str().to_owned(),
            Meta::Fingerprint => fingerprint.clone(),
            Meta::Layout => LAYOUT_VERSION.to_owned(),
            Meta::Rows => count.to_string(),
        };
        sheet.write_string(row, 1, value)?;
    }
    sheet.set_column_width(0, 44)?;
    sheet.set_column_width(1, 70)?;
    sheet.protect();
    sheet.set_hidden(true);

    Ok(workbook.save_to_buffer()?)
}

/// The cell formats, made once.
struct Styles {
    heading: Format,
    text: Format,
    figure: Format,
    entry_number: Format,
    entry_date: Format,
    entry_text: Format,
    entry_status: Format,
}

impl Styles {
    fn new() -> Self {
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let entry = wrap
            .clone()
            .set_unlocked()
            .set_background_color(0x00FF_F8DC);
        Styles {
            heading: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0x00D9_E1F2),
            text: wrap.clone(),
            figure: wrap.clone().set_align(FormatAlign::Right),
            entry_number: entry.clone(),
            entry_date: entry.clone().set_num_format("yyyy-mm-dd"),
            // `@` keeps what is typed as text: `=1+1` typed into a
            // narrative stays those four characters.
            entry_text: entry.clone().set_num_format("@"),
            entry_status: entry,
        }
    }
}

/// Writes `text` as a string cell, refusing what a cell cannot hold.
fn put(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), ExportError> {
    let chars = text.chars().count();
    if chars > MAX_CELL_CHARS {
        return Err(ExportError::TextTooLong {
            cell: cell_name(sheet.name().as_str(), row, col),
            chars,
        });
    }
    sheet.write_string_with_format(row, col, text, format)?;
    Ok(())
}

fn headings(
    sheet: &mut Worksheet,
    columns: &[(&str, f64)],
    styles: &Styles,
) -> Result<(), ExportError> {
    for (col, (heading, width)) in (0u16..).zip(columns) {
        sheet.write_string_with_format(0, col, *heading, &styles.heading)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn en(text: &Text) -> &str {
    text.best(Language::En)
}

fn lettered(letter: Option<actionplan_model::Letter>, text: &Text) -> String {
    match letter {
        Some(l) => format!("{} {}", l.parenthesized(), en(text)),
        None => en(text).to_owned(),
    }
}

/// The kind of measure with its unit or currency: `count (member States)`.
fn measure_label(measure: &Measure) -> String {
    let kind = measure.kind().as_str();
    match measure {
        Measure::Count(c) => match &c.unit {
            Some(u) => format!("{kind} ({})", en(u)),
            None => kind.to_owned(),
        },
        Measure::Money(m) => format!("{kind} ({})", m.target.currency),
        Measure::Percentage(_) => format!("{kind} (per cent)"),
        _ => kind.to_owned(),
    }
}

/// A count's or percentage's baseline: its value, and its date where the
/// file states one (format 1.1).
fn dated_baseline(b: &actionplan_model::Baseline) -> String {
    match b.date {
        Some(date) => format!("{} (as of {date})", b.value),
        None => b.value.to_string(),
    }
}

fn baseline_label(measure: &Measure) -> String {
    match measure {
        Measure::Count(c) => c.baseline.as_ref().map(dated_baseline).unwrap_or_default(),
        Measure::Percentage(p) => p.baseline.as_ref().map(dated_baseline).unwrap_or_default(),
        Measure::Money(m) => m
            .baseline
            .as_ref()
            .map(|b| format!("{} (as of {})", b.amount.amount, b.as_of))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The measure's final target, then its dated targets where the file
/// states them (format 1.1): `10; 3 by 2017-12, 10 by 2019-12 (cumulative)`.
fn target_label(measure: &Measure) -> String {
    let (targets, cumulation) = match measure {
        Measure::Count(c) => (c.targets.as_slice(), c.cumulation),
        Measure::Percentage(p) => (p.targets.as_slice(), p.cumulation),
        Measure::Money(m) => (m.targets.as_slice(), m.cumulation),
        _ => (&[][..], actionplan_model::Cumulation::default()),
    };
    let label = final_target_label(measure);
    if targets.is_empty() {
        return label;
    }
    let dated: Vec<String> = targets
        .iter()
        .map(|t| format!("{} by {}", t.value, t.by))
        .collect();
    format!("{label}; {} ({})", dated.join(", "), cumulation.as_str())
}

fn final_target_label(measure: &Measure) -> String {
    match measure {
        Measure::Count(c) => match c.target_mode {
            actionplan_model::TargetMode::Additional => format!("{} additional", c.target),
            _ => c.target.to_string(),
        },
        Measure::Percentage(p) => p.target.to_string(),
        Measure::Money(m) => m.target.amount.to_string(),
        Measure::Milestone(_) => "done".to_owned(),
        Measure::Qualitative(q) => q
            .criterion
            .as_ref()
            .map_or_else(|| "met".to_owned(), |c| en(c).to_owned()),
        _ => String::new(),
    }
}

fn write_plan_sheet(
    sheet: &mut Worksheet,
    index: &PlanIndex<'_>,
    styles: &Styles,
) -> Result<(), ExportError> {
    headings(
        sheet,
        &[
            ("Time frame", 12.0),
            ("Category", 18.0),
            ("Follow-up item (paragraphs)", 40.0),
            ("Deliverable", 40.0),
            ("Conditions", 24.0),
            ("Lead unit", 18.0),
            ("Indicator id", 16.0),
            ("Indicator", 44.0),
            ("Measure", 16.0),
            ("Baseline", 14.0),
            ("Target", 14.0),
            ("Deadline", 10.0),
            ("Data source", 24.0),
        ],
        styles,
    )?;
    let plan = index.plan();
    let units: BTreeMap<&str, &OrgUnit> = plan.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let mut revisions: BTreeMap<&str, Vec<&Revision>> = BTreeMap::new();
    for r in &plan.revisions {
        revisions.entry(r.indicator.as_str()).or_default().push(r);
    }
    let mut row: u32 = 1;
    for deliverable in &plan.deliverables {
        let items: Vec<_> = index.items_of(deliverable.id.as_str()).collect();
        let item_text = items
            .iter()
            .map(|it| {
                let paragraphs: Vec<String> =
                    it.paragraphs.iter().map(ToString::to_string).collect();
                format!("{} ({})", en(&it.text), paragraphs.join(", "))
            })
            .collect::<Vec<_>>()
            .join("\n");
        let item_frame = items.first().and_then(|it| it.time_frame());
        let lead_unit = unit_label(deliverable, items.first().copied(), &units);
        let category = items
            .first()
            .and_then(|it| index.category(it.category.as_str()))
            .map(|c| en(&c.name).to_owned())
            .unwrap_or_default();
        let conditions = deliverable
            .conditions
            .iter()
            .map(|c| en(&c.text))
            .collect::<Vec<_>>()
            .join("; ");
        let deliverable_text = lettered(deliverable.letter, &deliverable.text);
        let indicators: Vec<Option<&Indicator>> = if deliverable.indicators.is_empty() {
            vec![None]
        } else {
            deliverable.indicators.iter().map(Some).collect()
        };
        let shared_lines = lines_of(&item_text, 40.0)
            .max(lines_of(&deliverable_text, 40.0))
            .max(item_text.lines().count());
        for indicator in indicators {
            let lines = indicator.map_or(shared_lines, |i| {
                shared_lines.max(lines_of(i.text.best(Language::En), 44.0))
            });
            sheet.set_row_height(row, row_height(lines.min(6)))?;
            // The narrowest time frame the file states: the indicator's,
            // else its deliverable's, else its item's.
            let frame = indicator
                .and_then(|i| i.span)
                .or(deliverable.span)
                .or(item_frame)
                .map(|t| t.to_string())
                .unwrap_or_default();
            put(sheet, row, 0, &frame, &styles.text)?;
            put(sheet, row, 1, &category, &styles.text)?;
            put(sheet, row, 2, &item_text, &styles.text)?;
            put(sheet, row, 3, &deliverable_text, &styles.text)?;
            put(sheet, row, 4, &conditions, &styles.text)?;
            put(sheet, row, 5, &lead_unit, &styles.text)?;
            if let Some(i) = indicator {
                put(sheet, row, 6, i.id.as_str(), &styles.text)?;
                put(sheet, row, 7, &lettered(i.letter, &i.text), &styles.text)?;
                put(sheet, row, 8, &measure_label(&i.measure), &styles.text)?;
                put(sheet, row, 9, &baseline_label(&i.measure), &styles.figure)?;
                put(sheet, row, 10, &target_label(&i.measure), &styles.figure)?;
                let revised = revisions.get(i.id.as_str()).map_or(&[][..], Vec::as_slice);
                put(sheet, row, 11, &deadline_label(i, revised), &styles.text)?;
                let source = i.data_source.as_ref().map(en).unwrap_or_default();
                put(sheet, row, 12, source, &styles.text)?;
            }
            row = row.saturating_add(1);
        }
    }
    sheet.protect();
    Ok(())
}

/// The unit that leads a deliverable (its own, else its item's), then the
/// contributing units, by the names the plan declares: `Governance and
/// Tripartism Department (GOVERNANCE); with Bureau for Workers' Activities
/// (ACTRAV)`. A unit the plan does not declare is shown by its id.
fn unit_label(
    deliverable: &Deliverable,
    item: Option<&FollowUpItem>,
    units: &BTreeMap<&str, &OrgUnit>,
) -> String {
    let name = |id: &UnitId| match units.get(id.as_str()) {
        Some(u) => en(&u.name).to_owned(),
        None => id.to_string(),
    };
    let (lead, contributing) = match (&deliverable.lead_unit, item) {
        (Some(lead), _) => (Some(lead), deliverable.contributing_units.as_slice()),
        (None, Some(it)) => (it.lead_unit.as_ref(), it.contributing_units.as_slice()),
        (None, None) => (None, &[][..]),
    };
    let mut label = lead.map(name).unwrap_or_default();
    if !contributing.is_empty() {
        let others: Vec<String> = contributing.iter().map(name).collect();
        if !label.is_empty() {
            label.push_str("; ");
        }
        label.push_str("with ");
        label.push_str(&others.join(", "));
    }
    label
}

/// The deadline as the plan first set it, then each revision of the
/// indicator in the file's order (format 1.1), one a line: `2019-12` /
/// `revised from 2019-10-15: deadline 2020-06 (GB.337/INS/5)`. The sheet
/// keeps the history; which revision is in force depends on the date a
/// report is made as of.
fn deadline_label(indicator: &Indicator, revisions: &[&Revision]) -> String {
    let first = indicator.deadline.map(|d| d.to_string());
    let revised = revisions.iter().map(|r| {
        let mut changes = Vec::new();
        if let Some(d) = r.deadline {
            changes.push(format!("deadline {d}"));
        }
        if let Some(t) = r.target {
            match r.target_by {
                Some(by) => changes.push(format!("target by {by} {t}")),
                None => changes.push(format!("target {t}")),
            }
        }
        let by = r
            .document
            .clone()
            .or_else(|| r.decided_at.as_ref().map(ToString::to_string))
            .map(|by| format!(" ({by})"))
            .unwrap_or_default();
        format!("revised from {}: {}{by}", r.effective, changes.join(", "))
    });
    first
        .into_iter()
        .chain(revised)
        .collect::<Vec<_>>()
        .join("\n")
}

fn observation_label(o: &Observation) -> String {
    let (value, date) = match o {
        Observation::Milestone(m) => (format!("completed {}", m.completed), None),
        Observation::Count(v) | Observation::Percentage(v) => (v.value.to_string(), v.as_of),
        Observation::Money(m) => (m.amount.to_string(), m.as_of),
        Observation::Qualitative(q) => (if q.met { "met" } else { "not met" }.to_owned(), q.as_of),
        _ => (String::new(), None),
    };
    match date {
        Some(d) => format!("{value} (as of {d})"),
        None => value,
    }
}

fn write_report_sheet(
    sheet: &mut Worksheet,
    report: &ProgressReport,
    styles: &Styles,
) -> Result<(), ExportError> {
    headings(
        sheet,
        &[
            ("Indicator id", 16.0),
            ("Observations", 24.0),
            ("Forecast", 20.0),
            ("Status asserted", 16.0),
            ("Narrative (en)", 44.0),
            ("Narrative (fr)", 44.0),
            ("Narrative (es)", 44.0),
            ("Footnotes", 12.0),
        ],
        styles,
    )?;
    // The report's id and date go below the entries, so that row 1 holds
    // the headings as on every other sheet (Report 1 is the oldest).
    let index = actionplan_model::ReportIndex::new(report);
    let footnote_numbers = |ids: &[actionplan_model::FootnoteId]| -> String {
        ids.iter()
            .map(|id| {
                index
                    .footnote(id.as_str())
                    .map_or_else(|| id.to_string(), |f| f.number.to_string())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut row: u32 = 1;
    for entry in &report.indicators {
        put(sheet, row, 0, entry.indicator.as_str(), &styles.text)?;
        let observations = entry
            .observations
            .iter()
            .map(observation_label)
            .collect::<Vec<_>>()
            .join("\n");
        put(sheet, row, 1, &observations, &styles.figure)?;
        if let Some(f) = &entry.forecast {
            let mut text = f.value.map(|v| v.to_string()).unwrap_or_default();
            if let Some(by) = f.by {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str("by ");
                text.push_str(&by.to_string());
            }
            put(sheet, row, 2, &text, &styles.figure)?;
        }
        if let Some(s) = entry.status {
            put(sheet, row, 3, s.as_str(), &styles.text)?;
        }
        if let Some(n) = &entry.narrative {
            for (col, lang) in [(4u16, Language::En), (5, Language::Fr), (6, Language::Es)] {
                if let Some(t) = n.get(lang) {
                    put(sheet, row, col, t, &styles.text)?;
                }
            }
        }
        put(
            sheet,
            row,
            7,
            &footnote_numbers(&entry.footnotes),
            &styles.text,
        )?;
        row = row.saturating_add(1);
    }
    row = row.saturating_add(1);
    put(
        sheet,
        row,
        0,
        &format!("Report {} as of {}", report.id, report.as_of),
        &styles.heading,
    )?;
    for f in &report.footnotes {
        row = row.saturating_add(1);
        put(
            sheet,
            row,
            0,
            &format!("Footnote {}", f.number),
            &styles.text,
        )?;
        put(sheet, row, 1, en(&f.text), &styles.text)?;
    }
    sheet.protect();
    Ok(())
}

fn write_entry_sheet(
    sheet: &mut Worksheet,
    index: &PlanIndex<'_>,
    styles: &Styles,
) -> Result<(), ExportError> {
    let columns: Vec<(&str, f64)> = ENTRY_COLUMNS.iter().map(|c| (c.heading, c.width)).collect();
    headings(sheet, &columns, styles)?;
    let plan = index.plan();
    let mut row = FIRST_ENTRY_ROW;
    let mut qualitative_rows: Vec<u32> = Vec::new();
    for (deliverable, indicator) in plan.indicators() {
        if matches!(indicator.measure, Measure::Qualitative(_)) {
            qualitative_rows.push(row);
        }
        let mut lines: usize = 1;
        for (col, column) in (0u16..).zip(ENTRY_COLUMNS) {
            match column.entry {
                Entry::ReadOnly => {
                    let text = read_only_text(column.field, deliverable, indicator);
                    lines = lines.max(lines_of(&text, column.width));
                    let format = match column.field {
                        Field::Baseline | Field::Target => &styles.figure,
                        _ => &styles.text,
                    };
                    put(sheet, row, col, &text, format)?;
                }
                Entry::Number => {
                    sheet.write_blank(row, col, &styles.entry_number)?;
                }
                Entry::Date => {
                    sheet.write_blank(row, col, &styles.entry_date)?;
                }
                Entry::Status => {
                    sheet.write_blank(row, col, &styles.entry_status)?;
                }
                Entry::Text => {
                    sheet.write_blank(row, col, &styles.entry_text)?;
                }
            }
        }
        sheet.set_row_height(row, row_height(lines))?;
        row = row.saturating_add(1);
    }
    let last = row.saturating_sub(1);
    if last >= FIRST_ENTRY_ROW {
        add_validations(sheet, last, &qualitative_rows)?;
    }
    // Printed, the sheet is a form to fill by hand: landscape, one page
    // wide, with gridlines, column letters and row numbers (the cells the
    // import's messages name) and the headings on every page.
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_print_gridlines(true)
        .set_print_headings(true)
        .set_repeat_rows(0, 0)?;
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// Lines a wrapped text takes in a column `width` characters wide (at most
/// six: a longer text is cut off on screen, and whole in the cell).
fn lines_of(text: &str, width: f64) -> usize {
    // Widths are small positive constants of the layout.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "layout widths are small positive constants"
    )]
    // A proportional font fits about 0.85 characters per unit of width.
    let per_line = ((width * 0.85).max(1.0) as usize).max(1);
    let chars = text.chars().count();
    chars.div_ceil(per_line).clamp(1, 6)
}

/// The height of a row of `lines` lines, in points: spreadsheet programs
/// other than Excel do not grow a row to its wrapped text when opening a
/// file, so the export sets it.
fn row_height(lines: usize) -> f64 {
    // `lines` is at most six.
    #[allow(clippy::cast_precision_loss, reason = "lines is at most six")]
    let lines = lines as f64;
    lines * 12.0 + 3.0
}

fn read_only_text(field: Field, deliverable: &Deliverable, indicator: &Indicator) -> String {
    match field {
        Field::IndicatorId => indicator.id.to_string(),
        Field::Deliverable => lettered(deliverable.letter, &deliverable.text),
        Field::Indicator => lettered(indicator.letter, &indicator.text),
        Field::Measure => measure_label(&indicator.measure),
        Field::Baseline => baseline_label(&indicator.measure),
        Field::Target => target_label(&indicator.measure),
        Field::Deadline => indicator
            .deadline
            .map(|d| d.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The statuses offered in the drop-down, as written in files.
pub(crate) fn status_names() -> Vec<&'static str> {
    Status::ALL.iter().map(|s| s.as_str()).collect()
}

fn add_validations(
    sheet: &mut Worksheet,
    last: u32,
    qualitative_rows: &[u32],
) -> Result<(), ExportError> {
    let first = FIRST_ENTRY_ROW;
    let earliest = ExcelDateTime::from_ymd(1900, 1, 1)?;
    let latest = ExcelDateTime::from_ymd(9999, 12, 31)?;
    for (col, column) in (0u16..).zip(ENTRY_COLUMNS) {
        let validation = match column.entry {
            Entry::ReadOnly => continue,
            Entry::Number => DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(-1e28, 1e28))
                .set_input_title("A number")?
                .set_input_message(
                    "Digits with a . for decimals, no thousands separators: 1500000.00. For more than 15 digits, type the number as text ('84000000.10).",
                )?
                .set_error_title("Not a number")?
                .set_error_message("Type a number such as 1500000.00, without separators.")?,
            Entry::Date => DataValidation::new()
                .allow_date(DataValidationRule::Between(earliest.clone(), latest.clone()))
                .set_input_title("A date")?
                .set_input_message(
                    "A date such as 2016-07-31. For a month only, type it as text: 2016-07.",
                )?
                .set_error_title("Not a date")?
                .set_error_message(
                    "Type a date such as 2016-07-31 (or a month as text, 2016-07). Continue only for a month.",
                )?
                // A month typed as text is allowed: the check warns only.
                .set_error_style(DataValidationErrorStyle::Warning),
            Entry::Status => DataValidation::new()
                .allow_list_strings(&status_names())?
                .set_input_title("The status asserted")?
                .set_input_message("Choose from the list.")?,
            Entry::Text => DataValidation::new()
                .allow_text_length(DataValidationRule::LessThanOrEqualTo(MAX_NARRATIVE_CHARS))
                .set_error_title("Too long")?
                .set_error_message("At most 10,000 characters.")?,
        };
        if column.field == Field::ObservedValue && !qualitative_rows.is_empty() {
            // Qualitative rows take `met` or `not_met`: validated row by row,
            // the number rule on the runs of rows between them.
            let met = DataValidation::new()
                .allow_list_strings(&["met", "not_met"])?
                .set_input_title("Is the criterion met?")?
                .set_input_message("Choose met or not_met.")?;
            let mut from = first;
            for &q in qualitative_rows {
                if q > from {
                    sheet.add_data_validation(from, col, q.saturating_sub(1), col, &validation)?;
                }
                sheet.add_data_validation(q, col, q, col, &met)?;
                from = q.saturating_add(1);
            }
            if from <= last {
                sheet.add_data_validation(from, col, last, col, &validation)?;
            }
        } else {
            sheet.add_data_validation(first, col, last, col, &validation)?;
        }
    }
    Ok(())
}
