//! Builds the [`ReportView`] from a plan, its reports, their evaluation and
//! the funding overview: the one place where the table's layout is decided.

use crate::build11::{self, Names};
use crate::label::{date_label, date_or_month_label};
use crate::sections::{Frame, sections};
use crate::view::{
    BienniumSection, CategorySection, Current, DeliverableCell, Detail, DocumentHeader,
    FootnoteView, FundingLine, FundingView, IndicatorCell, ItemCell, PortfolioLine, ProgressCell,
    ReportView, RequestLine, Row, StatusCount, StatusSource,
};
use crate::view11::{Layout, ObservationLine};
use actionplan_funding::{FundingOverview, FundingStatus, PortfolioProgress};
use actionplan_indicators::PlanEvaluation;
use actionplan_model::{
    ActionPlan, DateOrMonth, Deliverable, Evidence, FootnoteId, Indicator, Language, Letter,
    Measure, PlanIndex, ProgressReport, ReportIndex, Session, Status, Text, UnitId,
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
    /// Show only the work of this unit of the Office: the deliverables it
    /// leads or contributes to, itself or through the items that plan them
    /// (`actionplan report --unit ID`).
    pub unit: Option<UnitId>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            language: Language::En,
            unit: None,
        }
    }
}

impl Options {
    /// Options that show texts in `language`.
    pub fn in_language(language: Language) -> Self {
        Options {
            language,
            ..Options::default()
        }
    }

