//! Calendar values of the domain: ISO dates, month deadlines (`2016-03`),
//! dates known to the day or only to the month, and biennia (`2016-17`).
//!
//! Years are limited to 1000–9999 so that every value has exactly four year
//! digits on the wire and every JSON Schema validator's `date` format agrees
//! with ours.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use time::{Date, Month};

/// A calendar value did not follow its grammar or does not exist.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// Not a `YYYY-MM-DD` date that exists.
    #[error("`{0}` is not a date: write an existing day as YYYY-MM-DD, e.g. 2016-07-31")]
    Date(String),
    /// Not a `YYYY-MM` month.
    #[error("`{0}` is not a month: write YYYY-MM with a month from 01 to 12, e.g. 2016-03")]
    Month(String),
    /// Neither a date nor a month.
    #[error("`{0}` is neither a date (YYYY-MM-DD) nor a month (YYYY-MM)")]
    DateOrMonth(String),
    /// Not a biennium such as `2016-17`.
    #[error(
        "`{0}` is not a biennium: write the first year and the last two digits of the next, e.g. 2016-17"
    )]
    Biennium(String),
    /// A year outside 1000–9999.
    #[error("year {0} is outside 1000–9999")]
    Year(i32),
}

const MIN_YEAR: i32 = 1000;
const MAX_YEAR: i32 = 9999;

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_year(s: &str) -> Option<i32> {
    if s.len() != 4 || s.starts_with('0') {
        return None;
    }
    digits(s).and_then(|y| i32::try_from(y).ok())
}

fn parse_month(s: &str) -> Option<Month> {
    if s.len() != 2 {
        return None;
    }
    let m = digits(s)?;
    Month::try_from(u8::try_from(m).ok()?).ok()
}

/// Parses a strict `YYYY-MM-DD` date that exists (no `2016-02-30`).
///
/// # Errors
///
/// [`CalendarError::Date`] if `s` is not four digits, `-`, two digits, `-`,
/// two digits, or names a day that does not exist.
pub fn parse_date(s: &str) -> Result<Date, CalendarError> {
    let err = || CalendarError::Date(s.to_owned());
    let mut parts = s.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(err());
    };
    let year = parse_year(y).ok_or_else(err)?;
    let month = parse_month(m).ok_or_else(err)?;
    if d.len() != 2 {
        return Err(err());
    }
    let day = digits(d)
        .and_then(|d| u8::try_from(d).ok())
        .ok_or_else(err)?;
    Date::from_calendar_date(year, month, day).map_err(|_| err())
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A calendar month, written `YYYY-MM`: the shape of every deadline in the
/// seed (`03/2016` becomes `2016-03`). A deadline month means the **end** of
/// that month.
///
/// ```
/// use actionplan_model::YearMonth;
/// let m: YearMonth = "2016-03".parse()?;
/// assert_eq!(m.last_day().to_string(), "2016-03-31");
/// assert_eq!(m.to_string(), "2016-03");
/// # Ok::<(), actionplan_model::CalendarError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

