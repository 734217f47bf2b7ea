//! Which members of format 1.1 a plan and its reports use: the reader
//! refuses a file that says `"version": "1.0"` and uses one (with the
//! member's pointer), and the writer raises such a file to 1.1.
//!
//! "Uses" means what a 1.0 file cannot hold: a 1.1 member with content (an
//! empty list or the default cumulation is written by no one and is not
//! counted), a dated baseline, a money baseline's comment or source, and
//! the two absences 1.1 allows — an item without a biennium, a plan
//! without biennia.

use crate::{ActionPlan, Deliverable, Indicator, Measure, Observation, ProgressReport, Scope};

/// One use of a format 1.1 member.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Use11 {
    /// What the pointer is relative to (the plan, or a report by index).
    pub scope: Scope,
    /// A JSON pointer to the member, relative to `scope` (`/items/0/span`).
    pub pointer: String,
    /// What is used, for a person: "`span`", "a dated `baseline`", "an
    /// item without `biennium`".
    pub what: &'static str,
    /// Whether writing the content needs version 1.1. False only for a
    /// plan with no biennia and no `period`, which no version holds (the
    /// writer keeps the version, and the reader refuses it).
    pub needs_1_1: bool,
}

struct Finder {
    found: Vec<Use11>,
    first_only: bool,
    scope: Scope,
}

impl Finder {
    fn done(&self) -> bool {
        self.first_only && !self.found.is_empty()
    }

    fn at(&mut self, used: bool, pointer: impl FnOnce() -> String, what: &'static str) {
        if used && !self.done() {
            self.found.push(Use11 {
                scope: self.scope,
                pointer: pointer(),
                what,
                needs_1_1: true,
            });
        }
    }
}

/// Every use of a format 1.1 member in `plan` and `reports`, in document
/// order (the plan first, then each report).
///
/// ```
/// use actionplan_model::{uses_1_1, ActionPlan};
/// let plan: ActionPlan = serde_json::from_str(r#"{
///   "id": "p", "title": {"en": "Plan"},
///   "resolution": {"title": {"en": "Resolution"}, "adopted_at": "ilc-104"},
///   "endorsed_at": "gb-325", "period": {"start": "2017-01", "end": "2021-12"}
/// }"#)?;
/// let uses = uses_1_1(&plan, &[]);
/// assert_eq!(uses[0].pointer, "/period");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn uses_1_1(plan: &ActionPlan, reports: &[ProgressReport]) -> Vec<Use11> {
    let mut f = Finder {
        found: Vec::new(),
        first_only: false,
        scope: Scope::Plan,
    };
    visit(&mut f, plan, reports);
    f.found
}

/// The first use of a format 1.1 member, in document order; `None` when
/// version 1.0 holds the content. Stops at the first use.
pub fn first_use_1_1(plan: &ActionPlan, reports: &[ProgressReport]) -> Option<Use11> {
    let mut f = Finder {
        found: Vec::new(),
        first_only: true,
        scope: Scope::Plan,
    };
    visit(&mut f, plan, reports);
    f.found.into_iter().next()
}

/// Whether writing `plan` and `reports` needs format 1.1.
pub fn needs_1_1(plan: &ActionPlan, reports: &[ProgressReport]) -> bool {
    let mut f = Finder {
        found: Vec::new(),
        first_only: false,
        scope: Scope::Plan,
    };
    visit(&mut f, plan, reports);
    f.found.iter().any(|u| u.needs_1_1)
}

fn visit(f: &mut Finder, plan: &ActionPlan, reports: &[ProgressReport]) {
    f.at(plan.period.is_some(), || "/period".into(), "`period`");
    if plan.biennia.is_empty() && !f.done() {
        f.found.push(Use11 {
            scope: Scope::Plan,
            pointer: "/biennia".into(),
            what: "a plan without `biennia`",
            // With a period, the period already needs 1.1.
            needs_1_1: false,
        });
    }
    for (i, item) in plan.items.iter().enumerate() {
        f.at(
            item.biennium.is_none(),
            || format!("/items/{i}"),
            "an item without `biennium`",
        );
        f.at(item.span.is_some(), || format!("/items/{i}/span"), "`span`");
        f.at(
            item.lead_unit.is_some(),
            || format!("/items/{i}/lead_unit"),
            "`lead_unit`",
        );
        f.at(
            !item.contributing_units.is_empty(),
            || format!("/items/{i}/contributing_units"),
            "`contributing_units`",
        );
    }
    for (i, d) in plan.deliverables.iter().enumerate() {
        deliverable(f, d, &format!("/deliverables/{i}"));
    }
    resources(f, plan);
    f.at(
        !plan.dimensions.is_empty(),
        || "/dimensions".into(),
        "`dimensions`",
    );
    f.at(!plan.units.is_empty(), || "/units".into(), "`units`");
    f.at(
        !plan.partners.is_empty(),
        || "/partners".into(),
        "`partners`",
    );
    f.at(
        !plan.revisions.is_empty(),
        || "/revisions".into(),
        "`revisions`",
    );
    for (r, report) in reports.iter().enumerate() {
        f.scope = Scope::Report(r);
        for (i, p) in report.indicators.iter().enumerate() {
            for (k, o) in p.observations.iter().enumerate() {
                observation(f, o, &format!("/indicators/{i}/observations/{k}"));
            }
        }
        for (i, p) in report.deliverables.iter().enumerate() {
            f.at(
                !p.evidence.is_empty(),
                || format!("/deliverables/{i}/evidence"),
                "`evidence`",
            );
        }
    }
    f.scope = Scope::Plan;
}

