//! The report as Markdown that renders on a wiki: one table per category,
//! every value escaped so that file text never becomes markup.

use crate::escape::markdown as md;
use crate::extras::{self, Extra};
use crate::label::{date_or_month_label, money_label};
use crate::view::{ReportView, Row};
use crate::view11::{EvidenceView, Layout};
use actionplan_model::format_date;
use std::fmt::{self, Write};

/// Renders the report as Markdown (without a newline at the end: the caller
/// ends every format with one).
pub fn render(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    if let Some(doc) = &view.document {
        writeln!(out, "# {} — {}\n", md(doc.symbol), md(doc.title))?;
        if let Some(s) = &doc.session {
            writeln!(out, "{}  ", md(s))?;
        }
        if let Some(d) = doc.date {
            writeln!(out, "Date: {}  ", md(&format_date(d)))?;
        }
        out.write_char('\n')?;
    }
    writeln!(out, "## {}\n", md(&view.title))?;
    writeln!(
        out,
        "Evaluated as of {}. Status is the standing status: derived from figures and dates where they decide it, otherwise as the report asserts it.",
        md(&format_date(view.as_of))
    )?;
    if let Some(u) = view.unit {
        writeln!(
            out,
            "\nThe work of {} ({}) only: the deliverables it leads or contributes to, itself or through their follow-up items.",
            md(u.name),
            md(u.id)
        )?;
    }
    for b in &view.bienniums {
        write!(out, "\n### {}\n", md(&b.heading))?;
        for c in &b.categories {
            write!(out, "\n#### {}\n\n", md(c.name))?;
            writeln!(
                out,
                "| Follow-up item (paragraph of the conclusions) | Planned deliverables | Indicators of achievement, including timeline | Progress as of {} | Status |",
                md(&date_or_month_label(view.progress_as_of))
            )?;
            out.write_str("|---|---|---|---|---|\n")?;
            for row in &c.rows {
                out.write_str("| ")?;
                item_cell(out, row, view.layout)?;
                out.write_str(" | ")?;
                deliverable_cell(out, row, view.layout)?;
                out.write_str(" | ")?;
                indicator_cell(out, row, view.layout)?;
                out.write_str(" | ")?;
                progress_cell(out, row)?;
                out.write_str(" | ")?;
                status_cell(out, row, view.as_of)?;
                out.write_str(" |\n")?;
            }
        }
    }
    out.write_str("\n## Summary of statuses\n\n| Status | Indicators |\n|---|---:|\n")?;
    let mut total: usize = 0;
    for s in &view.summary {
        // Each indicator is counted under one status: the sum is at most
        // the number of indicators.
        total = total.saturating_add(s.count);
        writeln!(out, "| {} | {} |", md(&s.label), s.count)?;
    }
    writeln!(out, "| **total** | **{total}** |")?;
    revisions(out, view)?;
    units(out, view)?;
    resources(out, view)?;
    if !view.footnotes.is_empty() {
        out.write_str("\n\n## Notes\n")?;
        for n in &view.footnotes {
            write!(out, "\n[^{}]: {}", n.number, md(n.text))?;
        }
    }
    Ok(())
}

fn item_cell(out: &mut impl Write, row: &Row<'_>, layout: Layout) -> fmt::Result {
    if !row.first_of_item {
        return Ok(());
    }
    for (k, i) in row.items.iter().enumerate() {
        if k > 0 {
            out.write_str("<br><br>")?;
        }
        write!(out, "{} (", md(i.text))?;
        for (k, p) in i.paragraphs.iter().enumerate() {
            if k > 0 {
                out.write_str(", ")?;
            }
            write!(out, "{}", md(&p.to_string()))?;
        }
        out.write_char(')')?;
        lines(out, &extras::item(layout, i))?;
    }
    Ok(())
}

