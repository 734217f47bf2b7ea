//! What can stop an evaluation: inputs that would otherwise give a silent,
//! wrong number.

use crate::PolicyError;
use actionplan_model::{Currency, IndicatorId, MeasureKind};

/// An evaluation could not be made.
///
/// Each variant names the indicator concerned, so that a caller can point a
/// person at the offending entry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvaluationError {
    /// An amount is in another currency than the indicator's target. This
    /// crate never converts currencies: convert before evaluating.
    #[error(
        "indicator `{indicator}`: an amount in {found} cannot be compared with a target in {expected}; convert it to {expected} before evaluating"
    )]
    CurrencyMismatch {
        /// The indicator.
        indicator: IndicatorId,
        /// The currency of the indicator's target.
        expected: Currency,
        /// The currency found in a baseline or an observation.
        found: Currency,
    },
    /// An observation of one kind of measure was reported for an indicator
    /// measured by another (a count for a milestone).
    #[error(
        "indicator `{indicator}`: a {} observation cannot measure a {} indicator",
        .found.as_str(),
        .expected.as_str()
    )]
    ObservationKind {
        /// The indicator.
        indicator: IndicatorId,
        /// The kind of the indicator's measure.
        expected: MeasureKind,
        /// The kind of the observation.
        found: MeasureKind,
    },
    /// The policy's thresholds are not usable.
    #[error("the evaluation policy is not usable: {0}")]
    Policy(#[from] PolicyError),
}
