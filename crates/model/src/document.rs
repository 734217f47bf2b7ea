//! The document a progress report is published as: GB.328/INS/8 and its
//! header, implications and draft decision.

use crate::{Biennium, Language, Letter, SessionId, Text};
use serde::{Deserialize, Serialize};
use time::Date;

/// A Governing Body document and its metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Document {
    /// The document symbol, e.g. `GB.328/INS/8`.
    #[serde(deserialize_with = "crate::text::non_empty_string")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub symbol: String,
    /// The session the document is submitted to.
    pub session: SessionId,
    /// The section of the agenda, e.g. Institutional Section (INS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<AgendaSection>,
    /// The agenda item, e.g. the eighth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_item: Option<AgendaItem>,
    /// The date on the document.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::date::option"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::date::DateSchema>")
    )]
    pub date: Option<Date>,
    /// The language the document was written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_language: Option<Language>,
    /// The document's title.
    pub title: Text,
    /// "Purpose of the document".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Text>,
    /// "Relevant strategic objective" and the Office-wide outcomes it names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategic_objective: Option<StrategicObjective>,
    /// Policy, legal and financial implications.
    #[serde(default, skip_serializing_if = "Implications::is_empty")]
    pub implications: Implications,
    /// "Follow-up action required".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_action: Option<Text>,
    /// "Author unit".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_unit: Option<Unit>,
    /// "Related documents".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_documents: Vec<RelatedDocument>,
    /// The draft decision put to the Governing Body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_decision: Option<DraftDecision>,
}

impl Document {
    /// Creates a `Document` from its required members: `symbol`, `session`, `title`.
    ///
    /// Optional members start empty; set them through the public fields.
    ///
    /// # Errors
    ///
    /// [`TextError::EmptyString`](crate::TextError::EmptyString) if `symbol` is empty (the format refuses it).
    pub fn new(
        symbol: impl Into<String>,
        session: SessionId,
        title: Text,
    ) -> Result<Self, crate::TextError> {
        let symbol = symbol.into();
        if symbol.is_empty() {
            return Err(crate::TextError::EmptyString("symbol"));
        }
        Ok(Document {
            symbol,
            session,
            section: None,
            agenda_item: None,
            date: None,
            original_language: None,
            title,
            purpose: None,
            strategic_objective: None,
            implications: Implications::default(),
            follow_up_action: None,
            author_unit: None,
            related_documents: Vec::new(),
            draft_decision: None,
        })
    }
}

/// A section of the Governing Body's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AgendaSection {
    /// Its short code, e.g. `INS`.
    #[serde(deserialize_with = "crate::text::non_empty_string")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub code: String,
    /// Its name, e.g. Institutional Section.
    pub name: Text,
}

impl AgendaSection {
    /// Creates an `AgendaSection` from its required members: `code`, `name`.
    ///
    /// Optional members start empty; set them through the public fields.
    ///
    /// # Errors
    ///
    /// [`TextError::EmptyString`](crate::TextError::EmptyString) if `code` is empty (the format refuses it).
    pub fn new(code: impl Into<String>, name: Text) -> Result<Self, crate::TextError> {
        let code = code.into();
        if code.is_empty() {
            return Err(crate::TextError::EmptyString("code"));
        }
        Ok(AgendaSection { code, name })
    }
}

/// An item on a session's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AgendaItem {
    /// Its number: 8 for the "eighth item on the agenda".
    pub number: u32,
    /// Its title.
    pub title: Text,
}

impl AgendaItem {
    /// Creates an `AgendaItem` from its required members: `number`, `title`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(number: u32, title: Text) -> Self {
        AgendaItem { number, title }
    }
}

/// The strategic objective a document relates to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StrategicObjective {
    /// The statement as written.
    pub text: Text,
    /// The strategic plan whose outcomes are meant, e.g. 2016-17.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategic_plan: Option<Biennium>,
    /// The Office-wide outcomes named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<OutcomeRef>,
}

impl StrategicObjective {
    /// Creates a `StrategicObjective` from its required members: `text`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(text: Text) -> Self {
        StrategicObjective {
            text,
            strategic_plan: None,
            outcomes: Vec::new(),
        }
    }
}

/// An Office-wide outcome of the Strategic Plan, e.g. outcome 4 (promoting
/// sustainable enterprises).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OutcomeRef {
    /// The outcome number.
    pub number: u32,
    /// Its short title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
}

impl OutcomeRef {
    /// Creates an `OutcomeRef` from its required members: `number`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(number: u32) -> Self {
        OutcomeRef {
            number,
            title: None,
        }
    }
}

/// The implications a document states.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Implications {
    /// Policy implications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Text>,
    /// Legal implications ("None." is a statement, kept as text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal: Option<Text>,
    /// Financial implications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial: Option<Text>,
}

impl Implications {
    /// Whether no implication is stated.
    pub fn is_empty(&self) -> bool {
        self.policy.is_none() && self.legal.is_none() && self.financial.is_none()
    }
}

/// An organizational unit of the Office, e.g. ENTERPRISES/SME.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Unit {
    /// Its code, e.g. `ENTERPRISES/SME`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name, as the document gives it.
    pub name: Text,
}

impl Unit {
    /// Creates an `Unit` from its required members: `name`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(name: Text) -> Self {
        Unit { code: None, name }
    }
}

/// A document a document refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RelatedDocument {
    /// Its symbol, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Its description as written.
    pub title: Text,
    /// The session it was adopted or endorsed at, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionId>,
}

impl RelatedDocument {
    /// Creates a `RelatedDocument` from its required members: `title`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(title: Text) -> Self {
        RelatedDocument {
            symbol: None,
            title,
            session: None,
        }
    }
}

/// The draft decision: a chapeau and lettered points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DraftDecision {
    /// The paragraph number it stands in, e.g. 12.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    /// The opening words.
    pub text: Text,
    /// The lettered points, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<DecisionPoint>,
}

impl DraftDecision {
    /// Creates a `DraftDecision` from its required members: `text`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(text: Text) -> Self {
        DraftDecision {
            paragraph: None,
            text,
            points: Vec::new(),
        }
    }
}

/// One lettered point of a draft decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DecisionPoint {
    /// Its letter.
    pub letter: Letter,
    /// Its text.
    pub text: Text,
}

impl DecisionPoint {
    /// Creates a `DecisionPoint` from its required members: `letter`, `text`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(letter: Letter, text: Text) -> Self {
        DecisionPoint { letter, text }
    }
}
