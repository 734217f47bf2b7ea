//! Writing a command's output to a file, atomically and without damaging
//! anything (through `actionplan-interchange`), with a message that names
//! what went wrong; and removing the temporary file when the command is
//! interrupted.
//!
//! What `-o OUT` and `fmt` do with what is already there:
//! * a regular file is replaced atomically, keeping its permissions (and
//!   owner, as root); a symbolic link is followed and its target replaced;
//! * the input file itself (by any name: a link, `./x`, a hard link) is
//!   refused: the report would overwrite the plan it was made from;
//! * a folder, a named pipe, a device node (even `/dev/null` or
//!   `/dev/stdout`) or a socket is refused: leave out `-o` and redirect
//!   standard output instead, which writes into such files as the shell
//!   does;
//! * a file with other hard links is refused, since replacing it would
//!   leave the other names with the old content.
//!
//! Each refusal exits 2 before anything is written.

use crate::failure::Failure;
use actionplan_interchange::WriteError;
use std::path::Path;

/// Writes what `content` writes to `path` atomically, piece by piece (a
/// large report is never held whole in memory): a failed write never
/// leaves a half-written or emptied file. `input` is the file the output
/// was made from, which is never overwritten.
pub fn write_atomically_with(
    path: &Path,
    input: &Path,
    content: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    refuse_input(path, input)?;
    check_folder(path)?;
    actionplan_interchange::write_atomically_with(path, content)
        .map_err(|e| write_failure(&e, true))
}

/// Fails, naming the real reason, when `path`'s folder cannot hold a new
/// file: a part of the path that exists but is a file (`/etc/passwd/x`),
/// or a folder that does not exist.
pub fn check_folder(path: &Path) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if dir.is_dir() {
        return Ok(());
    }
    // The nearest part of the path that exists says why.
    let existing = dir
        .ancestors()
        .find(|a| !a.as_os_str().is_empty() && a.exists());
    let message = match existing {
        Some(a) if !a.is_dir() => format!(
            "cannot write {}: {} is a file, not a folder; choose a path in a folder",
            path.display(),
            a.display()
        ),
        _ => format!(
            "cannot write {}: the folder {} does not exist; create it first or choose another path",
            path.display(),
            dir.display()
        ),
    };
    Err(Failure::io(message))
}

/// Fails when `output` names the same file as `input`, by whatever path
/// (a symbolic link, `./x`, another hard link): same device and inode.
pub fn refuse_input(output: &Path, input: &Path) -> Result<(), Failure> {
    if same_file(output, input) {
        return Err(Failure::usage(format!(
            "refusing to write to {}: it is the input file {}, which would be lost; choose another name with -o",
            output.display(),
            input.display()
        )));
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The failure for a write error: the library's words, the innermost cause
/// of an I/O error, and for a target that is not a regular file, how to
/// write there anyway (`-o` only: `fmt` has no standard output to offer).
pub fn write_failure(e: &WriteError, output_option: bool) -> Failure {
    match e {
        WriteError::Io { .. } | WriteError::Stream(_) => {
            Failure::io(format!("{e}: {}", crate::failure::source_of(e)))
        }
        WriteError::NotAFile { .. } if output_option => Failure::io(format!(
            "{e}\nto write into it, leave out -o and redirect standard output (`> FILE`)"
        )),
        _ => Failure::io(e.to_string()),
    }
}

/// Removes the temporary file of a write in progress when the process gets
/// SIGINT, SIGTERM or SIGHUP, then ends the process as that signal would.
///
/// Called once, by [`run_process`](crate::run_process) for the binary's
/// `main`, never by [`run`](crate::run): a library must not take signals
/// from the program that embeds it. The handler runs
/// on a thread of its own (`signal-hook`'s iterator), where taking a lock
/// and removing files are safe, unlike inside a raw signal handler.
/// If the handler cannot be installed the command runs without it.
#[cfg(unix)]
pub fn clean_up_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                actionplan_interchange::cancel_pending_writes();
                // Ends the process by the signal itself, so the parent sees
                // "killed by SIGINT" (a shell stops a script on it) rather
                // than an exit code.
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128_i32.saturating_add(signal));
            }
        });
}

/// Elsewhere, interruption is left to the system.
#[cfg(not(unix))]
pub fn clean_up_on_signals() {}
