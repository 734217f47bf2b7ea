//! The evaluation of one indicator: derived, asserted and standing status,
//! progress, time, and the forecast's verdict.

use crate::cannot_compute::{CannotCompute, Figure, Op};
use crate::cumulation::{Point, Window, scan};
use crate::facts::{Facts, gather};
use crate::forecast::{ForecastVerdict, ValueTarget, judge};
use crate::progress::{expected_of, meets, reported_progress, round_ratio, round_value};
use crate::revised::{InForce, RevisedDeadline};
use crate::schedule::{
    DeadlineSource, Frame, Schedule, days_between, plus_days, schedule, time_share,
};
use crate::targets::{TargetInForce, Targets};
use crate::{EvaluationError, Policy};
use actionplan_model::{
    ActionPlan, Biennium, CountMeasure, Cumulation, Currency, DateOrMonth, DatedTarget,
    Deliverable, DeliverableId, Direction, Indicator, IndicatorId, ItemId, Measure, MeasureKind,
    MoneyMeasure, Observation, Period, ProgressReport, ReportId, ResourceQuestion, Revision, Span,
    Split, Status, format_date, resolve_target,
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
    #[serde(with = "actionplan_model::wire::figure::option")]
    pub baseline: Option<Decimal>,
    /// Target of a value measure, as an absolute figure.
    #[serde(with = "actionplan_model::wire::figure::option")]
    pub target: Option<Decimal>,
    /// The latest observed value.
    #[serde(with = "actionplan_model::wire::figure::option")]
    pub observed: Option<Decimal>,
    /// When the latest value was observed.
    pub observed_on: Option<DateOrMonth>,
    /// Currency of a money measure.
    pub currency: Option<Currency>,
    /// Share of the way from baseline to target covered, in the indicator's
    /// direction (1 = target met; may exceed 1 or be negative). Milestones
    /// and judgements: 1 once achieved, else `null`.
    #[serde(with = "actionplan_model::wire::figure::option")]
    pub progress: Option<Decimal>,
    /// Share of the time from `line_starts` to `deadline` elapsed, 0–1.
    #[serde(with = "actionplan_model::wire::figure::option")]
    pub time_elapsed: Option<Decimal>,
    /// The value expected by now on the straight line.
    #[serde(with = "actionplan_model::wire::figure::option")]
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
    /// The year, months or biennium its work is planned for, where a format
    /// 1.1 plan states a span: the indicator's own, else its deliverable's,
    /// else its item's (an item's `biennium` member is in `biennium`).
    /// Absent where none is stated: the work then runs over the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The revision in force that moved the deadline, with the deadline it
    /// replaced: a report shows "revised from 12/2019 (GB.337/INS/5)".
    /// Absent where no revision in force moved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_revised: Option<RevisedDeadline>,
    /// The target `target` is: its month, whether it is the final target,
    /// and the revision that set it. Present where the measure has dated
    /// targets or a revision in force changed the target (format 1.1);
    /// otherwise `target` is the measure's own target, due at `deadline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_in_force: Option<TargetInForce>,
    /// How the observed values add up to `observed` (absent: cumulative).
    #[serde(default, skip_serializing_if = "Cumulation::is_default")]
    pub cumulation: Cumulation,
    /// The months `observed` covers where it is made of values given per
    /// period: the period of a level, or the months of the periods summed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_over: Option<Period>,
    /// How the latest observation counted (the one dated `observed_on`)
    /// splits its value by the plan's dimensions. Its value is `observed`,
    /// unless `observed_over` shows that several periods were summed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaggregation: Vec<Split>,
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
    /// The plan's span and the first item's biennium and span (the
    /// deliverable's own span is read from the deliverable).
    pub frame: Frame,
    /// The items listing the deliverable.
    pub items: &'p [ItemId],
    /// The plan's revisions of the indicator, in plan order.
    pub revisions: &'p [&'p Revision],
}

