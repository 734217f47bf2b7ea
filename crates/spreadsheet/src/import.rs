//! Reading a filled data-entry sheet back as a new progress report.
//!
//! Every cell is read as what it holds, never as what a formula computed:
//! a cell with a formula is the formula's text (`=SUM(H2:H4)`), which is a
//! problem in a number, date or status column and the narrative itself in a
//! narrative column. Number cells hold binary doubles: a number cell is
//! read through its shortest round-trip text (`84000000.1`), which is exact
//! for what a person can type within the 15 significant digits a
//! spreadsheet keeps, and refused beyond; a number typed as text
//! (`'84000000.10`) is read exactly as written, scale included.

use crate::layout::{
    ENTRY_COLUMNS, ENTRY_SHEET, Entry, FIRST_ENTRY_ROW, Field, LAYOUT_VERSION, MAX_NARRATIVE_CHARS,
    MAX_NUMBER_DIGITS, META_SHEET, Meta, TOOL_NAME, cell_name, column_of, meta_row,
};
use crate::problem::{Problem, ProblemKind};
use actionplan_interchange::Envelope;
use actionplan_model::{
    DateOrMonth, Forecast, Indicator, IndicatorProgress, Measure, MilestoneObservation, Money,
    MoneyObservation, Observation, ProgressReport, QualitativeObservation, ReportId, Scope,
    Severity, Status, Text, ValueObservation, parse_date, parse_decimal,
};
use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use rust_decimal::Decimal;
use std::io::Cursor;

/// Why a workbook could not be imported. Nothing was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The bytes are not a readable XLSX workbook.
    #[error("cannot read the workbook: {message}; save it as an Excel workbook (.xlsx)")]
    Unreadable {
        /// What the reader said.
        message: String,
    },
    /// The workbook was read and has problems: every one of them, in sheet
    /// and row order.
    #[error("{} problem(s) in the workbook; nothing was imported", problems.len())]
    Problems {
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

/// Reads the data-entry sheet of `workbook` (the bytes of an `.xlsx` file
/// made by [`export_xlsx`](crate::export_xlsx) from `envelope` and filled
/// in) as a new progress report `report_id` as of `as_of`.
///
/// Rows where nothing was entered give no entry: an untouched workbook
/// gives an empty report. The report is checked with the exchange
/// format's rules against the plan and the reports already in `envelope`;
/// append it to `envelope.reports` to keep it.
///
/// # Errors
///
/// [`ImportError::Unreadable`] if the bytes are not a workbook;
/// [`ImportError::Problems`] with every problem found, each with its cell,
/// what was found and what to write instead.
pub fn import_xlsx(
    envelope: &Envelope,
    workbook: &[u8],
    report_id: ReportId,
    as_of: DateOrMonth,
) -> Result<ProgressReport, ImportError> {
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(workbook)).map_err(|e: calamine::XlsxError| {
            ImportError::Unreadable {
                message: e.to_string(),
            }
        })?;
    let mut problems = Vec::new();
    check_meta(&mut book, envelope, &mut problems);

    let mut report = ProgressReport::new(report_id, as_of);
    let mut entry_rows = Vec::new();
    match read_sheet(&mut book, ENTRY_SHEET) {
        Some(sheet) => read_entries(&sheet, envelope, &mut report, &mut entry_rows, &mut problems),
        None => problems.push(Problem::new(
            ENTRY_SHEET.to_owned(),
            ProblemKind::MissingSheet,
            "",
            "the data-entry sheet `Progress` is gone: fill in a workbook exported with `actionplan export`",
        )),
    }
    if problems.is_empty() {
        check_rules(envelope, &report, &entry_rows, &mut problems);
    }
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(ImportError::Problems { problems })
    }
}

/// A sheet's values and formulas.
struct Sheet {
    values: Range<Data>,
    formulas: Range<String>,
}