    /// These options, restricted to the work of `unit`.
    #[must_use]
    pub fn for_unit(self, unit: UnitId) -> Self {
        Options {
            unit: Some(unit),
            ..self
        }
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
    let names = Names::new(plan, lang);
    let layout = build11::layout(plan, reports);
    let ctx = Context {
        index: &index,
        report: report_index.as_ref(),
        report_dates: reports.iter().map(|r| (r.id.as_str(), r.as_of)).collect(),
        evaluation,
        lang,
        names: &names,
        layout,
        unit: options.unit.as_ref().map(UnitId::as_str),
    };
    let bienniums = ctx.bienniums(plan);
    let summary = match ctx.unit {
        // The work of one unit: its indicators only.
        Some(_) => summary_of_rows(&bienniums),
        None => summary(evaluation),
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
        layout,
        unit: options
            .unit
            .as_ref()
            .and_then(|u| names.unit_by_id(u.as_str())),
        bienniums,
        summary,
        funding: funding_view(plan, &index, funding, &ctx),
        footnotes: report.map(|r| footnotes(r, lang)).unwrap_or_default(),
        revisions: names.revision_lines(plan, &index, evaluation.as_of),
        units: match &options.unit {
            Some(u) => names
                .unit_summaries(plan, &index, evaluation)
                .into_iter()
                .filter(|s| s.unit.id == u.as_str())
                .collect(),
            None => names.unit_summaries(plan, &index, evaluation),
        },
    }
}

/// Counts per standing status of the rows shown, for a report restricted
/// to one unit's work.
fn summary_of_rows(sections: &[BienniumSection<'_>]) -> Vec<StatusCount> {
    let mut counts = [0usize; Status::ALL.len()];
    for row in sections
        .iter()
        .flat_map(|b| b.categories.iter().flat_map(|c| c.rows.iter()))
    {
        if row.indicator.is_some()
            && let Some(s) = row.status
            && let Some(at) = Status::ALL.iter().position(|x| *x == s)
            && let Some(n) = counts.get_mut(at)
        {
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

/// What rows are laid out from.
struct Context<'a, 'i> {
    index: &'i PlanIndex<'a>,
    report: Option<&'i ReportIndex<'a>>,
    /// Every report's as-of date by id, for the source of a status.
    report_dates: HashMap<&'a str, DateOrMonth>,
    evaluation: &'a PlanEvaluation,
    lang: Language,
    names: &'i Names<'a>,
    layout: Layout,
    unit: Option<&'i str>,
}

impl<'a> Context<'a, '_> {
    /// The table, time frame by time frame: each deliverable once, under
    /// the first item (in print order) that plans it.
    fn bienniums(&self, plan: &'a ActionPlan) -> Vec<BienniumSection<'a>> {
        let mut emitted: HashSet<&str> = HashSet::new();
        let groups = sections(plan);
        let mut bienniums = Vec::with_capacity(groups.len());
        for (frame, by_category) in groups {
            let mut categories = Vec::new();
            for (cat, items) in by_category {
                let mut rows = Vec::new();
                for item in items {
                    for d in self.index.deliverables_of(item) {
                        if self.shown(d) && emitted.insert(d.id.as_str()) {
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
            // A report on one unit's work leaves out the time frames where
            // it has none.
            if self.unit.is_some() && categories.is_empty() {
                continue;
            }
            bienniums.push(BienniumSection {
                biennium: match frame {
                    Frame::Biennium(b) => Some(b),
                    _ => None,
                },
                span: match frame {
                    Frame::Span(s) => Some(s),
                    _ => None,
                },
                whole_plan: match frame {
                    Frame::WholePlan(p) => p,
                    _ => None,
                },
                heading: frame.heading(),
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

    /// Whether a deliverable is shown: always, unless the report is
    /// restricted to a unit that neither leads nor contributes to it.
    fn shown(&self, d: &'a Deliverable) -> bool {
        self.unit
            .is_none_or(|u| build11::units_of(self.index, d).any(|x| x == u))
    }

    fn footnote_numbers(&self, ids: &[actionplan_model::FootnoteId]) -> Vec<u32> {
        ids.iter()
            .filter_map(|id| self.report?.footnote(id.as_str()).map(|f| f.number))
            .collect()
    }

    /// The progress cell: where the entry has a narrative, or (1.1) observations
    /// or evidence to show.
    fn progress(
        &self,
        narrative: Option<&'a Text>,
        footnotes: &[FootnoteId],
        observations: Vec<ObservationLine<'a>>,
        evidence: &'a [Evidence],
    ) -> Option<ProgressCell<'a>> {
        if narrative.is_none() && observations.is_empty() && evidence.is_empty() {
            return None;
        }
        Some(ProgressCell {
            text: narrative.map_or("", |n| n.best(self.lang)),
            footnotes: self.footnote_numbers(footnotes),
            observations,
            evidence: self.names.evidence(evidence),
        })
    }

    /// An indicator's cell, with the deadline and the target in force of
    /// its evaluation (actionplan-indicators applies the revisions in force).
    fn indicator_cell(
        &self,
        ind: &'a Indicator,
        eval: Option<&'a actionplan_indicators::IndicatorEvaluation>,
    ) -> IndicatorCell<'a> {
        let lang = self.lang;
        let as_of = self.evaluation.as_of;
        // The deadline and the target in force are the evaluation's
        // (actionplan-indicators applies the revisions in force).
        let (timeline, deadline_revised) = match eval.and_then(|e| e.deadline_revised.as_ref()) {
            Some(r) => (Some(r.to), Some(build11::deadline_mark(self.index, r))),
            None => (ind.deadline, None),
        };
        let mut targets = self.names.targets(self.index, ind, timeline, as_of);
        if let Some(due) = eval
            .and_then(|e| e.target_in_force.as_ref())
            .and_then(|t| t.due)
        {
            for t in &mut targets {
                t.in_force = t.by == due;
            }
        }
        IndicatorCell {
            id: ind.id.as_str(),
            letter: ind.letter.map(Letter::parenthesized),
            text: ind.text.best(lang),
            timeline,
            deadline_revised,
            span: ind.span,
            cumulation: match &ind.measure {
                Measure::Count(c) => Some(c.cumulation),
                Measure::Percentage(p) => Some(p.cumulation),
                Measure::Money(m) => Some(m.cumulation),
                _ => None,
            }
            .filter(|c| !c.is_default()),
            targets,
            details: details(ind, lang),
            measure: ind.measure.kind().as_str(),
        }
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
                lead_unit: i.lead_unit.as_ref().map(|u| self.names.unit(u)),
                contributing_units: self.names.units(&i.contributing_units),
            })
            .collect();
        // In the 1.1 layout, what the report says of a deliverable with
        // indicators is shown in its cell (1.0 did not show it).
        let deliverable_progress = self
            .report
            .filter(|_| self.layout == Layout::Format11 && !d.indicators.is_empty())
            .and_then(|r| r.deliverable(d.id.as_str()));
        let deliverable = Arc::new(DeliverableCell {
            id: d.id.as_str(),
            letter: d.letter.map(Letter::parenthesized),
            text: d.text.best(lang),
            conditions: d.conditions.iter().map(|c| c.text.best(lang)).collect(),
            span: d.span,
            lead_unit: d.lead_unit.as_ref().map(|u| self.names.unit(u)),
            contributing_units: self.names.units(&d.contributing_units),
            progress: deliverable_progress.as_ref().and_then(|e| {
                self.progress(e.narrative.as_ref(), &e.footnotes, Vec::new(), &e.evidence)
            }),
            asserted: deliverable_progress.and_then(|e| e.status),
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
                progress: entry.and_then(|e| {
                    self.progress(e.narrative.as_ref(), &e.footnotes, Vec::new(), &e.evidence)
                }),
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
                indicator: Some(self.indicator_cell(ind, eval)),
                progress: entry.and_then(|e| {
                    let observations = if self.layout == Layout::Format11 {
                        self.names.observations(e)
                    } else {
                        Vec::new()
                    };
                    self.progress(e.narrative.as_ref(), &e.footnotes, observations, &[])
                }),
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
    if let Some(dated) = build11::dated_baseline(&ind.measure, lang) {
        details.push(dated);
        return details;
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
    plan: &'a ActionPlan,
    index: &PlanIndex<'a>,
    funding: &'a FundingOverview,
    ctx: &Context<'a, '_>,
) -> FundingView<'a> {
    let lang = ctx.lang;
    let (totals, delivery, rates) = build11::resources(plan, funding, ctx.layout, lang);
    FundingView {
        totals,
        delivery,
        rates,
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
