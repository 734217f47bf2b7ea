//! Format 1.1 evaluation, each rule on a plan built for it: the clock and
//! its dated baseline, the target in force, the three cumulation modes,
//! revisions before and after they take effect, splits reported through,
//! and items planned by year.

// Fixtures are literals: a fixture that does not read is a bug in the test.
#![allow(clippy::panic, clippy::needless_pass_by_value)]

use actionplan_indicators::{
    Basis, DeadlineSource, IndicatorEvaluation, PlanEvaluation, Policy, evaluate,
};
use actionplan_model::{
    ActionPlan, NoResourceInformation, ProgressReport, Span, Status, Year, parse_date,
};
use rust_decimal::Decimal;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A programme of 2017–2021 without biennia whose only indicator `ind`
/// is `indicator` (its id is set here), in deliverable `del` of item `item`;
/// `item_span` is the item's span (`null`: it runs over the plan).
fn programme(indicator: Value, item_span: Value, revisions: Value) -> ActionPlan {
    let mut indicator = indicator;
    indicator["id"] = json!("ind");
    indicator["text"] = json!({"en": "An indicator"});
    let mut item = json!({"id": "item", "text": {"en": "An item"}, "paragraphs": ["16(a)"],
                          "category": "cat", "deliverables": ["del"]});
    if !item_span.is_null() {
        item["span"] = item_span;
    }
    let v = json!({
        "id": "programme", "title": {"en": "A programme of action"},
        "resolution": {"title": {"en": "A resolution"}, "adopted_at": "ilc-105"},
        "endorsed_at": "gb-329",
        "period": {"start": "2017-01", "end": "2021-12"},
        "categories": [{"id": "cat", "name": {"en": "A category"}}],
        "items": [item],
        "deliverables": [{"id": "del", "text": {"en": "A deliverable"}, "indicators": [indicator]}],
        "revisions": revisions
    });
    serde_json::from_value(v).unwrap_or_else(|e| panic!("test plan does not read: {e}"))
}

/// A report as of `as_of` with `observations` of `ind`.
fn report(as_of: &str, observations: Value) -> ProgressReport {
    let v = json!({"id": format!("report-{as_of}"), "as_of": as_of,
                   "indicators": [{"indicator": "ind", "observations": observations}]});
    serde_json::from_value(v).unwrap_or_else(|e| panic!("test report does not read: {e}"))
}

fn evaluated(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    as_of: &str,
) -> Result<PlanEvaluation, Box<dyn std::error::Error>> {
    Ok(evaluate(
        plan,
        reports,
        parse_date(as_of)?,
        &Policy::default(),
        &NoResourceInformation,
    )?)
}

