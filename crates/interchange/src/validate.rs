//! Validation in three layers — JSON syntax, the published schema, the
//! rules a schema cannot express — collecting every issue with its JSON
//! pointer and, for text, its line and column.
//!
//! This module depends on `read` (for syntax, limits and the typed read)
//! and on `schema_check` (layer 2); neither depends on it.

use crate::code::Code;
use crate::locate::{self, LineIndex};
use crate::read::{self, ReadError};
use crate::report::{Issue, Layer, OmittedIssues, ValidationReport};
use crate::{Envelope, ReadOptions};
use actionplan_model::{Problem, Scope};
use std::path::Path;

/// The result of checking a text: the report and, when the text could be
/// read, the envelope, so that a caller can validate and then evaluate
/// without parsing twice.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Checked {
    /// Every issue found.
    pub report: ValidationReport,
    /// The envelope, when the syntax and schema layers found no error.
    pub envelope: Option<Envelope>,
}

/// Validates an exchange file given as text, in all three layers.
///
/// ```
/// use actionplan_interchange::{validate_str, Code, Layer, Rule};
/// let text = r#"{"format": "actionplan", "version": "1.0", "plan": {
///   "id": "p", "title": {"en": "Plan"}, "biennia": ["2016-17"],
///   "resolution": {"title": {"en": "Resolution"}, "adopted_at": "ilc-104"},
///   "endorsed_at": "gb-325"}}"#;
/// let report = validate_str(text);
/// // The two sessions the plan names are not described in `sessions`:
/// assert_eq!(report.issues.len(), 2);
/// let first = &report.issues[0];
/// assert_eq!(first.layer, Layer::Rule);
/// assert_eq!(first.code, Code::Rule(Rule::UnresolvedReference));
/// assert_eq!(first.code.to_string(), "AP002");
/// assert_eq!(first.pointer, "/plan/resolution/adopted_at");
/// assert_eq!((first.line, first.column), (Some(3), Some(63)));
/// ```
pub fn validate_str(text: &str) -> ValidationReport {
    check_str(text).report
}

/// Validates an exchange file given as bytes (which must be UTF-8).
pub fn validate_bytes(bytes: &[u8]) -> ValidationReport {
    check_bytes(bytes).report
}

/// Validates the exchange file at `path`; fails only when the file cannot
/// be read.
///
/// # Errors
///
/// [`ReadError::Io`] when the file cannot be opened or read;
/// [`ReadError::TooLarge`] when it is longer than the default input limit.
/// What is wrong inside the file is in the report, not an error.
pub fn validate_path(path: impl AsRef<Path>) -> Result<ValidationReport, ReadError> {
    validate_path_with(path, &ReadOptions::default())
}

/// Validates the exchange file at `path` within `options`' limits; fails
/// when the file cannot be read or is larger than the input limit.
///
/// # Errors
///
/// [`ReadError::Io`] when the file cannot be opened or read;
/// [`ReadError::TooLarge`] when it is longer than `options`' input limit.
/// What is wrong inside the file is in the report, not an error.
pub fn validate_path_with(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<ValidationReport, ReadError> {
    let bytes = read::read_bytes(path, options)?;
    Ok(check_bytes_with(&bytes, options).report)
}

/// Checks bytes: see [`check_str`].
pub fn check_bytes(bytes: &[u8]) -> Checked {
    check_bytes_with(bytes, &ReadOptions::default())
}

/// Checks bytes within `options`' limits: see [`check_str_with`].
pub fn check_bytes_with(bytes: &[u8], options: &ReadOptions) -> Checked {
    match read::utf8(bytes) {
        Ok(text) => check_str_with(text, options),
        Err(e) => failed(&e),
    }
}

fn failed(e: &ReadError) -> Checked {
    Checked {
        report: ValidationReport {
            issues: vec![syntax_issue(e)],
            omitted: Vec::new(),
        },
        envelope: None,
    }
}

/// Validates a text in all three layers and reads it when the first two
/// pass.
pub fn check_str(text: &str) -> Checked {
    check_str_with(text, &ReadOptions::default())
}

/// Validates a text in all three layers within `options`' limits, and
/// reads it when the first two pass.
///
/// A valid text costs one typed read and the rules; the schema runs only
/// when that read fails, to say why. The work grows linearly with the text
/// and the number of issues: positions come from one line index and one
/// scan of the text; past [`ReadOptions::max_issues`] issues are counted,
/// not described.
pub fn check_str_with(text: &str, options: &ReadOptions) -> Checked {
    if let Err(e) = read::check_size_of(text, options) {
        return failed(&e);
    }
    // A byte order mark is an error, but one that hides nothing: the rest
    // is checked as if a space stood in its place (one character, so every
    // line and column stays that of the file), and every issue reported in
    // the same run.
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        let mut checked = check_str_with(&format!(" {rest}"), options);
        checked
            .report
            .issues
            .insert(0, syntax_issue(&ReadError::ByteOrderMark));
        checked.report.limit(options.issue_limit());
        return checked;
    }
    if let Err(e) = read::check_start(text) {
        return failed(&e);
    }
    let mut checked = match crate::strict::read::<Envelope>(text) {
        Ok(envelope) => check_valid_shape(text, envelope),
        Err(_) => explain(text, options),
    };
    checked.report.limit(options.issue_limit());
    checked
}

