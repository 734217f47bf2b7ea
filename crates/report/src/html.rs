//! The report as one self-contained HTML file: inline CSS, inline SVG, no
//! scripts, no network; prints on A4; status shown in words, colour only
//! as a second signal.

use crate::escape::html as esc;
use crate::svg;
use crate::view::{CategorySection, ReportView, Row};
use std::fmt::Write;

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
pub fn render(view: &ReportView) -> String {
    let mut out = String::new();
    let title = match &view.document {
        Some(d) => format!("{} — {}", d.symbol, view.title),
        None => view.title.clone(),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&view.language),
        esc(&title)
    );
    if let Some(doc) = &view.document {
        let _ = writeln!(out, "<h1>{} — {}</h1>", esc(&doc.symbol), esc(&doc.title));
        if let Some(s) = &doc.session {
            let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(s));
        }
        if let Some(d) = &doc.date {
            let _ = writeln!(out, "<p class=\"meta\">Date: {}</p>", esc(d));
        }
    }
    let _ = writeln!(out, "<h2>{}</h2>", esc(&view.title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">Evaluated as of {}. The status column gives the standing status: derived from figures and dates where they decide it, otherwise as the report asserts it.</p>",
        esc(&view.as_of)
    );
    let _ = writeln!(
        out,
        "<table id=\"results\">\n<thead><tr><th scope=\"col\">Follow-up item (paragraph of the conclusions)</th><th scope=\"col\">Planned deliverables</th><th scope=\"col\">Indicators of achievement, including timeline</th><th scope=\"col\">Progress as of {}</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>",
        esc(&view.as_of_label)
    );
    for b in &view.bienniums {
        let _ = writeln!(
            out,
            "<tr class=\"biennium\"><th colspan=\"5\" scope=\"rowgroup\">{}</th></tr>",
            esc(&b.heading)
        );
        for c in &b.categories {
            let _ = writeln!(
                out,
                "<tr class=\"category\"><th colspan=\"5\" scope=\"rowgroup\">{}</th></tr>",
                esc(&c.name)
            );
            category_rows(&mut out, c);
        }
    }
    out.push_str("</tbody>\n</table>\n");

    out.push_str("<h2>Summary of statuses</h2>\n<table id=\"summary\">\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Indicators</th></tr></thead>\n<tbody>\n");
    for s in &view.summary {
        let _ = writeln!(
            out,
            "<tr data-status=\"{}\"><td>{}</td><td class=\"num\">{}</td></tr>",
            s.status.as_str(),
            badge(s.status),
            s.count
        );
    }
    out.push_str("</tbody>\n</table>\n<figure>\n");
    out.push_str(&svg::status_chart(&view.summary));
    out.push_str("\n<figcaption>Indicators per standing status.</figcaption>\n</figure>\n");

    out.push_str("<h2>Resources</h2>\n");
    let f = &view.funding;
    if !f.portfolios.is_empty() {
        out.push_str("<table id=\"portfolios\">\n<thead><tr><th scope=\"col\">Portfolio</th><th scope=\"col\">Baseline</th><th scope=\"col\">Target</th><th scope=\"col\">Current</th><th scope=\"col\">Gap</th><th scope=\"col\" class=\"num\">Progress</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
        for p in &f.portfolios {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(&p.name),
                esc(p.baseline.as_deref().unwrap_or("—")),
                esc(&p.target),
                esc(&p.current),
                esc(&p.gap),
                esc(&p.progress_label),
                badge(p.status)
            );
        }
        out.push_str("</tbody>\n</table>\n");
        for (i, p) in f.portfolios.iter().enumerate() {
            let _ = writeln!(
                out,
                "<figure>\n{}\n<figcaption>{}.</figcaption>\n</figure>",
                svg::portfolio_chart(p, i),
                esc(&svg::portfolio_sentence(p))
            );
        }
    }
    if !f.underfunded.is_empty() {
        out.push_str("<h3>Deliverables not fully funded</h3>\n<ul id=\"underfunded\">\n");
        for u in &f.underfunded {
            let _ = writeln!(
                out,
                "<li data-deliverable=\"{}\">{} — <strong>{}</strong>.{}</li>",
                esc(&u.deliverable),
                esc(&u.text),
                esc(&u.state),
                u.notes
                    .iter()
                    .map(|n| format!(" {}", esc(n)))
                    .collect::<String>()
            );
        }
        out.push_str("</ul>\n");
    }
    if !f.requests.is_empty() {
        out.push_str("<h3>Requests received but not funded</h3>\n<ul id=\"requests\">\n");
        for r in &f.requests {
            let _ = writeln!(out, "<li>{}</li>", esc(&r.summary));
        }
        out.push_str("</ul>\n");
    }
    if !view.footnotes.is_empty() {
        out.push_str("<h2>Notes</h2>\n<ol id=\"footnotes\">\n");
        for n in &view.footnotes {
            let _ = writeln!(
                out,
                "<li id=\"fn-{0}\" value=\"{0}\">{1}</li>",
                n.number,
                esc(&n.text)
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn badge(status: actionplan_model::Status) -> String {
    format!(
        "<span class=\"status\" style=\"background:{}\">{}</span>",
        svg::colour(status),
        esc(status.label())
    )
}

/// How many rows from `start` share the group that starts there.
fn span(rows: &[Row], start: usize, first: impl Fn(&Row) -> bool) -> usize {
    1 + rows[start + 1..].iter().take_while(|r| !first(r)).count()
}

fn category_rows(out: &mut String, c: &CategorySection) {
    for (i, row) in c.rows.iter().enumerate() {
        let indicator_attr = row
            .indicator
            .as_ref()
            .map(|ind| format!(" data-indicator=\"{}\"", esc(&ind.id)))
            .unwrap_or_default();
        let _ = write!(out, "<tr{indicator_attr}>");
        if row.first_of_item {
            let n = span(&c.rows, i, |r| r.first_of_item);
            let items = row
                .items
                .iter()
                .map(|it| {
                    format!(
                        "<p>{} ({})</p>",
                        esc(&it.text),
                        esc(&it.paragraphs.join(", "))
                    )
                })
                .collect::<String>();
            let _ = write!(out, "<td rowspan=\"{n}\">{items}</td>");
        }
        if row.first_of_deliverable {
            let n = span(&c.rows, i, |r| r.first_of_deliverable || r.first_of_item);
            let d = &row.deliverable;
            let mut cell = String::new();
            if let Some(l) = &d.letter {
                let _ = write!(cell, "{} ", esc(l));
            }
            cell.push_str(&esc(&d.text));
            for cond in &d.conditions {
                let _ = write!(cell, " ({})", esc(cond));
            }
            let _ = write!(out, "<td rowspan=\"{n}\">{cell}</td>");
        }
        let mut ind = String::new();
        if let Some(i) = &row.indicator {
            if let Some(l) = &i.letter {
                let _ = write!(ind, "{} ", esc(l));
            }
            ind.push_str(&esc(&i.text));
            if !i.details.is_empty() {
                let _ = write!(ind, " ({})", esc(&i.details.join("; ")));
            }
            if let Some(t) = &i.timeline {
                let _ = write!(ind, " <em>({})</em>", esc(t));
            }
        }
        let _ = write!(out, "<td>{ind}</td>");
        let mut prog = String::new();
        if let Some(p) = &row.progress {
            prog.push_str(&esc(&p.text));
            for n in &p.footnotes {
                let _ = write!(prog, "<sup><a href=\"#fn-{n}\">{n}</a></sup>");
            }
        }
        let _ = write!(out, "<td>{prog}</td>");
        let mut st = String::new();
        if let Some(s) = row.status {
            st.push_str(&badge(s));
            if let Some(reason) = &row.disagreement {
                let _ = write!(st, "<span class=\"disagreement\">{}</span>", esc(reason));
            }
        }
        let _ = writeln!(
            out,
            "<td data-status=\"{}\">{st}</td></tr>",
            row.status.map(|s| s.as_str()).unwrap_or("")
        );
    }
}
