//! The rules of the members format 1.1 adds (AP017–AP036, and AP001,
//! AP002, AP011, AP015 where they apply to them): time frames, dated
//! targets and baselines, splits, units, partners, revisions, exchange
//! rates and expenditure.
//!
//! Every look-up goes through a map built once per plan, so the cost grows
//! with the size of the file.

use crate::validate::Checker;
use crate::{
    ActionPlan, DatedTarget, Decimal, Dimension, DimensionKind, Indicator, Measure, Observation,
    Period, PlanIndex, ProgressReport, Rule, Span, Split, YearMonth,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the plan declares, indexed once: dimensions with their codes,
/// units, partners, and the plan's span.
pub(crate) struct Declared<'a> {
    dimensions: BTreeMap<&'a str, (&'a Dimension, BTreeSet<&'a str>)>,
    units: BTreeMap<&'a str, usize>,
    span: Option<Period>,
}

impl<'a> Declared<'a> {
    pub(crate) fn new(plan: &'a ActionPlan) -> Self {
        let mut dimensions = BTreeMap::new();
        for d in &plan.dimensions {
            let codes = d.values.iter().map(|v| v.code.as_str()).collect();
            dimensions.entry(d.id.as_str()).or_insert((d, codes));
        }
        let mut units = BTreeMap::new();
        for (i, u) in plan.units.iter().enumerate() {
            units.entry(u.id.as_str()).or_insert(i);
        }
        Declared {
            dimensions,
            units,
            span: plan.period_or_biennia().filter(|p| p.is_ordered()),
        }
    }
}

/// The plan's rules of format 1.1.
pub(crate) fn check_plan(c: &mut Checker, ix: &PlanIndex<'_>, decl: &Declared<'_>) {
    let plan = ix.plan();
    check_time_frame(c, plan);
    check_items(c, plan, decl);
    check_dimensions(c, plan);
    check_units(c, plan, decl);
    check_partners(c, plan);
    for (i, d) in plan.deliverables.iter().enumerate() {
        let at = format!("/deliverables/{i}");
        check_span(c, d.span, &format!("{at}/span"), decl);
        check_unit_refs(c, decl, d.lead_unit.as_ref(), &d.contributing_units, &at);
        for (j, ind) in d.indicators.iter().enumerate() {
            let at = format!("{at}/indicators/{j}");
            check_span(c, ind.span, &format!("{at}/span"), decl);
            check_targets(c, ind, &format!("{at}/measure"), decl);
        }
    }
    check_revisions(c, ix);
    check_rates(c, plan);
    check_lines(c, plan, decl);
}

/// AP017, AP018, AP019: the plan's own period and biennia.
fn check_time_frame(c: &mut Checker, plan: &ActionPlan) {
    match plan.period {
        Some(p) if !p.is_ordered() => c.report(
            Rule::PeriodReversed,
            "/period/end".into(),
            format!(
                "the period ends ({}) before it starts ({}); swap \"start\" and \"end\"",
                p.end, p.start
            ),
        ),
        Some(p) => {
            for (i, b) in plan.biennia.iter().enumerate() {
                if b.end() < p.start || b.start() > p.end {
                    c.report(
                        Rule::BienniumOutsidePeriod,
                        format!("/biennia/{i}"),
                        format!(
                            "biennium {b} lies outside the plan's period {p}; list only the biennia the period overlaps, or correct the period"
                        ),
                    );
                }
            }
        }
        None if plan.biennia.is_empty() => c.report(
            Rule::NoTimeFrame,
            String::new(),
            "the plan states neither its period nor its biennia; add \"period\": {\"start\": \"2017-01\", \"end\": \"2021-12\"} (its first and last month) or \"biennia\": [\"2016-17\"]".into(),
        ),
        None => {}
    }
}

/// AP017 and AP021 for one span; `at` points at the span.
fn check_span(c: &mut Checker, span: Option<Span>, at: &str, decl: &Declared<'_>) {
    let Some(span) = span else { return };
    let p = span.period();
    if !p.is_ordered() {
        c.report(
            Rule::PeriodReversed,
            format!("{at}/end"),
            format!(
                "the span ends ({}) before it starts ({}); swap \"start\" and \"end\"",
                p.end, p.start
            ),
        );
    } else if let Some(plan) = decl.span
        && !plan.covers(p)
    {
        c.report(
            Rule::SpanOutsidePlan,
            at.to_owned(),
            format!("{span} lies outside the plan's span {plan}; check the months, or widen the plan's period"),
        );
    }
}

