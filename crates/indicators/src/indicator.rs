//! The evaluation of one indicator: derived, asserted and standing status,
//! progress, time, and the forecast's verdict.

use crate::cannot_compute::{CannotCompute, Figure, Op};
use crate::facts::{Facts, gather};
use crate::forecast::{ForecastVerdict, ValueTarget, judge};
use crate::progress::{expected_of, meets, reported_progress, round_ratio, round_value};
use crate::schedule::{DeadlineSource, days_between, plus_days, schedule, time_share};
use crate::{EvaluationError, Policy};
use actionplan_model::{
    ActionPlan, Biennium, Currency, DateOrMonth, Deliverable, DeliverableId, Direction, Indicator,
    IndicatorId, ItemId, Measure, MeasureKind, Observation, ProgressReport, ReportId,
    ResourceQuestion, Status, YearMonth, format_date,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

/// What decided the derived status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Basis {
    /// A completion or an observation that meets the target.
    Completion,
    /// The deadline (with its grace) has passed without the target met.
    Deadline,
    /// The caller's answer: the deliverable waits for resources.
    Resources,
    /// Only the calendar: the indicator's biennium has not begun.
    Calendar,
    /// Observed values compared with the straight line, or a judgement.
    Observation,
    /// The report's forecast alone.
    Forecast,
    /// Nothing: no observation, no forecast.
    Nothing,
}

impl Basis {
    /// Whether the data decides the status, so that the derived status
    /// stands over the asserted one. The calendar alone does not decide (the
    /// Office may start early), nor does the absence of data.
    pub fn is_decisive(self) -> bool {
        !matches!(self, Basis::Calendar | Basis::Nothing)
    }
}

/// Derived and asserted status disagree, and the derived one stands.
///
/// Like every result of this crate, it is read, not built: a later version
/// may add a member, so a struct literal does not compile outside the crate.
///
/// ```compile_fail,E0639
/// use actionplan_indicators::{Disagreement, Status};
/// let d = Disagreement {
///     asserted: Status::OnTrack,
///     derived: Status::Overdue,
///     reason: String::new(),
/// };
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Disagreement {
    /// What the report asserts.
    pub asserted: Status,
    /// What the data says.
    pub derived: Status,
    /// Why the data says otherwise, in words.
    pub reason: String,
}

/// Where one indicator stands as of a date.
///
/// Decimal figures are exact strings on the wire; dates are `YYYY-MM-DD`.
/// Figures that do not apply to the indicator's measure are `null`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IndicatorEvaluation {
    /// The indicator.
    pub indicator: IndicatorId,
    /// Its deliverable.
    pub deliverable: DeliverableId,
    /// The follow-up items that list the deliverable.
    pub items: Vec<ItemId>,
    /// The biennium of its work (that of the first item listing the deliverable).
    pub biennium: Option<Biennium>,
    /// Its kind of measure.
    pub kind: MeasureKind,
    /// The effective deadline: the last day the target may be met on time.
    #[serde(with = "actionplan_model::wire::date::option")]
    pub deadline: Option<Date>,
    /// Where the effective deadline comes from.
    pub deadline_source: DeadlineSource,
    /// Start of the straight line from baseline to target.
    #[serde(with = "actionplan_model::wire::date::option")]
    pub line_starts: Option<Date>,
    /// The status derived from values, dates, forecasts and resources.
    pub derived: Status,
    /// What decided `derived`.
    pub basis: Basis,
    /// Why `derived` is what it is, in words.
    pub reason: String,
    /// The status the latest report asserts, where it asserts one.
    pub asserted: Option<Status>,
    /// The report `asserted` and the forecast come from.
    pub report: Option<ReportId>,
    /// The status that stands: `derived` where the data decides
    /// ([`Basis::is_decisive`]), otherwise `asserted`, otherwise `derived`.
    pub standing: Status,
    /// Set where the data decides and the report asserts something else.
    pub disagreement: Option<Disagreement>,
    /// The caller's answer: does the deliverable wait for resources?
    pub awaits_resources: bool,
    /// When the target was met (completion, or the first observation that
    /// meets it).
    pub achieved_on: Option<DateOrMonth>,
    /// Baseline of a value measure (0 where the plan gives none).
    #[serde(with = "actionplan_model::wire::decimal::option")]
    pub baseline: Option<Decimal>,
    /// Target of a value measure, as an absolute figure.
    #[serde(with = "actionplan_model::wire::decimal::option")]
    pub target: Option<Decimal>,
    /// The latest observed value.
    #[serde(with = "actionplan_model::wire::decimal::option")]
    pub observed: Option<Decimal>,
    /// When the latest value was observed.
    pub observed_on: Option<DateOrMonth>,
    /// Currency of a money measure.
    pub currency: Option<Currency>,
    /// Share of the way from baseline to target covered, in the indicator's
    /// direction (1 = target met; may exceed 1 or be negative). Milestones
    /// and judgements: 1 once achieved, else `null`.
    #[serde(with = "actionplan_model::wire::decimal::option")]
    pub progress: Option<Decimal>,
    /// Share of the time from `line_starts` to `deadline` elapsed, 0–1.
    #[serde(with = "actionplan_model::wire::decimal::option")]
    pub time_elapsed: Option<Decimal>,
    /// The value expected by now on the straight line.
    #[serde(with = "actionplan_model::wire::decimal::option")]
    pub expected: Option<Decimal>,
    /// Days after the deadline the target was met (achieved late).
    pub days_late: Option<i64>,
    /// Days since the deadline, while overdue.
    pub days_overdue: Option<i64>,
    /// Days until the deadline, while neither met nor overdue.
    pub days_left: Option<i64>,
    /// What the forecast says against deadline and target.
    pub forecast: ForecastVerdict,
    /// Days after the deadline that the forecast expects completion.
    pub forecast_days_after_deadline: Option<i64>,
    /// Figures left out (`null`) because exact decimal arithmetic cannot
    /// give them, each with the operation that fails; empty (and absent on
    /// the wire) for every ordinary file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cannot_compute: Vec<CannotCompute>,
}

