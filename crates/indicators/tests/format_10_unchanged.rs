//! Format 1.1 only adds: every 1.0 file evaluates exactly as before. The
//! seed and every valid 1.0 fixture of the exchange crate are evaluated at
//! dates across their span and compared, as JSON, with the evaluations
//! recorded before format 1.1 (`tests/expected/format-1.0-evaluations.json`).
//!
//! `UPDATE_EXPECTED=1 cargo test -p actionplan-indicators --test
//! format_10_unchanged` rewrites the record: only ever for a change of the
//! 1.0 rules themselves, reviewed line by line.

use actionplan_indicators::{Policy, evaluate};
use actionplan_model::{ActionPlan, Deliverable, NoResourceInformation, parse_date};
use serde_json::{Map, Value};
use std::path::Path;
use time::Date;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The 1.0 files: the seed and the valid fixtures of the exchange crate.
const FILES: [&str; 5] = [
    "tests/data/sme-action-plan-2016.json",
    "../interchange/tests/fixtures/valid/explicit-nulls-for-optional-members.json",
    "../interchange/tests/fixtures/valid/full.json",
    "../interchange/tests/fixtures/valid/integers-written-as-decimals.json",
    "../interchange/tests/fixtures/valid/minimal.json",
];

/// Before, at, inside and after the biennia of the files (2016–17, 2018–19).
const DATES: [&str; 5] = [
    "2015-12-31",
    "2016-07-31",
    "2017-06-30",
    "2019-12-31",
    "2021-01-01",
];

/// The seed's funding answer (see `docs/evaluation.md`).
fn seed_waits(_: &ActionPlan, d: &Deliverable, _: Date) -> bool {
    matches!(d.id.as_str(), "social-dialogue-study" | "growth-cpos")
}

fn evaluations() -> Result<Value, Box<dyn std::error::Error>> {
    let mut all = Map::new();
    for file in FILES {
        let path = Path::new(DIR).join(file);
        // The fixtures live in the exchange crate: a packaged copy of this
        // crate (scripts/test-packages) has only the seed.
        if file.starts_with("../") && !path.exists() {
            eprintln!("{file}: not in this package, not compared");
            continue;
        }
        let envelope = actionplan_interchange::read_path(path)?;
        assert_eq!(envelope.version.to_string(), "1.0", "{file}");
        let mut per_date = Map::new();
        for day in DATES {
            let as_of = parse_date(day)?;
            let e = evaluate(
                &envelope.plan,
                &envelope.reports,
                as_of,
                &Policy::default(),
                &NoResourceInformation,
            )?;
            per_date.insert(day.to_owned(), serde_json::to_value(&e)?);
            if file.contains("sme-action-plan") && day == "2016-07-31" {
                let e = evaluate(
                    &envelope.plan,
                    &envelope.reports,
                    as_of,
                    &Policy::default().with_grace_days(31),
                    &seed_waits,
                )?;
                per_date.insert(format!("{day} waits grace"), serde_json::to_value(&e)?);
            }
        }
        all.insert(file.to_owned(), Value::Object(per_date));
    }
    Ok(Value::Object(all))
}

#[test]
fn every_format_10_file_evaluates_as_before() -> TestResult {
    let path = Path::new(DIR).join("tests/expected/format-1.0-evaluations.json");
    let now = evaluations()?;
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&now)? + "\n")?;
        return Ok(());
    }
    let before: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let (Value::Object(now), Value::Object(before)) = (&now, &before) else {
        return Err("the record is not an object".into());
    };
    let in_repository = Path::new(DIR)
        .join("../interchange/tests/fixtures")
        .exists();
    if in_repository {
        assert_eq!(now.len(), before.len());
    }
    for (file, was) in before {
        let Some(is) = now.get(file) else {
            if file.starts_with("../") && !in_repository {
                continue;
            }
            return Err(format!("{file} is no longer evaluated").into());
        };
        let (Value::Object(is), Value::Object(was)) = (is, was) else {
            return Err(format!("{file}: not an object").into());
        };
        for (day, old) in was {
            // One date at a time, so that a failure names the date.
            assert_eq!(is.get(day), Some(old), "{file} as of {day}");
        }
    }
    Ok(())
}
