//! The invariants of a plan and its reports that types alone cannot hold:
//! unique ids, references that resolve, targets beyond baselines, dates in
//! order. [`validate`] reports every problem it finds, not just the first.
//!
//! Each rule has a stable code (`AP001` …) that tools may match on; the
//! table of rules is in `docs/exchange-format.md`.

use crate::{
    ActionPlan, DateOrMonth, Direction, Measure, MeasureKind, Money, Observation, PlanIndex,
    ProgressReport, ReportIndex, TargetMode,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// The file should be corrected before its figures are trusted.
    Warning,
    /// The file is invalid.
    Error,
}

/// The rules [`validate`] checks, each with a stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// AP001: two objects share an id.
    DuplicateId,
    /// AP002: a reference names no object of the right kind.
    UnresolvedReference,
    /// AP003: a target does not lie beyond its baseline in the indicator's direction.
    TargetNotBeyondBaseline,
    /// AP004: a percentage lies outside 0–100.
    PercentageOutOfRange,
    /// AP005: a deadline lies outside the plan's span, or outside the
    /// biennium of the item that plans it (a warning: the seed gives a
    /// 2018–19 indicator a 12/2017 deadline).
    DeadlineOutsideSpan,
    /// AP006: dates that must come in order do not.
    DatesOutOfOrder,
    /// AP007: an observation's kind differs from its indicator's measure.
    ObservationKindMismatch,
    /// AP008: a count that is not a whole number.
    FractionalCount,
    /// AP009: biennia are not consecutive, or an item's biennium is not the plan's.
    BienniumOutsidePlan,
    /// AP010: a deliverable that no follow-up item lists.
    UnusedDeliverable,
    /// AP011: amounts of one indicator or line in different currencies.
    CurrencyMismatch,
    /// AP012: an additional target without a baseline to add to.
    AdditionalWithoutBaseline,
    /// AP013: one report with two entries for the same indicator or deliverable.
    DuplicateProgress,
    /// AP014: an observation dated after the report's as-of date.
    ObservedAfterAsOf,
    /// AP015: a negative amount of money or count.
    NegativeAmount,
    /// AP016: a portfolio measured by an indicator that is not a money indicator.
    PortfolioNotMoney,
    /// AP017: a period or a span of months ends before it starts.
    PeriodReversed,
    /// AP018: a plan states neither its `period` nor its biennia.
    NoTimeFrame,
    /// AP019: a biennium of the plan lies outside its `period`.
    BienniumOutsidePeriod,
    /// AP020: an item or a resource line names both a biennium and a span or period.
    TwoTimeFrames,
    /// AP021: a span (of an item, a deliverable, an indicator, an observation's or a resource line's period) lies outside the plan's span (a warning, like AP005).
    SpanOutsidePlan,
    /// AP022: dated targets are not in increasing month order.
    DatedTargetsOutOfOrder,
    /// AP023: a dated target is due after the indicator's deadline.
    DatedTargetAfterDeadline,
    /// AP024: a dated target due at the deadline differs from the measure's `target`.
    FinalTargetMismatch,
    /// AP025: a baseline is dated after the first dated target or the deadline.
    BaselineAfterTarget,
    /// AP026: a value or target split twice along one dimension.
    SplitTwice,
    /// AP027: the parts of a split of a count or money do not add up to the value split.
    SplitSum,
    /// AP028: a code of a `country` dimension is not an assigned ISO 3166-1 alpha-2 code.
    CountryCode,
    /// AP029: a unit is its own parent, directly or through others.
    UnitCycle,
    /// AP030: a revision has neither a `deadline` nor a `target`.
    RevisionChangesNothing,
    /// AP031: a revision names neither the session that decided it (`decided_at`) nor a `document`.
    RevisionWithoutDecision,
    /// AP032: a revision sets a target for a milestone or qualitative indicator, which has none, or `target_by` names no dated target of the indicator.
    RevisionTargetOnKind,
    /// AP033: an exchange rate is zero or less.
    ExchangeRateNotPositive,
    /// AP034: an exchange rate converts a currency into itself.
    ExchangeRateSameCurrency,
    /// AP035: two different rates are stated for one pair of currencies and one date.
    ExchangeRateConflict,
    /// AP036: a resource line's expenditure exceeds its approved amount (a warning: overspending happens, and is worth a look).
    SpentBeyondApproved,
}

