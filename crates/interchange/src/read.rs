//! Reading exchange files: from text, from any reader, from a path.
//!
//! Reading checks JSON syntax, refuses a key given twice in one object,
//! checks the format name and version, checks the published schema (so the
//! reader accepts exactly what the schema accepts), and then reads the plan
//! and reports with the model's serde types. It stops at the first problem
//! and does not run the semantic rules: see
//! [`validate_str`](crate::validate_str) for every issue and the rules.

use crate::locate::{self, Lines};
use crate::{Envelope, FORMAT_NAME, FormatVersion, SUPPORTED_VERSIONS};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file could not be read. Every variant says where, and what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read {}", display_path(path.as_deref()))]
    Io {
        /// The file, when reading from a path.
        path: Option<PathBuf>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not UTF-8 text.
    #[error(
        "the file is not UTF-8 text (line {line}, column {column}): save it as UTF-8 without a byte order mark"
    )]
    Encoding {
        /// Line of the first bad byte, from 1.
        line: usize,
        /// Column of the first bad byte, in characters, from 1.
        column: usize,
    },
    /// The text is not JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// One object names the same key twice.
    #[error(
        "key `{key}` appears twice in one object at {pointer} (line {line}, column {column}): keep one"
    )]
    DuplicateKey {
        /// JSON pointer to the second occurrence.
        pointer: String,
        /// The key.
        key: String,
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
    },
    /// The JSON is not an actionplan exchange file.
    #[error("not an actionplan exchange file: {message}")]
    NotExchangeFile {
        /// What is missing.
        message: String,
    },
    /// The file's format version is not one this library reads.
    #[error(
        "format version `{found}` is not supported (line {line}, column {column}): this library reads {}; use a newer actionplan-interchange or write the file as version {}",
        SUPPORTED_VERSIONS.join(", "),
        crate::CURRENT_VERSION
    )]
    UnsupportedVersion {
        /// The version the file states.
        found: String,
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
    },
    /// A value does not have the shape the format requires.
    #[error("{pointer}{}: {message}", position(*line, *column))]
    Invalid {
        /// JSON pointer to the value (or the object that lacks a member).
        pointer: String,
        /// Line, from 1, where the pointer could be located.
        line: Option<usize>,
        /// Column in characters, from 1.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

fn display_path(p: Option<&Path>) -> String {
    p.map_or_else(|| "the input".to_owned(), |p| format!("`{}`", p.display()))
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
        _ => String::new(),
    }
}

impl ReadError {
    /// JSON pointer of the offending value, where there is one.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            ReadError::DuplicateKey { pointer, .. } | ReadError::Invalid { pointer, .. } => {
                Some(pointer)
            }
            ReadError::UnsupportedVersion { .. } => Some("/version"),
            _ => None,
        }
    }

    /// Line and column of the problem in the text, where known.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self {
            ReadError::Encoding { line, column }
            | ReadError::Syntax { line, column, .. }
            | ReadError::DuplicateKey { line, column, .. }
            | ReadError::UnsupportedVersion { line, column, .. } => Some((*line, *column)),
            ReadError::Invalid {
                line: Some(l),
                column: Some(c),
                ..
            } => Some((*l, *c)),
            _ => None,
        }
    }
}

/// Reads an exchange file from text.
///
/// ```
/// let text = r#"{"format": "actionplan", "version": "1.0", "plan": {
///   "id": "p", "title": {"en": "Plan"},
///   "resolution": {"title": {"en": "Resolution"}, "adopted_at": "ilc-104"},
///   "endorsed_at": "gb-325", "biennia": ["2016-17"]}}"#;
/// let envelope = actionplan_interchange::read_str(text)?;
/// assert_eq!(envelope.plan.id.as_str(), "p");
/// assert!(envelope.reports.is_empty());
///
/// let err = actionplan_interchange::read_str(&text.replace("2016-17", "2016-18")).unwrap_err();
/// assert_eq!(err.pointer(), Some("/plan/biennia/0"));
/// # Ok::<(), actionplan_interchange::ReadError>(())
/// ```
pub fn read_str(text: &str) -> Result<Envelope, ReadError> {
    let lines = Lines::new(text);
    let value = parse_json(text, &lines)?;
    if let Some(d) = locate::scan(text, Some(&Default::default()))
        .duplicates
        .into_iter()
        .next()
    {
        return Err(ReadError::DuplicateKey {
            pointer: d.pointer,
            key: d.key,
            line: d.position.line,
            column: d.position.column,
        });
    }
    check_header(text, &value)?;
    // The schema runs before the typed read: serde alone would also take
    // an array for an object (`"resources": []`), which the schema refuses.
    let issues = crate::validate::schema_issues(text, &value);
    if let Some(first) = issues.first() {
        let more = match issues.len() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more; validate the file to see every issue)"),
        };
        return Err(ReadError::Invalid {
            pointer: first.pointer.clone(),
            line: first.line,
            column: first.column,
            message: format!("{}{more}", first.message),
        });
    }
    from_value(text, value)
}

