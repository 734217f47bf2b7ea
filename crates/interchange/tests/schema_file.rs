//! The committed schema of the current version
//! (`schema/actionplan-1.1.schema.json`, shipped in the crate) is what the
//! Rust types generate; the 1.0 schema is frozen (its SHA-256 is checked);
//! `docs/schema/` shows the same files.
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
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema/actionplan-1.1.schema.json")
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
        "docs/schema/actionplan-1.1.schema.json differs from crates/interchange/{}; \
         regenerate both with ACTIONPLAN_UPDATE_SCHEMA=1 (see this file's docs)",
        actionplan_interchange::SCHEMA_PATH
    );
}

#[test]
fn schema_is_draft_2020_12_with_a_versioned_urn_id() {
    let s = actionplan_interchange::schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["$id"], "urn:actionplan:schema:exchange:1.1");
    assert_eq!(
        s["properties"]["version"]["enum"],
        serde_json::json!(["1.0", "1.1"])
    );
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
fn every_object_refuses_unknown_members_except_extensions_and_maps() {
    let s = actionplan_interchange::schema();
    for (name, def) in s["$defs"].as_object().unwrap() {
        let objects: Vec<&serde_json::Value> = match def.get("oneOf") {
            Some(serde_json::Value::Array(v)) => v.iter().collect(),
            _ => vec![def],
        };
        for o in objects {
            // SplitParts is a map from codes to decimals: its members are data.
            if o["type"] == "object" && name != "Extensions" && name != "SplitParts" {
                assert_eq!(o["additionalProperties"], false, "{name}");
            }
        }
    }
}

/// The 1.0 schema is frozen: published, it never changes, whatever the
/// types become. Its SHA-256 is the one of the file published with 1.0.
#[test]
fn the_1_0_schema_is_frozen() {
    use actionplan_interchange::{FormatVersion, schema_path, schema_string_for};
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(schema_path(FormatVersion::V1_0));
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(
        sha256::hex(&bytes),
        "f1ebe9e9d6cbfa0a74dccd60a218e04a129b4b8457fae1f34f3f824472141fce",
        "schema/actionplan-1.0.schema.json changed: a published schema never changes"
    );
    assert_eq!(schema_string_for(FormatVersion::V1_0).as_bytes(), bytes);
    let s: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(s["$id"], "urn:actionplan:schema:exchange:1.0");
    assert_eq!(
        s["properties"]["version"]["enum"],
        serde_json::json!(["1.0"])
    );
}

/// `docs/schema` is a symbolic link to the crate's schema folder, so the
/// repository publishes both versions without a copy to keep equal.
#[test]
fn docs_schema_links_to_the_crate_folder() {
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema");
    let Ok(meta) = std::fs::symlink_metadata(&docs) else {
        return; // a packaged crate has no docs/ beside it
    };
    assert!(
        meta.file_type().is_symlink(),
        "docs/schema is a symbolic link"
    );
    assert_eq!(
        std::fs::canonicalize(&docs).unwrap(),
        std::fs::canonicalize(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema")).unwrap()
    );
}

/// SHA-256 (FIPS 180-4), enough to fingerprint a file in a test.
#[allow(
    clippy::unreadable_literal,
    clippy::many_single_char_names,
    clippy::needless_range_loop,
    clippy::cast_possible_truncation,
    clippy::format_collect,
    reason = "the constants and names are the standard's"
)]
mod sha256 {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];

    pub fn hex(data: &[u8]) -> String {
        let mut h: [u32; 8] = [
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
            0x5be0cd19,
        ];
        let mut msg = data.to_vec();
        msg.push(0x80);
        while msg.len() % 64 != 56 {
            msg.push(0);
        }
        msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
        for block in msg.chunks(64) {
            let mut w = [0u32; 64];
            for i in 0..16 {
                w[i] = u32::from_be_bytes(block[i * 4..i * 4 + 4].try_into().unwrap());
            }
            for i in 16..64 {
                let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
                let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16]
                    .wrapping_add(s0)
                    .wrapping_add(w[i - 7])
                    .wrapping_add(s1);
            }
            let mut v = h;
            for i in 0..64 {
                let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
                let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
                let t1 = v[7]
                    .wrapping_add(s1)
                    .wrapping_add(ch)
                    .wrapping_add(K[i])
                    .wrapping_add(w[i]);
                let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
                let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
                let t2 = s0.wrapping_add(maj);
                v = [
                    t1.wrapping_add(t2),
                    v[0],
                    v[1],
                    v[2],
                    v[3].wrapping_add(t1),
                    v[4],
                    v[5],
                    v[6],
                ];
            }
            for (a, b) in h.iter_mut().zip(v) {
                *a = a.wrapping_add(b);
            }
        }
        h.iter().map(|x| format!("{x:08x}")).collect()
    }

    #[test]
    fn known_answers() {
        assert_eq!(
            hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
