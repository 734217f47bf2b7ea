//! Everything the funding crate says about a plan as of a date, in one
//! serializable value: what the CLI prints and the report crate renders.

use crate::delivery::{LineDelivery, line_delivery};
use crate::gaps::{DeliverableFunding, ItemFunding, items_funding};
use crate::portfolio::{PortfolioPolicy, PortfolioProgress, portfolios_progress};
use crate::problem::FundingProblem;
use crate::requests::{UnfundedRequests, requests_of};
use crate::totals::{Totals, totals_of};
use crate::waiting::{WaitingDeliverable, waiting_from};
use crate::{gaps, lines};
use actionplan_model::{ActionPlan, Currency, ExchangeRate, PlanId, PlanIndex, ProgressReport};
use serde::Serialize;
use time::Date;

/// The funding of a plan as of a date.
///
/// Returned by [`overview`], read through its public fields; a later
/// version may add fields, so it cannot be built outside this crate:
///
/// ```compile_fail,E0639
/// use actionplan_funding::{FundingOverview, Totals, UnfundedRequests};
/// let o = FundingOverview {
///     plan: "p".parse().unwrap(),
///     as_of: time::macros::date!(2016-07-31),
///     deliverables: vec![], items: vec![], waiting: vec![],
///     requests: UnfundedRequests::default(), portfolios: vec![],
///     totals: Totals::default(), problems: vec![], lines: vec![],
///     exchange_rates: vec![],
/// };
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FundingOverview {
    /// The plan.
    pub plan: PlanId,
    /// The evaluation date.
    #[serde(with = "actionplan_model::wire::date")]
    pub as_of: Date,
    /// Every deliverable, in plan order: `deliverables[k]` is the funding of
    /// the plan's `deliverables[k]`, so a deliverable's position (e.g.
    /// [`PlanIndex::deliverable_position`]) finds its funding without a
    /// search; see [`FundingOverview::deliverable_at`].
    pub deliverables: Vec<DeliverableFunding>,
    /// Every follow-up item, in plan order (`items[k]` is that of the plan's
    /// `items[k]`).
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
    /// Budget, expenditure and delivery of every current line that states
    /// an approved or spent amount (format 1.1), in plan order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineDelivery>,
    /// The exchange rates the file states, which a
    /// [`RateUsed`](crate::RateUsed) points at by position (format 1.1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exchange_rates: Vec<ExchangeRate>,
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
    overview_of(plan, reports, as_of, policy, None)
}

/// [`overview_with`], with every group of the totals also in `currency`
/// where the file's stated exchange rates allow
/// ([`AmountTotals::in_currency`](crate::AmountTotals::in_currency)).
pub fn overview_in_currency(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    as_of: Date,
    policy: &PortfolioPolicy,
    currency: Currency,
) -> FundingOverview {
    overview_of(plan, reports, as_of, policy, Some(currency))
}

fn overview_of(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    as_of: Date,
    policy: &PortfolioPolicy,
    currency: Option<Currency>,
) -> FundingOverview {
    // One index and one set of current lines serve every stage, so that
    // each look-up is by map and the whole overview is linear in the plan.
    let index = PlanIndex::new(plan);
    let current = lines::plan_current_lines(plan, as_of);
    let deliverables = gaps::deliverables_funding_indexed(&index, &current, as_of);
    let items = items_funding(plan, &deliverables);
    let waiting = waiting_from(&deliverables);
    let mut problems = Vec::new();
    // A failed part is reported and left empty; the others still count.
    let requests = requests_of(plan, as_of).unwrap_or_else(|(request, error)| {
        problems.push(FundingProblem::Requests { request, error });
        UnfundedRequests::default()
    });
    let totals = totals_of(&index, &current, as_of, currency).unwrap_or_else(|(line, error)| {
        problems.push(FundingProblem::Totals { line, error });
        Totals::default()
    });
    let mut portfolios = Vec::new();
    for (_, progress) in portfolios_progress(&index, reports, as_of, policy) {
        match progress {
            Ok(pp) => portfolios.push(pp),
            Err(e) => problems.push(FundingProblem::portfolio(e)),
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
        lines: current
            .iter()
            .filter_map(|l| line_delivery(l, as_of))
            .collect(),
        exchange_rates: plan.resources.exchange_rates.clone(),
    }
}

impl FundingOverview {
    /// The funding of the plan's deliverable at `position` (as given by
    /// [`PlanIndex::deliverable_position`]): a look-up, not a search.
    pub fn deliverable_at(&self, position: usize) -> Option<&DeliverableFunding> {
        self.deliverables.get(position)
    }

    /// The funding of the plan's item at `position`.
    pub fn item_at(&self, position: usize) -> Option<&ItemFunding> {
        self.items.get(position)
    }
}
