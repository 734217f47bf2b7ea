//! The committed schema is what the code generates.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(actionplan_interchange::SCHEMA_PATH)
}

#[test]
fn committed_schema_matches_generated() {
    let path = committed_path();
    let generated = actionplan_interchange::schema_string();
    if std::env::var_os("ACTIONPLAN_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} differs from the schema the Rust types generate.\n\
         If the change to the types is intended, regenerate it with\n\
         \n    ACTIONPLAN_UPDATE_SCHEMA=1 cargo test -p actionplan-interchange --test schema_file\n\
         \nand commit the file (a change to the published format may need a new version).",
        path.display()
    );
}

#[test]
fn schema_is_draft_2020_12_with_a_versioned_id() {
    let s = actionplan_interchange::schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(s["$id"].as_str().unwrap().contains("1.0"));
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
