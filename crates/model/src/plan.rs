//! The endorsed action plan: what it follows up, its span and reporting
//! schedule, its follow-up items and their planned deliverables.

use crate::{
    Biennium, CategoryId, DeliverableId, Dimension, Extensions, Indicator, ItemId, Letter, OrgUnit,
    ParagraphRef, Partner, Period, PlanId, Resources, Revision, Session, SessionId, SourceKind,
    Span, Text, Unit, UnitId, YearMonth,
};
use serde::{Deserialize, Serialize};

/// An action plan endorsed by the Governing Body to follow up a Conference
/// resolution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ActionPlan {
    /// Stable id of the plan.
    pub id: PlanId,
    /// The plan's title.
    pub title: Text,
    /// The resolution and conclusions the plan follows up.
    pub resolution: Resolution,
    /// The session that endorsed the plan (the Governing Body's 325th).
    pub endorsed_at: SessionId,
    /// The unit asked to report on progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_unit: Option<Unit>,
    /// The months the plan runs over (format 1.1), e.g. 2017-01 to 2021-12.
    /// Where absent, the span is that of the biennia.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The biennia the plan spans, consecutive and in order (2016-17,
    /// 2018-19). Required in format 1.0; in 1.1 a plan states its `period`,
    /// its biennia, or both (then each biennium overlaps the period).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::text::non_empty_vec"
    )]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub biennia: Vec<Biennium>,
    /// The sessions at which progress reports are due, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporting: Vec<SessionId>,
    /// Every session the file refers to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
    /// Categories that group follow-up items (Knowledge generation, Country-level work).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// The follow-up items, in the plan's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<FollowUpItem>,
    /// The planned deliverables; items refer to them by id, and two items may
    /// share one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<Deliverable>,
    /// The resources behind the plan.
    #[serde(default, skip_serializing_if = "Resources::is_empty")]
    pub resources: Resources,
    /// The dimensions along which values are split (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
    /// The units of the Office that lead or contribute to the work (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<OrgUnit>,
    /// The partners that fund the work (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Partner>,
    /// Revisions of deadlines and targets, in the order they were made
    /// (format 1.1). They are kept, never folded into the indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
    /// Tool-specific data.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl ActionPlan {
    /// Creates an `ActionPlan` from its required members: `id`, `title`, `resolution`, `endorsed_at`, `biennium`.
    ///
    /// Optional members start empty; set them through the public fields.
    ///
    /// The first biennium is required (a plan spans at least one); further
    /// biennia are pushed after:
    ///
    /// ```
    /// use actionplan_model::{ActionPlan, Resolution, Text};
    /// let mut plan = ActionPlan::new(
    ///     "sme".parse()?,
    ///     Text::en("SME action plan")?,
    ///     Resolution::new(Text::en("Resolution concerning SMEs")?, "ilc-104".parse()?),
    ///     "gb-325".parse()?,
    ///     "2016-17".parse()?,
    /// );
    /// plan.biennia.push("2018-19".parse()?);
    /// assert_eq!(plan.span().map(|(_, to)| to.to_string()).as_deref(), Some("2019-12"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// A later minor version of the format may add members, so code outside
    /// this crate cannot build one with a struct literal, not even with
    /// `..` from another plan:
    ///
    /// ```compile_fail,E0639
    /// use actionplan_model::{ActionPlan, PlanId};
    /// fn renamed(other: ActionPlan) -> ActionPlan {
    ///     ActionPlan {
    ///         id: PlanId::new("copy").unwrap(),
    ///         ..other
    ///     }
    /// }
    /// ```
    pub fn new(
        id: PlanId,
        title: Text,
        resolution: Resolution,
        endorsed_at: SessionId,
        biennium: Biennium,
    ) -> Self {
        ActionPlan {
            biennia: vec![biennium],
            ..ActionPlan::empty(id, title, resolution, endorsed_at)
        }
    }

    /// The required members and nothing else: no span yet.
    fn empty(id: PlanId, title: Text, resolution: Resolution, endorsed_at: SessionId) -> Self {
        ActionPlan {
            id,
            title,
            resolution,
            endorsed_at,
            responsible_unit: None,
            period: None,
            biennia: Vec::new(),
            reporting: Vec::new(),
            sessions: Vec::new(),
            categories: Vec::new(),
            items: Vec::new(),
            deliverables: Vec::new(),
            resources: Resources::default(),
            dimensions: Vec::new(),
            units: Vec::new(),
            partners: Vec::new(),
            revisions: Vec::new(),
            extensions: Extensions::default(),
        }
    }

    /// Creates a plan that states its span as a `period` of months instead
    /// of biennia (format 1.1), e.g. a programme of action for 2017–2021.
    ///
    /// ```
    /// use actionplan_model::{ActionPlan, Period, Resolution, Text};
    /// let plan = ActionPlan::with_period(
    ///     "decent-work-programme".parse()?,
    ///     Text::en("Programme of action 2017–2021")?,
    ///     Resolution::new(Text::en("Resolution concerning decent work")?, "ilc-106".parse()?),
    ///     "gb-329".parse()?,
    ///     Period::new("2017-01".parse()?, "2021-12".parse()?),
    /// );
    /// assert!(plan.biennia.is_empty());
    /// assert_eq!(plan.span().map(|(from, _)| from.to_string()).as_deref(), Some("2017-01"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_period(
        id: PlanId,
        title: Text,
        resolution: Resolution,
        endorsed_at: SessionId,
        period: Period,
    ) -> Self {
        ActionPlan {
            period: Some(period),
            biennia: Vec::new(),
            ..ActionPlan::empty(id, title, resolution, endorsed_at)
        }
    }
}

