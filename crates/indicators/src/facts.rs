//! What the progress reports say about one indicator as of a date.

use actionplan_model::{DateOrMonth, IndicatorId, IndicatorProgress, Observation, ProgressReport};
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

/// Collects the facts about `indicator` as of `as_of`.
///
/// * The *entry* is that of the latest report (by as-of; among equals, the
///   one last in `reports`) that has an entry for the indicator.
/// * *Observations* come from every counted report; one dated after `as_of`
///   is left out. A fact counts from the last day its date may mean.
pub(crate) fn gather<'a>(
    reports: &'a [ProgressReport],
    indicator: &IndicatorId,
    as_of: Date,
) -> Facts<'a> {
    let mut entry: Option<(&ProgressReport, &IndicatorProgress)> = None;
    let mut observations = Vec::new();
    for report in reports.iter().filter(|r| report_counts(r, as_of)) {
        let Some(progress) = report.indicator(indicator) else {
            continue;
        };
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
