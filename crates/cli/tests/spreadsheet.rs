//! `export`, `import` and `report --format docx` as a person runs them:
//! the input is never changed unless asked, and a workbook with any
//! problem writes nothing. (Every kind of mistake, cell by cell, is tested
//! in `actionplan-spreadsheet`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;

mod common;

use common::{run_in, seed, stderr};

fn exported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(seed(), dir.path().join("plan.json")).unwrap();
    let o = run_in(
        dir.path(),
        &["export", "plan.json", "--format", "xlsx", "-o", "plan.xlsx"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::read(dir.path().join("plan.xlsx"))
            .unwrap()
            .starts_with(b"PK")
    );
    dir
}

const IMPORT: [&str; 7] = [
    "import",
    "plan.json",
    "plan.xlsx",
    "--report-id",
    "gb-331",
    "--as-of",
    "2017-07",
];

#[test]
fn an_untouched_workbook_adds_an_empty_report_to_a_new_file() {
    let dir = exported();
    let before = fs::read(dir.path().join("plan.json")).unwrap();
    let o = run_in(dir.path(), &[&IMPORT[..], &["-o", "new.json"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(fs::read(dir.path().join("plan.json")).unwrap(), before);
    let new = actionplan_interchange::read_path(dir.path().join("new.json")).unwrap();
    let old = actionplan_interchange::read_path(dir.path().join("plan.json")).unwrap();
    assert_eq!(new.reports.len(), old.reports.len() + 1);
    let added = new.reports.last().unwrap();
    assert_eq!(added.id.as_str(), "gb-331");
    assert_eq!(added.as_of.to_string(), "2017-07");
    assert!(added.indicators.is_empty());
    assert_eq!(new.plan, old.plan);
}

#[test]
fn in_place_is_asked_for_and_the_destination_is_required() {
    let dir = exported();
    let o = run_in(dir.path(), &IMPORT);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--in-place"), "{}", stderr(&o));
    let o = run_in(dir.path(), &[&IMPORT[..], &["-o", "plan.json"]].concat());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = run_in(dir.path(), &[&IMPORT[..], &["--in-place"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let file = actionplan_interchange::read_path(dir.path().join("plan.json")).unwrap();
    assert_eq!(file.reports.last().unwrap().id.as_str(), "gb-331");
}

#[test]
fn a_workbook_with_problems_writes_nothing() {
    let dir = exported();
    // The same plan under another id: the workbook is not its own.
    let text = fs::read_to_string(dir.path().join("plan.json")).unwrap();
    let other = text.replacen(
        "\"id\": \"sme-action-plan-2016-2019\"",
        "\"id\": \"another-plan\"",
        1,
    );
    assert_ne!(other, text);
    fs::write(dir.path().join("other.json"), other).unwrap();
    let mut args = IMPORT.to_vec();
    args[1] = "other.json";
    args.extend(["-o", "new.json"]);
    let o = run_in(dir.path(), &args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("plan.xlsx: actionplan!B2: the workbook was made for another plan"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!dir.path().join("new.json").exists());
}

#[test]
fn report_writes_a_word_document() {
    let dir = exported();
    let o = run_in(
        dir.path(),
        &[
            "report",
            "plan.json",
            "--format",
            "docx",
            "-o",
            "report.docx",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = fs::read(dir.path().join("report.docx")).unwrap();
    assert!(bytes.starts_with(b"PK"));
}