impl IndicatorEvaluation {
    /// [`progress`](Self::progress) as a percentage (1 = 100). Always
    /// `Some` where `progress` is: a progress whose percentage is beyond a
    /// decimal is not reported (see [`cannot_compute`](Self::cannot_compute)).
    ///
    /// ```
    /// # use actionplan_indicators::IndicatorEvaluation;
    /// # fn show(e: &IndicatorEvaluation) -> String {
    /// e.progress_percent().map(|p| format!("{} %", p.round_dp(1))).unwrap_or_default()
    /// # }
    /// ```
    pub fn progress_percent(&self) -> Option<Decimal> {
        self.progress?.checked_mul(Decimal::ONE_HUNDRED)
    }
}

/// Where an indicator's deliverable sits in the plan, looked up once per
/// deliverable.
pub(crate) struct Placement<'p> {
    /// The plan's first and last months.
    pub span: Option<(YearMonth, YearMonth)>,
    /// The biennium of the first item listing the deliverable.
    pub biennium: Option<Biennium>,
    /// The items listing the deliverable.
    pub items: &'p [ItemId],
}

/// The observations of one indicator read against its measure.
enum Reading {
    /// A milestone: when it was completed.
    Event,
    /// A judgement: whether the latest judgement says met.
    Judgement { latest_met: Option<bool> },
    /// A figure.
    Values(Figures),
    /// A measure this version does not know.
    Unknown,
}

struct Figures {
    baseline: Decimal,
    /// `None` when baseline ± an additional target is beyond every decimal:
    /// no value of a file can meet it.
    target: Option<Decimal>,
    direction: Direction,
    currency: Option<Currency>,
    latest: Option<(DateOrMonth, Decimal)>,
}

/// Evaluates one indicator of `plan` as of `as_of`.
///
/// `reports` may be in any order; only those as of `as_of` or earlier count
/// (see [`evaluate`](crate::evaluate) for the rules). `resources` answers
/// whether the deliverable waits for funds.
///
/// # Errors
///
/// [`EvaluationError::CurrencyMismatch`] where an amount is in another
/// currency than the target, [`EvaluationError::ObservationKind`] where an
/// observation does not fit the measure, [`EvaluationError::Policy`] for an
/// unusable policy. Figures beyond exact decimal arithmetic are no error:
/// they are left out and stated in
/// [`IndicatorEvaluation::cannot_compute`].
pub fn evaluate_indicator(
    plan: &ActionPlan,
    reports: &[ProgressReport],
    deliverable: &Deliverable,
    indicator: &Indicator,
    as_of: Date,
    policy: &Policy,
    resources: &dyn ResourceQuestion,
) -> Result<IndicatorEvaluation, EvaluationError> {
    policy.check()?;
    let awaits = resources.awaits_resources(plan, deliverable, as_of);
    // One indicator: searching the plan once costs no more than indexing it.
    let items: Vec<ItemId> = plan
        .items_of(&deliverable.id)
        .map(|i| i.id.clone())
        .collect();
    let placement = Placement {
        span: plan.span(),
        biennium: plan.biennium_of(&deliverable.id),
        items: &items,
    };
    let facts = gather(reports, &indicator.id, as_of);
    evaluate_checked(
        &placement,
        facts,
        deliverable,
        indicator,
        as_of,
        policy,
        awaits,
    )
}

