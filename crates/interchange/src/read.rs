//! Reading exchange files: from text, from any reader, from a path.
//!
//! Reading accepts exactly what the published schema accepts. A valid file
//! takes the fast path: one typed read straight from the text that refuses
//! whatever the schema refuses (see `strict.rs`), with no `Value` tree and
//! no schema pass. Only when that read fails does the reader parse the text
//! into a `Value`, refuse a key given twice, check the format name and
//! version and run the schema, to say exactly what is wrong and where. It
//! stops at the first problem and does not run the semantic rules: see
//! [`validate_str`](crate::validate_str) for every issue and the rules.

use crate::code::{Code, EncodingKind, EnvelopeKind, LimitKind, SyntaxKind};
use crate::locate::{self, LineIndex};
use crate::{Envelope, FORMAT_NAME, FormatVersion, ReadOptions, SUPPORTED_VERSIONS};
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
    /// The input is longer than the limit ([`ReadOptions::max_input_bytes`]).
    #[error(
        "{} is larger than the limit of {limit} bytes: it cannot be an action plan; raise the limit if it really is one",
        display_path(path.as_deref())
    )]
    TooLarge {
        /// The file, when reading from a path.
        path: Option<PathBuf>,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The text is in another Unicode encoding than UTF-8.
    #[error("this file is {encoding}; save it as UTF-8 (without a byte order mark)")]
    WrongEncoding {
        /// The encoding recognised.
        encoding: TextEncoding,
    },
    /// Arrays and objects nest deeper than the parser follows.
    #[error(
        "arrays and objects nest {limit} levels deep at line {line}, column {column}, more than the reader follows (serde_json's limit; no action plan nests that deep)"
    )]
    TooDeep {
        /// The nesting limit.
        limit: usize,
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
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
    /// The text starts with a byte order mark (U+FEFF), which the format
    /// refuses.
    #[error("the text starts with a byte order mark (U+FEFF); save the file as UTF-8 without one")]
    ByteOrderMark,
    /// The text is not JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// Whether the text ends too early or breaks the grammar elsewhere.
        kind: SyntaxKind,
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
        "format version `{found}` is not supported (line {line}, column {column}): this library reads {}; {}",
        SUPPORTED_VERSIONS.join(", "),
        crate::envelope::version_advice(found)
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
        /// What failed: the schema keyword, or [`Code::Shape`] when the
        /// typed reader found it without the schema validator.
        code: Code,
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
    /// The code of the problem, as an [`Issue`](crate::Issue) would carry it.
    ///
    /// ```
    /// use actionplan_interchange::{read_str, Code, SyntaxKind};
    /// let err = read_str("{\"format\": ").unwrap_err();
    /// assert_eq!(err.code(), Code::Syntax(SyntaxKind::Eof));
    /// ```
    pub fn code(&self) -> Code {
        match self {
            ReadError::Io { .. } => Code::Io,
            ReadError::TooLarge { .. } => Code::Limit(LimitKind::InputSize),
            ReadError::TooDeep { .. } => Code::Limit(LimitKind::Nesting),
            ReadError::WrongEncoding { .. } => Code::Encoding(EncodingKind::OtherUnicode),
            ReadError::Encoding { .. } => Code::Encoding(EncodingKind::NotUtf8),
            ReadError::ByteOrderMark => Code::Encoding(EncodingKind::ByteOrderMark),
            ReadError::Syntax { kind, .. } => Code::Syntax(*kind),
            ReadError::DuplicateKey { .. } => Code::Syntax(SyntaxKind::DuplicateKey),
            ReadError::NotExchangeFile { .. } => Code::Envelope(EnvelopeKind::Format),
            ReadError::UnsupportedVersion { .. } => Code::Envelope(EnvelopeKind::Version),
            ReadError::Invalid { code, .. } => code.clone(),
        }
    }

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
            ReadError::ByteOrderMark => Some((1, 1)),
            ReadError::Encoding { line, column }
            | ReadError::TooDeep { line, column, .. }
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

/// A Unicode encoding other than UTF-8, recognised from the first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-16, little-endian (what Windows tools call "Unicode").
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// UTF-32, little-endian.
    Utf32Le,
    /// UTF-32, big-endian.
    Utf32Be,
}

