//! The answer to the model's question "is this deliverable waiting for
//! resources as of this date?", for a consumer to hand to indicator
//! evaluation.
//!
//! A deliverable waits for resources on a date when its funding status on
//! that date (see [`crate::gaps`]) is `unfunded` — its resources are not
//! allocated, or nothing of what it requires is secured — or `conditional` —
//! the plan makes it depend on mobilizing resources and none are mobilized.
//! An `underfunded` deliverable does not wait: its work goes on with what it
//! has. Requests received and not funded do not make a deliverable wait.

use crate::gaps::{FundingStatus, deliverable_funding, deliverables_funding};
use actionplan_model::{
    ActionPlan, Deliverable, DeliverableId, ResourceLineId, ResourceQuestion, SourceKind,
};
use serde::Serialize;
use time::Date;

/// The funding crate's answer to [`ResourceQuestion`], computed from the
/// plan's resource lines and the deliverables' conditions.
///
/// ```
/// use actionplan_funding::FundingAnswer;
/// use actionplan_model::ResourceQuestion;
/// fn hand_to_evaluation(_: &dyn ResourceQuestion) {}
/// hand_to_evaluation(&FundingAnswer);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FundingAnswer;

impl ResourceQuestion for FundingAnswer {
    fn awaits_resources(&self, plan: &ActionPlan, deliverable: &Deliverable, as_of: Date) -> bool {
        awaits_resources(plan, deliverable, as_of)
    }
}

/// Whether `deliverable` of `plan` waits for resources on `as_of`.
pub fn awaits_resources(plan: &ActionPlan, deliverable: &Deliverable, as_of: Date) -> bool {
    deliverable_funding(plan, deliverable, as_of).waits_for_resources
}

/// Why a deliverable waits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum WaitReason {
    /// The plan makes it conditional on mobilizing resources, none mobilized yet.
    ConditionalOnMobilization {
        /// The kind of funds the condition names, where it names one.
        source: Option<SourceKind>,
    },
    /// Its resources are not allocated, or nothing it requires is secured.
    Unfunded,
}

/// A deliverable that waits for resources, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WaitingDeliverable {
    /// The deliverable.
    pub deliverable: DeliverableId,
    /// Why it waits.
    pub reason: WaitReason,
    /// The resource lines that say so (none for a bare condition).
    pub lines: Vec<ResourceLineId>,
}

/// The deliverables of `plan` that wait for resources on `as_of`, in plan order.
pub fn waiting_deliverables(plan: &ActionPlan, as_of: Date) -> Vec<WaitingDeliverable> {
    waiting_from(&deliverables_funding(plan, as_of))
}

pub(crate) fn waiting_from(funding: &[crate::gaps::DeliverableFunding]) -> Vec<WaitingDeliverable> {
    funding
        .iter()
        .filter_map(|f| {
            let reason = match f.status? {
                FundingStatus::Conditional => WaitReason::ConditionalOnMobilization {
                    source: f.condition_source,
                },
                FundingStatus::Unfunded => WaitReason::Unfunded,
                _ => return None,
            };
            Some(WaitingDeliverable {
                deliverable: f.deliverable.clone(),
                reason,
                lines: f.secured.iter().map(|s| s.line.clone()).collect(),
            })
        })
        .collect()
}
