//! The seed report, GB.328/INS/8 (progress as of July 2016), evaluated with
//! the default policy: the statuses the issue requires, and the figures the
//! rules give for each row.

use actionplan_indicators::{
    Basis, DeadlineSource, ForecastVerdict, PlanEvaluation, Policy, evaluate,
};
use actionplan_model::{ActionPlan, Biennium, Deliverable, ProgressReport, Status};
use rust_decimal::Decimal;
use time::Date;
use time::macros::date;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn seed() -> Result<(ActionPlan, Vec<ProgressReport>), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sme-action-plan-2016.json"
    ))?;
    let v: serde_json::Value = serde_json::from_str(&text)?;
    let plan: ActionPlan = serde_json::from_value(v["plan"].clone())?;
    let reports: Vec<ProgressReport> = serde_json::from_value(v["reports"].clone())?;
    Ok((plan, reports))
}

/// The funding answer of the seed: the social dialogue study and the three
/// growth CPOs wait for resources.
fn seed_waits(_: &ActionPlan, d: &Deliverable, _: Date) -> bool {
    matches!(d.id.as_str(), "social-dialogue-study" | "growth-cpos")
}

fn evaluated(as_of: Date) -> Result<PlanEvaluation, Box<dyn std::error::Error>> {
    let (plan, reports) = seed()?;
    Ok(evaluate(
        &plan,
        &reports,
        as_of,
        &Policy::default(),
        &seed_waits,
    )?)
}

fn standing(e: &PlanEvaluation, id: &str) -> Result<Status, String> {
    e.indicator(id)
        .map(|i| i.standing)
        .ok_or_else(|| format!("no indicator `{id}`"))
}

#[test]
fn standing_statuses_as_of_july_2016() -> TestResult {
    let e = evaluated(date!(2016 - 07 - 31))?;
    let expected = [
        ("eese-review-published", Status::Overdue),
        ("procurement-report-published", Status::AchievedLate),
        ("social-dialogue-brief", Status::PendingResources),
        ("growth-proposal", Status::NotStarted),
        ("formalization-toolkit", Status::OnTrack),
        ("impact-briefs", Status::OnTrack),
        ("sme-programme-states", Status::NotStarted),
        ("xbtc-portfolio", Status::NotStarted),
    ];
    for (id, status) in expected {
        assert_eq!(standing(&e, id)?, status, "{id}");
    }
    Ok(())
}

