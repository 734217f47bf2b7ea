//! Readers and the atomic writer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_interchange::{
    ReadError, WriteError, read_path, read_reader, read_str, to_canonical_string, write_path,
    write_writer,
};

fn full() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/full.json"
    ))
    .unwrap()
}

#[test]
fn three_readers_agree() {
    let text = full();
    let a = read_str(&text).unwrap();
    let b = read_reader(text.as_bytes()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, &text).unwrap();
    let c = read_path(&path).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn writer_output_is_canonical_and_stable() {
    let env = read_str(&full()).unwrap();
    let text = to_canonical_string(&env);
    assert!(text.ends_with("}\n") && !text.ends_with("}\n\n"));
    assert!(
        text.starts_with(
            "{\n  \"format\": \"actionplan\",\n  \"version\": \"1.0\",\n  \"plan\": {"
        )
    );
    // Non-ASCII is written as UTF-8, not escaped.
    assert!(text.contains("Programme and budget 2016–17"));
    let mut buf = Vec::new();
    write_writer(&mut buf, &env).unwrap();
    assert_eq!(String::from_utf8(buf).unwrap(), text);
    // Keys inside extensions come out sorted.
    let ext = text.find("\"org.example.tracker\"").unwrap();
    let owner = text[ext..].find("\"owner\"").unwrap();
    let weight = text[ext..].find("\"weight\"").unwrap();
    assert!(owner < weight);
}

#[test]
fn write_path_replaces_atomically_and_leaves_no_temporary_file() {
    let env = read_str(&full()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, "old content").unwrap();
    write_path(&path, &env).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        to_canonical_string(&env)
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["plan.json"]);
}

