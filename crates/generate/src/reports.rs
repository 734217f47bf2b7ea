//! The progress reports: one a year, as of July, each with its document,
//! body, remarks and footnotes, an entry for most indicators and for some
//! deliverables. An entry's figures follow its indicator's spec, so that
//! values grow from report to report and statuses agree with the data
//! (with the occasional disagreement real reports have).

use crate::layout::{Slot, Slots};
use crate::plan::{CATEGORIES, date, fill_of, gb_id, gb_number};
use crate::rng::{Rng, Stream};
use crate::spec::{Funding, Kind, Spec, funding_of};
use crate::words::{self, english, text, trilingual};
use crate::{Error, Generator, id};
use actionplan_model::{
    AgendaItem, AgendaSection, Bound, DateOrMonth, DecisionPoint, DeliverableProgress, Direction,
    Document, DraftDecision, Footnote, Forecast, IndicatorProgress, Language, Letter,
    MilestoneObservation, Money, MoneyObservation, Observation, OutcomeRef, Paragraph,
    ProgressReport, QualitativeObservation, RelatedDocument, Remark, ReportSection, Status,
    StrategicObjective, Text, Unit, ValueObservation,
};

/// The agenda item number of every report's document.
const AGENDA_ITEM: u32 = 8;

pub(crate) fn symbol(year: i32) -> String {
    format!("GB.{}/INS/{AGENDA_ITEM}", gb_number(year))
}

fn random_status(rng: &mut Rng) -> Status {
    match rng.below(8) {
        0 => Status::Achieved,
        1 => Status::AchievedLate,
        2 => Status::OnTrack,
        3 => Status::AtRisk,
        4 => Status::Overdue,
        5 => Status::NotStarted,
        6 => Status::PendingResources,
        _ => Status::NoData,
    }
}

fn remark(rng: &mut Rng, paragraph: u32, topic_index: u64) -> Result<Remark, Error> {
    let mut fill = words::Fill::random(rng);
    fill.topic = usize::try_from(topic_index)
        .ok()
        .and_then(|i| words::TOPICS.get(i))
        .copied()
        .unwrap_or(fill.topic);
    let mut remark = Remark::new(text(rng, words::REMARK, &fill, 30)?);
    remark.paragraph = Some(paragraph);
    Ok(remark)
}

/// The main achievements: a paragraph per category, numbered by `next`.
fn achievements(rng: &mut Rng, next: &mut impl FnMut() -> u32) -> Result<Vec<Paragraph>, Error> {
    let mut achievements = Vec::new();
    for (_, en, fr, es) in CATEGORIES {
        let fill = words::Fill::random(rng);
        let mut paragraph = Paragraph::new(text(rng, words::NARRATIVE_ONGOING, &fill, 20)?);
        paragraph.number = Some(next());
        paragraph.heading = Some(trilingual(en, fr, es)?);
        paragraph.points = vec![
            text(rng, words::NARRATIVE_DONE, &fill, 0)?,
            text(rng, words::NARRATIVE_ONGOING, &fill, 0)?,
        ];
        achievements.push(paragraph);
    }
    Ok(achievements)
}

/// A numbered section of a report's body.
fn section(numeral: &str, title: Text, paragraphs: Vec<Paragraph>) -> ReportSection {
    let mut section = ReportSection::new(title);
    section.numeral = Some(numeral.to_owned());
    section.paragraphs = paragraphs;
    section
}

impl Generator {
    /// Month offset of report `r`'s as-of month: July of its year.
    pub(crate) fn report_month(r: u64) -> u64 {
        r.saturating_mul(12).saturating_add(6)
    }

    pub(crate) fn stream_index(index: u64, r: u64) -> u64 {
        index.saturating_mul(16).saturating_add(r)
    }

