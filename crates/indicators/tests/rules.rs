//! Each rule of `docs/evaluation.md` on values built in code.

mod common;

use actionplan_indicators::{
    Basis, DeadlineSource, EvaluationError, ForecastVerdict, Policy, PolicyError, evaluate,
};
use actionplan_model::{NoResourceInformation, Status};
use common::{TestResult, eval, eval_with, plan, report};
use rust_decimal::Decimal;
use serde_json::json;
use time::macros::date;

fn count(baseline: &str, target: &str, mode: &str, direction: &str) -> serde_json::Value {
    json!({"kind": "count", "baseline": baseline, "target": target,
           "target_mode": mode, "direction": direction})
}

fn observed(value: &str) -> serde_json::Value {
    json!({"observations": [{"kind": "count", "value": value}]})
}

#[test]
fn a_milestone_done_in_its_deadline_month_is_achieved() -> TestResult {
    let p = plan(
        json!({"kind": "milestone", "event": "published"}),
        Some("2016-05"),
        "2016-17",
    );
    let r = [report(
        "r",
        "2016-07",
        json!({"observations": [{"kind": "milestone", "completed": "2016-05"}]}),
    )];
    let e = eval(&p, &r, date!(2016 - 07 - 31))?;
    assert_eq!((e.derived, e.basis), (Status::Achieved, Basis::Completion));
    assert_eq!(e.days_late, None);
    Ok(())
}

#[test]
fn grace_days_turn_a_late_milestone_into_an_achieved_one() -> TestResult {
    let p = plan(
        json!({"kind": "milestone", "event": "published"}),
        Some("2016-04"),
        "2016-17",
    );
    let r = [report(
        "r",
        "2016-07",
        json!({"observations": [{"kind": "milestone", "completed": "2016-05"}]}),
    )];
    assert_eq!(
        eval(&p, &r, date!(2016 - 07 - 31))?.derived,
        Status::AchievedLate
    );
    let lenient = Policy::default().with_grace_days(31);
    let e = eval_with(&p, &r, date!(2016 - 07 - 31), &lenient, false)?;
    assert_eq!(e.derived, Status::Achieved);
    Ok(())
}

#[test]
fn a_milestone_forecast_after_its_deadline_is_at_risk_until_overdue() -> TestResult {
    let p = plan(
        json!({"kind": "milestone", "event": "produced"}),
        Some("2016-12"),
        "2016-17",
    );
    let r = [report(
        "r",
        "2016-07",
        json!({"forecast": {"by": "2017-03"}, "status": "on_track"}),
    )];
    let e = eval(&p, &r, date!(2016 - 07 - 31))?;
    assert_eq!((e.derived, e.basis), (Status::AtRisk, Basis::Forecast));
    assert_eq!(e.forecast, ForecastVerdict::AfterDeadline);
    assert_eq!(e.forecast_days_after_deadline, Some(90));
    // The report says on track; the forecast's own date says otherwise.
    let d = e.disagreement.ok_or("no disagreement")?;
    assert_eq!((d.asserted, d.derived), (Status::OnTrack, Status::AtRisk));
    assert!(d.reason.contains("after the deadline"), "{}", d.reason);
    assert_eq!(e.standing, Status::AtRisk);
    assert_eq!(
        eval(&p, &r, date!(2017 - 01 - 01))?.derived,
        Status::Overdue
    );
    Ok(())
}

#[test]
fn a_forecast_whose_date_passed_has_lapsed() -> TestResult {
    let p = plan(
        json!({"kind": "milestone", "event": "produced"}),
        Some("2017-06"),
        "2016-17",
    );
    let r = [report(
        "r",
        "2016-07",
        json!({"forecast": {"by": "2016-12"}}),
    )];
    assert_eq!(
        eval(&p, &r, date!(2016 - 12 - 31))?.derived,
        Status::OnTrack
    );
    let e = eval(&p, &r, date!(2017 - 01 - 01))?;
    assert_eq!(
        (e.derived, e.forecast),
        (Status::AtRisk, ForecastVerdict::Lapsed)
    );
    Ok(())
}

