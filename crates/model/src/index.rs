//! One index of a plan, built once (see [`PlanIndex`]).

use crate::{
    ActionPlan, Biennium, Category, Deliverable, FollowUpItem, FundingSource, Indicator,
    IndicatorProgress, Portfolio, ProgressReport, ResourceLine, Session, UnfundedRequest,
};
use std::collections::HashMap;

/// Where an object of the plan sits, as the indices of [`ActionPlan`]'s lists.
///
/// The positions are those of the JSON arrays, so a [`Location`] turns into
/// a JSON pointer with [`Location::pointer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// The plan itself (`/id`).
    Plan,
    /// `/sessions/i`.
    Session(usize),
    /// `/categories/i`.
    Category(usize),
    /// `/items/i`.
    Item(usize),
    /// `/deliverables/i`.
    Deliverable(usize),
    /// `/deliverables/i/indicators/j`.
    Indicator(usize, usize),
    /// `/resources/sources/i`.
    Source(usize),
    /// `/resources/lines/i`.
    Line(usize),
    /// `/resources/requests/i`.
    Request(usize),
    /// `/resources/portfolios/i`.
    Portfolio(usize),
}

impl Location {
    /// The JSON pointer of the object's `id`, relative to the plan
    /// (`/deliverables/3/indicators/0/id`).
    pub fn pointer(self) -> String {
        match self {
            Location::Plan => "/id".to_owned(),
            Location::Session(i) => format!("/sessions/{i}/id"),
            Location::Category(i) => format!("/categories/{i}/id"),
            Location::Item(i) => format!("/items/{i}/id"),
            Location::Deliverable(i) => format!("/deliverables/{i}/id"),
            Location::Indicator(i, j) => format!("/deliverables/{i}/indicators/{j}/id"),
            Location::Source(i) => format!("/resources/sources/{i}/id"),
            Location::Line(i) => format!("/resources/lines/{i}/id"),
            Location::Request(i) => format!("/resources/requests/{i}/id"),
            Location::Portfolio(i) => format!("/resources/portfolios/{i}/id"),
        }
    }
}

/// An id claimed by a second object of the plan (rule AP001).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duplicate<'a> {
    /// The id.
    pub id: &'a str,
    /// The object that claimed it first (the one look-ups return).
    pub first: Location,
    /// The object that claimed it again.
    pub again: Location,
}

