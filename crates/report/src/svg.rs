//! Inline SVG charts for the HTML report: indicators per status, and each
//! portfolio's progress from its baseline to its target. Every bar carries
//! its label and number as text, so colour is never the only signal.

use crate::escape::html as esc;
use crate::label::money_label;
use crate::view::{PortfolioLine, StatusCount};
use actionplan_model::Status;
use rust_decimal::Decimal;
use std::fmt::{self, Write};

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

const WIDTH: u64 = 640;
const LABEL: u64 = 170;
const BAR: u64 = 22;
const GAP: u64 = 8;
/// The longest bar of the status chart.
const SPAN: u64 = WIDTH - LABEL - 60;

/// A horizontal bar chart of indicators per status (statuses with no
/// indicator are left out).
///
/// Counts come from the file's size, so every coordinate is computed with
/// saturating arithmetic in `u64`: a count no file can reach only makes the
/// chart wrong, never the program stop.
pub fn status_chart(out: &mut impl Write, summary: &[StatusCount]) -> fmt::Result {
    let shown = || summary.iter().filter(|s| s.count > 0);
    let max = shown().map(|s| s.count).max().unwrap_or(1).max(1);
    let max = u64::try_from(max).unwrap_or(u64::MAX);
    let rows = u64::try_from(shown().count()).unwrap_or(u64::MAX);
    let height = rows.saturating_mul(BAR + GAP).saturating_add(GAP);
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="status-chart-title" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"><title id="status-chart-title">Indicators per status</title>"#
    )?;
    let mut y = GAP;
    for s in shown() {
        let count = u64::try_from(s.count).unwrap_or(u64::MAX);
        // count ≤ max, so the bar is at most SPAN wide; the product of two
        // u64 fits in u128.
        let w = u128::from(count)
            .saturating_mul(u128::from(SPAN))
            .checked_div(u128::from(max))
            .and_then(|w| u64::try_from(w).ok())
            .unwrap_or(SPAN)
            .max(2);
        write!(
            out,
            r#"<text x="{x}" y="{ty}" font-size="13" text-anchor="end">{label}</text><rect x="{LABEL}" y="{y}" width="{w}" height="{BAR}" fill="{fill}"/><text x="{cx}" y="{ty}" font-size="13">{count}</text>"#,
            x = LABEL - 8,
            ty = y.saturating_add(16),
            label = esc(&s.label),
            fill = colour(s.status),
            cx = LABEL.saturating_add(w).saturating_add(6),
            count = s.count,
        )?;
        y = y.saturating_add(BAR + GAP);
    }
    out.write_str("</svg>")
}

/// A horizontal bar per resource line from 0 to 100 % delivery, with the
/// rate written beside it (`—` where none can be computed); a rate above
/// 100 % fills the bar.
pub fn delivery_chart(out: &mut impl Write, bars: &[(String, Option<Decimal>)]) -> fmt::Result {
    let rows = u64::try_from(bars.len()).unwrap_or(u64::MAX);
    let height = rows.saturating_mul(BAR + GAP).saturating_add(GAP);
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="delivery-chart-title" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"><title id="delivery-chart-title">Delivery rate per resource line</title>"#
    )?;
    let mut y = GAP;
    for (label, percent) in bars {
        let fraction = percent
            .and_then(|p| p.checked_div(Decimal::ONE_HUNDRED))
            .unwrap_or(Decimal::ZERO)
            .clamp(Decimal::ZERO, Decimal::ONE);
        // A fraction in 0..=1 times SPAN, rounded, fits in u64.
        let w: u64 = fraction
            .checked_mul(Decimal::from(SPAN))
            .map(|f| f.round())
            .and_then(|f| f.try_into().ok())
            .unwrap_or(0);
        let text = percent.map_or_else(|| "—".to_owned(), crate::label::percent_label);
        write!(
            out,
            r##"<text x="{x}" y="{ty}" font-size="13" text-anchor="end">{label}</text><rect x="{LABEL}" y="{y}" width="{SPAN}" height="{BAR}" fill="#ffffff" stroke="#333333"/><rect x="{LABEL}" y="{y}" width="{w}" height="{BAR}" fill="#1f5fa8"/><text x="{cx}" y="{ty}" font-size="13">{text}</text>"##,
            x = LABEL - 8,
            ty = y.saturating_add(16),
            label = esc(label),
            cx = LABEL.saturating_add(SPAN).saturating_add(6),
            text = esc(&text),
        )?;
        y = y.saturating_add(BAR + GAP);
    }
    out.write_str("</svg>")
}

