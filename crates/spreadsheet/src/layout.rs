//! The workbook's layout, in one place: sheet names, the data-entry
//! sheet's columns and the hidden sheet's cells. Export writes from these
//! tables and import reads through them, so a column added here (format
//! 1.1's units or dated targets) is added to both.

/// The sheet with the plan: one row per indicator.
pub const PLAN_SHEET: &str = "Plan";
/// The data-entry sheet for the next progress report.
pub const ENTRY_SHEET: &str = "Progress";
/// The hidden sheet that says which plan the workbook was made from.
pub const META_SHEET: &str = "actionplan";
/// Prefix of the sheet of each existing progress report (`Report 1` …).
pub const REPORT_SHEET_PREFIX: &str = "Report ";

/// Version of this layout, written in the hidden sheet: an import refuses
/// a workbook laid out by another version rather than read the wrong
/// columns.
pub const LAYOUT_VERSION: &str = "1";

/// Longest narrative accepted in one language, in characters (the data
/// validation and the import apply the same limit).
pub const MAX_NARRATIVE_CHARS: u32 = 10_000;

/// Significant digits a spreadsheet keeps in a number cell (IEEE doubles,
/// of which Excel shows and stores 15): a number cell with more was
/// rounded on the way in, so the import refuses it and asks for text.
pub const MAX_NUMBER_DIGITS: usize = 15;

/// What a column of the data-entry sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The indicator's id (read-only; the import checks it per row).
    IndicatorId,
    /// The deliverable, with its letter (read-only).
    Deliverable,
    /// The indicator's text, with its letter (read-only).
    Indicator,
    /// The kind of measure with its unit or currency (read-only).
    Measure,
    /// The baseline (read-only).
    Baseline,
    /// The target (read-only).
    Target,
    /// The deadline month (read-only).
    Deadline,
    /// The value observed (entry: a number; `met` or `not_met` for a
    /// qualitative indicator).
    ObservedValue,
    /// The date of the value observed (entry: a date).
    ObservedOn,
    /// The date a milestone was completed (entry: a date).
    CompletedOn,
    /// The value expected (entry: a number).
    ForecastValue,
    /// The date by which the forecast holds (entry: a date).
    ForecastBy,
    /// The status asserted (entry: one of the vocabulary).
    Status,
    /// The narrative in English (entry: text).
    NarrativeEn,
    /// The narrative in French (entry: text).
    NarrativeFr,
    /// The narrative in Spanish (entry: text).
    NarrativeEs,
}

/// How a column is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Locked: written by the export, checked or ignored by the import.
    ReadOnly,
    /// A number (or `met`/`not_met` on qualitative rows).
    Number,
    /// A date (or a month typed as text `2016-05`).
    Date,
    /// One status of the vocabulary.
    Status,
    /// Free text of limited length.
    Text,
}

/// One column of the data-entry sheet.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// What it holds.
    pub field: Field,
    /// Its heading in row 1.
    pub heading: &'static str,
    /// How it is entered.
    pub entry: Entry,
    /// Its width in characters.
    pub width: f64,
}

/// The data-entry sheet's columns, left to right (`A`, `B`, …).
pub const ENTRY_COLUMNS: &[Column] = &[
    col(Field::IndicatorId, "Indicator id", Entry::ReadOnly, 16.0),
    col(Field::Deliverable, "Deliverable", Entry::ReadOnly, 30.0),
    col(Field::Indicator, "Indicator", Entry::ReadOnly, 36.0),
    col(Field::Measure, "Measure", Entry::ReadOnly, 16.0),
    col(Field::Baseline, "Baseline", Entry::ReadOnly, 12.0),
    col(Field::Target, "Target", Entry::ReadOnly, 12.0),
    col(Field::Deadline, "Deadline", Entry::ReadOnly, 10.0),
    col(Field::ObservedValue, "Observed value", Entry::Number, 15.0),
    col(Field::ObservedOn, "Observed on", Entry::Date, 12.0),
    col(Field::CompletedOn, "Completed on", Entry::Date, 12.0),
    col(Field::ForecastValue, "Forecast value", Entry::Number, 15.0),
    col(Field::ForecastBy, "Forecast by", Entry::Date, 12.0),
    col(Field::Status, "Status", Entry::Status, 18.0),
    col(Field::NarrativeEn, "Narrative (en)", Entry::Text, 30.0),
    col(Field::NarrativeFr, "Narrative (fr)", Entry::Text, 30.0),
    col(Field::NarrativeEs, "Narrative (es)", Entry::Text, 30.0),
];

const fn col(field: Field, heading: &'static str, entry: Entry, width: f64) -> Column {
    Column {
        field,
        heading,
        entry,
        width,
    }
}

/// The 0-based column of `field` in the data-entry sheet.
pub fn column_of(field: Field) -> u16 {
    let mut k: u16 = 0;
    for c in ENTRY_COLUMNS {
        if c.field == field {
            return k;
        }
        k = k.saturating_add(1);
    }
    // Every field has a column: the table above lists each once.
    k
}

/// The first data row of the data-entry sheet (0-based; row 1 in a
/// spreadsheet holds the headings).
pub const FIRST_ENTRY_ROW: u32 = 1;

/// The cells of the hidden sheet: a label in column A, the value in B.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meta {
    /// `actionplan` (what made the workbook).
    Tool,
    /// The plan's id.
    PlanId,
    /// The exchange format version of the file exported.
    FormatVersion,
    /// The plan's fingerprint (see [`fingerprint`](crate::fingerprint)).
    Fingerprint,
    /// [`LAYOUT_VERSION`].
    Layout,
    /// How many indicator rows the data-entry sheet has.
    Rows,
}

/// The hidden sheet's rows, top to bottom, with their labels.
pub const META_ROWS: &[(Meta, &str)] = &[
    (Meta::Tool, "made by"),
    (Meta::PlanId, "plan id"),
    (Meta::FormatVersion, "format version"),
    (
        Meta::Fingerprint,
        "plan fingerprint (sha256 of the canonical plan)",
    ),
    (Meta::Layout, "workbook layout"),
    (Meta::Rows, "indicator rows"),
];

/// The 0-based row of `meta` in the hidden sheet.
pub fn meta_row(meta: Meta) -> u32 {
    let mut k: u32 = 0;
    for (m, _) in META_ROWS {
        if *m == meta {
            return k;
        }
        k = k.saturating_add(1);
    }
    k
}

/// What the hidden sheet's first value says.
pub const TOOL_NAME: &str = "actionplan";

/// A cell's name as a spreadsheet shows it: `Progress!F12` for the 0-based
/// row 11 and column 5.
pub fn cell_name(sheet: &str, row: u32, col: u16) -> String {
    format!(
        "{sheet}!{}{}",
        column_letters(col),
        u64::from(row).saturating_add(1)
    )
}

/// `A`, …, `Z`, `AA`, … for a 0-based column.
pub fn column_letters(col: u16) -> String {
    let mut n = u32::from(col).saturating_add(1);
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n.saturating_sub(1)) % 26;
        // `rem` < 26, so the letter is within A–Z.
        letters.push(char::from(
            b'A'.saturating_add(u8::try_from(rem).unwrap_or(0)),
        ));
        n = (n.saturating_sub(1)) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name("Progress", 11, 5), "Progress!F12");
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn every_field_has_one_column() {
        for (k, c) in ENTRY_COLUMNS.iter().enumerate() {
            assert_eq!(usize::from(column_of(c.field)), k, "{:?}", c.field);
        }
        for (k, (m, _)) in META_ROWS.iter().enumerate() {
            assert_eq!(meta_row(*m) as usize, k);
        }
    }
}
