//! The seed document through every core crate together, as an embedder
//! would use them: read and validate the file, evaluate it with the funding
//! crate's answer to the resources question, account for its funding,
//! render it, and check that a canonical rewrite changes none of it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use actionplan::funding::{PlanFundingAnswer, overview};
use actionplan::indicators::{Policy, evaluate};
use actionplan::interchange::{check_str, read_str, to_canonical_string};
use actionplan::model::{NoResourceInformation, Status};
use actionplan_report::{Format, Options, assess, build, render};
use time::macros::date;

const SEED: &str = include_str!("../docs/examples/sme-action-plan-2016.json");

#[test]
fn the_funding_answer_decides_pending_resources() {
    let file = read_str(SEED).unwrap();
    let as_of = date!(2016 - 07 - 31);
    let with = evaluate(
        &file.plan,
        &file.reports,
        as_of,
        &Policy::default(),
        &PlanFundingAnswer::new(&file.plan, as_of),
    )
    .unwrap();
    let without = evaluate(
        &file.plan,
        &file.reports,
        as_of,
        &Policy::default(),
        &NoResourceInformation,
    )
    .unwrap();
    let brief = |e: &actionplan::indicators::PlanEvaluation| {
        e.indicator("social-dialogue-brief").unwrap().derived
    };
    assert_eq!(brief(&with), Status::PendingResources);
    assert_ne!(brief(&without), Status::PendingResources);
    // Without the answer, the report's own assertion still stands.
    assert_eq!(
        without.indicator("social-dialogue-brief").unwrap().standing,
        Status::PendingResources
    );
    let waiting: Vec<String> = overview(&file.plan, &file.reports, as_of)
        .waiting
        .iter()
        .map(|w| w.deliverable.to_string())
        .collect();
    assert_eq!(waiting, ["social-dialogue-study", "growth-cpos"]);
}

#[test]
fn a_canonical_rewrite_changes_nothing_that_matters() {
    let file = read_str(SEED).unwrap();
    let canonical = to_canonical_string(&file);
    assert_eq!(
        canonical, SEED,
        "the committed example is in canonical form"
    );
    let again = read_str(&canonical).unwrap();
    assert_eq!(again, file);
    let as_of = date!(2016 - 07 - 31);
    let view = |f: &actionplan::interchange::Envelope| {
        let a = assess(&f.plan, &f.reports, as_of, &Policy::default()).unwrap();
        render(
            &build(
                &f.plan,
                &f.reports,
                &a.evaluation,
                &a.funding,
                &Options::default(),
            ),
            Format::Json,
        )
    };
    assert_eq!(view(&file), view(&again));
}

#[test]
fn the_example_validates_with_the_one_warning_the_seed_earns() {
    let checked = check_str(SEED);
    assert!(checked.report.is_valid());
    let rules: Vec<String> = checked
        .report
        .issues
        .iter()
        .map(|i| i.code.to_string())
        .collect();
    assert_eq!(rules, ["AP005"]);
}