/// The sentence a portfolio's chart says, for its `<title>` and caption,
/// written escaped for HTML.
pub fn portfolio_sentence(out: &mut impl Write, p: &PortfolioLine<'_>) -> fmt::Result {
    write!(
        out,
        "{}: {} of the way from {} to {} (now {})",
        esc(p.name),
        esc(&p.progress_label()),
        esc(p.baseline_label().as_deref().unwrap_or("zero")),
        esc(&money_label(p.target)),
        esc(&p.current.to_string())
    )
}

/// A bar from baseline (0 %) to target (100 %) with the current position;
/// the amounts at both ends and the percentage are written on it.
pub fn portfolio_chart(out: &mut impl Write, p: &PortfolioLine<'_>, index: usize) -> fmt::Result {
    let height = 64;
    let track: u32 = 620;
    // Progress beyond the target (or behind the baseline) fills the whole
    // bar (or none of it); unknown progress fills none.
    let fraction = p
        .progress_fraction
        .unwrap_or(Decimal::ZERO)
        .clamp(Decimal::ZERO, Decimal::ONE);
    #[allow(
        clippy::expect_used,
        reason = "a fraction in 0..=1 times 620, rounded, is a whole number in 0..=620"
    )]
    let filled: u32 = fraction
        .checked_mul(Decimal::from(track))
        .map(|f| f.round())
        .and_then(|f| f.try_into().ok())
        .expect("the filled width is at most the track's");
    let start = p
        .baseline
        .map_or_else(|| "0".to_owned(), |b| money_label(b.amount));
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="portfolio-{index}-title" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"><title id="portfolio-{index}-title">"#
    )?;
    portfolio_sentence(out, p)?;
    write!(
        out,
        r##"</title><text x="10" y="16" font-size="13">{name}: {percent}</text><rect x="10" y="24" width="{track}" height="20" fill="#ffffff" stroke="#333333"/><rect x="10" y="24" width="{filled}" height="20" fill="{fill}"/><text x="10" y="60" font-size="11">baseline {start}</text><text x="{tx}" y="60" font-size="11" text-anchor="end">target {target}</text></svg>"##,
        name = esc(p.name),
        percent = esc(&p.progress_label()),
        start = esc(&start),
        target = esc(&money_label(p.target)),
        fill = colour(p.status),
        tx = 630,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::Current;
    use actionplan_model::Money;

    fn line(fraction: Option<Decimal>) -> PortfolioLine<'static> {
        let target: Money =
            serde_json::from_str(r#"{"amount": "100000000", "currency": "USD"}"#).unwrap();
        PortfolioLine {
            status_note: None,
            name: "XBTC",
            baseline: None,
            target,
            current: Current::Unknown,
            gap: None,
            progress_percent: fraction.map(|f| f * Decimal::ONE_HUNDRED),
            progress_fraction: fraction,
            status: Status::OnTrack,
        }
    }

    fn filled_width(fraction: Option<Decimal>) -> String {
        let mut out = String::new();
        portfolio_chart(&mut out, &line(fraction), 0).unwrap();
        let second = out.match_indices("<rect").nth(1).unwrap().0;
        let width = &out[second..];
        let from = width.find("width=\"").unwrap() + 7;
        width[from..].split('"').next().unwrap().to_owned()
    }

    #[test]
    fn the_bar_is_drawn_from_the_typed_fraction_and_clamped() {
        assert_eq!(filled_width(Some(Decimal::new(25, 2))), "155");
        assert_eq!(filled_width(Some(Decimal::new(15, 1))), "620");
        assert_eq!(filled_width(Some(Decimal::new(-3, 1))), "0");
        assert_eq!(filled_width(None), "0");
    }

    #[test]
    fn the_chart_starts_at_zero_without_a_baseline() {
        let mut out = String::new();
        portfolio_chart(&mut out, &line(None), 0).unwrap();
        assert!(out.contains("baseline 0<"), "{out}");
        assert!(out.contains("target USD 100,000,000<"), "{out}");
        assert!(out.contains("XBTC: — of the way from zero"), "{out}");
    }
}