impl ActionPlan {
    /// Indexes the plan's relations once, for look-ups by id in constant
    /// time; see [`PlanIndex`](crate::PlanIndex).
    ///
    /// The look-up methods below search the plan's lists: fine for one
    /// question, quadratic when asked per object. Code that asks per object
    /// builds the index once and asks it.
    pub fn index(&self) -> crate::PlanIndex<'_> {
        crate::PlanIndex::new(self)
    }

    /// The first and last month of the plan: its `period` where stated,
    /// else January of the first biennium to December of the last.
    pub fn span(&self) -> Option<(YearMonth, YearMonth)> {
        if let Some(p) = self.period {
            return Some((p.start, p.end));
        }
        let first = self.biennia.iter().min()?;
        let last = self.biennia.iter().max()?;
        Some((first.start(), last.end()))
    }

    /// The plan's span as a [`Period`]; see [`ActionPlan::span`].
    pub fn period_or_biennia(&self) -> Option<Period> {
        self.span().map(|(start, end)| Period::new(start, end))
    }

    /// The session with id `id` (a search; see [`ActionPlan::index`]).
    pub fn session(&self, id: &SessionId) -> Option<&Session> {
        self.sessions.iter().find(|s| &s.id == id)
    }

    /// The category with id `id`.
    pub fn category(&self, id: &CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| &c.id == id)
    }

    /// The deliverable with id `id` (a search; see [`ActionPlan::index`]).
    pub fn deliverable(&self, id: &DeliverableId) -> Option<&Deliverable> {
        self.deliverables.iter().find(|d| &d.id == id)
    }

    /// The indicator with id `id` and the deliverable it belongs to (a
    /// search; see [`ActionPlan::index`]).
    pub fn indicator(&self, id: &crate::IndicatorId) -> Option<(&Deliverable, &Indicator)> {
        self.deliverables
            .iter()
            .find_map(|d| d.indicators.iter().find(|i| &i.id == id).map(|i| (d, i)))
    }

    /// Every indicator with its deliverable, in plan order.
    pub fn indicators(&self) -> impl Iterator<Item = (&Deliverable, &Indicator)> {
        self.deliverables
            .iter()
            .flat_map(|d| d.indicators.iter().map(move |i| (d, i)))
    }

    /// The items that list deliverable `id` (a search of every item; see
    /// [`ActionPlan::index`]).
    pub fn items_of(&self, id: &DeliverableId) -> impl Iterator<Item = &FollowUpItem> {
        self.items
            .iter()
            .filter(move |it| it.deliverables.contains(id))
    }

    /// The deliverables of an item, in the item's order (unresolved ids are skipped).
    pub fn deliverables_of<'a>(
        &'a self,
        item: &'a FollowUpItem,
    ) -> impl Iterator<Item = &'a Deliverable> + 'a {
        item.deliverables
            .iter()
            .filter_map(|id| self.deliverable(id))
    }

    /// The biennium a deliverable is planned for: that of the first item that
    /// lists it, where that item names a biennium.
    pub fn biennium_of(&self, id: &DeliverableId) -> Option<Biennium> {
        self.items_of(id).next().and_then(|it| it.biennium)
    }
}

