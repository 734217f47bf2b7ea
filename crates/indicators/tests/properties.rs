//! Properties of the evaluation, on domain strategies: small counts, dates
//! within the seed plan's span, month deadlines, optional forecasts.

mod common;

use actionplan_indicators::{Policy, Rollup, evaluate, rolled_up_status, severity};
use actionplan_model::{Status, format_date};
use common::{eval_with, plan, report};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use time::{Date, Duration};

/// 96 cases unless `PROPTEST_CASES` says otherwise: the machines have two cores.
fn config() -> ProptestConfig {
    if std::env::var_os("PROPTEST_CASES").is_some() {
        ProptestConfig::default()
    } else {
        ProptestConfig::with_cases(96)
    }
}

/// The day `offset` days after 1 June 2015 (offsets up to 2000 reach 2020).
fn date(offset: i64) -> Date {
    time::macros::date!(2015 - 06 - 01) + Duration::days(offset)
}

/// A month deadline within the plan's span.
fn deadline() -> impl Strategy<Value = String> {
    (2016i32..=2019, 1u8..=12).prop_map(|(y, m)| format!("{y}-{m:02}"))
}

fn biennium() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("2016-17"), Just("2018-19")]
}

/// A small decimal: mantissa up to a few hundred, scale 0–2.
fn small() -> impl Strategy<Value = Decimal> {
    (-300i64..300, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s))
}

/// A count measure: (baseline, target, mode, direction).
#[derive(Clone, Debug)]
struct Count {
    baseline: Decimal,
    target: Decimal,
    additional: bool,
    increase: bool,
}

impl Count {
    fn json(&self) -> Value {
        json!({"kind": "count", "baseline": self.baseline.to_string(), "target": self.target.to_string(),
               "target_mode": if self.additional { "additional" } else { "absolute" },
               "direction": if self.increase { "increase" } else { "decrease" }})
    }

    /// The same indicator seen the other way up: values negated, direction flipped.
    fn mirrored(&self) -> Count {
        Count {
            baseline: -self.baseline,
            target: if self.additional {
                self.target
            } else {
                -self.target
            },
            additional: self.additional,
            increase: !self.increase,
        }
    }
}

fn count() -> impl Strategy<Value = Count> {
    (small(), 1i64..200, any::<bool>(), any::<bool>()).prop_map(
        |(baseline, t, additional, increase)| {
            let step = Decimal::from(t);
            let target = match (additional, increase) {
                (true, _) => step,
                (false, true) => baseline + step,
                (false, false) => baseline - step,
            };
            Count {
                baseline,
                target,
                additional,
                increase,
            }
        },
    )
}

/// A forecast: by a month, a value, a bound — or none.
#[derive(Clone, Debug)]
struct Fc {
    by: Option<String>,
    value: Option<Decimal>,
    bound: &'static str,
}

impl Fc {
    fn json(&self) -> Value {
        let mut f = json!({"bound": self.bound});
        if let Some(by) = &self.by {
            f["by"] = json!(by);
        }
        if let Some(v) = self.value {
            f["value"] = json!(v.to_string());
        }
        f
    }

    fn mirrored(&self) -> Fc {
        Fc {
            by: self.by.clone(),
            value: self.value.map(|v| -v),
            bound: match self.bound {
                "at_least" => "at_most",
                "at_most" => "at_least",
                b => b,
            },
        }
    }
}

fn forecast() -> impl Strategy<Value = Option<Fc>> {
    proptest::option::of(
        (
            proptest::option::of(deadline()),
            proptest::option::of(small()),
            prop_oneof![Just("about"), Just("at_least"), Just("at_most")],
        )
            .prop_map(|(by, value, bound)| Fc { by, value, bound }),
    )
}

fn entry(
    value: Option<Decimal>,
    observed_on: Date,
    fc: Option<&Fc>,
    asserted: Option<Status>,
) -> Value {
    let mut e = json!({});
    if let Some(v) = value {
        e["observations"] =
            json!([{"kind": "count", "value": v.to_string(), "as_of": format_date(observed_on)}]);
    }
    if let Some(f) = fc {
        e["forecast"] = f.json();
    }
    if let Some(s) = asserted {
        e["status"] = json!(s.as_str());
    }
    e
}

fn status() -> impl Strategy<Value = Status> {
    proptest::sample::select(Status::ALL.to_vec())
}

