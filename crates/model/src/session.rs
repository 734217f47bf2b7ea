//! Sessions of the Governing Body and of the International Labour Conference.

use crate::{DateOrMonth, SessionId, Text};
use serde::{Deserialize, Serialize};
use time::Date;

/// The organ that meets in a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Body {
    /// The Governing Body of the International Labour Office.
    GoverningBody,
    /// The International Labour Conference.
    InternationalLabourConference,
}

/// A numbered session, such as the Governing Body's 328th (Geneva,
/// 27 October–10 November 2016) or the Conference's 104th (2015).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Session {
    /// Stable id, e.g. `gb-328`.
    pub id: SessionId,
    /// Which organ meets.
    pub body: Body,
    /// The session number: 328 for the 328th Session.
    pub number: u32,
    /// The year the session is held in.
    pub year: u16,
    /// The month or first day of the session, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens: Option<DateOrMonth>,
    /// The last day of the session, where known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::date::option"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::date::DateSchema>")
    )]
    pub closes: Option<Date>,
    /// Where it is held, e.g. Geneva.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Text>,
}

impl Session {
    /// Creates a `Session` from its required members: `id`, `body`, `number`, `year`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(id: SessionId, body: Body, number: u32, year: u16) -> Self {
        Session {
            id,
            body,
            number,
            year,
            opens: None,
            closes: None,
            place: None,
        }
    }
}

impl Session {
    /// The ordinal as the documents write it: `328th`, `331st`, `104th`.
    pub fn ordinal(&self) -> String {
        let n = self.number;
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{n}{suffix}")
    }
}