#[test]
fn an_additional_count_is_measured_from_its_baseline() -> TestResult {
    // Seven additional member States over a baseline of eight, due 2017-12.
    let p = plan(
        count("8", "7", "additional", "increase"),
        Some("2017-12"),
        "2016-17",
    );
    // As of 2016-12-31, 365 of 730 days have passed: 11.5 States expected.
    let on = eval(
        &p,
        &[report("r", "2016-12-31", observed("12"))],
        date!(2016 - 12 - 31),
    )?;
    assert_eq!(
        (on.derived, on.basis),
        (Status::OnTrack, Basis::Observation)
    );
    assert_eq!(on.progress, Some(Decimal::new(5714, 4))); // 4 of 7
    assert_eq!(on.time_elapsed, Some(Decimal::new(5, 1)));
    assert_eq!(on.expected, Some(Decimal::new(115, 1)));
    assert_eq!(on.target, Some(Decimal::from(15)));
    // 10 is 2/7 = 0.29 of the way against 0.9 × 0.5 = 0.45: at risk.
    let behind = eval(
        &p,
        &[report("r", "2016-12-31", observed("10"))],
        date!(2016 - 12 - 31),
    )?;
    assert_eq!(behind.derived, Status::AtRisk);
    Ok(())
}

#[test]
fn a_favourable_forecast_carries_progress_within_the_at_risk_margin() -> TestResult {
    let p = plan(
        count("0", "10", "absolute", "increase"),
        Some("2017-12"),
        "2016-17",
    );
    let as_of = date!(2016 - 12 - 31); // half the time
    let entry = |v: &str, f: serde_json::Value| json!({"observations": [{"kind": "count", "value": v}], "forecast": f});
    let meets = json!({"value": "10", "by": "2017-12"});
    // 3 of 10 against 4.5 expected: between 0.5 × and 0.9 × the line.
    let e = eval(
        &p,
        &[report("r", "2016-12", entry("3", meets.clone()))],
        as_of,
    )?;
    assert_eq!(e.derived, Status::OnTrack);
    let e = eval(&p, &[report("r", "2016-12", observed("3"))], as_of)?;
    assert_eq!(e.derived, Status::AtRisk);
    // 2 of 10 is below 0.5 × 5: at risk whatever the forecast.
    let e = eval(&p, &[report("r", "2016-12", entry("2", meets))], as_of)?;
    assert_eq!(e.derived, Status::AtRisk);
    // A forecast short of the target is at risk even on the line.
    let short = json!({"value": "8", "bound": "about"});
    let e = eval(&p, &[report("r", "2016-12", entry("6", short))], as_of)?;
    assert_eq!(
        (e.derived, e.forecast),
        (Status::AtRisk, ForecastVerdict::ShortOfTarget)
    );
    Ok(())
}

#[test]
fn forecast_bounds_are_read_in_the_indicator_direction() -> TestResult {
    let verdict =
        |direction: &str, value: &str, bound: &str| -> Result<ForecastVerdict, EvaluationError> {
            let p = plan(
                count("10", "4", "absolute", direction),
                Some("2017-12"),
                "2016-17",
            );
            let r = [report(
                "r",
                "2016-07",
                json!({"forecast": {"value": value, "bound": bound}}),
            )];
            Ok(eval(&p, &r, date!(2016 - 07 - 31))?.forecast)
        };
    // Fewer is better here: 10 down to 4.
    assert_eq!(
        verdict("decrease", "3", "at_most")?,
        ForecastVerdict::MeetsTarget
    );
    assert_eq!(
        verdict("decrease", "5", "at_most")?,
        ForecastVerdict::Uncertain
    );
    assert_eq!(
        verdict("decrease", "5", "at_least")?,
        ForecastVerdict::ShortOfTarget
    );
    assert_eq!(
        verdict("decrease", "3", "at_least")?,
        ForecastVerdict::Uncertain
    );
    assert_eq!(
        verdict("decrease", "4", "about")?,
        ForecastVerdict::MeetsTarget
    );
    Ok(())
}

#[test]
fn a_value_target_is_met_on_the_day_first_observed() -> TestResult {
    let p = plan(
        count("0", "4", "absolute", "increase"),
        Some("2017-12"),
        "2016-17",
    );
    let r = [
        report(
            "a",
            "2017-06",
            json!({"observations": [{"kind": "count", "value": "4", "as_of": "2017-05-10"}]}),
        ),
        report(
            "b",
            "2018-06",
            json!({"observations": [{"kind": "count", "value": "3"}]}),
        ),
    ];
    let e = eval(&p, &r, date!(2018 - 06 - 30))?;
    // Met in May 2017; a lower figure later does not undo it.
    assert_eq!(e.derived, Status::Achieved);
    assert_eq!(
        e.achieved_on.map(|d| d.to_string()),
        Some("2017-05-10".to_owned())
    );
    assert_eq!(e.observed, Some(Decimal::from(3)));
    assert_eq!(e.report.map(|r| r.to_string()), Some("b".to_owned()));
    Ok(())
}