/// AP020, AP021, AP002 on items.
fn check_items(c: &mut Checker, plan: &ActionPlan, decl: &Declared<'_>) {
    for (i, item) in plan.items.iter().enumerate() {
        let at = format!("/items/{i}");
        if let (Some(b), Some(s)) = (item.biennium, item.span) {
            c.report(
                Rule::TwoTimeFrames,
                format!("{at}/span"),
                format!("the item names biennium {b} and span {s}; keep one of the two"),
            );
        }
        check_span(c, item.span, &format!("{at}/span"), decl);
        // With biennia listed, AP009 checks the item's biennium against them.
        if plan.biennia.is_empty() {
            check_span(
                c,
                item.biennium.map(Span::Biennium),
                &format!("{at}/biennium"),
                decl,
            );
        }
        check_unit_refs(
            c,
            decl,
            item.lead_unit.as_ref(),
            &item.contributing_units,
            &at,
        );
    }
}

/// AP002: the units an item or deliverable names.
fn check_unit_refs(
    c: &mut Checker,
    decl: &Declared<'_>,
    lead: Option<&crate::UnitId>,
    contributing: &[crate::UnitId],
    at: &str,
) {
    let named = lead
        .map(|u| (u, format!("{at}/lead_unit")))
        .into_iter()
        .chain(
            contributing
                .iter()
                .enumerate()
                .map(|(k, u)| (u, format!("{at}/contributing_units/{k}"))),
        );
    for (u, pointer) in named {
        if !decl.units.contains_key(u.as_str()) {
            c.report(
                Rule::UnresolvedReference,
                pointer,
                format!("no unit has id `{u}`; declare it under /plan/units or fix the id"),
            );
        }
    }
}

/// AP001, AP028: dimensions' ids and codes.
fn check_dimensions(c: &mut Checker, plan: &ActionPlan) {
    let mut ids = BTreeMap::new();
    for (i, d) in plan.dimensions.iter().enumerate() {
        if let Some(first) = ids.insert(d.id.as_str(), i) {
            c.report(
                Rule::DuplicateId,
                format!("/dimensions/{i}/id"),
                format!(
                    "dimension id `{}` is already used at /plan/dimensions/{first}; give each dimension its own id",
                    d.id
                ),
            );
        }
        let mut codes = BTreeMap::new();
        for (j, v) in d.values.iter().enumerate() {
            let at = format!("/dimensions/{i}/values/{j}/code");
            if let Some(first) = codes.insert(v.code.as_str(), j) {
                c.report(
                    Rule::DuplicateId,
                    at.clone(),
                    format!(
                        "code `{}` is already a value of this dimension at /plan/dimensions/{i}/values/{first}; list each value once",
                        v.code
                    ),
                );
            }
            if d.kind == DimensionKind::Country && !crate::country::is_assigned(v.code.as_str()) {
                c.report(
                    Rule::CountryCode,
                    at,
                    format!(
                        "`{}` is not an assigned ISO 3166-1 alpha-2 country code; write two upper-case letters such as `BR` or `CH` (or use kind `region` for a group of countries)",
                        v.code
                    ),
                );
            }
        }
    }
}

/// AP001, AP002, AP029: units' ids, parents and cycles.
fn check_units(c: &mut Checker, plan: &ActionPlan, decl: &Declared<'_>) {
    let mut ids = BTreeMap::new();
    // The parent of each unit, by index; `None` for a root or an unknown parent.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(plan.units.len());
    for (i, u) in plan.units.iter().enumerate() {
        if let Some(first) = ids.insert(u.id.as_str(), i) {
            c.report(
                Rule::DuplicateId,
                format!("/units/{i}/id"),
                format!(
                    "unit id `{}` is already used at /plan/units/{first}; give each unit its own id",
                    u.id
                ),
            );
        }
        let p = u.parent.as_ref().and_then(|p| {
            let found = decl.units.get(p.as_str()).copied();
            if found.is_none() {
                c.report(
                    Rule::UnresolvedReference,
                    format!("/units/{i}/parent"),
                    format!(
                        "no unit has id `{p}`; declare the parent under /plan/units or fix the id"
                    ),
                );
            }
            found
        });
        parent.push(p);
    }
    // Each unit is walked at most once: 0 unvisited, 1 on the current
    // path, 2 done.
    let mut state = vec![0u8; parent.len()];
    for start in 0..parent.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state.get(i).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(i) {
                        *s = 1;
                    }
                    path.push(i);
                    at = parent.get(i).copied().flatten();
                }
                Some(1) => {
                    let id = plan.units.get(i).map_or("", |u| u.id.as_str());
                    c.report(
                        Rule::UnitCycle,
                        format!("/units/{i}/parent"),
                        format!(
                            "unit `{id}` is its own parent through its chain of parents; give the top unit no parent"
                        ),
                    );
                    at = None;
                }
                _ => at = None,
            }
        }
        for i in path {
            if let Some(s) = state.get_mut(i) {
                *s = 2;
            }
        }
    }
}

