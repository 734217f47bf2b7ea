//! The bodies of the fuzz targets, shared by the libFuzzer entries in
//! `fuzz/fuzz_targets/` (nightly, `cargo fuzz run <target>`) and by the
//! stable replay test `tests/fuzz_corpora.rs`, which runs every committed
//! corpus file through the same function. A body panics exactly when it
//! finds a bug: a panic inside the library, or a broken promise that the
//! body states with `assert!` (a round trip, a location, escaped output).

// Each libFuzzer binary uses one body of this shared file.
#![allow(dead_code)]
// A fuzz body reports a broken promise by panicking; that is its purpose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_indicators::Policy;
use actionplan_interchange::{
    Layer, ValidationReport, check_str, read_str, sniff_encoding, to_canonical_string,
    validate_bytes,
};
use actionplan_model::{
    Biennium, Currency, DateOrMonth, Language, MAX_DECIMAL_LEN, Money, ParagraphRef, YearMonth,
    format_date, parse_date, parse_decimal,
};
use actionplan_report::{Format, Options, assess, build, default_as_of, render};
use serde_json::Value;
use std::borrow::Cow;
use std::sync::OnceLock;
use time::{Date, Month};

/// The seed example, the starting point of the structure-aware targets.
pub const SEED: &str = include_str!("../docs/examples/sme-action-plan-2016.json");

/// Reads the fuzzer's bytes as small integers, then hands back the rest;
/// missing bytes read as zero so that every input is usable.
struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    fn new(data: &'a [u8]) -> Self {
        Bytes { data }
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.data.len());
        let (head, tail) = self.data.split_at(n);
        self.data = tail;
        head
    }

    fn u8(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    fn i32(&mut self) -> i32 {
        i32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }

    fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    fn rest(self) -> &'a [u8] {
        self.data
    }
}

fn lossy(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Characters that must never reach any output raw: C0 controls other than
/// tab, line feed and carriage return, DEL and the C1 controls.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// Whether `c` may not appear raw in a report in `format`: JSON escapes
/// the C0 controls as the format requires and may keep DEL and C1 as they
/// are (valid JSON); every other format keeps none of them.
pub fn forbidden_in(format: Format, c: char) -> bool {
    if format == Format::Json {
        c < ' ' && !matches!(c, '\t' | '\n' | '\r')
    } else {
        is_forbidden_control(c)
    }
}

/// The character at 1-based `line`, `column` (columns count characters).
fn char_at(text: &str, line: usize, column: usize) -> Option<char> {
    text.split('\n')
        .nth(line.checked_sub(1)?)?
        .chars()
        .nth(column.checked_sub(1)?)
}

/// Every issue says where: a line and a column inside the text (one past
/// the last character of a line is allowed, for "unexpected end"), and a
/// pointer that is empty or starts with `/`. For schema and rule issues the
/// position is the start of the member's key or of the value itself.
///
/// The one exception is a file in UTF-16 or UTF-32: it is refused as a
/// whole, with a single issue at the root and no line:column (a position
/// in text decoded as the wrong encoding would mislead).
pub fn assert_located(report: &ValidationReport, bytes: &[u8]) {
    if sniff_encoding(bytes).is_some() {
        let [issue] = report.issues.as_slice() else {
            panic!("a UTF-16/32 file gets exactly one issue: {report}");
        };
        // Refused as a whole, shown at the start of the file.
        assert!(
            issue.layer == Layer::Syntax
                && issue.pointer.is_empty()
                && issue.line == Some(1)
                && issue.column == Some(1),
            "a UTF-16/32 file is refused as a whole, at 1:1: {issue:?}"
        );
        return;
    }
    let text = std::str::from_utf8(bytes).ok();
    for issue in &report.issues {
        let (Some(line), Some(column)) = (issue.line, issue.column) else {
            panic!("issue without line:column: {issue:?}");
        };
        assert!(
            line >= 1 && column >= 1,
            "positions count from 1: {issue:?}"
        );
        assert!(
            issue.pointer.is_empty() || issue.pointer.starts_with('/'),
            "not a JSON pointer: {issue:?}"
        );
        let Some(text) = text else { continue };
        let Some(this_line) = text.split('\n').nth(line - 1) else {
            panic!("line {line} is past the end of the text: {issue:?}");
        };
        assert!(
            column <= this_line.chars().count() + 1,
            "column {column} is past the end of line {line}: {issue:?}"
        );
        if issue.layer != Layer::Syntax {
            let at = char_at(text, line, column);
            assert!(
                matches!(
                    at,
                    Some('"' | '{' | '[' | '-' | '0'..='9' | 't' | 'f' | 'n')
                ),
                "{line}:{column} is not the start of a key or value ({at:?}): {issue:?}"
            );
        }
    }
}

/// Reader and validator on arbitrary bytes: no panic, every issue located,
/// the reader and the validator agree, and a file that reads writes out
/// canonically and reads back the same.
pub fn read_validate(data: &[u8]) {
    let report = validate_bytes(data);
    assert_located(&report, data);
    let Some(text) = std::str::from_utf8(data).ok() else {
        return;
    };
    match read_str(text) {
        Ok(envelope) => {
            assert!(
                !report
                    .errors()
                    .any(|i| matches!(i.layer, Layer::Syntax | Layer::Schema)),
                "read_str accepted a text with syntax or schema errors: {report}"
            );
            let canonical = to_canonical_string(&envelope);
            let again = read_str(&canonical).expect("the canonical form reads back");
            assert_eq!(again, envelope, "the canonical form changes the file");
            assert_eq!(to_canonical_string(&again), canonical);
        }
        Err(e) => assert!(
            !report.is_valid(),
            "read_str refused a text validate accepts: {e}"
        ),
    }
}

/// Snippets the locator must survive: structure, keys, unusual characters.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\n",
    "\r\n",
    "\\",
    "\"x-unknown\": 1, ",
    "\"id\": \"dup\", ",
    "\u{e9}",
    "\u{1F600}",
    "\u{feff}",
    "\u{2028}",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "1e999",
    "-0",
    "null",
    "[[[[[[[[",
    "\t",
    "/*",
];

