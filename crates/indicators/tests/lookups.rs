//! `PlanEvaluation`'s look-ups by id: what a renderer asks for every row.
//! They answer from positions built once, and stay right when the evaluation
//! is read back, cloned or changed.

use actionplan_indicators::{PlanEvaluation, Policy, evaluate};
use actionplan_model::{ActionPlan, NoResourceInformation, ProgressReport};
use time::macros::date;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn seed() -> Result<PlanEvaluation, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sme-action-plan-2016.json"
    ))?;
    let v: serde_json::Value = serde_json::from_str(&text)?;
    let plan: ActionPlan = serde_json::from_value(v["plan"].clone())?;
    let reports: Vec<ProgressReport> = serde_json::from_value(v["reports"].clone())?;
    Ok(evaluate(
        &plan,
        &reports,
        date!(2016 - 07 - 31),
        &Policy::default(),
        &NoResourceInformation,
    )?)
}

/// Every entry of every list is found under its id, and nothing else is.
fn assert_every_entry_found(e: &PlanEvaluation) {
    for i in &e.indicators {
        assert_eq!(e.indicator(i.indicator.as_str()), Some(i));
    }
    for d in &e.deliverables {
        assert_eq!(e.deliverable(d.deliverable.as_str()), Some(d));
    }
    for it in &e.items {
        assert_eq!(e.item(it.item.as_str()), Some(it));
    }
    for c in &e.categories {
        assert_eq!(e.category(c.category.as_str()), Some(c));
    }
    for b in &e.biennia {
        assert_eq!(e.biennium(b.biennium), Some(b));
    }
    assert!(e.indicator("no-such-indicator").is_none());
    assert!(
        e.deliverable("impact-briefs").is_none(),
        "ids of another kind"
    );
    assert!(e.item("").is_none());
}

#[test]
fn every_entry_is_found_by_its_id() -> TestResult {
    let e = seed()?;
    assert!(e.indicators.len() > 10);
    assert_every_entry_found(&e);
    Ok(())
}

#[test]
fn an_evaluation_read_back_finds_the_same_and_equals_the_original() -> TestResult {
    let e = seed()?;
    let _ = e.indicator("impact-briefs"); // builds the positions of `e` only
    let back: PlanEvaluation = serde_json::from_str(&serde_json::to_string(&e)?)?;
    assert_eq!(back, e, "the positions are no part of the value");
    assert_every_entry_found(&back);
    assert_every_entry_found(&e.clone());
    Ok(())
}

#[test]
fn a_changed_evaluation_is_still_answered_right() -> TestResult {
    let mut e = seed()?;
    assert_every_entry_found(&e);
    // A list that grew is searched.
    let mut extra = e.indicators[0].clone();
    extra.indicator = "added".parse()?;
    e.indicators.push(extra);
    assert_eq!(
        e.indicator("added").map(|i| i.indicator.as_str()),
        Some("added")
    );
    // An entry moved under an id is confirmed, and found where it now is.
    e.indicators.swap(0, 1);
    assert_every_entry_found(&e);
    // A rename in place is seen once the positions are rebuilt.
    e.indicators[0].indicator = "renamed".parse()?;
    e.reindex();
    assert_eq!(
        e.indicator("renamed").map(|i| i.indicator.as_str()),
        Some("renamed")
    );
    assert_every_entry_found(&e);
    Ok(())
}
