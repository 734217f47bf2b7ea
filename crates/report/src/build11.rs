//! Builds what format 1.1 adds to the view (see the `view11` module):
//! every relation through maps made once per report, so the cost grows
//! with the plan, not with a product of its lists.

use crate::label::timeline_label;
use crate::view11::{
    DeliveryRow, EvidenceView, Figure, Layout, ObservationLine, RevisionLine, RevisionMark,
    SplitPart, SplitView, TargetLine, TotalsRow, UnitRef, UnitSummary,
};
use actionplan_indicators::PlanEvaluation;
use actionplan_model::{
    ActionPlan, Baseline, Body, DatedTarget, Deliverable, Evidence, FollowUpItem, Indicator,
    IndicatorProgress, Language, Measure, Money, Observation, PlanIndex, ProgressReport, Revision,
    Session, Split, Status, TargetMode, UnitId, YearMonth,
};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use time::Date;

/// Names and relations of the 1.1 members, looked up by id.
pub(crate) struct Names<'a> {
    units: HashMap<&'a str, &'a actionplan_model::OrgUnit>,
    dimensions: HashMap<&'a str, &'a str>,
    values: HashMap<(&'a str, &'a str), &'a str>,
    revisions: HashMap<&'a str, Vec<&'a Revision>>,
    lang: Language,
}

impl<'a> Names<'a> {
    pub(crate) fn new(plan: &'a ActionPlan, lang: Language) -> Self {
        let units = plan.units.iter().map(|u| (u.id.as_str(), u)).collect();
        let mut dimensions = HashMap::with_capacity(plan.dimensions.len());
        let mut values = HashMap::new();
        for d in &plan.dimensions {
            dimensions
                .entry(d.id.as_str())
                .or_insert_with(|| d.name.best(lang));
            for v in &d.values {
                let label = v.name.as_ref().map_or(v.code.as_str(), |n| n.best(lang));
                values
                    .entry((d.id.as_str(), v.code.as_str()))
                    .or_insert(label);
            }
        }
        let mut revisions: HashMap<&str, Vec<&Revision>> = HashMap::new();
        for r in &plan.revisions {
            revisions.entry(r.indicator.as_str()).or_default().push(r);
        }
        Names {
            units,
            dimensions,
            values,
            revisions,
            lang,
        }
    }

    pub(crate) fn unit(&self, id: &'a UnitId) -> UnitRef<'a> {
        UnitRef {
            id: id.as_str(),
            name: self
                .units
                .get(id.as_str())
                .map_or(id.as_str(), |u| u.name.best(self.lang)),
        }
    }

    /// The declared unit with id `id`.
    pub(crate) fn unit_by_id(&self, id: &str) -> Option<UnitRef<'a>> {
        self.units.get(id).map(|u| UnitRef {
            id: u.id.as_str(),
            name: u.name.best(self.lang),
        })
    }