/// A text the typed read took: only the version and the rules can find
/// issues.
fn check_valid_shape(text: &str, envelope: Envelope) -> Checked {
    if let Some(issue) = version_issue(&envelope).or_else(|| empty_member_issue(text, &envelope)) {
        let mut located = vec![(issue, true)];
        locate::locate_issues(&LineIndex::new(text), &mut located);
        return Checked {
            report: ValidationReport {
                issues: located.into_iter().map(|(i, _)| i).collect(),
                omitted: Vec::new(),
            },
            envelope: None,
        };
    }
    let mut rules: Vec<(Issue, bool)> = rule_issues(&envelope)
        .into_iter()
        .map(|i| (i, false))
        .collect();
    if !rules.is_empty() {
        locate::locate_issues(&LineIndex::new(text), &mut rules);
    }
    Checked {
        report: ValidationReport {
            issues: rules.into_iter().map(|(i, _)| i).collect(),
            omitted: Vec::new(),
        },
        envelope: Some(envelope),
    }
}

/// A text the typed read refused: every issue, the slow way.
fn explain(text: &str, options: &ReadOptions) -> Checked {
    let lines = LineIndex::new(text);
    let value = match read::parse_json(&lines) {
        Ok(v) => v,
        Err(e) => return failed(&e),
    };
    let (mut located, counted) = shape_issues(&lines, &value, options.issue_limit());
    drop(value);
    // The typed read runs only when the shape passes; its verdict waits
    // for the scan below, which says whether a key was given twice.
    let mut typed = located.is_empty().then(|| read::typed_read(&lines));
    if let Some(Ok(env)) = &typed
        && let Some(issue) = version_issue(env)
    {
        located.push((issue, true));
        typed = None;
    }
    if let Some(Ok(env)) = &typed {
        located.extend(rule_issues(env).into_iter().map(|i| (i, false)));
    }
    // One pass over the text: every issue's position and every key twice.
    let duplicates = locate::locate_issues(&lines, &mut located);
    let mut issues: Vec<Issue> = duplicates.iter().map(duplicate_issue).collect();
    let mut envelope = None;
    match typed {
        Some(Ok(env)) if duplicates.is_empty() => envelope = Some(env),
        // A key twice is reported above.
        Some(Err(_)) if !duplicates.is_empty() => {}
        Some(Err(e)) => located.push((refusal_issue(e), false)),
        _ => {}
    }
    let (mut schema_part, rule_part): (Vec<_>, Vec<_>) = located
        .into_iter()
        .partition(|(i, _)| i.layer == Layer::Schema);
    schema_part.sort_by_key(|(i, _)| (i.line, i.column));
    issues.extend(schema_part.into_iter().map(|(i, _)| i));
    issues.extend(rule_part.into_iter().map(|(i, _)| i));
    Checked {
        report: ValidationReport {
            issues,
            omitted: counted,
        },
        envelope,
    }
}

/// Layer 2 with the schema validator: what the published schema refuses,
/// in full for at least twice the issues to report (the rest counted).
#[cfg(feature = "schema-validation")]
fn shape_issues(
    lines: &LineIndex<'_>,
    value: &serde_json::Value,
    limit: usize,
) -> (Vec<(Issue, bool)>, Vec<OmittedIssues>) {
    let full = limit
        .saturating_mul(2)
        .max(crate::schema_check::MIN_FULL_SCHEMA_ISSUES);
    crate::schema_check::schema_layer(lines, value, full)
}

