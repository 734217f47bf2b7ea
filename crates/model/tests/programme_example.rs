//! The 1.1 reference example, `docs/examples/supply-chains-programme-2017-2021.json`,
//! loads into the model, passes validation without a problem, and uses the
//! members of format 1.1; small changes to it break the rules of 1.1 at
//! their pointers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use actionplan_model::{
    ActionPlan, ProgressReport, Rule, Scope, Severity, first_use_1_1, needs_1_1, uses_1_1, validate,
};

const EXAMPLE: &str = include_str!("data/supply-chains-programme-2017-2021.json");

fn load_with(change: impl FnOnce(&mut serde_json::Value)) -> (ActionPlan, Vec<ProgressReport>) {
    let mut v: serde_json::Value = serde_json::from_str(EXAMPLE).expect("example is JSON");
    change(&mut v);
    let plan = serde_json::from_value(v["plan"].clone()).expect("plan loads");
    let reports = serde_json::from_value(v["reports"].clone()).expect("reports load");
    (plan, reports)
}

/// The problems of the example after `change`, as (rule, scope, pointer).
fn problems(change: impl FnOnce(&mut serde_json::Value)) -> Vec<(Rule, Scope, String)> {
    let (plan, reports) = load_with(change);
    validate(&plan, &reports)
        .into_iter()
        .map(|p| (p.rule, p.scope, p.pointer))
        .collect()
}

#[test]
fn the_example_is_valid_without_warnings() {
    assert_eq!(problems(|_| {}), []);
}

#[test]
fn the_example_uses_1_1_from_its_period_on() {
    let (plan, reports) = load_with(|_| {});
    assert!(needs_1_1(&plan, &reports));
    let first = first_use_1_1(&plan, &reports).unwrap();
    assert_eq!(
        (first.scope, first.pointer.as_str()),
        (Scope::Plan, "/period")
    );
    let all = uses_1_1(&plan, &reports);
    for pointer in [
        "/items/0/span",
        "/items/2",
        "/deliverables/2/indicators/0/measure/baseline",
        "/deliverables/1/indicators/0/measure/cumulation",
        "/resources/exchange_rates",
        "/revisions",
    ] {
        assert!(
            all.iter().any(|u| u.pointer == pointer),
            "{pointer}: {all:#?}"
        );
    }
    assert!(all.iter().any(|u| u.scope == Scope::Report(0)
        && u.pointer == "/indicators/2/observations/0/disaggregation"));
}

#[test]
fn a_split_that_does_not_add_up_is_refused_at_the_split() {
    let found = problems(|v| {
        v["reports"][0]["indicators"][2]["observations"][0]["disaggregation"][0]["values"]["female"] =
            "130".into();
    });
    assert_eq!(
        found,
        [(
            Rule::SplitSum,
            Scope::Report(0),
            "/indicators/2/observations/0/disaggregation/0".to_owned()
        )]
    );
    assert_eq!(Rule::SplitSum.severity(), Severity::Error);
}

#[test]
fn a_percentage_split_is_not_summed() {
    let found = problems(|v| {
        v["reports"][0]["indicators"][3]["observations"][0]["disaggregation"] =
            serde_json::json!([{"dimension": "sex", "values": {"female": "30", "male": "38"}}]);
    });
    assert_eq!(found, []);
}

#[test]
fn a_unit_cycle_is_found_once() {
    let found = problems(|v| v["plan"]["units"][0]["parent"] = "enterprises".into());
    assert_eq!(
        found,
        [(Rule::UnitCycle, Scope::Plan, "/units/0/parent".to_owned())]
    );
}

#[test]
fn revisions_name_what_they_change_and_who_decided() {
    let found = problems(|v| {
        let r = &mut v["plan"]["revisions"][1];
        let r = r.as_object_mut().unwrap();
        r.remove("target");
        r.remove("decided_at");
        r.remove("document");
    });
    assert_eq!(
        found,
        [
            (
                Rule::RevisionChangesNothing,
                Scope::Plan,
                "/revisions/1".to_owned()
            ),
            (
                Rule::RevisionWithoutDecision,
                Scope::Plan,
                "/revisions/1".to_owned()
            ),
        ]
    );
}

#[test]
fn exchange_rates_are_positive_between_two_currencies_and_agree() {
    let found = problems(|v| {
        let rates = &mut v["plan"]["resources"]["exchange_rates"];
        rates[0]["rate"] = "-1".into();
        rates.as_array_mut().unwrap().push(serde_json::json!(
            {"from": "CHF", "to": "USD", "rate": "1.0120", "date": "2018-01-02"}
        ));
        rates.as_array_mut().unwrap().push(
            serde_json::json!({"from": "USD", "to": "USD", "rate": "1", "date": "2018-01-02"}),
        );
    });
    assert_eq!(
        found,
        [
            (
                Rule::ExchangeRateNotPositive,
                Scope::Plan,
                "/resources/exchange_rates/0/rate".to_owned()
            ),
            (
                Rule::ExchangeRateConflict,
                Scope::Plan,
                "/resources/exchange_rates/1/rate".to_owned()
            ),
            (
                Rule::ExchangeRateSameCurrency,
                Scope::Plan,
                "/resources/exchange_rates/2/to".to_owned()
            ),
        ]
    );
}

#[test]
fn dated_targets_keep_to_their_order_and_the_deadline() {
    let found = problems(|v| {
        let m = &mut v["plan"]["deliverables"][2]["indicators"][0]["measure"];
        m["targets"][0]["by"] = "2019-06".into();
    });
    // 2019-06 is after the deadline (2018-12) and after the next target.
    assert_eq!(
        found,
        [
            (
                Rule::DatedTargetAfterDeadline,
                Scope::Plan,
                "/deliverables/2/indicators/0/measure/targets/0/by".to_owned()
            ),
            (
                Rule::DatedTargetsOutOfOrder,
                Scope::Plan,
                "/deliverables/2/indicators/0/measure/targets/1/by".to_owned()
            ),
        ]
    );
}

#[test]
fn every_rule_has_a_distinct_code_and_name() {
    let codes: std::collections::BTreeSet<_> = Rule::ALL.iter().map(|r| r.code()).collect();
    let names: std::collections::BTreeSet<_> = Rule::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(codes.len(), Rule::ALL.len());
    assert_eq!(names.len(), Rule::ALL.len());
    assert_eq!(Rule::ALL.last().map(|r| r.code()), Some("AP036"));
}
