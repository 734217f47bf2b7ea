//! The canonical writer: one way to write each envelope, and an atomic
//! write to a path.
//!
//! Canonical text is serde's field order for every model object (the order
//! the schema lists the properties in), keys sorted inside `extensions`,
//! two-space indentation, UTF-8 without escapes for non-ASCII characters,
//! and a final line break. Reading canonical text and writing it again gives
//! the same bytes.

use crate::Envelope;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written. The previous content of the target, if
/// any, is left as it was.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The envelope could not be turned into JSON (the serializer's words
    /// are kept as text so that no third-party error type is part of the API).
    #[error("cannot write the envelope as JSON: {message}")]
    Serialize {
        /// What the serializer said.
        message: String,
    },
    /// Writing to a stream failed.
    #[error("cannot write the exchange file to the output")]
    Stream(#[source] std::io::Error),
    /// Creating, writing or renaming the temporary file failed.
    #[error("cannot write `{}`; the previous content, if any, is unchanged", path.display())]
    Io {
        /// The target file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// Canonical JSON bytes of an envelope.
fn canonical_bytes(envelope: &Envelope) -> Result<Vec<u8>, serde_json::Error> {
    // Extension objects are kept in key order by their type: no sorting here.
    let mut out = serde_json::to_vec_pretty(envelope)?;
    out.push(b'\n');
    Ok(out)
}

/// The canonical text of an envelope.
///
/// ```
/// use actionplan_interchange::{read_str, to_canonical_string};
/// let text = r#"{"version": "1.0", "format": "actionplan", "plan": {
///   "biennia": ["2016-17"], "id": "p", "title": {"en": "Plan"},
///   "resolution": {"title": {"en": "Resolution"}, "adopted_at": "ilc-104"},
///   "endorsed_at": "gb-325"}}"#;
/// let canonical = to_canonical_string(&read_str(text)?);
/// assert!(canonical.starts_with("{\n  \"format\": \"actionplan\",\n  \"version\": \"1.0\",\n"));
/// assert!(canonical.ends_with("}\n"));
/// assert_eq!(to_canonical_string(&read_str(&canonical)?), canonical);
/// # Ok::<(), actionplan_interchange::ReadError>(())
/// ```
pub fn to_canonical_string(envelope: &Envelope) -> String {
    // Serializing the model cannot fail: every map key is a string and no
    // Serialize impl of the model reports an error. The bytes are UTF-8
    // because serde_json writes UTF-8.
    canonical_bytes(envelope)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Writes the canonical text of `envelope` to `writer`.
pub fn write_writer<W: Write>(writer: W, envelope: &Envelope) -> Result<(), WriteError> {
    let bytes = canonical_bytes(envelope).map_err(|e| WriteError::Serialize {
        message: e.to_string(),
    })?;
    let mut writer = writer;
    writer
        .write_all(&bytes)
        .and_then(|()| writer.flush())
        .map_err(WriteError::Stream)
}

/// Writes the canonical text of `envelope` to `path`, atomically: the text
/// goes to a temporary file in the same folder, which is flushed to disk and
/// then renamed over the target. A failure at any step leaves the target as
/// it was and removes the temporary file.
///
/// ```
/// # let text = r#"{"format": "actionplan", "version": "1.0", "plan": {
/// #   "id": "p", "title": {"en": "Plan"}, "biennia": ["2016-17"], "endorsed_at": "gb-325",
/// #   "resolution": {"title": {"en": "Resolution"}, "adopted_at": "ilc-104"}}}"#;
/// let envelope = actionplan_interchange::read_str(text)?;
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("plan.json");
/// actionplan_interchange::write_path(&path, &envelope)?;
/// assert_eq!(actionplan_interchange::read_path(&path)?, envelope);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_path(path: impl AsRef<Path>, envelope: &Envelope) -> Result<(), WriteError> {
    let path = path.as_ref();
    let bytes = canonical_bytes(envelope).map_err(|e| WriteError::Serialize {
        message: e.to_string(),
    })?;
    write_bytes_atomically(path, &bytes)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// synced, then renamed over the target. A failure at any step leaves the
/// previous content of `path` (or its absence) unchanged. Used for exchange
/// files and for anything else a tool writes beside them, such as reports.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("report.md");
/// actionplan_interchange::write_bytes_atomically(&path, b"# Report\n")?;
/// assert_eq!(std::fs::read(&path)?, b"# Report\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_bytes_atomically(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), WriteError> {
    let path = path.as_ref();
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".actionplan-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    // Make the rename itself durable where the platform allows it.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