fn boundary_at_or_before(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The line locator, reached through `validate_str` on the seed with a few
/// byte-level edits: every issue's line:column lies inside the text and, for
/// schema and rule issues, at the start of a key or value.
pub fn locate(data: &[u8]) {
    let mut b = Bytes::new(data);
    let mut text = SEED.to_owned();
    for _ in 0..8 {
        if b.is_empty() {
            break;
        }
        let op = b.u8() % 4;
        let at = boundary_at_or_before(&text, usize::from(b.u16()) * text.len() / 65536);
        match op {
            0 => {
                let end = boundary_at_or_before(&text, at + usize::from(b.u8() % 32));
                text.replace_range(at..end, "");
            }
            1 => {
                let n = usize::from(b.u8() % 16);
                let snippet = lossy(b.take(n)).into_owned();
                text.insert_str(at, &snippet);
            }
            2 => {
                let token = TOKENS[usize::from(b.u8()) % TOKENS.len()];
                text.insert_str(at, token);
            }
            _ => {
                // Replace the next string value with a token or bytes.
                let Some(open) = text[at..].find(": \"").map(|i| at + i + 3) else {
                    continue;
                };
                let Some(close) = text[open..].find('"').map(|i| open + i) else {
                    continue;
                };
                let n = usize::from(b.u8() % 16);
                let snippet = lossy(b.take(n)).replace(['"', '\\'], "");
                text.replace_range(open..close, &snippet);
            }
        }
    }
    let checked = check_str(&text);
    assert_located(&checked.report, text.as_bytes());
}

/// Paragraph references: a parsed reference prints back exactly as written
/// and survives JSON.
pub fn paragraph(data: &[u8]) {
    let s = lossy(data);
    let Ok(p) = s.parse::<ParagraphRef>() else {
        return;
    };
    assert_eq!(p.to_string(), s, "Display gives the text back as written");
    assert!(p.covers(p), "{p} covers itself");
    assert!(p.points().count() <= 26);
    let json = serde_json::to_string(&p).unwrap();
    let back: ParagraphRef = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
}

/// Months and biennia: parsing round trips, and `add_months` with any count
/// either lands inside 1000–9999 exactly `n` months away or refuses.
pub fn month(data: &[u8]) {
    let mut b = Bytes::new(data);
    let raw_year = b.i32();
    let month = Month::try_from(b.u8() % 12 + 1).unwrap();
    let n = b.i32();
    let s = lossy(b.rest());

    if let Ok(m) = s.parse::<YearMonth>() {
        assert_eq!(m.to_string(), s);
        assert!(m.contains(m.first_day()) && m.contains(m.last_day()));
        assert_eq!(YearMonth::of(m.last_day()), m);
    }
    if let Ok(bi) = s.parse::<Biennium>() {
        assert_eq!(bi.to_string(), s);
        assert!(bi.start() < bi.end());
        assert!(bi.contains(bi.start().first_day()) && bi.contains(bi.end().last_day()));
        if let Ok(next) = bi.next() {
            assert_eq!(Ok(next.start()), bi.end().add_months(1));
        }
    }

    // Any year, and one folded into the valid range so most inputs get there.
    for year in [raw_year, 1000 + raw_year.rem_euclid(9000)] {
        let Ok(ym) = YearMonth::new(year, month) else {
            assert!(!(1000..=9999).contains(&year));
            continue;
        };
        let index = |m: YearMonth| i64::from(m.year()) * 12 + i64::from(u8::from(m.month()));
        if let Ok(later) = ym.add_months(n) {
            assert!((1000..=9999).contains(&later.year()));
            assert_eq!(index(later) - index(ym), i64::from(n));
            if let Some(back) = n.checked_neg() {
                assert_eq!(later.add_months(back), Ok(ym));
            }
        } else {
            let target = index(ym) + i64::from(n);
            assert!(
                !(1000 * 12 + 1..=9999 * 12 + 12).contains(&target),
                "{ym} + {n} months refused although it stays in range"
            );
        }
        if let Ok(bi) = Biennium::starting(year) {
            assert_eq!(bi.to_string().parse::<Biennium>(), Ok(bi));
        }
    }
}

/// Dates and dates-or-months: parsing round trips, and every representable
/// date in 1000–9999 formats to a text that parses back to it.
pub fn date(data: &[u8]) {
    let mut b = Bytes::new(data);
    let julian = b.i32();
    let s = lossy(b.rest());

    if let Ok(d) = parse_date(&s) {
        assert_eq!(format_date(d), s);
    }
    if let Ok(dm) = s.parse::<DateOrMonth>() {
        assert_eq!(dm.to_string(), s);
        assert!(dm.earliest() <= dm.latest());
        let m = dm.year_month();
        assert!(m.contains(dm.earliest()) && m.contains(dm.latest()));
        let json = serde_json::to_string(&dm).unwrap();
        assert_eq!(serde_json::from_str::<DateOrMonth>(&json).unwrap(), dm);
    }
    if let Ok(d) = Date::from_julian_day(julian) {
        let text = format_date(d);
        if (1000..=9999).contains(&d.year()) {
            assert_eq!(parse_date(&text), Ok(d));
        } else {
            assert!(parse_date(&text).is_err(), "{text} is outside 1000–9999");
        }
    }
}

/// Decimals and money: an accepted decimal keeps its digits and scale, and
/// an amount reads and writes back byte for byte.
pub fn decimal(data: &[u8]) {
    let s = lossy(data);
    match parse_decimal(&s) {
        Ok(d) => {
            assert!(s.len() <= MAX_DECIMAL_LEN);
            assert_eq!(d.to_string(), s, "digits and scale are kept");
            let json = format!(
                r#"{{"amount":{},"currency":"USD"}}"#,
                serde_json::to_string(&*s).unwrap()
            );
            if let Ok(m) = serde_json::from_str::<Money>(&json) {
                assert_eq!(m.amount, d);
                assert_eq!(serde_json::to_string(&m).unwrap(), json);
                assert_eq!(m.to_string(), format!("USD {s}"));
            }
        }
        Err(e) => assert_eq!(e.0, s, "the error names the text"),
    }
    if let Ok(c) = s.parse::<Currency>() {
        assert_eq!(c.as_str(), s);
    }
}

/// Decimal texts that stress the arithmetic: the extremes of `Decimal`,
/// the smallest fractions, zero with a sign.
const DECIMALS: &[&str] = &[
    "9999999999999999999999999999",
    "-9999999999999999999999999999",
    "0.000000000000000000000000001",
    "0.0000000000000000000000000001",
    "1.000000000000000000000000001",
    "7922816251426433759354395033",
    "0",
    "-0",
    "0.00",
    "1",
    "-1",
    "0.5",
    "100",
    "100.0000000000000000000000001",
    "4",
    "84000000",
];

const DATES: &[&str] = &[
    "1000-01-01",
    "9999-12-31",
    "1000-01",
    "9999-12",
    "2016-02-29",
    "2016-07",
    "2016-07-31",
    "2017-12",
    "9998-99",
    "1000-01-01T00:00:00Z",
];

const TEXTS: &[&str] = &[
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}[31mred\u{1b}[0m",
    "\u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\",
    "\u{0}nul",
    "\u{9b}31m",
    "\u{7f}",
    "a|b<c>&d\"e,f\ng\rh",
    "\u{202e}reversed",
    "<script>alert(1)</script>",
    "=HYPERLINK(\"x\")",
    "",
];

/// Every scalar leaf of `v`, as a JSON pointer, and every container.
fn pointers(v: &Value, at: &str, leaves: &mut Vec<String>, containers: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            containers.push(at.to_owned());
            for (k, child) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(child, &format!("{at}/{key}"), leaves, containers);
            }
        }
        Value::Array(items) => {
            containers.push(at.to_owned());
            for (i, child) in items.iter().enumerate() {
                pointers(child, &format!("{at}/{i}"), leaves, containers);
            }
        }
        _ => leaves.push(at.to_owned()),
    }
}

