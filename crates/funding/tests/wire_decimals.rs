//! No public type of the crate reads a decimal from a JSON number: the
//! exchange format writes every decimal as a string, and a number would
//! pass through `f64` (or an exponent) on the way in.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_funding::{ExchangeRate, PortfolioPolicy};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// `good` reads; with `field` replaced by each number (or exponent) it
/// does not, and neither does any other value than a decimal string.
fn refuses_numbers<T: DeserializeOwned + std::fmt::Debug>(good: &Value, field: &str) {
    serde_json::from_value::<T>(good.clone()).unwrap();
    for bad in [
        json!(1.5),
        json!(2),
        json!(1e3),
        json!("1e3"),
        json!("1.5E0"),
        json!(""),
        json!(true),
    ] {
        let mut v = good.clone();
        v[field] = bad.clone();
        let read = serde_json::from_value::<T>(v);
        assert!(read.is_err(), "{field} = {bad} was read: {read:?}");
    }
}

#[test]
fn an_exchange_rate_refuses_a_number() {
    refuses_numbers::<ExchangeRate>(
        &json!({"from": "CHF", "to": "USD", "rate": "1.0142", "as_of": "2016-07-31",
                "source": "UN operational rates of exchange"}),
        "rate",
    );
}

#[test]
fn a_portfolio_policy_refuses_a_number() {
    refuses_numbers::<PortfolioPolicy>(&json!({"on_track_share": "0.8"}), "on_track_share");
}

/// The public types that implement `Deserialize`, found in the sources:
/// a derive (on one line or several) in front of a `pub struct` or
/// `pub enum`, or a hand-written impl.
fn deserializable_types() -> BTreeSet<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (at, _) in text.match_indices("#[derive(") {
            let rest = &text[at..];
            let end = rest.find(")]").unwrap();
            if !rest[..end].contains("Deserialize") {
                continue;
            }
            // The item the derive is on: the first item keyword after it.
            let item = rest[end..]
                .lines()
                .map(str::trim)
                .find(|l| {
                    ["pub struct ", "pub enum ", "struct ", "enum "]
                        .iter()
                        .any(|k| l.starts_with(k))
                })
                .unwrap();
            if let Some(name) = item
                .strip_prefix("pub struct ")
                .or_else(|| item.strip_prefix("pub enum "))
            {
                found.insert(name_of(name));
            }
        }
        for (at, _) in text.match_indices("impl<'de> Deserialize<'de> for ") {
            found.insert(name_of(
                &text[at..]["impl<'de> Deserialize<'de> for ".len()..],
            ));
        }
    }
    found
}

fn name_of(item: &str) -> String {
    item.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Guards the two tests above: a new public type that reads JSON must get
/// its own test here before this one passes.
#[test]
fn every_deserializable_type_is_tested() {
    let tested: BTreeSet<String> = ["ExchangeRate", "PortfolioPolicy"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(deserializable_types(), tested);
}
