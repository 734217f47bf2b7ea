//! Figures and dates at the ends of what a file may hold: evaluation ends in
//! a result, never a panic, and states a figure it cannot compute.

mod common;

use actionplan_indicators::{
    CannotCompute, Figure, IndicatorEvaluation, MAX_GRACE_DAYS, Policy, evaluate, gain,
};
use actionplan_model::{
    ActionPlan, Direction, Measure, NoResourceInformation, Observation, ProgressReport, Status,
};
use common::{TestResult, eval, eval_with, plan, report};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;
use time::Date;
use time::macros::date;

fn reasons(e: &IndicatorEvaluation, figure: Figure) -> Vec<String> {
    e.cannot_compute
        .iter()
        .filter(|c| c.figure == figure)
        .map(CannotCompute::to_string)
        .collect()
}

/// Issue 9: a count observed as 28 nines panicked `actionplan evaluate`
/// ("Multiplication overflowed") when progress was shown as a percentage.
#[test]
fn a_count_of_28_nines_is_achieved_and_its_percentage_stated_as_not_computable() -> TestResult {
    let measure = json!({"kind": "count", "target": "1"});
    let p = plan(measure, Some("2017-12"), "2016-17");
    let r = report(
        "r",
        "2016-07",
        json!({"observations": [{"kind": "count", "value": "9999999999999999999999999999"}]}),
    );
    let e = eval(&p, &[r], date!(2016 - 07 - 31))?;
    assert_eq!(e.standing, Status::Achieved);
    assert_eq!(e.observed, Some("9999999999999999999999999999".parse()?));
    assert_eq!(e.progress, None);
    assert_eq!(e.progress_percent(), None);
    assert_eq!(
        reasons(&e, Figure::Progress),
        [
            "cannot compute progress: 9999999999999999999999999999 × 100 overflows (progress shown as a percentage)"
        ]
    );
    // Stated on the wire too, where an ordinary evaluation has no such key.
    let wire = serde_json::to_value(&e)?;
    assert_eq!(wire["cannot_compute"][0]["figure"], "progress");
    Ok(())
}

/// Issue 9: a percentage target of 10⁻²⁷ observed at 1 panicked the same way.
#[test]
fn a_tiny_percentage_target_observed_at_one_states_progress_as_not_computable() -> TestResult {
    let measure = json!({"kind": "percentage", "target": "0.000000000000000000000000001"});
    let p = plan(measure, Some("2017-12"), "2016-17");
    let r = report(
        "r",
        "2016-07",
        json!({"observations": [{"kind": "percentage", "value": "1"}]}),
    );
    let e = eval(&p, &[r], date!(2016 - 07 - 31))?;
    assert_eq!(e.standing, Status::Achieved);
    assert_eq!(e.progress, None);
    assert_eq!(
        reasons(&e, Figure::Progress),
        [
            "cannot compute progress: 1000000000000000000000000000 × 100 overflows (progress shown as a percentage)"
        ]
    );
    Ok(())
}

#[test]
fn an_ordinary_evaluation_states_nothing_and_has_no_such_key() -> TestResult {
    let p = plan(
        json!({"kind": "count", "target": "4"}),
        Some("2017-12"),
        "2016-17",
    );
    let r = report(
        "r",
        "2016-07",
        json!({"observations": [{"kind": "count", "value": "1"}]}),
    );
    let e = eval(&p, &[r], date!(2016 - 07 - 31))?;
    assert!(e.cannot_compute.is_empty());
    assert_eq!(e.progress_percent(), Some(Decimal::from(25)));
    assert!(serde_json::to_value(&e)?.get("cannot_compute").is_none());
    Ok(())
}

/// Sets the count measure of the plan's only indicator, beyond what a file
/// may hold (28 digits) but not beyond what a program may build.
fn with_count(p: &mut ActionPlan, baseline: Decimal, target: Decimal) {
    for d in &mut p.deliverables {
        for i in &mut d.indicators {
            if let Measure::Count(c) = &mut i.measure {
                c.baseline = Some(baseline.into());
                c.target = target;
            }
        }
    }
}

/// Issue 9: a percentage progress whose quotient itself is beyond a decimal.
#[test]
fn a_quotient_beyond_every_decimal_is_stated() -> TestResult {
    let measure = json!({"kind": "percentage", "target": "0.000000000000000000000000001"});
    let p = plan(measure, Some("2017-12"), "2016-17");
    let r = report(
        "r",
        "2016-07",
        json!({"observations": [{"kind": "percentage", "value": "-9999999999999999999999999999"}]}),
    );
    let e = eval(&p, &[r], date!(2016 - 07 - 31))?;
    assert_eq!(e.progress, None);
    assert_eq!(
        reasons(&e, Figure::Progress),
        [
            "cannot compute progress: -9999999999999999999999999999 ÷ 0.000000000000000000000000001 overflows"
        ]
    );
    Ok(())
}

