//! What is measured for each indicator and how its figures move over time:
//! the numbers behind an indicator and every report entry on it, without
//! any text. Reports regenerate a spec from the indicator's index.

use crate::layout::Slot;
use crate::rng::{Rng, Stream};
use actionplan_model::{Currency, Decimal, Direction, MilestoneEvent, TargetMode};

/// What the plan says about a deliverable's resources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Funding {
    /// Nothing is stated.
    Unstated,
    /// Covered.
    Secured,
    /// Partly covered.
    Underfunded,
    /// Waiting for resources that are not allocated: its work stalls.
    NotAllocated,
    /// Covered by resources mobilized for it.
    Mobilized,
}

/// The funding state of deliverable `k`: the first draw of its line's stream.
pub(crate) fn funding_of(seed: u64, k: u64) -> (Funding, Rng) {
    let mut rng = Rng::new(seed, Stream::Line, k);
    let state = match rng.below(100) {
        0..=13 => Funding::Secured,
        14..=22 => Funding::Underfunded,
        23..=27 => Funding::NotAllocated,
        28..=34 => Funding::Mobilized,
        _ => Funding::Unstated,
    };
    (state, rng)
}

/// The measure of an indicator, in whole units (percentages in tenths,
/// money in thousands).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    Milestone(MilestoneEvent),
    Count {
        baseline: Option<i64>,
        target: i64,
        mode: TargetMode,
        direction: Direction,
    },
    Percentage {
        baseline: Option<i64>,
        target: i64,
        direction: Direction,
    },
    Money {
        baseline: Option<i64>,
        target: i64,
        currency: Currency,
        cents: bool,
    },
    Qualitative,
}

/// An indicator's numbers: its measure, its deadline and when (if ever)
/// its target is reached, as month offsets from the plan's first January.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec {
    pub(crate) kind: Kind,
    pub(crate) deadline: u64,
    pub(crate) finish: Option<u64>,
}

fn int(x: u64) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

impl Spec {
    /// The spec of indicator `g`, the `j`-th of deliverable `slot`.
    pub(crate) fn of(seed: u64, slot: &Slot, g: u64) -> Spec {
        let mut rng = Rng::new(seed, Stream::Indicator, g);
        // The first five indicators show every kind, so that even the
        // smallest file exercises every path.
        let choice = if g < 5 {
            g.saturating_mul(20)
        } else {
            rng.below(100)
        };
        let kind = match choice {
            0..=29 => Kind::Milestone(match rng.below(5) {
                0 => MilestoneEvent::Produced,
                1 => MilestoneEvent::Published,
                2 => MilestoneEvent::MadeAvailable,
                3 => MilestoneEvent::Submitted,
                _ => MilestoneEvent::Held,
            }),
            30..=57 => count(&mut rng, g == 1),
            58..=71 => percentage(&mut rng),
            72..=81 => {
                let baseline = int(rng.range(10, 900)).saturating_mul(100);
                let currency = match rng.below(20) {
                    0 => Currency::CHF,
                    1 => Currency::EUR,
                    _ => Currency::USD,
                };
                Kind::Money {
                    baseline: rng.percent(80).then_some(baseline),
                    target: baseline.saturating_add(int(rng.range(5, 400)).saturating_mul(100)),
                    currency,
                    cents: rng.percent(20),
                }
            }
            _ => Kind::Qualitative,
        };
        let start = slot.item.biennium.saturating_mul(24);
        let deadline = start.saturating_add(match rng.below(4) {
            0 => 11,
            1 | 2 => 23,
            _ => rng.range(3, 23),
        });
        let stalled = funding_of(seed, slot.index).0 == Funding::NotAllocated;
        let finish = if stalled || rng.percent(20) {
            None
        } else {
            // Most on time, some late.
            Some(
                deadline
                    .saturating_add(rng.range(0, 18))
                    .saturating_sub(10)
                    .max(2),
            )
        };
        Spec {
            kind,
            deadline,
            finish,
        }
    }

    /// Whether the target is reached by month `t`.
    pub(crate) fn done(&self, t: u64) -> bool {
        self.finish.is_some_and(|f| t >= f)
    }