impl std::fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Utf32Le => "UTF-32 LE",
            TextEncoding::Utf32Be => "UTF-32 BE",
        })
    }
}

/// The UTF-16 or UTF-32 encoding the bytes are in, from a byte order mark
/// or, without one, from the zero bytes around the first character (JSON
/// text starts with an ASCII character, and never contains a raw NUL).
///
/// ```
/// use actionplan_interchange::{sniff_encoding, TextEncoding};
/// assert_eq!(sniff_encoding(b"{\0\"\0"), Some(TextEncoding::Utf16Le));
/// assert_eq!(sniff_encoding(b"\xfe\xff\0{"), Some(TextEncoding::Utf16Be));
/// assert_eq!(sniff_encoding(b"{\"a\": 1}"), None);
/// ```
pub fn sniff_encoding(bytes: &[u8]) -> Option<TextEncoding> {
    let b = |i: usize| bytes.get(i).copied();
    let zero = |i: usize| b(i) == Some(0);
    let some = |i: usize| b(i).is_some_and(|x| x != 0);
    match (b(0), b(1), b(2), b(3)) {
        (Some(0xFF), Some(0xFE), Some(0), Some(0)) => Some(TextEncoding::Utf32Le),
        (Some(0), Some(0), Some(0xFE), Some(0xFF)) => Some(TextEncoding::Utf32Be),
        (Some(0xFF), Some(0xFE), ..) => Some(TextEncoding::Utf16Le),
        (Some(0xFE), Some(0xFF), ..) => Some(TextEncoding::Utf16Be),
        _ if zero(0) && zero(1) && zero(2) && some(3) => Some(TextEncoding::Utf32Be),
        _ if some(0) && zero(1) && zero(2) && zero(3) => Some(TextEncoding::Utf32Le),
        _ if zero(0) && some(1) => Some(TextEncoding::Utf16Be),
        _ if some(0) && zero(1) => Some(TextEncoding::Utf16Le),
        _ => None,
    }
}

/// Reads an exchange file from text.
///
/// Reading checks the syntax and the shape (what the published schema
/// checks), not the rules `AP001` …: see [`validate_str`](crate::validate_str).
///
/// # Errors
///
/// A [`ReadError`] saying what is wrong and where: the text is not JSON
/// ([`ReadError::Syntax`], [`ReadError::DuplicateKey`], …), not an exchange
/// file of a version this library reads, or a value the format refuses
/// ([`ReadError::Invalid`], with the schema keyword as its code).
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
    read_str_with(text, &ReadOptions::default())
}

/// Reads an exchange file from text, within `options`' input limit.
///
/// # Errors
///
/// A [`ReadError`] saying what is wrong and where: the text is not JSON
/// ([`ReadError::Syntax`], [`ReadError::DuplicateKey`], …), not an exchange
/// file of a version this library reads, or a value the format refuses
/// ([`ReadError::Invalid`], with the schema keyword as its code); [`ReadError::TooLarge`] past the input limit.
pub fn read_str_with(text: &str, options: &ReadOptions) -> Result<Envelope, ReadError> {
    check_size(text.len(), options, None)?;
    check_start(text)?;
    match crate::strict::read::<Envelope>(text) {
        Ok(envelope) => match version_refusal(&envelope)
            .or_else(|| empty_member_1_1(text, &envelope))
        {
            None => Ok(envelope),
            Some((pointer, message)) => Err(version_error(&LineIndex::new(text), pointer, message)),
        },
        Err(_) => Err(explain(text)),
    }
}

/// Where and why a file that says 1.0, and that [`crate::strict::read`]
/// just took, holds a member only 1.1 has with an empty or default value
/// (`"units": []`), which the typed values do not show and the 1.0 schema
/// refuses. Parses the text again only when the read met such a key.
pub(crate) fn empty_member_1_1(text: &str, envelope: &Envelope) -> Option<(String, String)> {
    if envelope.version != FormatVersion::V1_0 || !crate::strict::met_member_1_1() {
        return None;
    }
    let value: Value = serde_json::from_str(text).ok()?;
    let pointer = crate::members_1_1::first_member_1_1(&value)?;
    let name = pointer.rsplit('/').next().unwrap_or_default().to_owned();
    let message = format!(
        "this file says \"version\": \"1.0\" but has the member `{name}` (at {pointer}), which only format 1.1 has, even empty; remove it, or write \"version\": \"1.1\" (every 1.0 file is valid 1.1)"
    );
    Some((pointer, message))
}

