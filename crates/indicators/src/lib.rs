//! Where an action plan stands **as of a date**: the evaluation of every
//! indicator of achievement, and roll-ups for deliverables, follow-up items,
//! categories, biennia and the plan.
//!
//! This crate is for tools that answer the question every progress report on
//! an ILO action plan answers: as of a given date, which indicators are
//! achieved, on track, at risk or overdue, and does the data agree with what
//! the report asserts? [`evaluate`] is a pure function of the plan, its
//! progress reports, the date, a [`Policy`] and the caller's answer to the
//! [`ResourceQuestion`](actionplan_model::ResourceQuestion): no clock is read,
//! so the same inputs give the same answer years later. Its output is plain
//! serde data, ready to print as JSON or to render.
//!
//! ```
//! use actionplan_indicators::{evaluate, Policy};
//! use actionplan_model::{ActionPlan, ProgressReport, Status};
//! use time::macros::date;
//!
//! let plan: ActionPlan = serde_json::from_value(serde_json::json!({
//!   "id": "sme", "title": {"en": "SME action plan"},
//!   "resolution": {"title": {"en": "Resolution concerning SMEs"}, "adopted_at": "ilc-104"},
//!   "endorsed_at": "gb-325", "biennia": ["2016-17", "2018-19"],
//!   "categories": [{"id": "knowledge", "name": {"en": "Knowledge generation"}}],
//!   "items": [{"id": "procurement", "text": {"en": "Research on procurement from SMEs"},
//!              "paragraphs": ["20(e)"], "category": "knowledge", "biennium": "2016-17",
//!              "deliverables": ["report"]}],
//!   "deliverables": [{"id": "report", "text": {"en": "A report on procurement"},
//!     "indicators": [{"id": "published", "text": {"en": "Report is published"},
//!                     "deadline": "2016-04",
//!                     "measure": {"kind": "milestone", "event": "published"}}]}]
//! }))?;
//! let reports: Vec<ProgressReport> = serde_json::from_value(serde_json::json!([{
//!   "id": "gb-328", "as_of": "2016-07",
//!   "indicators": [{"indicator": "published",
//!                   "observations": [{"kind": "milestone", "completed": "2016-05"}]}]
//! }]))?;
//!
//! let nothing_waits = |_: &ActionPlan, _: &actionplan_model::Deliverable, _: time::Date| false;
//! let e = evaluate(&plan, &reports, date!(2016-07-31), &Policy::default(), &nothing_waits)?;
//!
//! let published = e.indicator("published").unwrap();
//! assert_eq!(published.standing, Status::AchievedLate);
//! assert_eq!(published.days_late, Some(31)); // 31 May against 30 April
//! assert_eq!(e.overall.status, Status::AchievedLate);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The program `examples/as_of.rs` shows a tool embedding the crate: it
//! reads the seed plan and its July 2016 report, evaluates them as of a
//! date given on the command line and prints where each indicator stands
//! (`cargo run -p actionplan-indicators --example as_of -- 2017-01-01`).
//!
//! # The rules in brief
//!
//! The full rules, each with a row of the seed report (GB.328/INS/8) as a
//! worked example, are in [`rules`]. For each indicator, the first
//! rule that applies gives the *derived* status:
//!
//! 1. the target is met (a completion, an observation at or beyond the
//!    target, a judgement "met"): `achieved`, or `achieved_late` when met
//!    after the deadline and its grace;
//! 2. the deadline and its grace have passed: `overdue`;
//! 3. the deliverable waits for resources: `pending_resources`;
//! 4. its work has not begun (its span, else its item's span or biennium,
//!    else the plan): `not_started`;
//! 5. the measure's own rule: values against a straight line
//!    ([`Policy`]), else the forecast ([`ForecastVerdict`]), else `no_data`.
//!
//! Values are compared with the target in force at the date (dated targets,
//! then the final one), added up as the measure's cumulation says
//! (cumulative, per period, or a level), after the revisions of deadlines
//! and targets in force at the date; the result reports the target, the
//! revision and the splits it used ([`TargetInForce`], [`RevisedDeadline`],
//! [`IndicatorEvaluation::disaggregation`]).
//!
//! The *standing* status is the derived one where the data decides
//! ([`Basis::is_decisive`]), else the one the report asserts; a
//! [`Disagreement`] is recorded where both exist and differ. Roll-ups take
//! the worst standing status of their members in [`SEVERITY_ORDER`],
//! leaving out `no_data` ([`rolled_up_status`]).
#![warn(missing_docs)]
// Nothing a file holds may panic the evaluation: every operation on its
// figures and dates is checked, and a figure that cannot be computed is
// stated in `IndicatorEvaluation::cannot_compute`.
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

mod cannot_compute;
mod cumulation;
mod error;
mod facts;
mod forecast;
mod groups;
mod indicator;
mod lookup;
mod order;
mod plan;
mod policy;
mod progress;
mod revised;
mod rollup;
mod schedule;
mod targets;

/// The evaluation rules in full, each with a row of the seed as a worked
/// example (the crate's `docs/evaluation.md`).
#[doc = include_str!("../docs/evaluation.md")]
pub mod rules {}

pub use cannot_compute::{CannotCompute, Figure};
pub use error::EvaluationError;
pub use forecast::ForecastVerdict;
pub use indicator::{Basis, Disagreement, IndicatorEvaluation, evaluate_indicator};
pub use order::{SEVERITY_ORDER, severity, worse};
pub use plan::{
    BienniumEvaluation, CategoryEvaluation, DeliverableEvaluation, ItemEvaluation, PlanEvaluation,
    evaluate,
};
pub use policy::{MAX_GRACE_DAYS, Policy, PolicyError};
pub use progress::{ArithmeticOverflow, expected_value, gain, meets, progress_ratio};
pub use revised::{AppliedRevision, RevisedDeadline, RevisedTarget};
pub use rollup::{Rollup, rolled_up_status};
pub use schedule::DeadlineSource;
pub use targets::TargetInForce;

/// Re-exported so that callers name the same types.
pub use actionplan_model::{IndicatorId, Status};

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
