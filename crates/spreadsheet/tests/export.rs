//! What the exported workbook holds, read back as a spreadsheet reads it.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use actionplan_model::Text;
use actionplan_spreadsheet::{export_xlsx, fingerprint, layout};
use calamine::{Data, Reader, SheetVisible, Xlsx, open_workbook_from_rs};
use std::io::Cursor;

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

#[test]
fn text_that_looks_like_a_formula_is_written_as_text() {
    let mut file = common::seed();
    let texts = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "=HYPERLINK(\"x\")"];
    for (indicator, t) in file
        .plan
        .deliverables
        .iter_mut()
        .flat_map(|d| d.indicators.iter_mut())
        .zip(texts)
    {
        indicator.text = Text::en(t).unwrap();
    }
    let mut book = open(export_xlsx(&file).unwrap());
    for sheet in [layout::PLAN_SHEET, layout::ENTRY_SHEET] {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has formulas"
        );
        let values = book.worksheet_range(sheet).unwrap();
        for t in texts {
            let found = values.used_cells().any(|(_, _, v)| match v {
                Data::String(s) => s == t || s.ends_with(&format!(" {t}")),
                _ => false,
            });
            assert!(found, "{sheet}: {t} is not a string cell");
        }
    }
}

#[test]
fn the_sheets_are_the_plan_each_report_the_entry_sheet_and_a_hidden_one() {
    let file = common::seed();
    let mut book = open(export_xlsx(&file).unwrap());
    let sheets: Vec<(String, SheetVisible)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    assert_eq!(
        sheets,
        [
            ("Plan".to_owned(), SheetVisible::Visible),
            ("Report 1".to_owned(), SheetVisible::Visible),
            ("Progress".to_owned(), SheetVisible::Visible),
            ("actionplan".to_owned(), SheetVisible::Hidden),
        ]
    );
    let meta = book.worksheet_range("actionplan").unwrap();
    let value = |row: u32| meta.get_value((row, 1)).unwrap().to_string();
    assert_eq!(value(0), "actionplan");
    assert_eq!(value(1), "sme-action-plan-2016-2019");
    assert_eq!(value(2), "1.0");
    assert_eq!(value(3), fingerprint(&file.plan));
    assert_eq!(value(5), "11");

    // One row per indicator, in plan order, with its figures as the file has them.
    let entry = book.worksheet_range("Progress").unwrap();
    let row_of = |id: &str| {
        (1..=11)
            .find(|r| *entry.get_value((*r, 0)).unwrap() == Data::String(id.to_owned()))
            .unwrap()
    };
    let xbtc = row_of("xbtc-portfolio");
    assert_eq!(xbtc, 11);
    let cell = |row: u32, col: u32| entry.get_value((row, col)).unwrap().to_string();
    assert_eq!(cell(xbtc, 3), "money (USD)");
    assert_eq!(cell(xbtc, 5), "100000000");
    assert_eq!(cell(row_of("eese-member-states"), 5), "7 additional");
    let headings: Vec<String> = (0..16).map(|c| cell(0, c)).collect();
    let expected: Vec<&str> = layout::ENTRY_COLUMNS.iter().map(|c| c.heading).collect();
    assert_eq!(headings, expected);

    // The existing report's entries are on its own sheet.
    let report = book.worksheet_range("Report 1").unwrap();
    assert!(
        report
            .used_cells()
            .any(|(_, _, v)| *v == Data::String("Report gb-328-ins-8 as of 2016-07".to_owned()))
    );
}

#[test]
fn the_entry_sheet_is_protected_with_its_entry_columns_open_and_validated() {
    let bytes = export_xlsx(&common::seed()).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet3.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains("<sheetProtection"), "not protected");
    // The drop-down of statuses, dates, decimals, text lengths, met/not_met.
    assert!(xml.contains(
        "\"achieved,achieved_late,on_track,at_risk,overdue,not_started,pending_resources,no_data\""
    ));
    for kind in [
        "type=\"date\"",
        "type=\"decimal\"",
        "type=\"textLength\"",
        "\"met,not_met\"",
    ] {
        assert!(xml.contains(kind), "no {kind} validation");
    }
    // The qualitative row (5) has met/not_met, the others decimals.
    assert!(xml.contains("sqref=\"H5\""), "{xml}");
}

#[test]
fn the_plan_sheet_shows_the_1_1_time_frames_units_dated_targets_and_revisions() {
    let file = common::programme();
    let mut book = open(export_xlsx(&file).unwrap());
    let plan = book.worksheet_range(layout::PLAN_SHEET).unwrap();
    let heading = |c: u32| plan.get_value((0, c)).unwrap().to_string();
    let column = |name: &str| (0..13).find(|c| heading(*c) == name).unwrap();
    let row_of = |id: &str| {
        let c = column("Indicator id");
        (1..u32::try_from(plan.height()).unwrap())
            .find(|r| *plan.get_value((*r, c)).unwrap() == Data::String(id.to_owned()))
            .unwrap()
    };
    let cell = |id: &str, name: &str| {
        plan.get_value((row_of(id), column(name)))
            .unwrap()
            .to_string()
    };

    // The item's year, and an indicator's own range of months.
    assert_eq!(cell("drivers-report-published", "Time frame"), "2017");
    assert_eq!(
        cell("countries-applying-strategy", "Time frame"),
        "01/2020–12/2021"
    );
    // The lead unit by its declared name, with the contributing units.
    assert_eq!(
        cell("constituents-trained", "Lead unit"),
        "Governance and Tripartism Department (GOVERNANCE); with Bureau for Employers' \
         Activities (ACT/EMP), Bureau for Workers' Activities (ACTRAV)"
    );
    // Dated targets, and how they add up.
    assert_eq!(
        cell("briefs-per-year", "Target"),
        "2; 2 by 2017-12, 2 by 2018-12 (per_period)"
    );
    // The deadline as first set, then the revision that moved it.
    assert_eq!(
        cell("experts-meeting-held", "Deadline"),
        "2019-12\nrevised from 2019-10-15: deadline 2020-06 (GB.337/INS/5)"
    );
    assert_eq!(
        cell("suppliers-with-violations", "Deadline"),
        "2021-12\nrevised from 2019-11: target 25 (GB.337/INS/5)"
    );
}
