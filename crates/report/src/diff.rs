//! What changed between two states of a plan: status transitions,
//! completions, moved deadlines, new figures and (format 1.1) the
//! revisions of deadlines and targets made in between.

use actionplan_indicators::PlanEvaluation;
use actionplan_model::{
    ActionPlan, DateOrMonth, IndicatorId, Observation, PlanIndex, ProgressReport, ReportIndex,
    Revision, RevisionId, Status, YearMonth, format_date,
};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;
use time::Date;

/// One side of a comparison: a plan, its reports and their evaluation.
///
/// Built with [`Snapshot::new`]; a later version may add what a comparison
/// needs (its funding, say), so a struct literal is refused outside this
/// crate:
///
/// ```compile_fail
/// # fn f(plan: &actionplan_model::ActionPlan, e: &actionplan_indicators::PlanEvaluation) {
/// let s = actionplan_report::diff::Snapshot { plan, reports: &[], evaluation: e };
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Snapshot<'a> {
    /// The plan.
    pub plan: &'a ActionPlan,
    /// Its progress reports.
    pub reports: &'a [ProgressReport],
    /// Their evaluation.
    pub evaluation: &'a PlanEvaluation,
}

impl<'a> Snapshot<'a> {
    /// A plan, its reports and their evaluation (which must come from them).
    pub fn new(
        plan: &'a ActionPlan,
        reports: &'a [ProgressReport],
        evaluation: &'a PlanEvaluation,
    ) -> Self {
        Snapshot {
            plan,
            reports,
            evaluation,
        }
    }
}

/// The changes from an old snapshot to a new one, in plan order.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Diff {
    /// The old evaluation's as-of date (written `2016-07-31`).
    #[serde(serialize_with = "crate::serialize::date")]
    pub old_as_of: Date,
    /// The new evaluation's as-of date.
    #[serde(serialize_with = "crate::serialize::date")]
    pub new_as_of: Date,
    /// What changed.
    pub changes: Vec<Change>,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// An indicator's standing status changed.
    Status {
        /// The indicator.
        indicator: IndicatorId,
        /// Before.
        from: Status,
        /// After.
        to: Status,
    },
    /// A milestone was reported done.
    Completed {
        /// The indicator.
        indicator: IndicatorId,
        /// When.
        on: DateOrMonth,
    },
    /// A deadline moved (or was set or removed).
    DeadlineMoved {
        /// The indicator.
        indicator: IndicatorId,
        /// Before.
        from: Option<YearMonth>,
        /// After.
        to: Option<YearMonth>,
    },
    /// A new measured value was reported.
    NewFigure {
        /// The indicator.
        indicator: IndicatorId,
        /// The value as written (`11`, `USD 90000000`, `met`).
        value: String,
        /// When it was observed: its own date, else its report's as-of date.
        as_of: Option<DateOrMonth>,
    },
    /// An indicator appears only in the new plan.
    Added {
        /// The indicator.
        indicator: IndicatorId,
    },
    /// An indicator appears only in the old plan.
    Removed {
        /// The indicator.
        indicator: IndicatorId,
    },
    /// A revision of a deadline or a target was made (format 1.1): it is in
    /// the new plan and not in the old one, or it says something else now.
    Revised {
        /// The indicator revised.
        indicator: IndicatorId,
        /// The revision.
        revision: RevisionId,
        /// The deadline before it (the indicator's own in the new plan)
        /// and the one it sets, where it moves the deadline.
        #[serde(skip_serializing_if = "Option::is_none")]
        deadline: Option<(Option<YearMonth>, YearMonth)>,
        /// The target it sets, as written, and the month of the dated
        /// target it replaces (the final target where absent).
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<String>,
        /// The dated target it replaces, by month.
        #[serde(skip_serializing_if = "Option::is_none")]
        target_by: Option<YearMonth>,
        /// When it takes effect.
        effective: DateOrMonth,
        /// The decision or document that made it: the document symbol,
        /// else the session's id.
        #[serde(skip_serializing_if = "Option::is_none")]
        decided_by: Option<String>,
        /// Whether the old plan had a revision of that id saying something else.
        amended: bool,
    },
}

