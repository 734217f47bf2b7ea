//! Reading a file for a command: validate first, refuse an invalid file
//! with its diagnostics, hand back the envelope otherwise.

use crate::diagnostics;
use crate::failure::Failure;
use actionplan_interchange::{
    Envelope, LineIndex, ReadError, ReadOptions, Severity, check_str, read_bytes,
};
use std::path::Path;
use time::Date;

/// Reads `path` as text (at most the default input limit), or fails with
/// exit code 2 when it cannot be read, 1 when it is not UTF-8 or too large.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = read_bytes(path, &ReadOptions::default()).map_err(|e| match e {
        ReadError::Io { source, .. } => {
            Failure::io(format!("cannot read {}: {source}", path.display()))
        }
        other => Failure::invalid(format!("{}: {other}", path.display())),
    })?;
    if let Some(encoding) = actionplan_interchange::sniff_encoding(&bytes) {
        return Err(Failure::invalid(format!(
            "{}: this file is {encoding}; save it as UTF-8",
            path.display()
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::invalid(format!(
            "{}: the file is not UTF-8 text (byte {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Reads and checks `path`; an envelope when it has no error (warnings
/// are allowed), otherwise a failure carrying every error, rendered.
pub fn load(path: &Path) -> Result<Envelope, Failure> {
    let text = read_text(path)?;
    let checked = check_str(&text);
    if !checked.report.has_errors()
        && let Some(envelope) = checked.envelope
    {
        return Ok(envelope);
    }
    let index = LineIndex::new(&text);
    let mut errors: Vec<String> = checked
        .report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| diagnostics::render(path, Some(&index), i))
        .collect();
    errors.extend(diagnostics::render_omitted(path, &checked.report.omitted));
    let hint = crate::explain::hint(checked.report.errors().map(|i| &i.code))
        .map_or_else(String::new, |h| format!("\n{h}"));
    Err(Failure::invalid(format!(
        "{}\n{}: invalid, {} error(s); run `actionplan validate {}` for the details{hint}",
        errors.join("\n"),
        crate::terminal::escape_terminal(&path.display().to_string()),
        checked.report.error_count(),
        path.display()
    )))
}

/// The as-of date: the one given, else the latest report's as-of date.
pub fn as_of(given: Option<Date>, envelope: &Envelope) -> Result<Date, Failure> {
    match given {
        Some(date) => Ok(date),
        None => actionplan_report::default_as_of(&envelope.reports).ok_or_else(|| {
            Failure::usage(
                "the file has no progress report to take the date from: give --as-of YYYY-MM-DD"
                    .to_owned(),
            )
        }),
    }
}

/// Reads and checks `path`, then evaluates it and accounts for its funding
/// as of `given` (or its latest report's date).
pub fn assess_file(
    path: &Path,
    given: Option<Date>,
) -> Result<(Envelope, actionplan_report::Assessment), Failure> {
    let envelope = load(path)?;
    let date = as_of(given, &envelope)?;
    let assessment = actionplan_report::assess(
        &envelope.plan,
        &envelope.reports,
        date,
        &actionplan_indicators::Policy::default(),
    )
    .map_err(|e| {
        Failure::invalid(format!(
            "{}: {e}: {}",
            path.display(),
            crate::failure::source_of(&e)
        ))
    })?;
    Ok((envelope, assessment))
}
