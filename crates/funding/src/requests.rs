//! Requests for work received but not funded ("requests for four additional
//! assessments have been received but they are not yet funded, and would
//! require resource reallocations").

use crate::amounts::CurrencyTotals;
use crate::lines::holds;
use crate::money::MoneyError;
use actionplan_model::{ActionPlan, DateOrMonth, DeliverableId, Money, RequestId, Text};
use serde::Serialize;
use time::Date;

/// One group of requests received and not funded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RequestSummary {
    /// The requests' id.
    pub id: RequestId,
    /// How many requests.
    pub count: u32,
    /// What is requested.
    pub text: Text,
    /// The deliverable they would add to.
    pub deliverable: Option<DeliverableId>,
    /// Their cost, where known.
    pub cost: Option<Money>,
    /// Whether meeting them would need resources reallocated.
    pub requires_reallocation: bool,
    /// Since when they are known.
    pub as_of: Option<DateOrMonth>,
}

/// Every request received and not funded as of a date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UnfundedRequests {
    /// The groups of requests, in plan order.
    pub requests: Vec<RequestSummary>,
    /// How many requests in all.
    pub total_count: u64,
    /// How many of them would need resources reallocated.
    pub requiring_reallocation: u64,
    /// How many of them have no known cost.
    pub without_cost: u64,
    /// The known costs, per currency.
    pub known_cost: CurrencyTotals,
}

/// The requests of `plan` received and not funded as of `as_of` (those
/// without a date always count).
///
/// # Errors
///
/// [`MoneyError::Overflow`] when the known costs of one currency do not fit
/// a `Decimal`. [`overview`](crate::overview) reports the same failure as a
/// [`FundingProblem::Requests`](crate::FundingProblem::Requests) naming the
/// request.
pub fn unfunded_requests(plan: &ActionPlan, as_of: Date) -> Result<UnfundedRequests, MoneyError> {
    requests_of(plan, as_of).map_err(|(_, e)| e)
}

/// [`unfunded_requests`], or the first request whose cost could not be
/// added and why.
pub(crate) fn requests_of(
    plan: &ActionPlan,
    as_of: Date,
) -> Result<UnfundedRequests, (RequestId, MoneyError)> {
    let mut out = UnfundedRequests::default();
    for r in plan
        .resources
        .requests
        .iter()
        .filter(|r| holds(r.as_of, as_of))
    {
        let count = u64::from(r.count);
        out.total_count = out.total_count.saturating_add(count);
        if r.requires_reallocation {
            out.requiring_reallocation = out.requiring_reallocation.saturating_add(count);
        }
        match r.cost {
            Some(c) => out.known_cost.add(c).map_err(|e| (r.id.clone(), e))?,
            None => out.without_cost = out.without_cost.saturating_add(count),
        }
        out.requests.push(RequestSummary {
            id: r.id.clone(),
            count: r.count,
            text: r.text.clone(),
            deliverable: r.deliverable.clone(),
            cost: r.cost,
            requires_reallocation: r.requires_reallocation,
            as_of: r.as_of,
        });
    }
    Ok(out)
}
