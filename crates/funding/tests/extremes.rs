//! Amounts and dates at the ends of what a file may hold: sums and
//! conversions that do not fit a `Decimal` become stated problems with the
//! figures, never a panic; dates at 1000-01-01 and 9999-12-31 are counted
//! like any other.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_funding::{
    AmountIssue, CurrencyTotals, ExchangeRate, FundingError, FundingProblem, MoneyError, Operation,
    PlanFundingAnswer, PortfolioPolicy, deliverable_funding, overview, portfolio_progress, totals,
};
use actionplan_model::{
    ActionPlan, Currency, Decimal, Measure, Money, Observation, ProgressReport, ResourceQuestion,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use time::macros::date;

/// `Decimal::MAX`: more than a file may write (28 integer digits), as a
/// program embedding the library may build it.
const MAX: &str = "79228162514264337593543950335";
/// The largest amount a file may write.
const FILE_MAX: &str = "9999999999999999999999999999";

fn usd(amount: Decimal) -> Money {
    Money::new(amount, Currency::USD)
}

/// Sets the portfolio indicator's baseline and target amounts.
fn set_measure(p: &mut ActionPlan, baseline: Decimal, target: Decimal) {
    let ind = &mut p.deliverables[2].indicators[0];
    if let Measure::Money(m) = &mut ind.measure {
        if let Some(b) = &mut m.baseline {
            b.amount = Money::new(baseline, b.amount.currency);
        }
        m.target = Money::new(target, m.target.currency);
    }
}

fn plan(resources: Value, measure: Value, deadline: Option<&str>) -> ActionPlan {
    let mut indicator = json!({"id": "xb", "text": {"en": "Portfolio"}});
    indicator["measure"] = measure;
    if let Some(d) = deadline {
        indicator["deadline"] = json!(d);
    }
    let mut plan = json!({
        "id": "p", "title": {"en": "P"},
        "resolution": {"title": {"en": "R"}, "adopted_at": "ilc"},
        "endorsed_at": "gb", "biennia": ["2016-17", "9998-99"],
        "categories": [{"id": "k", "name": {"en": "K"}}],
        "items": [
          {"id": "i1", "text": {"en": "I1"}, "paragraphs": ["21"], "category": "k",
           "biennium": "2016-17", "deliverables": ["d1", "d2"]},
          {"id": "i2", "text": {"en": "I2"}, "paragraphs": ["21"], "category": "k",
           "biennium": "9998-99", "deliverables": ["d3"]}
        ],
        "deliverables": [
          {"id": "d1", "text": {"en": "D1"}},
          {"id": "d2", "text": {"en": "D2"}, "conditions": [{"kind": "resources_mobilized",
             "text": {"en": "provided that resources can be mobilized"}}]},
          {"id": "d3", "text": {"en": "D3"}, "indicators": [indicator]}
        ]
    });
    plan["resources"] = resources;
    serde_json::from_value(plan).unwrap()
}

fn money_measure(baseline: &str, baseline_as_of: &str, target: &str) -> Value {
    json!({"kind": "money",
        "baseline": {"amount": {"amount": baseline, "currency": "USD"}, "as_of": baseline_as_of},
        "target": {"amount": target, "currency": "USD"}})
}

fn default_measure() -> Value {
    money_measure("84000000", "2015-08-15", "100000000")
}

fn portfolios() -> Value {
    json!([{"id": "port", "name": {"en": "Portfolio"}, "kind": "extra_budgetary", "indicator": "xb"}])
}

fn report(as_of: &str, observations: Value) -> ProgressReport {
    let mut report = json!({
        "id": format!("r-{as_of}"), "as_of": as_of,
        "indicators": [{"indicator": "xb"}]
    });
    report["indicators"][0]["observations"] = observations;
    serde_json::from_value(report).unwrap()
}

#[test]
fn two_lines_of_the_largest_amount_do_not_sum_and_say_so() {
    let mut p = plan(
        json!({"lines": [
            {"id": "l1", "deliverables": ["d1"], "state": "secured"},
            {"id": "l2", "deliverables": ["d1"], "state": "secured"}
        ]}),
        default_measure(),
        None,
    );
    for l in &mut p.resources.lines {
        l.required = Some(usd(Decimal::MAX));
    }
    let o = overview(&p, &[], date!(2016 - 07 - 31));
    let d1 = &o.deliverables[0];
    assert_eq!(d1.required, None);
    assert_eq!(d1.secured_total, None);
    // The status still follows from the lines' states.
    assert_eq!(
        d1.status,
        Some(actionplan_funding::FundingStatus::Funded),
        "{d1:?}"
    );
    let overflow: Vec<&MoneyError> = d1
        .issues
        .iter()
        .filter_map(|i| match i {
            AmountIssue::Overflow { error } => Some(error),
            _ => None,
        })
        .collect();
    assert_eq!(overflow.len(), 2, "{:?}", d1.issues);
    assert!(
        matches!(overflow[0], MoneyError::Overflow { left, right, .. }
            if *left == Decimal::MAX && *right == Decimal::MAX),
        "{:?}",
        overflow[0]
    );
    // On the wire the issue keeps its message.
    let wire = serde_json::to_value(&d1.issues[0]).unwrap();
    assert_eq!(wire["kind"], "overflow");
    assert!(wire["message"].as_str().unwrap().contains(MAX), "{wire}");
    // The totals cannot be computed: a stated problem with the figures,
    // naming the line whose amounts could not be added.
    let problem = o
        .problems
        .iter()
        .find(|p| p.subject() == "totals")
        .expect("a totals problem");
    assert!(
        matches!(
            problem,
            FundingProblem::Totals { line, error: MoneyError::Overflow { operation: Operation::Add, .. }, .. }
                if line.as_str() == "l2"
        ),
        "{problem:?}"
    );
    assert_eq!(problem.code(), "overflow");
    let message = problem.to_string();
    assert!(message.contains(MAX), "{message}");
    assert!(message.contains("cannot add"), "{message}");
    assert!(matches!(
        totals(&p, date!(2016 - 07 - 31)),
        Err(MoneyError::Overflow {
            operation: Operation::Add,
            ..
        })
    ));
    // The item's sums are unknown, not wrong.
    assert_eq!(o.items[0].required, None);
}

#[test]
fn eight_lines_of_the_largest_amount_a_file_may_write_overflow_the_totals() {
    let lines: Vec<Value> = (0..8)
        .map(|i| {
            json!({"id": format!("l{i}"), "deliverables": ["d1"], "state": "secured",
                   "required": {"amount": FILE_MAX, "currency": "USD"}})
        })
        .collect();
    let p = plan(json!({ "lines": lines }), default_measure(), None);
    let o = overview(&p, &[], date!(2016 - 07 - 31));
    assert_eq!(o.deliverables[0].required, None);
    assert!(o.deliverables[0].issues.iter().any(
        |i| matches!(i, AmountIssue::Overflow { error } if error.to_string().contains(FILE_MAX))
    ));
    let problem = o.problems.iter().find(|p| p.subject() == "totals").unwrap();
    assert!(problem.to_string().contains(FILE_MAX), "{problem}");
}

#[test]
fn request_costs_that_overflow_are_a_stated_problem() {
    let mut p = plan(
        json!({"requests": [
            {"id": "q1", "count": 1, "text": {"en": "Q"}, "deliverable": "d1",
             "cost": {"amount": "1", "currency": "USD"}},
            {"id": "q2", "count": 4_294_967_295_u32, "text": {"en": "Q"}, "deliverable": "d1",
             "cost": {"amount": "1", "currency": "USD"}}
        ]}),
        default_measure(),
        None,
    );
    p.resources.requests[0].cost = Some(usd(Decimal::MAX));
    let o = overview(&p, &[], date!(2016 - 07 - 31));
    let problem = o
        .problems
        .iter()
        .find(|p| p.subject() == "requests")
        .unwrap();
    assert!(
        matches!(problem, FundingProblem::Requests { request, error: MoneyError::Overflow { .. }, .. }
            if request.as_str() == "q2"),
        "{problem:?}"
    );
    assert!(problem.to_string().contains(MAX), "{problem}");
    // The counts saturate rather than wrap.
    assert_eq!(o.items[0].pending_request_count, 4_294_967_296);
}

#[test]
fn a_conversion_that_overflows_is_an_error_with_the_figures() {
    let max = Money::new(MAX.parse().unwrap(), Currency::CHF);
    let rate = ExchangeRate::new(
        Currency::CHF,
        Currency::USD,
        "1.5".parse().unwrap(),
        date!(2016 - 07 - 31),
        "test",
    )
    .unwrap();
    let err = rate.convert(max).unwrap_err();
    assert!(matches!(
        err,
        MoneyError::Overflow {
            operation: Operation::Convert,
            ..
        }
    ));
    assert!(err.to_string().contains(MAX), "{err}");
    // Dividing by the smallest rate overflows too.
    let tiny = ExchangeRate::new(
        Currency::CHF,
        Currency::USD,
        "0.0000000000000000000000000001".parse().unwrap(),
        date!(2016 - 07 - 31),
        "test",
    )
    .unwrap();
    let usd = Money::new(Decimal::from(1_000_000), Currency::USD);
    assert!(matches!(
        tiny.convert_back(usd),
        Err(MoneyError::Overflow { .. })
    ));
    assert_eq!(
        tiny.inverse().map(|r| r.rate()),
        Ok(Decimal::from_i128_with_scale(10_i128.pow(28), 0))
    );
    // Totals in one currency: a converted sum that overflows is an error.
    let mut t = CurrencyTotals::new();
    t.add(max).unwrap();
    t.add(Money::new(Decimal::ONE, Currency::USD)).unwrap();
    assert!(matches!(
        t.in_currency(Currency::USD, &[rate]),
        Err(MoneyError::Overflow { .. })
    ));
}

#[test]
fn a_portfolio_at_the_ends_of_the_date_range() {
    let mut p = plan(
        json!({"portfolios": portfolios()}),
        money_measure("0", "1000-01-01", "1"),
        Some("9999-12"),
    );
    set_measure(&mut p, Decimal::ZERO, Decimal::MAX);
    let port = &p.resources.portfolios[0];
    let policy = PortfolioPolicy::default();
    // From the first day there is to the last: 9000 years of month ends.
    let x = portfolio_progress(&p, &[], port, date!(1000 - 01 - 01), &policy).unwrap();
    assert_eq!(x.deadline, Some(date!(9999 - 12 - 31)));
    assert_eq!(x.months_remaining, Some(108_000));
    assert_eq!(
        x.monthly_rate_needed.map(|m| m.amount.to_string()),
        Some("733594097354299422162443.98".to_owned())
    );
    // On the last day there is, with an observation that day.
    let reports = [report(
        "9999-12-31",
        json!([{"kind": "money", "amount": {"amount": "1", "currency": "USD"}}]),
    )];
    let x = portfolio_progress(&p, &reports, port, date!(9999 - 12 - 31), &policy).unwrap();
    assert_eq!(x.months_remaining, Some(0));
    assert_eq!(x.monthly_rate_needed, None);
    assert_eq!(x.observations.len(), 1);
    assert_eq!(x.status, actionplan_model::Status::AtRisk);
    // The deadline from the item's biennium 9998-99.
    let p = plan(
        json!({"portfolios": portfolios()}),
        money_measure("0", "9999-12-31", "1"),
        None,
    );
    let x = portfolio_progress(
        &p,
        &[],
        &p.resources.portfolios[0],
        date!(9999 - 12 - 31),
        &policy,
    )
    .unwrap();
    assert_eq!(x.deadline, Some(date!(9999 - 12 - 31)));
    assert_eq!(x.months_remaining, Some(0));
}

#[test]
fn a_portfolio_whose_span_overflows_is_a_stated_problem() {
    let mut p = plan(json!({"portfolios": portfolios()}), default_measure(), None);
    set_measure(&mut p, Decimal::MIN, Decimal::MAX);
    let o = overview(&p, &[], date!(2016 - 07 - 31));
    assert!(o.portfolios.is_empty());
    let problem = o
        .problems
        .iter()
        .find(|p| p.subject() == "portfolio port")
        .unwrap();
    assert!(
        matches!(problem, FundingProblem::Portfolio { portfolio, error: FundingError::Money { .. }, .. }
            if portfolio.as_str() == "port"),
        "{problem:?}"
    );
    assert!(problem.to_string().contains(MAX), "{problem}");
}

#[test]
fn the_answer_built_once_agrees_with_the_answer_computed_per_question() {
    let p = plan(
        json!({"lines": [
            {"id": "l1", "deliverables": ["d1"], "state": "not_allocated"},
            {"id": "l2", "deliverables": ["d3"], "state": "secured", "as_of": "2017-01"}
        ]}),
        default_measure(),
        None,
    );
    for as_of in [date!(2016 - 07 - 31), date!(2017 - 07 - 31)] {
        let o = overview(&p, &[], as_of);
        let built = PlanFundingAnswer::from_overview(&p, &o);
        let fresh = PlanFundingAnswer::new(&p, as_of);
        for d in &p.deliverables {
            let direct = actionplan_funding::awaits_resources(&p, d, as_of);
            assert_eq!(built.awaits_resources(&p, d, as_of), direct, "{}", d.id);
            assert_eq!(fresh.awaits_resources(&p, d, as_of), direct, "{}", d.id);
        }
        // Asked about a copy without its condition, it computes.
        let mut copy = p.deliverables[1].clone();
        copy.conditions.clear();
        assert!(built.awaits_resources(&p, &p.deliverables[1], as_of));
        assert!(!built.awaits_resources(&p, &copy, as_of));
    }
}

/// Any `Decimal` at all, the extremes often.
fn any_amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::new(1, 28)),
        Just(Decimal::ZERO),
        Just(FILE_MAX.parse().unwrap()),
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
    ]
}

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec![Currency::USD, Currency::CHF, Currency::EUR])
}

