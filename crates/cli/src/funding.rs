//! `actionplan funding FILE`.

use crate::args::{FundingArgs, TableFormat};
use crate::failure::Failure;
use crate::load::{as_of, load};
use crate::table::{Table, escape_terminal, one_line};
use actionplan_funding::{
    AmountTotals, CurrencyTotals, FundingOverview, InCurrency, PortfolioPolicy, RateUsed,
    WaitReason, overview_in_currency, overview_with,
};
use actionplan_model::{Currency, Decimal};
use actionplan_report::money_label;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Prints the funding picture of the file as of the date.
pub fn run(args: &FundingArgs, out: &mut String) -> Result<u8, Failure> {
    let common = &args.common;
    let envelope = load(&common.file)?;
    let date = as_of(common.as_of, &envelope)?;
    let policy = PortfolioPolicy::default();
    let f = match args.currency {
        Some(c) => overview_in_currency(&envelope.plan, &envelope.reports, date, &policy, c),
        None => overview_with(&envelope.plan, &envelope.reports, date, &policy),
    };
    match common.format {
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
        "time frame",
        "funding",
        "waiting",
        "secured",
        "gap",
        "requests",
    ]);
    for d in &f.deliverables {
        t.row(vec![
            d.deliverable.to_string(),
            d.biennium
                .map(|b| b.to_string())
                .or_else(|| d.time_frame.map(|s| s.to_string()))
                .unwrap_or_default(),
            d.status
                .map_or_else(|| "-".into(), |s| s.as_str().to_owned()),
            if d.waits_for_resources { "yes" } else { "no" }.to_owned(),
            d.secured_total.map(money_label).unwrap_or_default(),
            d.gap.map(money_label).unwrap_or_default(),
            d.pending_requests.len().to_string(),
        ]);
    }
    out.push_str(&t.render());
    totals(f, out);
    delivery(f, out);
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

/// Whether a group states any amount worth a row.
fn has_amounts(t: &AmountTotals) -> bool {
    [&t.required, &t.secured, &t.approved, &t.spent]
        .iter()
        .any(|c| !c.is_empty())
}

/// Per-currency amounts in one cell: `USD 1,600,000; CHF 2,000,000`.
fn per_currency(c: &CurrencyTotals) -> String {
    c.iter().map(money_label).collect::<Vec<_>>().join("; ")
}

fn percent(p: Decimal) -> String {
    format!("{p} %")
}

