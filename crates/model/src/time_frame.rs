//! Time frames (format 1.1): the months a plan runs over, and the span of an
//! item, a deliverable or an indicator — a biennium, a year, or a range of
//! months.
//!
//! A plan of the 1.0 shape states only biennia; a multi-year programme of
//! action (2017–2021) states its `period`. Spans are inclusive: a span ends at
//! the last day of its last month, like a deadline.

use crate::{Biennium, CalendarError, YearMonth};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use time::Date;

/// The first and last month of something, inclusive:
/// `{"start": "2017-01", "end": "2021-12"}`.
///
/// Construction does not order the months: a file that writes them reversed
/// is reported by validation with its pointer (rule AP017,
/// `period_reversed`), like every relation a JSON Schema cannot state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first month.
    pub start: YearMonth,
    /// The last month (its last day included).
    pub end: YearMonth,
}

impl Period {
    /// The period from `start` to `end`, both months included.
    ///
    /// ```
    /// use actionplan_model::Period;
    /// let p = Period::new("2017-01".parse()?, "2021-12".parse()?);
    /// assert_eq!(p.to_string(), "01/2017–12/2021");
    /// assert_eq!(p.months(), Some(60));
    /// # Ok::<(), actionplan_model::CalendarError>(())
    /// ```
    pub fn new(start: YearMonth, end: YearMonth) -> Self {
        Period { start, end }
    }

    /// Whether the months are in order (`start` ≤ `end`).
    pub fn is_ordered(self) -> bool {
        self.start <= self.end
    }

    /// The number of months, both ends included; `None` when reversed.
    pub fn months(self) -> Option<u32> {
        let count = |m: YearMonth| {
            i64::from(m.year())
                .checked_mul(12)?
                .checked_add(i64::from(u8::from(m.month())))
        };
        let n = count(self.end)?
            .checked_sub(count(self.start)?)?
            .checked_add(1)?;
        u32::try_from(n).ok().filter(|n| *n > 0)
    }

    /// Whether `date` falls within the period.
    pub fn contains(self, date: Date) -> bool {
        date >= self.start.first_day() && date <= self.end.last_day()
    }

    /// Whether `other` lies wholly within this period.
    pub fn covers(self, other: Period) -> bool {
        other.start >= self.start && other.end <= self.end
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}/{}–{:02}/{}",
            u8::from(self.start.month()),
            self.start.year(),
            u8::from(self.end.month()),
            self.end.year()
        )
    }
}

/// The span of a follow-up item, a deliverable or an indicator: a biennium
/// (as in the 1.0 format), a calendar year, or a range of months.
///
/// On the wire it is one of `{"biennium": "2016-17"}`, `{"year": 2017}` or
/// `{"start": "2017-01", "end": "2018-06"}`.
///
/// ```
/// use actionplan_model::Span;
/// let year: Span = serde_json::from_str(r#"{"year": 2018}"#)?;
/// assert_eq!(year.period().to_string(), "01/2018–12/2018");
/// assert_eq!(year.to_string(), "2018");
/// let b: Span = serde_json::from_str(r#"{"biennium": "2016-17"}"#)?;
/// assert_eq!(b.period().end.to_string(), "2017-12");
/// assert!(serde_json::from_str::<Span>(r#"{"year": 2018, "biennium": "2018-19"}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Span {
    /// A biennium of the programme and budget.
    Biennium(Biennium),
    /// A calendar year, January to December.
    Year(Year),
    /// A range of months.
    Months(Period),
}

impl Span {
    /// The months the span covers.
    pub fn period(self) -> Period {
        match self {
            Span::Biennium(b) => Period::new(b.start(), b.end()),
            Span::Year(y) => y.period(),
            Span::Months(p) => p,
        }
    }

    /// Its first month.
    pub fn start(self) -> YearMonth {
        self.period().start
    }

    /// Its last month.
    pub fn end(self) -> YearMonth {
        self.period().end
    }
}

impl From<Biennium> for Span {
    fn from(b: Biennium) -> Self {
        Span::Biennium(b)
    }
}

impl From<Period> for Span {
    fn from(p: Period) -> Self {
        Span::Months(p)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Span::Biennium(b) => b.fmt(f),
            Span::Year(y) => y.fmt(f),
            Span::Months(p) => p.fmt(f),
        }
    }
}

/// A calendar year from 1000 to 9999.
///
/// ```
/// use actionplan_model::Year;
/// assert_eq!(Year::new(2017)?.period().start.to_string(), "2017-01");
/// assert!(Year::new(999).is_err());
/// # Ok::<(), actionplan_model::CalendarError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(u16);

