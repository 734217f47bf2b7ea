//! Properties of the money arithmetic and the totals.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_funding::{CurrencyTotals, ExchangeRate, MoneyError, MoneyExt, sum, totals};
use actionplan_model::{
    ActionPlan, Currency, Money, ResourceLine, ResourceLineId, ResourceState, SourceId,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use time::macros::date;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["USD", "CHF", "EUR", "JPY", "KWD"])
        .prop_map(|c| c.parse::<Currency>().unwrap())
}

/// A realistic amount: small mantissa, scale 0..=4.
fn amount() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000_000i64..1_000_000_000_000i64, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn money() -> impl Strategy<Value = Money> {
    (amount(), currency()).prop_map(|(a, c)| Money::new(a, c))
}

/// Any `Decimal` at all, up to the extremes.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<bool>(),
        0u32..=28,
    )
        .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
}

fn any_money() -> impl Strategy<Value = Money> {
    (any_decimal(), currency()).prop_map(|(a, c)| Money::new(a, c))
}

fn state() -> impl Strategy<Value = ResourceState> {
    prop::sample::select(vec![
        ResourceState::Secured,
        ResourceState::Underfunded,
        ResourceState::NotAllocated,
        ResourceState::Mobilized,
    ])
}

fn plan() -> ActionPlan {
    serde_json::from_str(
        r#"{
      "id": "p", "title": {"en": "P"},
      "resolution": {"title": {"en": "R"}, "adopted_at": "ilc"},
      "endorsed_at": "gb", "biennia": ["2016-17", "2018-19"],
      "categories": [{"id": "k", "name": {"en": "K"}}, {"id": "c", "name": {"en": "C"}}],
      "items": [
        {"id": "i1", "text": {"en": "I1"}, "paragraphs": ["21"], "category": "k", "biennium": "2016-17", "deliverables": ["d1"]},
        {"id": "i2", "text": {"en": "I2"}, "paragraphs": ["20(b)"], "category": "c", "biennium": "2018-19", "deliverables": ["d2"]}
      ],
      "deliverables": [{"id": "d1", "text": {"en": "D1"}}, {"id": "d2", "text": {"en": "D2"}}],
      "resources": {"sources": [
        {"id": "rb", "kind": "regular_budget", "name": {"en": "RB"}, "biennium": "2016-17"},
        {"id": "xb", "kind": "extra_budgetary", "name": {"en": "XB"}}
      ]}
    }"#,
    )
    .unwrap()
}

/// A resource line with amounts in one currency (as validation requires).
fn line() -> impl Strategy<
    Value = (
        u8,
        u8,
        ResourceState,
        Option<Decimal>,
        Option<Decimal>,
        Currency,
    ),
> {
    (
        0u8..3,
        0u8..3,
        state(),
        prop::option::of(amount().prop_map(|a| a.abs())),
        prop::option::of(amount().prop_map(|a| a.abs())),
        currency(),
    )
}