/// Where and why a file that says `"version": "1.0"` uses what only format
/// 1.1 holds: the first such member, with its pointer from the file's root.
/// The typed reader reads both versions; this is what keeps a 1.0 file to
/// the 1.0 schema.
pub(crate) fn version_refusal(envelope: &Envelope) -> Option<(String, String)> {
    if envelope.version != FormatVersion::V1_0 {
        return None;
    }
    let used = actionplan_model::first_use_1_1(&envelope.plan, &envelope.reports)?;
    let pointer = match used.scope {
        actionplan_model::Scope::Plan => format!("/plan{}", used.pointer),
        actionplan_model::Scope::Report(i) => format!("/reports/{i}{}", used.pointer),
    };
    let message = if used.needs_1_1 {
        format!(
            "this file says \"version\": \"1.0\" but uses {} (at {pointer}), which only format 1.1 has; write \"version\": \"1.1\" (every 1.0 file is valid 1.1)",
            used.what
        )
    } else {
        format!(
            "this file says \"version\": \"1.0\", which requires \"biennia\"; list the plan's biennia (\"biennia\": [\"2016-17\"]), or write \"version\": \"1.1\" and give its \"period\" (at {pointer})"
        )
    };
    Some((pointer, message))
}

fn version_error(lines: &LineIndex<'_>, pointer: String, message: String) -> ReadError {
    let at = locate::locate_one(lines, &pointer).or_else(|| {
        // An absent member (`biennia`) has no place of its own: its object's.
        let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
        locate::locate_one(lines, parent)
    });
    ReadError::Invalid {
        code: Code::Envelope(EnvelopeKind::Version),
        line: at.map(|s| s.value.line),
        column: at.map(|s| s.value.column),
        message,
        pointer,
    }
}

/// Why `text` is not a valid exchange file, found the slow way: syntax,
/// duplicates, header, schema, then the typed read with its path.
fn explain(text: &str) -> ReadError {
    let lines = LineIndex::new(text);
    let value = match parse_json(&lines) {
        Ok(v) => v,
        Err(e) => return e,
    };
    if let Some(d) = locate::scan(&lines, Some(&std::collections::HashSet::default()))
        .duplicates
        .into_iter()
        .next()
    {
        return ReadError::DuplicateKey {
            pointer: d.pointer,
            key: d.key,
            line: d.position.line,
            column: d.position.column,
        };
    }
    if let Err(e) = check_header(&lines, &value) {
        return e;
    }
    if let Some(e) = schema_refusal(&lines, &value) {
        return e;
    }
    match typed_read(&lines) {
        Err(e) => e,
        Ok(env) => match version_refusal(&env).or_else(|| empty_member_1_1(lines.text(), &env)) {
            Some((pointer, message)) => version_error(&lines, pointer, message),
            // Unreachable unless the fast path and this one disagree; say so.
            None => ReadError::Invalid {
                code: Code::Internal,
                pointer: String::new(),
                line: None,
                column: None,
                message: "the reader refused this file but cannot say why: please report this as a bug of actionplan-interchange".into(),
            },
        },
    }
}

/// The first thing the published schema refuses, with a count of the rest.
#[cfg(feature = "schema-validation")]
fn schema_refusal(lines: &LineIndex<'_>, value: &Value) -> Option<ReadError> {
    let issues = crate::schema_check::schema_issues(lines, value);
    let count = issues.len();
    let first = issues.into_iter().next()?;
    let more = match count.saturating_sub(1) {
        0 => String::new(),
        n => format!(" (and {n} more; validate the file to see every issue)"),
    };
    Some(ReadError::Invalid {
        code: first.code,
        pointer: first.pointer,
        line: first.line,
        column: first.column,
        message: format!("{}{more}", first.message),
    })
}

