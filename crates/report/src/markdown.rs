//! The report as Markdown that renders on a wiki: one table per category,
//! every value escaped so that file text never becomes markup.

use crate::escape::markdown as md;
use crate::label::{date_or_month_label, money_label, timeline_label};
use crate::view::{ReportView, Row};
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
                item_cell(out, row)?;
                out.write_str(" | ")?;
                deliverable_cell(out, row)?;
                out.write_str(" | ")?;
                indicator_cell(out, row)?;
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
    let f = &view.funding;
    // No heading over nothing.
    if !(f.portfolios.is_empty() && f.underfunded.is_empty() && f.requests.is_empty()) {
        out.write_str("\n## Resources")?;
    }
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
    if !view.footnotes.is_empty() {
        out.write_str("\n\n## Notes\n")?;
        for n in &view.footnotes {
            write!(out, "\n[^{}]: {}", n.number, md(n.text))?;
        }
    }
    Ok(())
}

fn item_cell(out: &mut impl Write, row: &Row<'_>) -> fmt::Result {
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
    }
    Ok(())
}

fn deliverable_cell(out: &mut impl Write, row: &Row<'_>) -> fmt::Result {
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
    Ok(())
}

fn indicator_cell(out: &mut impl Write, row: &Row<'_>) -> fmt::Result {
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
    if let Some(t) = i.timeline {
        write!(out, " ({})", md(&timeline_label(t)))?;
    }
    Ok(())
}

fn progress_cell(out: &mut impl Write, row: &Row<'_>) -> fmt::Result {
    let Some(p) = &row.progress else {
        return Ok(());
    };
    write!(out, "{}", md(p.text))?;
    for n in &p.footnotes {
        write!(out, " [^{n}]")?;
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
