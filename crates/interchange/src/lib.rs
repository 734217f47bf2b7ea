//! The actionplan exchange file: the versioned envelope around an ILO action
//! plan and its progress reports, reading and canonical atomic writing, the
//! published JSON Schema, and validation that says exactly what is wrong and
//! where.
//!
//! ```
//! use actionplan_interchange::{read_str, to_canonical_string, validate_str, Code, Layer, Rule};
//!
//! let text = r#"{
//!   "format": "actionplan",
//!   "version": "1.0",
//!   "plan": {
//!     "id": "sme",
//!     "title": {"en": "SME action plan"},
//!     "resolution": {"title": {"en": "Resolution concerning SMEs"}, "adopted_at": "ilc-104"},
//!     "endorsed_at": "gb-325",
//!     "biennia": ["2016-17", "2018-19"],
//!     "sessions": [
//!       {"id": "ilc-104", "body": "international_labour_conference", "number": 104, "year": 2015},
//!       {"id": "gb-325", "body": "governing_body", "number": 325, "year": 2015}
//!     ]
//!   },
//!   "reports": []
//! }"#;
//!
//! // Validate: syntax, the published schema, then the rules AP001–AP036.
//! let report = validate_str(text);
//! assert!(report.is_valid(), "{report}");
//!
//! // Read and write back canonically.
//! let envelope = read_str(text)?;
//! let canonical = to_canonical_string(&envelope);
//! assert_eq!(to_canonical_string(&read_str(&canonical)?), canonical);
//!
//! // A mistake is reported with its JSON pointer and line:column.
//! let report = validate_str(&text.replace("\"gb-325\",\n", "\"gb-999\",\n"));
//! let issue = &report.issues[0];
//! assert_eq!(issue.layer, Layer::Rule);
//! assert_eq!(issue.code, Code::Rule(Rule::UnresolvedReference));
//! assert_eq!(issue.pointer, "/plan/endorsed_at");
//! assert_eq!((issue.line, issue.column), (Some(8), Some(20)));
//! # Ok::<(), actionplan_interchange::ReadError>(())
//! ```
//!
//! # The three layers
//!
//! 1. **Syntax**: UTF-8 JSON, no key twice in one object.
//! 2. **Schema**: the published JSON Schema of the file's version
//!    ([`schema_for`]; the current one, [`schema`], is shipped in this
//!    crate as the committed file [`SCHEMA_PATH`], `$id` [`SCHEMA_ID`]),
//!    compiled once per process, with format checks on. The schema and [`read_str`] accept exactly the
//!    same documents; property tests hold them to it.
//! 3. **Rules**: what a schema cannot express — unique ids, references that
//!    resolve, dates that come in order, targets beyond baselines — checked
//!    by [`actionplan_model::validate`], each with a stable id `AP001` ….
//!
//! The result is a [`ValidationReport`] of [`Issue`]s: our own serializable
//! types, whatever validator runs underneath. Each issue has a typed
//! [`Code`] to match on (`Code::Rule(Rule::UnresolvedReference)`,
//! `Code::Schema(SchemaKeyword::Required)` …), written on the wire as a
//! stable string (`AP002`, `schema/required`, `syntax/eof` …: the table is
//! on [`Code`]), and a [`Severity`] (the model's). [`explain`] says what a
//! code means, why the format has the rule, and shows a failing and a
//! passing snippet (`actionplan explain AP005` prints it).
//!
//! # Features
//!
//! * `schema-validation` (default): explain an invalid file with the
//!   published schema, through `jsonschema`: every issue, named by the
//!   schema keyword that failed. Without it the crate is much lighter (34
//!   packages in its normal dependency tree instead of 82), reading still
//!   refuses every file the schema refuses, through the strict typed reader,
//!   with a located [`ReadError`], and validation reports the first shape
//!   problem as [`Code::Shape`].
//! * `schema`: `schemars::JsonSchema` for [`Envelope`] and the model's
//!   types, to regenerate the schema from the Rust types (the drift test
//!   `tests/schema_file.rs` needs it). Readers never need it: the schema is a
//!   committed file, loaded with `include_str!`.
//!
//! # Extending the API without breaking it
//!
//! Public structs and enums that a later format version or check may extend
//! are `#[non_exhaustive]`: read their fields, match with a `..` or `_` arm,
//! but build them only through this crate.
//!
//! ```compile_fail
//! // An issue cannot be built outside this crate: a later version may add a field.
//! let issue = actionplan_interchange::Issue {
//!     layer: actionplan_interchange::Layer::Rule,
//!     code: actionplan_interchange::Code::Io,
//!     severity: actionplan_interchange::Severity::Error,
//!     pointer: String::new(),
//!     line: None,
//!     column: None,
//!     message: String::new(),
//! };
//! ```
//!
//! ```compile_fail
//! // Nor can a report: `ValidationReport::default()` is the empty one.
//! let report = actionplan_interchange::ValidationReport { issues: Vec::new(), omitted: Vec::new() };
//! ```
//!
//! The format member by member, with every rule and its id: [`exchange_format`].
//!
//! # Versions
//!
//! Files carry `"version": "1.0"` or `"1.1"` ([`FormatVersion`]). Version
//! 1.1 only adds (time frames, dated baselines and targets, revisions,
//! disaggregation, evidence, units, partners, exchange rates, budget and
//! expenditure): this library reads 1.0 files unchanged, checks each file
//! against the schema of its version ([`schema_for`]; the 1.0 schema is
//! frozen), and refuses a file that says 1.0 but uses a 1.1 member, naming
//! the member's pointer (code `envelope/version`). The writer keeps a
//! file's version and raises it to 1.1 only when the content needs it;
//! [`Envelope::new`] picks the lowest version that holds its content. So
//! every 1.0 file is written back byte for byte. A 1.0 reader refuses a 1.1
//! file with [`ReadError::UnsupportedVersion`], naming the version, rather
//! than guess. A major version (2.0) may change or remove members and gets a
//! new schema `$id`.
//!
//! # Writing files
//!
//! [`write_path`] and [`write_bytes_atomically`] replace a file atomically
//! and keep its permissions, owner and symbolic links; they refuse hard
//! links and anything but a regular file rather than damage them, and
//! leave no temporary file on failure (or, through
//! [`cancel_pending_writes`], on a signal).
//!
//! # Dependencies, and why
//!
//! * `jsonschema` (feature `schema-validation`), with its default features
//!   off: a maintained draft 2020-12 validator with format checks; the
//!   defaults would pull an HTTP client and a C-built TLS stack to resolve
//!   remote `$ref`s, which our schema never has. It is pre-1.0, so none of
//!   its types appear in this API.
//! * `schemars` (feature `schema` only): generates the schema from the
//!   model's types, so the two cannot drift; the drift test compares the
//!   output with the committed file.
//! * No `time` features of its own: dates are the model's business.
//! * `serde_path_to_error`: the JSON pointer of a typed-read error.
//! * `tempfile`: the temporary file in the target's folder that atomic
//!   writing renames into place, removed when dropped if anything fails.
//!   Removal on SIGINT/SIGTERM is left to the program, through
//!   [`cancel_pending_writes`]: a library installs no signal handler.
#![warn(missing_docs)]
// Library code never panics on input: no unchecked arithmetic, indexing,
// unwrap or panic outside tests. Each remaining `allow` says why.
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

