//! A workbook saved again by LibreOffice Calc, as a person who fills it in
//! saves it, imports to the same report (skipped where LibreOffice is not
//! installed; `.ci/run` installs it).
#![allow(clippy::unwrap_used, clippy::panic)]
#![allow(clippy::doc_markdown, reason = "LibreOffice is a name, not code")]

mod common;

use actionplan_spreadsheet::{export_xlsx, import_xlsx};
use std::process::Command;

/// `bytes` opened and saved again as XLSX by LibreOffice.
fn resaved(soffice: &str, bytes: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xlsx");
    std::fs::write(&input, bytes).unwrap();
    let out_dir = dir.path().join("out");
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(&input)
        .output()
        .unwrap();
    std::fs::read(out_dir.join("in.xlsx")).unwrap_or_else(|e| {
        panic!(
            "LibreOffice wrote nothing ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn a_workbook_saved_by_libreoffice_imports_to_the_same_report() {
    let Some(soffice) = common::soffice() else {
        println!("skipped: LibreOffice (soffice) is not installed; .ci/run installs it");
        return;
    };
    let file = common::seed();
    let id: actionplan_model::ReportId = "gb-331".parse().unwrap();
    let as_of: actionplan_model::DateOrMonth = "2017-07-31".parse().unwrap();

    let untouched = resaved(soffice, &export_xlsx(&file).unwrap());
    let report = import_xlsx(&file, &untouched, id.clone(), as_of).unwrap();
    assert!(report.indicators.is_empty(), "{:?}", report.indicators);

    let filled = common::fill(&export_xlsx(&file).unwrap(), &common::filled());
    let expected = import_xlsx(&file, &filled, id.clone(), as_of).unwrap();
    let report = import_xlsx(&file, &resaved(soffice, &filled), id, as_of).unwrap();
    assert_eq!(report, expected);
}