    /// Report `r` without its indicator and deliverable entries.
    pub(crate) fn report_head(&self, r: u64) -> Result<ProgressReport, Error> {
        let mut rng = Rng::new(self.seed, Stream::Report, r);
        let year = self.report_year(r);
        let month = self.month(Self::report_month(r))?;
        let as_of = if r.checked_rem(2) == Some(0) {
            DateOrMonth::Month(month)
        } else {
            DateOrMonth::Day(month.last_day())
        };
        let mut number = 0u32;
        let mut next = || {
            number = number.saturating_add(1);
            number
        };
        let mut intro = Paragraph::new(english(format!(
            "This document reports on progress in implementing the action plan as of {month}."
        ))?);
        intro.number = Some(next());
        let achievements = achievements(&mut rng, &mut next)?;
        let lessons = vec![
            remark(&mut rng, next(), r)?,
            remark(&mut rng, next(), r.saturating_add(1))?,
        ];
        let challenges = vec![
            remark(&mut rng, next(), r.saturating_add(2))?,
            remark(&mut rng, next(), r.saturating_add(3))?,
        ];
        let conclusions = vec![remark(&mut rng, next(), r.saturating_add(4))?];
        let decision_paragraph = next();
        let sections = vec![
            section(
                "I",
                trilingual("Introduction", "Introduction", "Introducción")?,
                vec![intro],
            ),
            section(
                "II",
                english("Main achievements, lessons learned and challenges")?,
                achievements,
            ),
            section(
                "III",
                trilingual("Conclusions", "Conclusions", "Conclusiones")?,
                conclusions
                    .iter()
                    .map(|c| {
                        let mut paragraph = Paragraph::new(c.text.clone());
                        paragraph.number = c.paragraph;
                        paragraph
                    })
                    .collect(),
            ),
        ];
        let footnotes = (1..=self.footnotes)
            .map(|n| {
                let fill = words::Fill::random(&mut rng);
                Ok(Footnote::new(
                    id(&format!("fn-{n}"))?,
                    u32::try_from(n).map_err(Error::internal)?,
                    english(format!(
                        "See the country report for {} on {}.",
                        fill.country, fill.topic.en
                    ))?,
                ))
            })
            .collect::<Result<_, Error>>()?;
        let related_documents = if r == 0 {
            Vec::new()
        } else {
            let previous = year.saturating_sub(1);
            let mut related =
                RelatedDocument::new(english("Previous progress report on the action plan")?);
            related.symbol = Some(symbol(previous));
            related.session = Some(gb_id(previous)?);
            vec![related]
        };
        let document = self.document(r, year, decision_paragraph, related_documents)?;
        let mut report = ProgressReport::new(
            id(&format!("gb-{}-ins-{AGENDA_ITEM}", gb_number(year)))?,
            as_of,
        );
        report.session = Some(gb_id(year)?);
        report.document = Some(document);
        report.sections = sections;
        report.lessons_learned = lessons;
        report.challenges = challenges;
        report.conclusions = conclusions;
        report.footnotes = footnotes;
        Ok(report)
    }

    /// The document report `r` (of `year`) is published as.
    fn document(
        &self,
        r: u64,
        year: i32,
        decision_paragraph: u32,
        related_documents: Vec<RelatedDocument>,
    ) -> Result<Document, Error> {
        let letter = |c: char| Letter::new(c).ok_or_else(|| Error::Internal(format!("letter {c}")));
        let mut document = Document::new(
            symbol(year),
            gb_id(year)?,
            trilingual(
                "Progress report on the implementation of the action plan",
                "Rapport sur l'état d'avancement de la mise en œuvre du plan d'action",
                "Informe sobre los progresos realizados en la aplicación del plan de acción",
            )?,
        )
        .map_err(Error::internal)?;
        document.section = Some(
            AgendaSection::new(
                "INS",
                trilingual(
                    "Institutional Section",
                    "Section institutionnelle",
                    "Sección Institucional",
                )?,
            )
            .map_err(Error::internal)?,
        );
        document.agenda_item = Some(AgendaItem::new(
            AGENDA_ITEM,
            english("Follow-up to the resolution: progress report")?,
        ));
        document.date = Some(date(year, 9, 20)?);
        document.original_language = Some(Language::En);
        document.purpose = Some(english(format!(
            "This document is a progress report on the implementation of the action plan. The Governing Body is invited to provide guidance (see the draft decision in paragraph {decision_paragraph})."
        ))?);
        let mut objective = StrategicObjective::new(english(
            "The action plan contributes to five of the ten Office-wide outcomes.",
        )?);
        objective.strategic_plan = Some(self.biennium(r.checked_div(2).unwrap_or(0))?);
        objective.outcomes = [1, 4, 5, 6, 10].into_iter().map(OutcomeRef::new).collect();
        document.strategic_objective = Some(objective);
        document.implications.policy = Some(english(
            "The action plan shapes the Office's work over the biennium.",
        )?);
        document.implications.legal = Some(trilingual("None.", "Aucune.", "Ninguna.")?);
        document.implications.financial = Some(english(
            "Within the approved programme and budget, and the resources mobilized.",
        )?);
        document.follow_up_action = Some(english(
            "The Office will report again at the next November session.",
        )?);
        let mut unit = Unit::new(english("Small and Medium Enterprises Unit")?);
        unit.code = Some("ENTERPRISES/SME".to_owned());
        document.author_unit = Some(unit);
        document.related_documents = related_documents;
        let mut decision = DraftDecision::new(english(
            "The Governing Body requests the Director-General to:",
        )?);
        decision.paragraph = Some(decision_paragraph);
        decision.points = vec![
            DecisionPoint::new(
                letter('a')?,
                english("take into account its guidance in implementing the action plan;")?,
            ),
            DecisionPoint::new(
                letter('b')?,
                english("report on progress at its next November session.")?,
            ),
        ];
        document.draft_decision = Some(decision);
        Ok(document)
    }

