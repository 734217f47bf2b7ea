//! When an indicator is due and when its work starts: the effective deadline,
//! the start of the straight line, and the share of time elapsed.

use actionplan_model::{Biennium, Indicator, Measure, YearMonth};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

/// Where an indicator's effective deadline comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineSource {
    /// The indicator's own month (`03/2016`): the last day of that month.
    Indicator,
    /// The indicator has none: the end of the biennium of the first item
    /// that lists its deliverable (the XBTC portfolio: end of 2018–19).
    Biennium,
    /// Neither the indicator nor an item gives one: the end of the plan.
    Plan,
    /// No deadline could be found.
    None,
}

/// The calendar of one indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Schedule {
    /// Effective deadline.
    pub deadline: Option<Date>,
    /// Where it comes from.
    pub deadline_source: DeadlineSource,
    /// The biennium of the indicator's work.
    pub biennium: Option<Biennium>,
    /// The day work is due to begin: the start of the biennium, else of the plan.
    pub work_starts: Option<Date>,
    /// The start of the straight line, before the deadline.
    pub line_starts: Option<Date>,
}

/// Works out the calendar of `indicator`, given the biennium of its
/// deliverable and the plan's span (both looked up once by the caller).
pub(crate) fn schedule(
    span: Option<(YearMonth, YearMonth)>,
    biennium: Option<Biennium>,
    indicator: &Indicator,
) -> Schedule {
    let plan_start = span.map(|(first, _)| first.first_day());
    let (deadline, deadline_source) = match (indicator.deadline, biennium, span) {
        (Some(m), _, _) => (Some(m.last_day()), DeadlineSource::Indicator),
        (None, Some(b), _) => (Some(b.end().last_day()), DeadlineSource::Biennium),
        (None, None, Some((_, last))) => (Some(last.last_day()), DeadlineSource::Plan),
        (None, None, None) => (None, DeadlineSource::None),
    };
    let work_starts = biennium.map(|b| b.start().first_day()).or(plan_start);
    let baseline_date = match &indicator.measure {
        Measure::Money(m) => m.baseline.as_ref().map(|b| b.as_of.latest()),
        _ => None,
    };
    let candidate = match (work_starts, baseline_date) {
        (Some(w), Some(b)) => Some(w.max(b)),
        (w, b) => w.or(b),
    };
    let before_deadline = |d: Option<Date>| match (d, deadline) {
        (Some(d), Some(dl)) if d < dl => Some(d),
        _ => None,
    };
    let line_starts = before_deadline(candidate).or_else(|| before_deadline(plan_start));
    Schedule {
        deadline,
        deadline_source,
        biennium,
        work_starts,
        line_starts,
    }
}

/// `date` plus `days`, saturating at the last representable day (a
/// deadline of December 9999 with grace ends on 9999-12-31).
pub(crate) fn plus_days(date: Date, days: u32) -> Date {
    i32::try_from(days)
        .ok()
        .and_then(|d| date.to_julian_day().checked_add(d))
        .and_then(|jd| Date::from_julian_day(jd).ok())
        .unwrap_or(Date::MAX)
}

/// Whole days from `from` to `to` (negative when `to` is earlier). Julian
/// day numbers are `i32`, so their difference always fits an `i64`.
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    i64::from(to.to_julian_day()).saturating_sub(i64::from(from.to_julian_day()))
}

/// Share of the time from `start` to `deadline` elapsed on `as_of`, clamped
/// to 0–1. `None` when the deadline is not after the start.
pub(crate) fn time_share(start: Date, deadline: Date, as_of: Date) -> Option<Decimal> {
    let total = days_between(start, deadline);
    if total <= 0 {
        return None;
    }
    let elapsed = days_between(start, as_of).clamp(0, total);
    Decimal::from(elapsed).checked_div(Decimal::from(total))
}
