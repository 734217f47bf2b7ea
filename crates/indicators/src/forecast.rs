//! What a report's forecast says against the deadline and the target.

use crate::progress::meets;
use actionplan_model::{Bound, Direction, Forecast};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

/// The verdict on a forecast, serialized in `snake_case`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ForecastVerdict {
    /// The report makes no forecast.
    NoForecast,
    /// The target is already met: the forecast no longer matters.
    Superseded,
    /// The forecast date has passed and the target is not met.
    Lapsed,
    /// Expected, but only after the deadline (and its grace).
    AfterDeadline,
    /// The value forecast falls short of the target.
    ShortOfTarget,
    /// The forecast does not decide: "at least 3" of a target of 4, or a
    /// forecast with neither a date nor a value.
    Uncertain,
    /// Expected by the deadline, at or beyond the target.
    MeetsTarget,
}

impl ForecastVerdict {
    /// The forecast expects the target to be met in time.
    pub fn is_favourable(self) -> bool {
        self == ForecastVerdict::MeetsTarget
    }

    /// The forecast itself expects a miss: late, short or lapsed.
    pub fn is_unfavourable(self) -> bool {
        matches!(
            self,
            ForecastVerdict::Lapsed
                | ForecastVerdict::AfterDeadline
                | ForecastVerdict::ShortOfTarget
        )
    }
}

/// The target a value forecast is judged against.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ValueTarget {
    pub direction: Direction,
    /// `None`: beyond every decimal, so no value meets it.
    pub target: Option<Decimal>,
}

/// Judges `forecast`, given whether the target is met, the effective
/// deadline with grace, and (for value measures) the target. Returns the
/// verdict and, for a forecast date after the deadline, by how many days.
pub(crate) fn judge(
    forecast: Option<&Forecast>,
    achieved: bool,
    deadline: Option<Date>,
    grace_end: Option<Date>,
    as_of: Date,
    value_target: Option<ValueTarget>,
) -> (ForecastVerdict, Option<i64>) {
    let Some(f) = forecast else {
        return (ForecastVerdict::NoForecast, None);
    };
    if achieved {
        return (ForecastVerdict::Superseded, None);
    }
    if let Some(by) = f.by {
        let by = by.latest();
        if by < as_of {
            return (ForecastVerdict::Lapsed, None);
        }
        if let (Some(dl), Some(ge)) = (deadline, grace_end)
            && by > ge
        {
            return (
                ForecastVerdict::AfterDeadline,
                Some(crate::schedule::days_between(dl, by)),
            );
        }
    }
    match (f.value, value_target) {
        (Some(v), Some(t)) => (value_verdict(v, f.bound, t), None),
        (None, _) if f.by.is_none() => (ForecastVerdict::Uncertain, None),
        _ => (ForecastVerdict::MeetsTarget, None),
    }
}

/// A forecast value against the target, read with its bound. A bound on the
/// favourable side ("at least 6" where more is better) promises the target
/// when the value meets it and decides nothing otherwise; a bound on the
/// unfavourable side ("at most 3") rules the target out when the value misses
/// it and decides nothing otherwise; "about" decides both ways.
fn value_verdict(value: Decimal, bound: Bound, t: ValueTarget) -> ForecastVerdict {
    let hit = t
        .target
        .is_some_and(|target| meets(t.direction, value, target));
    let favourable_bound = match (bound, t.direction) {
        (Bound::AtLeast, Direction::Decrease) | (Bound::AtMost, Direction::Increase) => Some(false),
        (Bound::AtLeast | Bound::AtMost, _) => Some(true),
        _ => None,
    };
    match (favourable_bound, hit) {
        (None | Some(true), true) => ForecastVerdict::MeetsTarget,
        (None | Some(false), false) => ForecastVerdict::ShortOfTarget,
        (Some(true), false) | (Some(false), true) => ForecastVerdict::Uncertain,
    }
}
