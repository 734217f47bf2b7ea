//! The canonical writer: one way to write each envelope, and an atomic
//! write to a path that respects the file it replaces.
//!
//! Canonical text is serde's field order for every model object (the order
//! the schema lists the properties in), keys sorted inside `extensions`,
//! two-space indentation, UTF-8 without escapes for non-ASCII characters,
//! and a final line break. Reading canonical text and writing it again gives
//! the same bytes.
//!
//! Writing to a path never damages the file there: see
//! [`write_bytes_atomically`] for what happens to permissions, owners,
//! symbolic links, hard links and files that are not regular files, and
//! [`cancel_pending_writes`] for signals.

use crate::{Envelope, Issue, Layer, ValidationReport};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

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
    /// The envelope is not a valid exchange file: the reader would refuse
    /// what would be written (a required list such as `biennia` emptied
    /// through its public field, a decimal built beyond the format's 29
    /// characters …), so nothing is written. The rules `AP001` … are not checked here (a
    /// tool may save work in progress); see
    /// [`validate_envelope`](crate::validate_envelope).
    #[error(
        "refusing to write a file the reader would refuse ({} issue(s)); the first: {}",
        issues.len(),
        issues.first().map_or_else(String::new, ToString::to_string)
    )]
    Invalid {
        /// What the reader would refuse, with pointers into the envelope
        /// (and lines and columns of its canonical text).
        issues: Vec<Issue>,
    },
    /// Writing to a stream failed.
    #[error("cannot write the exchange file to the output")]
    Stream(#[source] std::io::Error),
    /// Creating, writing, syncing or renaming the temporary file failed.
    #[error("cannot write `{}`; the previous content, if any, is unchanged", path.display())]
    Io {
        /// The target file (after following symbolic links).
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The target exists and is not a regular file (a folder, a named pipe,
    /// a device, a socket): replacing it with a regular file would break
    /// whatever uses it, so nothing is written.
    #[error("cannot write `{}`: it is {kind}, not a regular file; nothing was written", path.display())]
    NotAFile {
        /// The target (after following symbolic links).
        path: PathBuf,
        /// What it is, in words: "a folder", "a named pipe (FIFO)", ….
        kind: &'static str,
    },
    /// The target has other hard links. Replacing it would leave the other
    /// names with the old content, and writing in place would not be atomic,
    /// so nothing is written.
    #[error(
        "cannot write `{}`: it has {links} hard links, and replacing it would leave the other names with the old content; nothing was written (copy it to a file of its own first, or write elsewhere)",
        path.display()
    )]
    HardLinked {
        /// The target (after following symbolic links).
        path: PathBuf,
        /// How many names the file has.
        links: u64,
    },
    /// The process is stopping ([`cancel_pending_writes`] was called): the
    /// temporary file was removed and the target left as it was.
    #[error("writing `{}` was interrupted; the previous content, if any, is unchanged", path.display())]
    Interrupted {
        /// The target (after following symbolic links).
        path: PathBuf,
    },
}

/// Canonical JSON text of an envelope, with its version raised to 1.1 when
/// the content uses a member of 1.1 (a file keeps its version otherwise, so
/// every 1.0 file is written back byte for byte).
fn canonical_text(envelope: &Envelope) -> Result<String, WriteError> {
    let serialize = |message: String| WriteError::Serialize { message };
    let needed = crate::FormatVersion::lowest_for(&envelope.plan, &envelope.reports);
    // Extension objects are kept in key order by their type: no sorting here.
    let mut out = if needed > envelope.version {
        let raised = Raised {
            envelope,
            version: needed,
        };
        serde_json::to_string_pretty(&raised)
    } else {
        serde_json::to_string_pretty(envelope)
    }
    .map_err(|e| serialize(e.to_string()))?;
    out.push('\n');
    Ok(out)
}

/// An envelope written with another version, without copying it.
struct Raised<'a> {
    envelope: &'a Envelope,
    version: crate::FormatVersion,
}

impl serde::Serialize for Raised<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let e = self.envelope;
        let mut st = s.serialize_struct("Envelope", 5)?;
        st.serialize_field("format", &e.format)?;
        st.serialize_field("version", &self.version)?;
        st.serialize_field("plan", &e.plan)?;
        st.serialize_field("reports", &e.reports)?;
        if !e.extensions.is_empty() {
            st.serialize_field("extensions", &e.extensions)?;
        }
        st.end()
    }
}