#[test]
fn failed_write_leaves_the_target_untouched() {
    let env = read_str(&full()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The target is a non-empty directory: refused before anything is made.
    let target = dir.path().join("plan.json");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "kept").unwrap();
    let err = write_path(&target, &env).unwrap_err();
    assert!(
        matches!(
            err,
            WriteError::NotAFile {
                kind: "a folder",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert_eq!(
        std::fs::read_to_string(target.join("keep")).unwrap(),
        "kept"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["plan.json"], "no temporary file is left behind");
    // A folder that does not exist.
    let err = write_path(dir.path().join("missing/plan.json"), &env).unwrap_err();
    assert!(matches!(err, WriteError::Io { .. }));
    assert!(err.to_string().contains("unchanged"), "{err}");
}

#[test]
fn read_errors_say_where_and_what() {
    let text = full();
    let err = read_str(&text.replace("\"2016-12\"", "\"2016-13\"")).unwrap_err();
    assert_eq!(
        err.pointer(),
        Some("/plan/deliverables/0/indicators/0/deadline")
    );
    assert!(err.line_column().is_some());
    assert!(err.to_string().contains("YYYY-MM"), "{err}");

    let err = read_str(&text.replace("\"version\": \"1.0\"", "\"version\": \"1.7\"")).unwrap_err();
    assert!(
        matches!(err, ReadError::UnsupportedVersion { ref found, line: 3, column: 14 } if found == "1.7"),
        "{err:?}"
    );
    assert!(err.to_string().contains("reads 1.0, 1.1"), "{err}");

    let err = read_str("[1, 2]").unwrap_err();
    assert!(matches!(err, ReadError::NotExchangeFile { .. }));
    let err = read_str("{\"format\": \"geojson\"}").unwrap_err();
    assert!(
        err.to_string().contains("not an actionplan exchange file"),
        "{err}"
    );

    let err = read_str("{\n  \"format\": \"actionplan\",\n}").unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::Syntax {
                line: 3,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );

    let err = read_reader(&b"{\"format\": \"actionplan\xff\"}"[..]).unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::Encoding {
                line: 1,
                column: 23
            }
        ),
        "{err:?}"
    );

    let err = read_path("/nonexistent/plan.json").unwrap_err();
    assert!(matches!(err, ReadError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/plan.json"));

    // An array where an object belongs: serde alone would take it.
    let err =
        read_str(&text.replacen("\"resources\": {", "\"resources\": [], \"x\": {", 1)).unwrap_err();
    assert!(matches!(err, ReadError::Invalid { .. }), "{err:?}");
}

#[test]
fn never_panics_on_odd_input() {
    for t in [
        "",
        " ",
        "null",
        "{}",
        "\"\"",
        "{\"format\": \"actionplan\"}",
        &"[".repeat(5000),
        "{\"format\": \"actionplan\", \"version\": 1}",
    ] {
        let _ = read_str(t);
        let _ = actionplan_interchange::validate_str(t);
    }
}

/// A small valid file whose top-level `extensions` is `extensions`.
fn minimal(extensions: &str) -> String {
    format!(
        r#"{{"format": "actionplan", "version": "1.0",
"extensions": {extensions},
"plan": {{"id": "p", "title": {{"en": "Plan"}}, "biennia": ["2016-17"],
  "resolution": {{"title": {{"en": "Resolution"}}, "adopted_at": "ilc-104"}},
  "endorsed_at": "gb-325"}}}}"#
    )
}

#[test]
fn extension_numbers_are_kept_as_written_through_a_round_trip() {
    let numbers = [
        "123456789012345678901234567890",
        "1e-400",
        "1E+300",
        "1.50",
        "-0",
        "0.1",
        "18446744073709551616",
    ];
    let list = numbers.join(", ");
    let text = minimal(&format!("{{\"org.example\": {{\"n\": [{list}]}}}}"));
    let env = read_str(&text).unwrap();
    let canonical = to_canonical_string(&env);
    for n in numbers {
        assert!(
            canonical.contains(&format!("      {n}")),
            "{n} lost:\n{canonical}"
        );
    }
    assert_eq!(
        to_canonical_string(&read_str(&canonical).unwrap()),
        canonical
    );
    // Validation takes the same path.
    assert!(actionplan_interchange::check_str(&text).envelope.is_some());
    // A number beyond a double is refused, as every JSON reader would.
    let huge = text.replacen("1E+300", "1E+400", 1);
    assert!(read_str(&huge).is_err());
    assert!(!actionplan_interchange::validate_str(&huge).is_valid());
    // A key twice inside extensions is still refused, with its place.
    let twice = minimal("{\"org.example\": {\"k\": 1,\n \"k\": 2}}");
    let err = read_str(&twice).unwrap_err();
    assert!(matches!(err, ReadError::DuplicateKey { .. }), "{err}");
    assert_eq!(err.pointer(), Some("/extensions/org.example/k"));
}

/// A writer never writes what the reader refuses: an envelope built in code
/// with an empty title is refused with the issue, and the target is left as
/// it was.
#[test]
fn writers_refuse_what_the_reader_refuses() {
    let mut envelope = read_str(&full()).unwrap();
    // Constructors refuse an empty text, but a list the format requires
    // non-empty can still be emptied through its public field.
    envelope.plan.biennia.clear();
    let text = to_canonical_string(&envelope);
    assert!(read_str(&text).is_err(), "the reader refuses it");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, "previous").unwrap();
    let err = write_path(&path, &envelope).unwrap_err();
    let WriteError::Invalid { issues } = &err else {
        panic!("{err:?}");
    };
    assert!(
        issues
            .iter()
            .any(|i| i.pointer.starts_with("/plan/biennia")),
        "{issues:?}"
    );
    assert!(err.to_string().contains("/plan/biennia"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");

    let mut out = Vec::new();
    let err = write_writer(&mut out, &envelope).unwrap_err();
    assert!(matches!(err, WriteError::Invalid { .. }), "{err:?}");
    assert!(out.is_empty(), "nothing written to the stream");
}

/// A decimal built in code beyond the format's 29 characters is refused
/// where it is, and the target file keeps what it had.
#[test]
fn writers_refuse_a_decimal_the_format_cannot_hold() {
    let mut envelope = read_str(&full()).unwrap();
    let (at, target) = envelope
        .plan
        .deliverables
        .iter_mut()
        .enumerate()
        .flat_map(|(i, d)| {
            d.indicators
                .iter_mut()
                .enumerate()
                .map(move |(j, ind)| (i, j, ind))
        })
        .find_map(|(i, j, ind)| match &mut ind.measure {
            actionplan_model::Measure::Count(c) => Some((
                format!("/plan/deliverables/{i}/indicators/{j}/measure"),
                &mut c.target,
            )),
            _ => None,
        })
        .expect("the full fixture has a count indicator");
    *target = rust_decimal::Decimal::MAX; // 29 digits
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, "previous").unwrap();
    let err = write_path(&path, &envelope).unwrap_err();
    let WriteError::Invalid { issues } = &err else {
        panic!("{err:?}");
    };
    assert!(
        issues.iter().any(|i| i.pointer.starts_with(&at)),
        "{at}: {issues:?}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");
}
