//! The seed example (GB.328/INS/8, progress as of July 2016): the figures
//! the funding crate must reproduce.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_funding::{
    FundingStatus, LineScope, PlanFundingAnswer, WaitReason, awaits_resources, overview,
    unfunded_requests, waiting_deliverables,
};
use actionplan_model::{
    ActionPlan, Currency, DateOrMonth, DeliverableId, Money, ProgressReport, ResourceQuestion,
    SourceKind, Status,
};
use time::macros::date;

fn seed() -> (ActionPlan, Vec<ProgressReport>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sme-action-plan-2016.json"
    );
    let text = std::fs::read_to_string(path).expect("the seed example is readable");
    let v: serde_json::Value = serde_json::from_str(&text).expect("the seed example is JSON");
    let plan = serde_json::from_value(v["plan"].clone()).expect("the plan reads");
    let reports = serde_json::from_value(v["reports"].clone()).expect("the reports read");
    (plan, reports)
}

fn usd(n: i64) -> Money {
    Money::new(n.into(), Currency::USD)
}

#[test]
fn xbtc_portfolio() {
    let (plan, reports) = seed();
    let o = overview(&plan, &reports, date!(2016 - 07 - 31));
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    assert_eq!(o.portfolios.len(), 1);
    let x = &o.portfolios[0];
    assert_eq!(x.portfolio.as_str(), "sme-xbtc");
    assert_eq!(x.kind, SourceKind::ExtraBudgetary);
    let baseline = x.baseline.as_ref().expect("a baseline");
    assert_eq!(baseline.amount, usd(84_000_000));
    assert_eq!(baseline.as_of, DateOrMonth::Day(date!(2015 - 08 - 15)));
    assert_eq!(x.target, usd(100_000_000));
    assert_eq!(x.remaining_gap, Some(usd(16_000_000)));
    assert!(x.observations.is_empty());
    assert!(!x.observed_since_baseline);
    assert_eq!(x.latest.as_ref(), Some(baseline));
    assert_eq!(x.progress_percent, Some(0.into()));
    // No deadline on the indicator: the end of its item's biennium, 2018-19.
    assert_eq!(x.deadline, Some(date!(2019 - 12 - 31)));
    assert_eq!(x.months_remaining, Some(41));
    assert_eq!(
        x.monthly_rate_needed.map(|m| m.to_string()).as_deref(),
        Some("USD 390243.90")
    );
    // "(a) and (b) not yet started": the 2018-19 work has not begun in July 2016.
    assert_eq!(x.status, Status::NotStarted);
}

#[test]
fn xbtc_portfolio_once_its_biennium_has_begun() {
    let (plan, reports) = seed();
    let o = overview(&plan, &reports, date!(2018 - 03 - 31));
    let x = &o.portfolios[0];
    assert_eq!(x.status, Status::NoData);
    assert_eq!(x.months_remaining, Some(21));
    let o = overview(&plan, &reports, date!(2020 - 01 - 01));
    assert_eq!(o.portfolios[0].status, Status::Overdue);
    assert_eq!(o.portfolios[0].monthly_rate_needed, None);
}

#[test]
fn four_unfunded_assessment_requests() {
    let (plan, _) = seed();
    let r = unfunded_requests(&plan, date!(2016 - 07 - 31)).unwrap();
    assert_eq!(r.total_count, 4);
    assert_eq!(r.requiring_reallocation, 4);
    assert_eq!(r.without_cost, 4);
    assert!(r.known_cost.is_empty());
    assert_eq!(r.requests.len(), 1);
    assert_eq!(r.requests[0].id.as_str(), "eese-assessment-requests");
    assert_eq!(
        r.requests[0]
            .deliverable
            .as_ref()
            .map(DeliverableId::as_str),
        Some("eese-cpos")
    );
    // Not yet known before July 2016.
    let before = unfunded_requests(&plan, date!(2016 - 06 - 30)).unwrap();
    assert_eq!(before.total_count, 0);
}

