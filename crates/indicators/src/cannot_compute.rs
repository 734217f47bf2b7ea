//! Figures that exact decimal arithmetic cannot give, stated with the
//! figures involved instead of a panic, a silent zero or an aborted
//! evaluation.
//!
//! A file may hold any decimal of up to 28 significant digits. Counts near
//! 10²⁸, targets of 10⁻²⁷ or baselines and targets of opposite signs near the
//! limits give sums, quotients and percentages beyond what a decimal holds.
//! One such indicator must not stop the evaluation of the others, so the
//! figure is left out (`null`) and the evaluation says which figure and why.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which figure of an indicator's evaluation could not be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Figure {
    /// The absolute target: baseline ± an additional target.
    Target,
    /// The share of the way from baseline to target covered, and the
    /// percentage it is shown as.
    Progress,
    /// The value expected by now on the straight line.
    Expected,
    /// The observed standing: values given per period that add up beyond
    /// a decimal (format 1.1).
    Observed,
}

impl Figure {
    /// The figure in words, as used in messages.
    pub fn words(self) -> &'static str {
        match self {
            Figure::Target => "the target",
            Figure::Progress => "progress",
            Figure::Expected => "the expected value",
            Figure::Observed => "the observed value",
        }
    }
}

/// A figure of an indicator's evaluation that could not be computed exactly,
/// and why, with the figures involved.
///
/// Displayed as `cannot compute progress: 1000000000000000000000000000 × 100
/// overflows`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CannotCompute {
    /// The figure left out.
    pub figure: Figure,
    /// The operation that fails, with its operands.
    pub reason: String,
}

impl fmt::Display for CannotCompute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot compute {}: {}", self.figure.words(), self.reason)
    }
}

/// The operations whose failure is stated, each with its operands.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    Add(Decimal, Decimal),
    Sub(Decimal, Decimal),
    Mul(Decimal, Decimal),
    Div(Decimal, Decimal),
}

impl Op {
    /// The result, or why there is none.
    pub(crate) fn eval(self) -> Result<Decimal, String> {
        let result = match self {
            Op::Add(a, b) => a.checked_add(b),
            Op::Sub(a, b) => a.checked_sub(b),
            Op::Mul(a, b) => a.checked_mul(b),
            Op::Div(a, b) => a.checked_div(b),
        };
        result.ok_or_else(|| self.failure())
    }

    fn failure(self) -> String {
        match self {
            Op::Add(a, b) => format!("{a} + {b} overflows"),
            Op::Sub(a, b) => format!("{a} − {b} overflows"),
            Op::Mul(a, b) => format!("{a} × {b} overflows"),
            Op::Div(a, b) if b.is_zero() => format!("{a} ÷ 0 is undefined"),
            Op::Div(a, b) => format!("{a} ÷ {b} overflows"),
        }
    }
}
