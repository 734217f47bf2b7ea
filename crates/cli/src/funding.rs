//! `actionplan funding FILE`.

use crate::args::{EvaluateArgs, TableFormat};
use crate::failure::Failure;
use crate::load::{as_of, load};
use crate::table::{Table, escape_terminal, one_line};
use actionplan_funding::{FundingOverview, WaitReason, overview};
use actionplan_report::money_label;
use std::fmt::Write;

/// Prints the funding picture of the file as of the date.
pub fn run(args: &EvaluateArgs, out: &mut String) -> Result<u8, Failure> {
    let envelope = load(&args.file)?;
    let date = as_of(args.as_of, &envelope)?;
    let f = overview(&envelope.plan, &envelope.reports, date);
    match args.format {
        TableFormat::Json => {
            crate::json::pretty(&f, out)?;
        }
        TableFormat::Table => {
            let mut text = String::new();
            table(&f, &mut text);
            // Every text from the file is escaped where it is printed; this
            // catches anything printed in the future without it.
            out.push_str(&escape_terminal(&text));
        }
    }
    Ok(0)
}

fn table(f: &FundingOverview, out: &mut String) {
    let _ = writeln!(
        out,
        "Funding of plan {} as of {}\n",
        one_line(&f.plan),
        actionplan_model::format_date(f.as_of)
    );
    let mut t = Table::new(&[
        "deliverable",
        "biennium",
        "funding",
        "waiting",
        "secured",
        "gap",
        "requests",
    ]);
    for d in &f.deliverables {
        t.row(vec![
            d.deliverable.to_string(),
            d.biennium.map(|b| b.to_string()).unwrap_or_default(),
            d.status
                .map_or_else(|| "-".into(), |s| s.as_str().to_owned()),
            if d.waits_for_resources { "yes" } else { "no" }.to_owned(),
            d.secured_total.map(money_label).unwrap_or_default(),
            d.gap.map(money_label).unwrap_or_default(),
            d.pending_requests.len().to_string(),
        ]);
    }
    out.push_str(&t.render());
    waiting(f, out);
    requests(f, out);
    portfolios(f, out);
    if !f.problems.is_empty() {
        out.push_str("\nCould not compute:\n");
        for p in &f.problems {
            let _ = writeln!(out, "  {}: {}", one_line(p.subject()), one_line(p));
        }
    }
}

/// The deliverables waiting for resources, and why.
fn waiting(f: &FundingOverview, out: &mut String) {
    out.push_str("\nWaiting for resources:\n");
    if f.waiting.is_empty() {
        out.push_str("  none\n");
    }
    for w in &f.waiting {
        let why = match &w.reason {
            WaitReason::ConditionalOnMobilization { source: Some(s) } => {
                format!(
                    "conditional on mobilizing {} resources",
                    s.as_str().replace('_', "-")
                )
            }
            WaitReason::ConditionalOnMobilization { source: None } => {
                "conditional on mobilizing resources".to_owned()
            }
            WaitReason::Unfunded => "resources not allocated".to_owned(),
            _ => "waiting".to_owned(),
        };
        let _ = writeln!(out, "  {}: {why}", one_line(&w.deliverable));
    }
}

/// Requests received but not funded.
fn requests(f: &FundingOverview, out: &mut String) {
    let r = &f.requests;
    let _ = writeln!(
        out,
        "\nRequests received but not funded: {} ({} would need a reallocation, {} without a cost)",
        r.total_count, r.requiring_reallocation, r.without_cost
    );
    for q in &r.requests {
        let _ = writeln!(
            out,
            "  {} x{}: {}",
            one_line(&q.id),
            q.count,
            one_line(&q.text)
        );
    }
}

/// Each portfolio against its target.
fn portfolios(f: &FundingOverview, out: &mut String) {
    out.push_str("\nPortfolios:\n");
    if f.portfolios.is_empty() {
        out.push_str("  none\n");
    }
    for p in &f.portfolios {
        let _ = writeln!(out, "  {} ({})", one_line(&p.name), one_line(&p.portfolio));
        if let Some(b) = &p.baseline {
            let _ = writeln!(
                out,
                "    baseline:  {} on {}",
                money_label(b.amount),
                one_line(b.as_of)
            );
        }
        let _ = writeln!(out, "    target:    {}", money_label(p.target));
        match (&p.latest, p.observed_since_baseline) {
            (Some(l), true) => {
                let _ = writeln!(
                    out,
                    "    latest:    {} on {}",
                    money_label(l.amount),
                    one_line(l.as_of)
                );
            }
            _ => out.push_str("    latest:    no observation since the baseline\n"),
        }
        if let Some(g) = p.remaining_gap {
            let _ = writeln!(out, "    gap:       {}", money_label(g));
        }
        if let Some(pc) = p.progress_percent {
            let _ = writeln!(out, "    progress:  {} % from the baseline", pc.normalize());
        }
        if let (Some(rate), Some(deadline)) = (p.monthly_rate_needed, p.deadline) {
            let _ = writeln!(
                out,
                "    needed:    {} a month until {}",
                money_label(rate),
                actionplan_model::format_date(deadline)
            );
        }
        let _ = writeln!(out, "    status:    {}", one_line(p.status));
    }
}
