//! Rules exercised on values built for the purpose: amounts, currencies,
//! superseded lines, requests, and portfolios with observations.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_funding::{
    AmountIssue, FundingError, FundingProblem, FundingStatus, PortfolioIssue, PortfolioPolicy,
    deliverables_funding, overview, portfolio_progress, totals,
};
use actionplan_model::{ActionPlan, Currency, MeasureKind, Money, ProgressReport, Status};
use serde_json::json;
use time::macros::date;

fn plan(resources: serde_json::Value, conditional: bool) -> ActionPlan {
    let mut d2 = json!({"id": "d2", "text": {"en": "D2"}});
    if conditional {
        d2["conditions"] = json!([{"kind": "resources_mobilized", "source": "extra_budgetary",
            "text": {"en": "provided that extra-budgetary resources can be mobilized"}}]);
    }
    let mut plan = json!({
        "id": "p", "title": {"en": "P"},
        "resolution": {"title": {"en": "R"}, "adopted_at": "ilc"},
        "endorsed_at": "gb", "biennia": ["2016-17", "2018-19"],
        "categories": [{"id": "k", "name": {"en": "K"}}, {"id": "c", "name": {"en": "C"}}],
        "items": [
          {"id": "i1", "text": {"en": "I1"}, "paragraphs": ["21"], "category": "k", "biennium": "2016-17", "deliverables": ["d1", "d2"]},
          {"id": "i2", "text": {"en": "I2"}, "paragraphs": ["20(a)"], "category": "c", "biennium": "2018-19", "deliverables": ["d3"]}
        ],
        "deliverables": [
          {"id": "d1", "text": {"en": "D1"}}, d2,
          {"id": "d3", "text": {"en": "D3"}, "indicators": [{"id": "xb", "text": {"en": "Portfolio"},
             "measure": {"kind": "money",
               "baseline": {"amount": {"amount": "84000000", "currency": "USD"}, "as_of": "2015-08-15"},
               "target": {"amount": "100000000", "currency": "USD"}}}]}
        ]
    });
    plan["resources"] = resources;
    serde_json::from_value(plan).unwrap()
}

fn usd(s: &str) -> Money {
    Money::new(s.parse().unwrap(), Currency::USD)
}

fn sources() -> serde_json::Value {
    json!([
        {"id": "rb", "kind": "regular_budget", "name": {"en": "RB"}, "biennium": "2016-17"},
        {"id": "xbtc", "kind": "extra_budgetary", "name": {"en": "XBTC"}, "partner": {"en": "Donor"}}
    ])
}

#[test]
fn amounts_decide_the_status_and_the_gap() {
    let p = plan(
        json!({"sources": sources(), "lines": [
            {"id": "l1", "deliverables": ["d1"], "source": "rb", "state": "underfunded",
             "required": {"amount": "250000", "currency": "USD"}, "secured": {"amount": "100000.50", "currency": "USD"}},
            {"id": "l2", "deliverables": ["d1"], "source": "xbtc", "state": "mobilized",
             "required": {"amount": "50000", "currency": "USD"}}
        ]}),
        false,
    );
    let f = deliverables_funding(&p, date!(2016 - 07 - 31));
    let d1 = &f[0];
    assert_eq!(d1.required, Some(usd("300000")));
    assert_eq!(d1.secured_total, Some(usd("150000.50")));
    assert_eq!(d1.gap, Some(usd("149999.50")));
    assert_eq!(d1.status, Some(FundingStatus::PartiallyFunded));
    assert_eq!(d1.secured[1].amount, Some(usd("50000")));

    let t = totals(&p, date!(2016 - 07 - 31)).unwrap();
    assert_eq!(t.all.required.get(Currency::USD), Some(usd("300000")));
    assert_eq!(t.all.gap.get(Currency::USD), Some(usd("149999.50")));
    let rb = "rb".parse().unwrap();
    assert_eq!(
        t.by_source[&rb].totals.secured.get(Currency::USD),
        Some(usd("100000.50"))
    );
    let b1617 = "2016-17".parse().unwrap();
    assert_eq!(t.by_biennium[&b1617].lines, 2);
    assert_eq!(t.by_category[&"k".parse().unwrap()].lines, 2);
}

