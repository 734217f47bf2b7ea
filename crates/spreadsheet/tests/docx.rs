//! The Word report: its structure, and LibreOffice's reading of it (a PDF
//! of landscape pages with the table's rows and the footnotes), where
//! LibreOffice is installed.
#![cfg(feature = "docx")]
#![allow(clippy::unwrap_used, clippy::panic)]
#![allow(clippy::doc_markdown, reason = "LibreOffice is a name, not code")]

mod common;

use actionplan_indicators::Policy;
use actionplan_report::{Options, assess, build, default_as_of};
use actionplan_spreadsheet::docx::render_docx;
use std::io::{Cursor, Read};
use std::process::Command;

fn seed_docx() -> Vec<u8> {
    let file = common::seed();
    let as_of = default_as_of(&file.reports).unwrap();
    let a = assess(&file.plan, &file.reports, as_of, &Policy::default()).unwrap();
    let view = build(
        &file.plan,
        &file.reports,
        &a.evaluation,
        &a.funding,
        &Options::default(),
    );
    render_docx(&view).unwrap()
}

fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_table_is_landscape_with_spanning_rows_merged_cells_and_footnotes() {
    let docx = seed_docx();
    let document = part(&docx, "word/document.xml");
    assert!(document.contains("w:orient=\"landscape\""), "not landscape");
    // Biennium and category rows span the five columns.
    assert!(
        document.contains("<w:gridSpan w:val=\"5\" />")
            || document.contains("<w:gridSpan w:val=\"5\"/>")
    );
    assert!(document.contains("For the 2016–17 biennium"));
    assert!(document.contains("For the 2018–19 biennium"));
    assert!(document.contains("Knowledge generation"));
    assert!(document.contains("Progress as of July 2016"));
    // Item cells merged down their rows.
    assert!(document.contains("w:vMerge w:val=\"restart\""));
    assert!(document.contains("w:vMerge w:val=\"continue\""));
    // The report's two footnotes are Word footnotes, cited from the table.
    assert_eq!(document.matches("<w:footnoteReference").count(), 2);
    let footnotes = part(&docx, "word/footnotes.xml");
    assert!(footnotes.contains("Interventions include training and mentoring"));
    assert!(footnotes.contains("Soya bean value chain Zambia"));
    // The deadline as the seed prints it.
    assert!(document.contains("(12/2017)"));
}

#[test]
fn libreoffice_converts_it_to_a_pdf_of_landscape_pages() {
    let Some(soffice) = common::soffice() else {
        println!("skipped: LibreOffice (soffice) is not installed; .ci/run installs it");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("report.docx");
    std::fs::write(&input, seed_docx()).unwrap();
    // A profile of its own, so that a LibreOffice already running (or
    // another test) does not take the conversion over.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let out = Command::new(soffice)
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .unwrap();
    let pdf_path = dir.path().join("report.pdf");
    assert!(
        pdf_path.exists(),
        "no PDF: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // Every page is landscape: its media box is wider than tall.
    let text = String::from_utf8_lossy(&pdf);
    let boxes: Vec<(f64, f64)> = text
        .match_indices("/MediaBox")
        .map(|(at, _)| {
            let rest = &text[at..];
            let open = rest.find('[').unwrap();
            let close = rest.find(']').unwrap();
            let n: Vec<f64> = rest[open + 1..close]
                .split_whitespace()
                .map(|v| v.parse().unwrap())
                .collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect();
    assert!(!boxes.is_empty(), "no page in the PDF");
    assert!(boxes.iter().all(|(w, h)| w > h), "{boxes:?}");
}