/// AP001, AP002: partners' ids, and the funding sources that name them.
fn check_partners(c: &mut Checker, plan: &ActionPlan) {
    let mut ids = BTreeMap::new();
    for (i, p) in plan.partners.iter().enumerate() {
        if let Some(first) = ids.insert(p.id.as_str(), i) {
            c.report(
                Rule::DuplicateId,
                format!("/partners/{i}/id"),
                format!(
                    "partner id `{}` is already used at /plan/partners/{first}; give each partner its own id",
                    p.id
                ),
            );
        }
    }
    for (i, s) in plan.resources.sources.iter().enumerate() {
        if let Some(p) = &s.partner_id
            && !ids.contains_key(p.as_str())
        {
            c.report(
                Rule::UnresolvedReference,
                format!("/resources/sources/{i}/partner_id"),
                format!("no partner has id `{p}`; declare it under /plan/partners or fix the id"),
            );
        }
    }
}

/// The final target's value and the dated targets of a measure; `None`
/// for kinds without targets.
fn targets_of(m: &Measure) -> Option<(Decimal, &[DatedTarget])> {
    match m {
        Measure::Count(cm) => Some((cm.target, &cm.targets)),
        Measure::Percentage(p) => Some((p.target, &p.targets)),
        Measure::Money(mm) => Some((mm.target.amount, &mm.targets)),
        _ => None,
    }
}

/// AP022–AP025, AP004, AP008 and the splits of dated targets.
fn check_targets(c: &mut Checker, ind: &Indicator, at: &str, decl: &Declared<'_>) {
    let Some((final_target, targets)) = targets_of(&ind.measure) else {
        return;
    };
    let mut previous: Option<YearMonth> = None;
    for (k, t) in targets.iter().enumerate() {
        let tat = format!("{at}/targets/{k}");
        if let Some(prev) = previous
            && t.by <= prev
        {
            c.report(
                Rule::DatedTargetsOutOfOrder,
                format!("{tat}/by"),
                format!(
                    "this target is due by {}, not after the one before it ({prev}); list dated targets in increasing month order, one per month",
                    t.by
                ),
            );
        }
        previous = Some(t.by);
        if let Some(deadline) = ind.deadline {
            if t.by > deadline {
                c.report(
                    Rule::DatedTargetAfterDeadline,
                    format!("{tat}/by"),
                    format!(
                        "this target is due by {}, after the indicator's deadline {deadline}; move it to {deadline} or earlier, or revise the deadline",
                        t.by
                    ),
                );
            } else if t.by == deadline && t.value != final_target {
                c.report(
                    Rule::FinalTargetMismatch,
                    format!("{tat}/value"),
                    format!(
                        "the target due at the deadline {deadline} is {}, but the measure's target is {final_target}; write the same figure in both, or leave this dated target out",
                        t.value
                    ),
                );
            }
        }
        match &ind.measure {
            Measure::Count(_) if t.value.fract() != Decimal::ZERO => c.report(
                Rule::FractionalCount,
                format!("{tat}/value"),
                format!("a count is a whole number, not {}", t.value),
            ),
            Measure::Percentage(_) if t.value < Decimal::ZERO || t.value > Decimal::ONE_HUNDRED => {
                c.report(
                    Rule::PercentageOutOfRange,
                    format!("{tat}/value"),
                    format!("{} is not a percentage between 0 and 100", t.value),
                );
            }
            _ => {}
        }
        let total = match &ind.measure {
            Measure::Percentage(_) => None,
            _ => Some(t.value),
        };
        check_splits(c, decl, &t.disaggregation, total, &tat);
    }
    check_baseline_date(c, ind, targets, at);
}

/// AP025: a baseline dated after the first dated target or the deadline.
fn check_baseline_date(c: &mut Checker, ind: &Indicator, targets: &[DatedTarget], at: &str) {
    let (date, pointer) = match &ind.measure {
        Measure::Count(m) => (m.baseline.as_ref().and_then(|b| b.date), "baseline/date"),
        Measure::Percentage(m) => (m.baseline.as_ref().and_then(|b| b.date), "baseline/date"),
        // A money baseline's date is a 1.0 member: checked only where the
        // 1.1 dated targets give it something to precede.
        Measure::Money(m) if !targets.is_empty() => {
            (m.baseline.as_ref().map(|b| b.as_of), "baseline/as_of")
        }
        _ => (None, ""),
    };
    let Some(date) = date else { return };
    let first = targets.first().map(|t| (t.by, "the first dated target"));
    let limit = first.or(ind.deadline.map(|d| (d, "the deadline")));
    if let Some((month, what)) = limit
        && date.earliest() > month.last_day()
    {
        c.report(
            Rule::BaselineAfterTarget,
            format!("{at}/{pointer}"),
            format!(
                "the baseline is dated {date}, after {what} ({month}); a baseline describes the start: correct its date"
            ),
        );
    }
}

