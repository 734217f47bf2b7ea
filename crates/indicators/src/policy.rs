//! The thresholds a caller may change: when progress counts as on track,
//! when it is at risk, and how many days of grace a deadline gets.

use crate::EvaluationError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The evaluation policy.
///
/// Progress on a value indicator (a count, a percentage, an amount) is
/// compared with the progress *expected by now* on a straight line from the
/// baseline at the start to the target at the deadline:
///
/// * progress ≥ `on_track` × expected: **on track**;
/// * `at_risk` × expected ≤ progress < `on_track` × expected: **on track**
///   if the report forecasts that the target will be met by the deadline,
///   otherwise **at risk**;
/// * progress < `at_risk` × expected: **at risk**, whatever the forecast.
///
/// A deadline is missed once `grace_days` days have passed after it.
///
/// On the wire the thresholds are decimal strings:
///
/// ```
/// use actionplan_indicators::Policy;
/// let p: Policy = serde_json::from_str(r#"{"on_track": "0.8", "grace_days": 15}"#)?;
/// assert_eq!(p.on_track.to_string(), "0.8");
/// assert_eq!(p.at_risk, Policy::default().at_risk); // left out: the default
/// assert_eq!(p.grace_days, 15);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Share of the expected progress that counts as on track. Default
    /// `0.9`: reports come once a year and work rarely advances evenly, so
    /// being a tenth behind a straight line is still on track.
    #[serde(with = "actionplan_model::wire::decimal")]
    pub on_track: Decimal,
    /// Share of the expected progress below which an indicator is at risk
    /// even where the report forecasts success. Default `0.5`: an indicator
    /// with less than half the progress expected by now needs more than a
    /// forecast to be called on track.
    #[serde(with = "actionplan_model::wire::decimal")]
    pub at_risk: Decimal,
    /// Days after a deadline before it counts as missed. Default `0`: a
    /// month deadline already means the *end* of the month, and the seed
    /// report counts a report published in May against an April deadline as
    /// late.
    pub grace_days: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            on_track: Decimal::new(9, 1),
            at_risk: Decimal::new(5, 1),
            grace_days: 0,
        }
    }
}

/// The longest grace accepted: ten years of days.
pub const MAX_GRACE_DAYS: u32 = 3660;

impl Policy {
    /// Checks that `0 ≤ at_risk ≤ on_track ≤ 1` and that the grace is at
    /// most [`MAX_GRACE_DAYS`].
    ///
    /// ```
    /// use actionplan_indicators::Policy;
    /// use rust_decimal::Decimal;
    /// assert!(Policy::default().check().is_ok());
    /// let upside_down = Policy { at_risk: Decimal::ONE, ..Policy::default() };
    /// assert!(upside_down.check().is_err());
    /// ```
    pub fn check(&self) -> Result<(), EvaluationError> {
        let fail = |reason: String| Err(EvaluationError::Policy { reason });
        if self.at_risk < Decimal::ZERO {
            return fail(format!("at_risk is {}, below 0", self.at_risk));
        }
        if self.at_risk > self.on_track {
            return fail(format!(
                "at_risk ({}) is above on_track ({})",
                self.at_risk, self.on_track
            ));
        }
        if self.on_track > Decimal::ONE {
            return fail(format!(
                "on_track is {}, above 1: no indicator could be on track while exactly on the line",
                self.on_track
            ));
        }
        if self.grace_days > MAX_GRACE_DAYS {
            return fail(format!(
                "grace_days is {}, above {MAX_GRACE_DAYS}",
                self.grace_days
            ));
        }
        Ok(())
    }
}
