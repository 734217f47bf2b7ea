//! The evaluation vocabulary shared by progress reports (the status the
//! Office asserts) and evaluation (the status derived from data).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an indicator — or, rolled up, a deliverable, item or plan — stands
/// as of a date. Serialized in `snake_case`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// The target was met by the deadline.
    Achieved,
    /// The target was met, but after the deadline.
    AchievedLate,
    /// Work is under way and expected to meet the target by the deadline.
    OnTrack,
    /// Work is under way but the target may be missed.
    AtRisk,
    /// The deadline has passed and the target is not met.
    Overdue,
    /// Work has not begun and is not yet due to have begun.
    NotStarted,
    /// Work waits for resources that are not yet available.
    PendingResources,
    /// Nothing is known that decides the status.
    NoData,
}

impl Status {
    /// Every status, in the order of the vocabulary.
    pub const ALL: [Status; 8] = [
        Status::Achieved,
        Status::AchievedLate,
        Status::OnTrack,
        Status::AtRisk,
        Status::Overdue,
        Status::NotStarted,
        Status::PendingResources,
        Status::NoData,
    ];

    /// The `snake_case` name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::AchievedLate => "achieved_late",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::Overdue => "overdue",
            Status::NotStarted => "not_started",
            Status::PendingResources => "pending_resources",
            Status::NoData => "no_data",
        }
    }

    /// The words a report shows a reader: `on track`, `pending resources`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::AchievedLate => "achieved late",
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::Overdue => "overdue",
            Status::NotStarted => "not started",
            Status::PendingResources => "pending resources",
            Status::NoData => "no data",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text was not a status of the vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a status: use one of achieved, achieved_late, on_track, at_risk, overdue, not_started, pending_resources, no_data"
)]
pub struct StatusError(pub String);

impl std::str::FromStr for Status {
    type Err = StatusError;
    fn from_str(s: &str) -> Result<Self, StatusError> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| StatusError(s.to_owned()))
    }
}
