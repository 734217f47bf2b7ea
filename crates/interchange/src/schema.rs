//! The published JSON Schemas of the exchange format, one per version,
//! shipped inside this crate as the committed files
//! `schema/actionplan-1.0.schema.json` (frozen: never regenerated) and
//! `schema/actionplan-1.1.schema.json`, each parsed once per process.
//!
//! The schema of the current version (1.1) is generated from the Rust types
//! with schemars (draft 2020-12) and a few documented transforms, by the
//! drift test `tests/schema_file.rs` (feature `schema`), which fails when
//! the committed file and the types disagree. The 1.0 schema was generated
//! the same way from the 1.0 types and is kept byte for byte (the test
//! checks its SHA-256): 1.1 only adds, so the 1.0 schema still describes
//! every 1.0 file. The library itself never runs schemars: a reader
//! compiles neither it nor the transforms.
//!
//! A file is checked against the schema of the version it states: a file
//! that says `"version": "1.0"` against the 1.0 schema, any other against
//! the 1.1 schema (whose `version` accepts "1.0" and "1.1", so every 1.0
//! file is also valid 1.1).
//!
//! # Transforms applied after generation
//!
//! 1. **`$id`.** The root gets `$id` [`SCHEMA_ID`] (for 1.0,
//!    `urn:actionplan:schema:exchange:1.0`), which carries the format
//!    version.
//! 2. **Integers.** schemars describes `u32`/`u16` fields with the
//!    non-standard formats `uint32`/`uint16`; they are replaced by explicit
//!    `minimum` and `maximum`, which every validator checks. JSON Schema
//!    counts `1.0` as an integer, so the reader accepts integral numbers
//!    written with a fraction or exponent too, and the canonical writer
//!    writes them as plain integers.
//! 3. **No line break after a pattern match.** Python's `re.search` lets `$`
//!    match before a final line break, so `"abc\n"` would pass `^[a-z]+$`
//!    there but not in ECMA-262 engines or our reader. Every schema with a
//!    `pattern` also gets `"not": {"type": "string", "pattern": "\\n"}`.
//! 4. **Descriptions.** Doc comments become `description`s; single line
//!    breaks inside a paragraph are joined with a space.
//!
//! # The `$id`
//!
//! The schema's `$id` is the URN [`SCHEMA_ID`],
//! `urn:actionplan:schema:exchange:1.1` (1.0: `…:exchange:1.0`). JSON Schema needs an absolute URI
//! that names the schema; it need not be a place to download it from. The
//! project has no published home, and an `https://` address on a host we do
//! not control (or a placeholder host) would claim a location that does not
//! exist, which some tools try to fetch. A URN names without locating. A
//! `tag:` URI (RFC 4151) would need a domain or mail address we own; a
//! `urn:uuid:` would be conforming but unreadable. The `actionplan`
//! namespace is not registered with IANA (RFC 8141), which costs nothing
//! here: no tool resolves URNs, and JSON Schema only compares them as
//! strings. Each format version has its own `$id`; a minor version keeps
//! the major (`urn:actionplan:schema:exchange:1.1`); the `$id` of a
//! published version never changes, even if the project gets a web address.

use crate::FormatVersion;
use serde_json::Value;
use std::sync::LazyLock;

/// The `$id` of the current version's schema: a URN that names the format
/// and its version and does not pretend to be a location (see the module
/// docs).
pub const SCHEMA_ID: &str = "urn:actionplan:schema:exchange:1.1";

/// Where the current version's schema is committed, relative to this
/// crate's root (and so inside the packaged crate). `docs/schema/` of the
/// repository is a symbolic link to the same folder.
pub const SCHEMA_PATH: &str = "schema/actionplan-1.1.schema.json";

const TEXT_1_0: &str = include_str!("../schema/actionplan-1.0.schema.json");
const TEXT_1_1: &str = include_str!("../schema/actionplan-1.1.schema.json");

#[allow(
    clippy::expect_used,
    reason = "the text is a file compiled into the crate, not input; the test \
              `committed_schemas_parse` and every validation test parse it"
)]
fn parse(text: &'static str) -> Value {
    serde_json::from_str(text).expect("the committed schema is JSON")
}

static PARSED_1_0: LazyLock<Value> = LazyLock::new(|| parse(TEXT_1_0));
static PARSED_1_1: LazyLock<Value> = LazyLock::new(|| parse(TEXT_1_1));

/// The published JSON Schema of the current version (1.1), as a JSON
/// value, parsed once per process.
///
/// ```
/// let schema = actionplan_interchange::schema();
/// assert_eq!(schema["$id"], actionplan_interchange::SCHEMA_ID);
/// assert_eq!(schema["properties"]["format"]["const"], "actionplan");
/// ```
pub fn schema() -> &'static Value {
    schema_for(crate::CURRENT_VERSION)
}

/// The published JSON Schema of `version`, parsed once per process.
///
/// ```
/// use actionplan_interchange::{schema_for, FormatVersion};
/// assert_eq!(schema_for(FormatVersion::V1_0)["$id"], "urn:actionplan:schema:exchange:1.0");
/// assert_eq!(schema_for(FormatVersion::V1_1)["$id"], "urn:actionplan:schema:exchange:1.1");
/// ```
pub fn schema_for(version: FormatVersion) -> &'static Value {
    match version {
        FormatVersion::V1_0 => &PARSED_1_0,
        FormatVersion::V1_1 => &PARSED_1_1,
    }
}

/// The published JSON Schema of the current version as text:
/// pretty-printed with a trailing line break, byte for byte the file
/// committed at [`SCHEMA_PATH`].
///
/// ```
/// assert!(actionplan_interchange::schema_string().ends_with("}\n"));
/// ```
pub fn schema_string() -> &'static str {
    schema_string_for(crate::CURRENT_VERSION)
}

/// The published JSON Schema of `version` as text, byte for byte the
/// committed file at [`schema_path`]`(version)`.
pub fn schema_string_for(version: FormatVersion) -> &'static str {
    match version {
        FormatVersion::V1_0 => TEXT_1_0,
        FormatVersion::V1_1 => TEXT_1_1,
    }
}

/// Where the schema of `version` is committed, relative to this crate's root.
pub fn schema_path(version: FormatVersion) -> &'static str {
    match version {
        FormatVersion::V1_0 => "schema/actionplan-1.0.schema.json",
        FormatVersion::V1_1 => SCHEMA_PATH,
    }
}

/// The `$id` of the schema of `version`.
pub fn schema_id(version: FormatVersion) -> &'static str {
    match version {
        FormatVersion::V1_0 => "urn:actionplan:schema:exchange:1.0",
        FormatVersion::V1_1 => SCHEMA_ID,
    }
}

/// The schema a JSON document is checked against: the one of the version
/// it states, the current one when it states none we read.
#[cfg(feature = "schema-validation")]
pub(crate) fn version_of(value: &Value) -> FormatVersion {
    value
        .get("version")
        .and_then(Value::as_str)
        .and_then(FormatVersion::parse)
        .unwrap_or(crate::CURRENT_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schemas_parse() {
        assert_eq!(schema()["$id"], SCHEMA_ID);
        for v in [FormatVersion::V1_0, FormatVersion::V1_1] {
            assert_eq!(schema_for(v)["$id"], schema_id(v));
        }
    }

    #[test]
    fn no_nonstandard_integer_formats() {
        for v in [FormatVersion::V1_0, FormatVersion::V1_1] {
            let text = schema_string_for(v);
            assert!(!text.contains("uint32") && !text.contains("uint16"));
            assert!(text.ends_with("}\n"));
        }
    }
}