/// The observations of one indicator read against its measure.
enum Reading<'a> {
    /// A milestone: when it was completed.
    Event,
    /// A judgement: whether the latest judgement says met.
    Judgement { latest_met: Option<bool> },
    /// A figure.
    Values(Box<Figures<'a>>),
    /// A measure this version does not know.
    Unknown,
}

struct Figures<'a> {
    baseline: Decimal,
    /// The target in force, absolute. `None` when baseline ± an additional
    /// target is beyond every decimal: no value of a file can meet it.
    target: Option<Decimal>,
    /// The final target in force, which achievement and forecasts are
    /// judged against.
    final_target: Option<Decimal>,
    direction: Direction,
    currency: Option<Currency>,
    /// The standing: the value compared with the target, and when.
    latest: Option<(DateOrMonth, Decimal)>,
    /// The target in force, where the evaluation reports it.
    in_force: Option<TargetInForce>,
    /// The last day of the target in force, where it has a month.
    due: Option<Date>,
    /// Per period: the last day before the target's period.
    after: Option<Date>,
    over: Option<Period>,
    splits: &'a [Split],
    cumulation: Cumulation,
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
    let first = plan.items_of(&deliverable.id).next();
    let revisions: Vec<&Revision> = plan
        .revisions
        .iter()
        .filter(|r| r.indicator == indicator.id)
        .collect();
    let placement = Placement {
        frame: Frame {
            plan: plan.span(),
            biennium: first.and_then(crate::groups::biennium_of),
            item_span: first.and_then(|i| i.span),
            deliverable_span: None,
        },
        items: &items,
        revisions: &revisions,
    };
    let facts = gather(reports, &indicator.id, as_of);
    evaluate_checked(
        &placement,
        &facts,
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
    facts: &Facts<'_>,
    deliverable: &Deliverable,
    indicator: &Indicator,
    as_of: Date,
    policy: &Policy,
    awaits: bool,
) -> Result<IndicatorEvaluation, EvaluationError> {
    let in_force = InForce::new(placement.revisions.iter().copied(), as_of);
    let (_, deadline_revised) = in_force.deadline(indicator.deadline);
    let frame = Frame {
        deliverable_span: deliverable.span,
        ..placement.frame
    };
    let sched = schedule(frame, indicator, deadline_revised.as_ref());
    let kind = indicator.measure.kind();
    check_kinds(&indicator.id, kind, facts)?;
    let mut cannot_compute = Vec::new();
    let context = ReadContext {
        sched: &sched,
        in_force: &in_force,
        as_of,
    };
    let (reading, achieved_on) = read(indicator, facts, &context, &mut cannot_compute)?;
    let grace_end = sched.deadline.map(|d| plus_days(d, policy.grace_days));
    let (verdict, forecast_late) = judge(
        facts.entry.and_then(|(_, e)| e.forecast.as_ref()),
        achieved_on.is_some(),
        sched.deadline,
        grace_end,
        as_of,
        reading.value_target(),
    );
    let (line_starts, line_ends) = reading.line(&sched);
    let time_elapsed = match (line_starts, line_ends) {
        (Some(s), Some(d)) => time_share(s, d, as_of),
        _ => None,
    };
    let (progress, expected) =
        reading.progress(achieved_on.is_some(), time_elapsed, &mut cannot_compute);
    let moment = Moment {
        sched: &sched,
        grace_end,
        as_of,
        awaits,
        deliverable: &deliverable.id,
    };
    let (derived, basis, mut reason) = moment.decided(achieved_on).unwrap_or_else(|| {
        by_measure(
            &reading,
            verdict,
            progress,
            time_elapsed,
            policy,
            cannot_compute.first(),
        )
    });
    if let (Basis::Observation, Some(t)) = (basis, reading.in_force()) {
        reason = format!("{reason}, toward {}", target_words(t));
    }
    let asserted = facts.entry.and_then(|(_, e)| e.status);
    let (standing, disagreement) = stand(basis, derived, asserted, &reason);
    let (days_late, days_overdue, days_left) = moment.days(derived, achieved_on);
    let (baseline, target, observed, observed_on, currency) = reading.figures();
    let (target_in_force, cumulation, observed_over, disaggregation) = reading.periods();
    Ok(IndicatorEvaluation {
        indicator: indicator.id.clone(),
        deliverable: deliverable.id.clone(),
        items: placement.items.to_vec(),
        biennium: sched.biennium,
        kind,
        deadline: sched.deadline,
        deadline_source: sched.deadline_source,
        line_starts,
        derived,
        basis,
        reason,
        asserted,
        report: facts.entry.map(|(r, _)| r.id.clone()),
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
        span: indicator
            .span
            .or(frame.deliverable_span)
            .or(frame.item_span),
        deadline_revised,
        target_in_force,
        cumulation,
        observed_over,
        disaggregation,
    })
}

