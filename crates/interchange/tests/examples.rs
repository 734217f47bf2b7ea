//! Every example in `docs/examples/` validates without errors (warnings
//! such as the seed's AP005 are allowed) and rewrites canonically to a fixed
//! point.

use actionplan_interchange::{read_str, to_canonical_string, validate_str};
use std::path::PathBuf;

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

#[test]
fn examples_validate_without_errors() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = validate_str(&text);
        assert!(!report.has_errors(), "{}:\n{report}", path.display());
        assert!(report.issues.iter().all(|i| i.line.is_some()), "{report}");
    }
}

#[test]
fn canonical_rewrite_is_a_fixed_point() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let once = to_canonical_string(&read_str(&text).unwrap());
        let twice = to_canonical_string(&read_str(&once).unwrap());
        assert_eq!(once, twice, "{}", path.display());
        let key = |t: &str| {
            validate_str(t)
                .issues
                .into_iter()
                .map(|i| (i.code, i.pointer, i.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&once), key(&text), "{}", path.display());
    }
}

/// Every example is committed in canonical form: the writer gives back the
/// same bytes (the seed as version 1.0, the 1.1 example as 1.1). Rewrite
/// one with `ACTIONPLAN_UPDATE_EXAMPLES=1`.
#[test]
fn examples_are_canonical_and_keep_their_version() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let envelope = read_str(&text).unwrap();
        let canonical = to_canonical_string(&envelope);
        if std::env::var_os("ACTIONPLAN_UPDATE_EXAMPLES").is_some() {
            std::fs::write(&path, &canonical).unwrap();
            continue;
        }
        assert!(
            canonical == text,
            "{} is not in canonical form; rewrite it with ACTIONPLAN_UPDATE_EXAMPLES=1",
            path.display()
        );
        assert_eq!(
            envelope.version,
            actionplan_interchange::FormatVersion::lowest_for(&envelope.plan, &envelope.reports),
            "{}: an example states the lowest version that holds it",
            path.display()
        );
    }
}

#[test]
fn the_1_1_example_is_present_and_uses_1_1() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("docs/examples/supply-chains-programme-2017-2021.json");
    let envelope = read_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(
        envelope.version,
        actionplan_interchange::FormatVersion::V1_1
    );
    assert!(actionplan_model::needs_1_1(
        &envelope.plan,
        &envelope.reports
    ));
}

#[test]
fn seed_example_is_present() {
    assert!(
        examples()
            .iter()
            .any(|p| p.ends_with("sme-action-plan-2016.json")),
        "docs/examples/sme-action-plan-2016.json is missing"
    );
}

#[test]
fn example_in_the_format_page_is_valid() {
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/exchange-format.md");
    let page = std::fs::read_to_string(page).unwrap();
    let start = page.find("```json\n").unwrap() + "```json\n".len();
    let end = start + page[start..].find("```").unwrap();
    let report = validate_str(&page[start..end]);
    assert!(report.is_empty(), "{report}");
}
