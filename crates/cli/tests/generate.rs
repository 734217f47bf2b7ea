//! `actionplan generate` writes valid, reproducible files that the other
//! commands read.

use actionplan_cli::run;

fn cli(args: &[&str]) -> (u8, Vec<u8>, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(args, &mut out, &mut err);
    (code, out, String::from_utf8_lossy(&err).into_owned())
}

#[test]
fn a_generated_file_validates_and_evaluates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let path = path.to_str().unwrap();
    let (code, out, err) = cli(&[
        "actionplan",
        "generate",
        "--indicators",
        "200",
        "--seed",
        "3",
        "-o",
        path,
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.is_empty());
    let (code, _, err) = cli(&["actionplan", "validate", path]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = cli(&["actionplan", "evaluate", path, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(String::from_utf8(out).unwrap().contains("ind-200"));
    // Nothing but the file is left in the directory.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn standard_output_gets_the_same_bytes_as_the_file_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let args = [
        "actionplan",
        "generate",
        "--indicators",
        "100",
        "--seed",
        "9",
    ];
    let (code, first, _) = cli(&args);
    assert_eq!(code, 0);
    let (_, second, _) = cli(&args);
    assert_eq!(first, second);
    let mut with_file = args.to_vec();
    with_file.extend(["-o", path.to_str().unwrap()]);
    assert_eq!(cli(&with_file).0, 0);
    assert_eq!(std::fs::read(&path).unwrap(), first);
    let (_, other_seed, _) = cli(&[
        "actionplan",
        "generate",
        "--indicators",
        "100",
        "--seed",
        "10",
    ]);
    assert_ne!(first, other_seed);
}

#[test]
fn sizes_out_of_range_are_usage_errors() {
    for n in ["99", "1000001", "many"] {
        let (code, out, err) = cli(&["actionplan", "generate", "--indicators", n]);
        assert_eq!(code, 2, "{n}");
        assert!(out.is_empty());
        assert!(err.contains("--indicators"), "{err}");
    }
}

#[test]
fn the_help_says_it_is_for_testing_and_benchmarking() {
    let (code, out, _) = cli(&["actionplan", "generate", "--help"]);
    assert_eq!(code, 0);
    let help = String::from_utf8(out).unwrap();
    assert!(help.contains("for testing and benchmarking"), "{help}");
}

#[test]
fn an_unwritable_destination_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-dir").join("plan.json");
    let (code, _, err) = cli(&[
        "actionplan",
        "generate",
        "--indicators",
        "100",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("missing-dir does not exist"), "{err}");
}