struct Seed {
    value: Value,
    leaves: Vec<String>,
    containers: Vec<String>,
}

fn seed() -> &'static Seed {
    static SEED_VALUE: OnceLock<Seed> = OnceLock::new();
    SEED_VALUE.get_or_init(|| {
        let value: Value = serde_json::from_str(SEED).unwrap();
        let (mut leaves, mut containers) = (Vec::new(), Vec::new());
        pointers(&value, "", &mut leaves, &mut containers);
        Seed {
            value,
            leaves,
            containers,
        }
    })
}

fn pick<'a, T>(items: &'a [T], b: &mut Bytes<'_>) -> &'a T {
    &items[usize::from(b.u16()) % items.len()]
}

/// Applies one mutation chosen by the bytes to `v`.
fn mutate(v: &mut Value, seed: &Seed, b: &mut Bytes<'_>) {
    let op = b.u8() % 9;
    let leaf = pick(&seed.leaves, b).clone();
    let replacement = match op {
        0 => Value::String((*pick(DECIMALS, b)).to_owned()),
        1 => {
            // A decimal made of the fuzzer's digits.
            let n = usize::from(b.u8() % 32);
            let digits: String = b
                .take(n)
                .iter()
                .map(|d| match d % 12 {
                    10 => '.',
                    11 => '-',
                    d => char::from(b'0' + d),
                })
                .collect();
            Value::String(digits)
        }
        2 => Value::String((*pick(DATES, b)).to_owned()),
        3 => {
            // Another leaf's value: ids, references, kinds and vocabulary
            // end up where they do not belong.
            let other = pick(&seed.leaves, b);
            seed.value.pointer(other).cloned().unwrap_or(Value::Null)
        }
        4 => Value::String((*pick(TEXTS, b)).to_owned()),
        5 => {
            let n = usize::from(b.u8() % 24);
            Value::String(lossy(b.take(n)).into_owned())
        }
        6 => {
            // Remove a member or an element.
            let Some((parent, last)) = leaf.rsplit_once('/') else {
                return;
            };
            match v.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    let key = last.replace("~1", "/").replace("~0", "~");
                    map.remove(&key);
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>()
                        && i < items.len()
                    {
                        items.remove(i);
                    }
                }
                _ => {}
            }
            return;
        }
        7 => {
            // Repeat an element of an array, or a member under a new key.
            let container = pick(&seed.containers, b);
            match v.pointer_mut(container) {
                Some(Value::Array(items)) if !items.is_empty() => {
                    let times = usize::from(b.u8() % 4) + 1;
                    let first = items[0].clone();
                    for _ in 0..times {
                        items.push(first.clone());
                    }
                }
                Some(Value::Object(map)) => {
                    map.insert("x-fuzz".to_owned(), Value::from(b.i32()));
                }
                _ => {}
            }
            return;
        }
        _ => Value::from(b.i32()),
    };
    if let Some(slot) = v.pointer_mut(&leaf) {
        *slot = replacement;
    }
}

