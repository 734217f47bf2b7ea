//! Validation in three layers — JSON syntax, the published schema, the
//! rules a schema cannot express — collecting every issue with its JSON
//! pointer and, for text, its line and column.

use crate::locate::{self, LineIndex};
use crate::read::{self, ReadError};
use crate::report::{Issue, Layer, Severity, ValidationReport};
use crate::{Envelope, ReadOptions, schema};
use actionplan_model::{Problem, Scope};
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::path::Path;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

static COMPILATIONS: AtomicUsize = AtomicUsize::new(0);

/// The published schema, compiled once per process, with format checks on.
static VALIDATOR: LazyLock<Result<jsonschema::Validator, String>> = LazyLock::new(|| {
    COMPILATIONS.fetch_add(1, Ordering::SeqCst);
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema())
        .map_err(|e| e.to_string())
});

/// How many times this process has compiled the schema: 0 before the first
/// validation, 1 ever after.
#[doc(hidden)]
pub fn schema_compilations() -> usize {
    COMPILATIONS.load(Ordering::SeqCst)
}

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
/// use actionplan_interchange::{validate_str, Layer};
/// let text = r#"{"format": "actionplan", "version": "1.0", "plan": {
///   "id": "p", "title": {"en": "Plan"}, "biennia": ["2016-17"],
///   "resolution": {"title": {"en": "Resolution"}, "adopted_at": "ilc-104"},
///   "endorsed_at": "gb-325"}}"#;
/// let report = validate_str(text);
/// // The two sessions the plan names are not described in `sessions`:
/// assert_eq!(report.issues.len(), 2);
/// let first = &report.issues[0];
/// assert_eq!(first.layer, Layer::Rule);
/// assert_eq!(first.rule.as_deref(), Some("AP002"));
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
pub fn validate_path(path: impl AsRef<Path>) -> Result<ValidationReport, ReadError> {
    validate_path_with(path, &ReadOptions::default())
}

/// Validates the exchange file at `path` within `options`' limits; fails
/// when the file cannot be read or is larger than the input limit.
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
    if let Err(e) = read::check_size_of(text, options).and_then(|()| read::check_start(text)) {
        return failed(&e);
    }
    if let Ok(envelope) = crate::strict::read::<Envelope>(text) {
        let mut rules: Vec<(Issue, bool)> = rule_issues(&envelope)
            .into_iter()
            .map(|i| (i, false))
            .collect();
        if !rules.is_empty() {
            locate_issues(&LineIndex::new(text), &mut rules);
        }
        let mut report = ValidationReport {
            issues: rules.into_iter().map(|(i, _)| i).collect(),
            omitted: Vec::new(),
        };
        report.limit(options.issue_limit());
        return Checked {
            report,
            envelope: Some(envelope),
        };
    }
    let lines = LineIndex::new(text);
    let mut issues = Vec::new();
    let value = match read::parse_json(&lines) {
        Ok(v) => v,
        Err(e) => return failed(&e),
    };
    let schema_issues = schema_layer(&value);
    drop(value);
    let mut located = schema_issues;
    // The typed read runs only when the schema passes; its verdict waits
    // for the scan below, which says whether a key was given twice.
    let typed = located.is_empty().then(|| read::typed_read(&lines));
    if let Some(Ok(env)) = &typed {
        located.extend(rule_issues(env).into_iter().map(|i| (i, false)));
    }
    // One pass over the text: every issue's position and every key twice.
    let duplicates = locate_issues(&lines, &mut located);
    for d in &duplicates {
        let mut i = Issue::new(
            Layer::Syntax,
            Severity::Error,
            d.pointer.clone(),
            format!(
                "key `{}` appears twice in one object; keep one (readers disagree on which one wins)",
                d.key
            ),
        );
        i.line = Some(d.position.line);
        i.column = Some(d.position.column);
        issues.push(i);
    }
    let mut envelope = None;
    match typed {
        Some(Ok(env)) if duplicates.is_empty() => envelope = Some(env),
        // A key twice is reported above.
        Some(Err(_)) if !duplicates.is_empty() => {}
        Some(Err(e)) => {
            // The schema and the reader are meant to agree; if they do
            // not, say so rather than hide it.
            let position = e.line_column();
            let (pointer, message) = match e {
                ReadError::Invalid {
                    pointer, message, ..
                } => (pointer, message),
                other => (String::new(), other.to_string()),
            };
            let mut i = Issue::new(
                Layer::Schema,
                Severity::Error,
                pointer,
                format!(
                    "{message} (the schema accepts this but the reader does not: please report this as a bug of actionplan-interchange)"
                ),
            );
            i.rule = Some("reader".into());
            i.line = position.map(|p| p.0);
            i.column = position.map(|p| p.1);
            located.push((i, false));
        }
        _ => {}
    }
    let (mut schema_part, rule_part): (Vec<_>, Vec<_>) = located
        .into_iter()
        .partition(|(i, _)| i.layer == Layer::Schema);
    schema_part.sort_by_key(|(i, _)| (i.line, i.column));
    issues.extend(schema_part.into_iter().map(|(i, _)| i));
    issues.extend(rule_part.into_iter().map(|(i, _)| i));
    let mut report = ValidationReport {
        issues,
        omitted: Vec::new(),
    };
    report.limit(options.issue_limit());
    Checked { report, envelope }
}

