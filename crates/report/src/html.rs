//! The report as one self-contained HTML file: inline CSS, inline SVG, no
//! scripts, no network; prints on A4; status shown in words, colour only
//! as a second signal.

use crate::escape::html as esc;
use crate::label::{date_or_month_label, money_label, timeline_label};
use crate::svg;
use crate::view::{CategorySection, ReportView, Row};
use actionplan_model::format_date;
use std::fmt::{self, Write};

const STYLE: &str = r#"
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 1100px; padding: 12px; }
h1 { font-size: 15pt; margin: 0 0 4px 0; }
h2 { font-size: 13pt; margin: 18px 0 6px 0; }
h3 { font-size: 11.5pt; margin: 14px 0 4px 0; }
p.meta { margin: 2px 0; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px 0; }
th, td { border: 1px solid #888; padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
tr.category th { background: #f6f6f6; font-style: italic; }
tr.biennium th { background: #ddd; }
.status { display: inline-block; padding: 1px 6px; border-radius: 3px; color: #fff; font-weight: bold; white-space: nowrap; }
.status::before { content: "\25A0\00A0"; }
.disagreement { display: block; font-size: 8.5pt; color: #333; margin-top: 3px; }
.num { text-align: right; }
sup { font-size: 7pt; }
figure { margin: 8px 0; }
#summary, #portfolios { width: auto; min-width: 40%; }
@media print { .status { color: #000 !important; background: none !important; border: 1px solid #000; } }
"#;

/// Renders the report as a self-contained HTML document.
pub fn render(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
        esc(&view.language),
    )?;
    if let Some(d) = &view.document {
        write!(out, "{} — ", esc(d.symbol))?;
    }
    write!(
        out,
        "{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&view.title)
    )?;
    if let Some(doc) = &view.document {
        writeln!(out, "<h1>{} — {}</h1>", esc(doc.symbol), esc(doc.title))?;
        if let Some(s) = &doc.session {
            writeln!(out, "<p class=\"meta\">{}</p>", esc(s))?;
        }
        if let Some(d) = doc.date {
            writeln!(out, "<p class=\"meta\">Date: {}</p>", esc(&format_date(d)))?;
        }
    }
    writeln!(out, "<h2>{}</h2>", esc(&view.title))?;
    writeln!(
        out,
        "<p class=\"meta\">Evaluated as of {}. The status column gives the standing status: derived from figures and dates where they decide it, otherwise as the report asserts it.</p>",
        esc(&format_date(view.as_of))
    )?;
    writeln!(
        out,
        "<table id=\"results\">\n<thead><tr><th scope=\"col\">Follow-up item (paragraph of the conclusions)</th><th scope=\"col\">Planned deliverables</th><th scope=\"col\">Indicators of achievement, including timeline</th><th scope=\"col\">Progress as of {}</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>",
        esc(&date_or_month_label(view.progress_as_of))
    )?;
    for b in &view.bienniums {
        writeln!(
            out,
            "<tr class=\"biennium\"><th colspan=\"5\" scope=\"rowgroup\">{}</th></tr>",
            esc(&b.heading)
        )?;
        for c in &b.categories {
            writeln!(
                out,
                "<tr class=\"category\"><th colspan=\"5\" scope=\"rowgroup\">{}</th></tr>",
                esc(c.name)
            )?;
            category_rows(out, c, view.as_of)?;
        }
    }
    out.write_str("</tbody>\n</table>\n")?;
    summary(out, view)?;
    resources(out, view)?;
    footnotes(out, view)?;
    out.write_str("</body>\n</html>\n")
}

/// The counts per status, as a table and a chart.
fn summary(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    out.write_str("<h2>Summary of statuses</h2>\n<table id=\"summary\">\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Indicators</th></tr></thead>\n<tbody>\n")?;
    for s in &view.summary {
        writeln!(
            out,
            "<tr data-status=\"{}\"><td>{}</td><td class=\"num\">{}</td></tr>",
            s.status.as_str(),
            Badge(s.status),
            s.count
        )?;
    }
    out.write_str("</tbody>\n</table>\n<figure>\n")?;
    svg::status_chart(out, &view.summary)?;
    out.write_str("\n<figcaption>Indicators per standing status.</figcaption>\n</figure>\n")
}

/// Portfolios, deliverables not fully funded and requests not funded.
fn resources(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    let f = &view.funding;
    // No heading over nothing.
    if f.portfolios.is_empty() && f.underfunded.is_empty() && f.requests.is_empty() {
        return Ok(());
    }
    out.write_str("<h2>Resources</h2>\n")?;
    if !f.portfolios.is_empty() {
        out.write_str("<table id=\"portfolios\">\n<thead><tr><th scope=\"col\">Portfolio</th><th scope=\"col\">Baseline</th><th scope=\"col\">Target</th><th scope=\"col\">Current</th><th scope=\"col\">Gap</th><th scope=\"col\" class=\"num\">Progress</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n")?;
        for p in &f.portfolios {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}{}</td></tr>",
                esc(p.name),
                esc(p.baseline_label().as_deref().unwrap_or("—")),
                esc(&money_label(p.target)),
                esc(&p.current.to_string()),
                esc(&p.gap_label()),
                esc(&p.progress_label()),
                Badge(p.status),
                p.status_note
                    .as_deref()
                    .map_or_else(String::new, |n| format!(
                        "<span class=\"disagreement\">{}</span>",
                        esc(n)
                    ))
            )?;
        }
        out.write_str("</tbody>\n</table>\n")?;
        for (i, p) in f.portfolios.iter().enumerate() {
            out.write_str("<figure>\n")?;
            svg::portfolio_chart(out, p, i)?;
            out.write_str("\n<figcaption>")?;
            svg::portfolio_sentence(out, p)?;
            out.write_str(".</figcaption>\n</figure>\n")?;
        }
    }
    if !f.underfunded.is_empty() {
        out.write_str("<h3>Deliverables not fully funded</h3>\n<ul id=\"underfunded\">\n")?;
        for u in &f.underfunded {
            write!(
                out,
                "<li data-deliverable=\"{}\">{} — <strong>{}</strong>.",
                esc(u.deliverable),
                esc(u.text),
                esc(&u.state()),
            )?;
            for n in &u.notes {
                write!(out, " {}", esc(n))?;
            }
            out.write_str("</li>\n")?;
        }
        out.write_str("</ul>\n")?;
    }
    if !f.requests.is_empty() {
        out.write_str("<h3>Requests received but not funded</h3>\n<ul id=\"requests\">\n")?;
        for r in &f.requests {
            writeln!(out, "<li>{}</li>", esc(&r.summary()))?;
        }
        out.write_str("</ul>\n")?;
    }
    Ok(())
}

/// The progress report's footnotes.
fn footnotes(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    if !view.footnotes.is_empty() {
        out.write_str("<h2>Notes</h2>\n<ol id=\"footnotes\">\n")?;
        for n in &view.footnotes {
            writeln!(
                out,
                "<li id=\"fn-{0}\" value=\"{0}\">{1}</li>",
                n.number,
                esc(n.text)
            )?;
        }
        out.write_str("</ol>\n")?;
    }
    Ok(())
}

/// A status as a coloured badge with its words.
struct Badge(actionplan_model::Status);

impl fmt::Display for Badge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<span class=\"status\" style=\"background:{}\">{}</span>",
            svg::colour(self.0),
            esc(self.0.label())
        )
    }
}

/// How many rows from `start` share the group that starts there. Each group
/// is counted once, at its first row, so the spans of a table cost its
/// number of rows.
fn span(rows: &[Row<'_>], start: usize, first: impl Fn(&Row<'_>) -> bool) -> usize {
    let rest = rows
        .get(start.saturating_add(1)..)
        .unwrap_or_default()
        .iter()
        .take_while(|r| !first(r))
        .count();
    rest.saturating_add(1)
}

fn category_rows(out: &mut impl Write, c: &CategorySection<'_>, as_of: time::Date) -> fmt::Result {
    for (i, row) in c.rows.iter().enumerate() {
        out.write_str("<tr")?;
        if let Some(ind) = &row.indicator {
            write!(out, " data-indicator=\"{}\"", esc(ind.id))?;
        }
        if row.first_of_deliverable {
            write!(out, " data-deliverable=\"{}\"", esc(row.deliverable.id))?;
        }
        out.write_char('>')?;
        if row.first_of_item {
            let n = span(&c.rows, i, |r| r.first_of_item);
            write!(out, "<td rowspan=\"{n}\">")?;
            for it in row.items.iter() {
                write!(out, "<p>{} (", esc(it.text))?;
                for (k, p) in it.paragraphs.iter().enumerate() {
                    if k > 0 {
                        out.write_str(", ")?;
                    }
                    write!(out, "{}", esc(&p.to_string()))?;
                }
                out.write_str(")</p>")?;
            }
            out.write_str("</td>")?;
        }
        if row.first_of_deliverable {
            let n = span(&c.rows, i, |r| r.first_of_deliverable || r.first_of_item);
            let d = &row.deliverable;
            write!(out, "<td rowspan=\"{n}\">")?;
            if let Some(l) = &d.letter {
                write!(out, "{} ", esc(l))?;
            }
            write!(out, "{}", esc(d.text))?;
            for cond in &d.conditions {
                write!(out, " ({})", esc(cond))?;
            }
            out.write_str("</td>")?;
        }
        out.write_str("<td>")?;
        if let Some(i) = &row.indicator {
            if let Some(l) = &i.letter {
                write!(out, "{} ", esc(l))?;
            }
            write!(out, "{}", esc(i.text))?;
            if !i.details.is_empty() {
                out.write_str(" (")?;
                for (k, d) in i.details.iter().enumerate() {
                    if k > 0 {
                        out.write_str("; ")?;
                    }
                    write!(out, "{}", esc(&d.to_string()))?;
                }
                out.write_str(")")?;
            }
            if let Some(t) = i.timeline {
                write!(out, " <em>({})</em>", esc(&timeline_label(t)))?;
            }
        }
        out.write_str("</td><td>")?;
        if let Some(p) = &row.progress {
            write!(out, "{}", esc(p.text))?;
            for n in &p.footnotes {
                write!(out, "<sup><a href=\"#fn-{n}\">{n}</a></sup>")?;
            }
        }
        write!(
            out,
            "</td><td data-status=\"{}\">",
            row.status.map_or("", actionplan_model::Status::as_str)
        )?;
        if let Some(s) = row.status {
            write!(out, "{}", Badge(s))?;
            if let Some(source) = &row.status_source {
                write!(
                    out,
                    "<span class=\"disagreement\">{}</span>",
                    esc(&source.note(as_of))
                )?;
            }
            if let Some(reason) = &row.disagreement {
                write!(out, "<span class=\"disagreement\">{}</span>", esc(reason))?;
            }
            for note in row.cannot_compute {
                write!(
                    out,
                    "<span class=\"disagreement\">{}</span>",
                    esc(&note.to_string())
                )?;
            }
        }
        out.write_str("</td></tr>\n")?;
    }
    Ok(())
}
