//! Where a resource line is counted: its biennium (or the period it states,
//! where that crosses biennia), its unit and its partner. The look-ups are
//! maps built once per plan, so placing every line is linear.

use crate::lines::biennium_of_line;
use actionplan_model::{
    ActionPlan, Biennium, OrgUnit, Partner, Period, PlanIndex, ResourceLine, Span, UnitId,
};
use std::collections::HashMap;

/// The time frame a line is counted under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placement {
    /// One biennium.
    Biennium(Biennium),
    /// The period the line states, which no single biennium holds.
    Period(Period),
    /// Nothing places it.
    Unplaced,
}

/// The key of a period in `by_period`: `2018-01/2020-12` (ISO 8601 months,
/// so that the keys sort by date).
pub(crate) fn period_key(p: Period) -> String {
    format!("{}/{}", p.start, p.end)
}

/// The plan's units, partners and biennia by id, built once.
pub(crate) struct Places<'a> {
    index: &'a PlanIndex<'a>,
    units: HashMap<&'a str, &'a OrgUnit>,
    partners: HashMap<&'a str, &'a Partner>,
    biennia: &'a [Biennium],
}

impl<'a> Places<'a> {
    pub(crate) fn new(index: &'a PlanIndex<'a>) -> Self {
        let plan: &'a ActionPlan = index.plan();
        let mut units = HashMap::with_capacity(plan.units.len());
        for u in &plan.units {
            units.entry(u.id.as_str()).or_insert(u);
        }
        let mut partners = HashMap::with_capacity(plan.partners.len());
        for p in &plan.partners {
            partners.entry(p.id.as_str()).or_insert(p);
        }
        Places {
            index,
            units,
            partners,
            biennia: &plan.biennia,
        }
    }

    /// The unit declared with id `id`.
    pub(crate) fn unit(&self, id: &str) -> Option<&'a OrgUnit> {
        self.units.get(id).copied()
    }

    /// The partner declared with id `id`.
    pub(crate) fn partner(&self, id: &str) -> Option<&'a Partner> {
        self.partners.get(id).copied()
    }

    /// The biennium that holds `period` wholly: one the plan declares, else
    /// the Office's biennium of that time (biennia begin in even years:
    /// 2016–17, 2018–19).
    pub(crate) fn biennium_holding(&self, period: Period) -> Option<Biennium> {
        let holds = |b: &Biennium| b.start() <= period.start && period.end <= b.end();
        if let Some(b) = self.biennia.iter().find(|b| holds(b)) {
            return Some(*b);
        }
        let year = period.start.year();
        let first = if year.rem_euclid(2) == 0 {
            year
        } else {
            year.checked_sub(1)?
        };
        Biennium::starting(first).ok().filter(holds)
    }

    fn biennium_of_span(&self, span: Span) -> Option<Biennium> {
        match span {
            Span::Biennium(b) => Some(b),
            other => self.biennium_holding(other.period()),
        }
    }

    /// Where `line` is counted in time: its own biennium; else the period it
    /// states (the biennium holding it, or the period itself when it crosses
    /// biennia — a stated period is never overridden by its deliverables');
    /// else its source's biennium; else the one shared by all its
    /// deliverables (each from the first item listing it: the item's
    /// biennium, or its span when one biennium holds it).
    pub(crate) fn placement(&self, line: &ResourceLine) -> Placement {
        if let Some(b) = line.biennium {
            return Placement::Biennium(b);
        }
        if let Some(span) = line.period {
            return match self.biennium_of_span(span) {
                Some(b) => Placement::Biennium(b),
                None => Placement::Period(span.period()),
            };
        }
        if let Some(b) = biennium_of_line(self.index, line) {
            return Placement::Biennium(b);
        }
        let of_deliverable = |d: &str| {
            let item = self.index.items_of(d).next()?;
            item.biennium
                .or_else(|| item.span.and_then(|s| self.biennium_of_span(s)))
        };
        shared(line.deliverables.iter().map(|d| of_deliverable(d.as_str())))
            .map_or(Placement::Unplaced, Placement::Biennium)
    }

    /// The unit `line` is counted under: its own `unit`; else the lead unit
    /// shared by all its deliverables (a deliverable's `lead_unit`, else
    /// that of the first item listing it).
    pub(crate) fn unit_of(&self, line: &'a ResourceLine) -> Option<&'a UnitId> {
        if line.unit.is_some() {
            return line.unit.as_ref();
        }
        let lead = |d: &str| -> Option<&'a UnitId> {
            let deliverable = self.index.deliverable(d)?;
            deliverable
                .lead_unit
                .as_ref()
                .or_else(|| self.index.items_of(d).next()?.lead_unit.as_ref())
        };
        shared(line.deliverables.iter().map(|d| lead(d.as_str())))
    }
}

/// The value every item has, when all have one and agree.
fn shared<T: PartialEq>(mut values: impl Iterator<Item = Option<T>>) -> Option<T> {
    let first = values.next()??;
    for v in values {
        if v.as_ref() != Some(&first) {
            return None;
        }
    }
    Some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(a: &str, b: &str) -> Period {
        Period::new(
            a.parse().unwrap_or_else(|_| unreachable!()),
            b.parse().unwrap_or_else(|_| unreachable!()),
        )
    }

    #[test]
    fn biennia_begin_in_even_years() {
        let plan: ActionPlan = serde_json::from_str(
            r#"{"id": "p", "title": {"en": "P"}, "resolution": {"title": {"en": "R"}, "adopted_at": "ilc"},
                "endorsed_at": "gb", "categories": [], "items": [], "deliverables": []}"#,
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        let index = PlanIndex::new(&plan);
        let places = Places::new(&index);
        let b = |a, z| places.biennium_holding(period(a, z)).map(|b| b.to_string());
        assert_eq!(b("2017-01", "2017-12").as_deref(), Some("2016-17"));
        assert_eq!(b("2018-01", "2019-12").as_deref(), Some("2018-19"));
        assert_eq!(b("2018-01", "2020-12"), None);
        assert_eq!(b("2019-01", "2020-06"), None);
    }
}