    pub(crate) fn units(&self, ids: &'a [UnitId]) -> Vec<UnitRef<'a>> {
        ids.iter().map(|u| self.unit(u)).collect()
    }

    pub(crate) fn splits(&self, splits: &'a [Split]) -> Vec<SplitView<'a>> {
        splits
            .iter()
            .map(|s| {
                let dim = s.dimension.as_str();
                SplitView {
                    dimension: dim,
                    name: self.dimensions.get(dim).copied().unwrap_or(dim),
                    parts: s
                        .values
                        .iter()
                        .map(|(code, value)| SplitPart {
                            code: code.as_str(),
                            label: self
                                .values
                                .get(&(dim, code.as_str()))
                                .copied()
                                .unwrap_or(code.as_str()),
                            value: *value,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    pub(crate) fn evidence(&self, list: &'a [Evidence]) -> Vec<EvidenceView<'a>> {
        list.iter()
            .map(|e| EvidenceView {
                title: e.title.best(self.lang),
                symbol: e.symbol.as_deref(),
                url: e.url.as_ref().map(actionplan_model::HttpUrl::as_str),
                date: e.date,
            })
            .collect()
    }

    /// The revisions of an indicator in force on `as_of`, in the order they
    /// took effect (ties in the plan's order): the last one of each
    /// attribute wins.
    fn in_force(&self, indicator: &str, as_of: Date) -> Vec<&'a Revision> {
        let mut list: Vec<&Revision> = self
            .revisions
            .get(indicator)
            .into_iter()
            .flatten()
            .copied()
            .filter(|r| r.in_force_on(as_of))
            .collect();
        list.sort_by_key(|r| r.effective.earliest());
        list
    }

    /// The targets of an indicator over time, after the revisions in force
    /// on `as_of`, the one in force marked by the rule of
    /// `actionplan-indicators` (the caller sets the mark from the
    /// evaluation where it has one): empty for a measure without
    /// dated targets and without a revised target (every 1.0 file).
    pub(crate) fn targets(
        &self,
        index: &PlanIndex<'a>,
        ind: &'a Indicator,
        deadline: Option<YearMonth>,
        as_of: Date,
    ) -> Vec<TargetLine<'a>> {
        let (dated, final_value): (&'a [DatedTarget], Decimal) = match &ind.measure {
            Measure::Count(c) => (&c.targets, c.target),
            Measure::Percentage(p) => (&p.targets, p.target),
            Measure::Money(m) => (&m.targets, m.target.amount),
            _ => return Vec::new(),
        };
        let figure = |value| figure_of(&ind.measure, value);
        let revisions = self.in_force(ind.id.as_str(), as_of);
        let revised_target = revisions.iter().any(|r| r.target.is_some());
        if dated.is_empty() && !revised_target {
            return Vec::new();
        }
        let mut lines: Vec<(
            Decimal,
            YearMonth,
            Option<RevisionMark<'a>>,
            Vec<SplitView<'a>>,
        )> = dated
            .iter()
            .map(|t| (t.value, t.by, None, self.splits(&t.disaggregation)))
            .collect();
        // The final target is due at the deadline in force, unless a dated
        // target already falls due that month.
        let final_at = deadline.filter(|d| !dated.iter().any(|t| t.by == *d));
        let final_slot = match final_at {
            Some(d) => {
                lines.push((final_value, d, None, Vec::new()));
                Some(lines.len().saturating_sub(1))
            }
            None => deadline.and_then(|d| dated.iter().position(|t| t.by == d)),
        };
        for r in &revisions {
            let Some(to) = r.target else { continue };
            let slot = match r.target_by {
                Some(by) => dated.iter().position(|t| t.by == by),
                None => final_slot,
            };
            if let Some(line) = slot.and_then(|s| lines.get_mut(s)) {
                line.2 = Some(RevisionMark {
                    revision: r.id.as_str(),
                    from: figure(line.0).to_string(),
                    by: decided_by(index, r),
                });
                line.0 = to;
            }
        }
        lines.sort_by_key(|l| l.1);
        let in_force = lines
            .iter()
            .position(|l| l.1.last_day() >= as_of)
            .or_else(|| lines.len().checked_sub(1));
        lines
            .into_iter()
            .enumerate()
            .map(|(k, (value, by, revised, splits))| TargetLine {
                value: figure(value),
                by,
                in_force: Some(k) == in_force,
                revised,
                splits,
            })
            .collect()
    }

    /// The observations of a progress entry as the progress cell lists them.
    pub(crate) fn observations(&self, entry: &'a IndicatorProgress) -> Vec<ObservationLine<'a>> {
        entry
            .observations
            .iter()
            .map(|o| {
                let (value, splits) = match o {
                    Observation::Milestone(m) => (
                        format!(
                            "completed {}",
                            crate::label::date_or_month_label(m.completed)
                        ),
                        Vec::new(),
                    ),
                    Observation::Count(v) => (
                        v.value.normalize().to_string(),
                        self.splits(&v.disaggregation),
                    ),
                    Observation::Percentage(v) => (
                        format!("{} per cent", v.value.normalize()),
                        self.splits(&v.disaggregation),
                    ),
                    Observation::Money(m) => (crate::label::money_label(m.amount), Vec::new()),
                    Observation::Qualitative(q) => {
                        (if q.met { "met" } else { "not met" }.to_owned(), Vec::new())
                    }
                    _ => (String::new(), Vec::new()),
                };
                ObservationLine {
                    value,
                    as_of: match o {
                        Observation::Milestone(_) => None,
                        other => other.date(),
                    },
                    period: o.period(),
                    splits,
                    evidence: self.evidence(o.evidence()),
                }
            })
            .collect()
    }

    /// Every revision of the plan, in the plan's order.
    pub(crate) fn revision_lines(
        &self,
        plan: &'a ActionPlan,
        index: &PlanIndex<'a>,
        as_of: Date,
    ) -> Vec<RevisionLine<'a>> {
        plan.revisions
            .iter()
            .map(|r| {
                let found = index.indicator_by_str(r.indicator.as_str());
                let mut changes = Vec::new();
                if let Some(to) = r.deadline {
                    let from = found
                        .and_then(|(_, i)| i.deadline)
                        .map_or_else(|| "none".to_owned(), timeline_label);
                    changes.push(format!("deadline {from} → {}", timeline_label(to)));
                }
                if let Some(to) = r.target {
                    let by = r
                        .target_by
                        .map(|m| format!(" (due {})", timeline_label(m)))
                        .unwrap_or_default();
                    changes.push(format!("target{by} → {}", to.normalize()));
                }
                RevisionLine {
                    id: r.id.as_str(),
                    indicator: r.indicator.as_str(),
                    indicator_text: found.map_or("", |(_, i)| i.text.best(self.lang)),
                    change: changes.join("; "),
                    effective: r.effective,
                    in_force: r.in_force_on(as_of),
                    decided_at: r
                        .decided_at
                        .as_ref()
                        .and_then(|s| index.session(s.as_str()))
                        .map(session_symbol),
                    document: r.document.as_deref(),
                    rationale: r.rationale.best(self.lang),
                    evidence: self.evidence(&r.evidence),
                }
            })
            .collect()
    }

    /// What each declared unit leads and contributes to, and the standing
    /// of the indicators of that work. A deliverable is the work of the
    /// units named on it and on the items that plan it.
    pub(crate) fn unit_summaries(
        &self,
        plan: &'a ActionPlan,
        index: &PlanIndex<'a>,
        evaluation: &PlanEvaluation,
    ) -> Vec<UnitSummary<'a>> {
        #[derive(Default)]
        struct Work<'a> {
            leads: Vec<&'a str>,
            contributes: Vec<&'a str>,
            counts: [usize; Status::ALL.len()],
        }
        if plan.units.is_empty() {
            return Vec::new();
        }
        let mut work: HashMap<&str, Work<'a>> = HashMap::with_capacity(plan.units.len());
        let mut note = |lead: Option<&'a UnitId>, with: &'a [UnitId], id: &'a str| {
            if let Some(u) = lead {
                work.entry(u.as_str()).or_default().leads.push(id);
            }
            for u in with {
                work.entry(u.as_str()).or_default().contributes.push(id);
            }
        };
        for it in &plan.items {
            note(
                it.lead_unit.as_ref(),
                &it.contributing_units,
                it.id.as_str(),
            );
        }
        for d in &plan.deliverables {
            note(d.lead_unit.as_ref(), &d.contributing_units, d.id.as_str());
        }
        for d in &plan.deliverables {
            let mut counts = [0usize; Status::ALL.len()];
            for ind in &d.indicators {
                if let Some(e) = evaluation.indicator(ind.id.as_str())
                    && let Some(at) = Status::ALL.iter().position(|s| *s == e.standing)
                    && let Some(n) = counts.get_mut(at)
                {
                    *n = n.saturating_add(1);
                }
            }
            let mut involved: Vec<&str> = Vec::new();
            for u in units_of(index, d) {
                if !involved.contains(&u) {
                    involved.push(u);
                }
            }
            for u in involved {
                let w = work.entry(u).or_default();
                for (total, n) in w.counts.iter_mut().zip(counts) {
                    *total = total.saturating_add(n);
                }
            }
        }
        plan.units
            .iter()
            .map(|u| {
                let w = work.remove(u.id.as_str()).unwrap_or_default();
                let statuses: Vec<String> = Status::ALL
                    .iter()
                    .zip(w.counts)
                    .filter(|(_, n)| *n > 0)
                    .map(|(s, n)| format!("{n} {}", s.label()))
                    .collect();
                UnitSummary {
                    unit: self.unit(&u.id),
                    parent: u.parent.as_ref().map(|p| self.unit(p)),
                    leads: w.leads,
                    contributes: w.contributes,
                    indicators: w.counts.iter().fold(0usize, |a, n| a.saturating_add(*n)),
                    statuses: statuses.join(", "),
                }
            })
            .collect()
    }
}

/// A target's figure, read like the measure's own target.
fn figure_of(measure: &Measure, value: Decimal) -> Figure {
    match measure {
        Measure::Count(c) => Figure::Count {
            value,
            additional: c.target_mode == TargetMode::Additional,
        },
        Measure::Money(m) => Figure::Money(Money::new(value, m.target.currency)),
        _ => Figure::Percentage(value),
    }
}

/// The units named on a deliverable and on the items that plan it (a unit
/// may come more than once).
pub(crate) fn units_of<'a>(
    index: &PlanIndex<'a>,
    d: &'a Deliverable,
) -> impl Iterator<Item = &'a str> {
    let own = d
        .lead_unit
        .iter()
        .chain(&d.contributing_units)
        .map(UnitId::as_str);
    let items: Vec<&'a FollowUpItem> = index.items_of(d.id.as_str()).collect();
    own.chain(items.into_iter().flat_map(|it| {
        it.lead_unit
            .iter()
            .chain(&it.contributing_units)
            .map(UnitId::as_str)
    }))
}

/// The mark of a deadline the evaluation found revised:
/// `revised from 12/2019 (GB.337)`.
pub(crate) fn deadline_mark<'a>(
    index: &PlanIndex<'a>,
    r: &'a actionplan_indicators::RevisedDeadline,
) -> RevisionMark<'a> {
    RevisionMark {
        revision: r.by.revision.as_str(),
        from: r.from.map_or_else(|| "none".to_owned(), timeline_label),
        by: r
            .by
            .decided_at
            .as_ref()
            .and_then(|s| index.session(s.as_str()))
            .map(session_symbol)
            .or_else(|| r.by.document.clone()),
    }
}