/// One index of a plan, built once: every relation between a plan's objects
/// that validation, evaluation, funding and rendering ask about, answered by
/// map look-up instead of a search of the plan's lists.
///
/// A search per object ("which item plans this deliverable?") is what makes a
/// stage quadratic; deriving the same relation in three crates is how they
/// come to disagree. [`PlanIndex`] computes each relation once, in one pass
/// over the plan, and every crate borrows it.
///
/// Where a file repeats an id (which [`validate`](crate::validate) reports as
/// AP001), the index answers with the **first** object of that id, as a search
/// in document order would; the later ones are listed by
/// [`PlanIndex::duplicates`].
///
/// ```
/// use actionplan_model::{ActionPlan, PlanIndex};
/// let plan: ActionPlan = serde_json::from_str(r#"{
///   "id": "p", "title": {"en": "Plan"},
///   "resolution": {"title": {"en": "R"}, "adopted_at": "ilc"},
///   "endorsed_at": "gb", "biennia": ["2016-17", "2018-19"],
///   "categories": [{"id": "k", "name": {"en": "Knowledge"}}],
///   "items": [
///     {"id": "a", "text": {"en": "A"}, "paragraphs": ["21"], "category": "k",
///      "biennium": "2018-19", "deliverables": ["shared"]},
///     {"id": "b", "text": {"en": "B"}, "paragraphs": ["9(a)"], "category": "k",
///      "biennium": "2016-17", "deliverables": ["shared"]}
///   ],
///   "deliverables": [{"id": "shared", "text": {"en": "Shared"}, "indicators": [
///     {"id": "i", "text": {"en": "I"}, "measure": {"kind": "qualitative"}}
///   ]}]
/// }"#)?;
/// let index = PlanIndex::new(&plan);
/// let items: Vec<&str> = index.items_of("shared").map(|it| it.id.as_str()).collect();
/// assert_eq!(items, ["a", "b"]);
/// // A deliverable's biennium is that of the first item listing it.
/// assert_eq!(index.biennium_of("shared").unwrap().to_string(), "2018-19");
/// let (deliverable, indicator) = index.indicator_by_str("i").unwrap();
/// assert_eq!((deliverable.id.as_str(), indicator.id.as_str()), ("shared", "i"));
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// The index is computed in time linear in the plan's size.
///
/// Ids share one namespace in a plan (a session and an item may not share
/// an id), but each look-up only answers with an object of its own kind.
#[derive(Clone, Debug)]
pub struct PlanIndex<'a> {
    plan: &'a ActionPlan,
    ids: HashMap<&'a str, Location>,
    duplicates: Vec<Duplicate<'a>>,
    /// Per deliverable position: the positions of the items listing it, in
    /// plan order, each once.
    items_of: Vec<Vec<usize>>,
    /// Per deliverable position: the positions of the resource lines naming it.
    lines_of: Vec<Vec<usize>>,
    /// Position of the first object of each kind with a given id, for kinds
    /// whose id a later object of another kind may shadow in `ids`.
    sessions: HashMap<&'a str, usize>,
    categories: HashMap<&'a str, usize>,
    items: HashMap<&'a str, usize>,
    deliverables: HashMap<&'a str, usize>,
    indicators: HashMap<&'a str, (usize, usize)>,
    sources: HashMap<&'a str, usize>,
    requests: HashMap<&'a str, usize>,
    /// Per deliverable position, per indicator position: the portfolios
    /// measured by that indicator.
    portfolios_of: HashMap<(usize, usize), Vec<usize>>,
}

fn first<'a, T: Copy>(map: &mut HashMap<&'a str, T>, id: &'a str, value: T) {
    map.entry(id).or_insert(value);
}

impl<'a> PlanIndex<'a> {
    /// Indexes `plan`: one pass over its lists.
    pub fn new(plan: &'a ActionPlan) -> Self {
        // Sized up front: growing a map of a million ids rehashes it twenty times.
        let indicators: usize = plan
            .deliverables
            .iter()
            .fold(0, |n, d| n.saturating_add(d.indicators.len()));
        let r = &plan.resources;
        let objects = [
            plan.sessions.len(),
            plan.categories.len(),
            plan.items.len(),
            plan.deliverables.len(),
            indicators,
            r.sources.len(),
            r.lines.len(),
            r.requests.len(),
            r.portfolios.len(),
        ]
        .iter()
        .fold(1usize, |n, k| n.saturating_add(*k));
        let mut index = PlanIndex {
            plan,
            ids: HashMap::with_capacity(objects),
            duplicates: Vec::new(),
            items_of: vec![Vec::new(); plan.deliverables.len()],
            lines_of: vec![Vec::new(); plan.deliverables.len()],
            sessions: HashMap::with_capacity(plan.sessions.len()),
            categories: HashMap::with_capacity(plan.categories.len()),
            items: HashMap::with_capacity(plan.items.len()),
            deliverables: HashMap::with_capacity(plan.deliverables.len()),
            indicators: HashMap::with_capacity(indicators),
            sources: HashMap::with_capacity(plan.resources.sources.len()),
            requests: HashMap::with_capacity(plan.resources.requests.len()),
            portfolios_of: HashMap::new(),
        };
        index.claim(plan.id.as_str(), Location::Plan);
        for (i, s) in plan.sessions.iter().enumerate() {
            index.claim(s.id.as_str(), Location::Session(i));
            first(&mut index.sessions, s.id.as_str(), i);
        }
        for (i, c) in plan.categories.iter().enumerate() {
            index.claim(c.id.as_str(), Location::Category(i));
            first(&mut index.categories, c.id.as_str(), i);
        }
        for (i, it) in plan.items.iter().enumerate() {
            index.claim(it.id.as_str(), Location::Item(i));
            first(&mut index.items, it.id.as_str(), i);
        }
        for (i, d) in plan.deliverables.iter().enumerate() {
            index.claim(d.id.as_str(), Location::Deliverable(i));
            first(&mut index.deliverables, d.id.as_str(), i);
            for (j, ind) in d.indicators.iter().enumerate() {
                index.claim(ind.id.as_str(), Location::Indicator(i, j));
                first(&mut index.indicators, ind.id.as_str(), (i, j));
            }
        }
        for (i, s) in r.sources.iter().enumerate() {
            index.claim(s.id.as_str(), Location::Source(i));
            first(&mut index.sources, s.id.as_str(), i);
        }
        for (i, l) in r.lines.iter().enumerate() {
            index.claim(l.id.as_str(), Location::Line(i));
        }
        for (i, q) in r.requests.iter().enumerate() {
            index.claim(q.id.as_str(), Location::Request(i));
            first(&mut index.requests, q.id.as_str(), i);
        }
        for (i, p) in r.portfolios.iter().enumerate() {
            index.claim(p.id.as_str(), Location::Portfolio(i));
        }

        // Relations, now that every id has its position.
        for (i, it) in plan.items.iter().enumerate() {
            for d in &it.deliverables {
                if let Some(&k) = index.deliverables.get(d.as_str())
                    && let Some(list) = index.items_of.get_mut(k)
                    && list.last() != Some(&i)
                {
                    // An item listing one deliverable twice counts once; the
                    // check on `last` suffices because `i` only grows.
                    list.push(i);
                }
            }
        }
        for (i, l) in r.lines.iter().enumerate() {
            for d in &l.deliverables {
                if let Some(&k) = index.deliverables.get(d.as_str())
                    && let Some(list) = index.lines_of.get_mut(k)
                    && list.last() != Some(&i)
                {
                    list.push(i);
                }
            }
        }
        for (i, p) in r.portfolios.iter().enumerate() {
            if let Some(&at) = index.indicators.get(p.indicator.as_str()) {
                index.portfolios_of.entry(at).or_default().push(i);
            }
        }
        index
    }

