//! Schema errors in words a person can act on: the member named, what is
//! wrong with the value as it was written, and what to write instead, with
//! a corrected example where one can be made and the schema's own
//! descriptions (which are written for people authoring files).
//!
//! Nothing here knows the validator: it works from the instance pointer,
//! the schema's evaluation path and the value.

use serde_json::Value;

/// How the member at `pointer` is named in a message: `` `amount` ``, or
/// `` item 2 of `biennia` `` for an array item, or `the file` for the top.
pub(crate) fn member_name(pointer: &str) -> String {
    let mut tokens = pointer.rsplit('/');
    let last = tokens.next().unwrap_or_default();
    if pointer.is_empty() {
        return "the file".to_owned();
    }
    if last.bytes().all(|b| b.is_ascii_digit()) && !last.is_empty() {
        return match tokens.next() {
            Some(parent) if !parent.is_empty() => {
                format!("item {last} of `{}`", unescape(parent))
            }
            _ => format!("item {last}"),
        };
    }
    format!("`{}`", unescape(last))
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// What the schema says about the value an error is at.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// The description of the member, from its `properties` entry.
    pub member: Option<&'static str>,
    /// The description of the value's type (the nearest one described).
    pub kind: Option<&'static str>,
    /// The name of the `$defs` entry the value's type comes from.
    pub def: Option<&'static str>,
}

impl Words {
    /// The descriptions as sentences to append to a message: the member's,
    /// then the type's when it says something else.
    pub fn hint(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if let Some(m) = self.member {
            parts.push(m);
        }
        if let Some(k) = self.kind
            && Some(k) != self.member
        {
            parts.push(k);
        }
        let mut out = String::new();
        for p in parts {
            out.push(' ');
            out.push_str(&sentence(p));
        }
        out
    }
}

/// `text` on one line, ending with a full stop.
fn sentence(text: &str) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.as_str();
    if t.ends_with(['.', '!', '?']) {
        t.to_owned()
    } else {
        format!("{t}.")
    }
}

/// Walks the schema along an evaluation path (`/properties/plan/$ref/…`),
/// following `$ref`s, and collects the descriptions met on the way.
pub(crate) fn words(root: &'static Value, evaluation_path: &str) -> Words {
    let mut node = root;
    let mut w = Words::default();
    let mut tokens = evaluation_path.split('/').skip(1);
    while let Some(t) = tokens.next() {
        let next = match t {
            "$ref" => {
                let Some(r) = node.get("$ref").and_then(Value::as_str) else {
                    break;
                };
                w.def = r.rsplit('/').next();
                r.strip_prefix('#').and_then(|p| root.pointer(p))
            }
            "properties" => {
                let Some(name) = tokens.next() else { break };
                let n = node.get("properties").and_then(|p| p.get(unescape(name)));
                w.member = n.and_then(description);
                w.kind = None;
                w.def = None;
                n
            }
            "items" => node.get("items"),
            "anyOf" | "oneOf" | "allOf" => {
                let Some(i) = tokens.next().and_then(|i| i.parse::<usize>().ok()) else {
                    break;
                };
                node.get(t).and_then(|a| a.get(i))
            }
            // The keyword that failed.
            _ => break,
        };
        let Some(n) = next else { break };
        node = n;
        if let Some(d) = description(node) {
            w.kind = Some(d);
        }
    }
    w
}

