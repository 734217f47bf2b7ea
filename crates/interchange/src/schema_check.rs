//! Layer 2: the published schema, run by `jsonschema` (the
//! `schema-validation` feature), with its errors turned into our own
//! [`Issue`]s: located, in document order, each with a [`Code`] and a
//! message for a person.

use crate::FormatVersion;
use crate::code::{Code, EnvelopeKind, SchemaKeyword};
use crate::locate::{self, LineIndex};
use crate::report::{Issue, Layer, OmittedIssues};
use crate::schema::{schema_for, version_of};
use crate::wording;
use actionplan_model::Severity;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
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
    let (mut located, _) = schema_layer(lines, value, MIN_FULL_SCHEMA_ISSUES);
    if located.is_empty() {
        return Vec::new();
    }
    locate::locate_issues(lines, &mut located);
    let mut issues: Vec<Issue> = located.into_iter().map(|(i, _)| i).collect();
    issues.sort_by_key(|i| (i.line, i.column));
    issues
}

/// Numbers as the file writes them, by pointer: a JSON number is echoed as
/// written (`123456789012345678901234567890`), never through `f64`.
type RawNumbers = HashMap<String, String>;

/// What every message is written from: the numbers as written, and the
/// schema of the file's version (its descriptions and paths).
struct Cx {
    raw: RawNumbers,
    root: &'static Value,
    version: FormatVersion,
}

/// The fewest schema errors made into issues in full (with their wording
/// and position) before the rest are only counted.
pub(crate) const MIN_FULL_SCHEMA_ISSUES: usize = 1_000;

/// Layer 2: the published schema. Returns issues without positions, each
/// flagged when it should point at a member's key; one issue per bad value.
///
/// The first `full` errors (in the validator's order, which follows the
/// document) become issues; each later bad value is only counted by its
/// code, returned second. Worded in full, a file with hundreds of
/// thousands of bad values (a tool that wrote every date wrongly) held
/// every error at once: 9 s and 1.2 GB for 41,000, where a person reads
/// the first two hundred.
pub(crate) fn schema_layer(
    lines: &LineIndex<'_>,
    value: &Value,
    full: usize,
) -> (Vec<(Issue, bool)>, Vec<OmittedIssues>) {
    let version = version_of(value);
    let compiled = match version {
        FormatVersion::V1_0 => &*VALIDATOR_1_0,
        FormatVersion::V1_1 => &*VALIDATOR_1_1,
    };
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
            return (vec![(i, false)], Vec::new());
        }
    };
    let mut errors: Vec<jsonschema::ValidationError<'_>> = Vec::new();
    let mut counted: BTreeMap<Code, usize> = BTreeMap::new();
    let mut last_counted = String::new();
    for e in validator.iter_errors(value) {
        if errors.len() < full {
            errors.push(e);
            continue;
        }
        // One count per bad value, as in full (`pattern` and `format` of
        // one date are one issue).
        let pointer = e.instance_path().as_str();
        if pointer == last_counted {
            continue;
        }
        pointer.clone_into(&mut last_counted);
        // As in full: an unknown member is an issue each.
        let issues = match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => unexpected.len(),
            _ => 1,
        };
        let code = Code::Schema(SchemaKeyword::from_keyword(e.kind().keyword()));
        let n = counted.entry(code).or_insert(0);
        *n = n.saturating_add(issues);
    }
    let counted = counted
        .into_iter()
        .map(|(code, count)| OmittedIssues {
            layer: Layer::Schema,
            code,
            severity: Severity::Error,
            count,
        })
        .collect();
    let numbers: Vec<&str> = errors
        .iter()
        .filter(|e| e.instance().is_number())
        .map(|e| e.instance_path().as_str())
        .collect();
    let cx = Cx {
        raw: raw_numbers(lines, &numbers),
        root: schema_for(version),
        version,
    };
    let mut out = Vec::new();
    for e in &errors {
        flatten(e, &cx, &mut out);
    }
    (one_per_value(out), counted)
}