    fn claim(&mut self, id: &'a str, at: Location) {
        match self.ids.get(id) {
            Some(&first) => self.duplicates.push(Duplicate {
                id,
                first,
                again: at,
            }),
            None => {
                self.ids.insert(id, at);
            }
        }
    }

    /// The plan indexed.
    pub fn plan(&self) -> &'a ActionPlan {
        self.plan
    }

    /// Where the object that first claimed `id` sits, whatever its kind.
    pub fn locate(&self, id: &str) -> Option<Location> {
        self.ids.get(id).copied()
    }

    /// Ids claimed more than once, in document order of the second claim.
    pub fn duplicates(&self) -> &[Duplicate<'a>] {
        &self.duplicates
    }

    /// The session with id `id`.
    pub fn session(&self, id: &str) -> Option<&'a Session> {
        let plan = self.plan;
        self.sessions.get(id).and_then(|&i| plan.sessions.get(i))
    }

    /// The category with id `id`.
    pub fn category(&self, id: &str) -> Option<&'a Category> {
        let plan = self.plan;
        self.categories
            .get(id)
            .and_then(|&i| plan.categories.get(i))
    }

    /// The follow-up item with id `id`.
    pub fn item(&self, id: &str) -> Option<&'a FollowUpItem> {
        let plan = self.plan;
        self.items.get(id).and_then(|&i| plan.items.get(i))
    }

    /// The position of deliverable `id` in the plan's list.
    pub fn deliverable_position(&self, id: &str) -> Option<usize> {
        self.deliverables.get(id).copied()
    }

    /// The deliverable with id `id`.
    pub fn deliverable(&self, id: &str) -> Option<&'a Deliverable> {
        let plan = self.plan;
        self.deliverable_position(id)
            .and_then(|i| plan.deliverables.get(i))
    }

    /// The indicator with id `id` and the deliverable it belongs to.
    pub fn indicator_by_str(&self, id: &str) -> Option<(&'a Deliverable, &'a Indicator)> {
        let (i, j) = self.indicator_position(id)?;
        let d = self.plan.deliverables.get(i)?;
        Some((d, d.indicators.get(j)?))
    }

    /// The position (deliverable, indicator) of indicator `id`.
    pub fn indicator_position(&self, id: &str) -> Option<(usize, usize)> {
        self.indicators.get(id).copied()
    }

    /// The funding source with id `id`.
    pub fn source(&self, id: &str) -> Option<&'a FundingSource> {
        let plan = self.plan;
        self.sources
            .get(id)
            .and_then(|&i| plan.resources.sources.get(i))
    }

    /// The unfunded request with id `id`.
    pub fn request(&self, id: &str) -> Option<&'a UnfundedRequest> {
        let plan = self.plan;
        self.requests
            .get(id)
            .and_then(|&i| plan.resources.requests.get(i))
    }

    /// The items that list deliverable `id`, in plan order, each once.
    pub fn items_of<'s>(
        &'s self,
        id: &str,
    ) -> impl Iterator<Item = &'a FollowUpItem> + use<'a, 's> {
        let plan = self.plan;
        self.deliverable_position(id)
            .map(|k| self.items_of_position(k))
            .unwrap_or_default()
            .iter()
            .filter_map(move |&i| plan.items.get(i))
    }

    /// The positions of the items that list the deliverable at position `k`.
    pub fn items_of_position(&self, k: usize) -> &[usize] {
        self.items_of.get(k).map_or(&[], Vec::as_slice)
    }

    /// The biennium a deliverable is planned for: that of the first item
    /// that lists it.
    pub fn biennium_of(&self, id: &str) -> Option<Biennium> {
        self.items_of(id).next().and_then(|it| it.biennium)
    }

    /// The deliverables of an item, in the item's order (unresolved ids are
    /// skipped).
    pub fn deliverables_of<'s>(
        &'s self,
        item: &'a FollowUpItem,
    ) -> impl Iterator<Item = &'a Deliverable> + use<'a, 's> {
        item.deliverables
            .iter()
            .filter_map(move |id| self.deliverable(id.as_str()))
    }

    /// The resource lines that name deliverable `id`, in plan order.
    pub fn lines_of<'s>(
        &'s self,
        id: &str,
    ) -> impl Iterator<Item = &'a ResourceLine> + use<'a, 's> {
        let plan = self.plan;
        self.deliverable_position(id)
            .and_then(|k| self.lines_of.get(k))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(move |&i| plan.resources.lines.get(i))
    }

    /// The portfolios measured by indicator `id`.
    pub fn portfolios_of<'s>(
        &'s self,
        id: &str,
    ) -> impl Iterator<Item = &'a Portfolio> + use<'a, 's> {
        let plan = self.plan;
        self.indicator_position(id)
            .and_then(|at| self.portfolios_of.get(&at))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(move |&i| plan.resources.portfolios.get(i))
    }
}

