//! What the progress reports say about one indicator as of a date.

use actionplan_model::{
    DateOrMonth, IndicatorId, IndicatorProgress, Observation, ProgressReport, Status,
};
use std::collections::HashMap;
use time::Date;

/// The reports' facts about one indicator, as of a date.
pub(crate) struct Facts<'a> {
    /// The latest entry about the indicator in a report as of the date or
    /// earlier, with its report.
    pub entry: Option<(&'a ProgressReport, &'a IndicatorProgress)>,
    /// Every observation that holds by the date, oldest first, each with the
    /// date it holds from (its own date, else its report's as-of).
    pub observations: Vec<(DateOrMonth, &'a Observation)>,
}

/// Whether a report speaks as of `as_of` or earlier: its as-of, read as the
/// last day it may mean, is not after `as_of`.
pub(crate) fn report_counts(report: &ProgressReport, as_of: Date) -> bool {
    report.as_of.latest() <= as_of
}

/// Collects the facts about `indicator` as of `as_of`, searching each
/// report: for one indicator. A whole plan uses [`ReportFacts`].
pub(crate) fn gather<'a>(
    reports: &'a [ProgressReport],
    indicator: &IndicatorId,
    as_of: Date,
) -> Facts<'a> {
    let entries = reports
        .iter()
        .filter(|r| report_counts(r, as_of))
        .filter_map(|r| r.indicator(indicator).map(|p| (r, p)));
    facts(entries, as_of)
}

/// The facts from the entries about one indicator, one per counted report,
/// in the order of the reports.
///
/// * The *entry* is that of the latest report (by as-of; among equals, the
///   one last in `reports`).
/// * *Observations* come from every entry; one dated after `as_of` is left
///   out. A fact counts from the last day its date may mean.
fn facts<'a>(
    entries: impl IntoIterator<Item = (&'a ProgressReport, &'a IndicatorProgress)>,
    as_of: Date,
) -> Facts<'a> {
    let mut entry: Option<(&ProgressReport, &IndicatorProgress)> = None;
    let mut observations = Vec::new();
    for (report, progress) in entries {
        let newer = match entry {
            Some((r, _)) => report.as_of.latest() >= r.as_of.latest(),
            None => true,
        };
        if newer {
            entry = Some((report, progress));
        }
        for obs in &progress.observations {
            let when = obs.date().unwrap_or(report.as_of);
            if when.latest() <= as_of {
                observations.push((when, obs));
            }
        }
    }
    // Stable: among observations of the same day, report order is kept.
    observations.sort_by_key(|(when, _)| when.latest());
    Facts {
        entry,
        observations,
    }
}

/// A deliverable's asserted status, with the day its report's as-of ends.
type Asserted = (Date, Status);

/// Every counted report's entries, grouped by the id they speak of in one
/// pass over the reports, so that the facts of each indicator cost only its
/// own entries.
///
/// As [`ProgressReport::indicator`] does, a report that repeats an entry
/// (AP013) speaks through its first one.
pub(crate) struct ReportFacts<'a> {
    as_of: Date,
    indicators: HashMap<&'a str, Vec<(&'a ProgressReport, &'a IndicatorProgress)>>,
    /// Per deliverable: the latest counted report's asserted status, with the
    /// day its as-of ends.
    deliverables: HashMap<&'a str, (Date, Status)>,
}

impl<'a> ReportFacts<'a> {
    /// Groups the entries of the reports that count as of `as_of`.
    pub(crate) fn new(reports: &'a [ProgressReport], as_of: Date) -> Self {
        let mut indicators: HashMap<&str, Vec<(&ProgressReport, &IndicatorProgress)>> =
            HashMap::new();
        // Per deliverable: the last report that spoke of it (by position),
        // and the latest asserted status so far.
        let mut deliverables: HashMap<&str, (usize, Option<Asserted>)> = HashMap::new();
        for (n, report) in reports.iter().enumerate() {
            if !report_counts(report, as_of) {
                continue;
            }
            for p in &report.indicators {
                let list = indicators.entry(p.indicator.as_str()).or_default();
                // Reports are taken in order, so a repeated entry of this
                // report is the one that follows its own first entry.
                if list.last().is_none_or(|(r, _)| !std::ptr::eq(*r, report)) {
                    list.push((report, p));
                }
            }
            let when = report.as_of.latest();
            for p in &report.deliverables {
                let slot = deliverables
                    .entry(p.deliverable.as_str())
                    .or_insert((usize::MAX, None));
                if slot.0 == n {
                    continue; // a repeated entry: the first one speaks
                }
                slot.0 = n;
                // Among reports of the same as-of, the last one speaks.
                if let Some(status) = p.status
                    && slot.1.is_none_or(|(w, _)| when >= w)
                {
                    slot.1 = Some((when, status));
                }
            }
        }
        ReportFacts {
            as_of,
            indicators,
            deliverables: deliverables
                .into_iter()
                .filter_map(|(id, (_, latest))| latest.map(|l| (id, l)))
                .collect(),
        }
    }

    /// The facts about indicator `id`.
    pub(crate) fn of(&self, id: &str) -> Facts<'a> {
        let entries = self.indicators.get(id).map_or(&[][..], Vec::as_slice);
        facts(entries.iter().copied(), self.as_of)
    }

    /// The status the latest counted report asserts for deliverable `id`.
    pub(crate) fn deliverable_asserted(&self, id: &str) -> Option<Status> {
        self.deliverables.get(id).map(|(_, s)| *s)
    }
}