/// A target in force in words: "the target 3 due 2020-12 (revised by …)".
fn target_words(t: &TargetInForce) -> String {
    let value = t.value.map_or_else(
        || "beyond a decimal".to_owned(),
        |v| v.normalize().to_string(),
    );
    let due = t.due.map(|m| format!(" due {m}")).unwrap_or_default();
    let which = if t.is_final { "final target" } else { "target" };
    let revised = t
        .revised
        .as_ref()
        .map(|r| format!(" (revised by `{}`)", r.by.revision))
        .unwrap_or_default();
    format!("the {which} {value}{due}{revised}")
}

/// Refuses an observation of another kind than the indicator's measure.
fn check_kinds(
    id: &IndicatorId,
    kind: MeasureKind,
    facts: &Facts<'_>,
) -> Result<(), EvaluationError> {
    for (_, obs) in &facts.observations {
        if obs.kind() != kind {
            return Err(EvaluationError::ObservationKind {
                indicator: id.clone(),
                expected: kind,
                found: obs.kind(),
            });
        }
    }
    Ok(())
}

/// The standing status, and the disagreement where the data decides
/// against what the report asserts.
fn stand(
    basis: Basis,
    derived: Status,
    asserted: Option<Status>,
    reason: &str,
) -> (Status, Option<Disagreement>) {
    if !basis.is_decisive() {
        return (asserted.unwrap_or(derived), None);
    }
    let disagreement = match asserted {
        Some(a) if a != derived => Some(Disagreement {
            asserted: a,
            derived,
            reason: format!("the report asserts {} but {reason}", a.label()),
        }),
        _ => None,
    };
    (derived, disagreement)
}

/// An indicator's calendar on the as-of date.
struct Moment<'a> {
    sched: &'a Schedule,
    /// The deadline with its grace.
    grace_end: Option<Date>,
    as_of: Date,
    awaits: bool,
    deliverable: &'a DeliverableId,
}

