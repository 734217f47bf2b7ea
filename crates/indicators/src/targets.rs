//! The target in force at a date (format 1.1): among an indicator's dated
//! targets and its final target (due at the deadline in force), the first
//! whose month ends on or after the date; after the last, the last.

use crate::cumulation::Window;
use crate::revised::{InForce, RevisedTarget, Slot};
use actionplan_model::{DatedTarget, YearMonth};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

/// The target an indicator was evaluated against, where it has dated
/// targets or a revised target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TargetInForce {
    /// The figure to reach, absolute (an additional count target is added
    /// to the baseline); `null` where that is beyond a decimal.
    #[serde(with = "actionplan_model::wire::figure::option")]
    pub value: Option<Decimal>,
    /// The month by whose end it is due; `null` for a final target of an
    /// indicator without any deadline.
    pub due: Option<YearMonth>,
    /// Whether it is the measure's own (final) target rather than one of
    /// its dated targets.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// The revision that set it, where one in force did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<RevisedTarget>,
}

/// Every target of an indicator in order of its month, the final one first
/// among targets of the same month.
pub(crate) struct Targets {
    list: Vec<TargetInForce>,
    /// Whether the measure has dated targets besides its final one.
    dated: bool,
}

impl Targets {
    /// The targets of a measure whose final target is `planned` (raw, as
    /// written), due at `deadline`, with `dated` targets, after the
    /// revisions `in_force`; `absolute` makes a raw value absolute.
    pub(crate) fn new(
        planned: Decimal,
        deadline: Option<Date>,
        dated: &[DatedTarget],
        in_force: &InForce<'_>,
        absolute: &dyn Fn(Decimal) -> Option<Decimal>,
    ) -> Self {
        let mut list = Vec::with_capacity(dated.len().saturating_add(1));
        let due = deadline.map(YearMonth::of);
        let (value, revised) = in_force.target(Slot::Final(due), planned, absolute);
        list.push(TargetInForce {
            value: absolute(value),
            due,
            is_final: true,
            revised,
        });
        // A dated target of the deadline's month repeats the final target,
        // which stands for it (a revision may name it either way).
        for t in dated.iter().filter(|t| Some(t.by) != due) {
            let (value, revised) = in_force.target(Slot::Dated(t.by), t.value, absolute);
            list.push(TargetInForce {
                value: absolute(value),
                due: Some(t.by),
                is_final: false,
                revised,
            });
        }
        // Stable, with the final target pushed first: among targets of the
        // same month the final one comes first; a target without a month
        // comes last.
        list.sort_by_key(|t| (t.due.is_none(), t.due));
        Targets {
            list,
            dated: !dated.is_empty(),
        }
    }

    /// The position of the target in force on `as_of`.
    fn position(&self, as_of: Date) -> usize {
        self.list
            .iter()
            .position(|t| t.due.is_none_or(|m| m.last_day() >= as_of))
            .unwrap_or_else(|| self.list.len().saturating_sub(1))
    }

    /// The target in force on `as_of`, and the days its observations fall
    /// in when each period counts on its own: after the previous target's
    /// month, up to its own (open-ended for the first and the last).
    pub(crate) fn in_force(&self, as_of: Date) -> Option<(&TargetInForce, Window)> {
        let k = self.position(as_of);
        self.list.get(k).map(|t| (t, self.window(k)))
    }

    /// The final target and its window.
    pub(crate) fn final_target(&self) -> Option<(&TargetInForce, Window)> {
        let k = self.list.iter().position(|t| t.is_final)?;
        self.list.get(k).map(|t| (t, self.window(k)))
    }

    fn window(&self, k: usize) -> Window {
        let last = k.saturating_add(1) >= self.list.len();
        let after = k
            .checked_sub(1)
            .and_then(|p| self.list.get(p))
            .and_then(|p| p.due)
            .map(YearMonth::last_day);
        let upto = if last {
            None
        } else {
            self.list
                .get(k)
                .and_then(|t| t.due)
                .map(YearMonth::last_day)
        };
        Window { after, upto }
    }

    /// Whether the evaluation reports the target in force: where the
    /// measure has dated targets or `t` was revised (format 1.1).
    pub(crate) fn reported(&self, t: &TargetInForce) -> bool {
        self.dated || t.revised.is_some()
    }
}
