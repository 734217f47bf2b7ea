//! `actionplan validate FILE...`.

use crate::args::{IssueFormat, ValidateArgs};
use crate::diagnostics;
use crate::failure::Failure;
use actionplan_interchange::{
    Issue, LineIndex, OmittedIssues, ReadError, ReadOptions, ValidationReport, check_bytes_with,
    read_bytes,
};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Serialize)]
struct FileReport<'a> {
    file: String,
    valid: bool,
    issues: &'a [Issue],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    omitted: &'a [OmittedIssues],
}

struct Checked<'a> {
    path: &'a Path,
    bytes: Vec<u8>,
    report: ValidationReport,
}

/// Validates every file; exit 1 when any has an error, 2 when one cannot be read.
pub fn run(args: &ValidateArgs, out: &mut String) -> Result<u8, Failure> {
    let options = ReadOptions::default()
        .max_issues(args.max_issues)
        .max_input_bytes(args.max_input_bytes);
    let mut checked = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.files {
        match read_bytes(path, &options) {
            Ok(bytes) => {
                let report = check_bytes_with(&bytes, &options).report;
                checked.push(Checked {
                    path,
                    bytes,
                    report,
                });
            }
            Err(ReadError::Io { source, .. }) => {
                unreadable.push(format!("cannot read {}: {source}", path.display()));
            }
            Err(e) => unreadable.push(format!("{}: {e}", path.display())),
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
                    omitted: &c.report.omitted,
                })
                .collect();
            crate::json::pretty(&files, out)?;
        }
        IssueFormat::Human => {
            for c in &checked {
                let text = std::str::from_utf8(&c.bytes).ok();
                // One index per file, only when there is something to draw.
                let index = text
                    .filter(|_| !c.report.issues.is_empty())
                    .map(LineIndex::new);
                for issue in &c.report.issues {
                    out.push_str(&diagnostics::render(c.path, index.as_ref(), issue));
                    out.push_str("\n\n");
                }
                if let Some(line) = diagnostics::render_omitted(c.path, &c.report.omitted) {
                    out.push_str(&line);
                    out.push_str("\n\n");
                }
                let file =
                    crate::terminal::escape_terminal(&c.path.display().to_string()).into_owned();
                let _ = match (c.report.error_count(), c.report.warning_count()) {
                    (0, 0) => writeln!(out, "{file}: valid"),
                    (0, w) => writeln!(out, "{file}: valid, {w} warning(s)"),
                    (e, w) => writeln!(out, "{file}: invalid, {e} error(s), {w} warning(s)"),
                };
            }
        }
    }
    if args.format == IssueFormat::Human
        && let Some(hint) = crate::explain::hint(
            checked
                .iter()
                .flat_map(|c| c.report.issues.iter().map(|i| &i.code)),
        )
    {
        let _ = writeln!(out, "\n{hint}");
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
