//! `report -o` and `fmt` never damage a file: the input is never the
//! output, only regular files are replaced (keeping permissions, owner and
//! symbolic links), hard links are not split, and an interrupted write
//! leaves no temporary file. The library's own tests inject a failure at
//! each step of the write (`crates/interchange/src/write.rs`).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::{run_in, seed, stderr};

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A folder holding a copy of the seed as `plan.json`.
fn with_plan() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    fs::copy(seed(), &plan).unwrap();
    (dir, plan)
}

fn fails_with(o: &Output, code: i32, fragment: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert!(err.contains(fragment), "expected {fragment:?} in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn report_refuses_to_overwrite_its_input_by_any_name() {
    let (dir, plan) = with_plan();
    let before = fs::read(&plan).unwrap();
    symlink("plan.json", dir.path().join("link.json")).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let other_name = dir.path().join("other-name.json");
    fs::hard_link(&plan, &other_name).unwrap();
    for out in [
        "plan.json",
        "./plan.json",
        "sub/../plan.json",
        "link.json",
        "other-name.json",
    ] {
        let o = run_in(
            dir.path(),
            &["report", "plan.json", "--format", "html", "-o", out],
        );
        fails_with(&o, 2, "it is the input file");
        assert_eq!(fs::read(&plan).unwrap(), before, "-o {out}");
    }
    // The input named through the link is refused too.
    let o = run_in(
        dir.path(),
        &["report", "link.json", "--format", "md", "-o", "plan.json"],
    );
    fails_with(&o, 2, "it is the input file");
    assert_eq!(fs::read(&plan).unwrap(), before);
    assert_eq!(
        names(dir.path()),
        ["link.json", "other-name.json", "plan.json", "sub"]
    );
}

#[test]
fn report_refuses_targets_that_are_not_regular_files() {
    let (dir, _) = with_plan();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    fs::create_dir(dir.path().join("folder")).unwrap();
    symlink("/dev/null", dir.path().join("null-link")).unwrap();
    for (out, kind) in [
        ("pipe", "a named pipe"),
        ("folder", "a folder"),
        ("/dev/null", "a character device"),
        ("null-link", "a character device"),
    ] {
        let o = run_in(
            dir.path(),
            &["report", "plan.json", "--format", "csv", "-o", out],
        );
        fails_with(&o, 2, kind);
        fails_with(&o, 2, "leave out -o and redirect standard output");
        assert!(o.stdout.is_empty());
    }
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert_eq!(
        names(dir.path()),
        ["folder", "null-link", "pipe", "plan.json"]
    );
}

#[test]
fn report_replaces_a_file_keeping_its_permissions_and_link() {
    let (dir, _) = with_plan();
    let out = dir.path().join("report.md");
    fs::write(&out, "old").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o664)).unwrap();
    symlink("report.md", dir.path().join("latest.md")).unwrap();
    let o = run_in(
        dir.path(),
        &["report", "plan.json", "--format", "md", "-o", "latest.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::read_to_string(&out).unwrap().starts_with('#'));
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o7777,
        0o664
    );
    assert!(
        fs::symlink_metadata(dir.path().join("latest.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names(dir.path()), ["latest.md", "plan.json", "report.md"]);
}

/// The seed with its key order shuffled, so that `fmt` rewrites it.
fn not_canonical(dir: &Path) -> PathBuf {
    let path = dir.join("plan.json");
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(seed()).unwrap()).unwrap();
    fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    path
}

#[test]
fn fmt_keeps_permissions_owner_and_symbolic_links() {
    let dir = tempfile::tempdir().unwrap();
    let plan = not_canonical(dir.path());
    fs::set_permissions(&plan, fs::Permissions::from_mode(0o644)).unwrap();
    let as_root = std::os::unix::fs::chown(&plan, Some(4242), Some(4343)).is_ok();
    symlink("plan.json", dir.path().join("link.json")).unwrap();
    let o = run_in(dir.path(), &["fmt", "link.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let meta = fs::symlink_metadata(&plan).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(meta.permissions().mode() & 0o7777, 0o644);
    if as_root {
        assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
    }
    assert!(
        fs::symlink_metadata(dir.path().join("link.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let o = run_in(dir.path(), &["fmt", "--check", "plan.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(names(dir.path()), ["link.json", "plan.json"]);
}

#[test]
fn fmt_refuses_to_split_hard_links() {
    let dir = tempfile::tempdir().unwrap();
    let plan = not_canonical(dir.path());
    let other = dir.path().join("other.json");
    fs::hard_link(&plan, &other).unwrap();
    let before = fs::read(&plan).unwrap();
    let o = run_in(dir.path(), &["fmt", "plan.json"]);
    fails_with(&o, 2, "2 hard links");
    assert_eq!(fs::read(&plan).unwrap(), before);
    assert_eq!(fs::read(&other).unwrap(), before);
    assert_eq!(fs::metadata(&plan).unwrap().nlink(), 2);
    assert_eq!(names(dir.path()), ["other.json", "plan.json"]);
}

/// A large file in non-canonical form (the seed with a long extension
/// text), so that `fmt` spends a while writing it.
fn large_not_canonical(dir: &Path) -> PathBuf {
    let path = dir.join("plan.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(seed()).unwrap()).unwrap();
    v["extensions"] = serde_json::json!({ "x-padding": "x".repeat(2 << 20) });
    fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    path
}

/// Killing `fmt` at any moment leaves the file whole (old or new) and no
/// temporary file. The kill is sent as soon as the temporary file appears;
/// whatever the timing, the assertions hold, so the test cannot be flaky,
/// and it reports whether it hit the write in progress.
#[test]
fn an_interrupted_fmt_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = large_not_canonical(dir.path());
    let before = fs::read(&plan).unwrap();
    let mut hits = 0;
    for signal in ["TERM", "INT"] {
        fs::write(&plan, &before).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_actionplan"))
            .args(["fmt", "plan.json"])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let status = loop {
            if names(dir.path())
                .iter()
                .any(|n| n.starts_with(".actionplan-"))
            {
                let sent = Command::new("kill")
                    .args([format!("-{signal}"), child.id().to_string()])
                    .status()
                    .unwrap();
                if sent.success() {
                    hits += 1;
                }
                break child.wait().unwrap();
            }
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        };
        // Ended by the signal itself (the handler re-raises it), or done
        // before the signal arrived.
        let number = if signal == "TERM" { 15 } else { 2 };
        assert!(
            status.success() || status.signal() == Some(number),
            "SIG{signal}: {status:?}"
        );
        assert_eq!(
            names(dir.path()),
            ["plan.json"],
            "SIG{signal}: a temporary file was left ({status:?})"
        );
        let after = fs::read(&plan).unwrap();
        if after != before {
            // Whole new content: canonical, so `fmt --check` accepts it.
            let o = run_in(dir.path(), &["fmt", "--check", "plan.json"]);
            assert_eq!(o.status.code(), Some(0), "SIG{signal}: {}", stderr(&o));
        }
    }
    eprintln!("killed during the write {hits} time(s) out of 2");
}
