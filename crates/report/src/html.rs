//! The report as one self-contained HTML file: inline CSS, inline SVG, no
//! scripts, no network; prints on A4; status shown in words, colour only
//! as a second signal.

use crate::escape::html as esc;
use crate::extras::{self, Extra};
use crate::label::{date_or_month_label, money_label};
use crate::svg;
use crate::view::{CategorySection, ReportView, Row};
use crate::view11::{EvidenceView, Layout};
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

/// What the 1.1 layout adds to the style: the lines under a cell.
const STYLE_1_1: &str = "span.extra { display: block; font-size: 8.5pt; color: #333; margin-top: 3px; }\n#units { width: auto; }\n";

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
    // The 1.1 layout's rules come after the 1.0 ones, which stay as they were.
    let more = if view.layout == Layout::Format11 {
        STYLE_1_1
    } else {
        ""
    };
    write!(
        out,
        "{}</title>\n<style>{STYLE}{more}</style>\n</head>\n<body>\n",
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
    if let Some(u) = view.unit {
        writeln!(
            out,
            "<p class=\"meta\" id=\"unit\">The work of {} ({}) only: the deliverables it leads or contributes to, itself or through their follow-up items.</p>",
            esc(u.name),
            esc(u.id)
        )?;
    }
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
            category_rows(out, c, view.as_of, view.layout)?;
        }
    }
    out.write_str("</tbody>\n</table>\n")?;
    summary(out, view)?;
    revisions(out, view)?;
    units(out, view)?;
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
    if f.is_empty() {
        return Ok(());
    }
    out.write_str("<h2>Resources</h2>\n")?;
    money_totals(out, view)?;
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

