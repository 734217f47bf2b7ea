//! What the tests that run the built command in a folder of their own
//! share: the seed file, running the command, its standard error.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The seed example (a link to the exchange crate's copy).
pub fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sme-action-plan-2016.json")
}

/// `actionplan ARGS` run in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// What the command wrote to standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
