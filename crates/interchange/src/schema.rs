//! The published JSON Schema of the exchange format, shipped inside this
//! crate as the committed file `schema/actionplan-1.0.schema.json` and
//! parsed once per process.
//!
//! The file is generated from the Rust types with schemars (draft 2020-12)
//! and a few documented transforms, by the drift test
//! `tests/schema_file.rs` (feature `schema`), which fails when the committed
//! file and the types disagree. The library itself never runs schemars: a
//! reader compiles neither it nor the transforms.
//!
//! # Transforms applied after generation
//!
//! 1. **`$id`.** The root gets `$id` [`SCHEMA_ID`], which carries the
//!    format version.
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
//! `urn:actionplan:schema:exchange:1.0`. JSON Schema needs an absolute URI
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

use serde_json::Value;
use std::sync::LazyLock;

/// The `$id` of the published schema: a URN that names the format and its
/// version and does not pretend to be a location (see the module docs).
pub const SCHEMA_ID: &str = "urn:actionplan:schema:exchange:1.0";

/// Where the schema is committed, relative to this crate's root (and so
/// inside the packaged crate). `docs/schema/` of the repository holds a copy
/// that a test keeps equal.
pub const SCHEMA_PATH: &str = "schema/actionplan-1.0.schema.json";

/// The committed file, byte for byte.
const SCHEMA_TEXT: &str = include_str!("../schema/actionplan-1.0.schema.json");

#[allow(
    clippy::expect_used,
    reason = "the text is a file compiled into the crate, not input; the test \
              `committed_schema_parses` and every validation test parse it"
)]
static PARSED: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the committed schema is JSON"));

/// The published JSON Schema of the exchange format, as a JSON value,
/// parsed once per process.
///
/// ```
/// let schema = actionplan_interchange::schema();
/// assert_eq!(schema["$id"], actionplan_interchange::SCHEMA_ID);
/// assert_eq!(schema["properties"]["format"]["const"], "actionplan");
/// ```
pub fn schema() -> &'static Value {
    &PARSED
}

/// The published JSON Schema as text: pretty-printed with a trailing line
/// break, byte for byte the file committed at [`SCHEMA_PATH`].
///
/// ```
/// assert!(actionplan_interchange::schema_string().ends_with("}\n"));
/// ```
pub fn schema_string() -> &'static str {
    SCHEMA_TEXT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schema_parses() {
        assert_eq!(schema()["$id"], SCHEMA_ID);
    }

    #[test]
    fn no_nonstandard_integer_formats() {
        let text = schema_string();
        assert!(!text.contains("uint32") && !text.contains("uint16"));
        assert!(text.ends_with("}\n"));
    }
}
