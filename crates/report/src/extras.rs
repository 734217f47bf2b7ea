//! The lines format 1.1 adds under the cells of the table (ids, units, time
//! frames, targets, observations, evidence), decided once for Markdown and
//! HTML, which only escape them their own way. For a plan of the 1.0 shape
//! every list is empty, so the 1.0 output is unchanged.

use crate::view::{DeliverableCell, IndicatorCell, ItemCell, ProgressCell};
use crate::view11::{EvidenceView, Layout, UnitRef};
use std::fmt::Write;

/// A line under a cell: a text, then documents cited (as links where
/// their address is http/https).
pub(crate) struct Extra<'v, 'a> {
    pub text: String,
    pub evidence: &'v [EvidenceView<'a>],
}

impl Extra<'_, '_> {
    fn text(text: String) -> Self {
        Extra {
            text,
            evidence: &[],
        }
    }
}

fn names(units: &[UnitRef<'_>]) -> String {
    units.iter().map(|u| u.name).collect::<Vec<_>>().join("; ")
}

fn units(out: &mut Vec<Extra<'_, '_>>, lead: Option<UnitRef<'_>>, with: &[UnitRef<'_>]) {
    if let Some(u) = lead {
        out.push(Extra::text(format!("Lead unit: {}", u.name)));
    }
    if !with.is_empty() {
        out.push(Extra::text(format!("Contributing units: {}", names(with))));
    }
}

pub(crate) fn item<'v, 'a>(layout: Layout, i: &'v ItemCell<'a>) -> Vec<Extra<'v, 'a>> {
    let mut out = Vec::new();
    if layout == Layout::Format11 {
        out.push(Extra::text(format!("id: {}", i.id)));
    }
    units(&mut out, i.lead_unit, &i.contributing_units);
    out
}

pub(crate) fn deliverable<'v, 'a>(
    layout: Layout,
    d: &'v DeliverableCell<'a>,
) -> Vec<Extra<'v, 'a>> {
    let mut out = Vec::new();
    if layout == Layout::Format11 {
        out.push(Extra::text(format!("id: {}", d.id)));
    }
    if let Some(s) = d.span {
        out.push(Extra::text(format!("Time frame: {s}")));
    }
    units(&mut out, d.lead_unit, &d.contributing_units);
    if let Some(p) = &d.progress
        && !p.text.is_empty()
    {
        let mut text = format!("Progress: {}", p.text);
        if let Some(s) = d.asserted {
            let _ = write!(text, " (reported: {})", s.label());
        }
        out.push(Extra::text(text));
    }
    if let Some(p) = &d.progress {
        out.extend(progress(p));
    }
    out
}

/// The timeline as printed in parentheses: `06/2020, revised from 12/2019 (GB.337)`.
pub(crate) fn timeline(i: &IndicatorCell<'_>) -> Option<String> {
    let t = crate::label::timeline_label(i.timeline?);
    Some(match &i.deadline_revised {
        Some(r) => format!("{t}, {r}"),
        None => t,
    })
}

pub(crate) fn indicator<'v, 'a>(layout: Layout, i: &'v IndicatorCell<'a>) -> Vec<Extra<'v, 'a>> {
    let mut out = Vec::new();
    if layout == Layout::Format11 {
        out.push(Extra::text(format!("id: {}", i.id)));
    }
    if let Some(s) = i.span {
        out.push(Extra::text(format!("Runs over: {s}")));
    }
    if !i.targets.is_empty() {
        let targets: Vec<String> = i.targets.iter().map(ToString::to_string).collect();
        out.push(Extra::text(format!("Targets: {}", targets.join("; "))));
    }
    if let Some(c) = i.cumulation {
        out.push(Extra::text(format!(
            "Values: {}",
            match c {
                actionplan_model::Cumulation::PerPeriod => "counted per period",
                actionplan_model::Cumulation::Level => "a level (the latest value stands)",
                _ => "cumulative",
            }
        )));
    }
    out
}

pub(crate) fn progress<'v, 'a>(p: &'v ProgressCell<'a>) -> Vec<Extra<'v, 'a>> {
    let mut out: Vec<Extra<'v, 'a>> = p
        .observations
        .iter()
        .map(|o| Extra {
            text: format!("Observed: {}", o.summary()),
            evidence: &o.evidence,
        })
        .collect();
    if !p.evidence.is_empty() {
        out.push(Extra {
            text: "Evidence".to_owned(),
            evidence: &p.evidence,
        });
    }
    out
}