impl Moment<'_> {
    /// The status where completion, the deadline, resources or the
    /// calendar decide it (rules 1–4), in that order.
    fn decided(&self, achieved_on: Option<DateOrMonth>) -> Option<(Status, Basis, String)> {
        let (sched, as_of) = (self.sched, self.as_of);
        if let Some(on) = achieved_on {
            return Some(self.met(on));
        }
        if let (Some(dl), Some(ge)) = (sched.deadline, self.grace_end)
            && as_of > ge
        {
            return Some((
                Status::Overdue,
                Basis::Deadline,
                format!(
                    "the deadline {} passed {} days ago and the target is not met",
                    format_date(dl),
                    days_between(dl, as_of)
                ),
            ));
        }
        if self.awaits {
            return Some((
                Status::PendingResources,
                Basis::Resources,
                format!("the deliverable `{}` waits for resources", self.deliverable),
            ));
        }
        let start = sched.work_starts.filter(|start| as_of < *start)?;
        let what = match sched.frame {
            Some(Span::Biennium(b)) => format!("its biennium {b}"),
            Some(Span::Year(y)) => format!("its year {y}"),
            Some(span) => format!("its span {span}"),
            None => "the plan".to_owned(),
        };
        Some((
            Status::NotStarted,
            Basis::Calendar,
            format!("{what} begins on {}", format_date(start)),
        ))
    }

    /// The target was met `on`: in time, or late.
    fn met(&self, on: DateOrMonth) -> (Status, Basis, String) {
        let at = on.latest();
        match (self.sched.deadline, self.grace_end) {
            (Some(dl), Some(ge)) if at > ge => (
                Status::AchievedLate,
                Basis::Completion,
                format!(
                    "met in {on}, {} days after the deadline {}",
                    days_between(dl, at),
                    format_date(dl)
                ),
            ),
            (Some(dl), _) => (
                Status::Achieved,
                Basis::Completion,
                format!("met in {on}, by the deadline {}", format_date(dl)),
            ),
            _ => (Status::Achieved, Basis::Completion, format!("met in {on}")),
        }
    }

    /// Days late, overdue and left, each where it applies to `derived`.
    fn days(
        &self,
        derived: Status,
        achieved_on: Option<DateOrMonth>,
    ) -> (Option<i64>, Option<i64>, Option<i64>) {
        match (derived, self.sched.deadline) {
            (Status::AchievedLate, Some(dl)) => (
                achieved_on.map(|on| days_between(dl, on.latest())),
                None,
                None,
            ),
            (Status::Overdue, Some(dl)) => (None, Some(days_between(dl, self.as_of)), None),
            (Status::Achieved, _) => (None, None, None),
            (_, Some(dl)) if self.as_of <= dl => (None, None, Some(days_between(self.as_of, dl))),
            _ => (None, None, None),
        }
    }
}

/// The figures a value reading reports: baseline, target, latest value,
/// its date, currency.
type ValueFigures = (
    Option<Decimal>,
    Option<Decimal>,
    Option<Decimal>,
    Option<DateOrMonth>,
    Option<Currency>,
);

impl Reading<'_> {
    /// The target a value forecast is judged against: the final one.
    fn value_target(&self) -> Option<ValueTarget> {
        match self {
            Reading::Values(f) => Some(ValueTarget {
                direction: f.direction,
                target: f.final_target,
            }),
            _ => None,
        }
    }

    /// The target in force, where the evaluation reports it.
    fn in_force(&self) -> Option<&TargetInForce> {
        match self {
            Reading::Values(f) => f.in_force.as_ref(),
            _ => None,
        }
    }

    /// What format 1.1 adds to a value reading: the target in force, the
    /// cumulation, the months observed and the latest splits.
    fn periods(
        self,
    ) -> (
        Option<TargetInForce>,
        Cumulation,
        Option<Period>,
        Vec<Split>,
    ) {
        match self {
            Reading::Values(f) => (f.in_force, f.cumulation, f.over, f.splits.to_vec()),
            _ => (None, Cumulation::default(), None, Vec::new()),
        }
    }

    /// The straight line's first and last day: to the target in force for
    /// a value measure (per period, from the start of its period), to the
    /// deadline otherwise.
    fn line(&self, sched: &Schedule) -> (Option<Date>, Option<Date>) {
        let Reading::Values(f) = self else {
            return (sched.line_starts, sched.deadline);
        };
        let end = f.due.or(sched.deadline);
        let start = match (f.cumulation, f.after) {
            (Cumulation::PerPeriod, Some(after)) => {
                let period_starts = plus_days(after, 1);
                Some(
                    sched
                        .line_starts
                        .map_or(period_starts, |s| s.max(period_starts)),
                )
            }
            _ => sched.line_starts,
        };
        (start, end)
    }

    /// Progress and the value expected by now, each where it can be
    /// computed; what cannot be is noted in `cannot_compute`.
    fn progress(
        &self,
        achieved: bool,
        time_elapsed: Option<Decimal>,
        cannot_compute: &mut Vec<CannotCompute>,
    ) -> (Option<Decimal>, Option<Decimal>) {
        let Reading::Values(f) = self else {
            return (achieved.then_some(Decimal::ONE), None);
        };
        let Some(target) = f.target else {
            return (None, None);
        };
        let (mut progress, mut expected) = (None, None);
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
        (progress, expected)
    }

    /// The figures reported for a value measure; `None` for others.
    fn figures(&self) -> ValueFigures {
        match self {
            Reading::Values(f) => (
                Some(f.baseline),
                f.target,
                f.latest.map(|(_, v)| v),
                f.latest.map(|(d, _)| d),
                f.currency,
            ),
            _ => (None, None, None, None, None),
        }
    }
}

