//! The fixture corpus: every valid fixture passes all three layers; every
//! invalid fixture raises the issue `expected.json` names for it, at a line
//! and column where the expected text starts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_interchange::{Code, Layer, read_str, validate_bytes};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn json_files(d: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

/// The text at 1-based `line` and character `column`.
fn text_at(text: &str, line: usize, column: usize) -> String {
    let l = text.lines().nth(line - 1).unwrap_or_default();
    l.chars().skip(column - 1).collect()
}

/// Whether `outer` is `pointer` or one of the objects around it: where the
/// typed reader points inside a tagged union (it reads the union whole).
fn within(pointer: &str, outer: &str) -> bool {
    pointer
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[test]
fn valid_fixtures_pass_and_round_trip() {
    let files = json_files(&dir().join("valid"));
    assert!(files.len() >= 3);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = validate_bytes(text.as_bytes());
        assert!(report.is_empty(), "{}:\n{report}", path.display());
        let env = read_str(&text).unwrap();
        let canonical = actionplan_interchange::to_canonical_string(&env);
        assert_eq!(read_str(&canonical).unwrap(), env, "{}", path.display());
    }
}

#[test]
fn invalid_fixtures_raise_what_they_name() {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap())
            .unwrap();
    let expected = expected.as_object().unwrap();
    let files = json_files(&dir().join("invalid"));
    assert!(files.len() >= 30, "only {} invalid fixtures", files.len());
    assert_eq!(
        files.len(),
        expected.len(),
        "every invalid fixture needs an entry in expected.json"
    );
    let mut failures = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let exp = &expected[name];
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let report = validate_bytes(&bytes);
        let layer = match exp["layer"].as_str().unwrap() {
            "syntax" => Layer::Syntax,
            "schema" => Layer::Schema,
            _ => Layer::Rule,
        };
        let code = exp["code"].as_str().unwrap();
        // Without the schema validator, the typed reader finds what the
        // schema would, one issue, under the code `shape` (or the header's
        // `envelope/…`), at the value or an object around it.
        let by_reader = |i: &actionplan_interchange::Issue| {
            !cfg!(feature = "schema-validation")
                && code.starts_with("schema/")
                && (i.code == Code::Shape || matches!(i.code, Code::Envelope(_)))
                && within(exp["pointer"].as_str().unwrap(), &i.pointer)
        };
        let hit = report.issues.iter().find(|i| {
            i.layer == layer
                && (i.code.to_string() == code
                    && (layer == Layer::Syntax && exp["pointer"] == ""
                        || i.pointer == exp["pointer"])
                    || by_reader(i))
        });
        let Some(hit) = hit else {
            failures.push(format!("{name}: expected {exp}, got\n{report}"));
            continue;
        };
        let (Some(line), Some(column)) = (hit.line, hit.column) else {
            failures.push(format!("{name}: no line:column in {hit:?}"));
            continue;
        };
        if let Some(at) = exp["at"].as_str().filter(|_| !by_reader(hit)) {
            let found = text_at(&text, line, column);
            if !found.starts_with(at) {
                failures.push(format!(
                    "{name}: at {line}:{column} expected `{at}`, found `{found}`"
                ));
            }
        }
        // Layers 1–2 and the reader agree; layer-3 files read fine.
        let read = std::str::from_utf8(&bytes).ok().map(read_str);
        let read_ok = matches!(read, Some(Ok(_)));
        if read_ok != (layer == Layer::Rule) {
            failures.push(format!(
                "{name}: reader result {read:?} disagrees with layer {layer:?}"
            ));
        }
        if layer == Layer::Rule && report.issues.iter().any(|i| i.layer != Layer::Rule) {
            failures.push(format!(
                "{name}: a rule fixture must pass the schema:\n{report}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