    /// Report `r`'s entries on indicators, in plan order: most indicators,
    /// more in later reports.
    pub(crate) fn entries(
        &self,
        r: u64,
    ) -> impl Iterator<Item = Result<IndicatorProgress, Error>> + '_ {
        let coverage = r.saturating_mul(10).saturating_add(60).min(95);
        Slots::new(self)
            .flat_map(|slot| {
                (0..slot.indicators).map(move |j| (slot, slot.first_indicator.saturating_add(j)))
            })
            .filter_map(move |(slot, g)| {
                let mut rng = Rng::new(self.seed, Stream::Entry, Self::stream_index(g, r));
                (g < 5 || rng.percent(coverage)).then(|| self.entry(&slot, g, r, &mut rng))
            })
    }

    fn entry(
        &self,
        slot: &Slot,
        g: u64,
        r: u64,
        rng: &mut Rng,
    ) -> Result<IndicatorProgress, Error> {
        let spec = Spec::of(self.seed, slot, g);
        let t = Self::report_month(r);
        let pending = funding_of(self.seed, slot.index).0 == Funding::NotAllocated;
        let done = spec.done(t);
        let started = spec.progress(t) > 0;
        let mut fill = fill_of(self.seed, slot.item.index);
        fill.number = rng.range(2, 12);

        let mut observations = self.observations(&spec, r, rng)?;
        if self.is_1_1() {
            self.observations_1_1(slot, g, r, &spec, &mut observations)?;
        }

        let forecast = if done || pending || !rng.percent(70) {
            None
        } else {
            Some(self.forecast(&spec, t, rng)?)
        };

        let derived = if done {
            if spec.finish.is_some_and(|f| f <= spec.deadline) {
                Status::Achieved
            } else {
                Status::AchievedLate
            }
        } else if pending {
            Status::PendingResources
        } else if t > spec.deadline {
            Status::Overdue
        } else if !started {
            Status::NotStarted
        } else if spec.finish.is_none_or(|f| f > spec.deadline) {
            Status::AtRisk
        } else {
            Status::OnTrack
        };
        let status = if !rng.percent(75) {
            None
        } else if rng.percent(5) {
            Some(random_status(rng))
        } else {
            Some(derived)
        };

        let narrative = rng
            .percent(85)
            .then(|| {
                let pool = if done {
                    words::NARRATIVE_DONE
                } else if pending {
                    words::NARRATIVE_PENDING
                } else {
                    words::NARRATIVE_ONGOING
                };
                text(rng, pool, &fill, 10)
            })
            .transpose()?;
        let footnotes = if rng.percent(3) {
            vec![id(&format!(
                "fn-{}",
                rng.below(self.footnotes).saturating_add(1)
            ))?]
        } else {
            Vec::new()
        };
        let mut progress = IndicatorProgress::new(id(&format!("ind-{}", g.saturating_add(1)))?);
        progress.narrative = narrative;
        progress.observations = observations;
        progress.forecast = forecast;
        progress.status = status;
        progress.footnotes = footnotes;
        Ok(progress)
    }

    /// The observations report `r` makes on the indicator of `spec`: none
    /// before it has started, a completion for a milestone, a judgement for
    /// a qualitative measure, one or two values otherwise.
    fn observations(&self, spec: &Spec, r: u64, rng: &mut Rng) -> Result<Vec<Observation>, Error> {
        let t = Self::report_month(r);
        let done = spec.done(t);
        let started = spec.progress(t) > 0;
        let mut observations = Vec::new();
        let value_at = |m: u64, as_of: Option<DateOrMonth>| -> Option<Observation> {
            let v = spec.value(m)?;
            let value = spec.decimal(v);
            let value_observation = || {
                let mut observation = ValueObservation::new(value);
                observation.as_of = as_of;
                observation
            };
            Some(match spec.kind {
                Kind::Count { .. } => Observation::Count(value_observation()),
                Kind::Money { currency, .. } => {
                    let mut observation = MoneyObservation::new(Money::new(value, currency));
                    observation.as_of = as_of;
                    Observation::Money(observation)
                }
                _ => Observation::Percentage(value_observation()),
            })
        };
        match spec.kind {
            Kind::Milestone(_) => {
                if let (true, Some(f)) = (done, spec.finish) {
                    let m = self.month(f)?;
                    let completed = if rng.percent(50) {
                        DateOrMonth::Month(m)
                    } else {
                        DateOrMonth::Day(m.first_day().replace_day(15).unwrap_or(m.first_day()))
                    };
                    observations.push(Observation::Milestone(MilestoneObservation::new(completed)));
                }
            }
            Kind::Qualitative if done || r > 0 => {
                let mut observation = QualitativeObservation::new(done);
                observation.as_of = Some(DateOrMonth::Month(self.month(t)?));
                observations.push(Observation::Qualitative(observation));
            }
            Kind::Qualitative => {}
            _ if started => {
                let earlier = t.saturating_sub(6);
                if t >= 12 && spec.progress(earlier) > 0 && rng.percent(40) {
                    let m = DateOrMonth::Month(self.month(earlier)?);
                    observations.extend(value_at(earlier, Some(m)));
                }
                let as_of = if rng.percent(50) {
                    Some(DateOrMonth::Month(self.month(t)?))
                } else {
                    None
                };
                observations.extend(value_at(t, as_of));
            }
            _ => {}
        }
        Ok(observations)
    }

    /// What report (at month `t`) expects of the indicator of `spec`.
    fn forecast(&self, spec: &Spec, t: u64, rng: &mut Rng) -> Result<Forecast, Error> {
        let by = spec
            .finish
            .unwrap_or(spec.deadline)
            .max(t.saturating_add(1));
        let (goal, decrease) = match spec.kind {
            Kind::Count {
                target, direction, ..
            }
            | Kind::Percentage {
                target, direction, ..
            } => (Some(target), direction == Direction::Decrease),
            Kind::Money { target, .. } => (Some(target), false),
            _ => (None, false),
        };
        let mut forecast = Forecast::default();
        forecast.by = Some(DateOrMonth::Month(self.month(by)?));
        forecast.value = goal.filter(|_| rng.percent(60)).map(|v| spec.decimal(v));
        forecast.bound = match rng.below(3) {
            0 if decrease => Bound::AtMost,
            0 => Bound::AtLeast,
            _ => Bound::About,
        };
        Ok(forecast)
    }

    /// Report `r`'s entries on whole deliverables, for about 15 % of them.
    pub(crate) fn deliverable_entries(
        &self,
        r: u64,
    ) -> impl Iterator<Item = Result<DeliverableProgress, Error>> + '_ {
        Slots::new(self).filter_map(move |slot| {
            let mut rng = Rng::new(
                self.seed,
                Stream::DeliverableEntry,
                Self::stream_index(slot.index, r),
            );
            if !(slot.index == 0 || rng.percent(15)) {
                return None;
            }
            let pending = funding_of(self.seed, slot.index).0 == Funding::NotAllocated;
            let fill = fill_of(self.seed, slot.item.index);
            Some((|| {
                let mut progress =
                    DeliverableProgress::new(id(&format!("del-{}", slot.index.saturating_add(1)))?);
                progress.narrative = Some(text(
                    &mut rng,
                    if pending {
                        words::NARRATIVE_PENDING
                    } else {
                        words::NARRATIVE_ONGOING
                    },
                    &fill,
                    10,
                )?);
                progress.status = Some(if pending {
                    Status::PendingResources
                } else {
                    match rng.below(3) {
                        0 => Status::Achieved,
                        1 => Status::AtRisk,
                        _ => Status::OnTrack,
                    }
                });
                if rng.percent(5) {
                    progress.footnotes = vec![id(&format!(
                        "fn-{}",
                        rng.below(self.footnotes).saturating_add(1)
                    ))?];
                }
                if self.is_1_1() {
                    progress.evidence = self.deliverable_evidence(slot.index, r)?;
                }
                Ok(progress)
            })())
        })
    }
}
