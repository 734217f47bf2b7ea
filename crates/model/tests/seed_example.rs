//! The seed document's plan and progress report, as committed in
//! `docs/examples/sme-action-plan-2016.json`, load into the model and pass
//! validation, with the figures the seed states.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use actionplan_model::{
    ActionPlan, Biennium, DeliverableId, Direction, Measure, MeasureKind, Observation,
    ParagraphRef, ProgressReport, ResourceState, Rule, Severity, Status, TargetMode, YearMonth,
    validate,
};
use rust_decimal::Decimal;
use std::str::FromStr;

const EXAMPLE: &str = include_str!("data/sme-action-plan-2016.json");

fn load() -> (ActionPlan, Vec<ProgressReport>) {
    let v: serde_json::Value = serde_json::from_str(EXAMPLE).expect("example is JSON");
    let plan = serde_json::from_value(v["plan"].clone()).expect("plan loads");
    let reports = serde_json::from_value(v["reports"].clone()).expect("reports load");
    (plan, reports)
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test decimal")
}

#[test]
fn example_validates_with_only_the_seeds_own_deadline_warning() {
    let (plan, reports) = load();
    let problems = validate(&plan, &reports);
    // The seed gives a 2018–19 indicator a 12/2017 deadline: a warning, kept
    // because the seed says so.
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].rule, Rule::DeadlineOutsideSpan);
    assert_eq!(problems[0].severity(), Severity::Warning);
    assert_eq!(
        problems[0].pointer,
        "/deliverables/10/indicators/0/deadline"
    );
}

#[test]
fn plan_spans_two_biennia_and_reports_to_two_sessions() {
    let (plan, _) = load();
    assert_eq!(
        plan.biennia,
        vec![
            Biennium::starting(2016).unwrap(),
            Biennium::starting(2018).unwrap()
        ]
    );
    let (start, end) = plan.span().unwrap();
    assert_eq!(
        (start.to_string(), end.to_string()),
        ("2016-01".into(), "2019-12".into())
    );
    let reporting: Vec<u32> = plan
        .reporting
        .iter()
        .map(|id| plan.session(id).unwrap().number)
        .collect();
    assert_eq!(reporting, vec![328, 331]);
    assert_eq!(plan.session(&plan.endorsed_at).unwrap().ordinal(), "325th");
}