fn deliverable_cell(out: &mut impl Write, row: &Row<'_>, layout: Layout) -> fmt::Result {
    if !row.first_of_deliverable {
        return Ok(());
    }
    let d = &row.deliverable;
    if let Some(l) = &d.letter {
        write!(out, "{} ", md(l))?;
    }
    write!(out, "{}", md(d.text))?;
    for c in &d.conditions {
        write!(out, " ({})", md(c))?;
    }
    lines(out, &extras::deliverable(layout, d))
}

fn indicator_cell(out: &mut impl Write, row: &Row<'_>, layout: Layout) -> fmt::Result {
    let Some(i) = &row.indicator else {
        return Ok(());
    };
    if let Some(l) = &i.letter {
        write!(out, "{} ", md(l))?;
    }
    write!(out, "{}", md(i.text))?;
    if !i.details.is_empty() {
        out.write_str(" (")?;
        for (k, d) in i.details.iter().enumerate() {
            if k > 0 {
                out.write_str("; ")?;
            }
            write!(out, "{}", md(&d.to_string()))?;
        }
        out.write_char(')')?;
    }
    if let Some(t) = extras::timeline(i) {
        write!(out, " ({})", md(&t))?;
    }
    lines(out, &extras::indicator(layout, i))
}

fn progress_cell(out: &mut impl Write, row: &Row<'_>) -> fmt::Result {
    let Some(p) = &row.progress else {
        return Ok(());
    };
    write!(out, "{}", md(p.text))?;
    for n in &p.footnotes {
        write!(out, " [^{n}]")?;
    }
    let extra = extras::progress(p);
    match extra.split_first() {
        // No narrative: the first line needs no break before it.
        Some((first, rest)) if p.text.is_empty() => {
            line(out, first)?;
            lines(out, rest)
        }
        _ => lines(out, &extra),
    }
}

/// Lines under a cell's text, each after a line break.
fn lines(out: &mut impl Write, extra: &[Extra<'_, '_>]) -> fmt::Result {
    for e in extra {
        out.write_str("<br>")?;
        line(out, e)?;
    }
    Ok(())
}

fn line(out: &mut impl Write, e: &Extra<'_, '_>) -> fmt::Result {
    write!(out, "{}", md(&e.text))?;
    for (k, ev) in e.evidence.iter().enumerate() {
        out.write_str(if k == 0 { ": " } else { "; " })?;
        evidence(out, ev)?;
    }
    Ok(())
}

/// A document: its title as a link where its address is http/https (the
/// address is written between angle brackets, which its grammar never
/// contains), otherwise as text.
fn evidence(out: &mut impl Write, e: &EvidenceView<'_>) -> fmt::Result {
    match e.link() {
        Some(url) => write!(out, "[{}](<{url}>)", md(e.title))?,
        None => write!(out, "{}", md(e.title))?,
    }
    let note = e.note();
    if !note.is_empty() {
        write!(out, " ({})", md(&note))?;
    }
    Ok(())
}

/// The resources section, under its heading only where it has content.
fn resources(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    let f = &view.funding;
    if !f.is_empty() {
        out.write_str("\n## Resources")?;
    }
    money_totals(out, view)?;
    if !f.portfolios.is_empty() {
        out.write_str("\n\n| Portfolio | Baseline | Target | Current | Gap | Progress | Status |\n|---|---|---|---|---|---:|---|")?;
        for p in &f.portfolios {
            write!(
                out,
                "\n| {} | {} | {} | {} | {} | {} | {}",
                md(p.name),
                md(p.baseline_label().as_deref().unwrap_or("—")),
                md(&money_label(p.target)),
                md(&p.current.to_string()),
                md(&p.gap_label()),
                md(&p.progress_label()),
                md(p.status.label())
            )?;
            if let Some(note) = &p.status_note {
                write!(out, " — {}", md(note))?;
            }
            out.write_str(" |")?;
        }
    }
    if !f.underfunded.is_empty() {
        out.write_str("\n\nDeliverables not fully funded:\n")?;
        for u in &f.underfunded {
            write!(out, "\n- {} — {}.", md(u.text), md(&u.state()))?;
            for n in &u.notes {
                write!(out, " {}", md(n))?;
            }
        }
    }
    if !f.requests.is_empty() {
        out.write_str("\n\nRequests received but not funded:\n")?;
        for r in &f.requests {
            write!(out, "\n- {}", md(&r.summary()))?;
        }
    }
    Ok(())
}

