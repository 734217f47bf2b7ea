//! Inline SVG charts for the HTML report: indicators per status, and each
//! portfolio's progress from its baseline to its target. Every bar carries
//! its label and number as text, so colour is never the only signal.

use crate::escape::html as esc;
use crate::view::{PortfolioLine, StatusCount};
use actionplan_model::Status;
use std::fmt::Write;

/// The fill colour of a status; always paired with the status's words.
pub fn colour(status: Status) -> &'static str {
    match status {
        Status::Achieved => "#1b7f3b",
        Status::AchievedLate => "#5a9e6f",
        Status::OnTrack => "#1f5fa8",
        Status::AtRisk => "#8a5a00",
        Status::Overdue => "#b3261e",
        Status::NotStarted => "#6b6b6b",
        Status::PendingResources => "#7a4fa3",
        _ => "#9e9e9e",
    }
}

const WIDTH: u32 = 640;
const LABEL: u32 = 170;
const BAR: u32 = 22;
const GAP: u32 = 8;

/// A horizontal bar chart of indicators per status (statuses with no
/// indicator are left out).
pub fn status_chart(summary: &[StatusCount]) -> String {
    let shown: Vec<&StatusCount> = summary.iter().filter(|s| s.count > 0).collect();
    let max = shown.iter().map(|s| s.count).max().unwrap_or(1).max(1);
    let height = (shown.len() as u32) * (BAR + GAP) + GAP;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="status-chart-title" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"><title id="status-chart-title">Indicators per status</title>"#
    );
    let span = WIDTH - LABEL - 60;
    for (i, s) in shown.iter().enumerate() {
        let y = GAP + (i as u32) * (BAR + GAP);
        let w = ((s.count as u64 * u64::from(span)) / max as u64).max(2);
        let _ = write!(
            out,
            r#"<text x="{x}" y="{ty}" font-size="13" text-anchor="end">{label}</text><rect x="{LABEL}" y="{y}" width="{w}" height="{BAR}" fill="{fill}"/><text x="{cx}" y="{ty}" font-size="13">{count}</text>"#,
            x = LABEL - 8,
            ty = y + 16,
            label = esc(&s.label),
            fill = colour(s.status),
            cx = u64::from(LABEL) + w + 6,
            count = s.count,
        );
    }
    out.push_str("</svg>");
    out
}

/// The sentence a portfolio's chart says, for its `<title>` and caption.
pub fn portfolio_sentence(p: &PortfolioLine) -> String {
    format!(
        "{}: {} of the way from {} to {} (now {})",
        p.name,
        p.progress_label,
        p.baseline.as_deref().unwrap_or("zero"),
        p.target,
        p.current
    )
}

/// A bar from baseline (0 %) to target (100 %) with the current position;
/// the amounts at both ends and the percentage are written on it.
pub fn portfolio_chart(p: &PortfolioLine, index: usize) -> String {
    let height = 64;
    let track = WIDTH - 20;
    // The fraction is our own four-decimal text; clamp what a bar can show.
    let fraction = p
        .progress_fraction
        .as_deref()
        .and_then(|f| f.parse::<rust_decimal::Decimal>().ok())
        .unwrap_or_default()
        .clamp(rust_decimal::Decimal::ZERO, rust_decimal::Decimal::ONE);
    let filled = (fraction * rust_decimal::Decimal::from(track))
        .round()
        .try_into()
        .unwrap_or(0u32);
    let start = p
        .baseline
        .as_deref()
        .and_then(|b| b.split(" on ").next())
        .unwrap_or("0");
    let percent = &p.progress_label;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="portfolio-{index}-title" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"><title id="portfolio-{index}-title">{title}</title><text x="10" y="16" font-size="13">{name}: {percent}</text><rect x="10" y="24" width="{track}" height="20" fill="#ffffff" stroke="#333333"/><rect x="10" y="24" width="{filled}" height="20" fill="{fill}"/><text x="10" y="60" font-size="11">baseline {start}</text><text x="{tx}" y="60" font-size="11" text-anchor="end">target {target}</text></svg>"##,
        title = esc(&portfolio_sentence(p)),
        name = esc(&p.name),
        percent = esc(percent),
        start = esc(start),
        target = esc(&p.target),
        fill = colour(p.status),
        tx = 10 + track,
    )
}
