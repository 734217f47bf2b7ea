//! Layer 2: the published schema, run by `jsonschema` (the
//! `schema-validation` feature), with its errors turned into our own
//! [`Issue`]s: located, in document order, each with a [`Code`] and a
//! message for a person.

use crate::FormatVersion;
use crate::code::{Code, EnvelopeKind, SchemaKeyword};
use crate::locate::{self, LineIndex};
use crate::report::{Issue, Layer};
use crate::schema::{schema_for, version_of};
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

static COMPILATIONS: AtomicUsize = AtomicUsize::new(0);

fn compile(version: FormatVersion) -> Result<jsonschema::Validator, String> {
    COMPILATIONS.fetch_add(1, Ordering::SeqCst);
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema_for(version))
        .map_err(|e| e.to_string())
}

/// The published schemas, each compiled once per process (when first
/// needed), with format checks on.
static VALIDATOR_1_0: LazyLock<Result<jsonschema::Validator, String>> =
    LazyLock::new(|| compile(FormatVersion::V1_0));
static VALIDATOR_1_1: LazyLock<Result<jsonschema::Validator, String>> =
    LazyLock::new(|| compile(FormatVersion::V1_1));

/// How many times this process has compiled a schema: 0 before the first
/// validation, then one per version used, never more.
#[cfg(feature = "test-hooks")]
pub fn schema_compilations() -> usize {
    COMPILATIONS.load(Ordering::SeqCst)
}

/// Layer 2 on a parsed value, located in the text and in document order.
pub(crate) fn schema_issues(lines: &LineIndex<'_>, value: &Value) -> Vec<Issue> {
    let mut located = schema_layer(value);
    if located.is_empty() {
        return Vec::new();
    }
    locate::locate_issues(lines, &mut located);
    let mut issues: Vec<Issue> = located.into_iter().map(|(i, _)| i).collect();
    issues.sort_by_key(|i| (i.line, i.column));
    issues
}

