//! The report as Markdown that renders on a wiki: one table per category,
//! every value escaped so that file text never becomes markup.

use crate::escape::markdown as md;
use crate::view::{ReportView, Row};
use std::fmt::Write;

/// Renders the report as Markdown.
pub fn render(view: &ReportView) -> String {
    let mut out = String::new();
    if let Some(doc) = &view.document {
        let _ = writeln!(out, "# {} — {}\n", md(&doc.symbol), md(&doc.title));
        if let Some(s) = &doc.session {
            let _ = writeln!(out, "{}  ", md(s));
        }
        if let Some(d) = &doc.date {
            let _ = writeln!(out, "Date: {}  ", md(d));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", md(&view.title));
    let _ = writeln!(
        out,
        "Evaluated as of {}. Status is the standing status: derived from figures and dates where they decide it, otherwise as the report asserts it.\n",
        md(&view.as_of)
    );
    for b in &view.bienniums {
        let _ = writeln!(out, "### {}\n", md(&b.heading));
        for c in &b.categories {
            let _ = writeln!(out, "#### {}\n", md(&c.name));
            let _ = writeln!(
                out,
                "| Follow-up item (paragraph of the conclusions) | Planned deliverables | Indicators of achievement, including timeline | Progress as of {} | Status |",
                md(&view.as_of_label)
            );
            out.push_str("|---|---|---|---|---|\n");
            for row in &c.rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    item_cell(row),
                    deliverable_cell(row),
                    indicator_cell(row),
                    progress_cell(row),
                    status_cell(row)
                );
            }
            out.push('\n');
        }
    }
    out.push_str("## Summary of statuses\n\n| Status | Indicators |\n|---|---:|\n");
    let mut total = 0;
    for s in &view.summary {
        total += s.count;
        let _ = writeln!(out, "| {} | {} |", md(&s.label), s.count);
    }
    let _ = writeln!(out, "| **total** | **{total}** |\n");
    out.push_str("## Resources\n\n");
    let f = &view.funding;
    if !f.portfolios.is_empty() {
        out.push_str("| Portfolio | Baseline | Target | Current | Gap | Progress | Status |\n|---|---|---|---|---|---:|---|\n");
        for p in &f.portfolios {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md(&p.name),
                md(p.baseline.as_deref().unwrap_or("—")),
                md(&p.target),
                md(&p.current),
                md(&p.gap),
                md(&p.progress_label),
                md(p.status.label())
            );
        }
        out.push('\n');
    }
    if !f.underfunded.is_empty() {
        out.push_str("Deliverables not fully funded:\n\n");
        for u in &f.underfunded {
            let _ = writeln!(
                out,
                "- {} — {}.{}",
                md(&u.text),
                md(&u.state),
                u.notes
                    .iter()
                    .map(|n| format!(" {}", md(n)))
                    .collect::<String>()
            );
        }
        out.push('\n');
    }
    if !f.requests.is_empty() {
        out.push_str("Requests received but not funded:\n\n");
        for r in &f.requests {
            let _ = writeln!(out, "- {}", md(&r.summary));
        }
        out.push('\n');
    }
    if !view.footnotes.is_empty() {
        out.push_str("## Notes\n\n");
        for n in &view.footnotes {
            let _ = writeln!(out, "[^{}]: {}", n.number, md(&n.text));
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn item_cell(row: &Row) -> String {
    if !row.first_of_item {
        return String::new();
    }
    row.items
        .iter()
        .map(|i| format!("{} ({})", md(&i.text), md(&i.paragraphs.join(", "))))
        .collect::<Vec<_>>()
        .join("<br><br>")
}

fn deliverable_cell(row: &Row) -> String {
    if !row.first_of_deliverable {
        return String::new();
    }
    let d = &row.deliverable;
    let mut s = String::new();
    if let Some(l) = &d.letter {
        s.push_str(&md(l));
        s.push(' ');
    }
    s.push_str(&md(&d.text));
    for c in &d.conditions {
        let _ = write!(s, " ({})", md(c));
    }
    s
}

fn indicator_cell(row: &Row) -> String {
    let Some(i) = &row.indicator else {
        return String::new();
    };
    let mut s = String::new();
    if let Some(l) = &i.letter {
        s.push_str(&md(l));
        s.push(' ');
    }
    s.push_str(&md(&i.text));
    if !i.details.is_empty() {
        let _ = write!(s, " ({})", md(&i.details.join("; ")));
    }
    if let Some(t) = &i.timeline {
        let _ = write!(s, " ({})", md(t));
    }
    s
}

fn progress_cell(row: &Row) -> String {
    let Some(p) = &row.progress else {
        return String::new();
    };
    let mut s = md(&p.text);
    for n in &p.footnotes {
        let _ = write!(s, " [^{n}]");
    }
    s
}

fn status_cell(row: &Row) -> String {
    let Some(status) = row.status else {
        return String::new();
    };
    let mut s = format!("**{}**", md(status.label()));
    if let Some(reason) = &row.disagreement {
        let _ = write!(s, " — {}", md(reason));
    }
    s
}
