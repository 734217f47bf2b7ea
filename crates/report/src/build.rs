//! Builds the [`ReportView`] from a plan, its reports, their evaluation and
//! the funding overview: the one place where the table's layout is decided.

use crate::view::*;
use actionplan_funding::{FundingOverview, FundingStatus, PortfolioProgress};
use actionplan_indicators::PlanEvaluation;
use actionplan_model::{
    ActionPlan, DateOrMonth, Deliverable, FollowUpItem, Language, Measure, Money, ProgressReport,
    Session, Status, Text,
};
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use time::Date;

/// Choices that change how the report reads, not what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The language to show texts in; a text without that version falls back
    /// to English, then French, then Spanish.
    pub language: Language,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            language: Language::En,
        }
    }
}

impl Options {
    /// Options that show texts in `language`.
    pub fn in_language(language: Language) -> Self {
        Options { language }
    }
}

/// Lays out the report. `evaluation` and `funding` must come from the same
/// plan and reports (see [`assess`](crate::assess)).
pub fn build(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    evaluation: &PlanEvaluation,
    funding: &FundingOverview,
    options: &Options,
) -> ReportView {
    let lang = options.language;
    let t = |text: &Text| text.best(lang).to_owned();
    let report = evaluation
        .report
        .as_ref()
        .and_then(|id| reports.iter().find(|r| &r.id == id));
    let document = report
        .and_then(|r| r.document.as_ref())
        .map(|d| DocumentHeader {
            symbol: d.symbol.clone(),
            title: t(&d.title),
            session: plan.session(&d.session).map(|s| session_line(s, lang)),
            date: d.date.map(actionplan_model::format_date),
        });
    let as_of_label = match report {
        Some(r) => date_or_month_label(r.as_of),
        None => date_label(evaluation.as_of),
    };

    let mut emitted: BTreeSet<&str> = BTreeSet::new();
    let mut bienniums = Vec::new();
    for &b in &plan.biennia {
        let mut categories = Vec::new();
        for cat in &plan.categories {
            let mut rows = Vec::new();
            for item in plan
                .items
                .iter()
                .filter(|i| i.biennium == b && i.category == cat.id)
            {
                for d in plan.deliverables_of(item) {
                    if !emitted.insert(d.id.as_str()) {
                        continue;
                    }
                    let items: Vec<&FollowUpItem> = plan.items_of(&d.id).collect();
                    deliverable_rows(&mut rows, &items, d, report, evaluation, lang);
                }
            }
            mark_firsts(&mut rows);
            if !rows.is_empty() {
                categories.push(CategorySection {
                    name: t(&cat.name),
                    rows,
                });
            }
        }
        let printed = b.to_string().replace('-', "–");
        bienniums.push(BienniumSection {
            biennium: b.to_string(),
            heading: format!("For the {printed} biennium"),
            categories,
        });
    }

    let summary = Status::ALL
        .into_iter()
        .map(|s| StatusCount {
            status: s,
            label: s.label().to_owned(),
            count: evaluation
                .indicators
                .iter()
                .filter(|e| e.standing == s)
                .count(),
        })
        .collect();

    let footnotes = report
        .map(|r| {
            let mut f: Vec<FootnoteView> = r
                .footnotes
                .iter()
                .map(|f| FootnoteView {
                    number: f.number,
                    text: t(&f.text),
                })
                .collect();
            f.sort_by_key(|f| f.number);
            f
        })
        .unwrap_or_default();

    ReportView {
        language: lang.code().to_owned(),
        title: format!(
            "Planned results vs. achievements — {}",
            plan.title.best(lang)
        ),
        plan_title: t(&plan.title),
        document,
        as_of: actionplan_model::format_date(evaluation.as_of),
        as_of_label,
        bienniums,
        summary,
        funding: funding_view(plan, funding, lang),
        footnotes,
    }
}

