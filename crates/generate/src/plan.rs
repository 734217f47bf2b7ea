//! The plan itself: its head (title, sessions, categories), its follow-up
//! items and its deliverables with their indicators.

use crate::layout::{Items, Slot, Slots};
use crate::rng::{Rng, Stream};
use crate::spec::{Funding, Kind, Spec, funding_of};
use crate::words::{self, Fill, Template, english, text, trilingual};
use crate::{Error, Generator, id};
use actionplan_model::{
    ActionPlan, Body, Category, Condition, ConditionKind, CountMeasure, DateOrMonth, DatedMoney,
    Deliverable, Direction, FollowUpItem, Indicator, Letter, Measure, MilestoneMeasure, Money,
    MoneyMeasure, ParagraphRef, PercentageMeasure, QualitativeMeasure, Resolution, Session,
    SessionId, SourceKind, Unit,
};

/// The categories of follow-up items, in the three languages.
pub(crate) const CATEGORIES: &[(&str, &str, &str, &str)] = &[
    (
        "knowledge-generation",
        "Knowledge generation",
        "Production de connaissances",
        "Generación de conocimientos",
    ),
    (
        "country-level-work",
        "Country-level work",
        "Travaux au niveau des pays",
        "Labor a nivel de país",
    ),
    (
        "capacity-building",
        "Capacity building",
        "Renforcement des capacités",
        "Fortalecimiento de capacidades",
    ),
    (
        "partnerships",
        "Partnerships and resource mobilization",
        "Partenariats et mobilisation de ressources",
        "Alianzas y movilización de recursos",
    ),
    (
        "advocacy",
        "Advocacy and communication",
        "Sensibilisation et communication",
        "Promoción y comunicación",
    ),
    (
        "governance",
        "Governance and oversight",
        "Gouvernance et contrôle",
        "Gobernanza y supervisión",
    ),
];

/// Number of the Governing Body's November session of `year` (the 325th
/// met in November 2015; three sessions a year).
pub(crate) fn gb_number(year: i32) -> u32 {
    u32::try_from(
        year.saturating_sub(2015)
            .saturating_mul(3)
            .saturating_add(325),
    )
    .unwrap_or(325)
}

/// Number of the Conference's session of `year` (the 104th met in 2015).
fn ilc_number(year: i32) -> u32 {
    u32::try_from(year.saturating_sub(2015).saturating_add(104)).unwrap_or(104)
}

pub(crate) fn gb_id(year: i32) -> Result<SessionId, Error> {
    id(&format!("gb-{}", gb_number(year)))
}

fn ilc_id(year: i32) -> Result<SessionId, Error> {
    id(&format!("ilc-{}", ilc_number(year)))
}

/// The day `day` of `month` of `year`.
pub(crate) fn date(year: i32, month: u8, day: u8) -> Result<actionplan_model::Date, Error> {
    id(&format!("{year:04}-{month:02}-{day:02}")).map(|d: DateOrMonth| d.earliest())
}

/// The words of item `item`: one topic and country for the item and
/// everything under it, so that a row of the plan reads as one subject.
pub(crate) fn fill_of(seed: u64, item: u64) -> Fill {
    let mut rng = Rng::new(seed, Stream::Item, item);
    rng.next_u64(); // the category's draw (see layout)
    Fill::random(&mut rng)
}

fn letter(index: u64) -> Option<Letter> {
    let offset = u8::try_from(index).ok().filter(|i| *i < 26)?;
    Letter::new(char::from(b'a'.saturating_add(offset)))
}

fn session(
    id: SessionId,
    body: Body,
    number: u32,
    year: i32,
    opens: Option<DateOrMonth>,
    closes: Option<actionplan_model::Date>,
) -> Result<Session, Error> {
    let mut session = Session::new(
        id,
        body,
        number,
        u16::try_from(year).map_err(Error::internal)?,
    );
    session.opens = opens;
    session.closes = closes;
    session.place = Some(trilingual("Geneva", "Genève", "Ginebra")?);
    Ok(session)
}

impl Generator {
    /// The year of report `r` (one a year, from the plan's first year).
    pub(crate) fn report_year(&self, r: u64) -> i32 {
        self.first_year
            .saturating_add(i32::try_from(r).unwrap_or(0))
    }