fn per_currency_percent(m: &BTreeMap<Currency, Decimal>) -> String {
    m.iter()
        .map(|(c, p)| format!("{c} {}", percent(*p)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The cells of a group: in the currency asked for when it converted,
/// per currency otherwise.
fn group_row(label: String, t: &AmountTotals) -> Vec<String> {
    let mut row = vec![label, t.lines.to_string()];
    if let Some(InCurrency::Converted(c)) = &t.in_currency {
        let m = |x: Option<actionplan_model::Money>| x.map(money_label).unwrap_or_default();
        row.extend([
            m(c.required),
            m(c.secured),
            m(c.gap),
            m(c.approved),
            m(c.spent),
            m(c.unspent),
            c.delivery_percent.map(percent).unwrap_or_default(),
        ]);
    } else {
        row.extend([
            per_currency(&t.required),
            per_currency(&t.secured),
            per_currency(&t.gap),
            per_currency(&t.approved),
            per_currency(&t.spent),
            per_currency(&t.unspent),
            per_currency_percent(&t.delivery_percent),
        ]);
    }
    row
}

/// Totals of the resource lines by kind of source, partner, unit and
/// biennium; printed only when a line states an amount or a currency was
/// asked for, so that a plan without amounts prints no empty table.
fn totals(f: &FundingOverview, out: &mut String) {
    let t = &f.totals;
    if !has_amounts(&t.all) {
        if let Some(c) = t.currency {
            let _ = writeln!(
                out,
                "\nTotals in {c}: no resource line states an amount ({} lines).",
                t.all.lines
            );
        }
        return;
    }
    let _ = match t.currency {
        Some(c) => writeln!(out, "\nTotals (in {c} where the stated rates allow):"),
        None => writeln!(out, "\nTotals:"),
    };
    let mut table = Table::new(&[
        "group", "lines", "required", "secured", "gap", "approved", "spent", "unspent", "delivery",
    ]);
    table.row(group_row("all".to_owned(), &t.all));
    for (kind, g) in &t.by_source_kind {
        table.row(group_row(format!("source kind {}", kind.as_str()), g));
    }
    for (id, p) in &t.by_partner {
        table.row(group_row(format!("partner {id}"), &p.totals));
    }
    if let Some(w) = t.without_partner.as_ref().filter(|w| w.lines > 0) {
        table.row(group_row("no partner".to_owned(), w));
    }
    for (id, u) in &t.by_unit {
        if u.totals.lines > 0 {
            table.row(group_row(format!("unit {id}"), &u.totals));
        }
        if let Some(w) = &u.with_sub_units {
            table.row(group_row(format!("unit {id} with sub-units"), w));
        }
    }
    if let Some(w) = t.without_unit.as_ref().filter(|w| w.lines > 0) {
        table.row(group_row("no unit".to_owned(), w));
    }
    for (b, g) in &t.by_biennium {
        table.row(group_row(format!("biennium {b}"), g));
    }
    for (p, g) in &t.by_period {
        table.row(group_row(format!("period {p}"), g));
    }
    if t.without_biennium.lines > 0 {
        table.row(group_row("no biennium".to_owned(), &t.without_biennium));
    }
    out.push_str(&table.render());
    conversion_notes(f, out);
}

/// Which stated rates converted the totals, and why a group stayed per
/// currency.
fn conversion_notes(f: &FundingOverview, out: &mut String) {
    let t = &f.totals;
    let groups = std::iter::once(&t.all)
        .chain(t.by_source_kind.values())
        .chain(t.by_partner.values().map(|p| &p.totals))
        .chain(
            t.by_unit
                .values()
                .flat_map(|u| std::iter::once(&u.totals).chain(u.with_sub_units.as_ref())),
        )
        .chain(t.by_biennium.values())
        .chain(t.by_period.values());
    let mut used: BTreeMap<usize, RateUsed> = BTreeMap::new();
    let mut reasons: Vec<String> = Vec::new();
    for g in groups {
        match &g.in_currency {
            Some(InCurrency::Converted(c)) => {
                for r in &c.rates {
                    used.entry(r.index).or_insert(*r);
                }
            }
            Some(InCurrency::PerCurrency { reasons: rs, .. }) => {
                for r in rs {
                    let text = r.to_string();
                    if !reasons.contains(&text) {
                        reasons.push(text);
                    }
                }
            }
            _ => {}
        }
    }
    for r in used.values() {
        let source = f
            .exchange_rates
            .get(r.index)
            .and_then(|s| s.source.as_ref())
            .map(|s| format!(" ({})", one_line(s)))
            .unwrap_or_default();
        let _ = writeln!(out, "  converted at {}{source}", one_line(r));
    }
    if t.currency.is_some() {
        for r in &reasons {
            let _ = writeln!(out, "  kept per currency: {}", one_line(r));
        }
    } else if t.all.approved.currencies().count() > 1
        || t.all.secured.currencies().count() > 1
        || t.all.required.currencies().count() > 1
    {
        out.push_str(
            "  amounts in different currencies are not added; give --currency CODE to convert them with the rates the file states\n",
        );
    }
}

/// Budget, expenditure and delivery of each line stating them.
fn delivery(f: &FundingOverview, out: &mut String) {
    if f.lines.is_empty() {
        return;
    }
    out.push_str("\nBudget and delivery:\n");
    let mut t = Table::new(&[
        "line",
        "approved",
        "spent",
        "spent as of",
        "unspent",
        "delivery",
        "note",
    ]);
    for l in &f.lines {
        t.row(vec![
            l.line.to_string(),
            l.approved.map(money_label).unwrap_or_default(),
            l.spent.map(money_label).unwrap_or_default(),
            l.spent_as_of.map(|d| d.to_string()).unwrap_or_default(),
            l.unspent.map(money_label).unwrap_or_default(),
            l.delivery_percent.map(percent).unwrap_or_default(),
            l.issue.map(|i| i.to_string()).unwrap_or_default(),
        ]);
    }
    out.push_str(&t.render());
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use actionplan_model::ActionPlan;

    /// The 1.1 example's plan, read with `serde_json` so that a test can
    /// change it first (drop the rate) without writing a file; the e2e
    /// tests run the command on the file itself.
    fn example(edit: impl FnOnce(&mut serde_json::Value)) -> ActionPlan {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/supply-chains-programme-2017-2021.json"
        );
        let mut v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        edit(&mut v);
        serde_json::from_value(v["plan"].take()).unwrap()
    }

    fn text(plan: &ActionPlan, currency: Option<Currency>) -> String {
        let date = time::macros::date!(2018 - 12 - 31);
        let policy = PortfolioPolicy::default();
        let f = match currency {
            Some(c) => overview_in_currency(plan, &[], date, &policy, c),
            None => overview_with(plan, &[], date, &policy),
        };
        let mut out = String::new();
        table(&f, &mut out);
        out
    }

    #[test]
    fn chf_and_usd_convert_to_usd_at_the_stated_rate_which_the_output_names() {
        let out = text(&example(|_| {}), Some(Currency::USD));
        let all = out.lines().find(|l| l.starts_with("all ")).unwrap();
        // Secured and approved: USD 1,000,000 + CHF 2,000,000 × 1.0120.
        assert!(all.contains("USD 3,024,000.00"), "{out}");
        assert!(
            out.contains(
                "converted at 1.0120 USD per CHF of 2018-01-02 (United Nations operational rate of exchange)"
            ),
            "{out}"
        );
        // Delivery per line: rb-training 640,000 of 1,000,000.
        assert!(out.contains("64.00 %"), "{out}");
        assert!(out.contains("after the evaluation date"), "{out}");
    }

    #[test]
    fn without_the_rate_totals_stay_per_currency_and_say_why() {
        let plan = example(|v| {
            v["plan"]["resources"]
                .as_object_mut()
                .unwrap()
                .remove("exchange_rates");
        });
        let out = text(&plan, Some(Currency::USD));
        let all = out.lines().find(|l| l.starts_with("all ")).unwrap();
        assert!(all.contains("CHF 2,000,000; USD 1,000,000"), "{out}");
        assert!(
            out.contains(
                "kept per currency: no exchange rate from CHF to USD is stated for 2018-01-02"
            ),
            "{out}"
        );
        // Without --currency, the output says how to get one figure.
        let out = text(&plan, None);
        assert!(out.contains("give --currency CODE"), "{out}");
    }
}
