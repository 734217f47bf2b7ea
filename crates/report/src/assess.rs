//! Composition of evaluation and funding: the funding crate answers the
//! model's "is this deliverable waiting for resources?" and evaluation takes
//! the answer. The two crates never meet except here.

use actionplan_funding::{
    FundingOverview, PlanFundingAnswer, PortfolioPolicy, overview, overview_in_currency,
};
use actionplan_indicators::{EvaluationError, PlanEvaluation, Policy, evaluate};
use actionplan_model::{ActionPlan, Currency, ProgressReport};
use serde::Serialize;
use time::Date;

/// A plan evaluated and its funding accounted for, as of one date.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Assessment {
    /// Indicator statuses and roll-ups.
    pub evaluation: PlanEvaluation,
    /// Funding statuses, waiting deliverables, requests and portfolios.
    pub funding: FundingOverview,
}

/// The plan could not be evaluated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AssessError {
    /// Evaluation refused the data (a currency mismatch, an observation of
    /// the wrong kind, an overflow, or a bad policy).
    #[error("the plan cannot be evaluated; correct the file or the policy")]
    Evaluation(#[source] EvaluationError),
}

/// Evaluates `plan` as of `as_of` with the funding crate's answer to the
/// resources question, and accounts for its funding.
///
/// # Errors
/// [`AssessError::Evaluation`] when the evaluation refuses the data: an
/// observation of the wrong kind or currency, an overflow, or a policy
/// whose thresholds are out of order.
pub fn assess(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    as_of: Date,
    policy: &Policy,
) -> Result<Assessment, AssessError> {
    // Funding first, so evaluation asks the overview by look-up instead of
    // computing a deliverable's funding once per indicator.
    let funding = match conversion_currency(plan) {
        Some(currency) => {
            overview_in_currency(plan, reports, as_of, &PortfolioPolicy::default(), currency)
        }
        None => overview(plan, reports, as_of),
    };
    let answer = PlanFundingAnswer::from_overview(plan, &funding);
    let evaluation =
        evaluate(plan, reports, as_of, policy, &answer).map_err(AssessError::Evaluation)?;
    Ok(Assessment {
        evaluation,
        funding,
    })
}

/// The currency the report converts totals into: the one every exchange
/// rate the file states converts to (USD for a file stating CHF→USD and
/// EUR→USD). A file that states no rate, or rates into several
/// currencies, has its totals per currency only: the report never picks a
/// currency the file does not point at.
pub fn conversion_currency(plan: &ActionPlan) -> Option<Currency> {
    let mut rates = plan.resources.exchange_rates.iter();
    let first = rates.next()?.to;
    rates.all(|r| r.to == first).then_some(first)
}

/// The date a file speaks as of when the caller names none: the latest
/// as-of date of its reports (the last day of a month), never the clock, so
/// output is reproducible. `None` for a file without reports.
pub fn default_as_of(reports: &[ProgressReport]) -> Option<Date> {
    reports.iter().map(|r| r.as_of.latest()).max()
}
