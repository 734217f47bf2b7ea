//! How another tool embeds `actionplan-funding`: read a plan and its
//! progress reports, compute the funding overview as of a date, print the
//! totals per currency (never summed across currencies), and convert one
//! figure with an explicit, dated and sourced exchange rate.
//!
//! ```text
//! cargo run -p actionplan-funding --example totals
//! cargo run -p actionplan-funding --example totals -- my-plan.json 2017-12-31
//! cargo run -p actionplan-funding --example totals -- \
//!     tests/data/supply-chains-programme-2017-2021.json 2020-09-30
//! ```
//!
//! A file that states exchange rates (format 1.1) also gets its totals in
//! USD, converted only with those rates, each figure naming the rate used,
//! and its delivery rates by partner and unit.
//!
//! Without arguments it reads the seed, `tests/data/sme-action-plan-2016.json`
//! (GB.328/INS/8), as of 2016-07-31. A tool that depends on the facade
//! `actionplan` would read the file with `actionplan-interchange`, which also
//! validates it; this example depends on the funding crate alone, so it takes
//! the `plan` and `reports` members of the exchange file with `serde_json`.

use actionplan_funding::{
    AmountTotals, CurrencyTotals, ExchangeRate, FundingOverview, InCurrency, MoneyExt, ROUNDING,
    overview, totals_in,
};
use actionplan_model::{ActionPlan, Currency, Decimal, Money, ProgressReport, parse_date};
use std::error::Error;
use std::path::PathBuf;
use time::{Date, Month};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/sme-action-plan-2016.json"),
        PathBuf::from,
    );
    let as_of = match args.next() {
        Some(text) => parse_date(&text)?,
        None => Date::from_calendar_date(2016, Month::July, 31)?,
    };
    let (plan, reports) = read(&path)?;
    let funding = overview(&plan, &reports, as_of);

    println!("{} as of {as_of}", plan.id);
    print_totals(&funding);
    if !plan.resources.exchange_rates.is_empty() {
        print_in_usd(&plan, as_of)?;
    }
    print_portfolios(&funding)?;
    for problem in &funding.problems {
        println!("could not compute {}: {problem}", problem.subject());
    }
    Ok(())
}

/// The plan and reports of an exchange file (`{"format": "actionplan",
/// "version": "1.0", "plan": {…}, "reports": […]}`).
fn read(path: &PathBuf) -> Result<(ActionPlan, Vec<ProgressReport>), Box<dyn Error>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut file: serde_json::Value = serde_json::from_str(&text)?;
    let plan = serde_json::from_value(file["plan"].take())?;
    let reports = match file["reports"].take() {
        serde_json::Value::Null => Vec::new(),
        reports => serde_json::from_value(reports)?,
    };
    Ok((plan, reports))
}

fn print_totals(funding: &FundingOverview) {
    let all = &funding.totals.all;
    println!(
        "resource lines: {} current, {} of them without amounts",
        all.lines, all.lines_without_amounts
    );
    print_amounts("  ", all);
    for (biennium, totals) in &funding.totals.by_biennium {
        println!("  biennium {biennium}: {} lines", totals.lines);
        print_amounts("    ", totals);
    }
    let requests = &funding.requests;
    println!(
        "requests received and not funded: {} ({} would need resources reallocated, {} without a known cost)",
        requests.total_count, requests.requiring_reallocation, requests.without_cost
    );
    print_per_currency("  known cost", &requests.known_cost);
}