#[test]
fn fully_secured_amounts_are_funded_and_nothing_secured_is_unfunded() {
    let p = plan(
        json!({"sources": sources(), "lines": [
            {"id": "l1", "deliverables": ["d1"], "state": "underfunded",
             "required": {"amount": "10", "currency": "USD"}, "secured": {"amount": "10", "currency": "USD"}},
            {"id": "l2", "deliverables": ["d2"], "state": "underfunded",
             "required": {"amount": "10", "currency": "USD"}, "secured": {"amount": "0", "currency": "USD"}}
        ]}),
        false,
    );
    let f = deliverables_funding(&p, date!(2016 - 07 - 31));
    assert_eq!(f[0].status, Some(FundingStatus::Funded));
    assert_eq!(f[0].gap, Some(usd("0")));
    assert_eq!(f[1].status, Some(FundingStatus::Unfunded));
    assert!(f[1].waits_for_resources);
}

#[test]
fn currencies_are_never_summed() {
    let p = plan(
        json!({"lines": [
            {"id": "l1", "deliverables": ["d1"], "state": "secured", "required": {"amount": "10", "currency": "USD"}},
            {"id": "l2", "deliverables": ["d1"], "state": "secured", "required": {"amount": "10", "currency": "CHF"}}
        ]}),
        false,
    );
    let f = deliverables_funding(&p, date!(2016 - 07 - 31));
    assert_eq!(f[0].required, None);
    assert_eq!(f[0].gap, None);
    assert_eq!(f[0].status, Some(FundingStatus::Funded));
    assert!(f[0].issues.contains(&AmountIssue::MixedCurrencies {
        currencies: vec![Currency::CHF, Currency::USD]
    }));
    let t = totals(&p, date!(2016 - 07 - 31)).unwrap();
    assert_eq!(t.all.required.currencies().count(), 2);
    assert_eq!(t.all.required.single(), None);
}

#[test]
fn a_later_line_supersedes_an_earlier_one() {
    let p = plan(
        json!({"sources": sources(), "lines": [
            {"id": "waiting", "deliverables": ["d1"], "source": "xbtc", "state": "not_allocated", "as_of": "2016-07"},
            {"id": "found", "deliverables": ["d1"], "source": "xbtc", "state": "mobilized", "as_of": "2017-03-15"}
        ]}),
        false,
    );
    let before = deliverables_funding(&p, date!(2016 - 07 - 31));
    assert_eq!(before[0].status, Some(FundingStatus::Unfunded));
    let after = deliverables_funding(&p, date!(2017 - 03 - 31));
    assert_eq!(after[0].status, Some(FundingStatus::Funded));
    assert_eq!(after[0].secured.len(), 1);
    assert_eq!(after[0].secured[0].line.as_str(), "found");
    // Before either statement holds, nothing is known.
    assert_eq!(
        deliverables_funding(&p, date!(2016 - 06 - 30))[0].status,
        None
    );
}

#[test]
fn conditional_until_mobilized() {
    let general =
        json!({"id": "rb-line", "biennium": "2016-17", "source": "rb", "state": "secured"});
    let p = plan(
        json!({"sources": sources(), "lines": [general.clone()]}),
        true,
    );
    let f = deliverables_funding(&p, date!(2016 - 07 - 31));
    // The biennium-wide line covers d1 but not the conditional d2.
    assert_eq!(f[0].status, Some(FundingStatus::Funded));
    assert_eq!(f[1].status, Some(FundingStatus::Conditional));
    assert!(f[1].waits_for_resources);
    let p = plan(
        json!({"sources": sources(), "lines": [general,
            {"id": "found", "deliverables": ["d2"], "source": "xbtc", "state": "mobilized"}]}),
        true,
    );
    let f = deliverables_funding(&p, date!(2016 - 07 - 31));
    assert_eq!(f[1].status, Some(FundingStatus::Funded));
    assert!(!f[1].waits_for_resources);
}