fn ind(e: &PlanEvaluation) -> Result<&IndicatorEvaluation, String> {
    e.indicator("ind")
        .ok_or_else(|| "no indicator `ind`".to_owned())
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn day(s: &str) -> time::Date {
    parse_date(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Ten countries by the end of 2021, counted from `baseline`, five
/// observed in June 2020.
fn countries(baseline: Value) -> (ActionPlan, Vec<ProgressReport>) {
    let plan = programme(
        json!({"deadline": "2021-12",
               "measure": {"kind": "count", "baseline": baseline, "target": "10"}}),
        Value::Null,
        json!([]),
    );
    let reports = vec![report(
        "2020-06-30",
        json!([{"kind": "count", "value": "5"}]),
    )];
    (plan, reports)
}

#[test]
fn a_dated_baseline_moves_the_clock_and_the_status() -> TestResult {
    // Undated, the clock of an item without span starts with the plan.
    let (plan, reports) = countries(json!("0"));
    let e = evaluated(&plan, &reports, "2020-06-30")?;
    let undated = ind(&e)?;
    assert_eq!(undated.line_starts, Some(day("2017-01-01")));
    // 1276 of 1825 days: 5 of 10 is behind 0.9 × 0.6992.
    assert_eq!(undated.time_elapsed, Some(dec("0.6992")));
    assert_eq!(undated.standing, Status::AtRisk);

    // Counted from mid-2019, the same five are ahead of the line.
    let (plan, reports) = countries(json!({"value": "0", "date": "2019-06"}));
    let e = evaluated(&plan, &reports, "2020-06-30")?;
    let dated = ind(&e)?;
    assert_eq!(dated.line_starts, Some(day("2019-06-30")));
    // 366 of 915 days.
    assert_eq!(dated.time_elapsed, Some(dec("0.4")));
    assert_eq!(dated.expected, Some(dec("4")));
    assert_eq!(dated.standing, Status::OnTrack);
    assert_eq!(dated.basis, Basis::Observation);
    Ok(())
}

#[test]
fn the_clock_never_starts_with_a_biennium_or_a_plan_the_work_does_not_belong_to() -> TestResult {
    // An item of 2019, without a deadline of its own, in a plan of five years.
    let plan = programme(
        json!({"measure": {"kind": "milestone", "event": "held"}}),
        json!({"year": 2019}),
        json!([]),
    );
    let e = evaluated(&plan, &[], "2018-12-31")?;
    let i = ind(&e)?;
    assert_eq!(i.standing, Status::NotStarted);
    assert_eq!(i.reason, "its year 2019 begins on 2019-01-01");
    assert_eq!(i.line_starts, Some(day("2019-01-01")));
    assert_eq!(
        (i.deadline, i.deadline_source),
        (Some(day("2019-12-31")), DeadlineSource::Span)
    );
    assert_eq!(i.span, Some(Span::Year(Year::new(2019)?)));
    assert_eq!(i.biennium, None);

    // A baseline dated before the item's year does not pull the clock back.
    let plan = programme(
        json!({"deadline": "2019-12",
               "measure": {"kind": "count", "target": "4",
                           "baseline": {"value": "1", "date": "2016-12"}}}),
        json!({"year": 2019}),
        json!([]),
    );
    let e = evaluated(&plan, &[], "2019-07-01")?;
    assert_eq!(ind(&e)?.line_starts, Some(day("2019-01-01")));

    // The indicator's own span comes first, whatever the baseline.
    let plan = programme(
        json!({"deadline": "2021-12", "span": {"start": "2020-01", "end": "2021-12"},
               "measure": {"kind": "count", "target": "4",
                           "baseline": {"value": "1", "date": "2020-06"}}}),
        Value::Null,
        json!([]),
    );
    let e = evaluated(&plan, &[], "2019-07-01")?;
    let i = ind(&e)?;
    assert_eq!(i.line_starts, Some(day("2020-01-01")));
    assert_eq!(i.standing, Status::NotStarted);
    assert_eq!(i.reason, "its span 01/2020–12/2021 begins on 2020-01-01");
    Ok(())
}

#[test]
fn the_target_in_force_changes_between_two_dates() -> TestResult {
    // Three by the end of 2017, ten by the end of 2019; two in June 2017.
    let plan = programme(
        json!({"deadline": "2019-12",
               "measure": {"kind": "count", "target": "10",
                           "targets": [{"value": "3", "by": "2017-12"}]}}),
        json!({"start": "2017-01", "end": "2019-12"}),
        json!([]),
    );
    let reports = vec![report(
        "2017-06-30",
        json!([{"kind": "count", "value": "2"}]),
    )];

    let e = evaluated(&plan, &reports, "2017-06-30")?;
    let mid_2017 = ind(&e)?;
    let t = mid_2017
        .target_in_force
        .as_ref()
        .ok_or("no target in force")?;
    assert_eq!(
        (t.value, t.due, t.is_final),
        (Some(dec("3")), Some("2017-12".parse()?), false)
    );
    assert_eq!(mid_2017.target, Some(dec("3")));
    // 2 of 3 after 180 of 364 days: ahead of 0.9 × 0.4945.
    assert_eq!(mid_2017.progress, Some(dec("0.6667")));
    assert_eq!(mid_2017.time_elapsed, Some(dec("0.4945")));
    assert_eq!(mid_2017.standing, Status::OnTrack);
    assert!(
        mid_2017.reason.ends_with("toward the target 3 due 2017-12"),
        "{}",
        mid_2017.reason
    );

    let e = evaluated(&plan, &reports, "2018-01-31")?;
    let early_2018 = ind(&e)?;
    let t = early_2018
        .target_in_force
        .as_ref()
        .ok_or("no target in force")?;
    assert_eq!(
        (t.value, t.due, t.is_final),
        (Some(dec("10")), Some("2019-12".parse()?), true)
    );
    // The same 2 against 10 after 395 of 1094 days: behind 0.9 × 0.3611.
    assert_eq!(early_2018.progress, Some(dec("0.2")));
    assert_eq!(early_2018.time_elapsed, Some(dec("0.3611")));
    assert_eq!(early_2018.standing, Status::AtRisk);
    Ok(())
}

/// Five by the end of 2019, with dated targets of 2 (2017) and 4 (2018),
/// added up per `cumulation`; 3 observed for 2017, then 2 for each half
/// of 2018.
fn half_years(cumulation: &str) -> (ActionPlan, Vec<ProgressReport>) {
    let plan = programme(
        json!({"deadline": "2019-12",
               "measure": {"kind": "count", "target": "5", "cumulation": cumulation,
                           "targets": [{"value": "2", "by": "2017-12"},
                                       {"value": "4", "by": "2018-12"}]}}),
        Value::Null,
        json!([]),
    );
    let reports = vec![report(
        "2018-12-31",
        json!([
            {"kind": "count", "value": "3", "period": {"year": 2017}},
            {"kind": "count", "value": "2", "period": {"start": "2018-01", "end": "2018-06"}},
            {"kind": "count", "value": "2", "period": {"start": "2018-07", "end": "2018-12"}}
        ]),
    )];
    (plan, reports)
}

#[test]
fn the_three_cumulation_modes_give_three_standings_on_the_same_observations() -> TestResult {
    let standing = |mode: &str| -> Result<IndicatorEvaluation, Box<dyn std::error::Error>> {
        let (plan, reports) = half_years(mode);
        let e = evaluated(&plan, &reports, "2018-12-31")?;
        Ok(ind(&e)?.clone())
    };

    // Cumulative: 3, then 5 by mid-2018, which meets the final 5.
    let cumulative = standing("cumulative")?;
    assert_eq!(cumulative.observed, Some(dec("7")));
    assert_eq!(
        cumulative.observed_over.map(|p| p.to_string()).as_deref(),
        Some("01/2017–12/2018")
    );
    assert_eq!(cumulative.standing, Status::Achieved);
    assert_eq!(
        cumulative.achieved_on.map(|d| d.to_string()).as_deref(),
        Some("2018-06")
    );

    // Per period: 2018 alone counts against its target of 4, met on the
    // last day of its period; the final 5 is for 2019.
    let per_period = standing("per_period")?;
    assert_eq!(per_period.observed, Some(dec("4")));
    assert_eq!(
        per_period.observed_over.map(|p| p.to_string()).as_deref(),
        Some("01/2018–12/2018")
    );
    assert_eq!(per_period.line_starts, Some(day("2018-01-01")));
    assert_eq!(per_period.progress, Some(dec("1")));
    assert_eq!(per_period.standing, Status::OnTrack);

    // A level: the latest value, 2, is the standing.
    let level = standing("level")?;
    assert_eq!(level.observed, Some(dec("2")));
    assert_eq!(
        level.observed_over.map(|p| p.to_string()).as_deref(),
        Some("07/2018–12/2018")
    );
    assert_eq!(level.progress, Some(dec("0.5")));
    assert_eq!(level.standing, Status::AtRisk);
    Ok(())
}

#[test]
fn with_one_target_and_point_observations_the_three_modes_agree() -> TestResult {
    let mut seen = Vec::new();
    for mode in ["cumulative", "per_period", "level"] {
        let plan = programme(
            json!({"deadline": "2019-12",
                   "measure": {"kind": "count", "target": "8", "cumulation": mode}}),
            Value::Null,
            json!([]),
        );
        let reports = vec![report(
            "2018-12-31",
            json!([{"kind": "count", "value": "3", "as_of": "2017-12"},
                   {"kind": "count", "value": "5", "as_of": "2018-12"}]),
        )];
        let e = evaluated(&plan, &reports, "2018-12-31")?;
        let i = ind(&e)?;
        seen.push((i.observed, i.progress, i.standing));
    }
    assert_eq!(
        seen[0],
        (Some(dec("5")), Some(dec("0.625")), Status::OnTrack)
    );
    assert!(seen.iter().all(|s| *s == seen[0]), "{seen:?}");
    Ok(())
}

/// A meeting due 2019-12, moved on 2019-10-15 to 2020-06 by GB.337.
fn moved_meeting() -> ActionPlan {
    programme(
        json!({"deadline": "2019-12", "measure": {"kind": "milestone", "event": "held"}}),
        json!({"year": 2019}),
        json!([{"id": "moved", "indicator": "ind", "deadline": "2020-06",
                "effective": "2019-10-15", "decided_at": "gb-337", "document": "GB.337/INS/5",
                "rationale": {"en": "Postponed."}}]),
    )
}

#[test]
fn a_revised_deadline_applies_from_the_day_it_takes_effect() -> TestResult {
    let plan = moved_meeting();

    let before = evaluated(&plan, &[], "2019-09-30")?;
    let i = ind(&before)?;
    assert_eq!(
        (i.deadline, i.deadline_source),
        (Some(day("2019-12-31")), DeadlineSource::Indicator)
    );
    assert_eq!(i.deadline_revised, None);
    assert_eq!(i.days_left, Some(92));

    // Under the plan's deadline the meeting would be overdue by January.
    let mut unrevised = plan.clone();
    unrevised.revisions.clear();
    let e = evaluated(&unrevised, &[], "2020-01-31")?;
    assert_eq!(ind(&e)?.standing, Status::Overdue);

    let after = evaluated(&plan, &[], "2020-01-31")?;
    let i = ind(&after)?;
    assert_eq!(i.standing, Status::NoData);
    assert_eq!(
        (i.deadline, i.deadline_source),
        (Some(day("2020-06-30")), DeadlineSource::Revision)
    );
    let r = i.deadline_revised.as_ref().ok_or("no revision reported")?;
    assert_eq!(r.from.map(|m| m.to_string()).as_deref(), Some("2019-12"));
    assert_eq!(r.to.to_string(), "2020-06");
    assert_eq!(r.by.revision.as_str(), "moved");
    assert_eq!(
        r.by.decided_at
            .as_ref()
            .map(actionplan_model::SessionId::as_str),
        Some("gb-337")
    );
    assert_eq!(r.by.document.as_deref(), Some("GB.337/INS/5"));
    assert_eq!(r.by.effective.to_string(), "2019-10-15");
    Ok(())
}

#[test]
fn the_latest_revision_in_force_wins_and_names_what_it_replaced() -> TestResult {
    let plan = programme(
        json!({"deadline": "2019-12",
               "measure": {"kind": "percentage", "direction": "decrease",
                           "baseline": "38", "target": "20"}}),
        Value::Null,
        json!([
            {"id": "later", "indicator": "ind", "target": "25", "deadline": "2021-06",
             "effective": "2020-03", "rationale": {"en": "Second thoughts."}},
            {"id": "first", "indicator": "ind", "target": "22", "deadline": "2020-12",
             "effective": "2019-11", "rationale": {"en": "First thoughts."}}
        ]),
    );
    let targets = |as_of: &str| -> Result<_, Box<dyn std::error::Error>> {
        let e = evaluated(&plan, &[], as_of)?;
        let i = ind(&e)?;
        let t = i.target_in_force.clone();
        Ok((
            i.target,
            t.and_then(|t| t.revised)
                .map(|r| (r.from, r.by.revision.to_string())),
            i.deadline_revised
                .as_ref()
                .map(|r| (r.from.map(|m| m.to_string()), r.to.to_string())),
        ))
    };
    assert_eq!(targets("2019-10-31")?, (Some(dec("20")), None, None));
    assert_eq!(
        targets("2019-11-01")?,
        (
            Some(dec("22")),
            Some((Some(dec("20")), "first".to_owned())),
            Some((Some("2019-12".to_owned()), "2020-12".to_owned()))
        )
    );
    assert_eq!(
        targets("2020-03-01")?,
        (
            Some(dec("25")),
            Some((Some(dec("22")), "later".to_owned())),
            Some((Some("2020-12".to_owned()), "2021-06".to_owned()))
        )
    );
    Ok(())
}

#[test]
fn a_revision_of_a_dated_target_replaces_that_target_only() -> TestResult {
    let plan = programme(
        json!({"deadline": "2019-12",
               "measure": {"kind": "count", "target": "10",
                           "targets": [{"value": "3", "by": "2017-12"}]}}),
        Value::Null,
        json!([{"id": "fewer-first", "indicator": "ind", "target": "2", "target_by": "2017-12",
                "effective": "2017-05", "rationale": {"en": "A slow start."}}]),
    );
    let e = evaluated(&plan, &[], "2017-06-30")?;
    let t = ind(&e)?
        .target_in_force
        .clone()
        .ok_or("no target in force")?;
    assert_eq!((t.value, t.is_final), (Some(dec("2")), false));
    assert_eq!(t.revised.map(|r| r.from), Some(Some(dec("3"))));
    let e = evaluated(&plan, &[], "2018-06-30")?;
    let t = ind(&e)?
        .target_in_force
        .clone()
        .ok_or("no target in force")?;
    assert_eq!(
        (t.value, t.is_final, t.revised),
        (Some(dec("10")), true, None)
    );
    Ok(())
}

#[test]
fn a_disaggregated_observation_is_evaluated_by_its_total_and_its_splits_reported() -> TestResult {
    let plan = programme(
        json!({"deadline": "2018-12", "measure": {"kind": "count", "target": "300"}}),
        json!({"year": 2018}),
        json!([]),
    );
    let reports = vec![report(
        "2018-06-30",
        json!([{"kind": "count", "value": "140",
                "disaggregation": [{"dimension": "sex", "values": {"female": "60", "male": "80"}}]}]),
    )];
    let e = evaluated(&plan, &reports, "2018-06-30")?;
    let i = ind(&e)?;
    assert_eq!(i.observed, Some(dec("140")));
    let [split] = i.disaggregation.as_slice() else {
        return Err(format!("{:?}", i.disaggregation).into());
    };
    assert_eq!(split.dimension.as_str(), "sex");
    let parts: Vec<String> = split
        .values
        .iter()
        .map(|(k, v)| format!("{}={v}", k.as_str()))
        .collect();
    assert_eq!(parts, ["female=60", "male=80"]);
    Ok(())
}

#[test]
fn a_programme_without_biennia_has_no_biennium_groups_and_gives_each_item_its_year() -> TestResult {
    let plan = programme(
        json!({"deadline": "2018-12", "measure": {"kind": "count", "target": "300"}}),
        json!({"year": 2018}),
        json!([]),
    );
    let e = evaluated(&plan, &[], "2018-06-30")?;
    assert!(e.biennia.is_empty());
    let item = e.item("item").ok_or("no item")?;
    assert_eq!(item.biennium, None);
    assert_eq!(item.time_frame(), Some(Span::Year(Year::new(2018)?)));
    let json = serde_json::to_value(item)?;
    assert_eq!(json["span"], json!({"year": 2018}));
    assert!(json.get("biennium").is_none());
    Ok(())
}