    /// The plan without its items, deliverables and resources.
    pub(crate) fn plan_head(&self) -> Result<ActionPlan, Error> {
        let mut rng = Rng::new(self.seed, Stream::Plan, 1);
        let topic = Fill::random(&mut rng).topic;
        let adopted = self.first_year.saturating_sub(1);
        let mut sessions = vec![
            session(
                ilc_id(adopted)?,
                Body::InternationalLabourConference,
                ilc_number(adopted),
                adopted,
                Some(DateOrMonth::Day(date(adopted, 6, 1)?)),
                Some(date(adopted, 6, 13)?),
            )?,
            session(
                gb_id(adopted)?,
                Body::GoverningBody,
                gb_number(adopted),
                adopted,
                Some(DateOrMonth::Month(id(&format!("{adopted}-11"))?)),
                None,
            )?,
        ];
        let mut reporting = Vec::new();
        for r in 0..self.reports {
            let year = self.report_year(r);
            reporting.push(gb_id(year)?);
            sessions.push(session(
                gb_id(year)?,
                Body::GoverningBody,
                gb_number(year),
                year,
                Some(DateOrMonth::Day(date(year, 10, 27)?)),
                Some(date(year, 11, 10)?),
            )?);
        }
        let categories = CATEGORIES
            .iter()
            .map(|(cid, en, fr, es)| Ok(Category::new(id(cid)?, trilingual(en, fr, es)?)))
            .collect::<Result<_, Error>>()?;
        let title = english(format!(
            "Synthetic action plan {}: follow-up to the resolution concerning {}",
            self.seed, topic.en
        ))?
        .with(
            actionplan_model::Language::Fr,
            format!(
                "Plan d'action synthétique {} : suite donnée à la résolution concernant {}",
                self.seed, topic.fr
            ),
        )
        .map_err(Error::internal)?;
        let resolution = Resolution::new(
            trilingual(
                &format!("Resolution concerning {}", topic.en),
                &format!("Résolution concernant {}", topic.fr),
                &format!("Resolución relativa a {}", topic.es),
            )?,
            ilc_id(adopted)?,
        );
        let mut unit = Unit::new(english(
            "Small and Medium Enterprises Unit of the Enterprises Department",
        )?);
        unit.code = Some("ENTERPRISES/SME".to_owned());
        let first = self.biennium(0)?;
        let mut plan = ActionPlan::new(
            id(&format!("synthetic-plan-{}", self.seed))?,
            title,
            resolution,
            gb_id(adopted)?,
            first,
        );
        plan.responsible_unit = Some(unit);
        if self.is_1_1() {
            plan.period = Some(self.period()?);
        }
        plan.biennia.clone_from(&self.biennia);
        plan.reporting = reporting;
        plan.sessions = sessions;
        plan.categories = categories;
        Ok(plan)
    }

