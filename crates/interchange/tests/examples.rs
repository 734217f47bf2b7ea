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
