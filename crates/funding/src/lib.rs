//! Money, funding sources, portfolio targets and funding gaps of an ILO
//! action plan.
//!
//! This crate answers the financial questions of a plan as of a date: is a
//! deliverable funded, partially funded, unfunded, conditional on
//! mobilizing resources, or pending requests? How far is a portfolio such as
//! the SME XBTC portfolio ($84 million on 15 August 2015, target $100
//! million) from its target, and how much has to be mobilized per month to
//! reach it? Which requests are received and not funded? What do the
//! resource lines add up to, by source, biennium, category and currency?
//! It also gives the model's [`ResourceQuestion`](actionplan_model::ResourceQuestion)
//! its answer, [`PlanFundingAnswer`], for a consumer to hand to indicator
//! evaluation: every deliverable computed once, a map look-up per question
//! (see its docs for why there is no per-question variant).
//!
//! ```
//! use actionplan_funding::{overview, FundingStatus, MoneyExt};
//! use actionplan_model::{ActionPlan, Status};
//! use time::macros::date;
//!
//! let plan: ActionPlan = serde_json::from_str(r#"{
//!   "id": "sme", "title": {"en": "SME action plan"},
//!   "resolution": {"title": {"en": "SMEs"}, "adopted_at": "ilc-104"},
//!   "endorsed_at": "gb-325", "biennia": ["2016-17", "2018-19"],
//!   "categories": [{"id": "knowledge", "name": {"en": "Knowledge generation"}},
//!                  {"id": "country", "name": {"en": "Country-level work"}}],
//!   "items": [
//!     {"id": "social-dialogue", "text": {"en": "Research on the impact of social dialogue"},
//!      "paragraphs": ["21"], "category": "knowledge", "biennium": "2016-17",
//!      "deliverables": ["social-dialogue-study"]},
//!     {"id": "core-portfolio", "text": {"en": "Expansion of the ILO's core SME portfolio"},
//!      "paragraphs": ["20(a)"], "category": "country", "biennium": "2018-19",
//!      "deliverables": ["xbtc-mobilization"]}],
//!   "deliverables": [
//!     {"id": "social-dialogue-study", "text": {"en": "One report, one workshop and one policy brief"}},
//!     {"id": "xbtc-mobilization", "text": {"en": "Additional mobilization of extra-budgetary resources"},
//!      "indicators": [{"id": "xbtc-portfolio", "text": {"en": "Increase in SME XBTC portfolio"},
//!        "measure": {"kind": "money",
//!          "baseline": {"amount": {"amount": "84000000", "currency": "USD"}, "as_of": "2015-08-15"},
//!          "target": {"amount": "100000000", "currency": "USD"}}}]}],
//!   "resources": {
//!     "sources": [{"id": "rb-2016-17", "kind": "regular_budget",
//!                  "name": {"en": "Programme and Budget for 2016-17"}, "biennium": "2016-17"}],
//!     "lines": [{"id": "social-dialogue-unallocated", "deliverables": ["social-dialogue-study"],
//!                "state": "not_allocated", "as_of": "2016-07"}],
//!     "portfolios": [{"id": "sme-xbtc", "name": {"en": "SME XBTC portfolio"},
//!                     "kind": "extra_budgetary", "indicator": "xbtc-portfolio"}]}
//! }"#)?;
//!
//! let funding = overview(&plan, &[], date!(2016-07-31));
//! assert_eq!(funding.deliverables[0].status, Some(FundingStatus::Unfunded));
//! assert_eq!(funding.waiting[0].deliverable.as_str(), "social-dialogue-study");
//! let xbtc = &funding.portfolios[0];
//! assert_eq!(xbtc.remaining_gap.unwrap().to_string(), "USD 16000000");
//! assert_eq!(xbtc.status, Status::NotStarted);
//! println!("{}", serde_json::to_string_pretty(&funding)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Rules
//!
//! * Money is an exact `Decimal` with an ISO 4217 currency; arithmetic is
//!   checked ([`MoneyExt`]) and never mixes currencies or panics
//!   ([`MoneyError`]). Minor units come from a table of the currencies the
//!   ILO uses, two places otherwise ([`minor_units`]).
//! * Conversion only with a rate the file states ([`RateTable`]: the rate
//!   for the pair dated on or latest before the amount's date; no inverse,
//!   no chain; a missing or non-positive rate is a [`ConversionError`]
//!   naming the pair and the date), or an [`ExchangeRate`] built in code
//!   with its date and source; every converted figure names its rate
//!   ([`RateUsed`]).
//! * One rounding rule, half away from zero ([`ROUNDING`]), applied once,
//!   at the end, only to results that cannot be exact: converted totals,
//!   amounts per month and percentages (delivery rates, progress).
//! * Budget, expenditure and delivery per line ([`LineDelivery`]) and per
//!   group of lines, by source, kind, partner, unit, biennium or period
//!   ([`totals`](mod@totals)), in one currency where the rates allow
//!   ([`totals_in`], [`InCurrency`]).
//! * Funding status per deliverable and item: see [`gaps`]; waiting: see
//!   [`waiting`]; portfolios: see [`portfolio`]; totals: see [`totals`](mod@totals).
//!
//! The rules with the seed's figures as worked examples are in [`rules`].
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

mod amounts;
mod converted;
mod currency;
mod delivery;
mod error;
mod exchange;
pub mod gaps;
mod groups;
mod lines;
mod money;
mod overview;
pub mod portfolio;
mod problem;
mod rates;
mod requests;
pub mod totals;
pub mod waiting;

/// The funding rules in full, each with the seed's figures as a worked
/// example (the crate's `docs/funding.md`).
#[doc = include_str!("../docs/funding.md")]
pub mod rules {}

pub use amounts::CurrencyTotals;
pub use converted::{ConvertedTotals, InCurrency};
pub use currency::{DEFAULT_MINOR_UNITS, known_minor_units, minor_unit, minor_units};
pub use delivery::{DeliveryIssue, LineDelivery, delivery_percent};
pub use error::FundingError;
pub use exchange::ExchangeRate;
pub use gaps::{
    AmountIssue, DeliverableFunding, FundingStatus, ItemFunding, LineScope, SecuredAmount,
    deliverable_funding, deliverables_funding, items_funding, roll_up,
};
pub use money::{
    MoneyError, MoneyExt, Operation, PERCENT_PLACES, ROUNDING, round_amount, round_money,
    round_percent, sum, zero,
};
pub use overview::{FundingOverview, overview, overview_in_currency, overview_with};
pub use portfolio::{
    DeadlineSource, PortfolioIssue, PortfolioObservation, PortfolioPolicy, PortfolioProgress,
    portfolio_progress,
};
pub use problem::FundingProblem;
pub use rates::{Conversion, ConversionError, RateTable, RateUsed};
pub use requests::{RequestSummary, UnfundedRequests, unfunded_requests};
pub use totals::{
    AmountTotals, PartnerTotals, SourceTotals, Totals, UnitTotals, totals, totals_in,
};
pub use waiting::{
    PlanFundingAnswer, WaitReason, WaitingDeliverable, awaits_resources, waiting_deliverables,
};

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
