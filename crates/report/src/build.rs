//! Builds the [`ReportView`] from a plan, its reports, their evaluation and
//! the funding overview: the one place where the table's layout is decided.

use crate::view::*;
use actionplan_funding::{FundingOverview, FundingStatus, PortfolioProgress};
use actionplan_indicators::PlanEvaluation;
use actionplan_model::{
    ActionPlan, Biennium, Category, DateOrMonth, Deliverable, FollowUpItem, FootnoteId, Indicator,
    Language, Measure, Money, PlanIndex, ProgressReport, ReportIndex, Session, Status, Text,
};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::sync::Arc;
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
///
/// The view borrows its texts from the arguments; every relation is looked
/// up in indexes built once, so the cost grows with the size of the plan and
/// of the table, not with their product.
pub fn build<'a>(
    plan: &'a ActionPlan,
    reports: &'a [ProgressReport],
    evaluation: &'a PlanEvaluation,
    funding: &'a FundingOverview,
    options: &Options,
) -> ReportView<'a> {
    let lang = options.language;
    let index = PlanIndex::new(plan);
    let report = evaluation
        .report
        .as_ref()
        .and_then(|id| reports.iter().find(|r| &r.id == id));
    let report_index = report.map(ReportIndex::new);
    let document = report
        .and_then(|r| r.document.as_ref())
        .map(|d| DocumentHeader {
            symbol: d.symbol.as_str(),
            title: d.title.best(lang),
            session: index
                .session(d.session.as_str())
                .map(|s| session_line(s, lang)),
            date: d.date.map(actionplan_model::format_date),
        });
    let as_of_label = match report {
        Some(r) => date_or_month_label(r.as_of),
        None => date_label(evaluation.as_of),
    };

    let ctx = Context {
        index: &index,
        report: report_index.as_ref(),
        evaluation,
        lang,
    };
    let mut emitted: HashSet<&str> = HashSet::new();
    let mut seen_biennia: HashSet<Biennium> = HashSet::new();
    let groups = items_by_biennium_and_category(plan);
    let mut bienniums = Vec::with_capacity(plan.biennia.len());
    for &b in &plan.biennia {
        let mut categories = Vec::new();
        // A biennium listed twice has had all its rows already.
        let first_time = seen_biennia.insert(b);
        let by_category = groups.get(&b).filter(|_| first_time);
        for (cat, items) in by_category.into_iter().flatten() {
            let mut rows = Vec::new();
            for item in items {
                for d in index.deliverables_of(item) {
                    if !emitted.insert(d.id.as_str()) {
                        continue;
                    }
                    ctx.deliverable_rows(&mut rows, d);
                }
            }
            mark_firsts(&mut rows);
            if !rows.is_empty() {
                categories.push(CategorySection {
                    name: cat.name.best(lang),
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

    let mut counts = [0usize; Status::ALL.len()];
    for e in &evaluation.indicators {
        if let Some(at) = Status::ALL.iter().position(|s| *s == e.standing)
            && let Some(n) = counts.get_mut(at)
        {
            // At most one per indicator: cannot exceed the list's length.
            *n = n.saturating_add(1);
        }
    }
    let summary = Status::ALL
        .into_iter()
        .zip(counts)
        .map(|(s, count)| StatusCount {
            status: s,
            label: s.label().to_owned(),
            count,
        })
        .collect();

    let footnotes = report
        .map(|r| {
            let mut f: Vec<FootnoteView<'a>> = r
                .footnotes
                .iter()
                .map(|f| FootnoteView {
                    number: f.number,
                    text: f.text.best(lang),
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
        plan_title: plan.title.best(lang),
        document,
        as_of: actionplan_model::format_date(evaluation.as_of),
        as_of_label,
        bienniums,
        summary,
        funding: funding_view(&index, funding, lang),
        footnotes,
    }
}

/// The plan's items grouped by biennium, then by category in the plan's
/// order of categories (items of a category the plan does not list are not
/// shown), each group in plan order: one pass and a sort, instead of a scan
/// of every item for every biennium and category.
fn items_by_biennium_and_category(
    plan: &ActionPlan,
) -> HashMap<Biennium, Vec<(&Category, Vec<&FollowUpItem>)>> {
    let mut category_at: HashMap<&str, usize> = HashMap::with_capacity(plan.categories.len());
    for (i, c) in plan.categories.iter().enumerate() {
        category_at.entry(c.id.as_str()).or_insert(i);
    }
    let mut placed: Vec<(Biennium, usize, &FollowUpItem)> = plan
        .items
        .iter()
        .filter_map(|it| Some((it.biennium, *category_at.get(it.category.as_str())?, it)))
        .collect();
    // Stable: items of one group stay in plan order.
    placed.sort_by_key(|&(_, c, _)| c);
    let mut groups: HashMap<Biennium, Vec<(&Category, Vec<&FollowUpItem>)>> = HashMap::new();
    for (b, c, it) in placed {
        let Some(cat) = plan.categories.get(c) else {
            continue;
        };
        let list = groups.entry(b).or_default();
        match list.last_mut() {
            Some((last, items)) if std::ptr::eq(*last, cat) => items.push(it),
            _ => list.push((cat, vec![it])),
        }
    }
    groups
}

/// What rows are laid out from.
struct Context<'a, 'i> {
    index: &'i PlanIndex<'a>,
    report: Option<&'i ReportIndex<'a>>,
    evaluation: &'a PlanEvaluation,
    lang: Language,
}

impl<'a> Context<'a, '_> {
    fn footnote_numbers(&self, ids: &[actionplan_model::FootnoteId]) -> Vec<u32> {
        ids.iter()
            .filter_map(|id| self.report?.footnote(id.as_str()).map(|f| f.number))
            .collect()
    }

    fn progress(
        &self,
        narrative: Option<&'a Text>,
        footnotes: &[FootnoteId],
    ) -> Option<ProgressCell<'a>> {
        narrative.map(|n| ProgressCell {
            text: n.best(self.lang),
            footnotes: self.footnote_numbers(footnotes),
        })
    }

    fn deliverable_rows(&self, rows: &mut Vec<Row<'a>>, d: &'a Deliverable) {
        let lang = self.lang;
        let items: Arc<[ItemCell<'a>]> = self
            .index
            .items_of(d.id.as_str())
            .map(|i| ItemCell {
                id: i.id.as_str(),
                text: i.text.best(lang),
                paragraphs: &i.paragraphs,
            })
            .collect();
        let deliverable = Arc::new(DeliverableCell {
            id: d.id.as_str(),
            letter: d.letter.map(|l| l.parenthesized()),
            text: d.text.best(lang),
            conditions: d.conditions.iter().map(|c| c.text.best(lang)).collect(),
        });
        if d.indicators.is_empty() {
            let entry = self.report.and_then(|r| r.deliverable(d.id.as_str()));
            let eval = self.evaluation.deliverable(d.id.as_str());
            rows.push(Row {
                items,
                first_of_item: false,
                first_of_deliverable: true,
                deliverable,
                indicator: None,
                progress: entry.and_then(|e| self.progress(e.narrative.as_ref(), &e.footnotes)),
                status: eval.map(|e| e.rollup.status),
                derived: None,
                asserted: entry.and_then(|e| e.status),
                disagreement: None,
                cannot_compute: Vec::new(),
            });
            return;
        }
        rows.reserve(d.indicators.len());
        for ind in &d.indicators {
            let entry = self.report.and_then(|r| r.indicator(ind.id.as_str()));
            let eval = self.evaluation.indicator(ind.id.as_str());
            rows.push(Row {
                items: Arc::clone(&items),
                first_of_item: false,
                first_of_deliverable: false,
                deliverable: Arc::clone(&deliverable),
                indicator: Some(IndicatorCell {
                    id: ind.id.as_str(),
                    letter: ind.letter.map(|l| l.parenthesized()),
                    text: ind.text.best(lang),
                    timeline: ind
                        .deadline
                        .map(|m| format!("{:02}/{}", u8::from(m.month()), m.year())),
                    details: details(ind, lang),
                    measure: ind.measure.kind().as_str(),
                }),
                progress: entry.and_then(|e| self.progress(e.narrative.as_ref(), &e.footnotes)),
                status: eval.map(|e| e.standing),
                derived: eval.map(|e| e.derived),
                asserted: eval.and_then(|e| e.asserted),
                disagreement: eval
                    .and_then(|e| e.disagreement.as_ref())
                    .map(|d| d.reason.as_str()),
                cannot_compute: eval
                    .map(|e| e.cannot_compute.iter().map(ToString::to_string).collect())
                    .unwrap_or_default(),
            });
        }
    }
}

/// The data source and baseline of an indicator, as printed in parentheses.
fn details(ind: &Indicator, lang: Language) -> Vec<String> {
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
    details
}

/// Sets the first-of-item and first-of-deliverable flags. The rows of one
/// deliverable share their item list, so only a change of deliverable
/// compares ids: the comparisons cost the number of item–deliverable links.
fn mark_firsts(rows: &mut [Row<'_>]) {
    let mut previous: Option<(Arc<[ItemCell<'_>]>, Arc<DeliverableCell<'_>>)> = None;
    for row in rows.iter_mut() {
        let (same_items, same_deliverable) = match &previous {
            None => (false, false),
            Some((items, d)) => (
                Arc::ptr_eq(items, &row.items)
                    || items
                        .iter()
                        .map(|i| i.id)
                        .eq(row.items.iter().map(|i| i.id)),
                Arc::ptr_eq(d, &row.deliverable) || d.id == row.deliverable.id,
            ),
        };
        row.first_of_item = !same_items;
        row.first_of_deliverable = row.first_of_item || !same_deliverable;
        previous = Some((Arc::clone(&row.items), Arc::clone(&row.deliverable)));
    }
}

fn funding_view<'a>(
    index: &PlanIndex<'a>,
    funding: &'a FundingOverview,
    lang: Language,
) -> FundingView<'a> {
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
            let d = index.deliverable(f.deliverable.as_str())?;
            let mut notes: Vec<Cow<'a, str>> = index
                .lines_of(d.id.as_str())
                .filter_map(|l| l.note.as_ref().map(|n| Cow::Borrowed(n.best(lang))))
                .collect();
            notes.extend(
                d.conditions
                    .iter()
                    .map(|c| Cow::Owned(format!("Condition: {}.", c.text.best(lang)))),
            );
            let funding_status = f.status.map(|s| s.as_str()).unwrap_or_default();
            let mut state = funding_status.replace('_', " ");
            if f.waits_for_resources {
                state.push_str(", waiting for resources");
            }
            Some(FundingLine {
                deliverable: d.id.as_str(),
                text: d.text.best(lang),
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
            let text = r.text.best(lang);
            let cost = r.cost.map(money_label);
            let mut summary = format!("{} request(s): {text}", r.count);
            if let Some(c) = &cost {
                let _ = write!(summary, " Cost: {c}.");
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

fn portfolio_line(p: &PortfolioProgress, lang: Language) -> PortfolioLine<'_> {
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
        name: p.name.best(lang),
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
    let mut grouped = String::with_capacity(int.len().saturating_mul(2));
    // Digits left before the next comma, counted down from the first group's
    // length (`int` is ASCII digits, so its length counts them).
    let mut left = match int.len() % 3 {
        0 => 3,
        r => r,
    };
    for c in int.chars() {
        if left == 0 {
            grouped.push(',');
            left = 3;
        }
        grouped.push(c);
        left = left.saturating_sub(1);
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