/// [`evaluate_indicator`] with a checked policy, the indicator's place in
/// the plan, its facts and the resource answer given.
pub(crate) fn evaluate_checked(
    placement: &Placement<'_>,
    facts: Facts<'_>,
    deliverable: &Deliverable,
    indicator: &Indicator,
    as_of: Date,
    policy: &Policy,
    awaits: bool,
) -> Result<IndicatorEvaluation, EvaluationError> {
    let id = &indicator.id;
    let sched = schedule(placement.span, placement.biennium, indicator);
    let mut cannot_compute = Vec::new();
    let kind = indicator.measure.kind();
    for (_, obs) in &facts.observations {
        if obs.kind() != kind {
            return Err(EvaluationError::ObservationKind {
                indicator: id.clone(),
                expected: kind,
                found: obs.kind(),
            });
        }
    }
    let (reading, achieved_on) = read(indicator, &facts, &mut cannot_compute)?;
    let grace_end = sched.deadline.map(|d| plus_days(d, policy.grace_days));
    let forecast = facts.entry.and_then(|(_, e)| e.forecast.as_ref());
    let value_target = match &reading {
        Reading::Values(f) => Some(ValueTarget {
            direction: f.direction,
            target: f.target,
        }),
        _ => None,
    };
    let (verdict, forecast_late) = judge(
        forecast,
        achieved_on.is_some(),
        sched.deadline,
        grace_end,
        as_of,
        value_target,
    );

    // Figures.
    let time_elapsed = match (sched.line_starts, sched.deadline) {
        (Some(s), Some(d)) => time_share(s, d, as_of),
        _ => None,
    };
    let (mut progress, mut expected) = (None, None);
    if let Reading::Values(f) = &reading
        && let Some(target) = f.target
    {
        let mut note = |figure, reason| cannot_compute.push(CannotCompute { figure, reason });
        if let Some((_, v)) = f.latest {
            match reported_progress(f.direction, f.baseline, target, v) {
                Ok(p) => progress = p,
                Err(reason) => note(Figure::Progress, reason),
            }
        }
        if let Some(share) = time_elapsed {
            match expected_of(f.baseline, target, share) {
                Ok(e) => expected = Some(e),
                Err(reason) => note(Figure::Expected, reason),
            }
        }
    } else if achieved_on.is_some() {
        progress = Some(Decimal::ONE);
    }

    // Derived status.
    let deadline_text = |d: Date| format_date(d);
    let (derived, basis, reason) = if let Some(on) = achieved_on {
        let at = on.latest();
        match (sched.deadline, grace_end) {
            (Some(dl), Some(ge)) if at > ge => (
                Status::AchievedLate,
                Basis::Completion,
                format!(
                    "met in {on}, {} days after the deadline {}",
                    days_between(dl, at),
                    deadline_text(dl)
                ),
            ),
            (Some(dl), _) => (
                Status::Achieved,
                Basis::Completion,
                format!("met in {on}, by the deadline {}", deadline_text(dl)),
            ),
            _ => (Status::Achieved, Basis::Completion, format!("met in {on}")),
        }
    } else if let (Some(dl), Some(ge)) = (sched.deadline, grace_end)
        && as_of > ge
    {
        (
            Status::Overdue,
            Basis::Deadline,
            format!(
                "the deadline {} passed {} days ago and the target is not met",
                deadline_text(dl),
                days_between(dl, as_of)
            ),
        )
    } else if awaits {
        (
            Status::PendingResources,
            Basis::Resources,
            format!("the deliverable `{}` waits for resources", deliverable.id),
        )
    } else if let Some(start) = sched.work_starts
        && as_of < start
    {
        let what = match sched.biennium {
            Some(b) => format!("its biennium {b}"),
            None => "the plan".to_owned(),
        };
        (
            Status::NotStarted,
            Basis::Calendar,
            format!("{what} begins on {}", deadline_text(start)),
        )
    } else {
        by_measure(
            &reading,
            verdict,
            progress,
            time_elapsed,
            policy,
            cannot_compute.first(),
        )
    };

    // Asserted and standing.
    let asserted = facts.entry.and_then(|(_, e)| e.status);
    let report = facts.entry.map(|(r, _)| r.id.clone());
    let standing = if basis.is_decisive() {
        derived
    } else {
        asserted.unwrap_or(derived)
    };
    let disagreement = match asserted {
        Some(a) if basis.is_decisive() && a != derived => Some(Disagreement {
            asserted: a,
            derived,
            reason: format!("the report asserts {} but {reason}", a.label()),
        }),
        _ => None,
    };

    let (days_late, days_overdue, days_left) = match (derived, sched.deadline) {
        (Status::AchievedLate, Some(dl)) => (
            achieved_on.map(|on| days_between(dl, on.latest())),
            None,
            None,
        ),
        (Status::Overdue, Some(dl)) => (None, Some(days_between(dl, as_of)), None),
        (Status::Achieved, _) => (None, None, None),
        (_, Some(dl)) if as_of <= dl => (None, None, Some(days_between(as_of, dl))),
        _ => (None, None, None),
    };

    let (baseline, target, observed, observed_on, currency) = match &reading {
        Reading::Values(f) => (
            Some(f.baseline),
            f.target,
            f.latest.map(|(_, v)| v),
            f.latest.map(|(d, _)| d),
            f.currency,
        ),
        _ => (None, None, None, None, None),
    };

    Ok(IndicatorEvaluation {
        indicator: id.clone(),
        deliverable: deliverable.id.clone(),
        items: placement.items.to_vec(),
        biennium: sched.biennium,
        kind,
        deadline: sched.deadline,
        deadline_source: sched.deadline_source,
        line_starts: sched.line_starts,
        derived,
        basis,
        reason,
        asserted,
        report,
        standing,
        disagreement,
        awaits_resources: awaits,
        achieved_on,
        baseline,
        target,
        observed,
        observed_on,
        currency,
        progress,
        time_elapsed: time_elapsed.map(round_ratio),
        expected: expected.map(round_value),
        days_late,
        days_overdue,
        days_left,
        forecast: verdict,
        forecast_days_after_deadline: forecast_late,
        cannot_compute,
    })
}