#[test]
fn every_row_of_section_three_is_there() {
    let (plan, _) = load();
    let refs: Vec<String> = plan
        .items
        .iter()
        .map(|i| {
            i.paragraphs
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    assert_eq!(
        refs,
        [
            "20(b)",
            "9(a)",
            "20(e)",
            "21",
            "21",
            "20(b)",
            "20(c)",
            "20(a)",
            "20(a)–(f)"
        ]
    );
    assert_eq!(plan.items.len(), 9);
    assert_eq!(plan.deliverables.len(), 12);
    assert_eq!(plan.indicators().count(), 11);
    // The 9(a) row shares the EESE review's deliverable.
    assert_eq!(plan.items[0].deliverables, plan.items[1].deliverables);
    let range = ParagraphRef::from_str("20(a)–(f)").unwrap();
    assert_eq!(plan.items[8].paragraphs, vec![range]);
    assert_eq!(
        plan.items[8].biennium,
        Some(Biennium::starting(2018).unwrap())
    );
}

#[test]
fn eese_review_is_due_in_march_2016() {
    let (plan, _) = load();
    let (_, ind) = plan
        .indicator(&"eese-review-published".parse().unwrap())
        .unwrap();
    assert_eq!(ind.deadline, Some(YearMonth::from_str("2016-03").unwrap()));
    assert_eq!(ind.deadline.unwrap().last_day().to_string(), "2016-03-31");
    assert_eq!(ind.measure.kind(), MeasureKind::Milestone);
}

#[test]
fn seven_additional_member_states_over_a_baseline_of_eight() {
    let (plan, _) = load();
    let (_, ind) = plan
        .indicator(&"eese-member-states".parse().unwrap())
        .unwrap();
    let Measure::Count(c) = &ind.measure else {
        panic!("count expected")
    };
    assert_eq!(c.baseline_value(), Some(dec("8")));
    assert_eq!(c.target, dec("7"));
    assert_eq!(c.target_mode, TargetMode::Additional);
    assert_eq!(c.direction, Direction::Increase);
    assert_eq!(c.absolute_target(), Some(dec("15")));
    assert_eq!(
        ind.data_source.as_ref().unwrap().to_string(),
        "indicator 4.1 of the ILO results measurement framework"
    );
}

#[test]
fn seventy_per_cent_of_participants() {
    let (plan, _) = load();
    let (_, ind) = plan
        .indicator(&"events-evaluation".parse().unwrap())
        .unwrap();
    let Measure::Percentage(p) = &ind.measure else {
        panic!("percentage expected")
    };
    assert_eq!(p.target, dec("70"));
    assert_eq!(p.of.as_ref().unwrap().to_string(), "participants");
}

#[test]
fn xbtc_portfolio_from_84_to_100_million_usd() {
    let (plan, _) = load();
    let portfolio = &plan.resources.portfolios[0];
    let (_, ind) = plan.indicator(&portfolio.indicator).unwrap();
    let Measure::Money(m) = &ind.measure else {
        panic!("money expected")
    };
    let base = m.baseline.clone().unwrap();
    assert_eq!(base.amount.amount, dec("84000000"));
    assert_eq!(base.amount.currency.as_str(), "USD");
    assert_eq!(base.as_of.to_string(), "2015-08-15");
    assert_eq!(m.target.amount, dec("100000000"));
    assert_eq!(m.target.currency.as_str(), "USD");
    assert_eq!(
        ind.deadline, None,
        "the seed gives the portfolio no deadline"
    );
}

#[test]
fn resource_facts_of_the_seed() {
    let (plan, _) = load();
    let r = &plan.resources;
    let req = &r.requests[0];
    assert_eq!(req.count, 4);
    assert!(req.requires_reallocation);
    assert_eq!(req.cost, None);
    let waiting: Vec<&str> = r
        .lines
        .iter()
        .filter(|l| l.state == ResourceState::NotAllocated)
        .flat_map(|l| l.deliverables.iter().map(DeliverableId::as_str))
        .collect();
    assert_eq!(waiting, ["social-dialogue-study"]);
    let conditional: Vec<&str> = plan
        .deliverables
        .iter()
        .filter(|d| d.depends_on_mobilization())
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(conditional, ["growth-cpos"]);
}

#[test]
fn progress_as_of_july_2016() {
    let (_, reports) = load();
    let r = &reports[0];
    assert_eq!(r.as_of.to_string(), "2016-07");
    assert_eq!(r.as_of.latest().to_string(), "2016-07-31");
    let proc = r
        .indicator(&"procurement-report-published".parse().unwrap())
        .unwrap();
    let [Observation::Milestone(m)] = proc.observations.as_slice() else {
        panic!("one milestone observation expected")
    };
    assert_eq!(m.completed.to_string(), "2016-05");
    let briefs = r.indicator(&"impact-briefs".parse().unwrap()).unwrap();
    let f = briefs.forecast.as_ref().unwrap();
    assert_eq!(f.value, Some(dec("6")));
    assert_eq!(briefs.footnotes[0].as_str(), "fn-1");
    let tools = r
        .indicator(&"formalization-toolkit".parse().unwrap())
        .unwrap();
    assert_eq!(tools.status, Some(Status::OnTrack));
    let doc = r.document.as_ref().unwrap();
    assert_eq!(doc.symbol, "GB.328/INS/8");
    assert_eq!(doc.draft_decision.as_ref().unwrap().points.len(), 3);
    assert_eq!(
        doc.strategic_objective
            .as_ref()
            .unwrap()
            .outcomes
            .iter()
            .map(|o| o.number)
            .collect::<Vec<_>>(),
        [1, 4, 5, 6, 10]
    );
}
