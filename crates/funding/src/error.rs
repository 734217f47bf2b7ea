//! Errors of funding analysis that are not plain money errors.

use crate::money::MoneyError;
use actionplan_model::{IndicatorId, MeasureKind, PortfolioId};

/// Why a part of the funding analysis has no result.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FundingError {
    /// A portfolio points at an indicator the plan does not have.
    #[error(
        "portfolio `{portfolio}` is measured by indicator `{indicator}`, which the plan does not have; point it at the plan's money indicator"
    )]
    IndicatorNotFound {
        /// The portfolio.
        portfolio: PortfolioId,
        /// The missing indicator.
        indicator: IndicatorId,
    },
    /// A portfolio's indicator is not measured in money.
    #[error(
        "portfolio `{portfolio}` is measured by indicator `{indicator}`, a {} indicator; a portfolio needs a money indicator for its baseline and target",
        .kind.as_str()
    )]
    NotMoney {
        /// The portfolio.
        portfolio: PortfolioId,
        /// Its indicator.
        indicator: IndicatorId,
        /// The kind of measure found.
        kind: MeasureKind,
    },
    /// Arithmetic on the portfolio's amounts failed.
    #[error("portfolio `{portfolio}`: {error}")]
    Money {
        /// The portfolio.
        portfolio: PortfolioId,
        /// What failed.
        error: MoneyError,
    },
}

impl FundingError {
    pub(crate) fn not_money(
        portfolio: &PortfolioId,
        indicator: &IndicatorId,
        kind: MeasureKind,
    ) -> Self {
        FundingError::NotMoney {
            portfolio: portfolio.clone(),
            indicator: indicator.clone(),
            kind,
        }
    }

    /// A stable `snake_case` name of what failed, for programs that read
    /// the JSON form of a [`FundingProblem`](crate::FundingProblem): the
    /// variant's name, or for [`FundingError::Money`] that of the money
    /// error ([`MoneyError::code`]).
    pub fn code(&self) -> &'static str {
        match self {
            FundingError::IndicatorNotFound { .. } => "indicator_not_found",
            FundingError::NotMoney { .. } => "not_money",
            FundingError::Money { error, .. } => error.code(),
        }
    }

    /// The portfolio concerned.
    pub fn portfolio(&self) -> &PortfolioId {
        match self {
            FundingError::IndicatorNotFound { portfolio, .. }
            | FundingError::NotMoney { portfolio, .. }
            | FundingError::Money { portfolio, .. } => portfolio,
        }
    }
}