/// Reads the observations against the measure: the figures, and when the
/// target was first met.
fn read(
    indicator: &Indicator,
    facts: &Facts<'_>,
    cannot_compute: &mut Vec<CannotCompute>,
) -> Result<(Reading, Option<DateOrMonth>), EvaluationError> {
    let id = &indicator.id;
    let first = |pred: &dyn Fn(&Observation) -> bool| {
        facts
            .observations
            .iter()
            .filter(|(_, o)| pred(o))
            .map(|(when, _)| *when)
            .min_by_key(|when| when.latest())
    };
    let values = |baseline: Option<Decimal>,
                  target: Option<Decimal>,
                  direction: Direction,
                  currency: Option<Currency>,
                  value_of: &dyn Fn(&Observation) -> Option<Decimal>| {
        let latest = facts
            .observations
            .iter()
            .filter_map(|(when, o)| value_of(o).map(|v| (*when, v)))
            .next_back();
        let met =
            target.and_then(|t| first(&|o| value_of(o).is_some_and(|v| meets(direction, v, t))));
        (
            Reading::Values(Figures {
                baseline: baseline.unwrap_or(Decimal::ZERO),
                target,
                direction,
                currency,
                latest,
            }),
            met,
        )
    };
    Ok(match &indicator.measure {
        Measure::Milestone(_) => (
            Reading::Event,
            first(&|o| matches!(o, Observation::Milestone(_))),
        ),
        Measure::Qualitative(_) => {
            let latest_met = facts
                .observations
                .iter()
                .filter_map(|(_, o)| match o {
                    Observation::Qualitative(q) => Some(q.met),
                    _ => None,
                })
                .next_back();
            let met = first(&|o| matches!(o, Observation::Qualitative(q) if q.met));
            (Reading::Judgement { latest_met }, met)
        }
        Measure::Count(c) => {
            let target = c.absolute_target();
            if target.is_none() {
                let base = c.baseline.unwrap_or(Decimal::ZERO);
                let op = match c.direction {
                    Direction::Decrease => Op::Sub(base, c.target),
                    _ => Op::Add(base, c.target),
                };
                cannot_compute.push(CannotCompute {
                    figure: Figure::Target,
                    reason: op.eval().err().unwrap_or_else(|| {
                        format!("{base} and the additional {} give no decimal", c.target)
                    }),
                });
            }
            values(c.baseline, target, c.direction, None, &|o| match o {
                Observation::Count(v) => Some(v.value),
                _ => None,
            })
        }
        Measure::Percentage(p) => values(
            p.baseline,
            Some(p.target),
            p.direction,
            None,
            &|o| match o {
                Observation::Percentage(v) => Some(v.value),
                _ => None,
            },
        ),
        Measure::Money(m) => {
            let expected = m.target.currency;
            let mismatch = |found: Currency| EvaluationError::CurrencyMismatch {
                indicator: id.clone(),
                expected,
                found,
            };
            if let Some(b) = m.baseline
                && b.amount.currency != expected
            {
                return Err(mismatch(b.amount.currency));
            }
            for (_, o) in &facts.observations {
                if let Observation::Money(mo) = o
                    && mo.amount.currency != expected
                {
                    return Err(mismatch(mo.amount.currency));
                }
            }
            values(
                m.baseline.map(|b| b.amount.amount),
                Some(m.target.amount),
                m.direction,
                Some(expected),
                &|o| match o {
                    Observation::Money(mo) => Some(mo.amount.amount),
                    _ => None,
                },
            )
        }
        _ => (Reading::Unknown, None),
    })
}