/// The text of the numbers at `pointers`, in one scan of the text.
fn raw_numbers(lines: &LineIndex<'_>, pointers: &[&str]) -> RawNumbers {
    if pointers.is_empty() {
        return RawNumbers::new();
    }
    let text = lines.text();
    pointers
        .iter()
        .zip(locate::locate(lines, pointers))
        .filter_map(|(p, span)| {
            let span = span?;
            let start = lines.offset(span.value.line, span.value.column)?;
            let rest = text.get(start..)?;
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.')))
                .unwrap_or(rest.len());
            let token = rest.get(..len).filter(|t| !t.is_empty())?;
            Some(((*p).to_owned(), token.to_owned()))
        })
        .collect()
}

/// A value as the file writes it: numbers from the text, the rest as JSON.
fn shown(v: &Value, pointer: &str, raw: &RawNumbers) -> String {
    match (v, raw.get(pointer)) {
        (Value::Number(_), Some(r)) => truncate(r),
        _ => render(v),
    }
}

/// Which of several issues at one value is kept: the lower, the better it
/// says what is wrong (a wrong type before a wrong form, a line break
/// before a pattern it also breaks, a pattern before a date format).
fn rank(code: &Code) -> u8 {
    match code {
        Code::Schema(SchemaKeyword::Type) => 0,
        Code::Schema(SchemaKeyword::Not) => 1,
        Code::Schema(SchemaKeyword::Pattern) => 2,
        Code::Schema(SchemaKeyword::Format) => 3,
        Code::Schema(SchemaKeyword::MaxLength | SchemaKeyword::MinLength) => 4,
        _ => 5,
    }
}

/// Whether an issue is about the value at its pointer (rather than a member
/// missing from it, or an unknown member).
fn about_the_value(i: &Issue) -> bool {
    !matches!(
        i.code,
        Code::Schema(SchemaKeyword::Required | SchemaKeyword::AdditionalProperties)
    )
}

/// Keeps one issue per bad value (a date that breaks both `pattern` and
/// `format` is one mistake), the one [`rank`] prefers, in the place of the
/// first.
fn one_per_value(issues: Vec<(Issue, bool)>) -> Vec<(Issue, bool)> {
    let mut kept: Vec<(Issue, bool)> = Vec::with_capacity(issues.len());
    let mut at: HashMap<String, usize> = HashMap::new();
    for (issue, key) in issues {
        if !about_the_value(&issue) {
            kept.push((issue, key));
            continue;
        }
        if let Some(&k) = at.get(&issue.pointer) {
            if let Some(slot) = kept.get_mut(k)
                && rank(&issue.code) < rank(&slot.0.code)
            {
                *slot = (issue, key);
            }
        } else {
            at.insert(issue.pointer.clone(), kept.len());
            kept.push((issue, key));
        }
    }
    kept
}

/// One validator error as issues: a union's error becomes the errors of
/// the one branch meant, where that can be told.
fn flatten(e: &jsonschema::ValidationError<'_>, cx: &Cx, out: &mut Vec<(Issue, bool)>) {
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
            union(e, &pointer, keyword, context, cx, out);
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_members(cx.root, e.schema_path().as_str());
            for key in unexpected {
                let p = format!("{pointer}/{}", locate::escape_token(key));
                let message = if cx.version == FormatVersion::V1_0 && is_member_1_1(key) {
                    format!(
                        "`{key}` is a member of format 1.1, but this file says \"version\": \"1.0\"; write \"version\": \"1.1\" (every 1.0 file is valid 1.1), or remove `{key}`"
                    )
                } else {
                    format!(
                        "unknown member `{key}`: check its spelling, or keep tool-specific data under `extensions`{allowed}"
                    )
                };
                out.push((issue(p, keyword.clone(), message), true));
            }
        }
        _ => {
            let message = message(e, cx, &pointer);
            out.push((issue(pointer, keyword, message), false));
        }
    }
}

