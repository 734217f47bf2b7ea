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

use crate::gaps::{DeliverableFunding, FundingStatus, deliverable_funding, deliverables_funding};
use actionplan_model::{
    ActionPlan, Deliverable, DeliverableId, ResourceLineId, ResourceQuestion, SourceKind,
};
use serde::Serialize;
use std::collections::HashMap;
use time::Date;

/// The funding crate's answer to [`ResourceQuestion`], computed once for
/// every deliverable of one plan on one date, so that evaluation asking
/// about each indicator's deliverable pays a map look-up per question
/// instead of a reading of the plan.
///
/// This is the one answer the crate offers for a whole plan. (An earlier
/// stateless `FundingAnswer` read the plan's resource lines again for every
/// question; evaluation asks once per indicator, so handing it over made
/// evaluation quadratic in the plan. It was removed rather than kept as a
/// wrapper: a stateless value has nowhere to keep the answers, and a cache
/// hidden behind `&self` would have to guess when the plan changed.) For a
/// single question, [`awaits_resources`] reads the plan once.
///
/// It answers for the plan and date it was built for; asked about another
/// plan, another date, or a deliverable that is not the plan's own (a copy,
/// or a later deliverable repeating an id), it answers by computing, as
/// [`awaits_resources`] does.
///
/// ```
/// use actionplan_funding::{PlanFundingAnswer, overview};
/// use actionplan_model::{ActionPlan, ResourceQuestion};
/// use time::macros::date;
/// # let plan: ActionPlan = serde_json::from_str(r#"{
/// #   "id": "p", "title": {"en": "P"},
/// #   "resolution": {"title": {"en": "R"}, "adopted_at": "ilc"},
/// #   "endorsed_at": "gb", "biennia": ["2016-17"],
/// #   "categories": [{"id": "k", "name": {"en": "K"}}],
/// #   "items": [{"id": "i", "text": {"en": "I"}, "paragraphs": ["21"], "category": "k",
/// #     "biennium": "2016-17", "deliverables": ["d"]}],
/// #   "deliverables": [{"id": "d", "text": {"en": "D"}}],
/// #   "resources": {"lines": [{"id": "l", "deliverables": ["d"], "state": "not_allocated"}]}
/// # }"#)?;
/// let as_of = date!(2016-07-31);
/// let funding = overview(&plan, &[], as_of);
/// let answer = PlanFundingAnswer::from_overview(&plan, &funding);
/// assert!(answer.awaits_resources(&plan, &plan.deliverables[0], as_of));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct PlanFundingAnswer<'a> {
    plan: &'a ActionPlan,
    as_of: Date,
    /// Position of the first deliverable of each id.
    positions: HashMap<&'a str, usize>,
    /// Per deliverable position: whether it waits.
    waits: Vec<bool>,
}

impl<'a> PlanFundingAnswer<'a> {
    /// Computes the funding of every deliverable of `plan` on `as_of`.
    pub fn new(plan: &'a ActionPlan, as_of: Date) -> Self {
        let funding = deliverables_funding(plan, as_of);
        Self::from_funding(plan, as_of, &funding)
    }

    /// Takes the answers from an overview of `plan` (as [`overview`](crate::overview)
    /// returns), without computing them again. An overview of another plan
    /// (its deliverables differ) is not used: the answers are computed.
    pub fn from_overview(plan: &'a ActionPlan, overview: &crate::FundingOverview) -> Self {
        Self::from_funding(plan, overview.as_of, &overview.deliverables)
    }

    fn from_funding(plan: &'a ActionPlan, as_of: Date, funding: &[DeliverableFunding]) -> Self {
        let matches = funding.len() == plan.deliverables.len()
            && funding
                .iter()
                .zip(&plan.deliverables)
                .all(|(f, d)| f.deliverable == d.id);
        let waits = if matches {
            funding.iter().map(|f| f.waits_for_resources).collect()
        } else {
            deliverables_funding(plan, as_of)
                .iter()
                .map(|f| f.waits_for_resources)
                .collect()
        };
        let mut positions = HashMap::with_capacity(plan.deliverables.len());
        for (k, d) in plan.deliverables.iter().enumerate() {
            positions.entry(d.id.as_str()).or_insert(k);
        }
        PlanFundingAnswer {
            plan,
            as_of,
            positions,
            waits,
        }
    }

    /// The date the answers are for.
    pub fn as_of(&self) -> Date {
        self.as_of
    }
}

impl ResourceQuestion for PlanFundingAnswer<'_> {
    fn awaits_resources(&self, plan: &ActionPlan, deliverable: &Deliverable, as_of: Date) -> bool {
        if std::ptr::eq(plan, self.plan) && as_of == self.as_of {
            let known = self.positions.get(deliverable.id.as_str()).and_then(|&k| {
                // Only the plan's own deliverable at that position: a copy may
                // carry other conditions.
                let own = plan.deliverables.get(k)?;
                std::ptr::eq(own, deliverable)
                    .then(|| self.waits.get(k).copied())
                    .flatten()
            });
            if let Some(waits) = known {
                return waits;
            }
        }
        awaits_resources(plan, deliverable, as_of)
    }
}

/// Whether `deliverable` of `plan` waits for resources on `as_of`.
///
/// One call reads the plan once (time linear in its size); to ask about
/// many deliverables, build a [`PlanFundingAnswer`] once instead of calling
/// this per deliverable.
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
#[non_exhaustive]
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

pub(crate) fn waiting_from(funding: &[DeliverableFunding]) -> Vec<WaitingDeliverable> {
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
