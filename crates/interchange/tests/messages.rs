//! What a person reads about a bad file: every issue in one run (after a
//! byte order mark, with CRLF line ends), one issue per bad value, and
//! messages that name the member and say what to write.
#![cfg(feature = "schema-validation")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_interchange::{Code, EncodingKind, Issue, SchemaKeyword, validate_str};

fn full() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/full.json"
    );
    std::fs::read_to_string(path).unwrap()
}

/// `full.json` with `from` replaced once by `to`.
fn with(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from} not in the fixture");
    text.replacen(from, to, 1)
}

/// Six bad values, as a spreadsheet or a JavaScript tool writes them.
fn six_bad_values() -> String {
    let t = full();
    let t = with(
        &t,
        "\"number\": 104",
        "\"number\": 123456789012345678901234567890",
    );
    let t = with(&t, "\"baseline\": \"8\"", "\"baseline\": 8");
    let t = with(&t, "\"target\": \"70\"", "\"target\": 70");
    let t = with(&t, "\"amount\": \"84000000\"", "\"amount\": 84000000");
    let t = with(&t, "\"as_of\": \"2015-08-15\"", "\"as_of\": \"2015-02-30\"");
    with(&t, "\"value\": \"6\"", "\"value\": 6")
}

fn codes(issues: &[Issue]) -> Vec<String> {
    issues.iter().map(|i| i.code.to_string()).collect()
}

#[test]
fn a_byte_order_mark_and_crlf_hide_nothing() {
    let plain = validate_str(&six_bad_values());
    assert_eq!(plain.issues.len(), 6, "{plain}");

    let excel = format!("\u{feff}{}", six_bad_values().replace('\n', "\r\n"));
    let report = validate_str(&excel);
    assert_eq!(report.issues.len(), 7, "{report}");
    let bom = &report.issues[0];
    assert_eq!(bom.code, Code::Encoding(EncodingKind::ByteOrderMark));
    assert_eq!((bom.line, bom.column), (Some(1), Some(1)));
    // The rest are the same issues at the same lines and columns.
    for (a, b) in plain.issues.iter().zip(&report.issues[1..]) {
        assert_eq!(
            (&a.code, &a.pointer, a.line, a.column, &a.message),
            (&b.code, &b.pointer, b.line, b.column, &b.message)
        );
    }
}

#[test]
fn a_byte_order_mark_does_not_hide_the_rules() {
    let text = with(&full(), "\"category\": \"", "\"category\": \"x");
    let report = validate_str(&format!("\u{feff}{text}"));
    assert_eq!(
        codes(&report.issues),
        ["encoding/byte-order-mark", "AP002"],
        "{report}"
    );
}

#[test]
fn every_number_where_a_string_goes_says_to_write_a_string() {
    let report = validate_str(&six_bad_values());
    let typed: Vec<&Issue> = report
        .issues
        .iter()
        .filter(|i| i.code == Code::Schema(SchemaKeyword::Type))
        .collect();
    assert_eq!(typed.len(), 4, "{report}");
    for i in typed {
        assert!(
            i.message.contains("write it as a string, in quotes: \""),
            "{i}"
        );
        assert!(i.message.contains("Never a JSON number"), "{i}");
    }
    let amount = report
        .issues
        .iter()
        .find(|i| i.pointer.ends_with("/baseline/amount/amount"))
        .unwrap();
    assert!(
        amount.message.starts_with(
            "`amount` is the JSON number 84000000: write it as a string, in quotes: \"84000000\"."
        ),
        "{amount}"
    );
    // The optional baseline (a decimal or null) is explained as a decimal.
    let baseline = report
        .issues
        .iter()
        .find(|i| i.pointer.ends_with("/measure/baseline"))
        .unwrap();
    assert!(baseline.message.contains("\"8\""), "{baseline}");
}

#[test]
fn numbers_are_echoed_as_written() {
    let report = validate_str(&six_bad_values());
    let big = report
        .issues
        .iter()
        .find(|i| i.code == Code::Schema(SchemaKeyword::Maximum))
        .unwrap();
    assert!(
        big.message.contains("123456789012345678901234567890"),
        "{big}"
    );
    assert!(!big.message.contains("e+29"), "{big}");
}

#[test]
fn one_issue_per_bad_date() {
    // Breaks both the pattern and the date format: one mistake, one issue.
    let text = with(
        &full(),
        "\"closes\": \"2016-11-10\"",
        "\"closes\": \"2016-11-1\"",
    );
    let report = validate_str(&text);
    assert_eq!(report.issues.len(), 1, "{report}");
    assert_eq!(report.issues[0].code, Code::Schema(SchemaKeyword::Pattern));
    assert!(
        report.issues[0].message.contains("write \"2016-11-01\""),
        "{report}"
    );
    // A day the calendar lacks says so.
    let text = with(
        &full(),
        "\"closes\": \"2016-11-10\"",
        "\"closes\": \"2016-11-31\"",
    );
    let report = validate_str(&text);
    assert_eq!(report.issues.len(), 1, "{report}");
    assert!(
        report.issues[0]
            .message
            .contains("November 2016 has 30 days"),
        "{report}"
    );
}

#[test]
fn messages_name_the_member_and_the_fix() {
    let cases = [
        (
            "\"deadline\": \"2016-12\"",
            "\"deadline\": \"12/2016\"",
            "`deadline` \"12/2016\" does not have the required form; write \"2016-12\".",
        ),
        (
            "\"currency\": \"USD\"",
            "\"currency\": \"usd\"",
            "`currency` \"usd\" does not have the required form; write \"USD\".",
        ),
        (
            "\"number\": 104",
            "\"number\": \"104\"",
            "`number` is the string \"104\": write it as a number, without quotes: 104.",
        ),
    ];
    for (from, to, start) in cases {
        let text = with(&full(), from, to);
        let report = validate_str(&text);
        assert_eq!(report.issues.len(), 1, "{to}: {report}");
        assert!(
            report.issues[0].message.starts_with(start),
            "{to}: {}",
            report.issues[0].message
        );
    }
}

/// Every place a message names is a pointer from the top of the file, as
/// the issue's own pointer is: `/plan/deliverables/0/id`, never
/// `/deliverables/0/id`.
#[test]
fn pointers_in_messages_are_absolute() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/invalid");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("rule-") {
            continue;
        }
        let report = validate_str(&std::fs::read_to_string(&path).unwrap());
        for issue in &report.issues {
            for word in issue.message.split([' ', '`', ';', ',']) {
                if word.starts_with('/') && word.len() > 1 {
                    seen += 1;
                    assert!(
                        word.starts_with("/plan/") || word.starts_with("/reports/"),
                        "{name}: `{word}` in {issue}"
                    );
                }
            }
        }
    }
    assert!(seen >= 2, "the AP001 and AP013 fixtures name another place");
}