/// The entries of one progress report by the id they speak of, built once.
///
/// As with [`PlanIndex`], a repeated entry (AP013) is answered with the first.
#[derive(Clone, Debug)]
pub struct ReportIndex<'a> {
    report: &'a ProgressReport,
    indicators: HashMap<&'a str, usize>,
    deliverables: HashMap<&'a str, usize>,
    footnotes: HashMap<&'a str, usize>,
}

impl<'a> ReportIndex<'a> {
    /// Indexes `report`: one pass over its entries.
    pub fn new(report: &'a ProgressReport) -> Self {
        let mut indicators = HashMap::with_capacity(report.indicators.len());
        for (i, p) in report.indicators.iter().enumerate() {
            first(&mut indicators, p.indicator.as_str(), i);
        }
        let mut deliverables = HashMap::with_capacity(report.deliverables.len());
        for (i, p) in report.deliverables.iter().enumerate() {
            first(&mut deliverables, p.deliverable.as_str(), i);
        }
        let mut footnotes = HashMap::with_capacity(report.footnotes.len());
        for (i, f) in report.footnotes.iter().enumerate() {
            first(&mut footnotes, f.id.as_str(), i);
        }
        ReportIndex {
            report,
            indicators,
            deliverables,
            footnotes,
        }
    }

