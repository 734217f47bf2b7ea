//! Hostile input ends in a clear error: too large, other encodings, a byte
//! order mark, nesting too deep, a negative zero, another format version,
//! and thousands of issues reported within a limit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[cfg(feature = "schema-validation")]
use actionplan_interchange::{Code, SchemaKeyword, check_bytes_with};
use actionplan_interchange::{
    Layer, MAX_NESTING, ReadError, ReadOptions, TextEncoding, check_str_with, read_bytes,
    read_path_with, read_reader_with, read_str, validate_bytes, validate_path_with, validate_str,
};

fn full() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/full.json"
    ))
    .unwrap()
}

#[test]
fn input_larger_than_the_limit_is_refused_after_limit_plus_one_bytes() {
    let options = ReadOptions::default().max_input_bytes(1000);
    // An endless reader: refused without reading it all.
    let err = read_reader_with(std::io::repeat(b' '), &options).unwrap_err();
    assert!(
        matches!(err, ReadError::TooLarge { limit: 1000, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("larger than the limit of 1000 bytes")
    );
    if std::path::Path::new("/dev/zero").exists() {
        let err = read_path_with("/dev/zero", &options).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("/dev/zero"), "{err}");
        let err = validate_path_with("/dev/zero", &options).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }), "{err}");
    }
    // Exactly at the limit is fine.
    let text = full();
    let exact = ReadOptions::default().max_input_bytes(text.len() as u64);
    assert!(read_reader_with(text.as_bytes(), &exact).is_ok());
    let under = ReadOptions::default().max_input_bytes(text.len() as u64 - 1);
    assert!(read_reader_with(text.as_bytes(), &under).is_err());
    let report = check_str_with(&text, &under).report;
    assert_eq!(report.issues[0].layer, Layer::Syntax);
    assert!(report.issues[0].message.contains("larger than the limit"));
}