mod code;
mod envelope;
mod explain;
mod locate;
mod members_1_1;
mod options;
mod read;
mod report;
mod schema;
#[cfg(feature = "schema-validation")]
mod schema_check;
mod strict;
mod validate;
#[cfg(feature = "schema-validation")]
mod wording;
mod write;

pub use actionplan_model::{Rule, Severity};
pub use code::{
    Code, EncodingKind, EnvelopeKind, LimitKind, SchemaKeyword, SyntaxKind, UnknownCode,
};
/// Hooks for this crate's own tests and benchmarks (the agreement tests
/// between the typed reader and the schema, work counters): not part of the
/// stable API, absent unless the `test-hooks` feature is on.
#[cfg(feature = "test-hooks")]
pub mod test_hooks {
    pub use crate::locate::locate_work;
    pub use crate::read::{read_str_fast, read_str_without_schema};
    #[cfg(feature = "schema-validation")]
    pub use crate::schema_check::schema_compilations;
}

/// The exchange format, versions 1.0 and 1.1, member by member, for people who write
/// or read files without this crate (the crate's `docs/exchange-format.md`).
#[doc = include_str!("../docs/exchange-format.md")]
pub mod exchange_format {}

pub use envelope::{
    CURRENT_VERSION, Envelope, FORMAT_NAME, FormatName, FormatVersion, SUPPORTED_VERSIONS,
};
pub use explain::{Explanation, explain, explanations};
pub use locate::LineIndex;
pub use options::ReadOptions;
pub use read::{
    MAX_NESTING, ReadError, TextEncoding, read_bytes, read_path, read_path_with, read_reader,
    read_reader_with, read_str, read_str_with, sniff_encoding,
};
pub use report::{Issue, Layer, OmittedIssues, ValidationReport};
pub use schema::{
    SCHEMA_ID, SCHEMA_PATH, schema, schema_for, schema_id, schema_path, schema_string,
    schema_string_for,
};
pub use validate::{
    Checked, check_bytes, check_bytes_with, check_str, check_str_with, validate_bytes,
    validate_envelope, validate_path, validate_path_with, validate_str,
};
pub use write::{
    WriteError, cancel_pending_writes, to_canonical_string, write_atomically_with,
    write_bytes_atomically, write_path, write_writer,
};

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