/// The message for an error about the value at `pointer` itself.
fn message(e: &jsonschema::ValidationError<'_>, cx: &Cx, pointer: &str) -> String {
    let raw = &cx.raw;
    let words = wording::words(cx.root, e.evaluation_path().as_str());
    let member = wording::member_name(pointer);
    let value = shown(e.instance(), pointer, raw);
    match e.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let w = required_words(cx.root, e.schema_path().as_str(), name);
            format!(
                "{member} lacks the required member `{name}`: add it.{}",
                w.hint()
            )
        }
        ValidationErrorKind::Type { .. } => {
            let expected = wording::expected_types(cx.root, e.schema_path().as_str());
            let wanted: Vec<&str> = expected.iter().map(|t| wording::type_words(t)).collect();
            let raw_text = raw
                .get(pointer)
                .map_or_else(|| e.instance().to_string(), Clone::clone);
            let found = wording::json_kind(e.instance(), &value);
            match wording::retype(e.instance(), &raw_text, &expected) {
                Some(fix) => format!("{member} is {found}: {fix}.{}", words.hint()),
                None => format!(
                    "{member} is {found}, where the format expects {}.{}",
                    wanted.join(" or "),
                    words.hint()
                ),
            }
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!(
                "{member} is {value}: write {expected_value}.{}",
                words.hint()
            )
        }
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
            let def = wording::def_of(e.schema_path().as_str()).or(words.def);
            form_message(&member, e.instance(), &value, def, &words)
        }
        ValidationErrorKind::Not { .. } => {
            format!(
                "{member} {value} contains a line break: remove it.{}",
                words.hint()
            )
        }
        ValidationErrorKind::Maximum { limit } => {
            format!(
                "{member} is {value}, more than the largest value allowed, {limit}.{}",
                words.hint()
            )
        }
        ValidationErrorKind::Minimum { limit } => {
            format!(
                "{member} is {value}, less than the smallest value allowed, {limit}.{}",
                words.hint()
            )
        }
        ValidationErrorKind::MaxLength { limit } => {
            let n = e.instance().as_str().map_or(0, |s| s.chars().count());
            format!(
                "{member} is {n} characters long; at most {limit} are allowed.{}",
                words.hint()
            )
        }
        ValidationErrorKind::MinLength { .. } => {
            format!(
                "{member} is empty: write the text, or leave the language out.{}",
                words.hint()
            )
        }
        ValidationErrorKind::MinItems { limit } => {
            format!(
                "{member} has fewer than {limit} item(s): give at least {limit}.{}",
                words.hint()
            )
        }
        ValidationErrorKind::MinProperties { .. } => {
            format!("{member} is empty.{}", words.hint())
        }
        _ => {
            format!("{member}: {}.{}", truncate(&e.to_string()), words.hint())
        }
    }
}

/// A string of the wrong form: why (a day the calendar lacks, or the
/// form), a corrected value where a common mistake can be undone, and the
/// schema's description of the form.
fn form_message(
    member: &str,
    v: &Value,
    shown: &str,
    def: Option<&str>,
    words: &wording::Words,
) -> String {
    let s = v.as_str().unwrap_or_default();
    let dated = matches!(def, Some("Date" | "YearMonth" | "DateOrMonth"));
    let problem = match wording::calendar_problem(s).filter(|_| dated) {
        Some(why) => format!("{member} {shown} is not a date of the calendar: {why}"),
        None => format!("{member} {shown} does not have the required form"),
    };
    let fix = def
        .and_then(|d| wording::correct(d, s))
        .map_or_else(String::new, |c| format!("; write {}", Value::String(c)));
    format!("{problem}{fix}.{}", words.hint())
}

/// ` (members allowed here: a, b, c)` for an object's schema.
fn allowed_members(root: &Value, schema_path: &str) -> String {
    let object = schema_path
        .strip_suffix("/additionalProperties")
        .unwrap_or(schema_path);
    let names: Vec<&str> = root
        .pointer(object)
        .and_then(|o| o.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    if names.is_empty() {
        String::new()
    } else {
        format!(" (members allowed here: {})", names.join(", "))
    }
}

/// The descriptions of a required member that is missing, from the object
/// schema that requires it.
fn required_words(root: &'static Value, schema_path: &str, name: &str) -> wording::Words {
    let object = schema_path.strip_suffix("/required").unwrap_or(schema_path);
    let Some(prop) = root
        .pointer(object)
        .and_then(|o| o.get("properties"))
        .and_then(|p| p.get(name))
    else {
        return wording::Words::default();
    };
    let mut w = wording::Words {
        member: prop.get("description").and_then(Value::as_str),
        ..wording::Words::default()
    };
    if let Some(target) = prop
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p))
    {
        w.kind = target.get("description").and_then(Value::as_str);
    }
    w
}