/// Canonical JSON bytes of an envelope that the reader accepts: the checks
/// [`read_str`](crate::read_str) runs, run on the text about to be written.
fn checked_canonical_bytes(envelope: &Envelope) -> Result<Vec<u8>, WriteError> {
    let text = canonical_text(envelope)?;
    let refused = match crate::strict::read::<Envelope>(&text) {
        Ok(read) => crate::read::version_refusal(&read).is_some(),
        Err(_) => true,
    };
    if refused {
        let report: ValidationReport = crate::validate_str(&text);
        let issues: Vec<Issue> = report
            .errors()
            .filter(|i| i.layer != Layer::Rule)
            .cloned()
            .collect();
        return Err(WriteError::Invalid { issues });
    }
    Ok(text.into_bytes())
}

/// The canonical text of an envelope.
///
/// This only serializes: it does not check that the reader accepts the
/// text (a plan whose `biennia` were emptied in code, say). The `write_*` functions do,
/// and refuse with [`WriteError::Invalid`].
///
/// # Panics
///
/// Never: serializing the model cannot fail (see the `expect` inside,
/// which says why).
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
#[allow(
    clippy::expect_used,
    reason = "serializing the model cannot fail: every map key is a string, and the \
              only Serialize impl that can report an error (ExtensionNumber's raw \
              value) holds text its constructors proved to be a JSON number"
)]
pub fn to_canonical_string(envelope: &Envelope) -> String {
    canonical_text(envelope).expect("the model always serializes")
}

/// Writes the canonical text of `envelope` to `writer`, after checking
/// that the reader accepts it.
///
/// # Errors
///
/// [`WriteError::Invalid`] when the reader would refuse the text (nothing
/// is written); [`WriteError::Serialize`] if the envelope cannot be turned
/// into JSON; [`WriteError::Stream`] when writing or flushing fails.
pub fn write_writer<W: Write>(writer: W, envelope: &Envelope) -> Result<(), WriteError> {
    let bytes = checked_canonical_bytes(envelope)?;
    let mut writer = writer;
    writer
        .write_all(&bytes)
        .and_then(|()| writer.flush())
        .map_err(WriteError::Stream)
}

/// Writes the canonical text of `envelope` to `path`, atomically: the text
/// goes to a temporary file in the same folder, which is flushed to disk and
/// then renamed over the target. A failure at any step leaves the target as
/// it was and removes the temporary file. Permissions, owner, symbolic
/// links, hard links and non-regular files are handled as
/// [`write_bytes_atomically`] says.
///
/// The text is checked first as the reader checks it: an envelope the
/// reader would refuse is not written.
///
/// # Errors
///
/// [`WriteError::Invalid`] when the reader would refuse the text (the
/// target is not touched); [`WriteError::Serialize`] if the envelope cannot
/// be turned into JSON; any error of [`write_bytes_atomically`].
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
    let bytes = checked_canonical_bytes(envelope)?;
    write_bytes_atomically(path.as_ref(), &bytes)
}