/// What a cell holds, formulas first.
enum Cell<'a> {
    Empty,
    Formula(&'a str),
    Value(&'a Data),
}

impl Sheet {
    fn cell(&self, row: u32, col: u16) -> Cell<'_> {
        let at = (row, u32::from(col));
        if let Some(f) = self.formulas.get_value(at)
            && !f.is_empty()
        {
            return Cell::Formula(f);
        }
        match self.values.get_value(at) {
            None | Some(Data::Empty) => Cell::Empty,
            Some(Data::String(s)) if s.is_empty() => Cell::Empty,
            Some(v) => Cell::Value(v),
        }
    }

    fn last_row(&self) -> Option<u32> {
        let values = self.values.end().map(|(r, _)| r);
        let formulas = self.formulas.end().map(|(r, _)| r);
        values.max(formulas)
    }
}

fn read_sheet<R: std::io::Read + std::io::Seek>(book: &mut Xlsx<R>, name: &str) -> Option<Sheet> {
    if !book.sheet_names().iter().any(|n| n == name) {
        return None;
    }
    let values = book.worksheet_range(name).ok()?;
    // A sheet without formulas may have no formula range to give.
    let formulas = book
        .worksheet_formula(name)
        .unwrap_or_else(|_| Range::empty());
    Some(Sheet { values, formulas })
}

/// A cell as text, for messages and for text columns.
fn text_of(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Formula(f) => format!("={f}"),
        Cell::Value(v) => data_text(v),
    }
}

