//! Results read back from JSON take decimals only as exact strings: a JSON
//! number would go through a binary float (0.1 is not 0.1) and an exponent
//! is outside the format's grammar, so both are refused, while a string of
//! the grammar's full 29 characters reads back digit for digit.

mod common;

use actionplan_indicators::{IndicatorEvaluation, PlanEvaluation, Policy, evaluate};
use actionplan_model::NoResourceInformation;
use common::{TestResult, eval, plan, report};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::str::FromStr;
use time::macros::date;

/// Twelve of 8 + 7 member States as of the end of 2016, due 2017-12: every
/// decimal figure of an evaluation is present.
fn counted() -> Result<IndicatorEvaluation, Box<dyn std::error::Error>> {
    let p = plan(
        json!({"kind": "count", "baseline": "8", "target": "7",
               "target_mode": "additional", "direction": "increase"}),
        Some("2017-12"),
        "2016-17",
    );
    let r = [report(
        "r",
        "2016-12-31",
        json!({"observations": [{"kind": "count", "value": "12"}]}),
    )];
    Ok(eval(&p, &r, date!(2016 - 12 - 31))?)
}

const DECIMAL_MEMBERS: [&str; 6] = [
    "baseline",
    "target",
    "observed",
    "progress",
    "time_elapsed",
    "expected",
];

#[test]
fn an_indicator_evaluation_writes_every_decimal_as_a_string_and_reads_it_back() -> TestResult {
    let e = counted()?;
    let v = serde_json::to_value(&e)?;
    for member in DECIMAL_MEMBERS {
        assert!(v[member].is_string(), "{member}: {}", v[member]);
    }
    assert_eq!(v["progress"], json!("0.5714"));
    let back: IndicatorEvaluation = serde_json::from_str(&serde_json::to_string(&e)?)?;
    assert_eq!(back, e);
    Ok(())
}

#[test]
fn an_indicator_evaluation_refuses_a_decimal_written_as_a_json_number() -> TestResult {
    let text = serde_json::to_string(&counted()?)?;
    for member in DECIMAL_MEMBERS {
        for number in ["0.5", "12", "5e-1"] {
            let mut v: Value = serde_json::from_str(&text)?;
            v[member] = serde_json::from_str(number)?;
            let err = serde_json::from_str::<IndicatorEvaluation>(&v.to_string());
            assert!(err.is_err(), "{member} = {number} was read");
        }
    }
    Ok(())
}

#[test]
fn an_indicator_evaluation_refuses_an_exponent_in_a_string() -> TestResult {
    let mut v = serde_json::to_value(counted()?)?;
    v["progress"] = json!("5e-1");
    assert!(serde_json::from_value::<IndicatorEvaluation>(v).is_err());
    Ok(())
}

#[test]
fn an_indicator_evaluation_reads_a_29_character_decimal_exactly() -> TestResult {
    // A float would round this to 0.1.
    let exact = "0.100000000000000000000000001";
    let mut v = serde_json::to_value(counted()?)?;
    v["observed"] = json!(exact);
    let back: IndicatorEvaluation = serde_json::from_value(v)?;
    assert_eq!(back.observed, Some(Decimal::from_str(exact)?));
    assert_eq!(back.observed.map(|d| d.to_string()).as_deref(), Some(exact));
    Ok(())
}

#[test]
fn a_plan_evaluation_refuses_a_json_number_in_its_policy_or_its_indicators() -> TestResult {
    let p = plan(
        json!({"kind": "count", "target": "4", "target_mode": "absolute"}),
        Some("2017-12"),
        "2016-17",
    );
    let r = [report(
        "r",
        "2016-12-31",
        json!({"observations": [{"kind": "count", "value": "2"}]}),
    )];
    let e = evaluate(
        &p,
        &r,
        date!(2016 - 12 - 31),
        &Policy::default(),
        &NoResourceInformation,
    )?;
    let text = serde_json::to_string(&e)?;
    assert_eq!(serde_json::from_str::<PlanEvaluation>(&text)?, e);

    let mut v: Value = serde_json::from_str(&text)?;
    assert_eq!(v["policy"]["on_track"], json!("0.9"));
    v["policy"]["on_track"] = json!(0.9);
    assert!(serde_json::from_value::<PlanEvaluation>(v).is_err());

    let mut v: Value = serde_json::from_str(&text)?;
    assert_eq!(v["indicators"][0]["observed"], json!("2"));
    v["indicators"][0]["observed"] = json!(2);
    assert!(serde_json::from_value::<PlanEvaluation>(v).is_err());
    Ok(())
}

#[test]
fn a_policy_refuses_a_json_number_and_reads_an_exact_string() -> TestResult {
    assert!(serde_json::from_str::<Policy>(r#"{"at_risk": 0.5}"#).is_err());
    let p: Policy = serde_json::from_str(r#"{"at_risk": "0.499999999999999999999999999"}"#)?;
    assert_eq!(
        p.at_risk,
        Decimal::from_str("0.499999999999999999999999999")?
    );
    Ok(())
}