/// Layer 2 on a parsed value, located in the text and in document order.
pub(crate) fn schema_issues(lines: &LineIndex<'_>, value: &Value) -> Vec<Issue> {
    let mut located = schema_layer(value);
    if located.is_empty() {
        return Vec::new();
    }
    locate_issues(lines, &mut located);
    let mut issues: Vec<Issue> = located.into_iter().map(|(i, _)| i).collect();
    issues.sort_by_key(|i| (i.line, i.column));
    issues
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
    let mut i = Issue::new(Layer::Syntax, Severity::Error, String::new(), e.to_string());
    if let ReadError::Syntax { message, .. } = e {
        i.message = format!("not valid JSON: {message}");
    }
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
            let severity = match p.severity() {
                actionplan_model::Severity::Warning => Severity::Warning,
                _ => Severity::Error,
            };
            let mut i = Issue::new(Layer::Rule, severity, prefix + &p.pointer, p.message);
            i.rule = Some(p.rule.code().to_owned());
            i
        })
        .collect()
}

/// Fills in line and column; `at_key` points at the member's key instead of
/// its value (for members that should not be there). Returns the keys given
/// twice, found in the same pass.
fn locate_issues(lines: &LineIndex<'_>, issues: &mut [(Issue, bool)]) -> Vec<locate::DuplicateKey> {
    let pointers: Vec<&str> = issues.iter().map(|(i, _)| i.pointer.as_str()).collect();
    let (spans, duplicates) = locate::locate_and_find_duplicates(lines, &pointers);
    for ((issue, at_key), span) in issues.iter_mut().zip(spans) {
        if let Some(span) = span {
            let p = if *at_key {
                span.key.unwrap_or(span.value)
            } else {
                span.value
            };
            issue.line = Some(p.line);
            issue.column = Some(p.column);
        }
    }
    duplicates
}

/// Layer 2: the published schema. Returns issues without positions, each
/// flagged when it should point at a member's key.
fn schema_layer(value: &Value) -> Vec<(Issue, bool)> {
    let validator = match &*VALIDATOR {
        Ok(v) => v,
        Err(e) => {
            let i = Issue::new(
                Layer::Schema,
                Severity::Error,
                String::new(),
                format!(
                    "internal error: the published schema does not compile ({e}); please report this"
                ),
            );
            return vec![(i, false)];
        }
    };
    let mut out = Vec::new();
    for e in validator.iter_errors(value) {
        flatten(&e, &mut out);
    }
    out
}