/// An additional target beyond the largest decimal cannot be met by any
/// value: never achieved, overdue once its deadline passes.
#[test]
fn an_additional_target_beyond_every_decimal_is_stated_and_never_met() -> TestResult {
    let measure = json!({"kind": "count", "target": "1", "target_mode": "additional"});
    let mut p = plan(measure, Some("2016-12"), "2016-17");
    with_count(&mut p, Decimal::MAX, Decimal::ONE);
    let r = report(
        "r",
        "2016-07",
        json!({"observations": [{"kind": "count", "value": "9999999999999999999999999999"}]}),
    );
    let e = eval(&p, std::slice::from_ref(&r), date!(2016 - 07 - 31))?;
    assert_eq!(e.target, None);
    assert_eq!(e.achieved_on, None);
    assert_eq!(e.standing, Status::NoData);
    assert_eq!(
        reasons(&e, Figure::Target),
        ["cannot compute the target: 79228162514264337593543950335 + 1 overflows"]
    );
    assert!(
        e.reason.contains("cannot compute the target"),
        "{}",
        e.reason
    );
    let later = eval(&p, &[r], date!(2017 - 01 - 31))?;
    assert_eq!(later.standing, Status::Overdue);
    Ok(())
}

/// A baseline and a target of opposite signs near the limits: their
/// difference is beyond a decimal, so progress and the expected value are
/// stated, and the status falls to what the calendar and forecast say.
#[test]
fn a_way_beyond_every_decimal_leaves_progress_and_expected_out() -> TestResult {
    let mut p = plan(
        json!({"kind": "count", "target": "1"}),
        Some("2017-12"),
        "2016-17",
    );
    with_count(&mut p, Decimal::MIN, Decimal::MAX);
    let r = report(
        "r",
        "2016-07",
        json!({"observations": [{"kind": "count", "value": "0"}]}),
    );
    let e = eval(&p, &[r], date!(2016 - 07 - 31))?;
    assert_eq!((e.progress, e.expected), (None, None));
    assert_eq!(reasons(&e, Figure::Progress).len(), 1);
    assert_eq!(reasons(&e, Figure::Expected).len(), 1);
    assert_eq!(e.standing, Status::NoData);
    Ok(())
}

fn plan_at_the_ends(deadline: &str) -> Result<ActionPlan, serde_json::Error> {
    serde_json::from_value(json!({
        "id": "plan", "title": {"en": "A plan"},
        "resolution": {"title": {"en": "A resolution"}, "adopted_at": "ilc"},
        "endorsed_at": "gb", "biennia": ["1000-01", "9998-99"],
        "categories": [{"id": "cat", "name": {"en": "A category"}}],
        "items": [{"id": "late", "text": {"en": "An item"}, "paragraphs": ["21"],
                   "category": "cat", "biennium": "9998-99", "deliverables": ["del"]},
                  {"id": "early", "text": {"en": "An item"}, "paragraphs": ["21"],
                   "category": "cat", "biennium": "1000-01", "deliverables": ["bare"]}],
        "deliverables": [
            {"id": "del", "text": {"en": "A deliverable"}, "indicators": [
                {"id": "ind", "text": {"en": "I"}, "deadline": deadline,
                 "measure": {"kind": "count", "target": "4"}},
                {"id": "none", "text": {"en": "No deadline"},
                 "measure": {"kind": "milestone", "event": "held"}}]},
            {"id": "bare", "text": {"en": "No indicators"}}]
    }))
}

#[test]
fn dates_at_the_ends_of_the_range_do_not_panic() -> TestResult {
    let policy = Policy::default().with_grace_days(MAX_GRACE_DAYS);
    let entry = json!({"observations": [{"kind": "count", "value": "2", "as_of": "9999-12-31"}],
                       "forecast": {"by": "9999-12", "value": "4"}});
    for deadline in ["9999-12", "1000-01"] {
        let p = plan_at_the_ends(deadline)?;
        for (as_of, report_as_of) in [
            (date!(9999 - 12 - 31), "9999-12"),
            (date!(1000 - 01 - 01), "1000-01"),
            (Date::MAX, "9999-12-31"),
            (Date::MIN, "1000-01-01"),
        ] {
            let r = report("r", report_as_of, entry.clone());
            let e = evaluate(&p, &[r], as_of, &policy, &NoResourceInformation)?;
            assert_eq!(e.indicators.len(), 2);
            let one = eval_with(&p, &[], as_of, &policy, false)?;
            assert_eq!(
                one.deadline.map(time::Date::year),
                Some(if deadline == "9999-12" { 9999 } else { 1000 })
            );
        }
    }
    Ok(())
}

/// 96 cases unless `PROPTEST_CASES` says otherwise: the machines have two cores.
fn config() -> ProptestConfig {
    if std::env::var_os("PROPTEST_CASES").is_some() {
        ProptestConfig::default()
    } else {
        ProptestConfig::with_cases(96)
    }
}