/// The description of a schema node, but for the line-break guard's.
fn description(node: &'static Value) -> Option<&'static str> {
    node.get("description")
        .and_then(Value::as_str)
        .filter(|d| *d != "No line breaks.")
}

/// The name of the `$defs` entry a canonical schema path lies in
/// (`/$defs/Decimal/pattern` gives `Decimal`).
pub(crate) fn def_of(schema_path: &str) -> Option<&str> {
    let rest = schema_path.strip_prefix("/$defs/")?;
    rest.split('/').next()
}

/// A value of the wrong type, as a message names it: `the JSON number
/// 84000000`, `the string "yes"`, `an array`; `shown` is the value as the
/// file writes it.
pub(crate) fn json_kind(v: &Value, shown: &str) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => format!("the JSON literal {shown}"),
        Value::Number(_) => format!("the JSON number {shown}"),
        Value::String(_) => format!("the string {shown}"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A schema type name in words.
pub(crate) fn type_words(t: &str) -> &'static str {
    match t {
        "string" => "a string",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "object" => "an object",
        "array" => "an array",
        "null" => "null",
        _ => "another type",
    }
}

/// The types a `type` keyword allows, from the schema node it sits in.
pub(crate) fn expected_types(root: &'static Value, schema_path: &str) -> Vec<&'static str> {
    let at = root.pointer(schema_path);
    match at {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// What to write instead of a value of the wrong JSON type, when there is
/// an obvious correction: a number as a string, a string of digits as a
/// number, `"yes"` as `true`.
pub(crate) fn retype(found: &Value, raw: &str, expected: &[&str]) -> Option<String> {
    let wants = |t: &str| expected.contains(&t);
    match found {
        Value::Number(_) if wants("string") => {
            Some(format!("write it as a string, in quotes: {}", quoted(raw)))
        }
        Value::Number(n) if wants("integer") && !n.is_i64() && !n.is_u64() => {
            Some("write a whole number".to_owned())
        }
        Value::String(s)
            if wants("integer") && s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() =>
        {
            Some(format!("write it as a number, without quotes: {s}"))
        }
        Value::String(s) if wants("boolean") => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "oui" | "sí" | "si" => {
                Some("write true, without quotes".to_owned())
            }
            "false" | "no" | "n" | "0" | "non" => Some("write false, without quotes".to_owned()),
            _ => Some("write true or false, without quotes".to_owned()),
        },
        Value::Bool(b) if wants("string") => Some(format!("write it as a string: \"{b}\"")),
        Value::Null if !wants("null") => {
            Some("give a value, or leave the member out where it is optional".to_owned())
        }
        _ => None,
    }
}

/// A text as a JSON string literal.
fn quoted(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

/// Why a `YYYY-MM-DD` or `YYYY-MM` text names no day or month of the
/// calendar, when it has that shape: "there is no month 13", "February 2015
/// has 28 days".
pub(crate) fn calendar_problem(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = match parts.as_slice() {
        [y, m] => (num(y, 4)?, num(m, 2)?, None),
        [y, m, d] => (num(y, 4)?, num(m, 2)?, Some(num(d, 2)?)),
        _ => return None,
    };
    if year < 1000 {
        return Some(format!(
            "the year {year} is outside the range this format reads (1000 to 9999)"
        ));
    }
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}"));
    }
    let day = day?;
    let last = days_in_month(year, month);
    if day == 0 || day > last {
        return Some(format!(
            "{} {year} has {last} days",
            MONTHS
                .get(usize::try_from(month.saturating_sub(1)).unwrap_or(0))
                .unwrap_or(&"")
        ));
    }
    None
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A corrected value for a string of the wrong form, where the mistake is
/// a common one: the seed's `12/2016` for a month, a day and month without
/// their zeros, `+8` or `0500` for a decimal, `usd` for a currency, a
/// hyphen for the en dash of a paragraph range, a space in an id. `def` is
/// the schema's name of the type.
pub(crate) fn correct(def: &str, s: &str) -> Option<String> {
    let fixed = match def {
        "YearMonth" => month(s),
        "Date" => day(s),
        "DateOrMonth" => day(s).or_else(|| month(s)),
        "Decimal" => decimal(s),
        "Currency" => {
            let up = s.trim().to_ascii_uppercase();
            (up.len() == 3 && up.bytes().all(|b| b.is_ascii_uppercase())).then_some(up)
        }
        "ParagraphRef" => {
            let d = s.replace(['-', '—', '‑'], "–");
            (d != s).then_some(d)
        }
        d if d.ends_with("Id") => {
            let id: String = s
                .trim()
                .chars()
                .map(|c| if c.is_whitespace() { '-' } else { c })
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                .take(64)
                .collect();
            (!id.is_empty() && id != s && id.starts_with(|c: char| c.is_ascii_alphanumeric()))
                .then_some(id)
        }
        _ => None,
    }?;
    (fixed != s).then_some(fixed)
}

/// Numbers of a date-like text split on `-`, `/` or `.`.
fn numbers(s: &str) -> Option<Vec<u32>> {
    s.trim()
        .split(['-', '/', '.'])
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect()
}

/// `2016-3` or `03/2016` (the seed's notation) as `2016-03`.
fn month(s: &str) -> Option<String> {
    let (y, m) = match numbers(s)?.as_slice() {
        [y, m] if *y >= 1000 => (*y, *m),
        [m, y] if *y >= 1000 => (*y, *m),
        _ => return None,
    };
    ((1..=12).contains(&m) && y <= 9999).then(|| format!("{y:04}-{m:02}"))
}

/// `2016-7-31` or `31/07/2016` as `2016-07-31`, when that day exists.
fn day(s: &str) -> Option<String> {
    let (y, m, d) = match numbers(s)?.as_slice() {
        [y, m, d] if *y >= 1000 => (*y, *m, *d),
        [d, m, y] if *y >= 1000 => (*y, *m, *d),
        _ => return None,
    };
    let ok = y <= 9999 && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m);
    ok.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `+8` as `8`, `0500` as `500`, `1,000` as `1000`, `7e1` as `70`.
fn decimal(s: &str) -> Option<String> {
    let t = s.trim().replace([',', '_', ' '], "");
    let (sign, body) = match t.strip_prefix('-') {
        Some(b) => ("-", b.to_owned()),
        None => ("", t.strip_prefix('+').unwrap_or(&t).to_owned()),
    };
    let body = match body.split_once(['e', 'E']) {
        Some((m, e)) => {
            let e: usize = e.strip_prefix('+').unwrap_or(e).parse().ok()?;
            if e > 28 || !m.bytes().all(|b| b.is_ascii_digit()) || m.is_empty() {
                return None;
            }
            format!("{m}{}", "0".repeat(e))
        }
        None => body,
    };
    let body = body
        .strip_prefix('.')
        .map_or(body.clone(), |b| format!("0.{b}"));
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body.as_str(), None),
    };
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let out = match frac {
        Some(f) => format!("{sign}{int}.{f}"),
        None => format!("{sign}{int}"),
    };
    (out.len() <= 29).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_named() {
        assert_eq!(member_name("/plan/biennia/1"), "item 1 of `biennia`");
        assert_eq!(member_name("/plan/id"), "`id`");
        assert_eq!(member_name(""), "the file");
        assert_eq!(member_name("/a~1b"), "`a/b`");
    }

    #[test]
    fn common_mistakes_are_corrected() {
        assert_eq!(correct("YearMonth", "12/2016").as_deref(), Some("2016-12"));
        assert_eq!(correct("YearMonth", "2016-3").as_deref(), Some("2016-03"));
        assert_eq!(correct("YearMonth", "2016-13"), None);
        assert_eq!(correct("Date", "31/07/2016").as_deref(), Some("2016-07-31"));
        assert_eq!(
            correct("DateOrMonth", "2016-7-31").as_deref(),
            Some("2016-07-31")
        );
        assert_eq!(correct("Date", "2016-02-30"), None);
        assert_eq!(correct("Decimal", "+8").as_deref(), Some("8"));
        assert_eq!(correct("Decimal", "0500000").as_deref(), Some("500000"));
        assert_eq!(correct("Decimal", "7e1").as_deref(), Some("70"));
        assert_eq!(correct("Decimal", "1,000.50").as_deref(), Some("1000.50"));
        assert_eq!(correct("Decimal", "abc"), None);
        assert_eq!(correct("Currency", "usd").as_deref(), Some("USD"));
        assert_eq!(
            correct("ParagraphRef", "20(a)-(f)").as_deref(),
            Some("20(a)–(f)")
        );
        assert_eq!(
            correct("CategoryId", "know ledge").as_deref(),
            Some("know-ledge")
        );
    }

    #[test]
    fn calendar_problems_are_named() {
        assert_eq!(
            calendar_problem("2015-02-30").as_deref(),
            Some("February 2015 has 28 days")
        );
        assert_eq!(
            calendar_problem("2016-13").as_deref(),
            Some("there is no month 13")
        );
        assert_eq!(calendar_problem("2016-02-29"), None);
        assert_eq!(calendar_problem("12/2016"), None);
    }

    #[test]
    fn numbers_where_strings_belong_say_to_quote_them() {
        let v: Value = serde_json::from_str("84000000").unwrap();
        assert_eq!(
            retype(&v, "84000000", &["string"]).as_deref(),
            Some("write it as a string, in quotes: \"84000000\"")
        );
    }

    #[test]
    fn words_follow_references() {
        // A path into the 1.0 schema: each file is worded from the schema
        // of its own version.
        let w = words(
            crate::schema_for(crate::FormatVersion::V1_0),
            "/properties/plan/$ref/properties/deliverables/items/$ref/properties/indicators/items/$ref/properties/measure/$ref/oneOf/3/properties/baseline/anyOf/0/$ref/properties/amount/$ref/properties/amount/$ref/type",
        );
        assert_eq!(w.member, Some("The amount, as a decimal string."));
        assert!(w.kind.unwrap().contains("Never a JSON number"), "{w:?}");
        assert_eq!(w.def, Some("Decimal"));
    }
}