/// `GB.337` for a session of the Governing Body, `ILC.105` for the Conference.
pub(crate) fn session_symbol(s: &Session) -> String {
    match s.body {
        Body::InternationalLabourConference => format!("ILC.{}", s.number),
        _ => format!("GB.{}", s.number),
    }
}

/// Who decided a revision: its session (`GB.337`), else its document.
fn decided_by(index: &PlanIndex<'_>, r: &Revision) -> Option<String> {
    r.decided_at
        .as_ref()
        .and_then(|s| index.session(s.as_str()))
        .map(session_symbol)
        .or_else(|| r.document.clone())
}

/// The baseline detail of a measure, where its baseline has more than a
/// value (a date, a comment or a source); `None` for the 1.0 form, which
/// keeps its 1.0 wording.
pub(crate) fn dated_baseline(measure: &Measure, lang: Language) -> Option<crate::view::Detail<'_>> {
    let (value, unit, date, comment, source) = match measure {
        Measure::Count(c) => {
            let b: &Baseline = c.baseline.as_ref().filter(|b| !b.is_bare())?;
            (
                Figure::Count {
                    value: b.value,
                    additional: false,
                },
                c.unit.as_ref().map(|u| u.best(lang)),
                b.date,
                b.comment.as_ref(),
                b.source.as_ref(),
            )
        }
        Measure::Percentage(p) => {
            let b = p.baseline.as_ref().filter(|b| !b.is_bare())?;
            (
                Figure::Percentage(b.value),
                None,
                b.date,
                b.comment.as_ref(),
                b.source.as_ref(),
            )
        }
        Measure::Money(m) => {
            let b = m
                .baseline
                .as_ref()
                .filter(|b| b.comment.is_some() || b.source.is_some())?;
            (
                Figure::Money(b.amount),
                None,
                Some(b.as_of),
                b.comment.as_ref(),
                b.source.as_ref(),
            )
        }
        _ => return None,
    };
    Some(crate::view::Detail::DatedBaseline {
        value,
        unit,
        date,
        comment: comment.map(|c| c.best(lang)),
        source: source.map(|s| s.best(lang)),
    })
}