fn deliverable(f: &mut Finder, d: &Deliverable, at: &str) {
    f.at(d.span.is_some(), || format!("{at}/span"), "`span`");
    f.at(
        d.lead_unit.is_some(),
        || format!("{at}/lead_unit"),
        "`lead_unit`",
    );
    f.at(
        !d.contributing_units.is_empty(),
        || format!("{at}/contributing_units"),
        "`contributing_units`",
    );
    for (j, ind) in d.indicators.iter().enumerate() {
        indicator(f, ind, &format!("{at}/indicators/{j}"));
    }
}

fn indicator(f: &mut Finder, ind: &Indicator, at: &str) {
    f.at(ind.span.is_some(), || format!("{at}/span"), "`span`");
    let (baseline_dated, targets, cumulation) = match &ind.measure {
        Measure::Count(m) => (
            m.baseline.as_ref().is_some_and(|b| !b.is_bare()),
            m.targets.is_empty(),
            m.cumulation.is_default(),
        ),
        Measure::Percentage(m) => (
            m.baseline.as_ref().is_some_and(|b| !b.is_bare()),
            m.targets.is_empty(),
            m.cumulation.is_default(),
        ),
        Measure::Money(m) => {
            let noted = m
                .baseline
                .as_ref()
                .is_some_and(|b| b.comment.is_some() || b.source.is_some());
            f.at(
                noted,
                || format!("{at}/measure/baseline"),
                "a money baseline's `comment` or `source`",
            );
            (false, m.targets.is_empty(), m.cumulation.is_default())
        }
        _ => (false, true, true),
    };
    f.at(
        baseline_dated,
        || format!("{at}/measure/baseline"),
        "a dated `baseline`",
    );
    f.at(!targets, || format!("{at}/measure/targets"), "`targets`");
    f.at(
        !cumulation,
        || format!("{at}/measure/cumulation"),
        "`cumulation`",
    );
}

fn resources(f: &mut Finder, plan: &ActionPlan) {
    let r = &plan.resources;
    for (i, s) in r.sources.iter().enumerate() {
        f.at(
            s.partner_id.is_some(),
            || format!("/resources/sources/{i}/partner_id"),
            "`partner_id`",
        );
    }
    for (i, line) in r.lines.iter().enumerate() {
        let at = || format!("/resources/lines/{i}");
        f.at(
            line.period.is_some(),
            || format!("{}/period", at()),
            "`period`",
        );
        f.at(line.unit.is_some(), || format!("{}/unit", at()), "`unit`");
        f.at(
            line.approved.is_some(),
            || format!("{}/approved", at()),
            "`approved`",
        );
        f.at(
            line.spent.is_some(),
            || format!("{}/spent", at()),
            "`spent`",
        );
        f.at(
            line.spent_as_of.is_some(),
            || format!("{}/spent_as_of", at()),
            "`spent_as_of`",
        );
    }
    f.at(
        !r.exchange_rates.is_empty(),
        || "/resources/exchange_rates".into(),
        "`exchange_rates`",
    );
}

fn observation(f: &mut Finder, o: &Observation, at: &str) {
    f.at(o.period().is_some(), || format!("{at}/period"), "`period`");
    if let Observation::Count(v) | Observation::Percentage(v) = o {
        f.at(
            !v.disaggregation.is_empty(),
            || format!("{at}/disaggregation"),
            "`disaggregation`",
        );
    }
    f.at(
        !o.evidence().is_empty(),
        || format!("{at}/evidence"),
        "`evidence`",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(extra: &str) -> ActionPlan {
        serde_json::from_str(&format!(
            r#"{{"id": "p", "title": {{"en": "Plan"}},
              "resolution": {{"title": {{"en": "R"}}, "adopted_at": "ilc-104"}},
              "endorsed_at": "gb-325" {extra}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_1_0_plan_uses_nothing_of_1_1() {
        let p = plan(r#", "biennia": ["2016-17"]"#);
        assert!(uses_1_1(&p, &[]).is_empty());
        assert!(!needs_1_1(&p, &[]));
    }

    #[test]
    fn a_plan_without_biennia_or_period_needs_no_version_but_is_a_use() {
        let p = plan("");
        let first = first_use_1_1(&p, &[]).unwrap();
        assert_eq!(first.pointer, "/biennia");
        assert!(!needs_1_1(&p, &[]));
    }

    #[test]
    fn the_first_use_is_in_document_order() {
        let p = plan(
            r#", "period": {"start": "2017-01", "end": "2021-12"},
               "units": [{"id": "u", "name": {"en": "U"}}]"#,
        );
        let all = uses_1_1(&p, &[]);
        let pointers: Vec<_> = all.iter().map(|u| u.pointer.as_str()).collect();
        assert_eq!(pointers, ["/period", "/biennia", "/units"]);
        assert_eq!(first_use_1_1(&p, &[]).unwrap().pointer, "/period");
        assert!(needs_1_1(&p, &[]));
    }
}