impl YearMonth {
    /// The month `month` (1–12) of `year` (1000–9999).
    ///
    /// # Errors
    ///
    /// [`CalendarError`] if `year` lies outside 1000–9999, the years a
    /// four-digit `YYYY-MM` can state.
    pub fn new(year: i32, month: Month) -> Result<Self, CalendarError> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(CalendarError::Year(year));
        }
        Ok(YearMonth {
            year,
            month: month.into(),
        })
    }

    /// The month a date falls in.
    pub fn of(date: Date) -> Self {
        YearMonth {
            year: date.year(),
            month: date.month().into(),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month.
    pub fn month(self) -> Month {
        Month::try_from(self.month).unwrap_or(Month::January)
    }

    /// The first day of the month.
    pub fn first_day(self) -> Date {
        Date::from_calendar_date(self.year, self.month(), 1).unwrap_or(Date::MIN)
    }

    /// The last day of the month: the day a month deadline falls due.
    pub fn last_day(self) -> Date {
        let days = self.month().length(self.year);
        Date::from_calendar_date(self.year, self.month(), days).unwrap_or(Date::MAX)
    }

    /// Whether `date` lies in this month.
    pub fn contains(self, date: Date) -> bool {
        YearMonth::of(date) == self
    }

    /// The month `n` months later (or earlier for negative `n`).
    ///
    /// # Errors
    ///
    /// [`CalendarError::Year`] when the month falls outside the years
    /// 1000–9999, however large `n` is (no overflow).
    ///
    /// ```
    /// use actionplan_model::YearMonth;
    /// let march: YearMonth = "2016-03".parse().unwrap();
    /// assert_eq!(march.add_months(10).unwrap().to_string(), "2017-01");
    /// assert_eq!(march.add_months(-3).unwrap().to_string(), "2015-12");
    /// assert!(march.add_months(i32::MAX).is_err());
    /// ```
    pub fn add_months(self, n: i32) -> Result<Self, CalendarError> {
        // Months counted from year 0 fit an i64 for any year and any i32 `n`.
        let index = i64::from(self.year)
            .saturating_mul(12)
            .saturating_add(i64::from(self.month))
            .saturating_sub(1)
            .saturating_add(i64::from(n));
        let year = index.div_euclid(12);
        let year = i32::try_from(year).map_err(|_| CalendarError::Year(i32::MAX))?;
        let month = u8::try_from(index.rem_euclid(12).saturating_add(1)).unwrap_or(1);
        YearMonth::new(year, Month::try_from(month).unwrap_or(Month::January))
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, CalendarError> {
        let err = || CalendarError::Month(s.to_owned());
        let (y, m) = s.split_once('-').ok_or_else(err)?;
        let year = parse_year(y).ok_or_else(err)?;
        let month = parse_month(m).ok_or_else(err)?;
        YearMonth::new(year, month)
    }
}

/// A date known to the day (`2015-08-15`) or only to the month (`2016-05`,
/// for "published in May 2016").
///
/// ```
/// use actionplan_model::DateOrMonth;
/// let may: DateOrMonth = "2016-05".parse()?;
/// assert_eq!(may.earliest().to_string(), "2016-05-01");
/// assert_eq!(may.latest().to_string(), "2016-05-31");
/// let day: DateOrMonth = "2015-08-15".parse()?;
/// assert_eq!(day.latest(), day.earliest());
/// # Ok::<(), actionplan_model::CalendarError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateOrMonth {
    /// Known to the day.
    Day(Date),
    /// Known to the month.
    Month(YearMonth),
}

impl DateOrMonth {
    /// The first day this value may mean.
    pub fn earliest(self) -> Date {
        match self {
            DateOrMonth::Day(d) => d,
            DateOrMonth::Month(m) => m.first_day(),
        }
    }

    /// The last day this value may mean: the one used against deadlines.
    pub fn latest(self) -> Date {
        match self {
            DateOrMonth::Day(d) => d,
            DateOrMonth::Month(m) => m.last_day(),
        }
    }

    /// The month this value falls in.
    pub fn year_month(self) -> YearMonth {
        match self {
            DateOrMonth::Day(d) => YearMonth::of(d),
            DateOrMonth::Month(m) => m,
        }
    }
}

impl fmt::Display for DateOrMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOrMonth::Day(d) => f.write_str(&format_date(*d)),
            DateOrMonth::Month(m) => m.fmt(f),
        }
    }
}

impl FromStr for DateOrMonth {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, CalendarError> {
        match s.len() {
            7 => s
                .parse()
                .map(DateOrMonth::Month)
                .map_err(|_| CalendarError::DateOrMonth(s.to_owned())),
            10 => parse_date(s).map(DateOrMonth::Day),
            _ => Err(CalendarError::DateOrMonth(s.to_owned())),
        }
    }
}

/// A biennium of the ILO programme and budget, written `2016-17`: it runs
/// from January of its first year to December of the next.
///
/// ```
/// use actionplan_model::Biennium;
/// let b: Biennium = "2018-19".parse()?;
/// assert_eq!(b.first_year(), 2018);
/// assert_eq!(b.end().to_string(), "2019-12");
/// assert!("2018-20".parse::<Biennium>().is_err());
/// # Ok::<(), actionplan_model::CalendarError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Biennium {
    first_year: i32,
}

