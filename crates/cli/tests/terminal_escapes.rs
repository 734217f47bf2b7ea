//! Text from a file never acts on the terminal: the `evaluate` and
//! `funding` tables show control characters and bidirectional overrides as
//! visible `\u{…}` escapes. The file is the seed example with a hostile
//! suffix on every string the validator lets through (ids keep their
//! pattern, so only texts and ids' free-form neighbours carry it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_interchange::{Severity, check_str};
use serde_json::Value;
use std::path::Path;

/// ESC sequences (a window title through OSC, a colour through CSI), BEL,
/// a C1 CSI, DEL, a right-to-left override and an isolate, a tab and a
/// line break.
const HOSTILE: &str = "\u{1b}]0;owned\u{7}\u{1b}[31m\u{9b}2J\u{7f}\u{202e}\u{2066}\t\n";
/// The same, as the tables must show it.
const SHOWN: &str =
    "\\u{1b}]0;owned\\u{7}\\u{1b}[31m\\u{9b}2J\\u{7f}\\u{202e}\\u{2066}\\u{9}\\u{a}";

fn seed() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sme-action-plan-2016.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn append_everywhere(v: &mut Value) {
    match v {
        Value::String(s) => s.push_str(HOSTILE),
        Value::Array(a) => a.iter_mut().for_each(append_everywhere),
        Value::Object(o) => o.values_mut().for_each(append_everywhere),
        _ => {}
    }
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// The seed with the hostile suffix on every string that can carry it and
/// still leave the file without errors: every string gets it, then each
/// value an error points at gets its original back, until none is left.
fn hostile_seed() -> Value {
    let original = seed();
    let mut v = original.clone();
    append_everywhere(&mut v);
    for _ in 0..20 {
        let text = serde_json::to_string_pretty(&v).unwrap();
        let checked = check_str(&text);
        let errors: Vec<String> = checked
            .report
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .map(|i| i.pointer.clone())
            .collect();
        if errors.is_empty() && checked.envelope.is_some() {
            return v;
        }
        for pointer in errors {
            if let (Some(slot), Some(was)) = (v.pointer_mut(&pointer), original.pointer(&pointer)) {
                *slot = was.clone();
            }
        }
    }
    panic!("the hostile seed did not become valid");
}

fn run(args: &[&str]) -> String {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = actionplan_cli::run(args, &mut out, &mut err);
    assert_eq!(code, 0, "{args:?}: {}", String::from_utf8_lossy(&err));
    String::from_utf8(out).unwrap()
}

fn escaped_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `out` prints `text` as a whole value, not as part of a longer
/// word or id.
fn prints(out: &str, text: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    out.match_indices(text).any(|(at, _)| {
        let before = out.get(..at).and_then(|s| s.chars().next_back());
        let after = out.get(at + text.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

#[test]
fn tables_show_every_text_from_the_file_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.json");
    std::fs::write(&plain, serde_json::to_string_pretty(&seed()).unwrap()).unwrap();
    let hostile_value = hostile_seed();
    let hostile = dir.path().join("hostile.json");
    std::fs::write(
        &hostile,
        serde_json::to_string_pretty(&hostile_value).unwrap(),
    )
    .unwrap();

    let mut carried = Vec::new();
    strings(&hostile_value, &mut carried);
    let carried: Vec<String> = carried
        .into_iter()
        .filter_map(|s| s.strip_suffix(HOSTILE).map(str::to_owned))
        .collect();
    assert!(
        carried.len() > 100,
        "only {} strings carry the suffix",
        carried.len()
    );

    for command in ["evaluate", "funding"] {
        let plain_out = run(&["actionplan", command, plain.to_str().unwrap()]);
        let out = run(&["actionplan", command, hostile.to_str().unwrap()]);
        if let Some(c) = out.chars().find(|&c| escaped_char(c)) {
            panic!("{command}: raw {c:?} reaches the terminal:\n{out}");
        }
        // Every hostile text that the table prints is shown, escaped.
        let mut shown = 0;
        for text in &carried {
            if prints(&plain_out, text) {
                let expected = format!("{text}{SHOWN}");
                assert!(
                    out.contains(&expected),
                    "{command}: {text:?} is printed but not as {expected:?}:\n{out}"
                );
                shown += 1;
            }
        }
        // Ids keep to their pattern, so `evaluate` prints no text that can
        // carry the suffix; `funding` prints request texts and portfolio
        // names.
        if command == "funding" {
            assert!(shown >= 2, "{command} printed {shown} hostile texts");
        }
        eprintln!("{command}: {shown} hostile texts printed, all escaped");
    }
}
