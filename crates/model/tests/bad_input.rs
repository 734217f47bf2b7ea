//! Bad input is refused with a message that names the place and says what
//! was expected.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use actionplan_model::{ActionPlan, Rule, validate};

const EXAMPLE: &str = include_str!("data/sme-action-plan-2016.json");

fn plan_text() -> String {
    let v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    serde_json::to_string_pretty(&v["plan"]).unwrap()
}

fn refuse(text: &str) -> String {
    match serde_json::from_str::<ActionPlan>(text) {
        Ok(_) => panic!("accepted bad input"),
        Err(e) => {
            assert!(e.line() > 0, "no position in {e}");
            e.to_string()
        }
    }
}

#[test]
fn a_date_that_does_not_exist() {
    let text = plan_text().replace("\"2016-10-27\"", "\"2016-02-30\"");
    let msg = refuse(&text);
    assert!(msg.contains("`2016-02-30` is not a date"), "{msg}");
    assert!(msg.contains("line"), "{msg}");
}

#[test]
fn month_thirteen() {
    let text = plan_text().replace("\"2016-03\"", "\"2016-13\"");
    let msg = refuse(&text);
    assert!(msg.contains("`2016-13` is not a month"), "{msg}");
}

#[test]
fn a_number_where_a_decimal_string_belongs() {
    let text = plan_text().replace("\"84000000\"", "84000000");
    let msg = refuse(&text);
    assert!(msg.contains("expected a string"), "{msg}");
}

#[test]
fn a_decimal_with_an_exponent() {
    let text = plan_text().replace("\"84000000\"", "\"8.4e7\"");
    let msg = refuse(&text);
    assert!(msg.contains("`8.4e7` is not a decimal"), "{msg}");
}

#[test]
fn an_unknown_field() {
    let text = plan_text().replacen(
        "\"endorsed_at\"",
        "\"endorsed_by\": \"x\", \"endorsed_at\"",
        1,
    );
    let msg = refuse(&text);
    assert!(msg.contains("unknown field `endorsed_by`"), "{msg}");
}

#[test]
fn an_empty_id() {
    let text = plan_text().replacen("\"id\": \"ilc-104\"", "\"id\": \"\"", 1);
    let msg = refuse(&text);
    assert!(msg.contains("is not a valid id"), "{msg}");
}

#[test]
fn a_reversed_paragraph_range() {
    let text = plan_text().replace("20(a)–(f)", "20(f)–(a)");
    let msg = refuse(&text);
    assert!(
        msg.contains("`20(f)–(a)` is not a paragraph reference"),
        "{msg}"
    );
}

#[test]
fn a_dangling_reference_is_named_by_pointer() {
    let text = plan_text().replacen(
        "\"category\": \"country-level-work\"",
        "\"category\": \"country-work\"",
        1,
    );
    let plan: ActionPlan = serde_json::from_str(&text).unwrap();
    let problems = validate(&plan, &[]);
    let p = problems
        .iter()
        .find(|p| p.rule == Rule::UnresolvedReference)
        .expect("dangling category reported");
    assert_eq!(p.pointer, "/items/5/category");
    assert!(p.message.contains("`country-work`"), "{}", p.message);
    assert_eq!(p.rule.code(), "AP002");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = plan_text()
        .replacen(
            "\"category\": \"country-level-work\"",
            "\"category\": \"x\"",
            1,
        )
        .replace("\"target\": \"70\"", "\"target\": \"170\"")
        .replacen("\"id\": \"eese-cpos\"", "\"id\": \"eese-review-report\"", 1);
    let plan: ActionPlan = serde_json::from_str(&text).unwrap();
    let rules: Vec<Rule> = validate(&plan, &[]).into_iter().map(|p| p.rule).collect();
    for r in [
        Rule::UnresolvedReference,
        Rule::PercentageOutOfRange,
        Rule::DuplicateId,
    ] {
        assert!(rules.contains(&r), "{r:?} missing from {rules:?}");
    }
}

#[test]
fn a_target_behind_its_baseline() {
    let text = plan_text().replace("\"100000000\"", "\"80000000\"");
    let plan: ActionPlan = serde_json::from_str(&text).unwrap();
    let problems = validate(&plan, &[]);
    let p = problems
        .iter()
        .find(|p| p.rule == Rule::TargetNotBeyondBaseline)
        .unwrap();
    assert_eq!(
        p.pointer,
        "/deliverables/11/indicators/0/measure/target/amount"
    );
}
