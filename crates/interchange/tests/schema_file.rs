//! The committed schema (`schema/actionplan-1.0.schema.json`, shipped in
//! the crate) is what the Rust types generate, and `docs/schema/` holds the
//! same bytes.
//!
//! Regenerate both after an intended change to the types with
//!
//! ```text
//! ACTIONPLAN_UPDATE_SCHEMA=1 cargo test -p actionplan-interchange --all-features --test schema_file
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(actionplan_interchange::SCHEMA_PATH)
}

/// The repository's copy, absent from the packaged crate.
fn docs_copy() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema/actionplan-1.0.schema.json")
}

fn updating() -> bool {
    std::env::var_os("ACTIONPLAN_UPDATE_SCHEMA").is_some()
}

/// Generation: schemars, then the transforms `src/schema.rs` documents.
#[cfg(feature = "schema")]
mod generate {
    use serde_json::{Map, Value};

    pub fn schema_text() -> String {
        let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        // Serialized as a `Schema`, which writes keywords in its own order.
        let mut root = generator.into_root_schema_for::<actionplan_interchange::Envelope>();
        let obj = root.as_object_mut().unwrap();
        obj.insert(
            "$id".into(),
            Value::String(actionplan_interchange::SCHEMA_ID.into()),
        );
        for (_, v) in obj.iter_mut() {
            adjust(v, false);
        }
        adjust_object(obj);
        let mut text = serde_json::to_string_pretty(&root).unwrap();
        text.push('\n');
        text
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
    pub fn join_lines(d: &str) -> String {
        d.split("\n\n")
            .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn descriptions_are_joined() {
        assert_eq!(join_lines("a\nb\n\nc\n d"), "a b\n\nc d");
    }
}

#[cfg(feature = "schema")]
#[test]
fn committed_schema_matches_generated() {
    let path = committed_path();
    let generated = generate::schema_text();
    if updating() {
        std::fs::write(&path, &generated).unwrap();
        if docs_copy().parent().unwrap().is_dir() {
            std::fs::write(docs_copy(), &generated).unwrap();
        }
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == generated,
        "{} differs from the schema the Rust types generate.\n\
         If the change to the types is intended, regenerate it with\n\
         \n    ACTIONPLAN_UPDATE_SCHEMA=1 cargo test -p actionplan-interchange --all-features --test schema_file\n\
         \nand commit the file (a change to the published format may need a new version).",
        path.display()
    );
}

#[cfg(not(feature = "schema"))]
#[test]
fn updating_needs_the_schema_feature() {
    assert!(
        !updating(),
        "ACTIONPLAN_UPDATE_SCHEMA needs the `schema` feature: add --all-features"
    );
}

#[test]
fn the_library_serves_the_committed_file() {
    let committed = std::fs::read_to_string(committed_path()).unwrap();
    assert_eq!(actionplan_interchange::schema_string(), committed);
}

/// The repository publishes the schema under `docs/schema/` too; the copy
/// must be the same bytes. (In a packaged crate there is no copy to check.)
#[test]
fn the_docs_copy_is_the_committed_file() {
    let Ok(copy) = std::fs::read_to_string(docs_copy()) else {
        assert!(
            !PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../Cargo.toml")
                .exists()
                || !docs_copy().parent().unwrap().is_dir(),
            "docs/schema/ exists but has no copy of the schema"
        );
        return;
    };
    assert!(
        copy == actionplan_interchange::schema_string(),
        "docs/schema/actionplan-1.0.schema.json differs from crates/interchange/{}; \
         regenerate both with ACTIONPLAN_UPDATE_SCHEMA=1 (see this file's docs)",
        actionplan_interchange::SCHEMA_PATH
    );
}

#[test]
fn schema_is_draft_2020_12_with_a_versioned_urn_id() {
    let s = actionplan_interchange::schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["$id"], "urn:actionplan:schema:exchange:1.0");
    assert_eq!(s["additionalProperties"], false);
    let required: Vec<&str> = s["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["format", "version", "plan"]);
}

#[test]
fn descriptions_read_as_prose() {
    // Doc comments become descriptions: no Rust code, no intra-doc links.
    fn walk(v: &serde_json::Value, at: &str, bad: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(o) => {
                if let Some(serde_json::Value::String(d)) = o.get("description")
                    && (d.contains("```")
                        || d.contains("[`")
                        || d.contains("](")
                        || d.contains('\n') && !d.contains("\n\n"))
                {
                    bad.push(format!("{at}: {d}"));
                }
                for (k, c) in o {
                    if !matches!(k.as_str(), "const" | "enum" | "default") {
                        walk(c, &format!("{at}/{k}"), bad);
                    }
                }
            }
            serde_json::Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    walk(c, &format!("{at}/{i}"), bad);
                }
            }
            _ => {}
        }
    }
    let mut bad = Vec::new();
    walk(actionplan_interchange::schema(), "", &mut bad);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn every_object_refuses_unknown_members_except_extensions() {
    let s = actionplan_interchange::schema();
    for (name, def) in s["$defs"].as_object().unwrap() {
        let objects: Vec<&serde_json::Value> = match def.get("oneOf") {
            Some(serde_json::Value::Array(v)) => v.iter().collect(),
            _ => vec![def],
        };
        for o in objects {
            if o["type"] == "object" && name != "Extensions" {
                assert_eq!(o["additionalProperties"], false, "{name}");
            }
        }
    }
}