/// When an observation that `pred` accepts was first made.
fn first(facts: &Facts<'_>, pred: &dyn Fn(&Observation) -> bool) -> Option<DateOrMonth> {
    facts
        .observations
        .iter()
        .filter(|(_, o)| pred(o))
        .map(|(when, _)| *when)
        .min_by_key(|when| when.latest())
}

/// What reading a value measure needs besides the observations.
struct ReadContext<'c> {
    sched: &'c Schedule,
    in_force: &'c InForce<'c>,
    as_of: Date,
}

/// What a value measure says, read from the observations `value_of` gives
/// a value for.
struct ValueMeasure<'v> {
    baseline: Option<Decimal>,
    /// The final target as written.
    planned: Decimal,
    /// The dated targets as written.
    dated: &'v [DatedTarget],
    /// Makes a target as written absolute.
    absolute: &'v dyn Fn(Decimal) -> Option<Decimal>,
    cumulation: Cumulation,
    direction: Direction,
    currency: Option<Currency>,
    value_of: &'v dyn Fn(&Observation) -> Option<Decimal>,
}

impl ValueMeasure<'_> {
    /// The reading, and when the final target was first met.
    fn read<'a>(
        &self,
        facts: &Facts<'a>,
        context: &ReadContext<'_>,
        cannot_compute: &mut Vec<CannotCompute>,
    ) -> (Reading<'a>, Option<DateOrMonth>) {
        let value_of = self.value_of;
        let mut points: Vec<Point<'a>> = facts
            .observations
            .iter()
            .filter_map(|(when, o)| value_of(o).map(|v| Point::new(*when, o, v)))
            .collect();
        // Stable: a 1.0 file's observations are already in this order.
        points.sort_by_key(|p| p.occurred);
        let targets = Targets::new(
            self.planned,
            context.sched.deadline,
            self.dated,
            context.in_force,
            self.absolute,
        );
        let mode = self.cumulation;
        let per_period = |w: Window| {
            if mode == Cumulation::PerPeriod {
                w
            } else {
                Window::default()
            }
        };
        let (now, window) = match targets.in_force(context.as_of) {
            Some((t, w)) => (Some(t), per_period(w)),
            None => (None, Window::default()),
        };
        let mut overflow = |reason: String| {
            cannot_compute.push(CannotCompute {
                figure: Figure::Observed,
                reason,
            });
        };
        let standing = scan(&points, mode, window, &mut |_| false).unwrap_or_else(|why| {
            overflow(why);
            None
        });
        let direction = self.direction;
        let final_target = targets.final_target();
        let met = final_target.and_then(|(t, w)| {
            let target = t.value?;
            let meets_target = |v: Decimal| meets(direction, v, target);
            scan(&points, mode, per_period(w), &mut |s| meets_target(s.value))
                .ok()
                .flatten()
                .filter(|s| meets_target(s.value))
                .map(|s| s.on)
        });
        let reported = now.filter(|t| targets.reported(t)).cloned();
        (
            Reading::Values(Box::new(Figures {
                baseline: self.baseline.unwrap_or(Decimal::ZERO),
                target: now.and_then(|t| t.value),
                final_target: final_target.and_then(|(t, _)| t.value),
                direction,
                currency: self.currency,
                latest: standing.as_ref().map(|s| (s.on, s.value)),
                in_force: reported,
                due: now
                    .and_then(|t| t.due)
                    .map(actionplan_model::YearMonth::last_day),
                after: window.after,
                over: standing.as_ref().and_then(|s| s.over),
                splits: standing.as_ref().map_or(&[], |s| s.splits),
                cumulation: mode,
            })),
            met,
        )
    }
}