/// Totals in USD with the rates the file states: converted where every
/// amount of a group has a rate for its date, per currency otherwise.
fn print_in_usd(plan: &ActionPlan, as_of: Date) -> Result<(), Box<dyn Error>> {
    let totals = totals_in(plan, as_of, Currency::USD)?;
    let groups = std::iter::once(("all".to_owned(), &totals.all))
        .chain(
            totals
                .by_partner
                .iter()
                .map(|(id, p)| (format!("partner {id}"), &p.totals)),
        )
        .chain(
            totals
                .by_unit
                .iter()
                .map(|(id, u)| (format!("unit {id}"), &u.totals)),
        );
    for (label, group) in groups {
        match &group.in_currency {
            Some(InCurrency::Converted(c)) => {
                let show = |m: Option<Money>| m.map_or_else(|| "-".to_owned(), |m| m.to_string());
                println!(
                    "  {label} in USD: approved {}, spent {}, delivery {} %",
                    show(c.approved),
                    show(c.spent),
                    c.delivery_percent
                        .map_or_else(|| "-".to_owned(), |p| p.to_string())
                );
                for r in &c.rates {
                    let source = plan
                        .resources
                        .exchange_rates
                        .get(r.index)
                        .and_then(|s| s.source.as_ref())
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    println!("    at {r} ({source})");
                }
            }
            Some(InCurrency::PerCurrency { reasons, .. }) => {
                println!("  {label}: kept per currency");
                for r in reasons {
                    println!("    {r}");
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn print_amounts(indent: &str, totals: &AmountTotals) {
    print_per_currency(&format!("{indent}required"), &totals.required);
    print_per_currency(&format!("{indent}secured"), &totals.secured);
    print_per_currency(&format!("{indent}gap"), &totals.gap);
}

/// One line per currency: amounts in different currencies are never added.
fn print_per_currency(label: &str, totals: &CurrencyTotals) {
    if totals.is_empty() {
        println!("{label}: no amount stated");
    }
    for money in totals.iter() {
        println!("{label}: {money}");
    }
}

fn print_portfolios(funding: &FundingOverview) -> Result<(), Box<dyn Error>> {
    // A stated rate, as the format requires for any conversion: the figure
    // is for illustration, not the UN operational rate of that month.
    let rate = ExchangeRate::new(
        Currency::USD,
        "CHF".parse()?,
        Decimal::new(9_800, 4),
        funding.as_of,
        "illustrative rate for this example",
    )?;
    for p in &funding.portfolios {
        println!(
            "portfolio {} ({}): status {}",
            p.portfolio,
            p.kind.as_str(),
            p.status
        );
        println!("  target:   {}", p.target);
        if let Some(latest) = &p.latest {
            println!("  latest:   {} ({})", latest.amount, latest.as_of);
        }
        let Some(gap) = p.remaining_gap else { continue };
        println!("  gap:      {gap}");
        if let Some(needed) = p.monthly_rate_needed {
            println!(
                "  needed:   {needed} a month for {} months",
                p.months_remaining.unwrap_or(0)
            );
        }
        if gap.currency == rate.from() {
            print_converted(gap, &rate)?;
        }
    }
    Ok(())
}

/// A converted figure always says which rate it used; the sum of a
/// [`CurrencyTotals`] in one currency needs a rate for every other one.
fn print_converted(gap: Money, rate: &ExchangeRate) -> Result<(), Box<dyn Error>> {
    let converted = rate.convert(gap)?;
    println!(
        "  gap in {}: {converted} at {} {} per {} ({}, {})",
        rate.to(),
        rate.rate(),
        rate.to(),
        rate.from(),
        rate.as_of(),
        rate.source()
    );
    let mut mixed = CurrencyTotals::new();
    mixed.add(gap)?;
    mixed.add(Money::new(Decimal::from(1_000_000), rate.to()))?;
    match mixed.in_currency(rate.to(), &[]) {
        Ok(total) => println!("  unexpected: summed without a rate to {total}"),
        Err(refused) => println!("  {gap} + {} 1000000 without a rate: {refused}", rate.to()),
    }
    let total = mixed.in_currency(rate.to(), std::slice::from_ref(rate))?;
    println!("  {gap} + {} 1000000 at that rate: {total}", rate.to());
    let back = rate.convert_back(converted)?;
    let bound = rate.round_trip_bound()?;
    let error = back.try_sub(&gap)?.amount.abs();
    println!(
        "  back in {}: {back}, off by {error}, within the bound {} {}: {}",
        rate.from(),
        bound.round_dp_with_strategy(6, ROUNDING),
        rate.from(),
        error <= bound
    );
    Ok(())
}