fn category_rows(
    out: &mut impl Write,
    c: &CategorySection<'_>,
    as_of: time::Date,
    layout: Layout,
) -> fmt::Result {
    for (i, row) in c.rows.iter().enumerate() {
        out.write_str("<tr")?;
        if let Some(ind) = &row.indicator {
            write!(out, " data-indicator=\"{}\"", esc(ind.id))?;
        }
        // Every row names its deliverable in the 1.1 layout; the 1.0
        // layout keeps its output and names it where the deliverable starts.
        if row.first_of_deliverable || layout == Layout::Format11 {
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
                lines(out, &extras::item(layout, it))?;
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
            lines(out, &extras::deliverable(layout, d))?;
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
            if let Some(t) = extras::timeline(i) {
                write!(out, " <em>({})</em>", esc(&t))?;
            }
            lines(out, &extras::indicator(layout, i))?;
        }
        out.write_str("</td><td>")?;
        if let Some(p) = &row.progress {
            write!(out, "{}", esc(p.text))?;
            for n in &p.footnotes {
                write!(out, "<sup><a href=\"#fn-{n}\">{n}</a></sup>")?;
            }
            lines(out, &extras::progress(p))?;
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

/// Lines under a cell's text, each a block of its own.
fn lines(out: &mut impl Write, extra: &[Extra<'_, '_>]) -> fmt::Result {
    for e in extra {
        write!(out, "<span class=\"extra\">{}", esc(&e.text))?;
        for (k, ev) in e.evidence.iter().enumerate() {
            out.write_str(if k == 0 { ": " } else { "; " })?;
            evidence(out, ev)?;
        }
        out.write_str("</span>")?;
    }
    Ok(())
}

/// A document: its title as a link only where its address is http/https
/// (escaped as an attribute value), otherwise as text.
fn evidence(out: &mut impl Write, e: &EvidenceView<'_>) -> fmt::Result {
    match e.link() {
        Some(url) => write!(
            out,
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            esc(url),
            esc(e.title)
        )?,
        None => write!(out, "{}", esc(e.title))?,
    }
    let note = e.note();
    if !note.is_empty() {
        write!(out, " ({})", esc(&note))?;
    }
    Ok(())
}

/// Totals by group with a delivery chart, delivery per line and the
/// stated rates (1.1 layout).
fn money_totals(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    let f = &view.funding;
    if !f.totals.is_empty() {
        let converted = f.totals.iter().any(|t| t.totals.in_currency.is_some());
        out.write_str("<h3>Totals</h3>\n<table id=\"totals\">\n<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Secured</th><th scope=\"col\">Approved</th><th scope=\"col\">Spent</th><th scope=\"col\" class=\"num\">Delivery</th>")?;
        if converted {
            out.write_str("<th scope=\"col\">In one currency</th>")?;
        }
        out.write_str("</tr></thead>\n<tbody>\n")?;
        for t in &f.totals {
            write!(out, "<tr data-group=\"{}\"", t.group)?;
            if let Some(id) = t.id {
                write!(out, " data-id=\"{}\"", esc(id))?;
            }
            let name = match t.group {
                "all" => t.name.to_string(),
                g => format!("{g}: {}", t.name),
            };
            write!(
                out,
                "><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>",
                esc(&name),
                esc(&t.secured_label()),
                esc(&t.approved_label()),
                esc(&t.spent_label()),
                esc(&t.delivery_label())
            )?;
            if converted {
                write!(
                    out,
                    "<td>{}</td>",
                    esc(&t.converted_label().unwrap_or_default())
                )?;
            }
            out.write_str("</tr>\n")?;
        }
        out.write_str("</tbody>\n</table>\n")?;
    }
    if !f.delivery.is_empty() {
        out.write_str("<h3>Delivery by resource line</h3>\n<ul id=\"delivery\">\n")?;
        for d in &f.delivery {
            writeln!(
                out,
                "<li data-line=\"{}\">{}: {}</li>",
                esc(d.line),
                esc(d.line),
                esc(&d.summary())
            )?;
        }
        out.write_str("</ul>\n")?;
        let bars: Vec<(String, Option<rust_decimal::Decimal>)> = f
            .delivery
            .iter()
            .map(|d| (d.line.to_owned(), d.delivery.delivery_percent))
            .collect();
        if bars.iter().any(|(_, p)| p.is_some()) {
            out.write_str("<figure>\n")?;
            svg::delivery_chart(out, &bars)?;
            out.write_str("\n<figcaption>Delivery rate (spent ÷ approved) per resource line.</figcaption>\n</figure>\n")?;
        }
    }
    if !f.rates.is_empty() {
        out.write_str("<h3>Exchange rates stated in the file</h3>\n<ul id=\"rates\">\n")?;
        for r in &f.rates {
            writeln!(out, "<li>{}</li>", esc(r))?;
        }
        out.write_str("</ul>\n")?;
    }
    Ok(())
}

/// The plan's revisions, in force or not yet.
fn revisions(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    if view.revisions.is_empty() {
        return Ok(());
    }
    out.write_str("<h2>Revisions</h2>\n<ul id=\"revisions\">\n")?;
    for r in &view.revisions {
        write!(
            out,
            "<li data-revision=\"{}\" data-indicator=\"{}\"><strong>{}</strong> — {} ({}): {}. {}",
            esc(r.id),
            esc(r.indicator),
            esc(r.id),
            esc(r.indicator_text),
            esc(r.indicator),
            esc(&r.summary()),
            esc(r.rationale)
        )?;
        for (k, ev) in r.evidence.iter().enumerate() {
            out.write_str(if k == 0 { " Evidence: " } else { "; " })?;
            evidence(out, ev)?;
        }
        out.write_str("</li>\n")?;
    }
    out.write_str("</ul>\n")
}

/// What each unit leads and contributes to.
fn units(out: &mut impl Write, view: &ReportView<'_>) -> fmt::Result {
    if view.units.is_empty() {
        return Ok(());
    }
    out.write_str("<h2>Work by unit</h2>\n<table id=\"units\">\n<thead><tr><th scope=\"col\">Unit</th><th scope=\"col\">Part of</th><th scope=\"col\">Leads</th><th scope=\"col\">Contributes to</th><th scope=\"col\" class=\"num\">Indicators</th><th scope=\"col\">Standing</th></tr></thead>\n<tbody>\n")?;
    for u in &view.units {
        writeln!(
            out,
            "<tr data-unit=\"{}\"><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(u.unit.id),
            esc(u.unit.name),
            esc(u.unit.id),
            esc(u.parent.map_or("", |p| p.name)),
            esc(&u.leads.join(", ")),
            esc(&u.contributes.join(", ")),
            u.indicators,
            esc(&u.statuses)
        )?;
    }
    out.write_str("</tbody>\n</table>\n")
}