/// AP026, AP002, AP027 for the splits of one value; `total` is the value
/// the parts add up to (`None` for a percentage, whose shares do not).
fn check_splits(
    c: &mut Checker,
    decl: &Declared<'_>,
    splits: &[Split],
    total: Option<Decimal>,
    at: &str,
) {
    let mut seen = BTreeMap::new();
    for (s, split) in splits.iter().enumerate() {
        let sat = format!("{at}/disaggregation/{s}");
        if let Some(first) = seen.insert(split.dimension.as_str(), s) {
            c.report(
                Rule::SplitTwice,
                format!("{sat}/dimension"),
                format!(
                    "this value is already split along `{}` at {}; merge the two splits",
                    split.dimension,
                    c.at(&format!("{at}/disaggregation/{first}"))
                ),
            );
        }
        match decl.dimensions.get(split.dimension.as_str()) {
            None => c.report(
                Rule::UnresolvedReference,
                format!("{sat}/dimension"),
                format!(
                    "no dimension has id `{}`; declare it under /plan/dimensions or fix the id",
                    split.dimension
                ),
            ),
            Some((_, codes)) => {
                for code in split.values.keys() {
                    if !codes.contains(code.as_str()) {
                        c.report(
                            Rule::UnresolvedReference,
                            format!("{sat}/values/{code}"),
                            format!(
                                "`{code}` is not a value of dimension `{}`; add it to the dimension's values or fix the code",
                                split.dimension
                            ),
                        );
                    }
                }
            }
        }
        if let Some(total) = total {
            match split.total() {
                Some(sum) if sum == total => {}
                Some(sum) => c.report(
                    Rule::SplitSum,
                    sat,
                    format!(
                        "the parts add up to {sum}, but the value split is {total}; correct a part or the value (a split covers the whole value)"
                    ),
                ),
                None => c.report(
                    Rule::SplitSum,
                    sat,
                    format!("the parts are too large to add up (beyond the largest decimal); the value split is {total}"),
                ),
            }
        }
    }
}

/// AP001, AP002, AP030–AP032 on revisions.
fn check_revisions(c: &mut Checker, ix: &PlanIndex<'_>) {
    let plan = ix.plan();
    let mut ids = BTreeMap::new();
    for (i, r) in plan.revisions.iter().enumerate() {
        let at = format!("/revisions/{i}");
        if let Some(first) = ids.insert(r.id.as_str(), i) {
            c.report(
                Rule::DuplicateId,
                format!("{at}/id"),
                format!(
                    "revision id `{}` is already used at /plan/revisions/{first}; give each revision its own id",
                    r.id
                ),
            );
        }
        if r.deadline.is_none() && r.target.is_none() {
            c.report(
                Rule::RevisionChangesNothing,
                at.clone(),
                "the revision changes nothing; give the new \"deadline\" (\"2020-06\"), the new \"target\" (\"25\"), or both".into(),
            );
        }
        if r.decided_at.is_none() && r.document.is_none() {
            c.report(
                Rule::RevisionWithoutDecision,
                at.clone(),
                "the revision names no decision; give the session that decided it (\"decided_at\": \"gb-337\") or the document that records it (\"document\": \"GB.337/INS/5\")".into(),
            );
        }
        if let Some(s) = &r.decided_at
            && ix.session(s.as_str()).is_none()
        {
            c.report(
                Rule::UnresolvedReference,
                format!("{at}/decided_at"),
                format!("no session has id `{s}`; describe it under /plan/sessions or fix the id"),
            );
        }
        let Some((_, ind)) = ix.indicator_by_str(r.indicator.as_str()) else {
            c.report(
                Rule::UnresolvedReference,
                format!("{at}/indicator"),
                format!(
                    "no indicator has id `{}`; name the indicator the revision changes",
                    r.indicator
                ),
            );
            continue;
        };
        let targets = targets_of(&ind.measure);
        if r.target.is_some() && targets.is_none() {
            c.report(
                Rule::RevisionTargetOnKind,
                format!("{at}/target"),
                format!(
                    "indicator `{}` is measured as {}, which has no target to revise; revise its deadline instead",
                    r.indicator,
                    ind.measure.kind().as_str()
                ),
            );
        }
        if let (Some(by), Some((_, dated))) = (r.target_by, targets)
            && !dated.iter().any(|t| t.by == by)
        {
            c.report(
                Rule::RevisionTargetOnKind,
                format!("{at}/target_by"),
                format!(
                    "indicator `{}` has no dated target due by {by}; name the month of one of its dated targets, or leave \"target_by\" out to revise the final target",
                    r.indicator
                ),
            );
        }
    }
}