impl Rule {
    /// Every rule, in code order.
    pub const ALL: [Rule; 36] = [
        Rule::DuplicateId,
        Rule::UnresolvedReference,
        Rule::TargetNotBeyondBaseline,
        Rule::PercentageOutOfRange,
        Rule::DeadlineOutsideSpan,
        Rule::DatesOutOfOrder,
        Rule::ObservationKindMismatch,
        Rule::FractionalCount,
        Rule::BienniumOutsidePlan,
        Rule::UnusedDeliverable,
        Rule::CurrencyMismatch,
        Rule::AdditionalWithoutBaseline,
        Rule::DuplicateProgress,
        Rule::ObservedAfterAsOf,
        Rule::NegativeAmount,
        Rule::PortfolioNotMoney,
        Rule::PeriodReversed,
        Rule::NoTimeFrame,
        Rule::BienniumOutsidePeriod,
        Rule::TwoTimeFrames,
        Rule::SpanOutsidePlan,
        Rule::DatedTargetsOutOfOrder,
        Rule::DatedTargetAfterDeadline,
        Rule::FinalTargetMismatch,
        Rule::BaselineAfterTarget,
        Rule::SplitTwice,
        Rule::SplitSum,
        Rule::CountryCode,
        Rule::UnitCycle,
        Rule::RevisionChangesNothing,
        Rule::RevisionWithoutDecision,
        Rule::RevisionTargetOnKind,
        Rule::ExchangeRateNotPositive,
        Rule::ExchangeRateSameCurrency,
        Rule::ExchangeRateConflict,
        Rule::SpentBeyondApproved,
    ];