/// Writes `bytes` to `path` atomically, respecting the file that is there.
/// Used for exchange files and for anything else a tool writes beside them,
/// such as reports.
///
/// This function and [`write_path`] never leave a half-written,
/// emptied or damaged file, and never turn one kind of file into another:
///
/// * **Atomic.** The bytes go to a temporary file `.actionplan-*.tmp` in the
///   target's folder, which is synced to disk and renamed over the target;
///   the folder is then synced so that the rename survives a power cut.
///   Readers see the old file or the new one, never a mix.
/// * **Nothing left behind.** A failure at any step (creating, writing,
///   giving permissions, syncing, renaming) removes the temporary file and
///   leaves the target as it was. A program that wants the same on SIGINT
///   or SIGTERM calls [`cancel_pending_writes`] from its signal handling
///   thread; this library installs no signal handler (that is the
///   program's decision, and only one handler per signal can be the last).
/// * **Permissions and owner kept.** The new file gets the old one's
///   permission bits; when the process may (as root), its owner and group
///   too; otherwise its group if the writer belongs to it. A new file gets
///   0666 less the umask, as any program creating a file would give it.
/// * **Symbolic links followed.** A link (or a chain of links, up to 40) is
///   followed to its final target; the temporary file is made beside that
///   target and renamed onto it, so the link stays a link and its target
///   gets the new content. A link to a file that does not exist yet creates
///   that file.
/// * **Only regular files are replaced.** A target that is a folder, a
///   named pipe, a device node or a socket is refused with
///   [`WriteError::NotAFile`] before anything is written: replacing
///   `/dev/null` or a FIFO with a regular file would break whatever uses it.
///   To send output to a stream, use [`write_writer`].
/// * **Hard links refused.** A file with more than one name is refused with
///   [`WriteError::HardLinked`]: an atomic rename would give this name the
///   new content and leave the other names with the old (silently splitting
///   them), and writing in place cannot be atomic. Copy the file to one of
///   its own first (`cp plan.json x && mv x plan.json`), or write elsewhere.
///
/// Between the checks and the rename another process could still change the
/// target; the write is atomic, not a lock.
///
/// # Errors
///
/// [`WriteError::NotAFile`] and [`WriteError::HardLinked`] before anything
/// is written; [`WriteError::Io`] when a step fails (the temporary file is
/// removed); [`WriteError::Interrupted`] after [`cancel_pending_writes`].
/// The target is left as it was in every case.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("report.md");
/// actionplan_interchange::write_bytes_atomically(&path, b"# Report\n")?;
/// assert_eq!(std::fs::read(&path)?, b"# Report\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_bytes_atomically(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), WriteError> {
    write_with_faults(path.as_ref(), bytes, &|_| Ok(()))
}

/// Writes to `path` atomically what `content` writes into the stream it is
/// given, with every guarantee of [`write_bytes_atomically`]: for output too
/// large to hold in memory (a CSV report of a large plan), which goes
/// straight into the temporary file.
///
/// An error returned by `content` abandons the write: the temporary file is
/// removed and the target left as it was.
///
/// # Errors
///
/// As [`write_bytes_atomically`], plus [`WriteError::Io`] carrying the
/// error `content` returned.
///
/// ```
/// use std::io::Write;
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("report.csv");
/// actionplan_interchange::write_atomically_with(&path, &mut |w: &mut dyn Write| {
///     for row in 0..3 {
///         writeln!(w, "row {row}")?;
///     }
///     Ok(())
/// })?;
/// assert_eq!(std::fs::read_to_string(&path)?, "row 0\nrow 1\nrow 2\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomically_with(
    path: impl AsRef<Path>,
    content: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    write_content_with_faults(path.as_ref(), content, &|_| Ok(()))
}

/// Removes the temporary file of every write in progress in this process
/// and makes every write that has not yet renamed its file fail with
/// [`WriteError::Interrupted`], now and from then on. Returns how many
/// temporary files were removed.
///
/// This is for a program's handler of SIGINT/SIGTERM, which calls it and then
/// ends the process: a library must not install signal handlers, so this
/// crate installs none. It takes a lock, so call it from a thread (as
/// `signal-hook`'s iterator or `ctrlc` do), never from inside a raw signal
/// handler. A write that is renaming its file holds the same lock, so the
/// target is either fully replaced or untouched, never removed.
pub fn cancel_pending_writes() -> usize {
    let mut pending = pending();
    pending.cancelled = true;
    let paths = std::mem::take(&mut pending.paths);
    paths
        .iter()
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count()
}

/// The temporary files of writes in progress, for [`cancel_pending_writes`].
struct Pending {
    cancelled: bool,
    paths: Vec<PathBuf>,
}

static PENDING: Mutex<Pending> = Mutex::new(Pending {
    cancelled: false,
    paths: Vec::new(),
});

fn pending() -> MutexGuard<'static, Pending> {
    // A panic while the lock was held cannot leave the list inconsistent
    // (each change is one push or one removal), so a poisoned lock is used as is.
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Forgets `path` in the list of writes in progress.
fn forget(pending: &mut Pending, path: &Path) {
    if let Some(i) = pending.paths.iter().position(|p| p == path) {
        pending.paths.swap_remove(i);
    }
}

/// The steps of an atomic write, for the tests that make each one fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Create,
    Write,
    Owner,
    Permissions,
    Sync,
    Rename,
}

/// What is at the target before the write.
struct Existing {
    permissions: std::fs::Permissions,
    #[cfg(unix)]
    owner: (u32, u32),
}