/// The resolution (and its conclusions) a plan follows up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Resolution {
    /// Its title.
    pub title: Text,
    /// The Conference session that adopted it (the 104th, 2015).
    pub adopted_at: SessionId,
}

impl Resolution {
    /// Creates a `Resolution` from its required members: `title`, `adopted_at`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(title: Text, adopted_at: SessionId) -> Self {
        Resolution { title, adopted_at }
    }
}

/// A category of follow-up items, as the plan's table groups them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Category {
    /// Stable id.
    pub id: CategoryId,
    /// Its name, e.g. Knowledge generation.
    pub name: Text,
}

impl Category {
    /// Creates a `Category` from its required members: `id`, `name`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(id: CategoryId, name: Text) -> Self {
        Category { id, name }
    }
}

/// A follow-up item: something the conclusions ask for, with the paragraphs
/// that ask for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FollowUpItem {
    /// Stable id.
    pub id: ItemId,
    /// The item as written, without its paragraph references.
    pub text: Text,
    /// The paragraphs of the conclusions it answers, e.g. `20(b)`.
    #[serde(deserialize_with = "crate::text::non_empty_vec")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub paragraphs: Vec<ParagraphRef>,
    /// Its category.
    pub category: CategoryId,
    /// The biennium it is planned for. Required in format 1.0; in 1.1 an
    /// item names a biennium, a `span`, or neither (it then runs over the
    /// plan's span), not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biennium: Option<Biennium>,
    /// The year or months it is planned for, where not a biennium (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Its planned deliverables, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<DeliverableId>,
    /// The unit that leads it, by id (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_unit: Option<UnitId>,
    /// The units that contribute to it, by id (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributing_units: Vec<UnitId>,
    /// Tool-specific data.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl FollowUpItem {
    /// Creates a `FollowUpItem` from its required members: `id`, `text`, `paragraph`, `category`, `biennium`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(
        id: ItemId,
        text: Text,
        paragraph: ParagraphRef,
        category: CategoryId,
        biennium: Biennium,
    ) -> Self {
        FollowUpItem {
            id,
            text,
            paragraphs: vec![paragraph],
            category,
            biennium: Some(biennium),
            span: None,
            deliverables: Vec::new(),
            lead_unit: None,
            contributing_units: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

/// A planned deliverable and the indicators that measure it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Deliverable {
    /// Stable id.
    pub id: DeliverableId,
    /// Its letter in the plan, where it has one: the `a` of "(a) Design and …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<Letter>,
    /// The deliverable as written, without its letter.
    pub text: Text,
    /// Conditions the plan attaches ("provided that extra-budgetary resources
    /// can be mobilized").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Its indicators of achievement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// The biennium, year or months it is planned for, where it has its own (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The unit that leads it, by id (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_unit: Option<UnitId>,
    /// The units that contribute to it, by id (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributing_units: Vec<UnitId>,
    /// Tool-specific data.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl Deliverable {
    /// Creates a `Deliverable` from its required members: `id`, `text`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(id: DeliverableId, text: Text) -> Self {
        Deliverable {
            id,
            letter: None,
            text,
            conditions: Vec::new(),
            indicators: Vec::new(),
            span: None,
            lead_unit: None,
            contributing_units: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

impl FollowUpItem {
    /// The item's own time frame: its `span`, else its biennium; `None`
    /// where it states neither and so runs over the plan's span.
    pub fn time_frame(&self) -> Option<Span> {
        self.span.or(self.biennium.map(Span::Biennium))
    }
}

impl Deliverable {
    /// Whether the plan makes this deliverable conditional on mobilizing resources.
    pub fn depends_on_mobilization(&self) -> bool {
        self.conditions
            .iter()
            .any(|c| c.kind == ConditionKind::ResourcesMobilized)
    }
}

/// A condition the plan attaches to a deliverable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Condition {
    /// What kind of condition.
    pub kind: ConditionKind,
    /// The kind of funds meant, for a resource condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceKind>,
    /// The condition as written.
    pub text: Text,
}

impl Condition {
    /// Creates a `Condition` from its required members: `kind`, `text`.
    ///
    /// Optional members start empty; set them through the public fields.
    pub fn new(kind: ConditionKind, text: Text) -> Self {
        Condition {
            kind,
            source: None,
            text,
        }
    }
}

/// Kinds of condition on a deliverable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConditionKind {
    /// The deliverable goes ahead only if resources are mobilized.
    ResourcesMobilized,
    /// Any other condition, stated in the text.
    Other,
}