    /// The stable code, e.g. `AP001`.
    pub fn code(self) -> &'static str {
        match self {
            Rule::DuplicateId => "AP001",
            Rule::UnresolvedReference => "AP002",
            Rule::TargetNotBeyondBaseline => "AP003",
            Rule::PercentageOutOfRange => "AP004",
            Rule::DeadlineOutsideSpan => "AP005",
            Rule::DatesOutOfOrder => "AP006",
            Rule::ObservationKindMismatch => "AP007",
            Rule::FractionalCount => "AP008",
            Rule::BienniumOutsidePlan => "AP009",
            Rule::UnusedDeliverable => "AP010",
            Rule::CurrencyMismatch => "AP011",
            Rule::AdditionalWithoutBaseline => "AP012",
            Rule::DuplicateProgress => "AP013",
            Rule::ObservedAfterAsOf => "AP014",
            Rule::NegativeAmount => "AP015",
            Rule::PortfolioNotMoney => "AP016",
            Rule::PeriodReversed => "AP017",
            Rule::NoTimeFrame => "AP018",
            Rule::BienniumOutsidePeriod => "AP019",
            Rule::TwoTimeFrames => "AP020",
            Rule::SpanOutsidePlan => "AP021",
            Rule::DatedTargetsOutOfOrder => "AP022",
            Rule::DatedTargetAfterDeadline => "AP023",
            Rule::FinalTargetMismatch => "AP024",
            Rule::BaselineAfterTarget => "AP025",
            Rule::SplitTwice => "AP026",
            Rule::SplitSum => "AP027",
            Rule::CountryCode => "AP028",
            Rule::UnitCycle => "AP029",
            Rule::RevisionChangesNothing => "AP030",
            Rule::RevisionWithoutDecision => "AP031",
            Rule::RevisionTargetOnKind => "AP032",
            Rule::ExchangeRateNotPositive => "AP033",
            Rule::ExchangeRateSameCurrency => "AP034",
            Rule::ExchangeRateConflict => "AP035",
            Rule::SpentBeyondApproved => "AP036",
        }
    }

    /// A short `snake_case` name.
    pub fn name(self) -> &'static str {
        match self {
            Rule::DuplicateId => "duplicate_id",
            Rule::UnresolvedReference => "unresolved_reference",
            Rule::TargetNotBeyondBaseline => "target_not_beyond_baseline",
            Rule::PercentageOutOfRange => "percentage_out_of_range",
            Rule::DeadlineOutsideSpan => "deadline_outside_span",
            Rule::DatesOutOfOrder => "dates_out_of_order",
            Rule::ObservationKindMismatch => "observation_kind_mismatch",
            Rule::FractionalCount => "fractional_count",
            Rule::BienniumOutsidePlan => "biennium_outside_plan",
            Rule::UnusedDeliverable => "unused_deliverable",
            Rule::CurrencyMismatch => "currency_mismatch",
            Rule::AdditionalWithoutBaseline => "additional_without_baseline",
            Rule::DuplicateProgress => "duplicate_progress",
            Rule::ObservedAfterAsOf => "observed_after_as_of",
            Rule::NegativeAmount => "negative_amount",
            Rule::PortfolioNotMoney => "portfolio_not_money",
            Rule::PeriodReversed => "period_reversed",
            Rule::NoTimeFrame => "no_time_frame",
            Rule::BienniumOutsidePeriod => "biennium_outside_period",
            Rule::TwoTimeFrames => "two_time_frames",
            Rule::SpanOutsidePlan => "span_outside_plan",
            Rule::DatedTargetsOutOfOrder => "dated_targets_out_of_order",
            Rule::DatedTargetAfterDeadline => "dated_target_after_deadline",
            Rule::FinalTargetMismatch => "final_target_mismatch",
            Rule::BaselineAfterTarget => "baseline_after_target",
            Rule::SplitTwice => "split_twice",
            Rule::SplitSum => "split_sum",
            Rule::CountryCode => "country_code",
            Rule::UnitCycle => "unit_cycle",
            Rule::RevisionChangesNothing => "revision_changes_nothing",
            Rule::RevisionWithoutDecision => "revision_without_decision",
            Rule::RevisionTargetOnKind => "revision_target_on_kind",
            Rule::ExchangeRateNotPositive => "exchange_rate_not_positive",
            Rule::ExchangeRateSameCurrency => "exchange_rate_same_currency",
            Rule::ExchangeRateConflict => "exchange_rate_conflict",
            Rule::SpentBeyondApproved => "spent_beyond_approved",
        }
    }

    /// How serious a breach of the rule is.
    pub fn severity(self) -> Severity {
        match self {
            Rule::DeadlineOutsideSpan
            | Rule::UnusedDeliverable
            | Rule::AdditionalWithoutBaseline
            | Rule::SpanOutsidePlan
            | Rule::SpentBeyondApproved => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Which object a problem's pointer is relative to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The plan.
    Plan,
    /// The progress report at this index of the slice passed to [`validate`].
    Report(usize),
}

/// One breach of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// The rule broken.
    pub rule: Rule,
    /// What the pointer is relative to.
    pub scope: Scope,
    /// A JSON pointer to the offending value, relative to `scope`
    /// (`/items/2/category`).
    pub pointer: String,
    /// What is wrong and what to do, for a person. A place it names is
    /// written as a pointer from the top of the exchange file
    /// (`/plan/deliverables/0/id`, `/reports/1/indicators/0`), as issues
    /// write theirs.
    pub message: String,
}

impl Problem {
    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scope = match self.scope {
            Scope::Plan => "plan".to_owned(),
            Scope::Report(i) => format!("report {i}"),
        };
        write!(
            f,
            "{} {} at {}{}: {}",
            self.rule.code(),
            severity_word(self.rule),
            scope,
            self.pointer,
            self.message
        )
    }
}

fn severity_word(rule: Rule) -> &'static str {
    match rule.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Whether `problems` hold no error (warnings allowed).
pub fn is_valid(problems: &[Problem]) -> bool {
    problems.iter().all(|p| p.severity() != Severity::Error)
}

pub(crate) struct Checker {
    problems: Vec<Problem>,
    scope: Scope,
}

impl Checker {
    /// `relative` (to the current scope) as a pointer from the top of the
    /// exchange file, the way every issue's own pointer is written, so a
    /// message that names another place names it the same way.
    pub(crate) fn at(&self, relative: &str) -> String {
        match self.scope {
            Scope::Plan => format!("/plan{relative}"),
            Scope::Report(i) => format!("/reports/{i}{relative}"),
        }
    }

    pub(crate) fn report(&mut self, rule: Rule, pointer: String, message: String) {
        self.problems.push(Problem {
            rule,
            scope: self.scope,
            pointer,
            message,
        });
    }
}