#[test]
fn requests_alone_are_pending() {
    let p = plan(
        json!({"requests": [{"id": "r", "count": 2, "text": {"en": "Two more"}, "deliverable": "d3",
            "cost": {"amount": "40000", "currency": "USD"}}]}),
        false,
    );
    let o = overview(&p, &[], date!(2016 - 07 - 31));
    assert_eq!(o.deliverables[2].status, Some(FundingStatus::Pending));
    assert!(!o.deliverables[2].waits_for_resources);
    assert_eq!(o.requests.total_count, 2);
    assert_eq!(o.requests.known_cost.get(Currency::USD), Some(usd("40000")));
    assert_eq!(o.requests.without_cost, 0);
    assert_eq!(o.items[1].status, Some(FundingStatus::Pending));
    assert_eq!(o.items[1].pending_request_count, 2);
}

#[test]
fn a_line_for_two_deliverables_is_not_split() {
    let p = plan(
        json!({"lines": [{"id": "both", "deliverables": ["d1", "d2"], "state": "secured",
            "required": {"amount": "10", "currency": "USD"}}]}),
        false,
    );
    let f = deliverables_funding(&p, date!(2016 - 07 - 31));
    assert_eq!(f[0].status, Some(FundingStatus::Funded));
    assert_eq!(f[0].required, None);
    assert!(matches!(f[0].issues[0], AmountIssue::SharedLine { .. }));
    let t = totals(&p, date!(2016 - 07 - 31)).unwrap();
    assert_eq!(t.all.required.get(Currency::USD), Some(usd("10")));
}

fn report(id: &str, as_of: &str, amount: &str) -> ProgressReport {
    serde_json::from_value(json!({
        "id": id, "as_of": as_of,
        "indicators": [{"indicator": "xb", "observations": [
            {"kind": "money", "amount": {"amount": amount, "currency": "USD"}}]}]
    }))
    .unwrap()
}

fn portfolio_plan() -> ActionPlan {
    plan(
        json!({"portfolios": [{"id": "sme-xbtc", "name": {"en": "SME XBTC"}, "kind": "extra_budgetary", "indicator": "xb"}]}),
        false,
    )
}

#[test]
fn portfolio_with_observations() {
    let p = portfolio_plan();
    let port = &p.resources.portfolios[0];
    let policy = PortfolioPolicy::default();
    // 2015-08-15 → 2019-12-31 is 1599 days; by 2017-12-31 (869 days) the
    // straight line expects 54.3 %.
    let reports = [
        report("r1", "2016-07", "86000000"),
        report("r2", "2017-12-31", "94000000"),
    ];
    let x = portfolio_progress(&p, &reports, port, date!(2017 - 12 - 31), &policy).unwrap();
    assert_eq!(x.observations.len(), 2);
    assert!(x.observed_since_baseline);
    assert_eq!(x.change_since_baseline, Some(usd("10000000")));
    assert_eq!(x.progress_percent, Some("62.50".parse().unwrap()));
    assert_eq!(x.remaining_gap, Some(usd("6000000")));
    assert_eq!(x.months_remaining, Some(24));
    assert_eq!(x.monthly_rate_needed, Some(usd("250000")));
    assert_eq!(x.status, Status::OnTrack);

    // Evaluated earlier, the second report is not known yet; 2 million by
    // July 2016 is 12.5 % where the line expects 22.0 % (351 of 1599 days).
    let x = portfolio_progress(&p, &reports, port, date!(2016 - 07 - 31), &policy).unwrap();
    assert_eq!(x.observations.len(), 1);
    assert_eq!(x.progress_percent, Some("12.50".parse().unwrap()));
    assert_eq!(x.status, Status::AtRisk);
    // A laxer policy calls it on track.
    let lax = PortfolioPolicy::default().with_on_track_share("0.5".parse().unwrap());
    let x = portfolio_progress(&p, &reports, port, date!(2016 - 07 - 31), &lax).unwrap();
    assert_eq!(x.status, Status::OnTrack);
}