/// Layer 2: the published schema. Returns issues without positions, each
/// flagged when it should point at a member's key.
pub(crate) fn schema_layer(value: &Value) -> Vec<(Issue, bool)> {
    let version = version_of(value);
    let compiled = match version {
        FormatVersion::V1_0 => &*VALIDATOR_1_0,
        FormatVersion::V1_1 => &*VALIDATOR_1_1,
    };
    let root = schema_for(version);
    let validator = match compiled {
        Ok(v) => v,
        Err(e) => {
            let i = Issue::new(
                Layer::Schema,
                Code::Internal,
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
        flatten(root, version, &e, &mut out);
    }
    out
}

/// One validator error as issues: a union's error becomes the errors of
/// the one branch meant, where that can be told.
fn flatten(
    root: &Value,
    version: FormatVersion,
    e: &jsonschema::ValidationError<'_>,
    out: &mut Vec<(Issue, bool)>,
) {
    let pointer = e.instance_path().as_str().to_owned();
    let keyword = SchemaKeyword::from_keyword(e.kind().keyword());
    match e.kind() {
        ValidationErrorKind::Enum { .. } if pointer == "/version" && e.instance().is_string() => {
            let found = e.instance().as_str().unwrap_or_default();
            let message = crate::envelope::unsupported_version_message(
                found,
                crate::SUPPORTED_VERSIONS,
                crate::CURRENT_VERSION,
            );
            let i = Issue::new(
                Layer::Schema,
                Code::Envelope(EnvelopeKind::Version),
                pointer,
                message,
            );
            out.push((i, false));
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            union(root, version, e, &pointer, keyword, context, out);
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let p = format!("{pointer}/{}", locate::escape_token(key));
                let message = if version == FormatVersion::V1_0 && is_member_1_1(key) {
                    format!(
                        "`{key}` is a member of format 1.1, but this file says \"version\": \"1.0\"; write \"version\": \"1.1\" (every 1.0 file is valid 1.1), or remove `{key}`"
                    )
                } else {
                    format!(
                        "unknown member `{key}`: check its spelling, or keep tool-specific data under `extensions`"
                    )
                };
                out.push((issue(p, keyword.clone(), message), true));
            }
        }
        ValidationErrorKind::Pattern { .. } => {
            let message = format!(
                "{} does not have the required form{}",
                render(e.instance()),
                describe(root, e, ": ")
            );
            out.push((issue(pointer, keyword, message), false));
        }
        ValidationErrorKind::Not { .. } => {
            let message = format!("{} must not contain a line break", render(e.instance()));
            out.push((issue(pointer, keyword, message), false));
        }
        ValidationErrorKind::Format { .. } | ValidationErrorKind::MinProperties { .. } => {
            let message = format!(
                "{}{}",
                truncate(&e.to_string()),
                describe(root, e, "; expected ")
            );
            out.push((issue(pointer, keyword, message), false));
        }
        _ => out.push((issue(pointer, keyword, truncate(&e.to_string())), false)),
    }
}

/// A `oneOf`/`anyOf` failure: the errors of the only branch that could be
/// meant; else the tag that names no variant; else the allowed constants;
/// else "matches none of the forms".
fn union(
    root: &Value,
    version: FormatVersion,
    e: &jsonschema::ValidationError<'_>,
    pointer: &str,
    keyword: SchemaKeyword,
    context: &[Vec<jsonschema::ValidationError<'static>>],
    out: &mut Vec<(Issue, bool)>,
) {
    let candidates: Vec<&Vec<jsonschema::ValidationError<'static>>> = context
        .iter()
        .filter(|branch| !branch.iter().any(|b| is_mismatch(b, pointer)))
        .collect();
    if let [only] = candidates.as_slice() {
        for b in *only {
            flatten(root, version, b, out);
        }
        return;
    }
    if let Some(i) = unknown_tag(e, pointer, context) {
        out.push((i, false));
        return;
    }
    let message = match allowed_constants(context) {
        Some(values) => format!(
            "{} is not one of the allowed values: {}",
            render(e.instance()),
            values.join(", ")
        ),
        None => format!(
            "{} matches none of the allowed forms{}",
            render(e.instance()),
            describe(root, e, ": ")
        ),
    };
    out.push((issue(pointer.to_owned(), keyword, message), false));
}

/// The constants of a union whose every branch is one `const`, if any.
fn allowed_constants(context: &[Vec<jsonschema::ValidationError<'static>>]) -> Option<Vec<String>> {
    let consts: Option<Vec<String>> = context
        .iter()
        .map(|branch| match branch.as_slice() {
            [b] => match b.kind() {
                ValidationErrorKind::Constant { expected_value } => {
                    Some(const_text(expected_value))
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    consts.filter(|v| !v.is_empty())
}

fn const_text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

/// A tagged union whose tag names no variant: an issue at the tag.
fn unknown_tag(
    e: &jsonschema::ValidationError<'_>,
    pointer: &str,
    context: &[Vec<jsonschema::ValidationError<'static>>],
) -> Option<Issue> {
    let tags: Vec<(String, String)> = context
        .iter()
        .map(|branch| {
            branch.iter().find_map(|b| match b.kind() {
                ValidationErrorKind::Constant { expected_value } if is_mismatch(b, pointer) => {
                    Some((
                        b.instance_path().as_str().to_owned(),
                        const_text(expected_value),
                    ))
                }
                _ => None,
            })
        })
        .collect::<Option<_>>()?;
    let at = tags.first().map(|(p, _)| p.clone())?;
    if tags.len() < 2 || tags.iter().any(|(p, _)| *p != at) {
        return None;
    }
    let found = at
        .get(pointer.len()..)
        .and_then(|rel| e.instance().pointer(rel))
        .map_or_else(String::new, render);
    let tag = at.rsplit('/').next().unwrap_or_default().to_owned();
    let names: Vec<&str> = tags.iter().map(|(_, v)| v.as_str()).collect();
    let message = format!("`{tag}` {found} is not one of: {}", names.join(", "));
    Some(issue(at, SchemaKeyword::Const, message))
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

fn issue(pointer: String, keyword: SchemaKeyword, message: String) -> Issue {
    Issue::new(Layer::Schema, Code::Schema(keyword), pointer, message)
}

/// The description of the nearest schema around the failed keyword.
fn describe(root: &Value, e: &jsonschema::ValidationError<'_>, lead: &str) -> String {
    let path = e.schema_path().as_str();
    for p in locate::prefixes(path).skip(1) {
        if let Some(Value::String(d)) = root.pointer(p).and_then(|s| s.get("description"))
            && d != "No line breaks."
        {
            return format!("{lead}{d}");
        }
    }
    String::new()
}

/// Names of the members format 1.1 adds (anywhere in the file), for the
/// message a 1.0 file that uses one gets from the 1.0 schema.
fn is_member_1_1(key: &str) -> bool {
    matches!(
        key,
        "period"
            | "dimensions"
            | "units"
            | "partners"
            | "revisions"
            | "span"
            | "lead_unit"
            | "contributing_units"
            | "targets"
            | "cumulation"
            | "evidence"
            | "disaggregation"
            | "exchange_rates"
            | "partner_id"
            | "unit"
            | "approved"
            | "spent"
            | "spent_as_of"
            | "comment"
            | "source"
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader of 1.0 only (the frozen 1.0 schema, and the advice a 1.0
    /// library gives) refuses a 1.1 file with a message that names the
    /// version and says what to do.
    #[test]
    fn a_1_0_reader_names_the_version_of_a_1_1_file() {
        let text = include_str!("../docs/examples/supply-chains-programme-2017-2021.json");
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(value["version"], "1.1");
        let frozen = jsonschema::draft202012::new(schema_for(FormatVersion::V1_0)).unwrap();
        let errors: Vec<_> = frozen.iter_errors(&value).collect();
        let version = errors
            .iter()
            .find(|e| e.instance_path().as_str() == "/version")
            .expect("the 1.0 schema refuses the version");
        assert!(matches!(version.kind(), ValidationErrorKind::Enum { .. }));
        let message =
            crate::envelope::unsupported_version_message("1.1", &["1.0"], FormatVersion::V1_0);
        assert_eq!(
            message,
            "format version `1.1` is not supported: this library reads 1.0; version 1.1 is newer than this library: use a newer actionplan-interchange, or write the file as version 1.0"
        );
        // Through this library's own schema layer, with the 1.0 schema
        // picked for a file that says 1.0, a 1.1 member is named as one.
        let mut as_1_0 = value.clone();
        as_1_0["version"] = Value::from("1.0");
        let issues = schema_layer(&as_1_0);
        let period = issues
            .iter()
            .find(|(i, _)| i.pointer == "/plan/period")
            .expect("the period is refused");
        assert!(
            period.0.message.contains("member of format 1.1"),
            "{}",
            period.0.message
        );
    }
}