fn money() -> impl Strategy<Value = Money> {
    (any_amount(), currency()).prop_map(|(a, c)| Money::new(a, c))
}

fn when() -> impl Strategy<Value = Option<&'static str>> {
    prop::option::of(prop::sample::select(vec![
        "1000-01-01",
        "1000-01",
        "2016-07",
        "9999-12",
        "9999-12-31",
    ]))
}

/// A line as a file would write it (amounts set afterwards) and its amounts.
fn line() -> impl Strategy<Value = (Value, Option<Money>, Option<Money>)> {
    (
        prop::sample::subsequence(vec!["d1", "d2", "d3"], 0..=3),
        prop::option::of(prop::sample::select(vec!["2016-17", "9998-99"])),
        prop::option::of(prop::sample::select(vec!["s1", "s2"])),
        prop::sample::select(vec!["secured", "underfunded", "not_allocated", "mobilized"]),
        prop::option::of(money()),
        prop::option::of(money()),
        when(),
    )
        .prop_map(|(ds, b, source, state, required, secured, as_of)| {
            let mut l = json!({"deliverables": ds, "state": state});
            if let Some(b) = b {
                l["biennium"] = json!(b);
            }
            if let Some(s) = source {
                l["source"] = json!(s);
            }
            if let Some(a) = as_of {
                l["as_of"] = json!(a);
            }
            (l, required, secured)
        })
}