/// Totals by group, delivery per line and the stated rates (1.1 layout).
fn money_totals(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    let f = &view.funding;
    if !f.totals.is_empty() {
        let converted = f.totals.iter().any(|t| t.totals.in_currency.is_some());
        out.write_str("\n\n| Group | Secured | Approved | Spent | Delivery |")?;
        if converted {
            out.write_str(" In one currency |")?;
        }
        out.write_str("\n|---|---|---|---|---:|")?;
        if converted {
            out.write_str("---|")?;
        }
        for t in &f.totals {
            let name = match t.group {
                "all" => t.name.to_string(),
                g => format!("{g}: {}", t.name),
            };
            write!(
                out,
                "\n| {} | {} | {} | {} | {} |",
                md(&name),
                md(&t.secured_label()),
                md(&t.approved_label()),
                md(&t.spent_label()),
                md(&t.delivery_label())
            )?;
            if converted {
                write!(out, " {} |", md(&t.converted_label().unwrap_or_default()))?;
            }
        }
    }
    if !f.delivery.is_empty() {
        out.write_str("\n\nDelivery by resource line:\n")?;
        for d in &f.delivery {
            write!(out, "\n- {}: {}", md(d.line), md(&d.summary()))?;
        }
    }
    if !f.rates.is_empty() {
        out.write_str("\n\nExchange rates stated in the file:\n")?;
        for r in &f.rates {
            write!(out, "\n- {}", md(r))?;
        }
    }
    Ok(())
}

/// The plan's revisions, in force or not yet.
fn revisions(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    if view.revisions.is_empty() {
        return Ok(());
    }
    out.write_str("\n## Revisions\n\n")?;
    for r in &view.revisions {
        write!(
            out,
            "- {} — {} ({}): {}. {}",
            md(r.id),
            md(r.indicator_text),
            md(r.indicator),
            md(&r.summary()),
            md(r.rationale)
        )?;
        for (k, ev) in r.evidence.iter().enumerate() {
            out.write_str(if k == 0 { " Evidence: " } else { "; " })?;
            evidence(out, ev)?;
        }
        out.write_char('\n')?;
    }
    Ok(())
}

/// What each unit leads and contributes to.
fn units(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    if view.units.is_empty() {
        return Ok(());
    }
    out.write_str("\n## Work by unit\n\n| Unit | Part of | Leads | Contributes to | Indicators | Standing |\n|---|---|---|---|---:|---|\n")?;
    for u in &view.units {
        writeln!(
            out,
            "| {} ({}) | {} | {} | {} | {} | {} |",
            md(u.unit.name),
            md(u.unit.id),
            md(u.parent.map_or("", |p| p.name)),
            md(&u.leads.join(", ")),
            md(&u.contributes.join(", ")),
            u.indicators,
            md(&u.statuses)
        )?;
    }
    Ok(())
}

fn status_cell(out: &mut impl Write, row: &Row<'_>, as_of: time::Date) -> fmt::Result {
    let Some(status) = row.status else {
        return Ok(());
    };
    write!(out, "**{}**", md(status.label()))?;
    if let Some(source) = &row.status_source {
        write!(out, " — {}", md(&source.note(as_of)))?;
    }
    if let Some(reason) = &row.disagreement {
        write!(out, " — {}", md(reason))?;
    }
    for note in row.cannot_compute {
        write!(out, " — {}", md(&note.to_string()))?;
    }
    Ok(())
}
