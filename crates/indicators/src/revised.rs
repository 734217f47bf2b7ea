//! Revisions in force (format 1.1): the deadline and the targets an
//! indicator has as of a date, once the revisions that took effect by then
//! replace the ones the plan first gave. The history is kept: the result
//! says which revision made a value and what it replaced.

use actionplan_model::{DateOrMonth, Revision, RevisionId, SessionId, YearMonth};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

/// The revision behind a value in force, as a report cites it:
/// "revised from 12/2019 (GB.337/INS/5)".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AppliedRevision {
    /// The revision, by id.
    pub revision: RevisionId,
    /// When it took effect (a month means its first day).
    pub effective: DateOrMonth,
    /// The session whose decision made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<SessionId>,
    /// The document that made or records it (`GB.337/INS/5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

impl AppliedRevision {
    fn of(r: &Revision) -> Self {
        AppliedRevision {
            revision: r.id.clone(),
            effective: r.effective,
            decided_at: r.decided_at.clone(),
            document: r.document.clone(),
        }
    }
}

/// A deadline moved by a revision in force at the as-of date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RevisedDeadline {
    /// The deadline it replaced: the plan's, or that of an earlier revision;
    /// `null` where the indicator had none of its own.
    pub from: Option<YearMonth>,
    /// The deadline in force.
    pub to: YearMonth,
    /// The revision that set it.
    pub by: AppliedRevision,
}

/// A target changed by a revision in force at the as-of date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RevisedTarget {
    /// The absolute target it replaced (the plan's, or that of an earlier
    /// revision); `null` where that is beyond a decimal.
    #[serde(with = "actionplan_model::wire::figure::option")]
    pub from: Option<Decimal>,
    /// The revision that set the target in force.
    pub by: AppliedRevision,
}

/// Which of the plan's targets a revision replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The measure's own (final) target, due by this month where it has
    /// a deadline.
    Final(Option<YearMonth>),
    /// The dated target due by this month.
    Dated(YearMonth),
}

/// The revisions of one indicator in force at the as-of date, in the order
/// they took effect (among the same day, in plan order): a later one
/// replaces an earlier one's value for the attribute both name.
pub(crate) struct InForce<'p> {
    revisions: Vec<&'p Revision>,
}

impl<'p> InForce<'p> {
    /// The revisions among `revisions` (all of one indicator, in plan
    /// order) that are in force on `as_of`.
    pub(crate) fn new(revisions: impl IntoIterator<Item = &'p Revision>, as_of: Date) -> Self {
        let mut revisions: Vec<&Revision> = revisions
            .into_iter()
            .filter(|r| r.in_force_on(as_of))
            .collect();
        // Stable: revisions taking effect on the same day keep plan order.
        revisions.sort_by_key(|r| r.effective.earliest());
        InForce { revisions }
    }

    /// The deadline in force, given the plan's: unchanged, or moved by the
    /// latest revision in force that names a deadline.
    pub(crate) fn deadline(
        &self,
        planned: Option<YearMonth>,
    ) -> (Option<YearMonth>, Option<RevisedDeadline>) {
        let mut current = planned;
        let mut revised = None;
        for r in &self.revisions {
            if let Some(to) = r.deadline {
                revised = Some(RevisedDeadline {
                    from: current,
                    to,
                    by: AppliedRevision::of(r),
                });
                current = Some(to);
            }
        }
        (current, revised)
    }

    /// The target in force for `slot`, given the plan's value (raw, as
    /// written) and how to make a raw value absolute.
    pub(crate) fn target(
        &self,
        slot: Slot,
        planned: Decimal,
        absolute: &dyn Fn(Decimal) -> Option<Decimal>,
    ) -> (Decimal, Option<RevisedTarget>) {
        let mut current = planned;
        let mut revised = None;
        for r in &self.revisions {
            let names = match (r.target_by, slot) {
                (None, Slot::Final(_)) => true,
                (Some(by), Slot::Dated(m)) => by == m,
                // A dated target of the deadline's month is the final one.
                (Some(by), Slot::Final(due)) => due == Some(by),
                (None, Slot::Dated(_)) => false,
            };
            if let (true, Some(to)) = (names, r.target) {
                revised = Some(RevisedTarget {
                    from: absolute(current),
                    by: AppliedRevision::of(r),
                });
                current = to;
            }
        }
        (current, revised)
    }
}
