//! The published JSON Schema: generated from the Rust types with schemars
//! (draft 2020-12), then adjusted by a few documented transforms so that
//! every conforming validator accepts exactly what the reader accepts.
//!
//! # Transforms applied after generation
//!
//! 1. **`$id` and title.** The root gets `$id` [`SCHEMA_ID`], which carries
//!    the format version.
//! 2. **Integers.** schemars describes `u32`/`u16` fields with the
//!    non-standard formats `uint32`/`uint16`; they are replaced by explicit
//!    `minimum` and `maximum`, which every validator checks. JSON Schema
//!    counts `1.0` as an integer, so the reader accepts integral numbers
//!    written with a fraction or exponent too (see `read`), and the canonical
//!    writer writes them as plain integers.
//! 3. **No line break after a pattern match.** Python's `re.search` lets `$`
//!    match before a final line break, so `"abc\n"` would pass `^[a-z]+$`
//!    there but not in ECMA-262 engines or our reader. Every schema with a
//!    `pattern` also gets `"not": {"type": "string", "pattern": "\\n"}`.
//! 4. **Descriptions.** Doc comments become `description`s; single line
//!    breaks inside a paragraph are joined with a space.

use schemars::Schema;
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// The `$id` of the published schema; it names the format version.
pub const SCHEMA_ID: &str = "https://actionplan.invalid/schema/actionplan-1.0.schema.json";

/// Where the schema is committed, relative to the workspace root.
pub const SCHEMA_PATH: &str = "docs/schema/actionplan-1.0.schema.json";

struct Generated {
    text: String,
    value: Value,
}

static GENERATED: LazyLock<Generated> = LazyLock::new(|| {
    let schema = generate();
    // Serializing a schema cannot fail: every key is a string and the
    // values are JSON already.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    Generated {
        value: schema.to_value(),
        text,
    }
});

/// The published JSON Schema of the exchange format, as a JSON value.
///
/// ```
/// let schema = actionplan_interchange::schema();
/// assert_eq!(schema["$id"], actionplan_interchange::SCHEMA_ID);
/// assert_eq!(schema["properties"]["format"]["const"], "actionplan");
/// ```
pub fn schema() -> &'static Value {
    &GENERATED.value
}

/// The published JSON Schema as text: pretty-printed with a trailing line
/// break, byte for byte the file committed at [`SCHEMA_PATH`].
pub fn schema_string() -> &'static str {
    &GENERATED.text
}

fn generate() -> Schema {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut root = generator.into_root_schema_for::<crate::Envelope>();
    root.insert("$id".into(), Value::String(SCHEMA_ID.into()));
    if let Some(obj) = root.as_object_mut() {
        for (_, v) in obj.iter_mut() {
            adjust(v, false);
        }
        adjust_object(obj);
    }
    root
}

/// Keywords whose values are data, not schemas.
fn is_data_keyword(k: &str) -> bool {
    matches!(k, "const" | "enum" | "default" | "examples")
}

fn adjust(v: &mut Value, data: bool) {
    if data {
        return;
    }
    match v {
        Value::Object(obj) => {
            for (k, child) in obj.iter_mut() {
                let data = is_data_keyword(k);
                adjust(child, data);
            }
            adjust_object(obj);
        }
        Value::Array(items) => items.iter_mut().for_each(|i| adjust(i, false)),
        _ => {}
    }
}

fn adjust_object(obj: &mut Map<String, Value>) {
    if let Some(Value::String(format)) = obj.get("format") {
        let range = match format.as_str() {
            "uint8" => Some(u64::from(u8::MAX)),
            "uint16" => Some(u64::from(u16::MAX)),
            "uint32" => Some(u64::from(u32::MAX)),
            "uint64" | "uint" => Some(u64::MAX),
            _ => None,
        };
        if let Some(max) = range {
            obj.remove("format");
            obj.insert("minimum".into(), Value::from(0));
            obj.insert("maximum".into(), Value::from(max));
        }
    }
    if obj.contains_key("pattern") && !obj.contains_key("not") {
        obj.insert(
            "not".into(),
            serde_json::json!({ "type": "string", "pattern": "\\n", "description": "No line breaks." }),
        );
    }
    if let Some(Value::String(d)) = obj.get_mut("description") {
        *d = join_lines(d);
    }
}

/// Joins the lines of each paragraph of a doc comment with spaces.
fn join_lines(d: &str) -> String {
    d.split("\n\n")
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_joined() {
        assert_eq!(join_lines("a\nb\n\nc\n d"), "a b\n\nc d");
    }

    #[test]
    fn no_nonstandard_integer_formats() {
        let text = schema_string();
        assert!(!text.contains("uint32") && !text.contains("uint16"));
        assert!(text.ends_with("}\n"));
    }
}