/// Without the schema validator, the typed read that follows says what is
/// wrong.
#[cfg(not(feature = "schema-validation"))]
fn schema_refusal(_lines: &LineIndex<'_>, _value: &Value) -> Option<ReadError> {
    None
}

/// Reads without the schema pass: syntax, header and the typed read only.
/// For tests that hold the schema and the serde types to agreement.
///
/// # Errors
///
/// As [`read_str`], except that nothing is explained by the schema.
#[cfg(feature = "test-hooks")]
pub fn read_str_without_schema(text: &str) -> Result<Envelope, ReadError> {
    let lines = LineIndex::new(text);
    let value = parse_json(&lines)?;
    check_header(&lines, &value)?;
    typed_read(&lines)
}

/// The fast path alone: `Some` when the typed read proves the text valid
/// against the schema. For tests that hold it to agreement with the schema.
#[cfg(feature = "test-hooks")]
pub fn read_str_fast(text: &str) -> Option<Envelope> {
    crate::strict::read::<Envelope>(text).ok()
}

/// Reads an exchange file from any reader (a file, a socket, a buffer).
///
/// # Errors
///
/// A [`ReadError`] saying what is wrong and where: the text is not JSON
/// ([`ReadError::Syntax`], [`ReadError::DuplicateKey`], …), not an exchange
/// file of a version this library reads, or a value the format refuses
/// ([`ReadError::Invalid`], with the schema keyword as its code); [`ReadError::Io`] when reading fails; an encoding error when the
/// bytes are not UTF-8.
pub fn read_reader<R: Read>(reader: R) -> Result<Envelope, ReadError> {
    read_reader_with(reader, &ReadOptions::default())
}

/// Reads an exchange file from any reader, taking at most one byte more
/// than `options`' input limit.
///
/// # Errors
///
/// A [`ReadError`] saying what is wrong and where: the text is not JSON
/// ([`ReadError::Syntax`], [`ReadError::DuplicateKey`], …), not an exchange
/// file of a version this library reads, or a value the format refuses
/// ([`ReadError::Invalid`], with the schema keyword as its code); [`ReadError::Io`] when reading fails; an encoding error when the
/// bytes are not UTF-8; [`ReadError::TooLarge`] past the input limit.
pub fn read_reader_with<R: Read>(reader: R, options: &ReadOptions) -> Result<Envelope, ReadError> {
    let bytes = read_limited(reader, options, None)?;
    read_str_with(utf8(&bytes)?, options)
}

/// Reads an exchange file from a path.
///
/// # Errors
///
/// A [`ReadError`] saying what is wrong and where: the text is not JSON
/// ([`ReadError::Syntax`], [`ReadError::DuplicateKey`], …), not an exchange
/// file of a version this library reads, or a value the format refuses
/// ([`ReadError::Invalid`], with the schema keyword as its code); [`ReadError::Io`] when the file cannot be opened or read; an
/// encoding error when it is not UTF-8.
pub fn read_path(path: impl AsRef<Path>) -> Result<Envelope, ReadError> {
    read_path_with(path, &ReadOptions::default())
}

/// Reads an exchange file from a path, within `options`' input limit.
///
/// # Errors
///
/// A [`ReadError`] saying what is wrong and where: the text is not JSON
/// ([`ReadError::Syntax`], [`ReadError::DuplicateKey`], …), not an exchange
/// file of a version this library reads, or a value the format refuses
/// ([`ReadError::Invalid`], with the schema keyword as its code); [`ReadError::Io`] when the file cannot be opened or read; an
/// encoding error when it is not UTF-8; [`ReadError::TooLarge`] past the
/// input limit.
pub fn read_path_with(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<Envelope, ReadError> {
    let bytes = read_bytes(path, options)?;
    read_str_with(utf8(&bytes)?, options)
}

/// The bytes of the file at `path`, reading at most one byte more than
/// `options`' input limit (so `/dev/zero` ends in [`ReadError::TooLarge`]).
///
/// # Errors
///
/// [`ReadError::Io`] when the file cannot be opened or read;
/// [`ReadError::TooLarge`] when it is longer than the input limit.
pub fn read_bytes(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
        path: Some(path.to_owned()),
        source,
    })?;
    read_limited(file, options, Some(path))
}

