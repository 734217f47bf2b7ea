//! The thresholds a caller may change: when progress counts as on track,
//! when it is at risk, and how many days of grace a deadline gets.

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
#[non_exhaustive]
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
    /// The policy with `on_track` as the share of the expected progress
    /// that counts as on track.
    ///
    /// `Policy` is `#[non_exhaustive]`, so that a later version may add a
    /// threshold: build one from [`Policy::default`] and these methods.
    ///
    /// ```
    /// use actionplan_indicators::Policy;
    /// use rust_decimal::Decimal;
    /// let strict = Policy::default()
    ///     .with_on_track(Decimal::ONE)
    ///     .with_at_risk(Decimal::new(75, 2))
    ///     .with_grace_days(15);
    /// assert!(strict.check().is_ok());
    /// assert_eq!((strict.at_risk.to_string(), strict.grace_days), ("0.75".to_owned(), 15));
    /// ```
    ///
    /// A struct literal does not compile outside this crate:
    ///
    /// ```compile_fail,E0639
    /// use actionplan_indicators::Policy;
    /// let p = Policy { grace_days: 31, ..Policy::default() };
    /// ```
    #[must_use]
    pub fn with_on_track(mut self, on_track: Decimal) -> Self {
        self.on_track = on_track;
        self
    }

    /// The policy with `at_risk` as the share of the expected progress
    /// below which an indicator is at risk whatever the forecast.
    #[must_use]
    pub fn with_at_risk(mut self, at_risk: Decimal) -> Self {
        self.at_risk = at_risk;
        self
    }

    /// The policy with `grace_days` days of grace after every deadline.
    #[must_use]
    pub fn with_grace_days(mut self, grace_days: u32) -> Self {
        self.grace_days = grace_days;
        self
    }

    /// Checks that `0 ≤ at_risk ≤ on_track ≤ 1` and that the grace is at
    /// most [`MAX_GRACE_DAYS`].
    ///
    /// ```
    /// use actionplan_indicators::{Policy, PolicyError};
    /// use rust_decimal::Decimal;
    /// assert!(Policy::default().check().is_ok());
    /// let upside_down = Policy::default().with_at_risk(Decimal::ONE);
    /// assert!(matches!(upside_down.check(), Err(PolicyError::AtRiskAboveOnTrack { .. })));
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`PolicyError`] found, in the order of the bounds above.
    pub fn check(&self) -> Result<(), PolicyError> {
        if self.at_risk < Decimal::ZERO {
            return Err(PolicyError::AtRiskBelowZero {
                at_risk: self.at_risk,
            });
        }
        if self.at_risk > self.on_track {
            return Err(PolicyError::AtRiskAboveOnTrack {
                at_risk: self.at_risk,
                on_track: self.on_track,
            });
        }
        if self.on_track > Decimal::ONE {
            return Err(PolicyError::OnTrackAboveOne {
                on_track: self.on_track,
            });
        }
        if self.grace_days > MAX_GRACE_DAYS {
            return Err(PolicyError::GraceTooLong {
                grace_days: self.grace_days,
            });
        }
        Ok(())
    }
}

/// Why a [`Policy`] is not usable.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// `at_risk` is negative.
    #[error("at_risk is {at_risk}, below 0")]
    AtRiskBelowZero {
        /// The threshold given.
        at_risk: Decimal,
    },
    /// `at_risk` is above `on_track`.
    #[error("at_risk ({at_risk}) is above on_track ({on_track})")]
    AtRiskAboveOnTrack {
        /// The at-risk threshold given.
        at_risk: Decimal,
        /// The on-track threshold given.
        on_track: Decimal,
    },
    /// `on_track` is above 1: no indicator could be on track while exactly
    /// on the line.
    #[error(
        "on_track is {on_track}, above 1: no indicator could be on track while exactly on the line"
    )]
    OnTrackAboveOne {
        /// The threshold given.
        on_track: Decimal,
    },
    /// The grace is longer than [`MAX_GRACE_DAYS`].
    #[error("grace_days is {grace_days}, above {MAX_GRACE_DAYS}")]
    GraceTooLong {
        /// The grace given.
        grace_days: u32,
    },
}