/// Checks a plan and its progress reports and returns every problem found,
/// in document order; an empty vector means valid.
///
/// ```
/// use actionplan_model::{validate, ActionPlan, Rule};
/// let plan: ActionPlan = serde_json::from_str(r#"{
///   "id": "p", "title": {"en": "Plan"},
///   "resolution": {"title": {"en": "Resolution"}, "adopted_at": "ilc-104"},
///   "endorsed_at": "gb-325", "biennia": ["2016-17"]
/// }"#)?;
/// let problems = validate(&plan, &[]);
/// // Neither session is described in `sessions`:
/// assert_eq!(problems.len(), 2);
/// assert!(problems.iter().all(|p| p.rule == Rule::UnresolvedReference));
/// assert_eq!(problems[0].pointer, "/resolution/adopted_at");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn validate(plan: &ActionPlan, reports: &[ProgressReport]) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        scope: Scope::Plan,
    };
    let ix = PlanIndex::new(plan);
    check_plan(&mut c, &ix);
    let declared = crate::validate_1_1::Declared::new(plan);
    crate::validate_1_1::check_plan(&mut c, &ix, &declared);
    let mut seen_reports = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        c.scope = Scope::Report(i);
        if let Some(first) = seen_reports.insert(r.id.as_str(), i) {
            c.report(
                Rule::DuplicateId,
                "/id".into(),
                format!(
                    "report id `{}` is already used at /reports/{first}/id; give each report its own id",
                    r.id
                ),
            );
        }
        check_report(&mut c, &ix, r);
        crate::validate_1_1::check_report(&mut c, &declared, r);
    }
    c.problems
}

fn check_plan(c: &mut Checker, ix: &PlanIndex<'_>) {
    check_duplicate_ids(c, ix);
    check_plan_references(c, ix);
    check_resource_references(c, ix);
    check_biennia(c, ix.plan());
    check_unused_deliverables(c, ix);
    check_session_dates(c, ix.plan());
    check_indicators(c, ix);
}

/// AP001: one namespace for every id of the plan.
fn check_duplicate_ids(c: &mut Checker, ix: &PlanIndex<'_>) {
    for d in ix.duplicates() {
        let first = c.at(&d.first.pointer());
        c.report(
            Rule::DuplicateId,
            d.again.pointer(),
            format!(
                "id `{}` is already used at {first}; ids must be unique within a plan",
                d.id,
            ),
        );
    }
}

/// AP002: a session id must name a session of the plan.
fn check_session_ref(c: &mut Checker, ix: &PlanIndex<'_>, id: &crate::SessionId, pointer: String) {
    if ix.session(id.as_str()).is_none() {
        c.report(
            Rule::UnresolvedReference,
            pointer,
            format!("no session has id `{id}`; describe it under /plan/sessions or fix the id"),
        );
    }
}

/// AP002: a deliverable id must name a deliverable of the plan.
fn check_deliverable_ref(
    c: &mut Checker,
    ix: &PlanIndex<'_>,
    id: &crate::DeliverableId,
    pointer: String,
) {
    if ix.deliverable(id.as_str()).is_none() {
        c.report(
            Rule::UnresolvedReference,
            pointer,
            format!("no deliverable has id `{id}`; add it under /plan/deliverables or fix the id"),
        );
    }
}

/// AP002: the references of the plan itself and of its items.
fn check_plan_references(c: &mut Checker, ix: &PlanIndex<'_>) {
    let plan = ix.plan();
    check_session_ref(
        c,
        ix,
        &plan.resolution.adopted_at,
        "/resolution/adopted_at".into(),
    );
    check_session_ref(c, ix, &plan.endorsed_at, "/endorsed_at".into());
    for (i, s) in plan.reporting.iter().enumerate() {
        check_session_ref(c, ix, s, format!("/reporting/{i}"));
    }
    for (i, item) in plan.items.iter().enumerate() {
        if ix.category(item.category.as_str()).is_none() {
            c.report(
                Rule::UnresolvedReference,
                format!("/items/{i}/category"),
                format!(
                    "no category has id `{}`; add it under /plan/categories or fix the id",
                    item.category
                ),
            );
        }
        for (j, d) in item.deliverables.iter().enumerate() {
            check_deliverable_ref(c, ix, d, format!("/items/{i}/deliverables/{j}"));
        }
    }
}

