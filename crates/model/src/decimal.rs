//! Decimal values on the wire: always JSON strings, read without loss.
//!
//! `rust_decimal`'s own parsers read JSON numbers through `f64` and accept
//! `1_000`, `+1`, `.5` and `1e3`, and round past 28 digits. The exchange
//! format instead fixes one grammar, which the published schema states as a
//! pattern and a length, and which [`parse_decimal`] checks before
//! [`Decimal::from_str_exact`]:
//!
//! * an optional `-`, then `0` or a digit 1–9 followed by digits, then
//!   optionally `.` and one or more digits;
//! * at most 28 digits before the point and at most 29 characters in all, so
//!   every accepted text fits a `Decimal` exactly.
//!
//! The scale is kept: `"84000000.00"` reads back and writes out as
//! `84000000.00`. So is the sign of a zero: `"-0.00"` is accepted (it is
//! what negating a zero gives in `rust_decimal` and in spreadsheets) and
//! writes back as `-0.00`; it equals zero in every comparison and sum.

use rust_decimal::Decimal;

/// Longest decimal text accepted.
pub const MAX_DECIMAL_LEN: usize = 29;

/// The decimal grammar as a JSON Schema pattern (used with `maxLength` 29).
pub const DECIMAL_PATTERN: &str = "^-?(0|[1-9][0-9]{0,27})(\\.[0-9]+)?$";

/// A text was not a decimal in the exchange grammar.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a decimal: write digits with an optional leading `-` and `.` (e.g. \"84000000\" or \"12.50\"), without exponent, `+`, `_` or leading zeros, at most 29 characters"
)]
pub struct DecimalError(pub String);

/// Parses a decimal in the exchange grammar, exactly.
///
/// # Errors
///
/// [`DecimalError`] if `s` is not in the grammar above (exponent, `+`,
/// `_`, leading zeros, a bare `.`, more than 29 characters).
///
/// ```
/// use actionplan_model::parse_decimal;
/// assert_eq!(parse_decimal("84000000.00")?.to_string(), "84000000.00");
/// assert!(parse_decimal("1e3").is_err());
/// assert!(parse_decimal("+1").is_err());
/// assert!(parse_decimal(".5").is_err());
/// assert!(parse_decimal("007").is_err());
/// let zero = parse_decimal("-0.00")?; // kept as written, equal to zero
/// assert_eq!((zero.to_string().as_str(), zero.is_zero()), ("-0.00", true));
/// # Ok::<(), actionplan_model::DecimalError>(())
/// ```
pub fn parse_decimal(s: &str) -> Result<Decimal, DecimalError> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let int_len = unsigned.split('.').next().map_or(0, str::len);
    if s.len() > MAX_DECIMAL_LEN || int_len > 28 {
        return Err(DecimalError(s.to_owned()));
    }
    parse_figure(s)
}

/// Parses a computed figure: the shape of the exchange grammar (digits,
/// an optional leading `-` and `.`, no exponent, `+`, `_` or leading zeros)
/// at any length a `Decimal` holds exactly.
///
/// Results (evaluations, funding overviews) are computed from figures in the
/// exchange grammar and can leave its 29 characters at the ends of
/// `Decimal`'s range: a sum of two 28-digit amounts has 29 digits. They are
/// written as computed and read back with this function, so that whatever
/// [`wire::figure`](crate::wire::figure) writes reads back unchanged.
///
/// ```
/// use actionplan_model::{parse_decimal, parse_figure};
/// let sum = "19999999999999999999999999998";
/// assert!(parse_decimal(sum).is_err()); // not in an exchange file
/// assert_eq!(parse_figure(sum)?.to_string(), sum); // but a result may hold it
/// assert!(parse_figure("1e3").is_err());
/// assert!(parse_figure("79228162514264337593543950336").is_err()); // beyond Decimal
/// # Ok::<(), actionplan_model::DecimalError>(())
/// ```
///
/// # Errors
///
/// [`DecimalError`] if `s` is not in that shape or does not fit a `Decimal`
/// exactly.
pub fn parse_figure(s: &str) -> Result<Decimal, DecimalError> {
    let err = || DecimalError(s.to_owned());
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || (int.len() > 1 && int.starts_with('0')) {
        return Err(err());
    }
    if let Some(f) = frac
        && !all_digits(f)
    {
        return Err(err());
    }
    let d = Decimal::from_str_exact(s).map_err(|_| err())?;
    // Parsing drops the sign of a zero; negating keeps it (and the scale),
    // so that "-0.00" is written back as it was read.
    if d.is_zero() && s.starts_with('-') {
        let mut negative = d;
        negative.set_sign_negative(true);
        return Ok(negative);
    }
    Ok(d)
}
