//! The format 1.1 reference case, the programme of action on decent work in
//! supply chains 2017–2021 (`tests/data/supply-chains-programme-2017-2021.json`):
//! budget, expenditure, delivery, totals by partner, unit and biennium, and
//! conversion with the one stated rate (CHF → USD 1.0120 of 2018-01-02).
//!
//! The file is read with `serde_json` into the model's types: this crate
//! depends on the model only.
//!
//! Its three resource lines, as the figures below use them:
//!
//! | line | source (kind, partner) | unit | time | as_of | approved | spent (as of) |
//! |---|---|---|---|---|---|---|
//! | rb-training | rb-2018-19 (regular budget) | governance | biennium 2018-19 | — | USD 1,000,000 | USD 640,000 (2018-12-31) |
//! | seco-dialogue | seco (XBTC, switzerland) | governance | 2018-01 – 2020-12 | 2018-01-02 | CHF 2,000,000 | CHF 1,250,000 (2020-06-30) |
//! | bmz-inspection | bmz (XBTC, germany) | — → item inspection-2017-2021's lead, governance | 2019-01 – 2021-12 | 2019-06 | USD 600,000 | USD 150,000 (2020-06-30) |
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_funding::{
    AmountTotals, ConversionError, ConvertedTotals, DeliveryIssue, FundingProblem, InCurrency,
    PortfolioPolicy, overview_in_currency, totals_in,
};
use actionplan_model::{ActionPlan, Currency, DateOrMonth, Decimal, Money};
use time::macros::date;

fn example() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/supply-chains-programme-2017-2021.json"
    );
    let text = std::fs::read_to_string(path).expect("the 1.1 example is readable");
    serde_json::from_str(&text).expect("the 1.1 example is JSON")
}

fn plan_of(v: &serde_json::Value) -> ActionPlan {
    serde_json::from_value(v["plan"].clone()).expect("the plan reads")
}

fn plan() -> ActionPlan {
    plan_of(&example())
}

fn money(amount: &str, currency: Currency) -> Money {
    Money::new(amount.parse().unwrap(), currency)
}

fn usd(amount: &str) -> Money {
    money(amount, Currency::USD)
}

fn chf(amount: &str) -> Money {
    money(amount, Currency::CHF)
}

