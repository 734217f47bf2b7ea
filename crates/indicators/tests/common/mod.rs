//! Plans and reports built in code for the tests: one item, one deliverable,
//! one indicator, in a plan spanning 2016–17 and 2018–19.
#![allow(dead_code)]
// Fixtures are literals: a fixture that does not read is a bug in the test.
#![allow(clippy::panic)]

use actionplan_indicators::{IndicatorEvaluation, Policy, evaluate_indicator};
use actionplan_model::{ActionPlan, Deliverable, ProgressReport};
use serde_json::{Value, json};
use time::Date;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A plan whose only indicator `ind` has `measure` and `deadline`, in an
/// item of `biennium`.
pub fn plan(measure: Value, deadline: Option<&str>, biennium: &str) -> ActionPlan {
    let mut indicator = json!({"id": "ind", "text": {"en": "An indicator"}});
    indicator["measure"] = measure;
    if let Some(d) = deadline {
        indicator["deadline"] = json!(d);
    }
    let v = json!({
        "id": "plan", "title": {"en": "A plan"},
        "resolution": {"title": {"en": "A resolution"}, "adopted_at": "ilc"},
        "endorsed_at": "gb", "biennia": ["2016-17", "2018-19"],
        "categories": [{"id": "cat", "name": {"en": "A category"}}],
        "items": [{"id": "item", "text": {"en": "An item"}, "paragraphs": ["21"],
                   "category": "cat", "biennium": biennium, "deliverables": ["del"]}],
        "deliverables": [{"id": "del", "text": {"en": "A deliverable"}, "indicators": [indicator]}]
    });
    match serde_json::from_value(v) {
        Ok(p) => p,
        Err(e) => panic!("test plan does not read: {e}"),
    }
}

/// A report as of `as_of` with one entry for `ind`.
pub fn report(id: &str, as_of: &str, entry: Value) -> ProgressReport {
    let mut entry = entry;
    entry["indicator"] = json!("ind");
    let v = json!({"id": id, "as_of": as_of, "indicators": [entry]});
    match serde_json::from_value(v) {
        Ok(r) => r,
        Err(e) => panic!("test report does not read: {e}"),
    }
}

/// A resource answer that is always `waits`.
pub fn waits(waits: bool) -> impl Fn(&ActionPlan, &Deliverable, Date) -> bool {
    move |_: &ActionPlan, _: &Deliverable, _: Date| waits
}

/// Evaluates the plan's only indicator.
pub fn eval_with(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    as_of: Date,
    policy: &Policy,
    awaits: bool,
) -> Result<IndicatorEvaluation, actionplan_indicators::EvaluationError> {
    let d = &plan.deliverables[0];
    evaluate_indicator(
        plan,
        reports,
        d,
        &d.indicators[0],
        as_of,
        policy,
        &waits(awaits),
    )
}

/// [`eval_with`] with the default policy and nothing waiting.
pub fn eval(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    as_of: Date,
) -> Result<IndicatorEvaluation, actionplan_indicators::EvaluationError> {
    eval_with(plan, reports, as_of, &Policy::default(), false)
}
