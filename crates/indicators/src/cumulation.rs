//! How an indicator's observed values add up to the standing compared with
//! a target (format 1.1): cumulative, per period, or a level.
//!
//! One scan serves every mode: a value observed at a point in time is a
//! running total and replaces the standing; a value given for a period adds
//! to it (cumulative, per period) or replaces it (level). Per period, only
//! the observations that fall in the target's period count. With point
//! observations alone (every 1.0 file) each mode gives the latest value.

use crate::cannot_compute::Op;
use actionplan_model::{Cumulation, DateOrMonth, Observation, Period, Split};
use rust_decimal::Decimal;
use time::Date;

/// One observed value, placed in time.
pub(crate) struct Point<'a> {
    /// The day it holds by: its period's end, or the day it holds from
    /// where that is earlier (a period reported before it ended).
    pub occurred: Date,
    /// The same, as the file gives it.
    pub on: DateOrMonth,
    /// The value (a split's total is this value, never summed again).
    pub value: Decimal,
    /// The period it is given for, where given.
    pub period: Option<Period>,
    /// How it splits by the plan's dimensions.
    pub splits: &'a [Split],
}

impl<'a> Point<'a> {
    /// The point of observation `o`, which holds from `when`, with `value`.
    pub(crate) fn new(when: DateOrMonth, o: &'a Observation, value: Decimal) -> Self {
        let period = o.period().map(actionplan_model::Span::period);
        let (occurred, on) = match period {
            Some(p) if p.end.last_day() < when.latest() => {
                (p.end.last_day(), DateOrMonth::Month(p.end))
            }
            _ => (when.latest(), when),
        };
        let splits = match o {
            Observation::Count(v) | Observation::Percentage(v) => v.disaggregation.as_slice(),
            _ => &[],
        };
        Point {
            occurred,
            on,
            value,
            period,
            splits,
        }
    }
}

/// The days whose observations count: after `after` (exclusive), up to
/// `upto` (inclusive); an absent bound is open.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Window {
    pub after: Option<Date>,
    pub upto: Option<Date>,
}

impl Window {
    fn holds(self, day: Date) -> bool {
        self.after.is_none_or(|a| day > a) && self.upto.is_none_or(|u| day <= u)
    }
}

/// The standing after an observation.
#[derive(Clone, Debug)]
pub(crate) struct Standing<'a> {
    pub value: Decimal,
    /// When the observation that made it holds by.
    pub on: DateOrMonth,
    /// The months the value covers, where observations are given per period.
    pub over: Option<Period>,
    /// The splits of the latest observation.
    pub splits: &'a [Split],
}

/// Scans `points` (in order of `occurred`) within `window`, calling `stop`
/// with the standing after each; returns the standing where `stop` said
/// yes, else the last one. `Err` with the failing sum where period values
/// add up beyond a decimal.
pub(crate) fn scan<'a>(
    points: &[Point<'a>],
    mode: Cumulation,
    window: Window,
    stop: &mut dyn FnMut(&Standing<'a>) -> bool,
) -> Result<Option<Standing<'a>>, String> {
    let mut current: Option<Standing<'a>> = None;
    for p in points.iter().filter(|p| window.holds(p.occurred)) {
        let next = match (p.period, &current) {
            // A period value adds to the standing, except as a level; the
            // months covered grow only while every value summed is per
            // period.
            (Some(period), Some(s)) if mode != Cumulation::Level => Standing {
                value: Op::Add(s.value, p.value).eval()?,
                on: p.on,
                over: s
                    .over
                    .map(|o| Period::new(o.start.min(period.start), o.end.max(period.end))),
                splits: p.splits,
            },
            (period, _) => Standing {
                value: p.value,
                on: p.on,
                over: period,
                splits: p.splits,
            },
        };
        let done = stop(&next);
        current = Some(next);
        if done {
            break;
        }
    }
    Ok(current)
}