fn data_text(v: &Data) -> String {
    match v {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => shortest(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => match excel_date(d) {
            Some(date) => actionplan_model::format_date(date),
            None => shortest(d.as_f64()),
        },
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// The shortest text that reads back as `f`: Rust's `Display` for `f64`
/// (never an exponent, `84000000.1` for the double nearest 84000000.10).
fn shortest(f: f64) -> String {
    format!("{f}")
}

fn excel_date(d: &calamine::ExcelDateTime) -> Option<time::Date> {
    let serial = d.as_f64();
    // Below 1 is no day at all (the epoch's day 0), and 60 is Excel's
    // 29 February 1900, which never was.
    if !serial.is_finite() || serial < 1.0 || !d.is_datetime() {
        return None;
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    let month = time::Month::try_from(m).ok()?;
    time::Date::from_calendar_date(i32::from(y), month, day).ok()
}

fn check_meta<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    envelope: &Envelope,
    problems: &mut Vec<Problem>,
) {
    let Some(sheet) = read_sheet(book, META_SHEET) else {
        problems.push(Problem::new(
            META_SHEET.to_owned(),
            ProblemKind::MissingSheet,
            "",
            "the hidden sheet `actionplan`, which says which plan the workbook belongs to, is gone: fill in a workbook exported with `actionplan export`",
        ));
        return;
    };
    let value = |meta: Meta| text_of(&sheet.cell(meta_row(meta), 1));
    let at = |meta: Meta| cell_name(META_SHEET, meta_row(meta), 1);
    let tool = value(Meta::Tool);
    if tool != TOOL_NAME {
        problems.push(Problem::new(
            at(Meta::Tool),
            ProblemKind::NotAnActionplanWorkbook,
            tool,
            "export a workbook with `actionplan export FILE --format xlsx` and fill that one in",
        ));
        return;
    }
    let layout = value(Meta::Layout);
    if layout != LAYOUT_VERSION {
        problems.push(Problem::new(
            at(Meta::Layout),
            ProblemKind::NotAnActionplanWorkbook,
            format!("layout {layout}"),
            format!(
                "this version reads workbooks of layout {LAYOUT_VERSION}: export a new workbook and copy the entries into it"
            ),
        ));
        return;
    }
    let plan_id = value(Meta::PlanId);
    if plan_id != envelope.plan.id.as_str() {
        problems.push(Problem::new(
            at(Meta::PlanId),
            ProblemKind::OtherPlan,
            plan_id,
            format!(
                "this file holds plan `{}`: import the workbook into the file it was exported from, or export one from this file",
                envelope.plan.id
            ),
        ));
        return;
    }
    let version = value(Meta::FormatVersion);
    if version != envelope.version.as_str() {
        problems.push(Problem::new(
            at(Meta::FormatVersion),
            ProblemKind::FormatVersion,
            version,
            format!(
                "this file is format {}: export a new workbook from it and copy the entries into it",
                envelope.version
            ),
        ));
    }
    let fingerprint = value(Meta::Fingerprint);
    if fingerprint != crate::fingerprint(&envelope.plan) {
        problems.push(Problem::new(
            at(Meta::Fingerprint),
            ProblemKind::StalePlan,
            fingerprint,
            "the plan changed since the workbook was exported (an indicator, a target, a text): export a new workbook from this file and copy the entries into it",
        ));
    }
}

/// The values entered on one row, as read.
#[derive(Default)]
struct RowEntry {
    observed: Option<Observed>,
    observed_on: Option<DateOrMonth>,
    completed_on: Option<DateOrMonth>,
    forecast_value: Option<Decimal>,
    forecast_by: Option<DateOrMonth>,
    status: Option<Status>,
    narrative: [Option<String>; 3],
}

enum Observed {
    Number(Decimal),
    Met(bool),
}

impl RowEntry {
    fn is_empty(&self) -> bool {
        self.observed.is_none()
            && self.observed_on.is_none()
            && self.completed_on.is_none()
            && self.forecast_value.is_none()
            && self.forecast_by.is_none()
            && self.status.is_none()
            && self.narrative.iter().all(Option::is_none)
    }
}

fn read_entries(
    sheet: &Sheet,
    envelope: &Envelope,
    report: &mut ProgressReport,
    entry_rows: &mut Vec<u32>,
    problems: &mut Vec<Problem>,
) {
    for (col, column) in (0u16..).zip(ENTRY_COLUMNS) {
        let found = text_of(&sheet.cell(0, col));
        if found != column.heading {
            problems.push(Problem::new(
                cell_name(ENTRY_SHEET, 0, col),
                ProblemKind::ColumnsChanged,
                found,
                format!(
                    "this column is `{}`: undo the change to the columns (or export a new workbook)",
                    column.heading
                ),
            ));
        }
    }
    let mut row = FIRST_ENTRY_ROW;
    for (_, indicator) in envelope.plan.indicators() {
        let id_col = column_of(Field::IndicatorId);
        match sheet.cell(row, id_col) {
            Cell::Empty => {
                problems.push(Problem::new(
                    cell_name(ENTRY_SHEET, row, id_col),
                    ProblemKind::MissingRow,
                    "",
                    format!(
                        "the row of indicator `{}` is missing: undo the deletion (or export a new workbook)",
                        indicator.id
                    ),
                ));
                // The rows below are shifted: reading them would only
                // repeat this problem.
                return;
            }
            cell => {
                let found = text_of(&cell);
                if found != indicator.id.as_str() {
                    problems.push(Problem::new(
                        cell_name(ENTRY_SHEET, row, id_col),
                        ProblemKind::IndicatorIdEdited,
                        found,
                        format!(
                            "this row is indicator `{}`: write that id back (rows cannot be moved or renamed)",
                            indicator.id
                        ),
                    ));
                }
            }
        }
        let mut reader = RowReader {
            sheet,
            row,
            indicator,
            problems,
        };
        let entry = reader.read();
        if let Some(progress) = to_progress(indicator, entry) {
            report.indicators.push(progress);
            entry_rows.push(row);
        }
        row = row.saturating_add(1);
    }
    // Anything below the last indicator was added by hand.
    if let Some(last) = sheet.last_row() {
        for extra in row..=last {
            for col in (0u16..).take(ENTRY_COLUMNS.len()) {
                let cell = sheet.cell(extra, col);
                if !matches!(cell, Cell::Empty) {
                    problems.push(Problem::new(
                        cell_name(ENTRY_SHEET, extra, col),
                        ProblemKind::ExtraRow,
                        text_of(&cell),
                        "only the exported rows are read, one per indicator: move the entry to its indicator's row, or delete it",
                    ));
                    break;
                }
            }
        }
    }
}

struct RowReader<'s, 'p> {
    sheet: &'s Sheet,
    row: u32,
    indicator: &'s Indicator,
    problems: &'p mut Vec<Problem>,
}

impl RowReader<'_, '_> {
    fn read(&mut self) -> RowEntry {
        let mut entry = RowEntry::default();
        let milestone = matches!(self.indicator.measure, Measure::Milestone(_));
        let qualitative = matches!(self.indicator.measure, Measure::Qualitative(_));
        for (col, column) in (0u16..).zip(ENTRY_COLUMNS) {
            let cell = self.sheet.cell(self.row, col);
            if matches!(cell, Cell::Empty) {
                continue;
            }
            let applies = match column.field {
                Field::ObservedValue | Field::ObservedOn => !milestone,
                Field::CompletedOn => milestone,
                Field::ForecastValue => !milestone && !qualitative,
                _ => true,
            };
            if !applies {
                let fix = match column.field {
                    Field::CompletedOn => {
                        "a completion date is for milestones: give the value in `Observed value` and its date in `Observed on`, or clear the cell"
                    }
                    Field::ForecastValue => {
                        "this indicator has no value to forecast: give the date in `Forecast by`, or clear the cell"
                    }
                    _ => {
                        "a milestone is done or not: give the date it was completed in `Completed on`, or clear the cell"
                    }
                };
                self.problem(col, ProblemKind::NotApplicable, text_of(&cell), fix);
                continue;
            }
            match (column.entry, column.field) {
                (Entry::Number, Field::ObservedValue) if qualitative => {
                    entry.observed = self.met(col, &cell).map(Observed::Met);
                }
                (Entry::Number, Field::ObservedValue) => {
                    entry.observed = self.number(col, &cell).map(Observed::Number);
                }
                (Entry::Number, _) => entry.forecast_value = self.number(col, &cell),
                (Entry::Date, Field::ObservedOn) => {
                    entry.observed_on = self.date(col, &cell);
                    // The value's column comes first; one refused there is
                    // already reported.
                    let value_col = column_of(Field::ObservedValue);
                    if entry.observed_on.is_some()
                        && matches!(self.sheet.cell(self.row, value_col), Cell::Empty)
                    {
                        self.problem(
                            col,
                            ProblemKind::DateWithoutValue,
                            text_of(&cell),
                            "give the value observed on that date in `Observed value`, or clear the date",
                        );
                    }
                }
                (Entry::Date, Field::CompletedOn) => entry.completed_on = self.date(col, &cell),
                (Entry::Date, _) => entry.forecast_by = self.date(col, &cell),
                (Entry::Status, _) => entry.status = self.status(col, &cell),
                (Entry::Text, field) => {
                    let slot = match field {
                        Field::NarrativeFr => entry.narrative.get_mut(1),
                        Field::NarrativeEs => entry.narrative.get_mut(2),
                        _ => entry.narrative.first_mut(),
                    };
                    if let Some(slot) = slot {
                        *slot = self.text(col, &cell);
                    }
                }
                (Entry::ReadOnly, _) => {}
            }
        }
        entry
    }

    fn problem(&mut self, col: u16, kind: ProblemKind, found: String, fix: impl Into<String>) {
        self.problems.push(Problem::new(
            cell_name(ENTRY_SHEET, self.row, col),
            kind,
            found,
            fix,
        ));
    }

    /// The value typed into an entry cell: `None` for an empty cell, and
    /// for a formula, which is reported (formulas are never evaluated).
    fn value<'c>(&mut self, col: u16, cell: &Cell<'c>, what: &str) -> Option<&'c Data> {
        match cell {
            Cell::Empty => None,
            Cell::Formula(f) => {
                self.formula(col, f, what);
                None
            }
            Cell::Value(v) => Some(*v),
        }
    }

    fn formula(&mut self, col: u16, f: &str, what: &str) {
        self.problem(
            col,
            ProblemKind::Formula,
            format!("={f}"),
            format!("type the {what} itself: formulas are never evaluated on import"),
        );
    }

    fn number(&mut self, col: u16, cell: &Cell<'_>) -> Option<Decimal> {
        let data = self.value(col, cell, "number")?;
        match data {
            Data::Float(f) => {
                let text = shortest(*f);
                let digits = significant_digits(&text);
                if !f.is_finite() || digits > MAX_NUMBER_DIGITS {
                    self.problem(
                        col,
                        ProblemKind::TooManyDigits,
                        text,
                        "a number cell keeps 15 significant digits: type the number as text (with a leading ') to keep every digit",
                    );
                    return None;
                }
                self.decimal(col, &text)
            }
            Data::Int(i) => self.decimal(col, &i.to_string()),
            Data::String(s) => {
                let t = s.trim();
                if let Ok(d) = parse_decimal(t) {
                    return Some(d);
                }
                if t.starts_with('=') {
                    self.problem(
                        col,
                        ProblemKind::Formula,
                        t.to_owned(),
                        "type the number itself: formulas are never evaluated on import",
                    );
                    return None;
                }
                let stripped: String = t
                    .chars()
                    .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '_'))
                    .collect();
                if stripped != t && parse_decimal(&stripped).is_ok() {
                    self.problem(
                        col,
                        ProblemKind::NumberWithSeparators,
                        t.to_owned(),
                        format!(
                            "write {stripped}: digits with `.` for decimals, no thousands separators"
                        ),
                    );
                } else {
                    self.problem(
                        col,
                        ProblemKind::NotANumber,
                        t.to_owned(),
                        "write a number such as 1500000.00 (digits, `.` for decimals, no separators or units); put words in the narrative",
                    );
                }
                None
            }
            Data::Error(e) => {
                self.problem(
                    col,
                    ProblemKind::ErrorValue,
                    e.to_string(),
                    "type the number itself",
                );
                None
            }
            other => {
                self.problem(
                    col,
                    ProblemKind::NotANumber,
                    data_text(other),
                    "write a number such as 1500000.00",
                );
                None
            }
        }
    }

    fn decimal(&mut self, col: u16, text: &str) -> Option<Decimal> {
        if let Ok(d) = parse_decimal(text) {
            return Some(d);
        }
        self.problem(
            col,
            ProblemKind::TooManyDigits,
            text.to_owned(),
            "the exchange format keeps at most 28 digits before the point and 29 characters: write a shorter number",
        );
        None
    }

    fn met(&mut self, col: u16, cell: &Cell<'_>) -> Option<bool> {
        let found = data_text(self.value(col, cell, "value")?);
        match found.trim() {
            "met" => Some(true),
            "not_met" => Some(false),
            _ => {
                self.problem(
                    col,
                    ProblemKind::NotMetOrNotMet,
                    found,
                    "choose `met` or `not_met` from the list: this indicator is a judgement",
                );
                None
            }
        }
    }

    fn date(&mut self, col: u16, cell: &Cell<'_>) -> Option<DateOrMonth> {
        let data = self.value(col, cell, "date")?;
        match data {
            Data::DateTime(d) => {
                if let Some(date) = excel_date(d) {
                    // The model's years: 1000–9999.
                    if let Ok(date) = parse_date(&actionplan_model::format_date(date)) {
                        return Some(DateOrMonth::Day(date));
                    }
                }
                self.problem(
                    col,
                    ProblemKind::NotADate,
                    shortest(d.as_f64()),
                    "type a date that exists, such as 2016-07-31",
                );
                None
            }
            Data::DateTimeIso(s) => {
                let day = s.get(..10).unwrap_or(s);
                if let Ok(date) = parse_date(day) {
                    return Some(DateOrMonth::Day(date));
                }
                self.problem(
                    col,
                    ProblemKind::NotADate,
                    s.clone(),
                    "type a date such as 2016-07-31",
                );
                None
            }
            Data::String(s) => {
                let t = s.trim();
                if let Ok(d) = t.parse::<DateOrMonth>() {
                    return Some(d);
                }
                self.problem(
                    col,
                    ProblemKind::DateAsText,
                    t.to_owned(),
                    "type the date as a date (2016-07-31), or a month as text in the form 2016-07; day/month orders such as 31/07/2016 are ambiguous and not read",
                );
                None
            }
            Data::Error(e) => {
                self.problem(
                    col,
                    ProblemKind::ErrorValue,
                    e.to_string(),
                    "type the date itself",
                );
                None
            }
            other => {
                self.problem(
                    col,
                    ProblemKind::NotADate,
                    data_text(other),
                    "type a date such as 2016-07-31 in a cell formatted as a date (a number here is a date serial whose format was removed)",
                );
                None
            }
        }
    }

    fn status(&mut self, col: u16, cell: &Cell<'_>) -> Option<Status> {
        let found = data_text(self.value(col, cell, "status")?);
        if let Ok(s) = found.trim().parse::<Status>() {
            return Some(s);
        }
        self.problem(
            col,
            ProblemKind::StatusNotInList,
            found,
            format!(
                "choose one of the list: {}",
                crate::export::status_names().join(", ")
            ),
        );
        None
    }

    fn text(&mut self, col: u16, cell: &Cell<'_>) -> Option<String> {
        if let Cell::Value(Data::Error(e)) = cell {
            self.problem(
                col,
                ProblemKind::ErrorValue,
                e.to_string(),
                "type the text itself",
            );
            return None;
        }
        // A formula is kept as its text, never evaluated.
        let text = text_of(cell);
        if text.trim().is_empty() {
            return None;
        }
        let chars = text.chars().count();
        if chars > MAX_NARRATIVE_CHARS as usize {
            self.problem(
                col,
                ProblemKind::TextTooLong,
                format!("{chars} characters"),
                "shorten the narrative to 10,000 characters, or move the detail into the report's body",
            );
            return None;
        }
        Some(text)
    }
}