/// Reads without the schema pass: syntax, header and the typed read only.
/// For tests that hold the schema and the serde types to agreement.
#[doc(hidden)]
pub fn read_str_without_schema(text: &str) -> Result<Envelope, ReadError> {
    let lines = Lines::new(text);
    let value = parse_json(text, &lines)?;
    check_header(text, &value)?;
    from_value(text, value)
}

/// Reads an exchange file from any reader (a file, a socket, a buffer).
pub fn read_reader<R: Read>(mut reader: R) -> Result<Envelope, ReadError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io { path: None, source })?;
    read_str(utf8(&bytes)?)
}

/// Reads an exchange file from a path.
pub fn read_path(path: impl AsRef<Path>) -> Result<Envelope, ReadError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: Some(path.to_owned()),
        source,
    })?;
    read_str(utf8(&bytes)?)
}

/// The bytes as text, or where they stop being UTF-8.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, ReadError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let text = std::str::from_utf8(good).unwrap_or_default();
        let p = Lines::new(text).position(text.len());
        ReadError::Encoding {
            line: p.line,
            column: p.column,
        }
    })
}

/// Layer 1: JSON syntax.
pub(crate) fn parse_json(text: &str, lines: &Lines<'_>) -> Result<Value, ReadError> {
    if text.starts_with('\u{feff}') {
        return Err(ReadError::Syntax {
            line: 1,
            column: 1,
            message: "the text starts with a byte order mark (U+FEFF); save the file as UTF-8 without one".into(),
        });
    }
    serde_json::from_str(text).map_err(|e| {
        let p = lines.serde_position(e.line(), e.column());
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_owned(),
            None => message,
        };
        ReadError::Syntax {
            line: p.line,
            column: p.column,
            message,
        }
    })
}

/// Checks `format` and `version` before anything else, so that a file of
/// another format or version gets one clear message.
fn check_header(text: &str, value: &Value) -> Result<(), ReadError> {
    let Value::Object(obj) = value else {
        return Err(ReadError::NotExchangeFile {
            message: "the top level must be an object with \"format\": \"actionplan\"".into(),
        });
    };
    match obj.get("format") {
        Some(Value::String(f)) if f == FORMAT_NAME => {}
        Some(other) => {
            return Err(ReadError::NotExchangeFile {
                message: format!("\"format\" is {other}, not \"actionplan\""),
            });
        }
        None => {
            return Err(ReadError::NotExchangeFile {
                message: "the top-level object has no \"format\": \"actionplan\" member".into(),
            });
        }
    }
    if let Some(Value::String(v)) = obj.get("version")
        && FormatVersion::parse(v).is_none()
    {
        {
            let span = locate::locate(text, &["/version"])[0];
            let p = span.map(|s| s.value);
            return Err(ReadError::UnsupportedVersion {
                found: v.clone(),
                line: p.map_or(1, |p| p.line),
                column: p.map_or(1, |p| p.column),
            });
        }
    }
    Ok(())
}

/// Layer 2 as the reader sees it: the typed deserialization.
pub(crate) fn from_value(text: &str, mut value: Value) -> Result<Envelope, ReadError> {
    normalize_integers(&mut value);
    serde_path_to_error::deserialize::<_, Envelope>(&value).map_err(|e| {
        let pointer = to_pointer(e.path());
        let span = locate::locate(text, &[&pointer])[0];
        ReadError::Invalid {
            line: span.map(|s| s.value.line),
            column: span.map(|s| s.value.column),
            message: e.into_inner().to_string(),
            pointer,
        }
    })
}

/// JSON Schema counts `1.0` and `1e2` as integers; so does the reader.
/// Outside `extensions` (where numbers are kept as written) every number
/// with an integral value becomes an integer before the typed read.
pub(crate) fn normalize_integers(v: &mut Value) {
    match v {
        Value::Object(obj) => {
            for (k, child) in obj.iter_mut() {
                if k != "extensions" {
                    normalize_integers(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_integers),
        Value::Number(n) if !n.is_u64() && !n.is_i64() => {
            if let Some(f) = n.as_f64() {
                // 2^64 is exactly representable; below it the cast is exact.
                if f.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&f) {
                    *v = Value::from(f as u64);
                } else if f.fract() == 0.0 && (-9_223_372_036_854_775_808.0..0.0).contains(&f) {
                    *v = Value::from(f as i64);
                }
            }
        }
        _ => {}
    }
}

/// A serde_path_to_error path as a JSON pointer.
fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&locate::escape_token(key));
            }
            Segment::Enum { .. } => {}
            Segment::Unknown => break,
        }
    }
    out
}