/// AP002, AP011, AP015: resource lines, requests and portfolios.
fn check_resource_references(c: &mut Checker, ix: &PlanIndex<'_>) {
    let r = &ix.plan().resources;
    for (i, line) in r.lines.iter().enumerate() {
        for (j, d) in line.deliverables.iter().enumerate() {
            check_deliverable_ref(c, ix, d, format!("/resources/lines/{i}/deliverables/{j}"));
        }
        if let Some(s) = &line.source
            && ix.source(s.as_str()).is_none()
        {
            c.report(
                Rule::UnresolvedReference,
                format!("/resources/lines/{i}/source"),
                format!(
                    "no funding source has id `{s}`; add it under /plan/resources/sources or fix the id"
                ),
            );
        }
        if let (Some(req), Some(sec)) = (line.required, line.secured)
            && req.currency != sec.currency
        {
            c.report(
                Rule::CurrencyMismatch,
                format!("/resources/lines/{i}/secured/currency"),
                format!(
                    "secured amount is in {} but required amount in {}; state both in one currency",
                    sec.currency, req.currency
                ),
            );
        }
        for (field, m) in [("required", line.required), ("secured", line.secured)] {
            negative_money(c, m, format!("/resources/lines/{i}/{field}/amount"));
        }
    }
    for (i, req) in r.requests.iter().enumerate() {
        if let Some(d) = &req.deliverable {
            check_deliverable_ref(c, ix, d, format!("/resources/requests/{i}/deliverable"));
        }
        negative_money(c, req.cost, format!("/resources/requests/{i}/cost/amount"));
    }
    for (i, p) in r.portfolios.iter().enumerate() {
        match ix.indicator_by_str(p.indicator.as_str()) {
            None => c.report(
                Rule::UnresolvedReference,
                format!("/resources/portfolios/{i}/indicator"),
                format!("no indicator has id `{}`; point the portfolio at its money indicator", p.indicator),
            ),
            Some((_, ind)) if ind.measure.kind() != MeasureKind::Money => c.report(
                Rule::PortfolioNotMoney,
                format!("/resources/portfolios/{i}/indicator"),
                format!(
                    "indicator `{}` is measured as {}, but a portfolio needs a money indicator for its baseline and target",
                    p.indicator,
                    ind.measure.kind().as_str()
                ),
            ),
            Some(_) => {}
        }
    }
}

/// AP009: biennia consecutive, items within them.
fn check_biennia(c: &mut Checker, plan: &ActionPlan) {
    for (i, (before, after)) in plan
        .biennia
        .iter()
        .zip(plan.biennia.iter().skip(1))
        .enumerate()
    {
        if before.next().ok() != Some(*after) {
            c.report(
                Rule::BienniumOutsidePlan,
                format!("/biennia/{}", i.saturating_add(1)),
                format!(
                    "biennium {after} does not follow {before}; list consecutive biennia in order"
                ),
            );
        }
    }
    let biennia: BTreeSet<_> = plan.biennia.iter().collect();
    for (i, item) in plan.items.iter().enumerate() {
        if let Some(b) = item.biennium
            && !plan.biennia.is_empty()
            && !biennia.contains(&b)
        {
            c.report(
                Rule::BienniumOutsidePlan,
                format!("/items/{i}/biennium"),
                format!("biennium {b} is not one of the plan's biennia"),
            );
        }
    }
}

/// AP010: every deliverable belongs to an item.
fn check_unused_deliverables(c: &mut Checker, ix: &PlanIndex<'_>) {
    let plan = ix.plan();
    for (i, d) in plan.deliverables.iter().enumerate() {
        if ix.items_of(d.id.as_str()).next().is_none() {
            c.report(
                Rule::UnusedDeliverable,
                format!("/deliverables/{i}/id"),
                format!(
                    "no follow-up item lists deliverable `{}`; add it to an item's deliverables",
                    d.id
                ),
            );
        }
    }
}

/// AP006: sessions' dates.
fn check_session_dates(c: &mut Checker, plan: &ActionPlan) {
    for (i, s) in plan.sessions.iter().enumerate() {
        if let Some(opens) = s.opens {
            if opens.earliest().year() != i32::from(s.year) {
                c.report(
                    Rule::DatesOutOfOrder,
                    format!("/sessions/{i}/opens"),
                    format!("the session opens in {opens} but its year is {}", s.year),
                );
            }
            if let Some(closes) = s.closes
                && closes < opens.earliest()
            {
                c.report(
                    Rule::DatesOutOfOrder,
                    format!("/sessions/{i}/closes"),
                    format!(
                        "the session closes on {} before it opens ({opens})",
                        crate::calendar::format_date(closes)
                    ),
                );
            }
        }
    }
}

