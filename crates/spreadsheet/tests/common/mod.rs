//! Filling an exported workbook as a person would, by rewriting the cells
//! of its sheet XML: what a spreadsheet program saves after typing.

#![allow(
    dead_code,
    clippy::missing_panics_doc,
    clippy::unwrap_used,
    clippy::panic,
    clippy::many_single_char_names
)]

use std::io::{Cursor, Read, Write};

/// What is typed into a cell.
#[derive(Clone, Debug)]
pub enum Typed {
    /// A number cell (the text is what the spreadsheet writes: shortest
    /// round trip).
    Number(&'static str),
    /// A text cell.
    Text(String),
    /// A date cell (a serial number in the cell's date format).
    Date(i32, u8, u8),
    /// A formula with its cached result.
    Formula(&'static str, &'static str),
    /// A truth value.
    Bool(bool),
    /// An error value such as `#DIV/0!`.
    Error(&'static str),
}

pub fn text(s: &str) -> Typed {
    Typed::Text(s.to_owned())
}

/// Excel's serial of a day (1900 system, after 1 March 1900).
fn serial(y: i32, m: u8, d: u8) -> i64 {
    let date = time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap();
    let epoch = time::Date::from_calendar_date(1899, time::Month::December, 30).unwrap();
    (date - epoch).whole_days()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XML of a cell `r` typed as `value`, keeping the style `s` it had.
fn cell_xml(r: &str, style: Option<&str>, value: &Typed) -> String {
    let s = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
    match value {
        Typed::Number(n) => format!("<c r=\"{r}\"{s}><v>{n}</v></c>"),
        Typed::Text(t) => format!(
            "<c r=\"{r}\"{s} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            escape(t)
        ),
        Typed::Date(y, m, d) => format!("<c r=\"{r}\"{s}><v>{}</v></c>", serial(*y, *m, *d)),
        Typed::Formula(f, cached) => {
            format!("<c r=\"{r}\"{s}><f>{}</f><v>{cached}</v></c>", escape(f))
        }
        Typed::Bool(b) => format!("<c r=\"{r}\"{s} t=\"b\"><v>{}</v></c>", u8::from(*b)),
        Typed::Error(e) => format!("<c r=\"{r}\"{s} t=\"e\"><v>{}</v></c>", escape(e)),
    }
}

fn row_of(r: &str) -> u32 {
    r.trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .unwrap()
}

/// Sets cell `r` of the sheet XML `xml` to `value`.
fn set_cell(xml: &mut String, r: &str, value: &Typed) {
    let open = format!("<c r=\"{r}\"");
    if let Some(start) = xml.find(&open) {
        let rest = &xml[start..];
        let head_end = rest.find('>').unwrap();
        let head = &rest[..head_end];
        let style = head
            .split(" s=\"")
            .nth(1)
            .map(|t| t.split('"').next().unwrap().to_owned());
        let end = if head.ends_with('/') {
            start + head_end + 1
        } else {
            start + rest.find("</c>").unwrap() + 4
        };
        let new = cell_xml(r, style.as_deref(), value);
        xml.replace_range(start..end, &new);
        return;
    }
    // A cell of a row that does not exist: a new row at the end.
    let row = row_of(r);
    let at = xml.find("</sheetData>").unwrap();
    xml.insert_str(
        at,
        &format!("<row r=\"{row}\">{}</row>", cell_xml(r, None, value)),
    );
    // An empty sheetData is written `<sheetData/>` by some writers.
}

/// Removes row `n` (1-based) of the sheet XML.
fn delete_row(xml: &mut String, n: u32) {
    let open = format!("<row r=\"{n}\"");
    let start = xml.find(&open).unwrap();
    let end = start + xml[start..].find("</row>").unwrap() + 6;
    xml.replace_range(start..end, "");
}

/// The path of a sheet inside the package by its name.
fn sheet_path(files: &[(String, Vec<u8>)], name: &str) -> String {
    let workbook = String::from_utf8(
        files
            .iter()
            .find(|(n, _)| n == "xl/workbook.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    // rust_xlsxwriter numbers sheets in order: sheet1.xml, sheet2.xml, …
    let mut k = 0;
    for part in workbook.split("<sheet ").skip(1) {
        k += 1;
        if part.contains(&format!("name=\"{name}\"")) {
            return format!("xl/worksheets/sheet{k}.xml");
        }
    }
    panic!("no sheet {name}");
}

/// An edit of a workbook.
pub enum Edit {
    /// Type a value into `Sheet!A1`.
    Set(&'static str, String, Typed),
    /// Delete a row (1-based) of a sheet.
    DeleteRow(&'static str, u32),
}

pub fn set(sheet: &'static str, cell: &str, value: Typed) -> Edit {
    Edit::Set(sheet, cell.to_owned(), value)
}

/// The workbook `bytes` with `edits` applied.
pub fn fill(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut files = Vec::new();
    for k in 0..archive.len() {
        let mut f = archive.by_index(k).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        files.push((f.name().unwrap().to_string(), data));
    }
    for edit in edits {
        let sheet = match edit {
            Edit::Set(sheet, ..) | Edit::DeleteRow(sheet, _) => sheet,
        };
        let path = sheet_path(&files, sheet);
        let file = files.iter_mut().find(|(n, _)| *n == path).unwrap();
        let mut xml = String::from_utf8(std::mem::take(&mut file.1)).unwrap();
        match edit {
            Edit::Set(_, cell, value) => set_cell(&mut xml, cell, value),
            Edit::DeleteRow(_, n) => delete_row(&mut xml, *n),
        }
        file.1 = xml.into_bytes();
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in &files {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The seed exchange file of this crate's tests.
pub fn seed() -> actionplan_interchange::Envelope {
    actionplan_interchange::read_path(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/sme-action-plan-2016.json"),
    )
    .unwrap()
}

/// The format 1.1 reference programme (a link to the exchange crate's
/// example, which `cargo package` copies into the package).
pub fn programme() -> actionplan_interchange::Envelope {
    actionplan_interchange::read_path(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/supply-chains-programme-2017-2021.json"),
    )
    .unwrap()
}

/// A workbook filled in every column, each kind of measure.
pub fn filled() -> Vec<Edit> {
    vec![
        // Milestones: a completion date, and a month typed as text.
        set("Progress", "J2", Typed::Date(2016, 5, 15)),
        set("Progress", "J3", text("2016-05")),
        set("Progress", "M3", text("achieved_late")),
        // A count with its date, a forecast, a status, three languages.
        set("Progress", "H4", Typed::Number("9")),
        set("Progress", "I4", Typed::Date(2017, 6, 30)),
        set("Progress", "K4", Typed::Number("12")),
        set("Progress", "L4", Typed::Date(2017, 12, 31)),
        set("Progress", "M4", text("on_track")),
        set("Progress", "N4", text("Nine briefs were published.")),
        set("Progress", "O4", text("Neuf notes « impact » publiées.")),
        set("Progress", "P4", text("Se publicaron nueve notas.")),
        // A judgement.
        set("Progress", "H5", text("met")),
        // A percentage.
        set("Progress", "H6", Typed::Number("72.5")),
        // A narrative that looks like a formula, and one typed as a formula.
        set("Progress", "N7", text("=not a formula, a narrative")),
        set("Progress", "N8", Typed::Formula("A1&B1", "x")),
        // Money: a number cell, and the forecast typed as text.
        set("Progress", "H12", Typed::Number("84000000.1")),
        set("Progress", "K12", text("100000000.00")),
    ]
}

/// The command of `LibreOffice`, where installed (the tests that need it are
/// skipped with a message elsewhere; `.ci/run` installs it).
pub fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|cmd| {
        std::process::Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}
