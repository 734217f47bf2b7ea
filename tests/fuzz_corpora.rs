//! Replays every committed fuzz corpus file (`fuzz/corpus/<target>/*`,
//! seeds, minimized finds and crash regressions) through the same target
//! bodies the fuzzer runs, on the stable toolchain, so that CI without
//! nightly still holds every input ever found.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "../fuzz/bodies.rs"]
mod bodies;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

type Body = fn(&[u8]);

const TARGETS: &[(&str, Body)] = &[
    ("read_validate", bodies::read_validate),
    ("locate", bodies::locate),
    ("paragraph", bodies::paragraph),
    ("month", bodies::month),
    ("date", bodies::date),
    ("decimal", bodies::decimal),
    ("evaluate_report", bodies::evaluate_report),
];

/// Runs every file of one target's corpus; the names and panic messages of
/// the files that fail, so that one run lists them all.
fn replay(target: &str, body: Body) -> (usize, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| body(&data))) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            failures.push(format!("{}: {message}", file.display()));
        }
    }
    (files.len(), failures)
}

fn check(target: &str) {
    let body = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, body)| *body)
        .unwrap();
    let (count, failures) = replay(target, body);
    assert!(count > 0, "the {target} corpus is empty");
    assert!(
        failures.is_empty(),
        "{} of {count} {target} corpus files fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_target_has_a_committed_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    for (target, _) in TARGETS {
        assert!(dir.join(target).is_dir(), "no corpus for {target}");
    }
}

#[test]
fn read_validate_corpus() {
    check("read_validate");
}

#[test]
fn locate_corpus() {
    check("locate");
}

#[test]
fn paragraph_corpus() {
    check("paragraph");
}

#[test]
fn month_corpus() {
    check("month");
}

#[test]
fn date_corpus() {
    check("date");
}

#[test]
fn decimal_corpus() {
    check("decimal");
}

#[test]
fn evaluate_report_corpus() {
    check("evaluate_report");
}