fn flatten(e: &jsonschema::ValidationError<'_>, out: &mut Vec<(Issue, bool)>) {
    let pointer = e.instance_path().as_str().to_owned();
    let keyword = e.kind().keyword().to_owned();
    match e.kind() {
        ValidationErrorKind::Enum { .. } if pointer == "/version" && e.instance().is_string() => {
            let found = e.instance().as_str().unwrap_or_default();
            let message = format!(
                "format version `{found}` is not supported: this library reads {}; {}",
                crate::SUPPORTED_VERSIONS.join(", "),
                crate::envelope::version_advice(found)
            );
            out.push((issue(pointer, keyword, message), false));
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let candidates: Vec<&Vec<jsonschema::ValidationError<'static>>> = context
                .iter()
                .filter(|branch| !branch.iter().any(|b| is_mismatch(b, &pointer)))
                .collect();
            if let [only] = candidates.as_slice() {
                for b in only.iter() {
                    flatten(b, out);
                }
                return;
            }
            let consts: Option<Vec<String>> = context
                .iter()
                .map(|branch| match branch.as_slice() {
                    [b] => match b.kind() {
                        ValidationErrorKind::Constant { expected_value } => Some(
                            expected_value
                                .as_str()
                                .map_or_else(|| expected_value.to_string(), str::to_owned),
                        ),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            // A tagged union whose tag names no variant: point at the tag.
            let tags: Option<Vec<(String, String)>> = context
                .iter()
                .map(|branch| {
                    branch.iter().find_map(|b| match b.kind() {
                        ValidationErrorKind::Constant { expected_value }
                            if is_mismatch(b, &pointer) =>
                        {
                            Some((
                                b.instance_path().as_str().to_owned(),
                                expected_value
                                    .as_str()
                                    .map_or_else(|| expected_value.to_string(), str::to_owned),
                            ))
                        }
                        _ => None,
                    })
                })
                .collect();
            let first = |t: &[(String, String)]| t.first().map(|(p, _)| p.clone());
            if let Some(tags) = tags.filter(|t| {
                t.len() > 1 && t.iter().all(|(p, _)| Some(p) == t.first().map(|(f, _)| f))
            }) && let Some(at) = first(&tags)
            {
                let found = at
                    .get(pointer.len()..)
                    .and_then(|rel| e.instance().pointer(rel))
                    .map_or_else(String::new, render);
                let tag = at.rsplit('/').next().unwrap_or_default().to_owned();
                let names: Vec<&str> = tags.iter().map(|(_, v)| v.as_str()).collect();
                let message = format!("`{tag}` {found} is not one of: {}", names.join(", "));
                out.push((issue(at, "const".into(), message), false));
                return;
            }
            if let Some(values) = consts.filter(|v| !v.is_empty()) {
                let message = format!(
                    "{} is not one of the allowed values: {}",
                    render(e.instance()),
                    values.join(", ")
                );
                out.push((issue(pointer, keyword, message), false));
                return;
            }
            let message = format!(
                "{} matches none of the allowed forms{}",
                render(e.instance()),
                describe(e, ": ")
            );
            out.push((issue(pointer, keyword, message), false));
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let p = format!("{pointer}/{}", locate::escape_token(key));
                let message = format!(
                    "unknown member `{key}`: check its spelling, or keep tool-specific data under `extensions`"
                );
                out.push((issue(p, keyword.clone(), message), true));
            }
        }
        ValidationErrorKind::Pattern { .. } => {
            let message = format!(
                "{} does not have the required form{}",
                render(e.instance()),
                describe(e, ": ")
            );
            out.push((issue(pointer, keyword, message), false));
        }
        ValidationErrorKind::Not { .. } => {
            let message = format!("{} must not contain a line break", render(e.instance()));
            out.push((issue(pointer, keyword, message), false));
        }
        ValidationErrorKind::Format { .. } | ValidationErrorKind::MinProperties { .. } => {
            let message = format!("{}{}", truncate(&e.to_string()), describe(e, "; expected "));
            out.push((issue(pointer, keyword, message), false));
        }
        _ => out.push((issue(pointer, keyword, truncate(&e.to_string())), false)),
    }
}

/// Whether a branch error only says "this branch is not the one meant": a
/// wrong type for the value itself, or another `kind` tag.
fn is_mismatch(b: &jsonschema::ValidationError<'_>, pointer: &str) -> bool {
    let at = b.instance_path().as_str();
    match b.kind() {
        ValidationErrorKind::Type { .. } => at == pointer,
        ValidationErrorKind::Constant { .. } => at
            .strip_prefix(pointer)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|rest| !rest.contains('/')),
        _ => false,
    }
}

fn issue(pointer: String, keyword: String, message: String) -> Issue {
    let mut i = Issue::new(Layer::Schema, Severity::Error, pointer, message);
    i.rule = Some(keyword);
    i
}

/// The description of the nearest schema around the failed keyword.
fn describe(e: &jsonschema::ValidationError<'_>, lead: &str) -> String {
    let path = e.schema_path().as_str();
    let root = schema();
    for p in locate::prefixes(path).skip(1) {
        if let Some(Value::String(d)) = root.pointer(p).and_then(|s| s.get("description"))
            && d != "No line breaks."
        {
            return format!("{lead}{d}");
        }
    }
    String::new()
}

fn render(v: &Value) -> String {
    truncate(&v.to_string())
}

fn truncate(s: &str) -> String {
    const MAX: usize = 200;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or_default()),
        None => s.to_owned(),
    }
}
