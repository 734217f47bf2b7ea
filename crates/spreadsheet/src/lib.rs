//! Spreadsheets and Word for ILO action plans: where progress is actually
//! written.
//!
//! The people who report progress on an action plan fill in tables in
//! Excel or Word. This crate gives them a workbook made from the exchange
//! file and reads it back without losing a value and without the silent
//! mistakes spreadsheets make:
//!
//! * [`export_xlsx`]: a workbook with a sheet for the plan (items,
//!   deliverables, indicators with their baselines, targets and deadlines),
//!   a sheet per progress report, a **data-entry sheet** `Progress` for the
//!   next report (one row per indicator; the plan's columns locked, the
//!   entry columns open with data validation: the status vocabulary as a
//!   drop-down, dates as dates, numbers as numbers, narratives of limited
//!   length) and a hidden sheet with the plan's id, the format version and
//!   the plan's [`fingerprint`].
//! * [`import_xlsx`]: reads the data-entry sheet as a new
//!   `ProgressReport`. Every problem is reported at once with its cell
//!   (`Progress!H12`), what was found and what to write instead; either the
//!   whole report is returned or nothing is.
//! * [`docx`] (feature `docx`, on by default): the "planned results vs.
//!   achievements" table as a Word document laid out as Governing Body
//!   documents print it.
//!
//! ```
//! use actionplan_model::DateOrMonth;
//! use actionplan_spreadsheet::{export_xlsx, import_xlsx};
//!
//! let file = actionplan_interchange::read_path("tests/data/sme-action-plan-2016.json")?;
//! let workbook = export_xlsx(&file)?;
//!
//! // Nobody filled it in: the new report is empty.
//! let as_of: DateOrMonth = "2017-07-31".parse()?;
//! let report = import_xlsx(&file, &workbook, "gb-331".parse()?, as_of)?;
//! assert!(report.indicators.is_empty());
//!
//! // The workbook belongs to its plan: another plan's file refuses it.
//! let mut other = file.clone();
//! other.plan.id = "another-plan".parse()?;
//! let err = import_xlsx(&other, &workbook, "gb-331".parse()?, as_of).unwrap_err();
//! assert!(err.to_string().contains("1 problem"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Numbers, dates and formulas
//!
//! * A number cell holds a binary double, not a decimal. The import reads
//!   it through its **shortest round-trip text** (`84000000.1` for
//!   `84000000.10` typed into a number cell): exact for every number of up
//!   to 15 significant digits, which is what a spreadsheet keeps; a number
//!   cell with more is refused, with the advice to type the number as text.
//!   A number typed as text (`'84000000.10`) is read exactly as written,
//!   trailing zeros included. Text with thousands separators
//!   (`1,500,000.00`) is refused with the number to write instead.
//! * A date cell is read as its day. A month alone is typed as text
//!   `2016-05`; any other date typed as text (`31/07/2016`, `July 2016`)
//!   is refused, since its order of day and month is a guess.
//! * A formula is never evaluated: in a number, date or status column it
//!   is refused, in a narrative column its text (`=A1&B1`) is the
//!   narrative.
//! * On export every text is written as a string cell: a text beginning
//!   with `=`, `+`, `-` or `@` is never read as a formula by a spreadsheet.
//!   The plan's figures are written as text, exactly as the file has them.
//!
//! The layout (sheet names, columns, the hidden sheet's cells) is in one
//! place, the [`layout`] module; `docs/spreadsheets.md` in the repository
//! shows it to the people who fill it in, with every import error and its
//! fix.
//!
//! # Dependencies, and why
//!
//! * `rust_xlsxwriter` writes XLSX with data validation, cell protection
//!   and hidden sheets, in pure Rust (no default features).
//! * `calamine` reads XLSX cell values **and** formulas, so that a formula
//!   is seen as a formula and not as its cached result (no default
//!   features: dates are converted here, without `chrono`).
//! * `sha2` for the fingerprint.
//! * `docx-rs` (feature `docx`), maintained, writes tables with merged
//!   cells, landscape sections and real footnotes (its `image` feature is
//!   off); `actionplan-report` lays out the table the document prints.
//!
//! None of their types appears in this API: their errors are kept as text.
#![warn(missing_docs)]
// Library code never panics on input: no unchecked arithmetic, indexing,
// unwrap or panic outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

#[cfg(feature = "docx")]
pub mod docx;
mod export;
mod fingerprint;
mod import;
pub mod layout;
mod problem;

pub use export::{ExportError, export_xlsx};
pub use fingerprint::fingerprint;
pub use import::{ImportError, import_xlsx};
pub use problem::{Problem, ProblemKind};

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
