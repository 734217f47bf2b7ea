//! Format versions: the reader takes 1.0 and 1.1 files, refuses a 1.0 file
//! that uses a 1.1 member (with the member's pointer, with or without the
//! schema validator), and the writer keeps a file's version unless its
//! content needs 1.1.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_interchange::{
    Code, Envelope, EnvelopeKind, FormatVersion, ReadError, read_str, to_canonical_string,
    validate_str, write_writer,
};
use actionplan_model::{OrgUnit, Period, Text};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/valid/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/docs/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn both_versions_round_trip_byte_for_byte() {
    for text in [
        example("sme-action-plan-2016.json"),
        example("supply-chains-programme-2017-2021.json"),
    ] {
        let envelope = read_str(&text).unwrap();
        assert_eq!(to_canonical_string(&envelope), text);
    }
    let seed = read_str(&example("sme-action-plan-2016.json")).unwrap();
    assert_eq!(seed.version, FormatVersion::V1_0);
}

#[test]
fn a_1_0_file_that_uses_a_1_1_member_is_refused_at_the_member() {
    let text = example("supply-chains-programme-2017-2021.json").replacen(
        "\"version\": \"1.1\"",
        "\"version\": \"1.0\"",
        1,
    );
    let err = read_str(&text).unwrap_err();
    let ReadError::Invalid {
        code,
        pointer,
        line,
        message,
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(*code, Code::Envelope(EnvelopeKind::Version));
    assert_eq!(pointer, "/plan/period");
    assert!(line.is_some());
    assert!(
        message.contains("\"version\": \"1.0\"") && message.contains("`period`"),
        "{message}"
    );
    let report = validate_str(&text);
    assert!(report.has_errors());
    assert!(
        report
            .issues
            .iter()
            .any(|i| i.pointer == "/plan/period" && i.message.contains("1.1")),
        "{report}"
    );
}

#[test]
fn a_1_0_file_without_biennia_is_refused_naming_the_version() {
    let text = fixture("minimal.json").replace("\"biennia\": [\n      \"2016-17\"\n    ],", "");
    assert!(!text.contains("biennia"), "{text}");
    let err = read_str(&text).unwrap_err();
    assert_eq!(err.pointer(), Some("/plan/biennia"));
    assert!(err.to_string().contains("requires \"biennia\""), "{err}");
    // As 1.1 the same plan is read, and validation says what it lacks.
    let as_1_1 = text.replacen("\"1.0\"", "\"1.1\"", 1);
    read_str(&as_1_1).unwrap();
    let report = validate_str(&as_1_1);
    assert!(
        report.issues.iter().any(|i| i.code.to_string() == "AP018"),
        "{report}"
    );
}

#[test]
fn the_writer_keeps_1_0_and_raises_to_1_1_only_when_needed() {
    let mut envelope = read_str(&fixture("full.json")).unwrap();
    assert_eq!(envelope.version, FormatVersion::V1_0);
    assert!(to_canonical_string(&envelope).contains("\"version\": \"1.0\""));
    envelope.plan.units.push(OrgUnit::new(
        "enterprises".parse().unwrap(),
        Text::en("Enterprises").unwrap(),
    ));
    let text = to_canonical_string(&envelope);
    assert!(text.contains("\"version\": \"1.1\""), "{text}");
    assert_eq!(read_str(&text).unwrap().version, FormatVersion::V1_1);
    let mut out = Vec::new();
    write_writer(&mut out, &envelope).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), text);
    // A 1.1 file that uses nothing of 1.1 stays 1.1.
    let mut plain = read_str(&fixture("full.json")).unwrap();
    plain.version = FormatVersion::V1_1;
    assert!(to_canonical_string(&plain).contains("\"version\": \"1.1\""));
}

#[test]
fn a_new_envelope_gets_the_lowest_version_that_holds_it() {
    let seed = read_str(&fixture("full.json")).unwrap();
    let fresh = Envelope::new(seed.plan.clone(), seed.reports.clone());
    assert_eq!(fresh.version, FormatVersion::V1_0);
    let mut plan = seed.plan;
    plan.period = Some(Period::new(
        "2016-01".parse().unwrap(),
        "2019-12".parse().unwrap(),
    ));
    assert_eq!(
        Envelope::new(plan, seed.reports).version,
        FormatVersion::V1_1
    );
}

#[test]
fn versions_parse_and_print() {
    for v in [FormatVersion::V1_0, FormatVersion::V1_1] {
        assert_eq!(FormatVersion::parse(v.as_str()), Some(v));
    }
    assert_eq!(actionplan_interchange::SUPPORTED_VERSIONS, ["1.0", "1.1"]);
    assert_eq!(actionplan_interchange::CURRENT_VERSION, FormatVersion::V1_1);
    assert!(FormatVersion::V1_0 < FormatVersion::V1_1);
}