proptest! {
    #![proptest_config(config())]

    /// More progress never gives a worse status.
    #[test]
    fn more_progress_is_never_worse(
        c in count(), dl in deadline(), b in biennium(), fc in forecast(),
        v in small(), more in 0i64..300, obs in 0i64..2000, after in 0i64..800, waits in any::<bool>(),
        asserted in proptest::option::of(status()),
    ) {
        let p = plan(c.json(), Some(&dl), b);
        let observed_on = date(obs);
        let as_of = observed_on + Duration::days(after);
        let better = if c.increase { v + Decimal::from(more) } else { v - Decimal::from(more) };
        let policy = Policy::default();
        let at = |value: Decimal| {
            let r = [report("r", &format_date(observed_on), entry(Some(value), observed_on, fc.as_ref(), asserted))];
            eval_with(&p, &r, as_of, &policy, waits)
        };
        let (less, more) = (at(v).map_err(|e| TestCaseError::fail(e.to_string()))?, at(better).map_err(|e| TestCaseError::fail(e.to_string()))?);
        prop_assert!(severity(more.derived) <= severity(less.derived), "{:?} then {:?}", less.derived, more.derived);
        prop_assert!(severity(more.standing) <= severity(less.standing), "{:?} then {:?}", less.standing, more.standing);
    }

    /// For a target not yet met, a later as-of date never gives a better
    /// status; an achieved target stays achieved.
    #[test]
    fn time_never_improves_a_status(
        c in count(), dl in deadline(), b in biennium(), fc in forecast(),
        v in proptest::option::of(small()), obs in 0i64..2000, gap1 in 0i64..600, gap2 in 0i64..900,
        waits in any::<bool>(),
    ) {
        let p = plan(c.json(), Some(&dl), b);
        let observed_on = date(obs);
        let r = [report("r", &format_date(observed_on), entry(v, observed_on, fc.as_ref(), None))];
        let first = observed_on + Duration::days(gap1);
        let later = first + Duration::days(gap2);
        let policy = Policy::default();
        let e1 = eval_with(&p, &r, first, &policy, waits).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let e2 = eval_with(&p, &r, later, &policy, waits).map_err(|e| TestCaseError::fail(e.to_string()))?;
        match e1.derived {
            Status::Achieved | Status::AchievedLate => prop_assert_eq!(e2.derived, e1.derived),
            _ => prop_assert!(
                severity(e2.derived) >= severity(e1.derived),
                "{:?} on {} then {:?} on {}", e1.derived, first, e2.derived, later
            ),
        }
    }

    /// An achieved milestone stays achieved, and on time stays on time.
    #[test]
    fn achieved_stays_achieved(
        dl in deadline(), b in biennium(), done in 0i64..2000, gap in 0i64..900, gap2 in 0i64..900,
        asserted in proptest::option::of(status()), waits in any::<bool>(),
    ) {
        let p = plan(json!({"kind": "milestone", "event": "produced"}), Some(&dl), b);
        let completed = date(done);
        let mut e = json!({"observations": [{"kind": "milestone", "completed": format_date(completed)}]});
        if let Some(s) = asserted {
            e["status"] = json!(s.as_str());
        }
        let r = [report("r", &format_date(completed), e)];
        let first = completed + Duration::days(gap);
        let policy = Policy::default();
        let e1 = eval_with(&p, &r, first, &policy, waits).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let e2 = eval_with(&p, &r, first + Duration::days(gap2), &policy, waits).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(matches!(e1.standing, Status::Achieved | Status::AchievedLate));
        prop_assert_eq!(e1.standing, e2.standing);
    }

    /// Mirroring an indicator's direction and values gives the same status
    /// and the same progress.
    #[test]
    fn mirroring_gives_the_same_status(
        c in count(), dl in deadline(), b in biennium(), fc in forecast(),
        v in proptest::option::of(small()), obs in 0i64..2000, after in 0i64..800,
    ) {
        let observed_on = date(obs);
        let as_of = observed_on + Duration::days(after);
        let policy = Policy::default();
        let p = plan(c.json(), Some(&dl), b);
        let r = [report("r", &format_date(observed_on), entry(v, observed_on, fc.as_ref(), None))];
        let m = c.mirrored();
        let mp = plan(m.json(), Some(&dl), b);
        let mfc = fc.as_ref().map(Fc::mirrored);
        let mr = [report("r", &format_date(observed_on), entry(v.map(|v| -v), observed_on, mfc.as_ref(), None))];
        let e = eval_with(&p, &r, as_of, &policy, false).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let me = eval_with(&mp, &mr, as_of, &policy, false).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(e.derived, me.derived);
        prop_assert_eq!(e.progress, me.progress);
        prop_assert_eq!(e.forecast, me.forecast);
        prop_assert_eq!(e.expected.map(|x| -x), me.expected);
    }

    /// A rolled-up status is one of its members' and lies between the best
    /// and the worst of them.
    #[test]
    fn a_roll_up_lies_within_its_members(members in proptest::collection::vec(status(), 1..12)) {
        let r = rolled_up_status(members.iter().copied());
        prop_assert!(members.contains(&r));
        let best = members.iter().map(|s| severity(*s)).min().unwrap_or(0);
        let worst = members.iter().map(|s| severity(*s)).max().unwrap_or(0);
        prop_assert!(best <= severity(r) && severity(r) <= worst);
        let rollup = Rollup::of(members.iter().map(|s| (*s, false)));
        prop_assert_eq!(rollup.total as usize, members.len());
        prop_assert_eq!(rollup.counts.values().sum::<u32>() as usize, members.len());
        prop_assert_eq!(rollup.range().map(|(b, w)| (severity(b), severity(w))), Some((best, worst)));
    }

    /// The same holds for every roll-up of a whole plan evaluation.
    #[test]
    fn plan_roll_ups_lie_within_their_indicators(
        c in count(), dl in deadline(), b in biennium(), v in proptest::option::of(small()),
        obs in 0i64..2000, after in 0i64..800,
    ) {
        let observed_on = date(obs);
        let p = plan(c.json(), Some(&dl), b);
        let r = [report("r", &format_date(observed_on), entry(v, observed_on, None, None))];
        let e = evaluate(&p, &r, observed_on + Duration::days(after), &Policy::default(), &common::waits(false))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let only = e.indicators[0].standing;
        for rollup in [&e.overall, &e.deliverables[0].rollup, &e.items[0].rollup, &e.categories[0].rollup] {
            prop_assert_eq!(rollup.status, only);
        }
    }
}