#[test]
fn every_row_of_the_seed() -> TestResult {
    let e = evaluated(date!(2016 - 07 - 31))?;
    let get = |id: &str| e.indicator(id).ok_or(format!("no indicator `{id}`"));

    // Due 03/2016, forecast for the end of 2016: overdue by 122 days; the
    // forecast is 275 days late.
    let review = get("eese-review-published")?;
    assert_eq!(
        (review.derived, review.basis),
        (Status::Overdue, Basis::Deadline)
    );
    assert_eq!(review.deadline, Some(date!(2016 - 03 - 31)));
    assert_eq!(review.days_overdue, Some(122));
    assert_eq!(review.forecast, ForecastVerdict::AfterDeadline);
    assert_eq!(review.forecast_days_after_deadline, Some(275));
    assert_eq!(review.asserted, None);
    assert!(review.disagreement.is_none());

    // Published May 2016, due April 2016.
    let procurement = get("procurement-report-published")?;
    assert_eq!(procurement.derived, Status::AchievedLate);
    assert_eq!(procurement.days_late, Some(31));
    assert_eq!(procurement.progress, Some(Decimal::ONE));

    // Waits for resources, as the report also says: no disagreement.
    let dialogue = get("social-dialogue-brief")?;
    assert_eq!(
        (dialogue.derived, dialogue.asserted),
        (Status::PendingResources, Some(Status::PendingResources))
    );
    assert!(dialogue.awaits_resources && dialogue.disagreement.is_none());

    // Nothing decides milestones without completion or forecast: the report's word stands.
    for (id, asserted) in [
        ("growth-proposal", Status::NotStarted),
        ("formalization-toolkit", Status::OnTrack),
    ] {
        let i = get(id)?;
        assert_eq!(
            (i.derived, i.basis),
            (Status::NoData, Basis::Nothing),
            "{id}"
        );
        assert_eq!(i.asserted, Some(asserted), "{id}");
        assert!(i.disagreement.is_none(), "{id}");
    }

    // Four briefs by 12/2017; at least six forecast by then.
    let briefs = get("impact-briefs")?;
    assert_eq!(
        (briefs.derived, briefs.basis),
        (Status::OnTrack, Basis::Forecast)
    );
    assert_eq!(briefs.forecast, ForecastVerdict::MeetsTarget);
    assert_eq!(briefs.target, Some(Decimal::from(4)));
    assert_eq!(briefs.days_left, Some(518));

    // Audits expected before the end of the biennium.
    assert_eq!(get("audits-passed")?.derived, Status::OnTrack);
    // No data at all.
    assert_eq!(get("events-evaluation")?.standing, Status::NoData);
    // Seven additional over a baseline of eight: 15, not yet observed.
    let states = get("eese-member-states")?;
    assert_eq!(states.target, Some(Decimal::from(15)));
    assert_eq!(states.baseline, Some(Decimal::from(8)));
    assert_eq!(states.standing, Status::NoData);
    // 1 Jan 2016 to 31 Dec 2017 is 730 days, 212 of them elapsed: 0.2904;
    // 8 + 0.2904 × 7 = 10.03 member States expected by now.
    assert_eq!(states.time_elapsed, Some(Decimal::new(2904, 4)));
    assert_eq!(states.expected, Some(Decimal::new(1003, 2)));

    // 2018-19 work: the calendar says not started, as does the report.
    let programmes = get("sme-programme-states")?;
    assert_eq!(
        (programmes.derived, programmes.basis),
        (Status::NotStarted, Basis::Calendar)
    );
    assert_eq!(programmes.target, Some(Decimal::from(58)));
    let portfolio = get("xbtc-portfolio")?;
    assert_eq!(portfolio.derived, Status::NotStarted);
    assert_eq!(portfolio.deadline_source, DeadlineSource::Biennium);
    assert_eq!(portfolio.deadline, Some(date!(2019 - 12 - 31)));
    assert_eq!(portfolio.line_starts, Some(date!(2018 - 01 - 01)));
    assert_eq!(portfolio.biennium, Some(Biennium::starting(2018)?));
    assert_eq!(
        portfolio.currency.map(|c| c.to_string()),
        Some("USD".to_owned())
    );
    Ok(())
}

#[test]
fn roll_ups_as_of_july_2016() -> TestResult {
    let e = evaluated(date!(2016 - 07 - 31))?;
    // The overdue review report makes the plan overdue.
    assert_eq!(e.overall.status, Status::Overdue);
    // Eleven indicators and the growth CPOs, which have none.
    assert_eq!(e.overall.total, 12);
    assert_eq!(e.overall.counts[&Status::NotStarted], 3);
    assert_eq!(e.overall.counts[&Status::PendingResources], 2);
    assert_eq!(e.overall.counts[&Status::NoData], 2);
    assert_eq!(e.overall.disagreements, 0);

    let growth_cpos = e.deliverable("growth-cpos").ok_or("no growth-cpos")?;
    assert_eq!(growth_cpos.rollup.status, Status::PendingResources);
    let growth = e.item("growth-oriented-smes").ok_or("no growth item")?;
    assert_eq!(growth.rollup.status, Status::PendingResources);
    let evidence = e.item("sme-evidence").ok_or("no sme-evidence")?;
    assert_eq!(evidence.rollup.status, Status::OnTrack);
    assert_eq!(evidence.rollup.counts[&Status::NoData], 1);

    // The review report is shared by two items: counted in each, once in the category.
    assert_eq!(
        e.item("regulatory-impact").ok_or("no item")?.rollup.status,
        Status::Overdue
    );
    let knowledge = e.category("knowledge-generation").ok_or("no category")?;
    assert_eq!(knowledge.rollup.total, 6);
    assert_eq!(knowledge.rollup.status, Status::Overdue);
    let country = e.category("country-level-work").ok_or("no category")?;
    assert_eq!(country.rollup.status, Status::PendingResources);

    let later = e.biennium(Biennium::starting(2018)?).ok_or("no 2018-19")?;
    assert!(!later.started);
    assert_eq!(later.rollup.status, Status::NotStarted);
    assert_eq!(later.rollup.total, 2);
    Ok(())
}