    /// Progress towards the target at month `t`, in thousandths: linear to
    /// the finish month, or stalling at 40 % of the way by the deadline.
    pub(crate) fn progress(&self, t: u64) -> i64 {
        let p = match self.finish {
            Some(f) if t >= f => 1000,
            Some(f) => t.saturating_mul(1000).checked_div(f).unwrap_or(0),
            None => t
                .saturating_mul(400)
                .checked_div(self.deadline)
                .unwrap_or(0)
                .min(400),
        };
        int(p)
    }

    /// The value at month `t` (counts whole, percentages in tenths, money
    /// in thousands), or `None` for milestones and judgements.
    pub(crate) fn value(&self, t: u64) -> Option<i64> {
        let (start, goal) = self.start_and_goal()?;
        let moved = goal
            .saturating_sub(start)
            .saturating_mul(self.progress(t))
            .checked_div(1000)
            .unwrap_or(0);
        Some(start.saturating_add(moved))
    }

    /// The figure at the start and the figure to reach, in the spec's units.
    pub(crate) fn start_and_goal(&self) -> Option<(i64, i64)> {
        match self.kind {
            Kind::Count {
                baseline,
                target,
                mode,
                direction,
            } => {
                let base = baseline.unwrap_or(0);
                let goal = match (mode, direction) {
                    (TargetMode::Additional, Direction::Decrease) => base.saturating_sub(target),
                    (TargetMode::Additional, _) => base.saturating_add(target),
                    _ => target,
                };
                Some((base, goal))
            }
            Kind::Percentage {
                baseline, target, ..
            }
            | Kind::Money {
                baseline, target, ..
            } => Some((baseline.unwrap_or(0), target)),
            Kind::Milestone(_) | Kind::Qualitative => None,
        }
    }

    /// `v` (in the spec's units) as the decimal written in the file.
    pub(crate) fn decimal(&self, v: i64) -> Decimal {
        match self.kind {
            Kind::Percentage { .. } => Decimal::new(v, 1).normalize(),
            Kind::Money { cents: true, .. } => Decimal::new(v.saturating_mul(100_000), 2),
            Kind::Money { .. } => Decimal::from(v.saturating_mul(1000)),
            _ => Decimal::from(v),
        }
    }
}

fn count(rng: &mut Rng, additional: bool) -> Kind {
    if additional || rng.percent(40) {
        return Kind::Count {
            baseline: Some(int(rng.range(2, 20))),
            target: int(rng.range(1, 10)),
            mode: TargetMode::Additional,
            direction: Direction::Increase,
        };
    }
    if rng.percent(10) {
        let b = int(rng.range(10, 40));
        return Kind::Count {
            baseline: Some(b),
            target: b.saturating_sub(int(rng.range(1, 9))),
            mode: TargetMode::Absolute,
            direction: Direction::Decrease,
        };
    }
    let baseline = rng.percent(50).then(|| int(rng.range(0, 30)));
    Kind::Count {
        baseline,
        target: baseline.unwrap_or(0).saturating_add(int(rng.range(1, 20))),
        mode: TargetMode::Absolute,
        direction: Direction::Increase,
    }
}

fn percentage(rng: &mut Rng) -> Kind {
    // Tenths of a per cent; most figures whole, some with a half.
    let half = |rng: &mut Rng| if rng.percent(20) { 5 } else { 0 };
    if rng.percent(10) {
        let b = int(rng.range(30, 60)).saturating_mul(10);
        return Kind::Percentage {
            baseline: Some(b),
            target: b.saturating_sub(int(rng.range(5, 20)).saturating_mul(10)),
            direction: Direction::Decrease,
        };
    }
    let baseline = rng.percent(60).then(|| {
        int(rng.range(20, 60))
            .saturating_mul(10)
            .saturating_add(half(rng))
    });
    let target = baseline
        .unwrap_or(int(rng.range(20, 50)).saturating_mul(10))
        .saturating_add(int(rng.range(10, 35)).saturating_mul(10));
    Kind::Percentage {
        baseline,
        target: target.min(1000),
        direction: Direction::Increase,
    }
}
