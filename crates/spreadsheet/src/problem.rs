//! What an import found wrong, cell by cell.

use std::fmt;

/// One problem of a filled workbook: where (`Progress!F12`), what kind,
/// what was found and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// The cell (`Progress!F12`), a sheet (`Progress`), or the command-line
    /// option the problem is about (`--report-id`).
    pub cell: String,
    /// What kind of mistake.
    pub kind: ProblemKind,
    /// What the cell holds, as text (`31/07/2016`, `=SUM(H2:H4)`).
    pub found: String,
    /// What to write instead, for a person.
    pub fix: String,
}

impl Problem {
    pub(crate) fn new(
        cell: String,
        kind: ProblemKind,
        found: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Problem {
            cell,
            kind,
            found: found.into(),
            fix: fix.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.cell, self.kind.describe())?;
        if !self.found.is_empty() {
            write!(f, ": found `{}`", self.found)?;
        }
        write!(f, "; {}", self.fix)
    }
}

/// The kinds of problem an import reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A sheet the import needs is missing (`Progress`, `actionplan`).
    MissingSheet,
    /// The workbook was not made by `actionplan export` (its hidden sheet
    /// says otherwise), or by another layout version.
    NotAnActionplanWorkbook,
    /// The workbook was made for another plan (another plan id).
    OtherPlan,
    /// The workbook was made from another version of this plan (its
    /// fingerprint differs: an indicator added, a target changed …).
    StalePlan,
    /// The workbook was made from a file of another format version.
    FormatVersion,
    /// A column heading was changed or columns were moved.
    ColumnsChanged,
    /// A row's indicator id is not the one exported in that row.
    IndicatorIdEdited,
    /// Rows of the data-entry sheet were deleted.
    MissingRow,
    /// Something was written below the last indicator's row.
    ExtraRow,
    /// A date typed as text that is not `YYYY-MM-DD` or `YYYY-MM`.
    DateAsText,
    /// Something other than a date in a date column (a number, a truth value).
    NotADate,
    /// A number typed with thousands separators (`1,500,000.00`).
    NumberWithSeparators,
    /// Text that is not a number in a number column.
    NotANumber,
    /// A number cell with more significant digits than a spreadsheet keeps,
    /// or a number beyond the exchange format's 29 characters.
    TooManyDigits,
    /// A formula where a value is expected (formulas are never evaluated).
    Formula,
    /// A status that is not in the vocabulary.
    StatusNotInList,
    /// A qualitative indicator's value other than `met` or `not_met`.
    NotMetOrNotMet,
    /// A value in a column that does not apply to the indicator's measure
    /// (a completion date for a count, a value for a milestone).
    NotApplicable,
    /// A date of observation without the value observed.
    DateWithoutValue,
    /// A narrative longer than the limit.
    TextTooLong,
    /// A spreadsheet error value (`#DIV/0!`, `#REF!`).
    ErrorValue,
    /// The new report breaks a rule of the exchange format (`AP006` dates
    /// out of order, `AP001` a report id already used …); the fix names the
    /// rule.
    Rule,
}

impl ProblemKind {
    /// The kind in a few words, as a message begins.
    pub fn describe(self) -> &'static str {
        match self {
            ProblemKind::MissingSheet => "a sheet is missing",
            ProblemKind::NotAnActionplanWorkbook => "not a workbook made by `actionplan export`",
            ProblemKind::OtherPlan => "the workbook was made for another plan",
            ProblemKind::StalePlan => {
                "the workbook was made from another version of this plan (its fingerprint differs)"
            }
            ProblemKind::FormatVersion => {
                "the workbook was made from a file of another format version"
            }
            ProblemKind::ColumnsChanged => "the columns were changed",
            ProblemKind::IndicatorIdEdited => "the indicator id of this row was edited",
            ProblemKind::MissingRow => "rows of indicators were deleted",
            ProblemKind::ExtraRow => "a row was added below the indicators",
            ProblemKind::DateAsText => "a date typed as text",
            ProblemKind::NotADate => "not a date",
            ProblemKind::NumberWithSeparators => "a number typed with separators",
            ProblemKind::NotANumber => "not a number",
            ProblemKind::TooManyDigits => "a number with more digits than a spreadsheet keeps",
            ProblemKind::Formula => "a formula (formulas are not evaluated)",
            ProblemKind::StatusNotInList => "a status not in the list",
            ProblemKind::NotMetOrNotMet => "neither met nor not_met",
            ProblemKind::NotApplicable => "a value this indicator's measure does not take",
            ProblemKind::DateWithoutValue => "a date without the value observed",
            ProblemKind::TextTooLong => "a text longer than 10,000 characters",
            ProblemKind::ErrorValue => "a spreadsheet error value",
            ProblemKind::Rule => "the report breaks a rule of the exchange format",
        }
    }
}