/// Evaluation and reports on mutated copies of the seed: a file that reads
/// is evaluated, its funding accounted for and rendered in every format in
/// one language, as of its own date and as of a date from the fuzzer; none
/// of it panics, and no output carries a raw control character.
pub fn evaluate_report(data: &[u8]) {
    let s = seed();
    let mut b = Bytes::new(data);
    let mut v = s.value.clone();
    let ops = b.u8() % 8 + 1;
    for _ in 0..ops {
        mutate(&mut v, s, &mut b);
    }
    let language = [Language::En, Language::Fr, Language::Es][usize::from(b.u8() % 3)];
    let other_date = Date::from_julian_day(2_086_308 + b.i32().rem_euclid(3_287_000)).ok();
    let text = serde_json::to_string_pretty(&v).unwrap();
    let checked = check_str(&text);
    assert_located(&checked.report, text.as_bytes());
    let Ok(envelope) = read_str(&text) else {
        return;
    };
    for as_of in [default_as_of(&envelope.reports), other_date]
        .into_iter()
        .flatten()
    {
        let assessment = match assess(&envelope.plan, &envelope.reports, as_of, &Policy::default())
        {
            Ok(a) => a,
            Err(e) => {
                let _ = e.to_string();
                continue;
            }
        };
        let view = build(
            &envelope.plan,
            &envelope.reports,
            &assessment.evaluation,
            &assessment.funding,
            &Options::in_language(language),
        );
        for format in Format::ALL {
            let out = render(&view, format);
            if let Some(c) = out.chars().find(|&c| forbidden_in(format, c)) {
                panic!("{format} output carries the raw control character {c:?}");
            }
        }
    }
}
