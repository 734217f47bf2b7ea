//! Stable identifiers: one newtype per kind of object, so that a deliverable
//! id cannot be passed where an indicator id is meant.

use std::fmt;

/// The longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

/// An id was empty, too long or used a character outside `[A-Za-z0-9._-]`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{value}` is not a valid id: use 1 to 64 ASCII letters, digits, `.`, `_` or `-`, starting with a letter or digit"
)]
#[non_exhaustive]
pub struct IdError {
    /// The rejected text.
    pub value: String,
}

/// Checks the id grammar shared by every id type:
/// `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`.
///
/// # Errors
///
/// [`IdError`] if `s` breaks the grammar.
pub fn check_id(s: &str) -> Result<(), IdError> {
    let bytes = s.as_bytes();
    let ok = !bytes.is_empty()
        && bytes.len() <= MAX_ID_LEN
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(IdError {
            value: s.to_owned(),
        })
    }
}

/// The id grammar as a JSON Schema pattern.
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks `s` against the id grammar and wraps it.
            ///
            /// # Errors
            ///
            /// [`IdError`] if `s` is empty, longer than 64 characters, or
            /// holds a character other than ASCII letters, digits, `.`, `_`, `-`.
            pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
                let s = s.into();
                check_id(&s)?;
                Ok($name(s))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                $name::new(s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::new(s).map_err(serde::de::Error::custom)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": ID_PATTERN,
                    "description": concat!("Id of ", $what, ": 1 to 64 ASCII letters, digits, `.`, `_` or `-`, starting with a letter or digit. Unique within the file.")
                })
            }
        }
    };
}

id_type!(
    /// Id of an [`ActionPlan`](crate::ActionPlan).
    PlanId, "an action plan"
);
id_type!(
    /// Id of a [`Session`](crate::Session) of the Governing Body or the Conference.
    SessionId, "a session"
);
id_type!(
    /// Id of a [`Category`](crate::Category) of follow-up items.
    CategoryId, "a category"
);
id_type!(
    /// Id of a [`FollowUpItem`](crate::FollowUpItem).
    ItemId, "a follow-up item"
);
id_type!(
    /// Id of a [`Deliverable`](crate::Deliverable).
    DeliverableId, "a planned deliverable"
);
id_type!(
    /// Id of an [`Indicator`](crate::Indicator).
    IndicatorId, "an indicator of achievement"
);
id_type!(
    /// Id of a [`ProgressReport`](crate::ProgressReport).
    ReportId, "a progress report"
);
id_type!(
    /// Id of a [`FundingSource`](crate::FundingSource).
    SourceId, "a funding source"
);
id_type!(
    /// Id of a [`ResourceLine`](crate::ResourceLine).
    ResourceLineId, "a resource line"
);
id_type!(
    /// Id of an [`UnfundedRequest`](crate::UnfundedRequest).
    RequestId, "a request for work that is not funded"
);
id_type!(
    /// Id of a [`Portfolio`](crate::Portfolio).
    PortfolioId, "a resource portfolio"
);
id_type!(
    /// Id of a [`Footnote`](crate::Footnote).
    FootnoteId, "a footnote"
);
id_type!(
    /// Id of a disaggregation [`Dimension`](crate::Dimension) (sex, age group…).
    DimensionId, "a disaggregation dimension"
);
id_type!(
    /// Code of one value of a [`Dimension`](crate::Dimension): `female`,
    /// `15-24`, or for countries an ISO 3166-1 alpha-2 code such as `BR`.
    DimensionCode, "a value of a disaggregation dimension"
);
id_type!(
    /// Id of a [`Revision`](crate::Revision) of a deadline or target.
    RevisionId, "a revision"
);
id_type!(
    /// Id of an [`OrgUnit`](crate::OrgUnit) of the Office.
    UnitId, "a unit of the Office"
);
id_type!(
    /// Id of a [`Partner`](crate::Partner) that funds work.
    PartnerId, "a funding partner"
);
id_type!(
    /// An IATI organisation identifier (`XM-DAC-41302`), as the IATI
    /// Standard's organisation registry assigns them.
    IatiOrgId, "an organisation in the IATI registry"
);
