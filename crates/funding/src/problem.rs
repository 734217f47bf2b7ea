//! What the overview could not compute, as a value a caller can match on.

use crate::error::FundingError;
use crate::money::MoneyError;
use actionplan_model::{PortfolioId, RequestId, ResourceLineId};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Something [`overview`](crate::overview) could not compute, and why.
///
/// Each variant carries the object concerned and the typed error, with the
/// figures involved (currencies, amounts, ids); `Display` is the message for
/// people. On the wire a problem is an object with stable members:
///
/// ```json
/// {"kind": "totals", "line": "l2", "code": "overflow",
///  "subject": "totals", "message": "cannot add … and …: the result is larger …"}
/// ```
///
/// `kind` is `totals`, `requests` or `portfolio`; the id member is `line`,
/// `request` or `portfolio` accordingly; `code` is [`FundingProblem::code`];
/// `subject` is [`FundingProblem::subject`].
///
/// ```
/// use actionplan_funding::{FundingError, FundingProblem, overview};
/// # use actionplan_model::ActionPlan;
/// # use time::macros::date;
/// # let plan: ActionPlan = serde_json::from_str(r#"{
/// #   "id": "p", "title": {"en": "P"},
/// #   "resolution": {"title": {"en": "R"}, "adopted_at": "ilc"},
/// #   "endorsed_at": "gb", "biennia": ["2016-17"],
/// #   "categories": [{"id": "k", "name": {"en": "K"}}],
/// #   "items": [], "deliverables": [],
/// #   "resources": {"portfolios": [{"id": "xbtc", "name": {"en": "XBTC"},
/// #     "kind": "extra_budgetary", "indicator": "nowhere"}]}
/// # }"#)?;
/// let funding = overview(&plan, &[], date!(2016-07-31));
/// for problem in &funding.problems {
///     match problem {
///         FundingProblem::Portfolio { portfolio, error: FundingError::IndicatorNotFound { indicator, .. }, .. } => {
///             assert_eq!((portfolio.as_str(), indicator.as_str()), ("xbtc", "nowhere"));
///         }
///         other => println!("{}: {other}", other.subject()),
///     }
/// }
/// assert_eq!(funding.problems[0].code(), "indicator_not_found");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FundingProblem {
    /// The totals of the resource lines could not be computed: adding the
    /// amounts of `line` failed.
    #[error("{error}")]
    #[non_exhaustive]
    Totals {
        /// The first line whose amounts could not be added.
        line: ResourceLineId,
        /// What failed, with the figures.
        error: MoneyError,
    },
    /// The known costs of the requests received and not funded could not be
    /// added: adding the cost of `request` failed.
    #[error("{error}")]
    #[non_exhaustive]
    Requests {
        /// The first request whose cost could not be added.
        request: RequestId,
        /// What failed, with the figures.
        error: MoneyError,
    },
    /// A portfolio could not be evaluated.
    #[error("{error}")]
    #[non_exhaustive]
    Portfolio {
        /// The portfolio.
        portfolio: PortfolioId,
        /// What failed, with the ids and figures.
        error: FundingError,
    },
}

impl FundingProblem {
    pub(crate) fn portfolio(error: FundingError) -> Self {
        FundingProblem::Portfolio {
            portfolio: error.portfolio().clone(),
            error,
        }
    }

    /// The part of the analysis concerned, `totals`, `requests` or
    /// `portfolio`: the `kind` member on the wire.
    pub fn kind(&self) -> &'static str {
        match self {
            FundingProblem::Totals { .. } => "totals",
            FundingProblem::Requests { .. } => "requests",
            FundingProblem::Portfolio { .. } => "portfolio",
        }
    }

    /// What it concerns, for people: `totals`, `requests` or
    /// `portfolio <id>`.
    pub fn subject(&self) -> String {
        match self {
            FundingProblem::Portfolio { portfolio, .. } => format!("portfolio {portfolio}"),
            other => other.kind().to_owned(),
        }
    }

    /// A stable `snake_case` name of what failed: [`MoneyError::code`] or
    /// [`FundingError::code`].
    pub fn code(&self) -> &'static str {
        match self {
            FundingProblem::Totals { error, .. } | FundingProblem::Requests { error, .. } => {
                error.code()
            }
            FundingProblem::Portfolio { error, .. } => error.code(),
        }
    }
}

impl Serialize for FundingProblem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("kind", self.kind())?;
        match self {
            FundingProblem::Totals { line, .. } => map.serialize_entry("line", line)?,
            FundingProblem::Requests { request, .. } => map.serialize_entry("request", request)?,
            FundingProblem::Portfolio { portfolio, .. } => {
                map.serialize_entry("portfolio", portfolio)?;
            }
        }
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("subject", &self.subject())?;
        map.serialize_entry("message", &self.to_string())?;
        map.end()
    }
}