impl Biennium {
    /// The biennium that starts in `first_year` (1000–9998).
    ///
    /// # Errors
    ///
    /// [`CalendarError`] if `first_year` lies outside 1000–9998 (the
    /// biennium must end in a four-digit year).
    pub fn starting(first_year: i32) -> Result<Self, CalendarError> {
        if !(MIN_YEAR..MAX_YEAR).contains(&first_year) {
            return Err(CalendarError::Year(first_year));
        }
        Ok(Biennium { first_year })
    }

    /// Its first year.
    pub fn first_year(self) -> i32 {
        self.first_year
    }

    /// Its first month (January of the first year).
    pub fn start(self) -> YearMonth {
        YearMonth {
            year: self.first_year,
            month: 1,
        }
    }

    /// Its last month (December of the second year).
    pub fn end(self) -> YearMonth {
        YearMonth {
            year: self.first_year.saturating_add(1),
            month: 12,
        }
    }

    /// The biennium after this one.
    ///
    /// # Errors
    ///
    /// [`CalendarError`] if it would end after 9999.
    pub fn next(self) -> Result<Self, CalendarError> {
        Biennium::starting(self.first_year.saturating_add(2))
    }

    /// Whether `date` falls within the biennium.
    pub fn contains(self, date: Date) -> bool {
        date >= self.start().first_day() && date <= self.end().last_day()
    }
}

impl fmt::Display for Biennium {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}",
            self.first_year,
            self.first_year.saturating_add(1).rem_euclid(100)
        )
    }
}

impl FromStr for Biennium {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, CalendarError> {
        let err = || CalendarError::Biennium(s.to_owned());
        let (y, next) = s.split_once('-').ok_or_else(err)?;
        let first = parse_year(y).ok_or_else(err)?;
        if next.len() != 2
            || digits(next) != u32::try_from(first.saturating_add(1).rem_euclid(100)).ok()
        {
            return Err(err());
        }
        Biennium::starting(first).map_err(|_| err())
    }
}

/// The JSON Schema pattern of a biennium: every `YYYY-yy` from `1000-01` to
/// `9998-99` whose `yy` follows the year's last two digits. The pattern
/// enumerates the pairs, so that every validator checks what our reader
/// checks; `9999-00` is left out because its second year has five digits.
pub fn biennium_pattern() -> String {
    let pairs: Vec<String> = (0..99u8)
        .map(|n| format!("{:02}-{:02}", n, n.saturating_add(1)))
        .collect();
    format!(
        "^(?:[1-9][0-9](?:{})|(?:[1-8][0-9]|9[0-8])99-00)$",
        pairs.join("|")
    )
}

macro_rules! string_serde {
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

/// Pattern of a `YYYY-MM-DD` date; the `date` format checks that the day exists.
pub const DATE_PATTERN: &str = "^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
/// Pattern of a `YYYY-MM` month.
pub const MONTH_PATTERN: &str = "^[1-9][0-9]{3}-(0[1-9]|1[0-2])$";

string_serde!(
    YearMonth,
    "YearMonth",
    schemars::json_schema!({
        "type": "string",
        "pattern": MONTH_PATTERN,
        "description": "A month, YYYY-MM (e.g. 2016-03). As a deadline it means the end of that month."
    })
);
string_serde!(
    DateOrMonth,
    "DateOrMonth",
    schemars::json_schema!({
        "type": "string",
        "anyOf": [
            { "pattern": DATE_PATTERN, "format": "date" },
            { "pattern": MONTH_PATTERN }
        ],
        "description": "A date known to the day (YYYY-MM-DD) or only to the month (YYYY-MM)."
    })
);
string_serde!(
    Biennium,
    "Biennium",
    schemars::json_schema!({
        "type": "string",
        "pattern": biennium_pattern(),
        "description": "A biennium: its first year and the last two digits of the next, e.g. 2016-17."
    })
);
