//! Builds the [`ReportView`] from a plan, its reports, their evaluation and
//! the funding overview: the one place where the table's layout is decided.

use crate::label::{date_label, date_or_month_label};
use crate::view::{
    BienniumSection, CategorySection, Current, DeliverableCell, Detail, DocumentHeader,
    FootnoteView, FundingLine, FundingView, IndicatorCell, ItemCell, PortfolioLine, ProgressCell,
    ReportView, RequestLine, Row, StatusCount, StatusSource,
};
use actionplan_funding::{FundingOverview, FundingStatus, PortfolioProgress};
use actionplan_indicators::PlanEvaluation;
use actionplan_model::{
    ActionPlan, Biennium, Category, DateOrMonth, Deliverable, FollowUpItem, FootnoteId, Indicator,
    Language, Letter, Measure, PlanIndex, ProgressReport, ReportIndex, Session, Status, Text,
};
use rust_decimal::{Decimal, RoundingStrategy};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::sync::Arc;

/// Choices that change how the report reads, not what it says.
///
/// Built with [`Options::default`] or [`Options::in_language`]: more
/// choices will come, so a struct literal is refused outside this crate:
///
/// ```compile_fail
/// let options = actionplan_report::Options { language: actionplan_model::Language::Fr };
/// ```
///
/// ```
/// let options = actionplan_report::Options::in_language(actionplan_model::Language::Fr);
/// assert_eq!(options.language, actionplan_model::Language::Fr);
/// ```
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
    let ctx = Context {
        index: &index,
        report: report_index.as_ref(),
        report_dates: reports.iter().map(|r| (r.id.as_str(), r.as_of)).collect(),
        evaluation,
        lang,
    };
    ReportView {
        language: lang.code().to_owned(),
        title: format!(
            "Planned results vs. achievements — {}",
            plan.title.best(lang)
        ),
        plan_title: plan.title.best(lang),
        document: report.and_then(|r| document_header(&index, r, lang)),
        as_of: evaluation.as_of,
        progress_as_of: report.map_or(DateOrMonth::Day(evaluation.as_of), |r| r.as_of),
        bienniums: ctx.bienniums(plan),
        summary: summary(evaluation),
        funding: funding_view(&index, funding, &ctx),
        footnotes: report.map(|r| footnotes(r, lang)).unwrap_or_default(),
    }
}

/// The header of the document the report was published as, where it says.
fn document_header<'a>(
    index: &PlanIndex<'a>,
    report: &'a ProgressReport,
    lang: Language,
) -> Option<DocumentHeader<'a>> {
    let d = report.document.as_ref()?;
    Some(DocumentHeader {
        symbol: d.symbol.as_str(),
        title: d.title.best(lang),
        session: index
            .session(d.session.as_str())
            .map(|s| session_line(s, lang)),
        date: d.date,
    })
}

/// How many indicators stand at each status, in vocabulary order.
fn summary(evaluation: &PlanEvaluation) -> Vec<StatusCount> {
    let mut counts = [0usize; Status::ALL.len()];
    for e in &evaluation.indicators {
        if let Some(at) = Status::ALL.iter().position(|s| *s == e.standing)
            && let Some(n) = counts.get_mut(at)
        {
            // At most one per indicator: cannot exceed the list's length.
            *n = n.saturating_add(1);
        }
    }
    Status::ALL
        .into_iter()
        .zip(counts)
        .map(|(s, count)| StatusCount {
            status: s,
            label: s.label().to_owned(),
            count,
        })
        .collect()
}

/// The report's footnotes in number order.
fn footnotes(report: &ProgressReport, lang: Language) -> Vec<FootnoteView<'_>> {
    let mut f: Vec<FootnoteView<'_>> = report
        .footnotes
        .iter()
        .map(|f| FootnoteView {
            number: f.number,
            text: f.text.best(lang),
        })
        .collect();
    f.sort_by_key(|f| f.number);
    f
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
        .filter_map(|it| Some((it.biennium?, *category_at.get(it.category.as_str())?, it)))
        .collect();
    // Stable: items of one group stay in plan order.
    placed.sort_by_key(|&(_, c, _)| c);
    let mut groups: HashMap<Biennium, Vec<(&Category, Vec<&FollowUpItem>)>> = HashMap::new();
    for (biennium, at, item) in placed {
        let Some(category) = plan.categories.get(at) else {
            continue;
        };
        let groups_of_biennium = groups.entry(biennium).or_default();
        match groups_of_biennium.last_mut() {
            Some((previous, items)) if std::ptr::eq(*previous, category) => items.push(item),
            _ => groups_of_biennium.push((category, vec![item])),
        }
    }
    groups
}

/// What rows are laid out from.
struct Context<'a, 'i> {
    index: &'i PlanIndex<'a>,
    report: Option<&'i ReportIndex<'a>>,
    /// Every report's as-of date by id, for the source of a status.
    report_dates: HashMap<&'a str, DateOrMonth>,
    evaluation: &'a PlanEvaluation,
    lang: Language,
}