/// The atomic write, with `fault` called before each step so that tests
/// can make any step fail; the public function passes a hook that never does.
fn write_with_faults(
    path: &Path,
    bytes: &[u8],
    fault: &dyn Fn(Step) -> io::Result<()>,
) -> Result<(), WriteError> {
    write_content_with_faults(path, &mut |w: &mut dyn Write| w.write_all(bytes), fault)
}

/// [`write_with_faults`] for content written by a closure.
fn write_content_with_faults(
    path: &Path,
    content: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    fault: &dyn Fn(Step) -> io::Result<()>,
) -> Result<(), WriteError> {
    let target = resolve_links(path).map_err(|source| WriteError::Io {
        path: path.to_owned(),
        source,
    })?;
    let io = |source| WriteError::Io {
        path: target.clone(),
        source,
    };
    let existing = inspect(&target)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };

    let mut builder = tempfile::Builder::new();
    builder.prefix(".actionplan-").suffix(".tmp");
    #[cfg(unix)]
    if existing.is_none() {
        // A new file gets what any program creating it would give: 0666
        // less the umask (applied by the system call).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The list of pending writes is locked from before the temporary file
    // exists until it is listed, and again from when it is forgotten until
    // it is renamed or removed: a cancellation never misses a file.
    let mut tmp = {
        let mut pending = pending();
        if pending.cancelled {
            return Err(WriteError::Interrupted { path: target });
        }
        fault(Step::Create).map_err(io)?;
        let tmp = builder.tempfile_in(dir).map_err(io)?;
        pending.paths.push(tmp.path().to_owned());
        tmp
    };
    let result = (|| {
        fault(Step::Write)?;
        {
            // Buffered: renderers write many small pieces.
            let mut w = io::BufWriter::new(tmp.as_file_mut());
            content(&mut w)?;
            w.flush()?;
        }
        if let Some(existing) = &existing {
            fault(Step::Owner)?;
            keep_owner(tmp.as_file(), existing);
            fault(Step::Permissions)?;
            tmp.as_file()
                .set_permissions(existing.permissions.clone())?;
        }
        fault(Step::Sync)?;
        tmp.as_file().sync_all()
    })();
    let mut pending = pending();
    forget(&mut pending, tmp.path());
    let cancelled = pending.cancelled;
    // `tmp` is consumed here, so on every error it removes its file before
    // the lock is released.
    let outcome = result.map_err(io).and_then(|()| {
        if cancelled {
            return Err(WriteError::Interrupted {
                path: target.clone(),
            });
        }
        fault(Step::Rename).map_err(io)?;
        tmp.persist(&target).map(drop).map_err(|e| io(e.error))
    });
    drop(pending);
    outcome?;
    // Make the rename itself durable. A folder that cannot be synced (some
    // file systems refuse) is not an error: the new content is in place.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// How many symbolic links are followed before giving up, as Linux does.
const MAX_LINKS: usize = 40;

/// The file that `path` finally names: symbolic links followed one by one
/// (a link to a file that does not exist yet names that file).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row (a loop?)"
    )))
}

/// What is at the (resolved) target: nothing, or a regular file with one
/// link; anything else is refused before a temporary file is made.
fn inspect(target: &Path) -> Result<Option<Existing>, WriteError> {
    let meta = match std::fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(WriteError::Io {
                path: target.to_owned(),
                source,
            });
        }
    };
    if !meta.file_type().is_file() {
        return Err(WriteError::NotAFile {
            path: target.to_owned(),
            kind: kind_of(meta.file_type()),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(WriteError::HardLinked {
                path: target.to_owned(),
                links: meta.nlink(),
            });
        }
        Ok(Some(Existing {
            permissions: meta.permissions(),
            owner: (meta.uid(), meta.gid()),
        }))
    }
    #[cfg(not(unix))]
    Ok(Some(Existing {
        permissions: meta.permissions(),
    }))
}

/// A name for a kind of file that is not a regular file.
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Gives the temporary file the owner and group of the file it replaces.
/// Only a privileged process may give a file away; anyone may set a group
/// they belong to. What the process may not do is skipped: the new file then
/// belongs to whoever wrote it, as with any editor.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, existing: &Existing) {
    use std::os::unix::fs::{MetadataExt, fchown};
    let (uid, gid) = existing.owner;
    let Ok(now) = file.metadata() else { return };
    if (now.uid(), now.gid()) == (uid, gid) {
        return;
    }
    if fchown(file, Some(uid), Some(gid)).is_err() {
        let _ = fchown(file, None, Some(gid));
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &Existing) {}

