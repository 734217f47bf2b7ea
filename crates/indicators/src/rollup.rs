//! Roll-ups: counts per status and one status for a group of indicators.

use crate::order::{severity, worse};
use actionplan_model::Status;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The status of a group, from the standing statuses of its members.
///
/// **Rule:** the worst member in the [severity order](crate::SEVERITY_ORDER),
/// leaving out members with `no_data`; `no_data` only when every member (or
/// none at all) has no data. A group is as far along as its weakest known
/// part, and one unknown part does not hide what is known about the others
/// (its count still shows in [`Rollup::counts`]).
///
/// The result is always one of the members' statuses, so it lies between
/// the best and the worst of them.
///
/// ```
/// use actionplan_indicators::rolled_up_status;
/// use actionplan_model::Status::*;
/// assert_eq!(rolled_up_status([OnTrack, NoData, AchievedLate]), OnTrack);
/// assert_eq!(rolled_up_status([OnTrack, Overdue]), Overdue);
/// assert_eq!(rolled_up_status([NoData]), NoData);
/// assert_eq!(rolled_up_status([]), NoData);
/// ```
pub fn rolled_up_status(statuses: impl IntoIterator<Item = Status>) -> Status {
    statuses
        .into_iter()
        .filter(|s| *s != Status::NoData)
        .reduce(worse)
        .unwrap_or(Status::NoData)
}

/// A group's roll-up: its status, how many members it has, and how many
/// stand at each status.
///
/// Built by [`Rollup::of`]; a struct literal does not compile outside the
/// crate, so that a later version may add a member:
///
/// ```compile_fail,E0639
/// use actionplan_indicators::{Rollup, Status};
/// let r = Rollup {
///     status: Status::NoData,
///     total: 0,
///     counts: std::collections::BTreeMap::new(),
///     disagreements: 0,
/// };
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rollup {
    /// The rolled-up status ([`rolled_up_status`]).
    pub status: Status,
    /// Number of members.
    pub total: u32,
    /// Members per standing status; every status of the vocabulary is
    /// present, in vocabulary order, zero where none.
    pub counts: BTreeMap<Status, u32>,
    /// Members whose derived and asserted statuses disagree.
    pub disagreements: u32,
}

impl Rollup {
    /// Rolls up members given as (standing status, disagrees?) pairs.
    ///
    /// ```
    /// use actionplan_indicators::Rollup;
    /// use actionplan_model::Status;
    /// let r = Rollup::of([(Status::OnTrack, false), (Status::Overdue, true)]);
    /// assert_eq!(r.status, Status::Overdue);
    /// assert_eq!((r.total, r.disagreements), (2, 1));
    /// assert_eq!(r.counts[&Status::OnTrack], 1);
    /// assert_eq!(r.counts[&Status::Achieved], 0);
    /// ```
    pub fn of(members: impl IntoIterator<Item = (Status, bool)>) -> Rollup {
        let mut counts: BTreeMap<Status, u32> = Status::ALL.iter().map(|s| (*s, 0)).collect();
        let mut total = 0u32;
        let mut disagreements = 0u32;
        let mut statuses = Vec::new();
        for (status, disagrees) in members {
            let count = counts.entry(status).or_insert(0);
            *count = count.saturating_add(1);
            total = total.saturating_add(1);
            if disagrees {
                disagreements = disagreements.saturating_add(1);
            }
            statuses.push(status);
        }
        Rollup {
            status: rolled_up_status(statuses),
            total,
            counts,
            disagreements,
        }
    }

    /// The best and worst member statuses in the severity order, if any.
    pub fn range(&self) -> Option<(Status, Status)> {
        let present = self.counts.iter().filter(|(_, n)| **n > 0).map(|(s, _)| *s);
        let best = present.clone().min_by_key(|s| severity(*s))?;
        let worst = present.max_by_key(|s| severity(*s))?;
        Some((best, worst))
    }
}

/// Counts of members per status, added up group by group: what a
/// [`Rollup`] is made from, without keeping the members.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tally {
    /// Members per status, in the order of [`Status::ALL`].
    counts: [u32; Status::ALL.len()],
    disagreements: u32,
}

impl Tally {
    /// Adds one member.
    pub(crate) fn add(&mut self, status: Status, disagrees: bool) {
        // `Status::ALL` is the whole vocabulary, so every status has a slot.
        if let Some(slot) = Status::ALL
            .iter()
            .position(|s| *s == status)
            .and_then(|k| self.counts.get_mut(k))
        {
            *slot = slot.saturating_add(1);
        }
        if disagrees {
            self.disagreements = self.disagreements.saturating_add(1);
        }
    }

    /// Adds every member of `other`.
    pub(crate) fn add_all(&mut self, other: &Tally) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine = mine.saturating_add(theirs);
        }
        self.disagreements = self.disagreements.saturating_add(other.disagreements);
    }

    /// The roll-up of the members counted: the same as [`Rollup::of`] them.
    pub(crate) fn rollup(&self) -> Rollup {
        let present = Status::ALL
            .iter()
            .zip(self.counts)
            .filter(|(_, n)| *n > 0)
            .map(|(s, _)| *s);
        Rollup {
            status: rolled_up_status(present),
            total: self.counts.iter().fold(0u32, |a, n| a.saturating_add(*n)),
            counts: Status::ALL.iter().copied().zip(self.counts).collect(),
            disagreements: self.disagreements,
        }
    }
}
