//! How another tool embeds the evaluation: read a plan and its progress
//! reports, evaluate them as of a date, and print where each indicator
//! stands.
//!
//! ```text
//! cargo run -p actionplan-indicators --example as_of                  # as of 2016-07-31
//! cargo run -p actionplan-indicators --example as_of -- 2017-01-01
//! cargo run -p actionplan-indicators --example as_of -- 2016-07-31 31   # a month of grace
//! ```
//!
//! The input is the seed file of the repository: the SME action plan and
//! its July 2016 progress report (GB.328/INS/8). A tool that receives files
//! from others should read them with `actionplan-interchange`, which checks
//! the format and the plan's rules first; this example trusts the seed and
//! reads it with `serde_json` alone, so as to depend on nothing but this
//! crate and the model.

use actionplan_indicators::{IndicatorEvaluation, PlanEvaluation, Policy, evaluate};
use actionplan_model::{ActionPlan, Deliverable, ProgressReport, format_date, parse_date};
use serde::Deserialize;
use std::error::Error;
use std::path::Path;
use std::process::ExitCode;
use time::Date;
use time::macros::date;

/// The members of an exchange file this example needs; the others
/// (`format`, `version`) are left unread.
#[derive(Deserialize)]
struct Envelope {
    plan: ActionPlan,
    reports: Vec<ProgressReport>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("as_of: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let as_of = match args.next() {
        Some(arg) => parse_date(&arg)?,
        None => date!(2016 - 07 - 31),
    };
    let grace_days: u32 = match args.next() {
        Some(arg) => arg
            .parse()
            .map_err(|e| format!("grace days `{arg}`: {e}"))?,
        None => 0,
    };
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sme-action-plan-2016.json");
    let text = std::fs::read_to_string(&seed)
        .map_err(|e| format!("cannot read {}: {e}", seed.display()))?;
    let Envelope { plan, reports } = serde_json::from_str(&text)?;

    // The thresholds are the caller's: the defaults, with the grace asked
    // for. `evaluate` refuses an unusable policy (a grace over ten years).
    let policy = Policy::default().with_grace_days(grace_days);
    let evaluation = evaluate(&plan, &reports, as_of, &policy, &waits_for_resources)?;
    print(&evaluation);
    Ok(())
}

/// The caller's answer to "does this deliverable wait for resources?". A
/// tool that tracks funds answers from its own records (the
/// `actionplan-funding` crate answers from the plan's resource lines);
/// here, the two deliverables the July 2016 report says wait for funds.
fn waits_for_resources(_: &ActionPlan, d: &Deliverable, _: Date) -> bool {
    matches!(d.id.as_str(), "social-dialogue-study" | "growth-cpos")
}

fn print(e: &PlanEvaluation) {
    let report = e.report.as_ref().map_or("no report", |r| r.as_str());
    println!("{} as of {} ({report})", e.plan, format_date(e.as_of));
    println!(
        "{:<32} {:<18} {:>9}  why",
        "indicator", "standing", "progress"
    );
    for i in &e.indicators {
        println!(
            "{:<32} {:<18} {:>9}  {}",
            i.indicator.as_str(),
            i.standing.as_str(),
            progress(i),
            why(i)
        );
        if let Some(d) = &i.disagreement {
            println!("{:<32} the report asserts {}", "", d.asserted.as_str());
        }
        for note in &i.cannot_compute {
            println!("{:<32} {note}", "");
        }
    }
    let overall = &e.overall;
    println!(
        "overall: {} ({} members, {} disagreements)",
        overall.status.as_str(),
        overall.total,
        overall.disagreements
    );
}

/// Progress as a percentage, where the indicator has one.
fn progress(i: &IndicatorEvaluation) -> String {
    i.progress_percent()
        .map_or_else(|| "-".to_owned(), |p| format!("{} %", p.round_dp(1)))
}

/// Why the indicator stands where it does: the data's reason, or the
/// report's word where the data does not decide.
fn why(i: &IndicatorEvaluation) -> String {
    match i.asserted {
        Some(asserted) if !i.basis.is_decisive() => {
            format!("the report asserts {} ({})", asserted.as_str(), i.reason)
        }
        _ => i.reason.clone(),
    }
}