#[cfg(test)]
mod tests {
    //! Each step of an atomic write made to fail in turn; the target must be
    //! unchanged and no temporary file left.
    use super::*;
    use std::sync::mpsc;

    /// The cancellation test makes every write of this process fail until
    /// it resets the flag: the tests that write take turns.
    static SERIAL: Mutex<()> = Mutex::new(());

    fn serial() -> MutexGuard<'static, ()> {
        SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    const STEPS: [Step; 6] = [
        Step::Create,
        Step::Write,
        Step::Owner,
        Step::Permissions,
        Step::Sync,
        Step::Rename,
    ];

    #[test]
    fn a_failure_at_any_step_leaves_the_original_and_no_temporary_file() {
        let _turn = serial();
        for step in STEPS {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("plan.json");
            std::fs::write(&path, "original").unwrap();
            let fail = |s: Step| {
                if s == step {
                    Err(io::Error::other(format!("injected at {s:?}")))
                } else {
                    Ok(())
                }
            };
            let err = write_with_faults(&path, b"new content", &fail).unwrap_err();
            match &err {
                WriteError::Io { path: p, source } => {
                    assert_eq!(p, &path, "{step:?}");
                    assert_eq!(source.to_string(), format!("injected at {step:?}"));
                }
                other => panic!("{step:?}: {other:?}"),
            }
            assert!(err.to_string().contains("unchanged"), "{err}");
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                "original",
                "{step:?}"
            );
            assert_eq!(names(dir.path()), ["plan.json"], "{step:?}");
        }
    }

    #[test]
    fn a_failure_at_any_step_creates_nothing_when_there_was_no_file() {
        let _turn = serial();
        for step in STEPS {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("new.json");
            let fail = |s: Step| {
                if s == step {
                    Err(io::Error::other("injected"))
                } else {
                    Ok(())
                }
            };
            let result = write_with_faults(&path, b"new content", &fail);
            // A new file has no owner or permissions to copy: those steps
            // are not taken, so failing them cannot happen.
            if matches!(step, Step::Owner | Step::Permissions) {
                result.unwrap();
                assert_eq!(names(dir.path()), ["new.json"]);
            } else {
                assert!(matches!(result, Err(WriteError::Io { .. })), "{step:?}");
                assert!(
                    names(dir.path()).is_empty(),
                    "{step:?}: {:?}",
                    names(dir.path())
                );
            }
        }
    }

    #[test]
    fn no_fault_writes_the_new_content() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        std::fs::write(&path, "original").unwrap();
        write_with_faults(&path, b"new content", &|_| Ok(())).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new content");
        assert_eq!(names(dir.path()), ["plan.json"]);
    }

    #[test]
    fn cancelling_removes_the_temporary_file_of_a_write_in_progress() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        std::fs::write(&path, "original").unwrap();
        let (reached, wait_reached) = mpsc::channel();
        let (resume, wait_resume) = mpsc::channel::<()>();
        let wait_resume = Mutex::new(wait_resume);
        let reached = Mutex::new(reached);
        std::thread::scope(|scope| {
            let writer = scope.spawn(|| {
                // Pause after the temporary file exists, before the rename.
                let pause = |s: Step| {
                    if s == Step::Sync {
                        reached.lock().unwrap().send(()).unwrap();
                        wait_resume.lock().unwrap().recv().unwrap();
                    }
                    Ok(())
                };
                write_with_faults(&path, b"new content", &pause)
            });
            wait_reached.recv().unwrap();
            assert_eq!(names(dir.path()).len(), 2, "the temporary file exists");
            assert_eq!(cancel_pending_writes(), 1);
            assert_eq!(names(dir.path()), ["plan.json"]);
            resume.send(()).unwrap();
            let err = writer.join().unwrap().unwrap_err();
            assert!(matches!(err, WriteError::Interrupted { .. }), "{err:?}");
        });
        // Writes after the cancellation fail before creating anything.
        let err = write_with_faults(&path, b"later", &|_| Ok(())).unwrap_err();
        assert!(matches!(err, WriteError::Interrupted { .. }), "{err:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
        assert_eq!(names(dir.path()), ["plan.json"]);
        pending().cancelled = false;
    }
}
