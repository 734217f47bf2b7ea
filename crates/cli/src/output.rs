//! Writing a command's output to a file, atomically (through
//! `actionplan-interchange`), with a message that names what went wrong.

use crate::failure::Failure;
use std::path::Path;

/// Writes `text` to `path` atomically: a failed write never leaves a
/// half-written or emptied file.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Failure::io(format!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    actionplan_interchange::write_bytes_atomically(path, text.as_bytes())
        .map_err(|e| Failure::io(format!("{e}: {}", crate::evaluate::source_of(&e))))
}