#[test]
fn a_month_of_grace_forgives_the_procurement_report() -> TestResult {
    let (plan, reports) = seed()?;
    let policy = Policy::default().with_grace_days(31);
    let e = evaluate(&plan, &reports, date!(2016 - 07 - 31), &policy, &seed_waits)?;
    assert_eq!(
        standing(&e, "procurement-report-published")?,
        Status::Achieved
    );
    assert_eq!(standing(&e, "eese-review-published")?, Status::Overdue);
    Ok(())
}

#[test]
fn the_same_inputs_give_the_same_answer() -> TestResult {
    let a = serde_json::to_string(&evaluated(date!(2016 - 07 - 31))?)?;
    let b = serde_json::to_string(&evaluated(date!(2016 - 07 - 31))?)?;
    assert_eq!(a, b);
    Ok(())
}

#[test]
fn the_output_is_plain_json() -> TestResult {
    let e = evaluated(date!(2016 - 07 - 31))?;
    let v = serde_json::to_value(&e)?;
    assert_eq!(v["as_of"], "2016-07-31");
    assert_eq!(v["policy"]["on_track"], "0.9");
    assert_eq!(v["overall"]["counts"]["pending_resources"], 2);
    let review = &v["indicators"][0];
    assert_eq!(review["indicator"], "eese-review-published");
    assert_eq!(review["standing"], "overdue");
    assert_eq!(review["deadline"], "2016-03-31");
    assert_eq!(review["forecast"], "after_deadline");
    let states = v["indicators"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["indicator"] == "eese-member-states"))
        .ok_or("no eese-member-states")?;
    assert_eq!(states["expected"], "10.03");
    let back: PlanEvaluation = serde_json::from_value(v)?;
    assert_eq!(back, e);
    Ok(())
}

#[test]
fn later_dates_on_the_seed_data() -> TestResult {
    // After the 2017 deadlines, with no later report: what was not met is overdue,
    // what was met stays as it was.
    let e = evaluated(date!(2018 - 01 - 31))?;
    for id in [
        "eese-review-published",
        "impact-briefs",
        "audits-passed",
        "events-evaluation",
        "social-dialogue-brief",
        "growth-proposal",
        "eese-member-states",
        "sme-programme-states",
    ] {
        assert_eq!(standing(&e, id)?, Status::Overdue, "{id}");
    }
    assert_eq!(
        standing(&e, "procurement-report-published")?,
        Status::AchievedLate
    );
    // The portfolio is due at the end of 2019; its biennium has begun and
    // nothing is observed.
    assert_eq!(standing(&e, "xbtc-portfolio")?, Status::NotStarted);
    let portfolio = e.indicator("xbtc-portfolio").ok_or("no portfolio")?;
    assert_eq!(
        (portfolio.derived, portfolio.basis),
        (Status::NoData, Basis::Nothing)
    );

    // Before the report: nothing counts, and the 2016 deadlines already passed.
    let early = evaluated(date!(2016 - 06 - 30))?;
    assert_eq!(early.report, None);
    assert_eq!(
        standing(&early, "procurement-report-published")?,
        Status::Overdue
    );
    assert_eq!(standing(&early, "formalization-toolkit")?, Status::NoData);
    Ok(())
}
