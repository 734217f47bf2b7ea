//! Figures as a reader sees them: money with its thousands grouped, dates
//! in words, deadlines as the documents print them. The view holds typed
//! values; every renderer (and the JSON output) writes them through these.

use actionplan_model::{DateOrMonth, DatedMoney, Money, YearMonth};
use rust_decimal::Decimal;
use time::Date;

/// `USD 84,000,000`: the code, then the amount with thousands separated.
///
/// ```
/// use actionplan_model::Money;
/// use rust_decimal::Decimal;
/// let m: Money = serde_json::from_str(r#"{"amount": "84000000", "currency": "USD"}"#)?;
/// assert_eq!(actionplan_report::money_label(m), "USD 84,000,000");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn money_label(m: Money) -> String {
    format!("{} {}", m.currency, group_thousands(m.amount))
}

/// `USD 84,000,000 on 15 August 2015`.
pub(crate) fn dated_money_label(m: &DatedMoney) -> String {
    format!(
        "{} on {}",
        money_label(m.amount),
        date_or_month_label(m.as_of)
    )
}

/// A deadline as the seed prints it: `03/2016`.
pub(crate) fn timeline_label(m: YearMonth) -> String {
    format!("{:02}/{}", u8::from(m.month()), m.year())
}

/// A progress percentage as a cell shows it: `16 %`, without trailing zeros.
pub(crate) fn percent_label(p: Decimal) -> String {
    format!("{} %", p.normalize())
}

fn group_thousands(d: Decimal) -> String {
    let text = d.to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(u) => ("-", u),
        None => ("", text.as_str()),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(int.len().saturating_mul(2));
    // Digits left before the next comma, counted down from the first group's
    // length (`int` is ASCII digits, so its length counts them).
    let mut left = match int.len() % 3 {
        0 => 3,
        r => r,
    };
    for c in int.chars() {
        if left == 0 {
            grouped.push(',');
            left = 3;
        }
        grouped.push(c);
        left = left.saturating_sub(1);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `31 July 2016`.
pub fn date_label(d: Date) -> String {
    format!("{} {} {}", d.day(), d.month(), d.year())
}

/// `July 2016` for a month, `31 July 2016` for a day.
pub fn date_or_month_label(d: DateOrMonth) -> String {
    match d {
        DateOrMonth::Day(d) => date_label(d),
        DateOrMonth::Month(m) => format!("{} {}", m.month(), m.year()),
        _ => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(Decimal::new(84_000_000, 0)), "84,000,000");
        assert_eq!(group_thousands(Decimal::new(39_024_390, 2)), "390,243.90");
        assert_eq!(group_thousands(Decimal::new(-1234, 0)), "-1,234");
        assert_eq!(group_thousands(Decimal::new(999, 0)), "999");
    }
}