/// Digits from the first non-zero one to the last non-zero one: `0.00120`
/// has 2, `84000000.1` has 9.
fn significant_digits(text: &str) -> usize {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).collect();
    let first = digits.iter().position(|&d| d != b'0');
    let last = digits.iter().rposition(|&d| d != b'0');
    match (first, last) {
        (Some(f), Some(l)) => l.saturating_sub(f).saturating_add(1),
        _ => 0,
    }
}

fn to_progress(indicator: &Indicator, entry: RowEntry) -> Option<IndicatorProgress> {
    if entry.is_empty() {
        return None;
    }
    let mut progress = IndicatorProgress::new(indicator.id.clone());
    let [en, fr, es] = entry.narrative;
    progress.narrative = Text::try_from_versions(en, fr, es).ok();
    let observation = match (&indicator.measure, entry.observed, entry.completed_on) {
        (Measure::Milestone(_), _, Some(done)) => {
            Some(Observation::Milestone(MilestoneObservation::new(done)))
        }
        (Measure::Count(_), Some(Observed::Number(v)), _) => {
            let mut o = ValueObservation::new(v);
            o.as_of = entry.observed_on;
            Some(Observation::Count(o))
        }
        (Measure::Percentage(_), Some(Observed::Number(v)), _) => {
            let mut o = ValueObservation::new(v);
            o.as_of = entry.observed_on;
            Some(Observation::Percentage(o))
        }
        (Measure::Money(m), Some(Observed::Number(v)), _) => {
            let mut o = MoneyObservation::new(Money::new(v, m.target.currency));
            o.as_of = entry.observed_on;
            Some(Observation::Money(o))
        }
        (Measure::Qualitative(_), Some(Observed::Met(met)), _) => {
            let mut o = QualitativeObservation::new(met);
            o.as_of = entry.observed_on;
            Some(Observation::Qualitative(o))
        }
        _ => None,
    };
    progress.observations.extend(observation);
    if entry.forecast_value.is_some() || entry.forecast_by.is_some() {
        let mut forecast = Forecast::default();
        forecast.value = entry.forecast_value;
        forecast.by = entry.forecast_by;
        progress.forecast = Some(forecast);
    }
    progress.status = entry.status;
    Some(progress)
}

