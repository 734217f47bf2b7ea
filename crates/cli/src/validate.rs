//! `actionplan validate FILE...`.

use crate::args::{IssueFormat, ValidateArgs};
use crate::diagnostics;
use crate::failure::Failure;
use actionplan_interchange::{Issue, ValidationReport, check_bytes};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct FileReport<'a> {
    file: String,
    valid: bool,
    issues: &'a [Issue],
}

struct Checked<'a> {
    path: &'a Path,
    text: Option<String>,
    report: ValidationReport,
}

/// Validates every file; exit 1 when any has an error, 2 when one cannot be read.
pub fn run(args: &ValidateArgs, out: &mut String) -> Result<u8, Failure> {
    let mut checked = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.files {
        match std::fs::read(path) {
            Ok(bytes) => {
                let report = check_bytes(&bytes).report;
                checked.push(Checked {
                    path,
                    text: String::from_utf8(bytes).ok(),
                    report,
                });
            }
            Err(e) => unreadable.push(format!("cannot read {}: {e}", path.display())),
        }
    }
    match args.format {
        IssueFormat::Json => {
            let files: Vec<FileReport<'_>> = checked
                .iter()
                .map(|c| FileReport {
                    file: c.path.display().to_string(),
                    valid: !c.report.has_errors(),
                    issues: &c.report.issues,
                })
                .collect();
            out.push_str(&serde_json::to_string_pretty(&files).unwrap_or_default());
            out.push('\n');
        }
        IssueFormat::Human => {
            for c in &checked {
                for issue in &c.report.issues {
                    out.push_str(&diagnostics::render(c.path, c.text.as_deref(), issue));
                    out.push_str("\n\n");
                }
                let file = c.path.display();
                out.push_str(
                    &match (c.report.errors().count(), c.report.warnings().count()) {
                        (0, 0) => format!("{file}: valid\n"),
                        (0, w) => format!("{file}: valid, {w} warning(s)\n"),
                        (e, w) => format!("{file}: invalid, {e} error(s), {w} warning(s)\n"),
                    },
                );
            }
        }
    }
    if !unreadable.is_empty() {
        return Err(Failure::io(unreadable.join("\n")));
    }
    // The issues go to standard output (they are the command's product);
    // standard error still says, in one line, that the check failed.
    let invalid: Vec<String> = checked
        .iter()
        .filter(|c| c.report.has_errors())
        .map(|c| c.path.display().to_string())
        .collect();
    if !invalid.is_empty() {
        return Err(Failure::invalid(format!(
            "{} of {} file(s) invalid: {}",
            invalid.len(),
            checked.len(),
            invalid.join(", ")
        )));
    }
    Ok(0)
}