/// AP005 and the measure rules, per indicator.
fn check_indicators(c: &mut Checker, ix: &PlanIndex<'_>) {
    let plan = ix.plan();
    let span = plan.span();
    for (i, d) in plan.deliverables.iter().enumerate() {
        for (j, ind) in d.indicators.iter().enumerate() {
            let at = format!("/deliverables/{i}/indicators/{j}");
            if let (Some(deadline), Some((start, end))) = (ind.deadline, span) {
                if deadline < start || deadline > end {
                    c.report(
                        Rule::DeadlineOutsideSpan,
                        format!("{at}/deadline"),
                        format!("deadline {deadline} lies outside the plan's span {start} to {end}; check the month"),
                    );
                } else if let Some(b) = ix.biennium_of(d.id.as_str())
                    && (deadline < b.start() || deadline > b.end())
                {
                    c.report(
                            Rule::DeadlineOutsideSpan,
                            format!("{at}/deadline"),
                            format!("deadline {deadline} lies outside biennium {b} of the item that plans this deliverable; check the month or the biennium"),
                        );
                }
            }
            check_measure(c, &ind.measure, &format!("{at}/measure"));
        }
    }
}

fn negative_money(c: &mut Checker, m: Option<Money>, pointer: String) {
    if let Some(m) = m
        && m.amount.is_sign_negative()
        && !m.amount.is_zero()
    {
        c.report(
            Rule::NegativeAmount,
            pointer,
            format!("amount {m} is negative; amounts of money are zero or more"),
        );
    }
}

fn beyond(baseline: Decimal, target: Decimal, direction: Direction) -> bool {
    match direction {
        Direction::Decrease => target < baseline,
        _ => target > baseline,
    }
}

/// The member that holds a baseline's figure: the baseline itself in the
/// bare form, its `value` in the dated form.
fn baseline_field(b: Option<&crate::Baseline>) -> &'static str {
    match b {
        Some(b) if !b.is_bare() => "baseline/value",
        _ => "baseline",
    }
}

fn check_measure(c: &mut Checker, m: &Measure, at: &str) {
    match m {
        Measure::Count(cm) => {
            for (field, v) in [
                (baseline_field(cm.baseline.as_ref()), cm.baseline_value()),
                ("target", Some(cm.target)),
            ] {
                if let Some(v) = v {
                    if v.fract() != Decimal::ZERO {
                        c.report(
                            Rule::FractionalCount,
                            format!("{at}/{field}"),
                            format!("a count is a whole number, not {v}"),
                        );
                    }
                    if v.is_sign_negative() && !v.is_zero() {
                        c.report(
                            Rule::NegativeAmount,
                            format!("{at}/{field}"),
                            format!("a count cannot be negative ({v})"),
                        );
                    }
                }
            }
            match (cm.target_mode, cm.baseline_value()) {
                (TargetMode::Additional, None) => c.report(
                    Rule::AdditionalWithoutBaseline,
                    format!("{at}/target_mode"),
                    "the target is additional but no baseline is given; add the baseline or make the target absolute".into(),
                ),
                (TargetMode::Additional, Some(_))
                    if cm.target <= Decimal::ZERO => {
                        c.report(
                            Rule::TargetNotBeyondBaseline,
                            format!("{at}/target"),
                            format!("an additional target must be more than zero, not {}", cm.target),
                        );
                    }
                (TargetMode::Absolute, Some(b)) if !beyond(b, cm.target, cm.direction) => c.report(
                    Rule::TargetNotBeyondBaseline,
                    format!("{at}/target"),
                    format!("target {} does not go beyond baseline {b} in the indicator's direction", cm.target),
                ),
                _ => {}
            }
        }
        Measure::Percentage(p) => {
            let hundred = Decimal::ONE_HUNDRED;
            for (field, v) in [
                (baseline_field(p.baseline.as_ref()), p.baseline_value()),
                ("target", Some(p.target)),
            ] {
                if let Some(v) = v
                    && (v < Decimal::ZERO || v > hundred)
                {
                    c.report(
                        Rule::PercentageOutOfRange,
                        format!("{at}/{field}"),
                        format!("{v} is not a percentage between 0 and 100"),
                    );
                }
            }
            if let Some(b) = p.baseline_value()
                && !beyond(b, p.target, p.direction)
            {
                c.report(
                    Rule::TargetNotBeyondBaseline,
                    format!("{at}/target"),
                    format!(
                        "target {} does not go beyond baseline {b} in the indicator's direction",
                        p.target
                    ),
                );
            }
        }
        Measure::Money(mm) => {
            negative_money(c, Some(mm.target), format!("{at}/target/amount"));
            if let Some(b) = &mm.baseline {
                negative_money(c, Some(b.amount), format!("{at}/baseline/amount/amount"));
                if b.amount.currency != mm.target.currency {
                    c.report(
                        Rule::CurrencyMismatch,
                        format!("{at}/target/currency"),
                        format!("the target is in {} but the baseline in {}; state both in one currency", mm.target.currency, b.amount.currency),
                    );
                } else if !beyond(b.amount.amount, mm.target.amount, mm.direction) {
                    c.report(
                        Rule::TargetNotBeyondBaseline,
                        format!("{at}/target/amount"),
                        format!(
                            "target {} does not go beyond baseline {} in the indicator's direction",
                            mm.target, b.amount
                        ),
                    );
                }
            }
        }
        _ => {}
    }
}

