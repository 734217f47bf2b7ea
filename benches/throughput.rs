#![allow(clippy::expect_used, missing_docs)] // a bench fails loudly on bad input
//! Throughput of every stage, on the seed document and on generated plans
//! of 1,000, 10,000 and 100,000 indicators (`actionplan-generate`, seed 0),
//! with the floor measured in the same run: parsing the same bytes into a
//! `serde_json::Value`. Parsing stages report bytes per second, the others
//! indicators per second. The `growth` group times each stage at n and 8n
//! indicators and prints the ratio (8 is linear). Figures are recorded in
//! `docs/performance.md`.
//!
//! `cargo bench --bench throughput -- --test` runs every benchmark once, on
//! 1,000 indicators only (and growth at 200 and 1,600), so that CI stays
//! fast. `BENCH_INDICATORS=1000,10000` chooses the sizes of a full run.

use actionplan::{funding, indicators, interchange, model};
use actionplan_generate::Generator;
use actionplan_report::{Format, Options, assess, build, render};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;
use std::hint::black_box;
use std::time::{Duration, Instant};
use time::Date;

const SEED: &str = include_str!("../docs/examples/sme-action-plan-2016.json");

/// Whether criterion was started with `--test` (run each benchmark once).
fn smoke() -> bool {
    std::env::args().any(|a| a == "--test")
}

fn sizes() -> Vec<u64> {
    if let Ok(list) = std::env::var("BENCH_INDICATORS") {
        return list
            .split(',')
            .map(|n| {
                n.trim()
                    .parse()
                    .expect("BENCH_INDICATORS: comma-separated numbers")
            })
            .collect();
    }
    if smoke() {
        vec![1_000]
    } else {
        vec![1_000, 10_000, 100_000]
    }
}

fn generated(indicators: u64) -> String {
    let bytes = Generator::new(indicators, 0)
        .expect("size in range")
        .to_vec()
        .expect("generates");
    String::from_utf8(bytes).expect("UTF-8")
}

/// The date a file is evaluated as of: its latest report's.
fn as_of(file: &interchange::Envelope) -> Date {
    actionplan_report::default_as_of(&file.reports).expect("generated files have reports")
}

/// Every stage on one input. `indicators` is `None` for the seed, whose
/// stages after parsing are reported per file.
fn stages(c: &mut Criterion, name: &str, text: &str, indicators: Option<u64>) {
    let mut g = c.benchmark_group(name);
    let n = indicators.unwrap_or(1);
    if n >= 10_000 {
        g.sample_size(10);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(if n >= 100_000 { 8 } else { 4 }));
    }
    let bytes = Throughput::Bytes(text.len() as u64);
    let per_indicator = Throughput::Elements(n);
    let file = interchange::read_str(text).expect("bench input reads");
    let value: Value = serde_json::from_str(text).expect("JSON");
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(interchange::schema())
        .expect("schema compiles");
    let policy = indicators::Policy::default();
    let date = as_of(&file);

    g.throughput(bytes.clone());
    g.bench_function("floor_serde_json_value", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(text)))
    });
    g.bench_function("read_typed", |b| {
        b.iter(|| interchange::read_str_without_schema(black_box(text)))
    });
    g.bench_function("schema_validation", |b| {
        b.iter(|| validator.is_valid(black_box(&value)))
    });
    g.bench_function("read_str", |b| {
        b.iter(|| interchange::read_str(black_box(text)))
    });
    g.bench_function("validate_str", |b| {
        b.iter(|| interchange::validate_str(black_box(text)))
    });

    g.throughput(per_indicator);
    g.bench_function("semantic_rules", |b| {
        b.iter(|| model::validate(black_box(&file.plan), black_box(&file.reports)))
    });
    g.bench_function("evaluate", |b| {
        b.iter(|| {
            indicators::evaluate(
                black_box(&file.plan),
                &file.reports,
                date,
                &policy,
                &funding::FundingAnswer,
            )
        })
    });
    g.bench_function("funding_overview", |b| {
        b.iter(|| funding::overview(black_box(&file.plan), &file.reports, date))
    });
    let a = assess(&file.plan, &file.reports, date, &policy).expect("assesses");
    g.bench_function("report_view", |b| {
        b.iter(|| {
            build(
                black_box(&file.plan),
                &file.reports,
                &a.evaluation,
                &a.funding,
                &Options::default(),
            )
        })
    });
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
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("canonical_write", |b| {
        b.iter(|| interchange::to_canonical_string(black_box(&file)))
    });
    g.finish();
}

fn seed(c: &mut Criterion) {
    stages(c, "seed", SEED, None);
}

fn generated_sizes(c: &mut Criterion) {
    for n in sizes() {
        // Generated once per size, dropped before the next.
        let text = generated(n);
        stages(c, &format!("indicators-{n}"), &text, Some(n));
    }
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Each stage at n and 8n indicators, in one run: the printed ratio is 8
/// for a linear stage and 64 for a quadratic one.
fn growth(c: &mut Criterion) {
    let n: u64 = std::env::var("BENCH_GROWTH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if smoke() { 200 } else { 10_000 });
    let runs = if smoke() { 1 } else { 5 };
    let policy = indicators::Policy::default();
    let inputs: Vec<(u64, String, interchange::Envelope)> = [n, 8 * n]
        .into_iter()
        .map(|k| {
            let text = generated(k);
            let file = interchange::read_str(&text).expect("reads");
            (k, text, file)
        })
        .collect();
    type Stage = fn(&str, &interchange::Envelope, &indicators::Policy);
    let stages: [(&str, Stage); 6] = [
        ("read_str", |text, _, _| {
            black_box(interchange::read_str(text).expect("reads"));
        }),
        ("semantic_rules", |_, f, _| {
            black_box(model::validate(&f.plan, &f.reports));
        }),
        ("evaluate", |_, f, p| {
            black_box(
                indicators::evaluate(&f.plan, &f.reports, as_of(f), p, &funding::FundingAnswer)
                    .expect("evaluates"),
            );
        }),
        ("funding_overview", |_, f, _| {
            black_box(funding::overview(&f.plan, &f.reports, as_of(f)));
        }),
        ("report_view", |_, f, p| {
            let a = assess(&f.plan, &f.reports, as_of(f), p).expect("assesses");
            black_box(build(
                &f.plan,
                &f.reports,
                &a.evaluation,
                &a.funding,
                &Options::default(),
            ));
        }),
        ("render_html", |_, f, p| {
            let a = assess(&f.plan, &f.reports, as_of(f), p).expect("assesses");
            let view = build(
                &f.plan,
                &f.reports,
                &a.evaluation,
                &a.funding,
                &Options::default(),
            );
            black_box(render(&view, Format::Html));
        }),
    ];
    let mut g = c.benchmark_group("growth");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(3));
    for (name, stage) in stages {
        let mut timed = Vec::new();
        for (k, text, file) in &inputs {
            g.throughput(Throughput::Elements(*k));
            g.bench_function(BenchmarkId::new(name, k), |b| {
                b.iter(|| stage(text, file, &policy))
            });
            timed.push(median(runs, || stage(text, file, &policy)));
        }
        let ratio = timed[1].as_secs_f64() / timed[0].as_secs_f64().max(1e-9);
        println!(
            "growth {name}: {n} indicators {:?}, {} indicators {:?}: ratio {ratio:.1} (8 = linear, 64 = quadratic)",
            timed[0],
            8 * n,
            timed[1]
        );
    }
    g.finish();
}

criterion_group! {
    name = throughput;
    config = Criterion::default().sample_size(20);
    targets = seed, generated_sizes, growth
}
criterion_main!(throughput);