fn utf16(text: &str, big: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for u in units {
        out.extend(if big {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

fn utf32(text: &str, big: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let chars = bom
        .then_some(0xFEFF)
        .into_iter()
        .chain(text.chars().map(u32::from));
    for c in chars {
        out.extend(if big {
            c.to_be_bytes()
        } else {
            c.to_le_bytes()
        });
    }
    out
}

#[test]
fn other_unicode_encodings_are_named() {
    let text = full();
    let cases = [
        (
            utf16(&text, false, true),
            TextEncoding::Utf16Le,
            "UTF-16 LE",
        ),
        (
            utf16(&text, false, false),
            TextEncoding::Utf16Le,
            "UTF-16 LE",
        ),
        (utf16(&text, true, true), TextEncoding::Utf16Be, "UTF-16 BE"),
        (
            utf16(&text, true, false),
            TextEncoding::Utf16Be,
            "UTF-16 BE",
        ),
        (
            utf32(&text, false, true),
            TextEncoding::Utf32Le,
            "UTF-32 LE",
        ),
        (
            utf32(&text, false, false),
            TextEncoding::Utf32Le,
            "UTF-32 LE",
        ),
        (utf32(&text, true, true), TextEncoding::Utf32Be, "UTF-32 BE"),
        (
            utf32(&text, true, false),
            TextEncoding::Utf32Be,
            "UTF-32 BE",
        ),
    ];
    for (bytes, encoding, name) in cases {
        let err = read_reader_with(bytes.as_slice(), &ReadOptions::default()).unwrap_err();
        assert!(
            matches!(err, ReadError::WrongEncoding { encoding: e } if e == encoding),
            "{name}: {err}"
        );
        assert_eq!(
            err.to_string(),
            format!("this file is {name}; save it as UTF-8 (without a byte order mark)")
        );
        let report = validate_bytes(&bytes);
        assert_eq!(report.issues.len(), 1);
        assert!(report.issues[0].message.contains(name), "{report}");
    }
}

#[test]
fn a_utf8_byte_order_mark_is_refused_with_the_fix() {
    let text = format!("\u{feff}{}", full());
    let err = read_str(&text).unwrap_err();
    assert_eq!(err.line_column(), Some((1, 1)));
    assert!(err.to_string().contains("byte order mark"), "{err}");
    let report = validate_str(&text);
    assert!(report.issues[0].message.contains("without one"), "{report}");
}

/// A small file whose top-level extension value nests `depth` arrays.
fn nested(depth: usize) -> String {
    let value = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    format!(
        r#"{{"format": "actionplan", "version": "1.0",
"extensions": {{"x": {value}}},
"plan": {{"id": "p", "title": {{"en": "Plan"}}, "biennia": ["2016-17"],
  "resolution": {{"title": {{"en": "Resolution"}}, "adopted_at": "ilc-104"}},
  "endorsed_at": "gb-325"}}}}"#
    )
}

#[test]
fn nesting_deeper_than_the_parser_follows_is_refused_with_its_place() {
    // An extension value may nest 120 levels below its key.
    let limit = actionplan_model::MAX_EXTENSION_DEPTH;
    assert!(read_str(&nested(limit)).is_ok());
    let err = read_str(&nested(limit + 1)).unwrap_err();
    assert!(
        err.to_string().contains("nests more than 120 levels"),
        "{err}"
    );
    // The envelope and `extensions` take two levels; serde_json refuses
    // the 128th.
    let err = read_str(&nested(MAX_NESTING - 2)).unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::TooDeep {
                limit: 128,
                line: 2,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("nest 128 levels deep"), "{err}");
    let err = read_str(&nested(100_000)).unwrap_err();
    assert!(matches!(err, ReadError::TooDeep { .. }), "{err}");
    let report = validate_str(&nested(100_000));
    assert_eq!(report.issues[0].line, Some(2));
    assert!(report.issues[0].message.contains("128"), "{report}");
}

#[test]
fn a_negative_zero_is_kept_exactly() {
    let text = full();
    let at = text.find("\"amount\": \"").unwrap() + "\"amount\": \"".len();
    let end = at + text[at..].find('"').unwrap();
    for zero in ["-0", "-0.00"] {
        let with = format!("{}{zero}{}", &text[..at], &text[end..]);
        assert!(
            validate_str(&with)
                .issues
                .iter()
                .all(|i| i.layer == Layer::Rule)
        );
        let env = read_str(&with).unwrap();
        let canonical = actionplan_interchange::to_canonical_string(&env);
        assert!(
            canonical.contains(&format!("\"amount\": \"{zero}\"")),
            "{zero}"
        );
        assert_eq!(read_str(&canonical).unwrap(), env);
    }
}

#[test]
fn another_format_version_gets_the_promised_message() {
    let text = full();
    for (version, advice) in [
        ("1.2", "newer than this library"),
        ("2.0", "another major version"),
    ] {
        let other = text.replacen(
            "\"version\": \"1.0\"",
            &format!("\"version\": \"{version}\""),
            1,
        );
        let promised = format!("format version `{version}` is not supported");
        let err = read_str(&other).unwrap_err();
        let message = err.to_string();
        assert!(
            matches!(err, ReadError::UnsupportedVersion { line: 3, .. }),
            "{message}"
        );
        assert!(message.contains(&promised) && message.contains("this library reads 1.0, 1.1"));
        assert!(message.contains(advice), "{message}");
        let report = validate_str(&other);
        assert_eq!(report.issues.len(), 1, "{report}");
        assert!(report.issues[0].message.starts_with(&promised), "{report}");
        assert_eq!(report.issues[0].pointer, "/version");
    }
}

/// The full fixture with `n` unknown members in the plan, one per line.
#[cfg(feature = "schema-validation")]
fn unknown_members(n: usize) -> String {
    let members = (0..n).fold(String::new(), |mut out, i| {
        use std::fmt::Write;
        write!(out, "\n    \"zz{i}\": {i},").unwrap();
        out
    });
    full().replacen("\"plan\": {", &format!("\"plan\": {{{members}"), 1)
}

#[test]
#[cfg(feature = "schema-validation")]
fn issues_past_the_limit_are_counted_per_rule() {
    let text = unknown_members(1000);
    let options = ReadOptions::default().max_issues(10);
    let report = check_bytes_with(text.as_bytes(), &options).report;
    assert_eq!(report.issues.len(), 10);
    // In document order, each at its own line.
    let lines: Vec<Option<usize>> = report.issues.iter().map(|i| i.line).collect();
    assert_eq!(lines, (0..10).map(|i| Some(5 + i)).collect::<Vec<_>>());
    assert_eq!(report.omitted.len(), 1);
    assert_eq!(report.omitted[0].count, 990);
    assert_eq!(
        report.omitted[0].code,
        Code::Schema(SchemaKeyword::AdditionalProperties)
    );
    assert_eq!(report.error_count(), 1000);
    assert!(!report.is_valid());
    assert!(
        report
            .to_string()
            .contains("990 more error(s)[schema/additionalProperties]")
    );
    // The default keeps 200.
    let report = validate_str(&text);
    assert_eq!((report.issues.len(), report.error_count()), (200, 1000));
}

/// Past the first thousand schema errors, bad values are counted, not
/// worded: the count stays one per bad value (a date breaking its pattern
/// and its format is one issue), whatever the limit.
#[test]
#[cfg(feature = "schema-validation")]
fn bad_values_past_those_worded_are_still_counted_once_each() {
    let sessions = (0..3000).fold(String::new(), |mut out, i| {
        use std::fmt::Write;
        write!(
            out,
            "\n      {{\"id\": \"s{i}\", \"body\": \"governing_body\", \"number\": 1, \"year\": 2016, \"opens\": \"2016-13-45\"}},"
        )
        .unwrap();
        out
    });
    let text = full().replacen("\"sessions\": [", &format!("\"sessions\": [{sessions}"), 1);
    assert_ne!(text, full());
    for limit in [10, 200, 5000] {
        let report = check_str_with(&text, &ReadOptions::default().max_issues(limit)).report;
        assert_eq!(
            report.error_count(),
            3000,
            "limit {limit}: {:?}",
            report.omitted
        );
        assert_eq!(report.issues.len(), limit.min(3000));
        assert!(report.issues.iter().all(|i| i.pointer.ends_with("/opens")));
    }
}

#[test]
fn read_bytes_reads_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    std::fs::write(&path, full()).unwrap();
    assert_eq!(
        read_bytes(&path, &ReadOptions::default()).unwrap(),
        full().as_bytes()
    );
    let err = read_bytes(dir.path().join("missing.json"), &ReadOptions::default()).unwrap_err();
    assert!(matches!(err, ReadError::Io { .. }));
}

/// Locating issues reads the text a bounded number of times, whatever the
/// number of issues: doubling a file with one issue per line (or all on one
/// line) doubles the work. (A per-issue rescan would quadruple it.)
#[test]
#[cfg(feature = "schema-validation")]
fn locating_work_grows_linearly_with_the_issues() {
    let work = |text: &str| {
        let before = actionplan_interchange::test_hooks::locate_work();
        let report = check_str_with(text, &ReadOptions::default().max_issues(usize::MAX));
        assert!(report.report.error_count() >= 2000);
        actionplan_interchange::test_hooks::locate_work() - before
    };
    for minified in [false, true] {
        let make = |n: usize| {
            let t = unknown_members(n);
            if minified { t.replace('\n', " ") } else { t }
        };
        let (small, large) = (work(&make(2000)), work(&make(4000)));
        // Twice the issues, at most 2.2 times the work: 10 × large < 22 × small.
        assert!(
            large.saturating_mul(10) < small.saturating_mul(22),
            "minified {minified}: work {small} → {large}"
        );
    }
}
