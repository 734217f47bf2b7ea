//! Progress measured from the baseline in the indicator's direction, and the
//! value expected by now on a straight line.

use crate::cannot_compute::Op;
use actionplan_model::Direction;
use rust_decimal::{Decimal, RoundingStrategy};

/// A figure was too large for exact decimal arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the figures are too large for exact decimal arithmetic")]
#[non_exhaustive]
pub struct ArithmeticOverflow;

/// Whether `value` meets `target` in `direction`: at or above it for
/// [`Direction::Increase`], at or below it for [`Direction::Decrease`].
///
/// ```
/// use actionplan_indicators::meets;
/// use actionplan_model::Direction;
/// use rust_decimal::Decimal;
/// assert!(meets(Direction::Increase, Decimal::from(6), Decimal::from(4)));
/// assert!(!meets(Direction::Decrease, Decimal::from(6), Decimal::from(4)));
/// ```
pub fn meets(direction: Direction, value: Decimal, target: Decimal) -> bool {
    match direction {
        Direction::Decrease => value <= target,
        // `Increase`, and any direction a later model adds, reads "more is better".
        _ => value >= target,
    }
}

/// The change from `from` to `to` counted in `direction`: positive when the
/// value moved the right way. `None` on overflow.
pub fn gain(direction: Direction, from: Decimal, to: Decimal) -> Option<Decimal> {
    gain_op(direction, from, to).eval().ok()
}

/// The subtraction [`gain`] makes.
fn gain_op(direction: Direction, from: Decimal, to: Decimal) -> Op {
    match direction {
        Direction::Decrease => Op::Sub(from, to),
        _ => Op::Sub(to, from),
    }
}

/// The share of the way from `baseline` to `target` that `value` has come,
/// in `direction`: 0 at the baseline, 1 at the target, above 1 beyond it,
/// negative when the value moved the wrong way.
///
/// `Ok(None)` when the target is not beyond the baseline in `direction`
/// (there is no way to go).
///
/// A portfolio that is to grow from $84M to $100M is 0 achieved at $84M and
/// 0.5 at $92M:
///
/// ```
/// use actionplan_indicators::progress_ratio;
/// use actionplan_model::Direction;
/// use rust_decimal::Decimal;
/// let m = |n: i64| Decimal::from(n * 1_000_000);
/// assert_eq!(progress_ratio(Direction::Increase, m(84), m(100), m(84)), Ok(Some(Decimal::ZERO)));
/// assert_eq!(progress_ratio(Direction::Increase, m(84), m(100), m(92)), Ok(Some(Decimal::new(5, 1))));
/// ```
///
/// # Errors
///
/// [`ArithmeticOverflow`] where a difference or the quotient is beyond a
/// decimal (figures near 10²⁸ of opposite signs, or a way near 10⁻²⁸).
pub fn progress_ratio(
    direction: Direction,
    baseline: Decimal,
    target: Decimal,
    value: Decimal,
) -> Result<Option<Decimal>, ArithmeticOverflow> {
    ratio(direction, baseline, target, value).map_err(|_| ArithmeticOverflow)
}

/// [`progress_ratio`], or the operation that fails with its operands.
fn ratio(
    direction: Direction,
    baseline: Decimal,
    target: Decimal,
    value: Decimal,
) -> Result<Option<Decimal>, String> {
    let way = gain_op(direction, baseline, target).eval()?;
    if way <= Decimal::ZERO {
        return Ok(None);
    }
    let done = gain_op(direction, baseline, value).eval()?;
    Op::Div(done, way).eval().map(Some)
}

/// Progress as reported ([`round_ratio`]), or why it cannot be computed.
///
/// Progress is shown as a percentage, so a ratio whose percentage is beyond
/// a decimal (above about 7.9 × 10²⁶) cannot be computed either: reporting
/// the ratio would only move the overflow to every renderer.
pub(crate) fn reported_progress(
    direction: Direction,
    baseline: Decimal,
    target: Decimal,
    value: Decimal,
) -> Result<Option<Decimal>, String> {
    let Some(r) = ratio(direction, baseline, target, value)? else {
        return Ok(None);
    };
    let r = round_ratio(r);
    Op::Mul(r, Decimal::ONE_HUNDRED)
        .eval()
        .map_err(|why| format!("{why} (progress shown as a percentage)"))?;
    Ok(Some(r))
}

/// [`expected_value`], or the operation that fails with its operands.
pub(crate) fn expected_of(
    baseline: Decimal,
    target: Decimal,
    share: Decimal,
) -> Result<Decimal, String> {
    let way = Op::Sub(target, baseline).eval()?;
    let along = Op::Mul(way, share).eval()?;
    Op::Add(baseline, along).eval()
}

/// The value expected after `share` (0–1) of the time on a straight line
/// from `baseline` to `target`. `None` on overflow.
pub fn expected_value(baseline: Decimal, target: Decimal, share: Decimal) -> Option<Decimal> {
    expected_of(baseline, target, share).ok()
}

/// Ratios and shares as reported: four decimal places, halves away from
/// zero, trailing zeros dropped. Decisions use the unrounded values.
pub(crate) fn round_ratio(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Expected values as reported: two decimal places, halves away from zero,
/// trailing zeros dropped.
pub(crate) fn round_value(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}
