#![allow(clippy::expect_used, missing_docs)] // a bench fails loudly on bad input
//! Throughput of the main paths on the seed document and on a plan scaled
//! up from it: reading, validating (schema and rules), evaluating, funding
//! and rendering. Figures are recorded in `docs/performance.md`.

use actionplan::{funding, indicators, interchange, model};
use actionplan_report::{Format, Options, assess, build, render};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;
use std::hint::black_box;
use time::macros::date;

const SEED: &str = include_str!("../docs/examples/sme-action-plan-2016.json");

/// The seed with its items, deliverables and progress entries copied `n`
/// times under fresh ids: a plan of `9 n` items and `11 n` indicators.
fn scaled(n: usize) -> String {
    let mut v: Value = serde_json::from_str(SEED).expect("seed is JSON");
    let plan = v["plan"].clone();
    let report = v["reports"][0].clone();
    let suffix =
        |id: &Value, k: usize| Value::String(format!("{}-{k}", id.as_str().unwrap_or("x")));
    let (mut items, mut deliverables, mut entries) = (Vec::new(), Vec::new(), Vec::new());
    for k in 0..n {
        for item in plan["items"].as_array().into_iter().flatten() {
            let mut item = item.clone();
            item["id"] = suffix(&item["id"], k);
            if let Some(ds) = item.get_mut("deliverables").and_then(Value::as_array_mut) {
                for d in ds.iter_mut() {
                    *d = suffix(d, k);
                }
            }
            items.push(item);
        }
        for d in plan["deliverables"].as_array().into_iter().flatten() {
            let mut d = d.clone();
            d["id"] = suffix(&d["id"], k);
            if let Some(inds) = d.get_mut("indicators").and_then(Value::as_array_mut) {
                for i in inds.iter_mut() {
                    i["id"] = suffix(&i["id"], k);
                }
            }
            deliverables.push(d);
        }
        for e in report["indicators"].as_array().into_iter().flatten() {
            let mut e = e.clone();
            e["indicator"] = suffix(&e["indicator"], k);
            entries.push(e);
        }
    }
    v["plan"]["items"] = Value::Array(items);
    v["plan"]["deliverables"] = Value::Array(deliverables);
    v["plan"]["resources"]["lines"] = Value::Array(Vec::new());
    v["plan"]["resources"]["requests"] = Value::Array(Vec::new());
    v["plan"]["resources"]["portfolios"] = Value::Array(Vec::new());
    v["reports"][0]["indicators"] = Value::Array(entries);
    serde_json::to_string_pretty(&v).expect("serializes")
}

fn benches(c: &mut Criterion) {
    let as_of = date!(2016 - 07 - 31);
    let policy = indicators::Policy::default();
    for (name, text) in [("seed", SEED.to_owned()), ("seed-x50", scaled(50))] {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        let file = interchange::read_str(&text).expect("bench input reads");
        g.bench_function(BenchmarkId::new("read", text.len()), |b| {
            b.iter(|| interchange::read_str(black_box(&text)))
        });
        g.bench_function("validate_all_layers", |b| {
            b.iter(|| interchange::validate_str(black_box(&text)))
        });
        g.bench_function("model_rules", |b| {
            b.iter(|| model::validate(black_box(&file.plan), black_box(&file.reports)))
        });
        g.bench_function("evaluate", |b| {
            b.iter(|| {
                indicators::evaluate(
                    black_box(&file.plan),
                    &file.reports,
                    as_of,
                    &policy,
                    &funding::FundingAnswer,
                )
            })
        });
        g.bench_function("funding_overview", |b| {
            b.iter(|| funding::overview(black_box(&file.plan), &file.reports, as_of))
        });
        let a = assess(&file.plan, &file.reports, as_of, &policy).expect("assesses");
        let view = build(
            &file.plan,
            &file.reports,
            &a.evaluation,
            &a.funding,
            &Options::default(),
        );
        for format in Format::ALL {
            g.bench_function(BenchmarkId::new("render", format), |b| {
                b.iter(|| render(black_box(&view), format))
            });
        }
        g.bench_function("canonical_write", |b| {
            b.iter(|| interchange::to_canonical_string(black_box(&file)))
        });
        g.finish();
    }
}

criterion_group! {
    name = throughput;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(throughput);