/// AP033–AP035 on exchange rates.
fn check_rates(c: &mut Checker, plan: &ActionPlan) {
    let mut seen = HashMap::new();
    for (i, r) in plan.resources.exchange_rates.iter().enumerate() {
        let at = format!("/resources/exchange_rates/{i}");
        if r.rate <= Decimal::ZERO {
            c.report(
                Rule::ExchangeRateNotPositive,
                format!("{at}/rate"),
                format!(
                    "the rate from {} to {} on {} is {}; a rate is the number of {} for one {}, more than zero",
                    r.from, r.to, r.date, r.rate, r.to, r.from
                ),
            );
        }
        if r.from == r.to {
            c.report(
                Rule::ExchangeRateSameCurrency,
                format!("{at}/to"),
                format!(
                    "the rate converts {} into itself; name the other currency in \"to\"",
                    r.from
                ),
            );
        }
        match seen.get(&(r.from, r.to, r.date)) {
            Some(&(first, rate)) if rate != r.rate => c.report(
                Rule::ExchangeRateConflict,
                format!("{at}/rate"),
                format!(
                    "the rate from {} to {} on {} is already stated as {rate} at /plan/resources/exchange_rates/{first}; keep the rate the Office used",
                    r.from, r.to, r.date
                ),
            ),
            Some(_) => {}
            None => {
                seen.insert((r.from, r.to, r.date), (i, r.rate));
            }
        }
    }
}

/// AP002, AP011, AP015, AP017, AP020, AP021, AP036 on resource lines.
fn check_lines(c: &mut Checker, plan: &ActionPlan, decl: &Declared<'_>) {
    for (i, line) in plan.resources.lines.iter().enumerate() {
        let at = format!("/resources/lines/{i}");
        if let (Some(b), Some(p)) = (line.biennium, line.period) {
            c.report(
                Rule::TwoTimeFrames,
                format!("{at}/period"),
                format!("the line names biennium {b} and period {p}; keep one of the two"),
            );
        }
        check_span(c, line.period, &format!("{at}/period"), decl);
        if let Some(u) = &line.unit
            && !decl.units.contains_key(u.as_str())
        {
            c.report(
                Rule::UnresolvedReference,
                format!("{at}/unit"),
                format!("no unit has id `{u}`; declare it under /plan/units or fix the id"),
            );
        }
        for (field, m) in [("approved", line.approved), ("spent", line.spent)] {
            if let Some(m) = m
                && m.amount.is_sign_negative()
                && !m.amount.is_zero()
            {
                c.report(
                    Rule::NegativeAmount,
                    format!("{at}/{field}/amount"),
                    format!("amount {m} is negative; amounts of money are zero or more"),
                );
            }
        }
        if let (Some(approved), Some(spent)) = (line.approved, line.spent) {
            if approved.currency != spent.currency {
                c.report(
                    Rule::CurrencyMismatch,
                    format!("{at}/spent/currency"),
                    format!(
                        "the expenditure is in {} but the approved amount in {}; state both in one currency",
                        spent.currency, approved.currency
                    ),
                );
            } else if spent.amount > approved.amount {
                c.report(
                    Rule::SpentBeyondApproved,
                    format!("{at}/spent/amount"),
                    format!(
                        "the expenditure {spent} is more than the approved {approved}; check both figures (a delivery rate above 100% is reported as it is)"
                    ),
                );
            }
        }
    }
}

/// The rules of format 1.1 on one report: observations' periods and splits.
pub(crate) fn check_report(c: &mut Checker, decl: &Declared<'_>, r: &ProgressReport) {
    for (i, p) in r.indicators.iter().enumerate() {
        for (k, o) in p.observations.iter().enumerate() {
            let at = format!("/indicators/{i}/observations/{k}");
            check_span(c, o.period(), &format!("{at}/period"), decl);
            match o {
                Observation::Count(v) => {
                    check_splits(c, decl, &v.disaggregation, Some(v.value), &at);
                }
                Observation::Percentage(v) => check_splits(c, decl, &v.disaggregation, None, &at),
                _ => {}
            }
        }
    }
}
