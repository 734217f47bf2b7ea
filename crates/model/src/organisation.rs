//! Who does the work and who pays for it (format 1.1): the Office's units
//! and the partners that fund extra-budgetary work.

use crate::{IatiOrgId, PartnerId, Text, UnitId};
use serde::{Deserialize, Serialize};

/// A unit of the Office that leads or contributes to work, e.g. the
/// Enterprises Department under ACT/EMP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OrgUnit {
    /// Stable id.
    pub id: UnitId,
    /// Its name or acronym.
    pub name: Text,
    /// The unit it belongs to, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
}

impl OrgUnit {
    /// Creates an `OrgUnit` from its required members: `id`, `name`.
    ///
    /// ```
    /// use actionplan_model::OrgUnit;
    /// let u: OrgUnit = serde_json::from_str(
    ///     r#"{"id": "enterprises", "name": {"en": "Enterprises Department"}, "parent": "act-emp"}"#,
    /// )?;
    /// assert_eq!(u.parent.as_ref().map(|p| p.as_str()), Some("act-emp"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(id: UnitId, name: Text) -> Self {
        OrgUnit {
            id,
            name,
            parent: None,
        }
    }
}

/// A partner that funds work: a member State, a multilateral body, a
/// private donor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Partner {
    /// Stable id.
    pub id: PartnerId,
    /// Its name.
    pub name: Text,
    /// What kind of partner.
    pub kind: PartnerKind,
    /// Its IATI organisation identifier, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iati_id: Option<IatiOrgId>,
}

impl Partner {
    /// Creates a `Partner` from its required members: `id`, `name`, `kind`.
    pub fn new(id: PartnerId, name: Text, kind: PartnerKind) -> Self {
        Partner {
            id,
            name,
            kind,
            iati_id: None,
        }
    }
}

/// Kinds of funding partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PartnerKind {
    /// A member State of the ILO.
    MemberState,
    /// A multilateral organization or fund.
    Multilateral,
    /// A private donor or foundation.
    Private,
    /// Any other partner.
    Other,
}