/// Reads the observations against the measure: the figures, and when the
/// target was first met.
fn read<'a>(
    indicator: &Indicator,
    facts: &Facts<'a>,
    context: &ReadContext<'_>,
    cannot_compute: &mut Vec<CannotCompute>,
) -> Result<(Reading<'a>, Option<DateOrMonth>), EvaluationError> {
    Ok(match &indicator.measure {
        Measure::Milestone(_) => (
            Reading::Event,
            first(facts, &|o| matches!(o, Observation::Milestone(_))),
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
            let met = first(
                facts,
                &|o| matches!(o, Observation::Qualitative(q) if q.met),
            );
            (Reading::Judgement { latest_met }, met)
        }
        Measure::Count(c) => {
            if c.absolute_target().is_none() {
                cannot_compute.push(unreachable_target(c));
            }
            let baseline = c.baseline_value();
            let measure = ValueMeasure {
                baseline,
                planned: c.target,
                dated: &c.targets,
                absolute: &|v| resolve_target(baseline, v, c.target_mode, c.direction),
                cumulation: c.cumulation,
                direction: c.direction,
                currency: None,
                value_of: &|o| match o {
                    Observation::Count(v) => Some(v.value),
                    _ => None,
                },
            };
            measure.read(facts, context, cannot_compute)
        }
        Measure::Percentage(p) => ValueMeasure {
            baseline: p.baseline_value(),
            planned: p.target,
            dated: &p.targets,
            absolute: &Some,
            cumulation: p.cumulation,
            direction: p.direction,
            currency: None,
            value_of: &|o| match o {
                Observation::Percentage(v) => Some(v.value),
                _ => None,
            },
        }
        .read(facts, context, cannot_compute),
        Measure::Money(m) => read_money(&indicator.id, m, facts, context, cannot_compute)?,
        _ => (Reading::Unknown, None),
    })
}

/// Why a count's absolute target (baseline ± an additional target) is
/// beyond every decimal.
fn unreachable_target(c: &CountMeasure) -> CannotCompute {
    let base = c.baseline_value().unwrap_or(Decimal::ZERO);
    let op = match c.direction {
        Direction::Decrease => Op::Sub(base, c.target),
        _ => Op::Add(base, c.target),
    };
    CannotCompute {
        figure: Figure::Target,
        reason: op
            .eval()
            .err()
            .unwrap_or_else(|| format!("{base} and the additional {} give no decimal", c.target)),
    }
}

/// Reads a money measure, once every amount is in the target's currency.
fn read_money<'a>(
    id: &IndicatorId,
    m: &MoneyMeasure,
    facts: &Facts<'a>,
    context: &ReadContext<'_>,
    cannot_compute: &mut Vec<CannotCompute>,
) -> Result<(Reading<'a>, Option<DateOrMonth>), EvaluationError> {
    let expected = m.target.currency;
    let mismatch = |found: Currency| EvaluationError::CurrencyMismatch {
        indicator: id.clone(),
        expected,
        found,
    };
    if let Some(b) = &m.baseline
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
    let measure = ValueMeasure {
        baseline: m.baseline.as_ref().map(|b| b.amount.amount),
        planned: m.target.amount,
        dated: &m.targets,
        absolute: &Some,
        cumulation: m.cumulation,
        direction: m.direction,
        currency: Some(expected),
        value_of: &|o| match o {
            Observation::Money(mo) => Some(mo.amount.amount),
            _ => None,
        },
    };
    Ok(measure.read(facts, context, cannot_compute))
}

/// The measure's own rule, once the target is not met, the deadline has not
/// passed, nothing waits for resources and the work is due.
fn by_measure(
    reading: &Reading<'_>,
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