/// The observations of indicator `id` in every report, each with the
/// report's as-of date (which an observation without its own date speaks as of).
fn observations<'a>(
    reports: &'a [(&'a ProgressReport, ReportIndex<'a>)],
    id: &'a str,
) -> impl Iterator<Item = (&'a Observation, DateOrMonth)> + 'a {
    reports.iter().flat_map(move |(r, index)| {
        index
            .indicator(id)
            .into_iter()
            .flat_map(|p| p.observations.iter())
            .map(move |o| (o, r.as_of))
    })
}

/// What two equal observations share (equal decimals normalize alike), so
/// that "was this observation there before?" is a map look-up followed by
/// a comparison with the few observations of the same key.
type ObservationKey = (
    std::mem::Discriminant<Observation>,
    Option<DateOrMonth>,
    String,
);

fn key(o: &Observation) -> ObservationKey {
    let value = match o {
        Observation::Count(v) | Observation::Percentage(v) => v.value.normalize().to_string(),
        Observation::Money(m) => format!("{} {}", m.amount.currency, m.amount.amount.normalize()),
        other => figure(other),
    };
    (std::mem::discriminant(o), o.date(), value)
}

fn indexed(reports: &[ProgressReport]) -> Vec<(&ProgressReport, ReportIndex<'_>)> {
    reports.iter().map(|r| (r, ReportIndex::new(r))).collect()
}

/// Compares two snapshots.
///
/// Each plan and each report is indexed once, so the cost grows with the
/// size of the two snapshots, not with their product.
pub fn diff(old: Snapshot<'_>, new: Snapshot<'_>) -> Diff {
    let old_index = PlanIndex::new(old.plan);
    let new_index = PlanIndex::new(new.plan);
    let old_reports = indexed(old.reports);
    let new_reports = indexed(new.reports);
    let mut changes = Vec::new();
    for (_, ind) in new.plan.indicators() {
        let id = &ind.id;
        let Some((_, before)) = old_index.indicator_by_str(id.as_str()) else {
            changes.push(Change::Added {
                indicator: id.clone(),
            });
            continue;
        };
        if before.deadline != ind.deadline {
            changes.push(Change::DeadlineMoved {
                indicator: id.clone(),
                from: before.deadline,
                to: ind.deadline,
            });
        }
        let mut old_obs: HashMap<ObservationKey, Vec<&Observation>> = HashMap::new();
        for (o, _) in observations(&old_reports, id.as_str()) {
            old_obs.entry(key(o)).or_default().push(o);
        }
        for (o, reported) in observations(&new_reports, id.as_str()) {
            if old_obs.get(&key(o)).is_some_and(|same| same.contains(&o)) {
                continue;
            }
            changes.push(match o {
                Observation::Milestone(m) => Change::Completed {
                    indicator: id.clone(),
                    on: m.completed,
                },
                other => Change::NewFigure {
                    indicator: id.clone(),
                    value: figure(other),
                    as_of: Some(other.date().unwrap_or(reported)),
                },
            });
        }
        if let (Some(a), Some(b)) = (
            old.evaluation.indicator(id.as_str()),
            new.evaluation.indicator(id.as_str()),
        ) && a.standing != b.standing
        {
            changes.push(Change::Status {
                indicator: id.clone(),
                from: a.standing,
                to: b.standing,
            });
        }
    }
    for (_, ind) in old.plan.indicators() {
        if new_index.indicator_by_str(ind.id.as_str()).is_none() {
            changes.push(Change::Removed {
                indicator: ind.id.clone(),
            });
        }
    }
    revisions(old.plan, new.plan, &new_index, &mut changes);
    Diff {
        old_as_of: old.evaluation.as_of,
        new_as_of: new.evaluation.as_of,
        changes,
    }
}

/// The revisions made between the two plans, in the new plan's order:
/// one map of the old revisions by id, one pass over the new ones.
fn revisions(
    old: &ActionPlan,
    new: &ActionPlan,
    new_index: &PlanIndex<'_>,
    changes: &mut Vec<Change>,
) {
    let before: HashMap<&str, &Revision> =
        old.revisions.iter().map(|r| (r.id.as_str(), r)).collect();
    for r in &new.revisions {
        let previous = before.get(r.id.as_str());
        if previous.is_some_and(|p| *p == r) {
            continue;
        }
        let own_deadline = new_index
            .indicator_by_str(r.indicator.as_str())
            .and_then(|(_, i)| i.deadline);
        changes.push(Change::Revised {
            indicator: r.indicator.clone(),
            revision: r.id.clone(),
            deadline: r.deadline.map(|to| (own_deadline, to)),
            target: r.target.map(|t| t.to_string()),
            target_by: r.target_by,
            effective: r.effective,
            decided_by: r
                .document
                .clone()
                .or_else(|| r.decided_at.as_ref().map(ToString::to_string)),
            amended: previous.is_some(),
        });
    }
}

fn figure(o: &Observation) -> String {
    match o {
        Observation::Count(v) | Observation::Percentage(v) => v.value.to_string(),
        Observation::Money(m) => m.amount.to_string(),
        Observation::Qualitative(q) => if q.met { "met" } else { "not met" }.to_owned(),
        Observation::Milestone(m) => format!("completed {}", m.completed),
        _ => String::new(),
    }
}

/// The diff as lines a person reads.
pub fn render_text(d: &Diff) -> String {
    let mut out = format!(
        "Changes from {} to {}:\n",
        format_date(d.old_as_of),
        format_date(d.new_as_of)
    );
    if d.changes.is_empty() {
        out.push_str("  no changes\n");
    }
    let month = |m: &Option<YearMonth>| m.map_or_else(|| "none".into(), |m| m.to_string());
    for c in &d.changes {
        let _ = match c {
            Change::Status {
                indicator,
                from,
                to,
            } => {
                writeln!(
                    out,
                    "  {indicator}: status {} -> {}",
                    from.label(),
                    to.label()
                )
            }
            Change::Completed { indicator, on } => writeln!(out, "  {indicator}: completed {on}"),
            Change::DeadlineMoved {
                indicator,
                from,
                to,
            } => {
                writeln!(
                    out,
                    "  {indicator}: deadline {} -> {}",
                    month(from),
                    month(to)
                )
            }
            Change::NewFigure {
                indicator,
                value,
                as_of,
            } => match as_of {
                Some(d) => writeln!(out, "  {indicator}: new figure {value} as of {d}"),
                None => writeln!(out, "  {indicator}: new figure {value}"),
            },
            Change::Added { indicator } => writeln!(out, "  {indicator}: added"),
            Change::Removed { indicator } => writeln!(out, "  {indicator}: removed"),
            Change::Revised {
                indicator,
                revision,
                deadline,
                target,
                target_by,
                effective,
                decided_by,
                amended,
            } => {
                let mut what = Vec::new();
                if let Some((from, to)) = deadline {
                    what.push(format!("deadline {} -> {to}", month(from)));
                }
                if let Some(t) = target {
                    match target_by {
                        Some(by) => what.push(format!("target due {by} -> {t}")),
                        None => what.push(format!("target -> {t}")),
                    }
                }
                let by = decided_by
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                let verb = if *amended { "amended" } else { "made" };
                writeln!(
                    out,
                    "  {indicator}: revision {revision} {verb}: {}, effective {effective}{by}",
                    what.join(", ")
                )
            }
        };
    }
    out
}
