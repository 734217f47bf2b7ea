//! `actionplan evaluate FILE`.

use crate::args::{EvaluateArgs, TableFormat};
use crate::failure::Failure;
use crate::load::assess_file;
use crate::table::{Table, escape_terminal, one_line};
use actionplan_indicators::{PlanEvaluation, Rollup};
use actionplan_model::Status;
use std::fmt::Write;

/// Evaluates the file and prints statuses and roll-ups.
pub fn run(args: &EvaluateArgs, out: &mut String) -> Result<u8, Failure> {
    let (_, a) = assess_file(&args.file, args.as_of)?;
    match args.format {
        TableFormat::Json => {
            crate::json::pretty(&a.evaluation, out)?;
        }
        TableFormat::Table => {
            let mut text = String::new();
            table(&a.evaluation, &mut text);
            // Every text from the file is escaped where it is printed; this
            // catches anything printed in the future without it.
            out.push_str(&escape_terminal(&text));
        }
    }
    Ok(0)
}

fn counts(r: &Rollup) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .filter_map(|s| {
            let n = r.counts.get(s).copied().unwrap_or(0);
            (n > 0).then(|| format!("{n} {}", s.label()))
        })
        .collect();
    parts.join(", ")
}

/// A progress ratio as a percentage with one decimal, or what could not be
/// computed (a ratio beyond 10^26 cannot be multiplied by 100).
/// The progress cell: the percentage, or why it cannot be computed.
fn progress_cell(i: &actionplan_indicators::IndicatorEvaluation) -> String {
    if let Some(p) = i.progress_percent() {
        return format!("{} %", p.round_dp(1).normalize());
    }
    i.cannot_compute
        .iter()
        .find(|c| c.figure == actionplan_indicators::Figure::Progress)
        .map(one_line)
        .unwrap_or_default()
}

fn table(e: &PlanEvaluation, out: &mut String) {
    let _ = writeln!(
        out,
        "Plan {} evaluated as of {}{}\n",
        one_line(&e.plan),
        actionplan_model::format_date(e.as_of),
        e.report
            .as_ref()
            .map(|r| format!(" (report {})", one_line(r)))
            .unwrap_or_default()
    );
    let mut t = Table::new(&[
        "indicator",
        "deadline",
        "derived",
        "asserted",
        "standing",
        "progress",
    ]);
    for i in &e.indicators {
        t.row(vec![
            i.indicator.to_string(),
            i.deadline
                .map(actionplan_model::format_date)
                .unwrap_or_default(),
            i.derived.to_string(),
            i.asserted.map_or_else(|| "-".into(), |s| s.to_string()),
            i.standing.to_string(),
            progress_cell(i),
        ]);
    }
    out.push_str(&t.render());
    let disagreements: Vec<_> = e
        .indicators
        .iter()
        .filter_map(|i| i.disagreement.as_ref().map(|d| (i, d)))
        .collect();
    if !disagreements.is_empty() {
        out.push_str("\nDerived and asserted status disagree:\n");
        for (i, d) in disagreements {
            let _ = writeln!(out, "  {}: {}", one_line(&i.indicator), one_line(&d.reason));
        }
    }
    out.push_str("\nRoll-ups:\n");
    let mut t = Table::new(&["level", "id", "status", "indicators"]);
    for d in &e.deliverables {
        t.row(vec![
            "deliverable".into(),
            d.deliverable.to_string(),
            d.rollup.status.to_string(),
            counts(&d.rollup),
        ]);
    }
    for i in &e.items {
        t.row(vec![
            "item".into(),
            i.item.to_string(),
            i.rollup.status.to_string(),
            counts(&i.rollup),
        ]);
    }
    for c in &e.categories {
        t.row(vec![
            "category".into(),
            c.category.to_string(),
            c.rollup.status.to_string(),
            counts(&c.rollup),
        ]);
    }
    for b in &e.biennia {
        t.row(vec![
            "biennium".into(),
            b.biennium.to_string(),
            b.rollup.status.to_string(),
            counts(&b.rollup),
        ]);
    }
    t.row(vec![
        "plan".into(),
        e.plan.to_string(),
        e.overall.status.to_string(),
        counts(&e.overall),
    ]);
    out.push_str(&t.render());
}

#[cfg(test)]
mod tests {

    /// The two files from the issue: a count observed as 10^28 − 1, and a
    /// percentage target of 10^-27 observed at 1.
    #[test]
    fn the_table_of_a_huge_progress_ratio_says_it_cannot_compute() {
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/sme-action-plan-2016.json");
        let seed = std::fs::read_to_string(seed).unwrap();
        let mut huge_count: serde_json::Value = serde_json::from_str(&seed).unwrap();
        let progress = huge_count["reports"][0]["indicators"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|p| p["indicator"] == "impact-briefs")
            .unwrap();
        progress["observations"] =
            serde_json::json!([{"kind": "count", "value": "9999999999999999999999999999"}]);
        let mut tiny_target: serde_json::Value = serde_json::from_str(&seed).unwrap();
        for d in tiny_target["plan"]["deliverables"].as_array_mut().unwrap() {
            let indicators = d.get_mut("indicators").and_then(|i| i.as_array_mut());
            for i in indicators.into_iter().flatten() {
                if i["id"] == "events-evaluation" {
                    i["measure"]["target"] = "0.000000000000000000000000001".into();
                }
            }
        }
        for p in tiny_target["reports"][0]["indicators"]
            .as_array_mut()
            .unwrap()
        {
            if p["indicator"] == "events-evaluation" {
                p["observations"] = serde_json::json!([{"kind": "percentage", "value": "1"}]);
            }
        }
        let dir = tempfile::tempdir().unwrap();
        for (name, v, indicator) in [
            ("count.json", huge_count, "impact-briefs"),
            ("percentage.json", tiny_target, "events-evaluation"),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, v.to_string()).unwrap();
            let mut out = Vec::new();
            let mut err = Vec::new();
            let code = crate::run(
                ["actionplan", "evaluate", path.to_str().unwrap()],
                &mut out,
                &mut err,
            );
            let out = String::from_utf8(out).unwrap();
            assert_eq!(code, 0, "{name}: {}", String::from_utf8_lossy(&err));
            let row = out
                .lines()
                .find(|l| l.starts_with(indicator))
                .unwrap_or_else(|| panic!("{name}: no row for {indicator}:\n{out}"));
            assert!(row.contains("cannot compute progress: "), "{name}: {row}");
            assert!(row.contains("× 100 overflows"), "{name}: {row}");
        }
    }
}
