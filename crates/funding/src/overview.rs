//! Everything the funding crate says about a plan as of a date, in one
//! serializable value: what the CLI prints and the report crate renders.

use crate::gaps::{DeliverableFunding, ItemFunding, items_funding};
use crate::portfolio::{PortfolioPolicy, PortfolioProgress, portfolio_progress};
use crate::requests::{UnfundedRequests, unfunded_requests};
use crate::totals::{Totals, totals_of};
use crate::waiting::{WaitingDeliverable, waiting_from};
use crate::{gaps, lines};
use actionplan_model::{ActionPlan, PlanId, ProgressReport};
use serde::Serialize;
use time::Date;

/// Something the analysis could not compute, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FundingProblem {
    /// What it concerns: `totals`, `requests` or `portfolio <id>`.
    pub subject: String,
    /// What went wrong and what to do.
    pub message: String,
}

/// The funding of a plan as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FundingOverview {
    /// The plan.
    pub plan: PlanId,
    /// The evaluation date.
    #[serde(with = "actionplan_model::wire::date")]
    pub as_of: Date,
    /// Every deliverable, in plan order.
    pub deliverables: Vec<DeliverableFunding>,
    /// Every follow-up item, in plan order.
    pub items: Vec<ItemFunding>,
    /// The deliverables that wait for resources.
    pub waiting: Vec<WaitingDeliverable>,
    /// Requests received and not funded.
    pub requests: UnfundedRequests,
    /// Every portfolio that could be evaluated.
    pub portfolios: Vec<PortfolioProgress>,
    /// Totals of the resource lines.
    pub totals: Totals,
    /// What could not be computed.
    pub problems: Vec<FundingProblem>,
}

/// The funding of `plan` as of `as_of`, with the portfolio observations of
/// `reports`, under the default [`PortfolioPolicy`]. Never fails: what
/// cannot be computed is listed in `problems`.
pub fn overview(plan: &ActionPlan, reports: &[ProgressReport], as_of: Date) -> FundingOverview {
    overview_with(plan, reports, as_of, &PortfolioPolicy::default())
}

/// [`overview`] under a chosen [`PortfolioPolicy`].
pub fn overview_with(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    as_of: Date,
    policy: &PortfolioPolicy,
) -> FundingOverview {
    let current = lines::current_lines(plan, as_of);
    let deliverables: Vec<DeliverableFunding> = plan
        .deliverables
        .iter()
        .map(|d| gaps::deliverable_funding_with(plan, &current, d, as_of))
        .collect();
    let items = items_funding(plan, &deliverables);
    let waiting = waiting_from(&deliverables);
    let mut problems = Vec::new();
    let requests = unfunded_requests(plan, as_of).unwrap_or_else(|e| {
        problems.push(FundingProblem {
            subject: "requests".to_owned(),
            message: e.to_string(),
        });
        UnfundedRequests::default()
    });
    let totals = totals_of(plan, &current).unwrap_or_else(|e| {
        problems.push(FundingProblem {
            subject: "totals".to_owned(),
            message: e.to_string(),
        });
        Totals::default()
    });
    let mut portfolios = Vec::new();
    for p in &plan.resources.portfolios {
        match portfolio_progress(plan, reports, p, as_of, policy) {
            Ok(pp) => portfolios.push(pp),
            Err(e) => problems.push(FundingProblem {
                subject: format!("portfolio {}", p.id),
                message: e.to_string(),
            }),
        }
    }
    FundingOverview {
        plan: plan.id.clone(),
        as_of,
        deliverables,
        items,
        waiting,
        requests,
        portfolios,
        totals,
        problems,
    }
}