/// The measure's own rule, once the target is not met, the deadline has not
/// passed, nothing waits for resources and the work is due.
fn by_measure(
    reading: &Reading,
    verdict: ForecastVerdict,
    progress: Option<Decimal>,
    time_elapsed: Option<Decimal>,
    policy: &Policy,
    uncomputed: Option<&CannotCompute>,
) -> (Status, Basis, String) {
    let by_forecast = || -> (Status, Basis, String) {
        if verdict.is_favourable() {
            (
                Status::OnTrack,
                Basis::Forecast,
                "the report forecasts the target met by the deadline".to_owned(),
            )
        } else if verdict.is_unfavourable() {
            (
                Status::AtRisk,
                Basis::Forecast,
                format!("the forecast is {}", verdict_words(verdict)),
            )
        } else if let Some(why) = uncomputed {
            (
                Status::NoData,
                Basis::Nothing,
                format!("no forecast decides the status and {why}"),
            )
        } else {
            (
                Status::NoData,
                Basis::Nothing,
                "no observation or forecast decides the status".to_owned(),
            )
        }
    };
    match reading {
        Reading::Event | Reading::Unknown => by_forecast(),
        Reading::Judgement { latest_met } => {
            if *latest_met == Some(false) {
                (
                    Status::AtRisk,
                    Basis::Observation,
                    "the latest judgement finds the criterion not met".to_owned(),
                )
            } else {
                by_forecast()
            }
        }
        Reading::Values(_) => {
            if verdict.is_unfavourable() {
                return by_forecast();
            }
            let (Some(p), Some(share)) = (progress, time_elapsed) else {
                return by_forecast();
            };
            let line = |threshold: Decimal| threshold.checked_mul(share);
            let words = |status: &str| {
                format!(
                    "progress {} against {} of the time elapsed: {status}",
                    round_ratio(p),
                    round_ratio(share)
                )
            };
            match (line(policy.on_track), line(policy.at_risk)) {
                (Some(on), _) if p >= on => (
                    Status::OnTrack,
                    Basis::Observation,
                    words("at or above the on-track line"),
                ),
                (_, Some(risk)) if p >= risk && verdict.is_favourable() => (
                    Status::OnTrack,
                    Basis::Observation,
                    words(
                        "behind the line, but within the at-risk margin and forecast to meet the target",
                    ),
                ),
                _ => (
                    Status::AtRisk,
                    Basis::Observation,
                    words("behind the on-track line"),
                ),
            }
        }
    }
}

fn verdict_words(v: ForecastVerdict) -> &'static str {
    match v {
        ForecastVerdict::Lapsed => "lapsed: its date passed without the target met",
        ForecastVerdict::AfterDeadline => "for completion after the deadline",
        ForecastVerdict::ShortOfTarget => "short of the target",
        ForecastVerdict::MeetsTarget => "to meet the target by the deadline",
        ForecastVerdict::Superseded => "superseded: the target is met",
        ForecastVerdict::Uncertain => "undecided",
        _ => "absent",
    }
}