fn deliverable_rows(
    rows: &mut Vec<Row>,
    items: &[&FollowUpItem],
    d: &Deliverable,
    report: Option<&ProgressReport>,
    evaluation: &PlanEvaluation,
    lang: Language,
) {
    let t = |text: &Text| text.best(lang).to_owned();
    let item_cells: Vec<ItemCell> = items
        .iter()
        .map(|i| ItemCell {
            id: i.id.to_string(),
            text: t(&i.text),
            paragraphs: i.paragraphs.iter().map(ToString::to_string).collect(),
        })
        .collect();
    let deliverable = DeliverableCell {
        id: d.id.to_string(),
        letter: d.letter.map(|l| l.parenthesized()),
        text: t(&d.text),
        conditions: d.conditions.iter().map(|c| t(&c.text)).collect(),
    };
    let footnote_numbers = |ids: &[actionplan_model::FootnoteId]| -> Vec<u32> {
        ids.iter()
            .filter_map(|id| report.and_then(|r| r.footnote(id)).map(|f| f.number))
            .collect()
    };
    if d.indicators.is_empty() {
        let entry = report.and_then(|r| r.deliverable(&d.id));
        let eval = evaluation.deliverable(d.id.as_str());
        rows.push(Row {
            items: item_cells,
            first_of_item: false,
            first_of_deliverable: true,
            deliverable,
            indicator: None,
            progress: entry.and_then(|e| {
                e.narrative.as_ref().map(|n| ProgressCell {
                    text: t(n),
                    footnotes: footnote_numbers(&e.footnotes),
                })
            }),
            status: eval.map(|e| e.rollup.status),
            derived: None,
            asserted: entry.and_then(|e| e.status),
            disagreement: None,
        });
        return;
    }
    for ind in &d.indicators {
        let entry = report.and_then(|r| r.indicator(&ind.id));
        let eval = evaluation.indicator(ind.id.as_str());
        let mut details = Vec::new();
        if let Some(src) = &ind.data_source {
            details.push(format!("source: {}", src.best(lang)));
        }
        match &ind.measure {
            Measure::Count(c) => {
                if let Some(b) = c.baseline {
                    let unit = c
                        .unit
                        .as_ref()
                        .map(|u| format!(" {}", u.best(lang)))
                        .unwrap_or_default();
                    details.push(format!("baseline: {b}{unit}"));
                }
            }
            Measure::Percentage(p) => {
                if let Some(b) = p.baseline {
                    details.push(format!("baseline: {b} per cent"));
                }
            }
            _ => {}
        }
        rows.push(Row {
            items: item_cells.clone(),
            first_of_item: false,
            first_of_deliverable: false,
            deliverable: deliverable.clone(),
            indicator: Some(IndicatorCell {
                id: ind.id.to_string(),
                letter: ind.letter.map(|l| l.parenthesized()),
                text: t(&ind.text),
                timeline: ind
                    .deadline
                    .map(|m| format!("{:02}/{}", u8::from(m.month()), m.year())),
                details,
                measure: ind.measure.kind().as_str().to_owned(),
            }),
            progress: entry.and_then(|e| {
                e.narrative.as_ref().map(|n| ProgressCell {
                    text: t(n),
                    footnotes: footnote_numbers(&e.footnotes),
                })
            }),
            status: eval.map(|e| e.standing),
            derived: eval.map(|e| e.derived),
            asserted: eval.and_then(|e| e.asserted),
            disagreement: eval
                .and_then(|e| e.disagreement.as_ref())
                .map(|d| d.reason.clone()),
        });
    }
}

fn mark_firsts(rows: &mut [Row]) {
    let mut previous: Option<(Vec<String>, String)> = None;
    for row in rows.iter_mut() {
        let items: Vec<String> = row.items.iter().map(|i| i.id.clone()).collect();
        let key = (items.clone(), row.deliverable.id.clone());
        row.first_of_item = previous.as_ref().is_none_or(|(p, _)| *p != items);
        row.first_of_deliverable =
            row.first_of_item || previous.as_ref().is_none_or(|(_, d)| *d != key.1);
        previous = Some(key);
    }
}