#[test]
fn a_portfolio_at_its_baseline_has_made_no_progress() -> TestResult {
    let money = json!({"kind": "money",
        "baseline": {"amount": {"amount": "84000000", "currency": "USD"}, "as_of": "2015-08-15"},
        "target": {"amount": "100000000", "currency": "USD"}});
    let p = plan(money, None, "2018-19");
    let entry = |amount: &str, currency: &str| json!({"observations": [{"kind": "money", "amount": {"amount": amount, "currency": currency}}]});
    let e = eval(
        &p,
        &[report("r", "2018-12-31", entry("84000000", "USD"))],
        date!(2018 - 12 - 31),
    )?;
    assert_eq!(e.progress, Some(Decimal::ZERO));
    assert_eq!(e.deadline_source, DeadlineSource::Biennium);
    assert_eq!(e.derived, Status::AtRisk);
    let e = eval(
        &p,
        &[report("r", "2018-12-31", entry("92000000", "USD"))],
        date!(2018 - 12 - 31),
    )?;
    assert_eq!(e.progress, Some(Decimal::new(5, 1)));
    assert_eq!(e.derived, Status::OnTrack);
    // No conversion: another currency is an error, not a number.
    let err = eval(
        &p,
        &[report("r", "2018-12-31", entry("92000000", "CHF"))],
        date!(2018 - 12 - 31),
    );
    match err {
        Err(EvaluationError::CurrencyMismatch {
            expected, found, ..
        }) => {
            assert_eq!((expected.as_str(), found.as_str()), ("USD", "CHF"));
        }
        other => return Err(format!("expected a currency mismatch, got {other:?}").into()),
    }
    Ok(())
}

#[test]
fn a_mismatched_baseline_currency_is_an_error() {
    let money = json!({"kind": "money",
        "baseline": {"amount": {"amount": "84000000", "currency": "EUR"}, "as_of": "2015-08-15"},
        "target": {"amount": "100000000", "currency": "USD"}});
    let p = plan(money, None, "2018-19");
    let err = eval(&p, &[], date!(2016 - 07 - 31));
    assert!(
        matches!(err, Err(EvaluationError::CurrencyMismatch { .. })),
        "{err:?}"
    );
}

#[test]
fn an_observation_of_the_wrong_kind_is_an_error() {
    let p = plan(
        json!({"kind": "milestone", "event": "produced"}),
        Some("2017-12"),
        "2016-17",
    );
    let err = eval(
        &p,
        &[report("r", "2016-07", observed("3"))],
        date!(2016 - 07 - 31),
    );
    let Err(e) = err else {
        panic!("expected an error, got {err:?}");
    };
    assert_eq!(
        e.to_string(),
        "indicator `ind`: a count observation cannot measure a milestone indicator"
    );
}

#[test]
fn a_percentage_reads_like_a_count() -> TestResult {
    let p = plan(
        json!({"kind": "percentage", "target": "70"}),
        Some("2017-12"),
        "2016-17",
    );
    let r = [report(
        "r",
        "2017-12",
        json!({"observations": [{"kind": "percentage", "value": "72"}]}),
    )];
    assert_eq!(
        eval(&p, &r, date!(2017 - 12 - 31))?.derived,
        Status::Achieved
    );
    assert_eq!(
        eval(&p, &[], date!(2016 - 07 - 31))?.derived,
        Status::NoData
    );
    Ok(())
}

#[test]
fn a_judgement_decides_a_qualitative_indicator() -> TestResult {
    let p = plan(json!({"kind": "qualitative"}), Some("2017-12"), "2016-17");
    let judged = |met: bool| {
        [report(
            "r",
            "2017-06",
            json!({"observations": [{"kind": "qualitative", "met": met}]}),
        )]
    };
    assert_eq!(
        eval(&p, &judged(true), date!(2017 - 07 - 01))?.derived,
        Status::Achieved
    );
    let e = eval(&p, &judged(false), date!(2017 - 07 - 01))?;
    assert_eq!((e.derived, e.basis), (Status::AtRisk, Basis::Observation));
    // Unjudged, the report's word stands.
    let asserted = [report("r", "2017-06", json!({"status": "on_track"}))];
    let e = eval(&p, &asserted, date!(2017 - 07 - 01))?;
    assert_eq!((e.derived, e.standing), (Status::NoData, Status::OnTrack));
    Ok(())
}

