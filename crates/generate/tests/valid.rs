//! Generated files are valid exchange files, the same bytes for the same
//! input, and exercise every part of the format.

#![allow(clippy::unwrap_used)] // a helper outside #[test]: a failure is the test failing
use actionplan_generate::{Error, Generator, MAX_INDICATORS, MIN_INDICATORS};
use actionplan_interchange::{Envelope, read_str, to_canonical_string, validate_str};
use actionplan_model::{
    ActionPlan, Deliverable, Language, Measure, MeasureKind, Observation, ProgressReport,
    ResourceState, Status, TargetMode, is_valid, validate,
};
use std::collections::BTreeSet;

fn generate(n: u64, seed: u64) -> String {
    let bytes = Generator::new(n, seed).unwrap().to_vec().unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn files_of_several_sizes_and_seeds_pass_every_layer_of_validation() {
    for (n, seed) in [(100, 0), (100, u64::MAX), (137, 1), (400, 42), (1000, 7)] {
        let text = generate(n, seed);
        let report = validate_str(&text);
        assert!(report.is_valid(), "{n} indicators, seed {seed}:\n{report}");
        let file = read_str(&text).unwrap();
        let problems = validate(&file.plan, &file.reports);
        assert!(is_valid(&problems), "{n}/{seed}: {problems:?}");
        // Not even a warning: a benchmark measures the path of a clean file.
        assert!(problems.is_empty(), "{n}/{seed}: {problems:?}");
        assert!(report.issues.is_empty(), "{report}");
        assert_eq!(file.plan.indicators().count() as u64, n);
    }
}

#[test]
fn the_streamed_bytes_are_the_canonical_form_of_the_built_model() {
    for (n, seed) in [(100, 3), (300, 11)] {
        let generator = Generator::new(n, seed).unwrap();
        let (plan, reports) = generator.build().unwrap();
        let text = String::from_utf8(generator.to_vec().unwrap()).unwrap();
        assert_eq!(text, to_canonical_string(&Envelope::new(plan, reports)));
    }
}

#[test]
fn the_same_indicators_and_seed_give_the_same_bytes_and_another_seed_does_not() {
    assert_eq!(generate(150, 5), generate(150, 5));
    assert_ne!(generate(150, 5), generate(150, 6));
}

#[test]
fn sizes_outside_the_supported_range_are_refused() {
    for n in [0, MIN_INDICATORS - 1, MAX_INDICATORS + 1] {
        assert!(matches!(
            Generator::new(n, 0),
            Err(Error::Indicators { given }) if given == n
        ));
    }
}

fn thousand() -> (ActionPlan, Vec<ProgressReport>) {
    Generator::new(1000, 9).unwrap().build().unwrap()
}

#[test]
fn a_thousand_indicators_exercise_every_part_of_the_plan() {
    let (plan, _) = thousand();
    let kinds: BTreeSet<_> = plan
        .indicators()
        .map(|(_, i)| i.measure.kind().as_str())
        .collect();
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    let counts: Vec<_> = plan
        .indicators()
        .filter_map(|(_, i)| match &i.measure {
            Measure::Count(c) => Some(c),
            _ => None,
        })
        .collect();
    assert!(
        counts
            .iter()
            .any(|c| c.target_mode == TargetMode::Additional)
    );
    assert!(
        counts
            .iter()
            .any(|c| c.target_mode == TargetMode::Absolute && c.baseline.is_some())
    );
    assert!(plan.categories.len() >= 5);
    assert!(plan.biennia.len() >= 2);
    let item_biennia: BTreeSet<_> = plan.items.iter().map(|i| i.biennium).collect();
    assert_eq!(item_biennia.len(), plan.biennia.len());
    assert!(plan.items.iter().any(|i| i.deliverables.len() > 1));
    assert!(
        plan.deliverables
            .iter()
            .any(Deliverable::depends_on_mobilization)
    );
    assert!(
        plan.deliverables
            .iter()
            .any(|d| plan.items_of(&d.id).count() > 1),
        "a shared deliverable"
    );
    let french = plan
        .deliverables
        .iter()
        .flat_map(|d| &d.indicators)
        .filter(|i| i.text.get(Language::Fr).is_some())
        .count();
    assert!(
        french > 50 && french < 400,
        "{french} indicators in French too"
    );
}

#[test]
fn a_thousand_indicators_exercise_every_part_of_the_resources() {
    let (plan, _) = thousand();
    let r = &plan.resources;
    let states: BTreeSet<_> = r.lines.iter().map(|l| format!("{:?}", l.state)).collect();
    assert_eq!(states.len(), 4, "{states:?}");
    assert!(r.lines.iter().any(|l| {
        l.state == ResourceState::Underfunded
            && l.secured
                .zip(l.required)
                .is_some_and(|(s, q)| s.amount < q.amount)
    }));
    assert!(!r.requests.is_empty());
    assert!(r.sources.len() >= 4);
    for p in &r.portfolios {
        let (_, ind) = plan.indicator(&p.indicator).unwrap();
        assert_eq!(ind.measure.kind(), MeasureKind::Money);
    }
    assert!(!r.portfolios.is_empty());
}

#[test]
fn a_thousand_indicators_exercise_every_part_of_the_reports() {
    let (_, reports) = thousand();
    assert!(reports.len() >= 4);
    let entries: Vec<_> = reports.iter().flat_map(|r| &r.indicators).collect();
    let observed: BTreeSet<_> = entries
        .iter()
        .flat_map(|e| &e.observations)
        .map(|o| o.kind().as_str())
        .collect();
    assert_eq!(observed.len(), 5, "{observed:?}");
    assert!(entries.iter().any(|e| e.observations.len() > 1));
    assert!(entries.iter().any(|e| e.forecast.is_some()));
    assert!(entries.iter().any(|e| !e.footnotes.is_empty()));
    let statuses: BTreeSet<Status> = entries.iter().filter_map(|e| e.status).collect();
    for s in [
        Status::Achieved,
        Status::AchievedLate,
        Status::OnTrack,
        Status::AtRisk,
        Status::Overdue,
        Status::NotStarted,
        Status::PendingResources,
    ] {
        assert!(statuses.contains(&s), "no entry asserts {s}");
    }
    assert!(
        entries
            .iter()
            .any(|e| matches!(e.observations.first(), Some(Observation::Milestone(_))))
    );
    assert!(
        reports
            .iter()
            .all(|r| !r.deliverables.is_empty() && !r.footnotes.is_empty())
    );
    assert!(
        reports
            .iter()
            .all(|r| r.document.is_some() && !r.sections.is_empty())
    );
}

#[test]
fn the_file_grows_linearly_with_the_indicators() {
    let small = generate(500, 1).len();
    let large = generate(4000, 1).len();
    // 8x the indicators: between 7x and 9x the bytes, in integers.
    assert!(
        (small * 7..small * 9).contains(&large),
        "8x the indicators gave {large} bytes from {small}"
    );
}