impl<'a> Context<'a, '_> {
    /// The table, biennium by biennium: each deliverable once, under the
    /// first item (in plan order) that plans it.
    fn bienniums(&self, plan: &'a ActionPlan) -> Vec<BienniumSection<'a>> {
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
                    for d in self.index.deliverables_of(item) {
                        if emitted.insert(d.id.as_str()) {
                            self.deliverable_rows(&mut rows, d);
                        }
                    }
                }
                mark_firsts(&mut rows);
                if !rows.is_empty() {
                    categories.push(CategorySection {
                        name: cat.name.best(self.lang),
                        rows,
                    });
                }
            }
            let printed = b.to_string().replace('-', "–");
            bienniums.push(BienniumSection {
                biennium: b,
                heading: format!("For the {printed} biennium"),
                categories,
            });
        }
        bienniums
    }

    /// The report a standing status was asserted in, when the figures do
    /// not decide it and that report speaks as of an earlier date than the
    /// evaluation.
    fn status_source(
        &self,
        eval: &'a actionplan_indicators::IndicatorEvaluation,
    ) -> Option<StatusSource<'a>> {
        if eval.basis.is_decisive() || eval.asserted != Some(eval.standing) {
            return None;
        }
        let id = eval.report.as_ref()?.as_str();
        let as_of = *self.report_dates.get(id)?;
        let said = as_of.latest();
        let now = self.evaluation.as_of;
        if said >= now {
            return None;
        }
        let two_years_later = (
            said.year().checked_add(2)?,
            u8::from(said.month()),
            said.day(),
        );
        let stale = two_years_later <= (now.year(), u8::from(now.month()), now.day());
        Some(StatusSource {
            report: id,
            as_of,
            stale,
        })
    }

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
            letter: d.letter.map(Letter::parenthesized),
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
                status_source: None,
                cannot_compute: &[],
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
                    letter: ind.letter.map(Letter::parenthesized),
                    text: ind.text.best(lang),
                    timeline: ind.deadline,
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
                status_source: eval.and_then(|e| self.status_source(e)),
                cannot_compute: eval.map_or(&[], |e| e.cannot_compute.as_slice()),
            });
        }
    }
}

/// The data source and baseline of an indicator, as printed in parentheses.
fn details(ind: &Indicator, lang: Language) -> Vec<Detail<'_>> {
    let mut details = Vec::new();
    if let Some(src) = &ind.data_source {
        details.push(Detail::Source(src.best(lang)));
    }
    match &ind.measure {
        Measure::Count(c) => {
            if let Some(value) = c.baseline_value() {
                details.push(Detail::CountBaseline {
                    value,
                    unit: c.unit.as_ref().map(|u| u.best(lang)),
                });
            }
        }
        Measure::Percentage(p) => {
            if let Some(value) = p.baseline_value() {
                details.push(Detail::PercentageBaseline(value));
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
    ctx: &Context<'a, '_>,
) -> FundingView<'a> {
    let lang = ctx.lang;
    FundingView {
        portfolios: funding
            .portfolios
            .iter()
            .map(|p| {
                let mut line = portfolio_line(p, lang);
                agree_with_the_table(&mut line, p, ctx);
                line
            })
            .collect(),
        underfunded: funding
            .deliverables
            .iter()
            .filter_map(|f| underfunded_line(index, f, lang))
            .collect(),
        requests: funding
            .requests
            .requests
            .iter()
            .map(|r| RequestLine {
                count: r.count,
                text: r.text.best(lang),
                cost: r.cost,
                requires_reallocation: r.requires_reallocation,
            })
            .collect(),
    }
}

/// The line of a deliverable that is not fully funded; `None` for one that
/// is (or whose funding is unknown).
fn underfunded_line<'a>(
    index: &PlanIndex<'a>,
    f: &'a actionplan_funding::DeliverableFunding,
    lang: Language,
) -> Option<FundingLine<'a>> {
    let funding_status @ (FundingStatus::PartiallyFunded
    | FundingStatus::Unfunded
    | FundingStatus::Conditional
    | FundingStatus::Pending) = f.status?
    else {
        return None;
    };
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
    Some(FundingLine {
        deliverable: d.id.as_str(),
        text: d.text.best(lang),
        funding_status,
        waiting: f.waits_for_resources,
        notes,
    })
}

fn portfolio_line(p: &PortfolioProgress, lang: Language) -> PortfolioLine<'_> {
    let current = match (&p.latest, &p.baseline) {
        (Some(l), _) if p.observed_since_baseline => Current::Observed(l),
        (_, Some(b)) => Current::Baseline(b),
        (_, None) => Current::Unknown,
    };
    PortfolioLine {
        name: p.name.best(lang),
        baseline: p.baseline.as_ref(),
        target: p.target,
        current,
        gap: p.remaining_gap,
        progress_percent: p.progress_percent,
        progress_fraction: p
            .progress_percent
            .and_then(|pc| pc.checked_div(Decimal::ONE_HUNDRED))
            .map(|f| f.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)),
        status: p.status,
        status_note: None,
    }
}

/// One status per thing per report: a portfolio shows the standing status
/// of the indicator that measures it, as the table does, and says in words
/// what the amounts alone give when that differs (the seed's XBTC portfolio
/// as of 2018: "not started" as the 2016 report asserts, "no data" from
/// the amounts, since none was observed after the baseline).
fn agree_with_the_table<'a>(
    line: &mut PortfolioLine<'a>,
    p: &PortfolioProgress,
    ctx: &Context<'a, '_>,
) {
    let Some(eval) = ctx.evaluation.indicator(p.indicator.as_str()) else {
        return;
    };
    if eval.standing == p.status {
        return;
    }
    let source = ctx.status_source(eval).map_or_else(String::new, |s| {
        format!(", {}", s.note(ctx.evaluation.as_of))
    });
    line.status_note = Some(format!(
        "{} from the amounts alone; the status shown is that of its indicator in the table{source}",
        p.status.label()
    ));
    line.status = eval.standing;
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
                format!("{} {}", a.day(), a.month())
            } else {
                date_label(a)
            };
            let _ = write!(out, ", {first}–{}", date_label(b));
        }
        (Some(o), _) => {
            let _ = write!(out, ", {}", date_or_month_label(o));
        }
        (None, _) => {
            let _ = write!(out, " ({})", s.year);
        }
    }
    out
}