fn build(
    i: usize,
    l: &(
        u8,
        u8,
        ResourceState,
        Option<Decimal>,
        Option<Decimal>,
        Currency,
    ),
) -> ResourceLine {
    let (d, s, state, req, sec, cur) = l;
    let mut line = ResourceLine::new(ResourceLineId::new(format!("l{i}")).unwrap(), *state);
    line.deliverables = match d {
        0 => vec![],
        1 => vec!["d1".parse().unwrap()],
        _ => vec!["d2".parse().unwrap()],
    };
    line.source = match s {
        0 => None,
        1 => Some(SourceId::new("rb").unwrap()),
        _ => Some(SourceId::new("xb").unwrap()),
    };
    line.required = req.map(|a| Money::new(a, *cur));
    line.secured = sec.map(|a| Money::new(a, *cur));
    line
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn currency_totals_do_not_depend_on_order(
        (amounts, shuffled) in prop::collection::vec(money(), 0..20)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        let mut a = CurrencyTotals::new();
        let mut b = CurrencyTotals::new();
        for m in &amounts { a.add(*m).unwrap(); }
        for m in &shuffled { b.add(*m).unwrap(); }
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }

    #[test]
    fn plan_totals_do_not_depend_on_order(
        (lines, order) in prop::collection::vec(line(), 0..12)
            .prop_flat_map(|v| {
                let n = v.len();
                (Just(v), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
            })
    ) {
        let mut p = plan();
        p.resources.lines = lines.iter().enumerate().map(|(i, l)| build(i, l)).collect();
        let mut q = plan();
        q.resources.lines = order.iter().map(|&i| build(i, &lines[i])).collect();
        let as_of = date!(2016 - 07 - 31);
        let a = totals(&p, as_of).map(|t| serde_json::to_value(t).unwrap());
        let b = totals(&q, as_of).map(|t| serde_json::to_value(t).unwrap());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn adding_two_currencies_is_an_error(a in money(), b in money()) {
        prop_assume!(a.currency != b.currency);
        let is_mismatch = |r: Result<Money, MoneyError>| matches!(r, Err(MoneyError::CurrencyMismatch { .. }));
        prop_assert!(is_mismatch(a.try_add(&b)));
        prop_assert!(is_mismatch(a.try_sub(&b)));
        prop_assert!(is_mismatch(sum(a.currency, [&a, &b])));
        prop_assert!(a.try_ge(&b).is_err());
        // Kept apart, never added.
        let mut t = CurrencyTotals::new();
        t.add(a).unwrap();
        t.add(b).unwrap();
        prop_assert_eq!(t.get(a.currency), Some(a));
        prop_assert_eq!(t.get(b.currency), Some(b));
        prop_assert_eq!(t.single(), None);
    }

    #[test]
    fn same_currency_sums_are_exact(a in money(), b in money()) {
        let b = Money::new(b.amount, a.currency);
        let s = a.try_add(&b).unwrap();
        prop_assert_eq!(s.try_sub(&b).unwrap(), a);
    }

    #[test]
    fn no_input_makes_the_arithmetic_panic(
        a in any_money(), b in any_money(), f in any_decimal(), r in any_decimal()
    ) {
        let b_same = Money::new(b.amount, a.currency);
        let _ = a.try_add(&b_same);
        let _ = a.try_sub(&b_same);
        let _ = a.try_add(&b);
        let _ = a.try_mul(f);
        let _ = a.try_div(f);
        let _ = a.try_ge(&b_same);
        let _ = a.rounded();
        let _ = sum(a.currency, [&a, &b_same, &b]);
        let mut t = CurrencyTotals::new();
        let _ = t.add(a);
        let _ = t.add(b_same);
        let other = if a.currency == Currency::USD { Currency::CHF } else { Currency::USD };
        if let Ok(rate) = ExchangeRate::new(a.currency, other, r, date!(2016 - 07 - 31), "test") {
            if let Ok(c) = rate.convert(a) {
                let _ = rate.convert_back(c);
            }
            let _ = rate.convert_back(Money::new(b.amount, other));
            let _ = rate.inverse();
            let _ = rate.round_trip_bound();
            let _ = t.in_currency(other, &[rate]);
        }
    }

    #[test]
    fn there_and_back_stays_within_the_bound(
        x in money(),
        to in currency(),
        (m, s) in (1i64..=100_000_000, 0u32..=4),
    ) {
        prop_assume!(x.currency != to);
        let rate = ExchangeRate::new(x.currency, to, Decimal::new(m, s), date!(2016 - 07 - 31), "test").unwrap();
        let there = rate.convert(x).unwrap();
        prop_assert_eq!(there.currency, to);
        let back = rate.convert_back(there).unwrap();
        prop_assert_eq!(back.currency, x.currency);
        let error = (back.amount - x.amount).abs();
        let bound = rate.round_trip_bound().unwrap();
        prop_assert!(error <= bound, "{} → {} → {}: error {} > bound {}", x, there, back, error, bound);
    }
}