#[test]
fn portfolio_achieved_late_and_overdue() {
    let p = portfolio_plan();
    let port = &p.resources.portfolios[0];
    let policy = PortfolioPolicy::default();
    let reached = [report("r1", "2019-06", "101000000")];
    let x = portfolio_progress(&p, &reached, port, date!(2019 - 07 - 31), &policy).unwrap();
    assert_eq!(x.status, Status::Achieved);
    assert_eq!(x.remaining_gap, Some(usd("0")));
    let late = [report("r1", "2020-02", "100000000")];
    let x = portfolio_progress(&p, &late, port, date!(2020 - 03 - 31), &policy).unwrap();
    assert_eq!(x.status, Status::AchievedLate);
    let short = [report("r1", "2019-12", "95000000")];
    let x = portfolio_progress(&p, &short, port, date!(2020 - 03 - 31), &policy).unwrap();
    assert_eq!(x.status, Status::Overdue);
    assert_eq!(x.remaining_gap, Some(usd("5000000")));
    assert_eq!(x.monthly_rate_needed, None);
}

#[test]
fn portfolio_observation_in_another_currency_is_left_out() {
    let p = portfolio_plan();
    let port = &p.resources.portfolios[0];
    let r: ProgressReport = serde_json::from_value(json!({
        "id": "r", "as_of": "2016-07",
        "indicators": [{"indicator": "xb", "observations": [
            {"kind": "money", "amount": {"amount": "90000000", "currency": "CHF"}}]}]
    }))
    .unwrap();
    let x = portfolio_progress(
        &p,
        &[r],
        port,
        date!(2016 - 07 - 31),
        &PortfolioPolicy::default(),
    )
    .unwrap();
    assert!(x.observations.is_empty());
    assert_eq!(
        x.issues,
        [PortfolioIssue::OtherCurrency {
            report: "r".parse().unwrap(),
            observed: Money::new("90000000".parse().unwrap(), Currency::CHF),
            target: Currency::USD,
        }]
    );
    let message = x.issues[0].to_string();
    assert!(message.contains("CHF 90000000"), "{message}");
    assert!(message.contains("left out"), "{message}");
    let wire = serde_json::to_value(&x.issues).unwrap();
    assert_eq!(
        wire,
        json!([{"kind": "other_currency", "report": "r",
                "observed": {"amount": "90000000", "currency": "CHF"}, "target": "USD"}])
    );
}

#[test]
fn a_portfolio_without_a_money_indicator_is_a_problem() {
    let mut p = portfolio_plan();
    p.resources.portfolios[0].indicator = "nowhere".parse().unwrap();
    let o = overview(&p, &[], date!(2016 - 07 - 31));
    assert!(o.portfolios.is_empty());
    assert_eq!(o.problems.len(), 1);
    let problem = &o.problems[0];
    assert!(matches!(
        problem,
        FundingProblem::Portfolio {
            portfolio,
            error: FundingError::IndicatorNotFound { indicator, .. },
            ..
        } if portfolio.as_str() == "sme-xbtc" && indicator.as_str() == "nowhere"
    ));
    assert_eq!(problem.subject(), "portfolio sme-xbtc");
    // The message for people is the error's, and the JSON keeps `subject`
    // and `message` beside the typed members.
    let message = problem.to_string();
    assert!(message.contains("`nowhere`"), "{message}");
    assert_eq!(
        serde_json::to_value(problem).unwrap(),
        json!({"kind": "portfolio", "portfolio": "sme-xbtc", "code": "indicator_not_found",
               "subject": "portfolio sme-xbtc", "message": message})
    );
}

#[test]
fn a_portfolio_measured_by_a_count_names_the_kind_found() {
    let mut p = portfolio_plan();
    p.resources.portfolios[0].indicator = "count".parse().unwrap();
    let count: actionplan_model::Indicator = serde_json::from_value(json!({
        "id": "count", "text": {"en": "Countries"},
        "measure": {"kind": "count", "target": "7"}
    }))
    .unwrap();
    p.deliverables[2].indicators.push(count);
    let o = overview(&p, &[], date!(2016 - 07 - 31));
    let [FundingProblem::Portfolio { error, .. }] = o.problems.as_slice() else {
        panic!("one portfolio problem: {:?}", o.problems);
    };
    assert!(
        matches!(
            error,
            FundingError::NotMoney {
                kind: MeasureKind::Count,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.code(), "not_money");
    assert!(error.to_string().contains("a count indicator"), "{error}");
}