fn request() -> impl Strategy<Value = (Value, Option<Money>)> {
    (any::<u32>(), prop::option::of(money()), when()).prop_map(|(count, cost, as_of)| {
        let mut q = json!({"count": count.max(1), "text": {"en": "Q"}, "deliverable": "d1"});
        if let Some(a) = as_of {
            q["as_of"] = json!(a);
        }
        (q, cost)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the amounts and dates, the overview ends in a result, and
    /// the funding computed for all deliverables at once agrees with the
    /// funding computed for each alone.
    #[test]
    fn the_overview_never_panics(
        lines in prop::collection::vec(line(), 0..10),
        requests in prop::collection::vec(request(), 0..3),
        (baseline, target) in (any_amount(), any_amount()),
        baseline_as_of in prop::sample::select(vec!["1000-01-01", "2015-08-15", "9999-12-31"]),
        deadline in prop::option::of(prop::sample::select(vec!["1000-01", "2019-12", "9999-12"])),
        observations in prop::collection::vec((money(), when()), 0..4),
        report_as_of in prop::sample::select(vec!["1000-01", "2016-07-31", "9999-12"]),
        as_of in prop::sample::select(vec![
            date!(1000 - 01 - 01), date!(2016 - 07 - 31), date!(9999 - 12 - 31)
        ]),
        rate in any_amount(),
        share in any_amount(),
    ) {
        let line_json: Vec<Value> = lines.iter().enumerate().map(|(i, (l, _, _))| {
            let mut l = l.clone();
            l["id"] = json!(format!("l{i}"));
            l
        }).collect();
        let request_json: Vec<Value> = requests.iter().enumerate().map(|(i, (q, _))| {
            let mut q = q.clone();
            q["id"] = json!(format!("q{i}"));
            q
        }).collect();
        let mut p = plan(
            json!({"sources": [
                      {"id": "s1", "kind": "regular_budget", "name": {"en": "RB"}, "biennium": "9998-99"},
                      {"id": "s2", "kind": "extra_budgetary", "name": {"en": "XB"}}],
                   "lines": line_json, "requests": request_json, "portfolios": portfolios()}),
            money_measure("0", baseline_as_of, "1"),
            deadline,
        );
        set_measure(&mut p, baseline, target);
        for (l, (_, required, secured)) in p.resources.lines.iter_mut().zip(&lines) {
            l.required = *required;
            l.secured = *secured;
        }
        for (q, (_, cost)) in p.resources.requests.iter_mut().zip(&requests) {
            q.cost = *cost;
        }
        let mut r = report(report_as_of, json!([]));
        r.indicators[0].observations = observations.iter().map(|(m, a)| {
            let mut o = json!({"kind": "money", "amount": {"amount": "0", "currency": "USD"}});
            if let Some(a) = a {
                o["as_of"] = json!(a);
            }
            let mut o: Observation = serde_json::from_value(o).unwrap();
            if let Observation::Money(mo) = &mut o {
                mo.amount = *m;
            }
            o
        }).collect();
        let reports = [r];
        let policy = PortfolioPolicy::default().with_on_track_share(share);
        let o = actionplan_funding::overview_with(&p, &reports, as_of, &policy);
        prop_assert!(serde_json::to_string(&o).is_ok());
        for (d, f) in p.deliverables.iter().zip(&o.deliverables) {
            prop_assert_eq!(&deliverable_funding(&p, d, as_of), f);
        }
        let answer = PlanFundingAnswer::from_overview(&p, &o);
        for d in &p.deliverables {
            let _ = answer.awaits_resources(&p, d, as_of);
        }
        let _ = totals(&p, as_of);
        if let Ok(rate) = ExchangeRate::new(Currency::CHF, Currency::USD, rate, as_of, "test") {
            let rates = [rate];
            let _ = o.totals.all.required.in_currency(Currency::USD, &rates);
            let _ = o.totals.all.gap.in_currency(Currency::USD, &rates);
            let _ = o.requests.known_cost.in_currency(Currency::USD, &rates);
        }
    }
}