fn funding_view(plan: &ActionPlan, funding: &FundingOverview, lang: Language) -> FundingView {
    let portfolios = funding
        .portfolios
        .iter()
        .map(|p| portfolio_line(p, lang))
        .collect();
    let underfunded = funding
        .deliverables
        .iter()
        .filter(|f| {
            matches!(
                f.status,
                Some(
                    FundingStatus::PartiallyFunded
                        | FundingStatus::Unfunded
                        | FundingStatus::Conditional
                        | FundingStatus::Pending
                )
            )
        })
        .filter_map(|f| {
            let d = plan.deliverable(&f.deliverable)?;
            let mut notes: Vec<String> = plan
                .resources
                .lines
                .iter()
                .filter(|l| l.deliverables.contains(&d.id))
                .filter_map(|l| l.note.as_ref().map(|n| n.best(lang).to_owned()))
                .collect();
            notes.extend(
                d.conditions
                    .iter()
                    .map(|c| format!("Condition: {}.", c.text.best(lang))),
            );
            let funding_status = f.status.map(|s| s.as_str().to_owned()).unwrap_or_default();
            let mut state = funding_status.replace('_', " ");
            if f.waits_for_resources {
                state.push_str(", waiting for resources");
            }
            Some(FundingLine {
                deliverable: d.id.to_string(),
                text: d.text.best(lang).to_owned(),
                funding_status,
                waiting: f.waits_for_resources,
                state,
                notes,
            })
        })
        .collect();
    let requests = funding
        .requests
        .requests
        .iter()
        .map(|r| {
            let text = r.text.best(lang).to_owned();
            let cost = r.cost.map(money_label);
            let mut summary = format!("{} request(s): {text}", r.count);
            if let Some(c) = &cost {
                summary.push_str(&format!(" Cost: {c}."));
            }
            if r.requires_reallocation {
                summary.push_str(" Would require a reallocation of resources.");
            }
            RequestLine {
                count: r.count,
                text,
                cost,
                requires_reallocation: r.requires_reallocation,
                summary,
            }
        })
        .collect();
    FundingView {
        portfolios,
        underfunded,
        requests,
    }
}

fn portfolio_line(p: &PortfolioProgress, lang: Language) -> PortfolioLine {
    let dated = |m: &actionplan_model::DatedMoney| {
        format!(
            "{} on {}",
            money_label(m.amount),
            date_or_month_label(m.as_of)
        )
    };
    let current = match (&p.latest, p.observed_since_baseline) {
        (Some(l), true) => dated(l),
        (_, _) => match &p.baseline {
            Some(b) => format!("{} (no observation since the baseline)", dated(b)),
            None => "no observation".to_owned(),
        },
    };
    let fraction = p
        .progress_percent
        .and_then(|pc| pc.checked_div(Decimal::ONE_HUNDRED))
        .map(|f| f.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
    PortfolioLine {
        name: p.name.best(lang).to_owned(),
        baseline: p.baseline.as_ref().map(dated),
        target: money_label(p.target),
        current,
        gap: p
            .remaining_gap
            .map(money_label)
            .unwrap_or_else(|| "—".to_owned()),
        progress_percent: p.progress_percent.map(|d| d.normalize().to_string()),
        progress_label: p
            .progress_percent
            .map(|d| format!("{} %", d.normalize()))
            .unwrap_or_else(|| "—".to_owned()),
        progress_fraction: fraction.map(|f| f.to_string()),
        status: p.status,
    }
}

/// `USD 84,000,000`: the code, then the amount with thousands separated.
pub fn money_label(m: Money) -> String {
    format!("{} {}", m.currency, group_thousands(m.amount))
}

fn group_thousands(d: Decimal) -> String {
    let text = d.to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(u) => ("-", u),
        None => ("", text.as_str()),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn month_name(m: time::Month) -> String {
    m.to_string()
}

/// `31 July 2016`.
pub fn date_label(d: Date) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

/// `July 2016` for a month, `31 July 2016` for a day.
pub fn date_or_month_label(d: DateOrMonth) -> String {
    match d {
        DateOrMonth::Day(d) => date_label(d),
        DateOrMonth::Month(m) => format!("{} {}", month_name(m.month()), m.year()),
        _ => d.to_string(),
    }
}

fn session_line(s: &Session, lang: Language) -> String {
    let mut out = format!("{} Session", s.ordinal());
    if let Some(place) = &s.place {
        out.push_str(", ");
        out.push_str(place.best(lang));
    }
    match (s.opens, s.closes) {
        (Some(DateOrMonth::Day(a)), Some(b)) => {
            let first = if a.year() == b.year() {
                format!("{} {}", a.day(), month_name(a.month()))
            } else {
                date_label(a)
            };
            out.push_str(&format!(", {first}–{}", date_label(b)));
        }
        (Some(o), _) => out.push_str(&format!(", {}", date_or_month_label(o))),
        (None, _) => out.push_str(&format!(" ({})", s.year)),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(Decimal::new(84_000_000, 0)), "84,000,000");
        assert_eq!(group_thousands(Decimal::new(39_024_390, 2)), "390,243.90");
        assert_eq!(group_thousands(Decimal::new(-1234, 0)), "-1,234");
        assert_eq!(group_thousands(Decimal::new(999, 0)), "999");
    }
}