/// The exchange format's rules on the new report, each problem at the cell
/// it comes from.
fn check_rules(
    envelope: &Envelope,
    report: &ProgressReport,
    entry_rows: &[u32],
    problems: &mut Vec<Problem>,
) {
    let mut reports = envelope.reports.clone();
    let new = reports.len();
    reports.push(report.clone());
    for p in actionplan_model::validate(&envelope.plan, &reports) {
        if p.severity() != Severity::Error || p.scope != Scope::Report(new) {
            continue;
        }
        let cell = rule_cell(&p.pointer, entry_rows);
        problems.push(Problem::new(
            cell,
            ProblemKind::Rule,
            "",
            format!("{} ({})", p.message, p.rule.code()),
        ));
    }
}

/// The cell a pointer into the new report names: an entry's cell, the
/// option that gave the report's id or date, or the pointer itself.
fn rule_cell(pointer: &str, entry_rows: &[u32]) -> String {
    let mut parts = pointer.trim_start_matches('/').split('/');
    match parts.next() {
        Some("id") => return "--report-id".to_owned(),
        Some("as_of") => return "--as-of".to_owned(),
        Some("indicators") => {}
        _ => return format!("the new report at {pointer}"),
    }
    let Some(row) = parts
        .next()
        .and_then(|k| k.parse::<usize>().ok())
        .and_then(|k| entry_rows.get(k))
    else {
        return format!("the new report at {pointer}");
    };
    let rest: Vec<&str> = parts.collect();
    let field = match rest.as_slice() {
        ["observations", _, "as_of", ..] => Field::ObservedOn,
        ["observations", _, "completed", ..] => Field::CompletedOn,
        ["observations", ..] => Field::ObservedValue,
        ["forecast", "by", ..] => Field::ForecastBy,
        ["forecast", ..] => Field::ForecastValue,
        ["status", ..] => Field::Status,
        ["narrative", ..] => Field::NarrativeEn,
        _ => Field::IndicatorId,
    };
    cell_name(ENTRY_SHEET, *row, column_of(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_digits_ignore_leading_and_trailing_zeros() {
        assert_eq!(significant_digits("84000000.1"), 9);
        assert_eq!(significant_digits("0.00120"), 2);
        assert_eq!(significant_digits("0"), 0);
        assert_eq!(significant_digits("123456789012345678"), 18);
    }

    #[test]
    fn the_shortest_text_of_a_double_is_what_was_typed() {
        assert_eq!(shortest(84_000_000.10), "84000000.1");
        assert_eq!(shortest(1e20), "100000000000000000000");
        assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(significant_digits(&shortest(0.1 + 0.2)), 17);
    }

    #[test]
    fn rule_problems_point_at_their_cells() {
        let rows = [4, 9];
        assert_eq!(rule_cell("/id", &rows), "--report-id");
        assert_eq!(rule_cell("/as_of", &rows), "--as-of");
        assert_eq!(
            rule_cell("/indicators/1/observations/0/as_of", &rows),
            "Progress!I10"
        );
        assert_eq!(
            rule_cell("/indicators/0/observations/0/value", &rows),
            "Progress!H5"
        );
    }
}