    /// The follow-up items, in plan order.
    pub(crate) fn items(&self) -> impl Iterator<Item = Result<FollowUpItem, Error>> + '_ {
        Items::new(self).map(move |slot| {
            let mut rng = Rng::new(self.seed, Stream::Item, slot.index);
            rng.next_u64(); // the category's draw (see layout)
            let fill = fill_of(self.seed, slot.index);
            let n = u32::try_from(rng.range(7, 40)).unwrap_or(7);
            let a = rng.range(0, 4);
            let paragraph = match (
                rng.below(20),
                letter(a),
                letter(a.saturating_add(rng.range(1, 4))),
            ) {
                (0..=7, _, _) | (_, None, _) => ParagraphRef::Paragraph(n),
                (8..=16, Some(l), _) | (_, Some(l), None) => ParagraphRef::Point(n, l),
                (_, Some(from), Some(to)) => ParagraphRef::Range(n, from, to),
            };
            let second = rng
                .percent(15)
                .then(|| ParagraphRef::Paragraph(n.saturating_add(1)));
            let mut deliverables = Vec::new();
            // Two items may share a deliverable (the seed's 9(a) row): the
            // first item that lists it plans it.
            if slot.index > 0 && rng.percent(8) {
                deliverables.push(id(&format!("del-{}", slot.first))?);
            }
            for k in slot.first..slot.first.saturating_add(slot.count) {
                deliverables.push(id(&format!("del-{}", k.saturating_add(1)))?);
            }
            let (cid, ..) = usize::try_from(slot.category)
                .ok()
                .and_then(|c| CATEGORIES.get(c))
                .copied()
                .unwrap_or(("knowledge-generation", "", "", ""));
            let mut item = FollowUpItem::new(
                id(&format!("item-{}", slot.index.saturating_add(1)))?,
                text(&mut rng, words::ITEM, &fill, 15)?,
                paragraph,
                id(cid)?,
                self.biennium(slot.biennium)?,
            );
            item.paragraphs.extend(second);
            item.deliverables = deliverables;
            if self.is_1_1() {
                self.item_1_1(&slot, &mut item)?;
            }
            Ok(item)
        })
    }

    /// The deliverables with their indicators, in plan order.
    pub(crate) fn deliverables(&self) -> impl Iterator<Item = Result<Deliverable, Error>> + '_ {
        Slots::new(self).map(move |slot| self.deliverable(&slot))
    }

    fn deliverable(&self, slot: &Slot) -> Result<Deliverable, Error> {
        let mut rng = Rng::new(self.seed, Stream::Deliverable, slot.index);
        let fill = fill_of(self.seed, slot.item.index);
        let (funding, _) = funding_of(self.seed, slot.index);
        let mut conditions = Vec::new();
        if matches!(funding, Funding::NotAllocated | Funding::Mobilized) || rng.percent(4) {
            let mut condition = Condition::new(
                ConditionKind::ResourcesMobilized,
                trilingual(
                    "provided that extra-budgetary resources can be mobilized",
                    "sous réserve que des ressources extrabudgétaires puissent être mobilisées",
                    "siempre que puedan movilizarse recursos extrapresupuestarios",
                )?,
            );
            condition.source = Some(SourceKind::ExtraBudgetary);
            conditions.push(condition);
        }
        if rng.percent(3) {
            conditions.push(Condition::new(
                ConditionKind::Other,
                english("subject to the agreement of the constituents concerned")?,
            ));
        }
        let mut indicators = Vec::new();
        for j in 0..slot.indicators {
            indicators.push(self.indicator(slot, j, &fill)?);
        }
        let mut deliverable = Deliverable::new(
            id(&format!("del-{}", slot.index.saturating_add(1)))?,
            text(&mut rng, words::DELIVERABLE, &fill, 15)?,
        );
        deliverable.letter = letter(slot.index.saturating_sub(slot.item.first));
        deliverable.conditions = conditions;
        deliverable.indicators = indicators;
        if self.is_1_1() {
            self.deliverable_1_1(slot, &mut deliverable)?;
        }
        Ok(deliverable)
    }

    fn indicator(&self, slot: &Slot, j: u64, fill: &Fill) -> Result<Indicator, Error> {
        let g = slot.first_indicator.saturating_add(j);
        let spec = Spec::of(self.seed, slot, g);
        let mut rng = Rng::new(self.seed, Stream::IndicatorText, g);
        let pool: &[Template] = match spec.kind {
            Kind::Milestone(_) => words::MILESTONE,
            Kind::Count { .. } => words::COUNT,
            Kind::Percentage { .. } => words::PERCENTAGE,
            Kind::Money { .. } => words::MONEY,
            Kind::Qualitative => words::QUALITATIVE,
        };
        let measure = self.measure(&spec, &mut rng)?;
        let mut indicator = Indicator::new(
            id(&format!("ind-{}", g.saturating_add(1)))?,
            text(&mut rng, pool, fill, 15)?,
            measure,
        );
        indicator.letter = letter(j);
        indicator.deadline = Some(self.month(spec.deadline)?);
        indicator.data_source = rng
            .percent(30)
            .then(|| english("indicator 4.1 of the ILO results measurement framework"))
            .transpose()?;
        if self.is_1_1() {
            self.indicator_1_1(slot, g, &spec, &mut indicator)?;
        }
        Ok(indicator)
    }

    /// The measure of an indicator, from its spec (a draw or two of `rng`
    /// for the optional texts).
    fn measure(&self, spec: &Spec, rng: &mut Rng) -> Result<Measure, Error> {
        Ok(match spec.kind {
            Kind::Milestone(event) => Measure::Milestone(MilestoneMeasure::new(event)),
            Kind::Count {
                baseline,
                target,
                mode,
                direction,
            } => {
                let mut count = CountMeasure::new(spec.decimal(target));
                count.unit = rng
                    .percent(60)
                    .then(|| trilingual("member States", "États membres", "Estados miembros"))
                    .transpose()?;
                count.baseline = baseline.map(|b| spec.decimal(b).into());
                count.target_mode = mode;
                count.direction = direction;
                Measure::Count(count)
            }
            Kind::Percentage {
                baseline,
                target,
                direction,
            } => {
                let mut percentage = PercentageMeasure::new(spec.decimal(target));
                percentage.of = rng
                    .percent(50)
                    .then(|| trilingual("participants", "participants", "participantes"))
                    .transpose()?;
                percentage.baseline = baseline.map(|b| spec.decimal(b).into());
                percentage.direction = direction;
                Measure::Percentage(percentage)
            }
            Kind::Money {
                baseline,
                target,
                currency,
                ..
            } => {
                let mut money = MoneyMeasure::new(Money::new(spec.decimal(target), currency));
                money.baseline = match baseline {
                    Some(b) => Some(DatedMoney::new(
                        Money::new(spec.decimal(b), currency),
                        DateOrMonth::Day(date(self.first_year.saturating_sub(1), 8, 15)?),
                    )),
                    None => None,
                };
                money.direction = Direction::Increase;
                Measure::Money(money)
            }
            Kind::Qualitative => {
                let mut qualitative = QualitativeMeasure::default();
                qualitative.criterion = rng
                    .percent(50)
                    .then(|| {
                        english("The external auditors raise no finding on the projects concerned")
                    })
                    .transpose()?;
                Measure::Qualitative(qualitative)
            }
        })
    }
}