fn pc(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn converted(t: &AmountTotals) -> &ConvertedTotals {
    match &t.in_currency {
        Some(InCurrency::Converted(c)) => c,
        other => panic!("not converted: {other:?}"),
    }
}

#[test]
fn first_report_chf_and_usd_secured_give_usd_3024000_at_the_stated_rate() {
    // As of 2018-12-31 rb-training and seco-dialogue hold; bmz-inspection
    // (as of 2019-06) does not yet.
    // Secured: USD 1,000,000 + CHF 2,000,000 × 1.0120 = USD 3,024,000.00.
    let t = totals_in(&plan(), date!(2018 - 12 - 31), Currency::USD).unwrap();
    assert_eq!(t.all.lines, 2);
    assert_eq!(t.all.secured.get(Currency::CHF), Some(chf("2000000")));
    assert_eq!(t.all.secured.get(Currency::USD), Some(usd("1000000")));
    let c = converted(&t.all);
    assert_eq!(c.secured, Some(usd("3024000.00")));
    assert_eq!(c.secured.unwrap().amount.to_string(), "3024000.00");
    assert_eq!(c.approved, Some(usd("3024000.00")));
    // The rate used, with everything a reader needs to check it.
    assert_eq!(c.rates.len(), 1);
    let r = c.rates[0];
    assert_eq!((r.from, r.to, r.index), (Currency::CHF, Currency::USD, 0));
    assert_eq!(r.rate.to_string(), "1.0120");
    assert_eq!(r.date, DateOrMonth::Day(date!(2018 - 01 - 02)));
    assert_eq!(r.to_string(), "1.0120 USD per CHF of 2018-01-02");
    // Only rb-training's expenditure is known on that date (seco's is of
    // 2020-06-30): USD 640,000 of 1,000,000 = 64.00 %.
    assert_eq!(t.all.spent.get(Currency::USD), Some(usd("640000")));
    assert_eq!(t.all.spent.get(Currency::CHF), None);
    assert_eq!(t.all.lines_without_expenditure, 1);
    assert_eq!(
        t.all.delivery_percent.get(&Currency::USD),
        Some(&pc("64.00"))
    );
    assert_eq!(c.delivery_percent, Some(pc("64.00")));
    // The JSON form names the rate.
    let json = serde_json::to_value(&t.all.in_currency).unwrap();
    assert_eq!(json["result"], "converted");
    assert_eq!(json["secured"]["amount"], "3024000.00");
    assert_eq!(json["rates"][0]["rate"], "1.0120");
    assert_eq!(json["rates"][0]["date"], "2018-01-02");
    assert_eq!(json["rates"][0]["from"], "CHF");
}

#[test]
fn without_the_rate_totals_stay_per_currency_and_say_why() {
    let mut v = example();
    v["plan"]["resources"]
        .as_object_mut()
        .unwrap()
        .remove("exchange_rates");
    let t = totals_in(&plan_of(&v), date!(2018 - 12 - 31), Currency::USD).unwrap();
    assert_eq!(t.all.secured.get(Currency::CHF), Some(chf("2000000")));
    assert_eq!(t.all.secured.get(Currency::USD), Some(usd("1000000")));
    let Some(InCurrency::PerCurrency { currency, reasons }) = &t.all.in_currency else {
        panic!("converted without a rate: {:?}", t.all.in_currency);
    };
    assert_eq!(*currency, Currency::USD);
    // One reason, though the line has two CHF figures on that date.
    assert_eq!(
        reasons,
        &[ConversionError::MissingRate {
            from: Currency::CHF,
            to: Currency::USD,
            date: date!(2018 - 01 - 02)
        }]
    );
    assert!(reasons[0].to_string().contains("from CHF to USD"));
    assert!(reasons[0].to_string().contains("2018-01-02"));
    // A group all in USD still converts (nothing to convert).
    let rb = &t.by_source["rb-2018-19".parse().as_ref().unwrap()].totals;
    assert_eq!(converted(rb).secured, Some(usd("1000000.00")));
}

#[test]
fn a_rate_of_zero_is_an_error_naming_pair_and_date() {
    let mut v = example();
    v["plan"]["resources"]["exchange_rates"][0]["rate"] = "0".into();
    let t = totals_in(&plan_of(&v), date!(2018 - 12 - 31), Currency::USD).unwrap();
    let Some(InCurrency::PerCurrency { reasons, .. }) = &t.all.in_currency else {
        panic!("converted with a rate of zero");
    };
    assert!(matches!(
        reasons.as_slice(),
        [ConversionError::RateNotPositive { from: Currency::CHF, to: Currency::USD, date, rate, index: 0 }]
            if *date == DateOrMonth::Day(date!(2018 - 01 - 02)) && rate.is_zero()
    ));
    let text = reasons[0].to_string();
    assert!(
        text.contains("from CHF to USD of 2018-01-02 is 0"),
        "{text}"
    );
}

#[test]
fn an_amount_dated_before_the_rate_is_not_converted() {
    // Moving seco-dialogue's statement to 2017-12 puts it before the only
    // rate (2018-01-02): a rate never applies backwards.
    let mut v = example();
    v["plan"]["resources"]["lines"][1]["as_of"] = "2017-12".into();
    let t = totals_in(&plan_of(&v), date!(2018 - 12 - 31), Currency::USD).unwrap();
    let Some(InCurrency::PerCurrency { reasons, .. }) = &t.all.in_currency else {
        panic!("converted before the rate's date");
    };
    assert_eq!(
        reasons[0],
        ConversionError::NoRateYet {
            from: Currency::CHF,
            to: Currency::USD,
            date: date!(2017 - 12 - 01),
            earliest: date!(2018 - 01 - 02)
        }
    );
}

#[test]
fn second_report_delivery_by_partner_unit_biennium_and_kind() {
    let o = overview_in_currency(
        &plan(),
        &[],
        date!(2020 - 09 - 30),
        &PortfolioPolicy::default(),
        Currency::USD,
    );
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    let t = &o.totals;

    // Per line: delivery = spent ÷ approved, two places, half away from zero.
    let lines: Vec<(&str, Option<Decimal>, Option<Money>)> = o
        .lines
        .iter()
        .map(|l| (l.line.as_str(), l.delivery_percent, l.unspent))
        .collect();
    assert_eq!(
        lines,
        [
            // 640,000 ÷ 1,000,000 = 64.00 %; 1,000,000 − 640,000
            ("rb-training", Some(pc("64.00")), Some(usd("360000"))),
            // 1,250,000 ÷ 2,000,000 = 62.50 %; 2,000,000 − 1,250,000
            ("seco-dialogue", Some(pc("62.50")), Some(chf("750000"))),
            // 150,000 ÷ 600,000 = 25.00 %; 600,000 − 150,000
            ("bmz-inspection", Some(pc("25.00")), Some(usd("450000"))),
        ]
    );
    assert!(o.lines.iter().all(|l| l.issue.is_none()));

    // All lines. Approved USD 1,600,000 + CHF 2,000,000; spent USD 790,000
    // + CHF 1,250,000.
    assert_eq!(t.all.approved.get(Currency::USD), Some(usd("1600000")));
    assert_eq!(t.all.spent.get(Currency::USD), Some(usd("790000")));
    assert_eq!(t.all.unspent.get(Currency::USD), Some(usd("810000")));
    assert_eq!(t.all.unspent.get(Currency::CHF), Some(chf("750000")));
    // USD: 790,000 ÷ 1,600,000 = 49.375 % → 49.38 (half away from zero;
    // banker's rounding would give 49.38 too, as 7 is odd — see the
    // rounding tests for a case where they differ).
    assert_eq!(t.all.delivery_percent[&Currency::USD], pc("49.38"));
    assert_eq!(t.all.delivery_percent[&Currency::CHF], pc("62.50"));
    // In USD: approved 1,600,000 + 2,000,000 × 1.0120 = 3,624,000.00;
    // spent 790,000 + 1,250,000 × 1.0120 (the rate of 2018-01-02 is the
    // latest on 2020-06-30) = 2,055,000.00; unspent 1,569,000.00;
    // delivery 2,055,000 ÷ 3,624,000 = 56.7052… → 56.71 %.
    // Secured 1,000,000 + 600,000 + 2,024,000 = 3,624,000.00; required
    // 1,000,000 + 1,500,000; gap 0 + 900,000.
    let c = converted(&t.all);
    assert_eq!(c.approved, Some(usd("3624000.00")));
    assert_eq!(c.spent, Some(usd("2055000.00")));
    assert_eq!(c.unspent, Some(usd("1569000.00")));
    assert_eq!(c.delivery_percent, Some(pc("56.71")));
    assert_eq!(c.secured, Some(usd("3624000.00")));
    assert_eq!(c.required, Some(usd("2500000.00")));
    assert_eq!(c.gap, Some(usd("900000.00")));
    assert_eq!(c.rates.len(), 1);

    // By partner: Switzerland (CHF) and Germany (USD); the regular budget
    // line has none.
    let sw = &t.by_partner[&"switzerland".parse().unwrap()];
    assert_eq!(sw.kind, Some(actionplan_model::PartnerKind::MemberState));
    assert_eq!(sw.totals.delivery_percent[&Currency::CHF], pc("62.50"));
    let sw_usd = converted(&sw.totals);
    // 2,000,000 × 1.0120; 1,250,000 × 1.0120; their difference.
    assert_eq!(sw_usd.approved, Some(usd("2024000.00")));
    assert_eq!(sw_usd.spent, Some(usd("1265000.00")));
    assert_eq!(sw_usd.unspent, Some(usd("759000.00")));
    assert_eq!(sw_usd.delivery_percent, Some(pc("62.50")));
    let de = &t.by_partner[&"germany".parse().unwrap()];
    assert_eq!(de.totals.approved.get(Currency::USD), Some(usd("600000")));
    assert_eq!(de.totals.delivery_percent[&Currency::USD], pc("25.00"));
    assert!(converted(&de.totals).rates.is_empty());
    let none = t.without_partner.as_ref().unwrap();
    assert_eq!(none.lines, 1);
    assert_eq!(none.delivery_percent[&Currency::USD], pc("64.00"));

    // By unit: rb-training and seco-dialogue name governance; bmz-inspection
    // names none, and its deliverable's item (inspection-2017-2021) is led
    // by governance. So governance has every line, and Policy, the
    // portfolio above it, has them with its sub-units only.
    assert_eq!(t.by_unit.len(), 2);
    let policy = &t.by_unit[&"policy".parse().unwrap()];
    assert_eq!(policy.totals.lines, 0);
    assert_eq!(policy.with_sub_units.as_ref().map(|w| w.lines), Some(3));
    let gov = &t.by_unit[&"governance".parse().unwrap()];
    assert!(gov.with_sub_units.is_none());
    assert_eq!(
        gov.parent.as_ref().map(actionplan_model::UnitId::as_str),
        Some("policy")
    );
    assert_eq!(gov.totals.lines, 3);
    assert_eq!(converted(&gov.totals).delivery_percent, Some(pc("56.71")));
    assert_eq!(t.without_unit.as_ref().map(|w| w.lines), Some(0));

    // By biennium: only rb-training is in one (2018-19); the two
    // extra-budgetary lines state periods that cross biennia and are
    // counted under them, not under the biennium of their deliverables.
    assert_eq!(t.by_biennium.len(), 1);
    let b = &t.by_biennium[&"2018-19".parse().unwrap()];
    assert_eq!(
        (b.lines, b.delivery_percent[&Currency::USD]),
        (1, pc("64.00"))
    );
    let periods: Vec<(&str, u64)> = t
        .by_period
        .iter()
        .map(|(k, v)| (k.as_str(), v.lines))
        .collect();
    assert_eq!(periods, [("2018-01/2020-12", 1), ("2019-01/2021-12", 1)]);
    assert_eq!(t.without_biennium.lines, 0);

    // By kind: extra-budgetary = seco + bmz: approved 600,000 + 2,024,000 =
    // USD 2,624,000.00; spent 150,000 + 1,265,000 = 1,415,000.00;
    // 1,415,000 ÷ 2,624,000 = 53.9253… → 53.93 %.
    let xb = &t.by_source_kind[&actionplan_model::SourceKind::ExtraBudgetary];
    let xb_usd = converted(xb);
    assert_eq!(xb_usd.approved, Some(usd("2624000.00")));
    assert_eq!(xb_usd.spent, Some(usd("1415000.00")));
    assert_eq!(xb_usd.delivery_percent, Some(pc("53.93")));
    let rb = &t.by_source_kind[&actionplan_model::SourceKind::RegularBudget];
    assert_eq!(rb.delivery_percent[&Currency::USD], pc("64.00"));
}

#[test]
fn expenditure_stated_after_the_date_is_not_counted() {
    let o = overview_in_currency(
        &plan(),
        &[],
        date!(2018 - 12 - 31),
        &PortfolioPolicy::default(),
        Currency::USD,
    );
    let seco = o
        .lines
        .iter()
        .find(|l| l.line.as_str() == "seco-dialogue")
        .unwrap();
    assert_eq!(seco.spent, None);
    assert_eq!(seco.delivery_percent, None);
    assert_eq!(
        seco.issue,
        Some(DeliveryIssue::SpentLater {
            spent_as_of: DateOrMonth::Day(date!(2020 - 06 - 30))
        })
    );
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    // Two approved amounts of the largest Decimal in one currency (more
    // than a file may write, as a program may build them) cannot be added:
    // a problem naming the line, with the figures.
    let mut p = plan();
    for k in [0, 2] {
        p.resources.lines[k].approved = Some(Money::new(Decimal::MAX, Currency::USD));
    }
    let o = overview_in_currency(
        &p,
        &[],
        date!(2020 - 09 - 30),
        &PortfolioPolicy::default(),
        Currency::USD,
    );
    assert!(
        matches!(
            o.problems.as_slice(),
            [FundingProblem::Totals { line, error: actionplan_funding::MoneyError::Overflow { left, right, .. }, .. }]
                if line.as_str() == "bmz-inspection" && *right == Decimal::MAX && *left == Decimal::MAX
        ),
        "{:?}",
        o.problems
    );

    // A CHF amount that overflows when converted: the group stays per
    // currency, with the amount and the rate.
    let mut p = plan();
    p.resources.lines[1].approved = Some(Money::new(Decimal::MAX, Currency::CHF));
    let t = totals_in(&p, date!(2018 - 12 - 31), Currency::USD).unwrap();
    let Some(InCurrency::PerCurrency { reasons, .. }) = &t.all.in_currency else {
        panic!("an overflowing conversion was summed");
    };
    assert!(
        matches!(
            reasons.as_slice(),
            [ConversionError::Overflow { from: Currency::CHF, to: Currency::USD, left, right, .. }]
                if *left == Decimal::MAX && right.to_string() == "1.0120"
        ),
        "{reasons:?}"
    );
}

/// Items planned by year (or spanning the programme) have no biennium: the
/// funding of their deliverables says the year, else the plan's period, so
/// a table of deliverables never shows an empty time column for them.
#[test]
fn deliverables_and_items_planned_by_year_say_their_year_or_the_plans_period() {
    let plan = plan();
    let ds = actionplan_funding::deliverables_funding(&plan, date!(2020 - 09 - 30));
    let frame = |id: &str| {
        let d = ds.iter().find(|d| d.deliverable.as_str() == id).unwrap();
        assert_eq!(d.biennium, None, "{id}");
        d.time_frame.map(|s| s.to_string())
    };
    assert_eq!(frame("constituent-training").as_deref(), Some("2018"));
    assert_eq!(frame("programme-review").as_deref(), Some("2021"));
    // inspection-2017-2021 states no span: it runs over the programme.
    assert_eq!(
        frame("inspection-support").as_deref(),
        Some("01/2017–12/2021")
    );

    let items = actionplan_funding::items_funding(&plan, &ds);
    let capacity = items
        .iter()
        .find(|i| i.item.as_str() == "capacity-2018")
        .unwrap();
    assert_eq!(
        capacity.time_frame.map(|s| s.to_string()).as_deref(),
        Some("2018")
    );
}

/// A portfolio's row covers its departments: `with_sub_units` adds the
/// lines of every unit under a unit, at any depth, and is absent where a
/// unit has no unit with lines under it.
#[test]
fn units_add_up_into_the_units_above_them() {
    let mut v = example();
    // bmz-inspection to Enterprises; both departments are under Policy.
    for line in v["plan"]["resources"]["lines"].as_array_mut().unwrap() {
        if line["id"] == "bmz-inspection" {
            line["unit"] = "enterprises".into();
        }
    }
    let plan = plan_of(&v);
    let t = actionplan_funding::totals(&plan, date!(2020 - 09 - 30)).unwrap();
    let unit = |id: &str| t.by_unit.iter().find(|(k, _)| k.as_str() == id).unwrap().1;
    assert_eq!(unit("governance").totals.lines, 2);
    assert_eq!(unit("enterprises").totals.lines, 1);
    assert!(unit("governance").with_sub_units.is_none());
    let policy = unit("policy");
    assert_eq!(policy.totals.lines, 0, "Policy has no line of its own");
    let all = policy.with_sub_units.as_ref().unwrap();
    assert_eq!(all.lines, 3);
    assert_eq!(all.approved.get(Currency::USD), Some(usd("1600000")));
    assert_eq!(all.approved.get(Currency::CHF), Some(chf("2000000")));

    // Parents in a cycle (refused by the rules) still give totals, each
    // line counted once per unit.
    for u in v["plan"]["units"].as_array_mut().unwrap() {
        if u["id"] == "policy" {
            u["parent"] = "enterprises".into();
        }
    }
    let plan = plan_of(&v);
    let t = actionplan_funding::totals(&plan, date!(2020 - 09 - 30)).unwrap();
    let lines = |id: &str| {
        let u = t.by_unit.iter().find(|(k, _)| k.as_str() == id).unwrap().1;
        u.with_sub_units
            .as_ref()
            .map_or(u.totals.lines, |w| w.lines)
    };
    assert_eq!(lines("policy"), 3);
    assert_eq!(lines("enterprises"), 3);
}