impl Year {
    /// The year `year`.
    ///
    /// # Errors
    ///
    /// [`CalendarError::Year`] outside 1000–9999.
    pub fn new(year: i32) -> Result<Self, CalendarError> {
        if (1000..=9999).contains(&year) {
            u16::try_from(year)
                .map(Year)
                .map_err(|_| CalendarError::Year(year))
        } else {
            Err(CalendarError::Year(year))
        }
    }

    /// The year as a number.
    pub fn get(self) -> i32 {
        i32::from(self.0)
    }

    /// January to December of the year.
    pub fn period(self) -> Period {
        let month = |m| YearMonth::new(self.get(), m);
        match (month(time::Month::January), month(time::Month::December)) {
            (Ok(start), Ok(end)) => Period::new(start, end),
            // Unreachable: the year was checked on construction, and
            // YearMonth accepts the same years.
            _ => Period::new(YearMonth::of(Date::MIN), YearMonth::of(Date::MIN)),
        }
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The wire form of a [`Span`]: every member optional, so that the reader
/// can say which combination it found.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpanWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    biennium: Option<Biennium>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<YearMonth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<YearMonth>,
}

const SPAN_FORMS: &str = r#"a span is one of {"biennium": "2016-17"}, {"year": 2017} or {"start": "2017-01", "end": "2017-12"}"#;

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let none = SpanWire {
            biennium: None,
            year: None,
            start: None,
            end: None,
        };
        let wire = match *self {
            Span::Biennium(b) => SpanWire {
                biennium: Some(b),
                ..none
            },
            Span::Year(y) => SpanWire {
                year: Some(i64::from(y.get())),
                ..none
            },
            Span::Months(p) => SpanWire {
                start: Some(p.start),
                end: Some(p.end),
                ..none
            },
        };
        wire.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let w = SpanWire::deserialize(d)?;
        match (w.biennium, w.year, w.start, w.end) {
            (Some(b), None, None, None) => Ok(Span::Biennium(b)),
            (None, Some(y), None, None) => i32::try_from(y)
                .map_err(|_| CalendarError::Year(i32::MAX))
                .and_then(Year::new)
                .map(Span::Year)
                .map_err(D::Error::custom),
            (None, None, Some(start), Some(end)) => Ok(Span::Months(Period::new(start, end))),
            _ => Err(D::Error::custom(SPAN_FORMS)),
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Span".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let biennium = g.subschema_for::<Biennium>();
        let month = g.subschema_for::<YearMonth>();
        schemars::json_schema!({
            "description": "The span of an item, a deliverable or an indicator: a biennium, a calendar year, or a range of months (both included).",
            "oneOf": [
                {
                    "type": "object",
                    "properties": { "biennium": biennium },
                    "required": ["biennium"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": { "year": { "type": "integer", "minimum": 1000, "maximum": 9999 } },
                    "required": ["year"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": { "start": month, "end": month },
                    "required": ["start", "end"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip_in_their_wire_forms() {
        for text in [
            r#"{"biennium":"2016-17"}"#,
            r#"{"year":2017}"#,
            r#"{"start":"2017-01","end":"2018-06"}"#,
        ] {
            let span: Span = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&span).unwrap(), text);
        }
    }

    #[test]
    fn a_span_with_two_forms_or_half_a_range_is_refused_with_the_forms() {
        for text in [
            r#"{"year":2017,"biennium":"2016-17"}"#,
            r#"{"start":"2017-01"}"#,
            "{}",
        ] {
            let err = serde_json::from_str::<Span>(text).unwrap_err().to_string();
            assert!(err.contains("a span is one of"), "{text}: {err}");
        }
        assert!(serde_json::from_str::<Span>(r#"{"year":99999}"#).is_err());
        assert!(serde_json::from_str::<Span>(r#"{"month":"2017-01"}"#).is_err());
    }

    #[test]
    fn months_count_both_ends_and_refuse_reversed_periods() {
        let p = |a: &str, b: &str| Period::new(a.parse().unwrap(), b.parse().unwrap());
        assert_eq!(p("2017-01", "2021-12").months(), Some(60));
        assert_eq!(p("2017-05", "2017-05").months(), Some(1));
        assert_eq!(p("2018-01", "2017-12").months(), None);
        assert!(!p("2018-01", "2017-12").is_ordered());
        assert!(p("2017-01", "2021-12").covers(p("2018-01", "2018-12")));
        assert!(!p("2017-01", "2021-12").covers(p("2016-12", "2018-12")));
    }
}