fn check_report(c: &mut Checker, ix: &PlanIndex<'_>, r: &ProgressReport) {
    let rx = ReportIndex::new(r);
    check_report_references(c, ix, r);
    check_footnote_ids(c, r);
    check_indicator_progress(c, ix, &rx, r);
    check_deliverable_progress(c, ix, &rx, r);
}

/// AP002: the sessions a report and its document name.
fn check_report_references(c: &mut Checker, ix: &PlanIndex<'_>, r: &ProgressReport) {
    if let Some(s) = &r.session
        && ix.session(s.as_str()).is_none()
    {
        c.report(
            Rule::UnresolvedReference,
            "/session".into(),
            format!("no session of the plan has id `{s}`"),
        );
    }
    if let Some(doc) = &r.document {
        if ix.session(doc.session.as_str()).is_none() {
            c.report(
                Rule::UnresolvedReference,
                "/document/session".into(),
                format!("no session of the plan has id `{}`", doc.session),
            );
        }
        for (i, rd) in doc.related_documents.iter().enumerate() {
            if let Some(s) = &rd.session
                && ix.session(s.as_str()).is_none()
            {
                c.report(
                    Rule::UnresolvedReference,
                    format!("/document/related_documents/{i}/session"),
                    format!("no session of the plan has id `{s}`"),
                );
            }
        }
    }
}

/// AP001: footnote ids are unique within a report.
fn check_footnote_ids(c: &mut Checker, r: &ProgressReport) {
    let mut footnote_ids = BTreeSet::new();
    for (i, f) in r.footnotes.iter().enumerate() {
        if !footnote_ids.insert(f.id.as_str()) {
            c.report(
                Rule::DuplicateId,
                format!("/footnotes/{i}/id"),
                format!("footnote id `{}` is used twice in this report", f.id),
            );
        }
    }
}

/// AP002: footnote references resolve within the report.
fn check_footnote_refs(c: &mut Checker, rx: &ReportIndex<'_>, ids: &[crate::FootnoteId], at: &str) {
    for (k, f) in ids.iter().enumerate() {
        if rx.footnote(f.as_str()).is_none() {
            let footnotes = c.at("/footnotes");
            c.report(
                Rule::UnresolvedReference,
                format!("{at}/footnotes/{k}"),
                format!("no footnote of this report has id `{f}`; add it under {footnotes}"),
            );
        }
    }
}

/// AP002, AP013 and the observation rules, per indicator entry.
fn check_indicator_progress(
    c: &mut Checker,
    ix: &PlanIndex<'_>,
    rx: &ReportIndex<'_>,
    r: &ProgressReport,
) {
    let mut seen = BTreeMap::new();
    for (i, p) in r.indicators.iter().enumerate() {
        let at = format!("/indicators/{i}");
        if let Some(first) = seen.insert(p.indicator.as_str(), i) {
            let first = c.at(&format!("/indicators/{first}"));
            c.report(
                Rule::DuplicateProgress,
                format!("{at}/indicator"),
                format!(
                    "indicator `{}` already has an entry at {first}; merge the two",
                    p.indicator
                ),
            );
        }
        check_footnote_refs(c, rx, &p.footnotes, &at);
        let Some((_, ind)) = ix.indicator_by_str(p.indicator.as_str()) else {
            c.report(
                Rule::UnresolvedReference,
                format!("{at}/indicator"),
                format!("no indicator of the plan has id `{}`", p.indicator),
            );
            continue;
        };
        let mut previous: Option<DateOrMonth> = None;
        for (k, o) in p.observations.iter().enumerate() {
            let oat = format!("{at}/observations/{k}");
            check_observation(c, r, p, ind, o, &oat, &mut previous);
        }
    }
}

