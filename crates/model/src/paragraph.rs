//! References to paragraphs of a Conference's conclusions — `21`, `20(b)`,
//! `20(a)–(f)` — and the lettered points that recur everywhere in ILO texts.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A lower-case letter that labels a point: the `b` of `20(b)` or of
/// deliverable "(b)".
///
/// ```
/// use actionplan_model::Letter;
/// let b: Letter = "b".parse()?;
/// assert_eq!(b.parenthesized(), "(b)");
/// # Ok::<(), actionplan_model::ParagraphError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Letter(char);

impl Letter {
    /// The letter `c`, if it is one of `a`–`z`.
    pub fn new(c: char) -> Option<Self> {
        c.is_ascii_lowercase().then_some(Letter(c))
    }

    /// The letter as a `char`.
    pub fn as_char(self) -> char {
        self.0
    }

    /// The letter in parentheses, as the seed writes it: `(b)`.
    pub fn parenthesized(self) -> String {
        format!("({})", self.0)
    }
}

impl fmt::Display for Letter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Letter {
    type Err = ParagraphError;
    fn from_str(s: &str) -> Result<Self, ParagraphError> {
        let mut chars = s.chars();
        match (chars.next().and_then(Letter::new), chars.next()) {
            (Some(l), None) => Ok(l),
            _ => Err(ParagraphError::Letter(s.to_owned())),
        }
    }
}

/// A paragraph reference or letter did not follow its grammar.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParagraphError {
    /// Not a paragraph reference.
    #[error(
        "`{0}` is not a paragraph reference: write `21`, `20(b)` or a range `20(a)–(f)` (en dash, letters in order)"
    )]
    Reference(String),
    /// Not a single lower-case letter.
    #[error("`{0}` is not a point letter: write one lower-case letter a–z")]
    Letter(String),
}

/// A reference to a paragraph of the conclusions a follow-up item answers.
///
/// Three shapes occur in the seed, and [`Display`](fmt::Display) gives each
/// back exactly as written:
///
/// ```
/// use actionplan_model::ParagraphRef;
/// for text in ["21", "20(b)", "9(a)", "20(a)–(f)"] {
///     let p: ParagraphRef = text.parse()?;
///     assert_eq!(p.to_string(), text);
/// }
/// let range: ParagraphRef = "20(a)–(f)".parse()?;
/// assert_eq!(range.paragraph(), 20);
/// assert_eq!(range.points().count(), 6);
/// assert!("20(f)–(a)".parse::<ParagraphRef>().is_err()); // letters out of order
/// # Ok::<(), actionplan_model::ParagraphError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ParagraphRef {
    /// A whole paragraph: `21`.
    Paragraph(u32),
    /// One lettered point of a paragraph: `20(b)`.
    Point(u32, Letter),
    /// Consecutive points of a paragraph, first before last: `20(a)–(f)`.
    Range(u32, Letter, Letter),
}

impl ParagraphRef {
    /// The paragraph number.
    pub fn paragraph(self) -> u32 {
        match self {
            ParagraphRef::Paragraph(n) | ParagraphRef::Point(n, _) | ParagraphRef::Range(n, ..) => {
                n
            }
        }
    }

    /// The letters the reference covers (none for a whole paragraph).
    pub fn points(self) -> impl Iterator<Item = Letter> {
        let (from, to) = match self {
            ParagraphRef::Paragraph(_) => ('b', 'a'),
            ParagraphRef::Point(_, l) => (l.0, l.0),
            ParagraphRef::Range(_, a, b) => (a.0, b.0),
        };
        (from..=to).filter_map(Letter::new)
    }

    /// Whether this reference covers `other` (a whole paragraph covers its points).
    pub fn covers(self, other: ParagraphRef) -> bool {
        if self.paragraph() != other.paragraph() {
            return false;
        }
        if let ParagraphRef::Paragraph(_) = self {
            true
        } else {
            let mine: Vec<Letter> = self.points().collect();
            matches!(other, ParagraphRef::Point(..) | ParagraphRef::Range(..))
                && other.points().all(|l| mine.contains(&l))
        }
    }
}

impl fmt::Display for ParagraphRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParagraphRef::Paragraph(n) => write!(f, "{n}"),
            ParagraphRef::Point(n, l) => write!(f, "{n}({l})"),
            ParagraphRef::Range(n, a, b) => write!(f, "{n}({a})–({b})"),
        }
    }
}

fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_point(s: &str) -> Option<Letter> {
    s.strip_prefix('(')?.strip_suffix(')')?.parse().ok()
}

impl FromStr for ParagraphRef {
    type Err = ParagraphError;
    fn from_str(s: &str) -> Result<Self, ParagraphError> {
        let err = || ParagraphError::Reference(s.to_owned());
        let Some(open) = s.find('(') else {
            return parse_number(s).map(ParagraphRef::Paragraph).ok_or_else(err);
        };
        let n = parse_number(&s[..open]).ok_or_else(err)?;
        let rest = &s[open..];
        match rest.split_once('–') {
            None => parse_point(rest)
                .map(|l| ParagraphRef::Point(n, l))
                .ok_or_else(err),
            Some((a, b)) => {
                let (a, b) = (
                    parse_point(a).ok_or_else(err)?,
                    parse_point(b).ok_or_else(err)?,
                );
                if a < b {
                    Ok(ParagraphRef::Range(n, a, b))
                } else {
                    Err(err())
                }
            }
        }
    }
}

/// The JSON Schema pattern of a paragraph reference. Ranges are enumerated by
/// first letter so that every validator checks that the letters come in order,
/// as our reader does.
pub fn paragraph_pattern() -> String {
    let ranges: Vec<String> = ('a'..='y')
        .map(|a| {
            let next = char::from((a as u8).saturating_add(1));
            format!("\\({a}\\)–\\([{next}-z]\\)")
        })
        .collect();
    format!("^[1-9][0-9]{{0,8}}(\\([a-z]\\)|{})?$", ranges.join("|"))
}

macro_rules! str_serde {
    ($ty:ty, $name:literal, $schema:expr) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $schema
            }
        }
    };
}

str_serde!(
    Letter,
    "Letter",
    schemars::json_schema!({
        "type": "string",
        "pattern": "^[a-z]$",
        "description": "A point letter, without parentheses: `b` for (b)."
    })
);
str_serde!(
    ParagraphRef,
    "ParagraphRef",
    schemars::json_schema!({
        "type": "string",
        "pattern": paragraph_pattern(),
        "description": "A paragraph of the conclusions: `21`, a point `20(b)`, or a range of points `20(a)–(f)` with an en dash (U+2013) and letters in order."
    })
);
