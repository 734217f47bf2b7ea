//! Atomic writes respect the file they replace: permissions, owner,
//! symbolic links, hard links, and files that are not regular files.
//! (Failures injected at each step are unit tests in `src/write.rs`.)
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_interchange::{WriteError, write_bytes_atomically};
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::Path;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn permissions_of_the_replaced_file_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    for m in [0o644, 0o600, 0o640, 0o444, 0o755] {
        let path = dir.path().join(format!("plan-{m:o}.json"));
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(m)).unwrap();
        write_bytes_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), m, "{m:o}");
    }
}

#[test]
fn a_new_file_gets_the_usual_permissions_not_0600() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    write_bytes_atomically(&path, b"new").unwrap();
    // 0666 less the umask: whatever the umask, group/other bits are what
    // a plain `File::create` gives.
    let reference = dir.path().join("reference");
    fs::File::create(&reference).unwrap();
    assert_eq!(mode(&path), mode(&reference));
}

#[test]
fn the_owner_is_kept_when_the_process_may_give_files_away() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    fs::write(&path, "old").unwrap();
    let (uid, gid) = (4242, 4343);
    if std::os::unix::fs::chown(&path, Some(uid), Some(gid)).is_err() {
        eprintln!("skipped: not allowed to give files away (not root)");
        return;
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    write_bytes_atomically(&path, b"new").unwrap();
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (uid, gid));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
}

#[test]
fn a_symbolic_link_stays_a_link_and_its_target_gets_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let target = real_dir.join("plan.json");
    fs::write(&target, "old").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
    // A relative link, and a link to that link.
    let link = dir.path().join("link.json");
    symlink("real/plan.json", &link).unwrap();
    let chain = dir.path().join("chain.json");
    symlink(&link, &chain).unwrap();

    write_bytes_atomically(&link, b"through the link").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "through the link");
    assert_eq!(mode(&target), 0o644);

    write_bytes_atomically(&chain, b"through the chain").unwrap();
    assert!(
        fs::symlink_metadata(&chain)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "through the chain");

    // The temporary file was made beside the target, and is gone.
    assert_eq!(names(&real_dir), ["plan.json"]);
    assert_eq!(names(dir.path()), ["chain.json", "link.json", "real"]);
}

#[test]
fn a_dangling_link_creates_its_target_and_a_loop_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.json");
    symlink("new.json", &link).unwrap();
    write_bytes_atomically(&link, b"created").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("new.json")).unwrap(),
        "created"
    );

    let a = dir.path().join("a");
    let b = dir.path().join("b");
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    let err = write_bytes_atomically(&a, b"x").unwrap_err();
    assert!(matches!(err, WriteError::Io { .. }), "{err:?}");
    assert!(format!("{err:?}").contains("symbolic links"), "{err:?}");
    assert_eq!(names(dir.path()), ["a", "b", "link.json", "new.json"]);
}

#[test]
fn a_file_with_other_hard_links_is_refused_and_both_names_keep_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let other = dir.path().join("copy.json");
    fs::write(&path, "old").unwrap();
    fs::hard_link(&path, &other).unwrap();
    let err = write_bytes_atomically(&path, b"new").unwrap_err();
    assert!(
        matches!(err, WriteError::HardLinked { links: 2, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("hard links"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(fs::read_to_string(&other).unwrap(), "old");
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 2);
    assert_eq!(names(dir.path()), ["copy.json", "plan.json"]);
}

#[test]
fn a_named_pipe_is_refused_and_stays_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let err = write_bytes_atomically(&fifo, b"new").unwrap_err();
    assert!(
        matches!(
            err,
            WriteError::NotAFile {
                kind: "a named pipe (FIFO)",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(names(dir.path()), ["pipe"]);
}

#[test]
fn a_device_node_is_refused_even_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("out");
    symlink("/dev/null", &link).unwrap();
    for target in [Path::new("/dev/null"), link.as_path()] {
        let err = write_bytes_atomically(target, b"new").unwrap_err();
        assert!(
            matches!(&err, WriteError::NotAFile { kind: "a character device", path } if path == Path::new("/dev/null")),
            "{err:?}"
        );
    }
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert_eq!(names(dir.path()), ["out"]);
}
