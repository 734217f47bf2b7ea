//! When an indicator is due and when its work starts: the effective deadline,
//! the start of the straight line, and the share of time elapsed.

use crate::revised::RevisedDeadline;
use actionplan_model::{Biennium, DateOrMonth, Indicator, Measure, Span, YearMonth};
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
    /// A revision in force at the as-of date moved it (format 1.1); the
    /// evaluation's `deadline_revised` says which.
    Revision,
    /// The indicator has no deadline: the end of its own span, else of its
    /// deliverable's, else of its item's year or months (format 1.1).
    Span,
}

/// Where an indicator's work sits in the plan, looked up once per
/// deliverable: the frames its clock and deadline fall back on.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Frame {
    /// The plan's first and last months.
    pub plan: Option<(YearMonth, YearMonth)>,
    /// The biennium of the first item listing the deliverable.
    pub biennium: Option<Biennium>,
    /// That item's own year or months, where it states them (format 1.1).
    pub item_span: Option<Span>,
    /// The deliverable's own span (format 1.1).
    pub deliverable_span: Option<Span>,
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
    /// The span its work is planned for: its own, its deliverable's, its
    /// item's, or the item's biennium; `None` where only the plan frames it.
    pub frame: Option<Span>,
    /// The day work is due to begin: the start of `frame`, else of the plan.
    pub work_starts: Option<Date>,
    /// The start of the straight line, before the deadline.
    pub line_starts: Option<Date>,
}

/// Works out the calendar of `indicator`, given where its work sits and
/// the deadline in force (the indicator's, or a revision's).
///
/// The clock starts at the indicator's own span's start; without one, at
/// the start of its work (its deliverable's span, else its item's span or
/// biennium, else the plan), or at its baseline's date where that is later
/// (the line cannot start before the figure it starts from).
pub(crate) fn schedule(
    frame: Frame,
    indicator: &Indicator,
    revised: Option<&RevisedDeadline>,
) -> Schedule {
    let plan_start = frame.plan.map(|(first, _)| first.first_day());
    let work = indicator
        .span
        .or(frame.deliverable_span)
        .or(frame.item_span)
        .or(frame.biennium.map(Span::Biennium));
    let (deadline, deadline_source) = match (revised, indicator.deadline) {
        (Some(r), _) => (Some(r.to.last_day()), DeadlineSource::Revision),
        (None, Some(m)) => (Some(m.last_day()), DeadlineSource::Indicator),
        (None, None) => match (work, frame.plan) {
            (Some(Span::Biennium(b)), _) => (Some(b.end().last_day()), DeadlineSource::Biennium),
            (Some(span), _) => (Some(span.end().last_day()), DeadlineSource::Span),
            (None, Some((_, last))) => (Some(last.last_day()), DeadlineSource::Plan),
            (None, None) => (None, DeadlineSource::None),
        },
    };
    let work_starts = work.map(|w| w.start().first_day()).or(plan_start);
    let baseline_date = match &indicator.measure {
        Measure::Money(m) => m.baseline.as_ref().map(|b| b.as_of.latest()),
        Measure::Count(c) => c
            .baseline
            .as_ref()
            .and_then(|b| b.date)
            .map(DateOrMonth::latest),
        Measure::Percentage(p) => p
            .baseline
            .as_ref()
            .and_then(|b| b.date)
            .map(DateOrMonth::latest),
        _ => None,
    };
    let candidate = match (indicator.span, work_starts, baseline_date) {
        (Some(own), _, _) => Some(own.start().first_day()),
        (None, Some(w), Some(b)) => Some(w.max(b)),
        (None, w, b) => w.or(b),
    };
    let before_deadline = |d: Option<Date>| match (d, deadline) {
        (Some(d), Some(dl)) if d < dl => Some(d),
        _ => None,
    };
    let line_starts = before_deadline(candidate).or_else(|| before_deadline(plan_start));
    Schedule {
        deadline,
        deadline_source,
        biennium: frame.biennium,
        frame: work,
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