/// Any decimal: up to 28 digits of mantissa, scale 0–28, both signs, with
/// the ends of the range and the smallest steps favoured. Files hold at most
/// 29 characters; a program may build any of these.
fn extreme() -> impl Strategy<Value = Decimal> {
    let limit: i128 = 10i128.pow(28) - 1;
    let mantissa = prop_oneof![
        Just(limit),
        Just(-limit),
        Just(1i128),
        Just(0i128),
        -limit..=limit,
        -1000i128..=1000,
    ];
    let ends = prop_oneof![Just(Decimal::MAX), Just(Decimal::MIN)];
    prop_oneof![
        8 => (mantissa, 0u32..=28).prop_filter_map("fits a decimal", |(m, s)| {
            Decimal::try_from_i128_with_scale(m, s).ok()
        }),
        1 => ends,
    ]
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Count { additional: bool },
    Percentage,
    Money,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        any::<bool>().prop_map(|additional| Kind::Count { additional }),
        Just(Kind::Percentage),
        Just(Kind::Money),
    ]
}

/// A plan whose only indicator has a measure of `kind` with the figures
/// given: read from a file with small figures, then set in the typed plan.
fn plan_of(kind: Kind, direction: Direction, baseline: Decimal, target: Decimal) -> ActionPlan {
    let d = match direction {
        Direction::Decrease => "decrease",
        _ => "increase",
    };
    let measure = match kind {
        Kind::Count { additional } => json!({"kind": "count", "baseline": "0", "target": "1",
            "target_mode": if additional { "additional" } else { "absolute" }, "direction": d}),
        Kind::Percentage => {
            json!({"kind": "percentage", "baseline": "0", "target": "1", "direction": d})
        }
        Kind::Money => json!({"kind": "money", "direction": d,
            "baseline": {"amount": {"amount": "0", "currency": "USD"}, "as_of": "2015-08-15"},
            "target": {"amount": "1", "currency": "USD"}}),
    };
    let mut p = plan(measure, Some("2017-12"), "2016-17");
    for del in &mut p.deliverables {
        for i in &mut del.indicators {
            match &mut i.measure {
                Measure::Count(c) => {
                    c.baseline = Some(baseline.into());
                    c.target = target;
                }
                Measure::Percentage(c) => {
                    c.baseline = Some(baseline.into());
                    c.target = target;
                }
                Measure::Money(m) => {
                    if let Some(b) = &mut m.baseline {
                        b.amount.amount = baseline;
                    }
                    m.target.amount = target;
                }
                _ => {}
            }
        }
    }
    p
}

/// A report as of July 2016 observing `values` and forecasting `forecast`.
fn report_of(kind: Kind, values: &[Decimal], forecast: Option<Decimal>) -> ProgressReport {
    let placeholder = match kind {
        Kind::Money => json!({"kind": "money", "amount": {"amount": "0", "currency": "USD"}}),
        Kind::Percentage => json!({"kind": "percentage", "value": "0"}),
        Kind::Count { .. } => json!({"kind": "count", "value": "0"}),
    };
    let mut entry = json!({"observations": vec![placeholder; values.len()]});
    if forecast.is_some() {
        entry["forecast"] = json!({"by": "2017-06", "value": "0"});
    }
    let mut r = report("r", "2016-07", entry);
    for e in &mut r.indicators {
        for (o, v) in e.observations.iter_mut().zip(values) {
            match o {
                Observation::Count(x) | Observation::Percentage(x) => x.value = *v,
                Observation::Money(m) => m.amount.amount = *v,
                _ => {}
            }
        }
        if let (Some(f), Some(v)) = (&mut e.forecast, forecast) {
            f.value = Some(v);
        }
    }
    r
}

proptest! {
    #![proptest_config(config())]

    /// Whatever the figures, evaluation gives a result; a progress it gives
    /// can be shown as a percentage, and one it leaves out is stated.
    #[test]
    fn extreme_decimals_never_panic(
        kind in kind(),
        decrease in any::<bool>(),
        baseline in extreme(),
        target in extreme(),
        values in proptest::collection::vec(extreme(), 0..3),
        forecast in proptest::option::of(extreme()),
        on_track in 0u32..=28,
        as_of in prop_oneof![Just(date!(2016 - 07 - 31)), Just(date!(2019 - 12 - 31)), Just(Date::MAX)],
    ) {
        let direction = if decrease { Direction::Decrease } else { Direction::Increase };
        let p = plan_of(kind, direction, baseline, target);
        let r = report_of(kind, &values, forecast);
        let policy = Policy::default()
            .with_on_track(Decimal::new(1, on_track))
            .with_at_risk(Decimal::ZERO);
        let e = evaluate(&p, &[r], as_of, &policy, &NoResourceInformation)?;
        for i in &e.indicators {
            prop_assert_eq!(i.progress.is_some(), i.progress_percent().is_some());
            // A value measure with an observation has a progress, or no way
            // to go, or a stated reason.
            if let (Some(_), Some(b), Some(t), None) = (i.observed, i.baseline, i.target, i.progress) {
                let no_way = gain(direction, b, t).is_some_and(|w| w <= Decimal::ZERO);
                prop_assert!(no_way || !reasons(i, Figure::Progress).is_empty(), "{:?}", i);
            }
            if i.target.is_none() {
                prop_assert!(!reasons(i, Figure::Target).is_empty(), "{:?}", i);
            }
        }
    }
}