#[test]
fn deliverables_waiting_for_resources() {
    let (plan, _) = seed();
    let as_of = date!(2016 - 07 - 31);
    let waiting = waiting_deliverables(&plan, as_of);
    let ids: Vec<&str> = waiting.iter().map(|w| w.deliverable.as_str()).collect();
    assert_eq!(ids, ["social-dialogue-study", "growth-cpos"]);
    assert_eq!(waiting[0].reason, WaitReason::Unfunded);
    assert_eq!(
        waiting[1].reason,
        WaitReason::ConditionalOnMobilization {
            source: Some(SourceKind::ExtraBudgetary)
        }
    );

    // The same answer through the model's question, as evaluation asks it.
    let built = PlanFundingAnswer::new(&plan, as_of);
    let answer: &dyn ResourceQuestion = &built;
    let asked: Vec<&str> = plan
        .deliverables
        .iter()
        .filter(|d| answer.awaits_resources(&plan, d, as_of))
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(asked, ids);
    let study = plan
        .deliverable(&DeliverableId::new("social-dialogue-study").unwrap())
        .unwrap();
    assert!(awaits_resources(&plan, study, as_of));
}

#[test]
fn funding_status_of_each_deliverable() {
    use FundingStatus::*;
    let (plan, reports) = seed();
    let o = overview(&plan, &reports, date!(2016 - 07 - 31));
    let status = |id: &str| {
        o.deliverables
            .iter()
            .find(|d| d.deliverable.as_str() == id)
            .unwrap_or_else(|| panic!("no deliverable {id}"))
    };
    // Covered by the programme and budget for 2016-17.
    for id in [
        "eese-review-report",
        "procurement-report",
        "audited-projects",
        "knowledge-events",
        "formalization-tools",
        "growth-concept-note",
    ] {
        let d = status(id);
        assert_eq!(d.status, Some(Funded), "{id}");
        assert_eq!(d.secured.len(), 1, "{id}");
        assert_eq!(d.secured[0].line.as_str(), "rb-coverage-2016-17");
        assert_eq!(d.secured[0].scope, LineScope::Biennium);
        assert_eq!(d.secured[0].source_kind, Some(SourceKind::RegularBudget));
    }
    // Kenya: additional resources from the ILO–World Bank programme.
    let kenya = status("impact-assessments");
    assert_eq!(kenya.status, Some(Funded));
    assert_eq!(
        kenya.secured[0].source_kind,
        Some(SourceKind::OtherMobilized)
    );
    // Underfunded country work, with four requests pending.
    let eese = status("eese-cpos");
    assert_eq!(eese.status, Some(PartiallyFunded));
    assert!(!eese.waits_for_resources);
    assert_eq!(eese.pending_requests.len(), 1);
    assert_eq!(status("social-dialogue-study").status, Some(Unfunded));
    assert_eq!(status("growth-cpos").status, Some(Conditional));
    // Nothing is stated for 2018-19.
    assert_eq!(status("ten-cpos").status, None);
    assert_eq!(status("xb-mobilization").status, None);
    // No amounts anywhere: no gaps.
    assert!(
        o.deliverables
            .iter()
            .all(|d| d.required.is_none() && d.gap.is_none())
    );

    let item = |id: &str| o.items.iter().find(|i| i.item.as_str() == id).unwrap();
    assert_eq!(item("growth-oriented-smes").status, Some(PartiallyFunded));
    assert_eq!(item("growth-oriented-smes").waiting.len(), 1);
    assert_eq!(item("eese-expansion").pending_request_count, 4);
    assert_eq!(item("social-dialogue-research").status, Some(Unfunded));
    assert_eq!(item("core-portfolio").status, None);
}

#[test]
fn totals_without_amounts() {
    let (plan, reports) = seed();
    let o = overview(&plan, &reports, date!(2016 - 07 - 31));
    let t = &o.totals;
    assert_eq!(t.all.lines, 4);
    assert_eq!(t.all.lines_without_amounts, 4);
    assert!(t.all.required.is_empty() && t.all.secured.is_empty());
    assert_eq!(t.by_source.len(), 3);
    assert_eq!(
        t.by_source["rb-2016-17"
            .parse::<actionplan_model::SourceId>()
            .as_ref()
            .unwrap()]
        .totals
        .lines,
        1
    );
    assert_eq!(t.without_source.lines, 2);
    assert_eq!(
        t.by_biennium.values().map(|a| a.lines).sum::<u64>() + t.without_biennium.lines,
        4
    );
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["as_of"], "2016-07-31");
    assert_eq!(json["portfolios"][0]["remaining_gap"]["amount"], "16000000");
    assert_eq!(json["portfolios"][0]["status"], "not_started");
    assert_eq!(json["deliverables"][0]["status"], "funded");
    assert_eq!(
        json["waiting"][1]["reason"]["kind"],
        "conditional_on_mobilization"
    );
}