/// AP007, AP014, AP006 and the value rules for one observation; `previous`
/// is the date of the entry's observation before it.
fn check_observation(
    c: &mut Checker,
    report: &ProgressReport,
    entry: &crate::IndicatorProgress,
    ind: &crate::Indicator,
    o: &Observation,
    oat: &str,
    previous: &mut Option<DateOrMonth>,
) {
    let as_of = report.as_of.latest();
    if o.kind() != ind.measure.kind() {
        c.report(
            Rule::ObservationKindMismatch,
            format!("{oat}/kind"),
            format!(
                "indicator `{}` is measured as {}, so its observations must have kind `{}`, not `{}`",
                entry.indicator,
                ind.measure.kind().as_str(),
                ind.measure.kind().as_str(),
                o.kind().as_str()
            ),
        );
    }
    if let Some(date) = o.date() {
        if date.earliest() > as_of {
            c.report(
                Rule::ObservedAfterAsOf,
                format!("{oat}/{}", if matches!(o, Observation::Milestone(_)) { "completed" } else { "as_of" }),
                format!("observed on {date}, after the report's as-of date {}; a report cannot record the future", report.as_of),
            );
        }
        if let Some(prev) = *previous
            && date.latest() < prev.earliest()
        {
            c.report(
                    Rule::DatesOutOfOrder,
                    oat.to_owned(),
                    format!("observation dated {date} follows one dated {prev}; list observations oldest first"),
                );
        }
        *previous = Some(date);
    }
    match (o, &ind.measure) {
        (Observation::Count(v), _) => {
            if v.value.fract() != Decimal::ZERO {
                c.report(
                    Rule::FractionalCount,
                    format!("{oat}/value"),
                    format!("a count is a whole number, not {}", v.value),
                );
            }
            if v.value.is_sign_negative() && !v.value.is_zero() {
                c.report(
                    Rule::NegativeAmount,
                    format!("{oat}/value"),
                    format!("a count cannot be negative ({})", v.value),
                );
            }
        }
        (Observation::Percentage(v), _)
            if (v.value < Decimal::ZERO || v.value > Decimal::ONE_HUNDRED) =>
        {
            c.report(
                Rule::PercentageOutOfRange,
                format!("{oat}/value"),
                format!("{} is not a percentage between 0 and 100", v.value),
            );
        }
        (Observation::Money(mo), Measure::Money(mm)) => {
            negative_money(c, Some(mo.amount), format!("{oat}/amount/amount"));
            if mo.amount.currency != mm.target.currency {
                c.report(
                    Rule::CurrencyMismatch,
                    format!("{oat}/amount/currency"),
                    format!("observed in {} but the indicator's target is in {}; convert before recording", mo.amount.currency, mm.target.currency),
                );
            }
        }
        _ => {}
    }
}

/// AP002, AP013 per deliverable entry.
fn check_deliverable_progress(
    c: &mut Checker,
    ix: &PlanIndex<'_>,
    rx: &ReportIndex<'_>,
    r: &ProgressReport,
) {
    let mut seen = BTreeMap::new();
    for (i, p) in r.deliverables.iter().enumerate() {
        let at = format!("/deliverables/{i}");
        if let Some(first) = seen.insert(p.deliverable.as_str(), i) {
            let first = c.at(&format!("/deliverables/{first}"));
            c.report(
                Rule::DuplicateProgress,
                format!("{at}/deliverable"),
                format!(
                    "deliverable `{}` already has an entry at {first}; merge the two",
                    p.deliverable
                ),
            );
        }
        if ix.deliverable(p.deliverable.as_str()).is_none() {
            c.report(
                Rule::UnresolvedReference,
                format!("{at}/deliverable"),
                format!("no deliverable of the plan has id `{}`", p.deliverable),
            );
        }
        check_footnote_refs(c, rx, &p.footnotes, &at);
    }
}