/// Layer 2 without the schema validator: the envelope's header here; the
/// typed read that follows refuses the rest, one issue at a time.
#[cfg(not(feature = "schema-validation"))]
fn shape_issues(
    lines: &LineIndex<'_>,
    value: &serde_json::Value,
    _limit: usize,
) -> (Vec<(Issue, bool)>, Vec<OmittedIssues>) {
    match read::check_header(lines, value) {
        Ok(()) => (Vec::new(), Vec::new()),
        Err(e) => (vec![(refusal_issue(e), false)], Vec::new()),
    }
}

/// A file that says 1.0 and has a member only 1.1 has, empty, as a schema
/// issue.
fn empty_member_issue(text: &str, envelope: &Envelope) -> Option<Issue> {
    let (pointer, message) = read::empty_member_1_1(text, envelope)?;
    Some(Issue::new(
        Layer::Schema,
        Code::Envelope(crate::EnvelopeKind::Version),
        pointer,
        message,
    ))
}

/// A file that says 1.0 and uses a member of 1.1, as a schema issue.
fn version_issue(envelope: &Envelope) -> Option<Issue> {
    let (pointer, message) = read::version_refusal(envelope)?;
    Some(Issue::new(
        Layer::Schema,
        Code::Envelope(crate::EnvelopeKind::Version),
        pointer,
        message,
    ))
}

fn duplicate_issue(d: &locate::DuplicateKey) -> Issue {
    let mut i = Issue::new(
        Layer::Syntax,
        Code::Syntax(crate::SyntaxKind::DuplicateKey),
        d.pointer.clone(),
        format!(
            "key `{}` appears twice in one object; keep one (readers disagree on which one wins)",
            d.key
        ),
    );
    i.line = Some(d.position.line);
    i.column = Some(d.position.column);
    i
}

/// The typed read's refusal of a text that passed layer 2 as an issue.
/// With the schema validator, the two are meant to agree: a refusal is a
/// bug, said so rather than hidden. Without it, this is how shapes are
/// checked.
fn refusal_issue(e: ReadError) -> Issue {
    let position = e.line_column();
    let code = e.code();
    let (pointer, message) = match e {
        ReadError::Invalid {
            pointer, message, ..
        } => (pointer, message),
        other => (
            other.pointer().unwrap_or_default().to_owned(),
            other.to_string(),
        ),
    };
    let (code, message) = if cfg!(feature = "schema-validation") {
        (
            Code::Internal,
            format!(
                "{message} (the schema accepts this but the reader does not: please report this as a bug of actionplan-interchange)"
            ),
        )
    } else {
        (code, message)
    };
    let mut i = Issue::new(Layer::Schema, code, pointer, message);
    i.line = position.map(|p| p.0);
    i.column = position.map(|p| p.1);
    i
}

/// Checks the rules a schema cannot express on an envelope in memory. The
/// issues carry pointers but no line or column.
pub fn validate_envelope(envelope: &Envelope) -> ValidationReport {
    ValidationReport {
        issues: rule_issues(envelope),
        omitted: Vec::new(),
    }
}

fn syntax_issue(e: &ReadError) -> Issue {
    let message = match e {
        ReadError::Syntax { message, .. } => format!("not valid JSON: {message}"),
        other => other.to_string(),
    };
    let mut i = Issue::new(Layer::Syntax, e.code(), String::new(), message);
    // A problem of the whole file (its encoding, its size) is shown at its
    // start, so that every issue has a place an editor can jump to.
    let (l, c) = e.line_column().unwrap_or((1, 1));
    i.line = Some(l);
    i.column = Some(c);
    i
}

fn rule_issues(envelope: &Envelope) -> Vec<Issue> {
    actionplan_model::validate(&envelope.plan, &envelope.reports)
        .into_iter()
        .map(|p: Problem| {
            let prefix = match p.scope {
                Scope::Plan => "/plan".to_owned(),
                Scope::Report(i) => format!("/reports/{i}"),
            };
            Issue::new(
                Layer::Rule,
                Code::Rule(p.rule),
                prefix + &p.pointer,
                p.message,
            )
        })
        .collect()
}
