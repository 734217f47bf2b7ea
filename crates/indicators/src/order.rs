//! The order of statuses from best to worst, used by roll-ups and stated by
//! the property tests.

use actionplan_model::Status;

/// Every status from best to worst: the *severity order*.
///
/// `achieved` < `achieved_late` < `not_started` < `on_track` < `no_data` <
/// `at_risk` < `pending_resources` < `overdue`.
///
/// Reasons for the less obvious places:
///
/// * `not_started` comes before `on_track`: it is only derived while work is
///   not yet due (its biennium has not begun), when nothing is wrong and
///   nothing has been shown. As time passes an indicator moves from
///   `not_started` to whatever its data says, never back.
/// * `no_data` sits in the middle: not knowing is worse than knowing that
///   work is on track, better than knowing it is at risk.
/// * `pending_resources` is worse than `at_risk`: the work cannot go on at
///   all until someone acts; only a missed deadline is worse.
pub const SEVERITY_ORDER: [Status; 8] = [
    Status::Achieved,
    Status::AchievedLate,
    Status::NotStarted,
    Status::OnTrack,
    Status::NoData,
    Status::AtRisk,
    Status::PendingResources,
    Status::Overdue,
];

/// The place of `status` in [`SEVERITY_ORDER`]: 0 is best, 7 worst.
///
/// ```
/// use actionplan_indicators::severity;
/// use actionplan_model::Status;
/// assert!(severity(Status::Overdue) > severity(Status::AtRisk));
/// assert!(severity(Status::NotStarted) < severity(Status::OnTrack));
/// ```
pub fn severity(status: Status) -> u8 {
    match status {
        Status::Achieved => 0,
        Status::AchievedLate => 1,
        Status::NotStarted => 2,
        Status::OnTrack => 3,
        Status::AtRisk => 5,
        Status::PendingResources => 6,
        Status::Overdue => 7,
        // `NoData`, and any status a later model version adds, sits in the middle.
        _ => 4,
    }
}

/// The worse of two statuses in the severity order.
pub fn worse(a: Status, b: Status) -> Status {
    if severity(b) > severity(a) { b } else { a }
}