/// A `oneOf`/`anyOf` failure: the errors of the only branch that could be
/// meant; else the tag that names no variant; else the allowed constants;
/// else "matches none of the forms".
fn union(
    e: &jsonschema::ValidationError<'_>,
    pointer: &str,
    keyword: SchemaKeyword,
    context: &[Vec<jsonschema::ValidationError<'static>>],
    cx: &Cx,
    out: &mut Vec<(Issue, bool)>,
) {
    let mut candidates: Vec<&Vec<jsonschema::ValidationError<'static>>> = context
        .iter()
        .filter(|branch| !branch.iter().any(|b| is_mismatch(b, pointer)))
        .collect();
    // An optional value of the wrong type (`8` where a decimal string or
    // null goes): the branch meant is the one that is not `null`.
    if candidates.is_empty() && !e.instance().is_null() {
        let not_null: Vec<_> = context
            .iter()
            .filter(|branch| !branch.iter().any(|b| only_null(cx.root, b, pointer)))
            .collect();
        if not_null.len() == 1 {
            candidates = not_null;
        }
    }
    if let [only] = candidates.as_slice() {
        for b in *only {
            flatten(b, cx, out);
        }
        return;
    }
    if let Some(i) = unknown_tag(e, pointer, context) {
        out.push((i, false));
        return;
    }
    let words = wording::words(cx.root, e.evaluation_path().as_str());
    let member = wording::member_name(pointer);
    let value = shown(e.instance(), pointer, &cx.raw);
    let message = if let Some(values) = allowed_constants(context) {
        format!(
            "{member} is {value}, not one of the allowed values: {}.{}",
            values.join(", "),
            words.hint()
        )
    } else if e.instance().is_string() && candidates.iter().all(|b| only_form(b, pointer)) {
        // A date that is neither a day nor a month: one mistake of form.
        let def = wording::def_of(e.schema_path().as_str()).or(words.def);
        form_message(&member, e.instance(), &value, def, &words)
    } else {
        format!(
            "{member} is {value}, which matches none of the allowed forms.{}",
            words.hint()
        )
    };
    out.push((issue(pointer.to_owned(), keyword, message), false));
}

/// Whether a branch error says only "this is the `null` branch".
fn only_null(root: &'static Value, b: &jsonschema::ValidationError<'_>, pointer: &str) -> bool {
    matches!(b.kind(), ValidationErrorKind::Type { .. })
        && b.instance_path().as_str() == pointer
        && wording::expected_types(root, b.schema_path().as_str()) == ["null"]
}

/// Whether every error of a branch is about the form of the string at
/// `pointer` (its pattern, format or a line break).
fn only_form(branch: &[jsonschema::ValidationError<'_>], pointer: &str) -> bool {
    branch.iter().all(|b| {
        b.instance_path().as_str() == pointer
            && matches!(
                b.kind(),
                ValidationErrorKind::Pattern { .. }
                    | ValidationErrorKind::Format { .. }
                    | ValidationErrorKind::Not { .. }
            )
    })
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

/// Names of the members format 1.1 adds, for the message a 1.0 file that
/// uses one gets from the 1.0 schema: those 1.0 has nowhere, and two that
/// 1.0 has elsewhere and 1.1 adds to other objects (a resource line's
/// `unit`, a dated baseline's `source`).
fn is_member_1_1(key: &str) -> bool {
    crate::members_1_1::is_member_1_1(key) || matches!(key, "unit" | "source")
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
        let text_1_0 = serde_json::to_string(&as_1_0).unwrap();
        let (issues, _) = schema_layer(&LineIndex::new(&text_1_0), &as_1_0, usize::MAX);
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