fn read_limited<R: Read>(
    reader: R,
    options: &ReadOptions,
    path: Option<&Path>,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(options.input_limit().saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            path: path.map(Path::to_owned),
            source,
        })?;
    check_size(bytes.len(), options, path)?;
    Ok(bytes)
}

pub(crate) fn check_size_of(text: &str, options: &ReadOptions) -> Result<(), ReadError> {
    check_size(text.len(), options, None)
}

fn check_size(len: usize, options: &ReadOptions, path: Option<&Path>) -> Result<(), ReadError> {
    if u64::try_from(len).unwrap_or(u64::MAX) > options.input_limit() {
        return Err(ReadError::TooLarge {
            path: path.map(Path::to_owned),
            limit: options.input_limit(),
        });
    }
    Ok(())
}

/// The bytes as text, or why they are not UTF-8: another Unicode
/// encoding, or where they stop being UTF-8.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, ReadError> {
    if let Some(encoding) = sniff_encoding(bytes) {
        return Err(ReadError::WrongEncoding { encoding });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let text = std::str::from_utf8(good).unwrap_or_default();
        let p = LineIndex::new(text).position(text.len());
        ReadError::Encoding {
            line: p.line,
            column: p.column,
        }
    })
}

/// What the first characters rule out before any parsing: a byte order
/// mark (refused, see docs/exchange-format.md), or UTF-16/32 decoded as
/// text with NULs.
pub(crate) fn check_start(text: &str) -> Result<(), ReadError> {
    if text.starts_with('\u{feff}') {
        return Err(ReadError::ByteOrderMark);
    }
    if let Some(encoding) = sniff_encoding(text.as_bytes()) {
        return Err(ReadError::WrongEncoding { encoding });
    }
    Ok(())
}

/// `serde_json`'s nesting limit: a file whose arrays and objects nest this
/// deep (the envelope counting as the first level) is refused while
/// parsing; 127 levels are read. (Its `disable_recursion_limit` stays off:
/// the limit protects the stack.)
pub const MAX_NESTING: usize = 128;

/// Layer 1: JSON syntax.
pub(crate) fn parse_json(lines: &LineIndex<'_>) -> Result<Value, ReadError> {
    let text = lines.text();
    check_start(text)?;
    serde_json::from_str(text).map_err(|e| syntax_error(lines, &e))
}

fn syntax_error(lines: &LineIndex<'_>, e: &serde_json::Error) -> ReadError {
    let p = lines.serde_position(e.line(), e.column());
    let message = e.to_string();
    if message.starts_with("recursion limit exceeded") {
        return ReadError::TooDeep {
            limit: MAX_NESTING,
            line: p.line,
            column: p.column,
        };
    }
    let message = match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or_default().to_owned(),
        None => message,
    };
    let kind = if e.is_eof() {
        SyntaxKind::Eof
    } else {
        SyntaxKind::Invalid
    };
    ReadError::Syntax {
        kind,
        line: p.line,
        column: p.column,
        message,
    }
}

/// Checks `format` and `version` before anything else, so that a file of
/// another format or version gets one clear message.
pub(crate) fn check_header(lines: &LineIndex<'_>, value: &Value) -> Result<(), ReadError> {
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
        let p = locate::locate_one(lines, "/version").map(|s| s.value);
        return Err(ReadError::UnsupportedVersion {
            found: v.clone(),
            line: p.map_or(1, |p| p.line),
            column: p.map_or(1, |p| p.column),
        });
    }
    Ok(())
}

/// The typed read, with the pointer and position of what it refused.
pub(crate) fn typed_read(lines: &LineIndex<'_>) -> Result<Envelope, ReadError> {
    crate::strict::read_with_path::<Envelope>(lines.text()).map_err(|(pointer, e)| {
        if e.is_syntax() || e.is_eof() {
            return syntax_error(lines, &e);
        }
        let span = locate::locate_one(lines, &pointer);
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) => message.get(..i).unwrap_or_default().to_owned(),
            None => message,
        };
        ReadError::Invalid {
            code: Code::Shape,
            line: span.map(|s| s.value.line),
            column: span.map(|s| s.value.column),
            message,
            pointer,
        }
    })
}