/// The layout a plan and its reports get: 1.1 as soon as they use one
/// format 1.1 member — the model's rule, the one the writer follows for a
/// file's version.
pub(crate) fn layout(plan: &ActionPlan, reports: &[ProgressReport]) -> Layout {
    if actionplan_model::first_use_1_1(plan, reports).is_some() {
        Layout::Format11
    } else {
        Layout::Format10
    }
}

/// The totals, delivery and stated rates of the resources section: only
/// for the 1.1 layout (the 1.0 report stays as it was), and only the
/// groups that state amounts.
pub(crate) fn resources<'a>(
    plan: &'a ActionPlan,
    funding: &'a actionplan_funding::FundingOverview,
    layout: Layout,
    lang: Language,
) -> (Vec<TotalsRow<'a>>, Vec<DeliveryRow<'a>>, Vec<String>) {
    if layout != Layout::Format11 {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let t = &funding.totals;
    let stated = |a: &actionplan_funding::AmountTotals| a.lines > a.lines_without_amounts;
    let mut rows: Vec<TotalsRow<'a>> = Vec::new();
    let mut push = |group: &'static str,
                    name: Cow<'a, str>,
                    id: Option<&'a str>,
                    totals: &'a actionplan_funding::AmountTotals| {
        if stated(totals) {
            rows.push(TotalsRow {
                group,
                name,
                id,
                totals,
            });
        }
    };
    push("all", Cow::Borrowed("All resource lines"), None, &t.all);
    for (kind, a) in &t.by_source_kind {
        push("kind", Cow::Owned(kind.as_str().replace('_', " ")), None, a);
    }
    for (id, p) in &t.by_partner {
        let name = p.name.as_ref().map_or(id.as_str(), |n| n.best(lang));
        push("partner", Cow::Borrowed(name), Some(id.as_str()), &p.totals);
    }
    for (id, u) in &t.by_unit {
        let name = u.name.as_ref().map_or(id.as_str(), |n| n.best(lang));
        push("unit", Cow::Borrowed(name), Some(id.as_str()), &u.totals);
        if let Some(w) = &u.with_sub_units {
            let with = format!("{name}, with the units under it");
            push("unit", Cow::Owned(with), Some(id.as_str()), w);
        }
    }
    for (b, a) in &t.by_biennium {
        push("biennium", Cow::Owned(b.to_string()), None, a);
    }
    for (p, a) in &t.by_period {
        push("period", Cow::Borrowed(p.as_str()), None, a);
    }
    let delivery = funding
        .lines
        .iter()
        .map(|d| DeliveryRow {
            line: d.line.as_str(),
            delivery: d,
        })
        .collect();
    let rates = plan
        .resources
        .exchange_rates
        .iter()
        .map(|r| {
            let mut s = format!(
                "{} {} per {} of {}",
                r.rate,
                r.to,
                r.from,
                crate::label::date_or_month_label(r.date)
            );
            if let Some(src) = &r.source {
                let _ = write!(s, " ({})", src.best(lang));
            }
            s
        })
        .collect();
    (rows, delivery, rates)
}
