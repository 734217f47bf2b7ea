//! Writing the envelope as a stream: the envelope, plan, resources and
//! reports are serialized by hand, field by field in the order and with the
//! omissions of the model's derives, and their long lists are serialized
//! from iterators as they are generated. A test checks that the bytes equal
//! those of the model values serialized whole.

use crate::{Error, Generator};
use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// A list serialized from a fresh iterator, element by element.
struct Lazy<F>(F);

impl<F, I, T> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator<Item = Result<T, Error>>,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for element in (self.0)() {
            seq.serialize_element(&element.map_err(S::Error::custom)?)?;
        }
        seq.end()
    }
}

/// The whole file.
pub(crate) struct EnvelopeOut<'a>(pub(crate) &'a Generator);

impl Serialize for EnvelopeOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut e = s.serialize_struct("Envelope", 4)?;
        e.serialize_field("format", "actionplan")?;
        e.serialize_field("version", g.shape().version())?;
        e.serialize_field("plan", &PlanOut(g))?;
        e.serialize_field(
            "reports",
            &Lazy(|| (0..g.reports).map(move |r| Ok(ReportOut(g, r)))),
        )?;
        e.end()
    }
}

struct PlanOut<'a>(&'a Generator);

impl Serialize for PlanOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let h = g.plan_head().map_err(S::Error::custom)?;
        let mut p = s.serialize_struct("ActionPlan", 13)?;
        p.serialize_field("id", &h.id)?;
        p.serialize_field("title", &h.title)?;
        p.serialize_field("resolution", &h.resolution)?;
        p.serialize_field("endorsed_at", &h.endorsed_at)?;
        if let Some(unit) = &h.responsible_unit {
            p.serialize_field("responsible_unit", unit)?;
        }
        if let Some(period) = &h.period {
            p.serialize_field("period", period)?;
        }
        p.serialize_field("biennia", &h.biennia)?;
        if !h.reporting.is_empty() {
            p.serialize_field("reporting", &h.reporting)?;
        }
        if !h.sessions.is_empty() {
            p.serialize_field("sessions", &h.sessions)?;
        }
        if !h.categories.is_empty() {
            p.serialize_field("categories", &h.categories)?;
        }
        // Every generated plan has items, deliverables and resources.
        p.serialize_field("items", &Lazy(|| g.items()))?;
        p.serialize_field("deliverables", &Lazy(|| g.deliverables()))?;
        p.serialize_field("resources", &ResourcesOut(g))?;
        if g.is_1_1() {
            // Never empty in the 1.1 shape: two dimensions, three
            // portfolios, a partner per source, a revision of the first
            // indicator.
            let dimensions = Generator::dimensions().map_err(S::Error::custom)?;
            p.serialize_field("dimensions", &dimensions)?;
            p.serialize_field("units", &Lazy(|| g.units()))?;
            p.serialize_field("partners", &Lazy(|| g.funding_partners()))?;
            p.serialize_field("revisions", &Lazy(|| g.revisions()))?;
        }
        p.end()
    }
}

struct ResourcesOut<'a>(&'a Generator);

impl Serialize for ResourcesOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut r = s.serialize_struct("Resources", 4)?;
        r.serialize_field("sources", &Lazy(|| g.sources()))?;
        r.serialize_field("lines", &Lazy(|| g.lines()))?;
        r.serialize_field("requests", &Lazy(|| g.requests()))?;
        r.serialize_field("portfolios", &Lazy(|| g.portfolios()))?;
        if g.is_1_1() {
            // A pair of rates a year: never empty.
            let rates = g.exchange_rates().map_err(S::Error::custom)?;
            r.serialize_field("exchange_rates", &rates)?;
        }
        r.end()
    }
}

struct ReportOut<'a>(&'a Generator, u64);

impl Serialize for ReportOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (g, i) = (self.0, self.1);
        let head = g.report_head(i).map_err(S::Error::custom)?;
        let mut r = s.serialize_struct("ProgressReport", 12)?;
        r.serialize_field("id", &head.id)?;
        r.serialize_field("as_of", &head.as_of)?;
        if let Some(session) = &head.session {
            r.serialize_field("session", session)?;
        }
        if let Some(document) = &head.document {
            r.serialize_field("document", document)?;
        }
        // Every generated report has indicator and deliverable entries.
        r.serialize_field("indicators", &Lazy(|| g.entries(i)))?;
        r.serialize_field("deliverables", &Lazy(|| g.deliverable_entries(i)))?;
        if !head.sections.is_empty() {
            r.serialize_field("sections", &head.sections)?;
        }
        if !head.lessons_learned.is_empty() {
            r.serialize_field("lessons_learned", &head.lessons_learned)?;
        }
        if !head.challenges.is_empty() {
            r.serialize_field("challenges", &head.challenges)?;
        }
        if !head.conclusions.is_empty() {
            r.serialize_field("conclusions", &head.conclusions)?;
        }
        if !head.footnotes.is_empty() {
            r.serialize_field("footnotes", &head.footnotes)?;
        }
        r.end()
    }
}