#[test]
fn pending_resources_comes_before_the_calendar_and_after_the_deadline() -> TestResult {
    let p = plan(
        json!({"kind": "milestone", "event": "produced"}),
        Some("2017-03"),
        "2016-17",
    );
    let e = eval_with(&p, &[], date!(2016 - 07 - 31), &Policy::default(), true)?;
    assert_eq!(
        (e.derived, e.basis),
        (Status::PendingResources, Basis::Resources)
    );
    let e = eval_with(&p, &[], date!(2017 - 04 - 01), &Policy::default(), true)?;
    assert_eq!(e.derived, Status::Overdue);
    let later = plan(
        json!({"kind": "milestone", "event": "produced"}),
        Some("2019-03"),
        "2018-19",
    );
    let e = eval_with(&later, &[], date!(2016 - 07 - 31), &Policy::default(), true)?;
    assert_eq!(e.derived, Status::PendingResources);
    Ok(())
}

#[test]
fn the_calendar_yields_to_the_report() -> TestResult {
    // Work of 2018–19 reported as on track in 2017: the Office started early.
    let p = plan(
        json!({"kind": "milestone", "event": "produced"}),
        Some("2019-03"),
        "2018-19",
    );
    let r = [report("r", "2017-07", json!({"status": "on_track"}))];
    let e = eval(&p, &r, date!(2017 - 07 - 31))?;
    assert_eq!((e.derived, e.basis), (Status::NotStarted, Basis::Calendar));
    assert_eq!(e.standing, Status::OnTrack);
    assert!(e.disagreement.is_none());
    Ok(())
}

#[test]
fn reports_after_the_date_do_not_count() -> TestResult {
    let p = plan(
        json!({"kind": "milestone", "event": "produced"}),
        Some("2017-12"),
        "2016-17",
    );
    let r = [
        report("second", "2017-07", json!({"status": "at_risk"})),
        report("first", "2016-07", json!({"status": "on_track"})),
    ];
    let e = eval(&p, &r, date!(2016 - 07 - 31))?;
    assert_eq!(e.asserted, Some(Status::OnTrack));
    // A month as-of counts from its last day.
    assert_eq!(eval(&p, &r, date!(2016 - 07 - 30))?.asserted, None);
    let e = eval(&p, &r, date!(2017 - 07 - 31))?;
    assert_eq!(
        (e.asserted, e.report.map(|r| r.to_string())),
        (Some(Status::AtRisk), Some("second".to_owned()))
    );
    Ok(())
}

#[test]
fn an_indicator_without_deadline_or_item_is_due_at_the_end_of_the_plan() -> TestResult {
    let mut p = plan(json!({"kind": "qualitative"}), None, "2016-17");
    p.items.clear();
    let e = eval(&p, &[], date!(2016 - 07 - 31))?;
    assert_eq!(e.deadline_source, DeadlineSource::Plan);
    assert_eq!(e.deadline, Some(date!(2019 - 12 - 31)));
    assert_eq!(e.line_starts, Some(date!(2016 - 01 - 01)));
    Ok(())
}

#[test]
fn an_unusable_policy_is_refused() {
    let p = plan(json!({"kind": "qualitative"}), None, "2016-17");
    let bad = Policy::default().with_on_track(Decimal::new(4, 1));
    let err = evaluate(&p, &[], date!(2016 - 07 - 31), &bad, &NoResourceInformation);
    assert!(
        matches!(
            err,
            Err(EvaluationError::Policy(
                PolicyError::AtRiskAboveOnTrack { .. }
            ))
        ),
        "{err:?}"
    );
    let too_strict = Policy::default().with_on_track(Decimal::new(11, 1));
    assert!(matches!(
        too_strict.check(),
        Err(PolicyError::OnTrackAboveOne { .. })
    ));
    let negative = Policy::default().with_at_risk(Decimal::NEGATIVE_ONE);
    assert!(matches!(
        negative.check(),
        Err(PolicyError::AtRiskBelowZero { .. })
    ));
    let long = Policy::default().with_grace_days(5000);
    assert_eq!(
        long.check(),
        Err(PolicyError::GraceTooLong { grace_days: 5000 })
    );
}

#[test]
fn the_policy_reads_and_writes_exact_strings() -> TestResult {
    let p = Policy::default();
    let text = serde_json::to_string(&p)?;
    assert_eq!(text, r#"{"on_track":"0.9","at_risk":"0.5","grace_days":0}"#);
    assert_eq!(serde_json::from_str::<Policy>(&text)?, p);
    assert_eq!(serde_json::from_str::<Policy>("{}")?, p);
    for bad in [
        r#"{"on_track": 0.9}"#,
        r#"{"on_track": "9e-1"}"#,
        r#"{"on_track": ".9"}"#,
        r#"{"grace": 3}"#,
    ] {
        assert!(serde_json::from_str::<Policy>(bad).is_err(), "{bad}");
    }
    Ok(())
}