    /// The report indexed.
    pub fn report(&self) -> &'a ProgressReport {
        self.report
    }

    /// The position of the first entry for indicator `id`.
    pub fn indicator_position(&self, id: &str) -> Option<usize> {
        self.indicators.get(id).copied()
    }

    /// The first entry for indicator `id`.
    pub fn indicator(&self, id: &str) -> Option<&'a IndicatorProgress> {
        let report = self.report;
        self.indicator_position(id)
            .and_then(|i| report.indicators.get(i))
    }

    /// The position of the first entry for deliverable `id`.
    pub fn deliverable_position(&self, id: &str) -> Option<usize> {
        self.deliverables.get(id).copied()
    }

    /// The first entry for deliverable `id`.
    pub fn deliverable(&self, id: &str) -> Option<&'a crate::DeliverableProgress> {
        let report = self.report;
        self.deliverable_position(id)
            .and_then(|i| report.deliverables.get(i))
    }

    /// The position of the first footnote with id `id`.
    pub fn footnote_position(&self, id: &str) -> Option<usize> {
        self.footnotes.get(id).copied()
    }

    /// The first footnote with id `id`.
    pub fn footnote(&self, id: &str) -> Option<&'a crate::Footnote> {
        let report = self.report;
        self.footnote_position(id)
            .and_then(|i| report.footnotes.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(json: &str) -> ActionPlan {
        serde_json::from_str(json).unwrap()
    }

    const BASE: &str = r#"{
      "id": "p", "title": {"en": "Plan"},
      "resolution": {"title": {"en": "R"}, "adopted_at": "ilc"},
      "endorsed_at": "gb", "biennia": ["2016-17"],
      "sessions": [{"id": "gb", "body": "governing_body", "number": 325, "year": 2015}],
      "categories": [{"id": "k", "name": {"en": "K"}}],
      "items": [
        {"id": "a", "text": {"en": "A"}, "paragraphs": ["21"], "category": "k",
         "biennium": "2016-17", "deliverables": ["d", "d", "e"]},
        {"id": "gb", "text": {"en": "B"}, "paragraphs": ["21"], "category": "k",
         "biennium": "2016-17", "deliverables": ["d"]}
      ],
      "deliverables": [
        {"id": "d", "text": {"en": "D"}, "indicators": [
          {"id": "i", "text": {"en": "I"}, "measure": {"kind": "qualitative"}}]},
        {"id": "e", "text": {"en": "E"}},
        {"id": "d", "text": {"en": "D again"}}
      ]
    }"#;

    #[test]
    fn an_item_listing_a_deliverable_twice_counts_once() {
        let p = plan(BASE);
        let ix = PlanIndex::new(&p);
        let ids: Vec<_> = ix.items_of("d").map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "gb"]);
        assert_eq!(ix.items_of("e").count(), 1);
        assert_eq!(ix.items_of("nothing").count(), 0);
    }

    #[test]
    fn duplicates_answer_with_the_first_and_are_listed() {
        let p = plan(BASE);
        let ix = PlanIndex::new(&p);
        assert_eq!(
            ix.deliverable("d").unwrap().text.get(crate::Language::En),
            Some("D")
        );
        let dups: Vec<_> = ix
            .duplicates()
            .iter()
            .map(|d| (d.id, d.first, d.again))
            .collect();
        assert_eq!(
            dups,
            [
                ("gb", Location::Session(0), Location::Item(1)),
                ("d", Location::Deliverable(0), Location::Deliverable(2)),
            ]
        );
        // Each look-up answers with its own kind, even under a shared id.
        assert_eq!(
            ix.item("gb").unwrap().text.get(crate::Language::En),
            Some("B")
        );
        assert_eq!(ix.session("gb").unwrap().number, 325);
        assert!(ix.session("a").is_none());
    }

    #[test]
    fn locations_point_at_ids() {
        assert_eq!(
            Location::Indicator(3, 0).pointer(),
            "/deliverables/3/indicators/0/id"
        );
        assert_eq!(Location::Plan.pointer(), "/id");
    }
}
