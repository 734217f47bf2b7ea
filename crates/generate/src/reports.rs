//! The progress reports: one a year, as of July, each with its document,
//! body, remarks and footnotes, an entry for most indicators and for some
//! deliverables. An entry's figures follow its indicator's spec, so that
//! values grow from report to report and statuses agree with the data
//! (with the occasional disagreement real reports have).

use crate::layout::{Slot, Slots};
use crate::plan::{CATEGORIES, date, fill_of, gb_id, gb_number};
use crate::rng::{Rng, Stream};
use crate::spec::{Funding, Kind, Spec, funding_of};
use crate::words::{self, text, trilingual};
use crate::{Error, Generator, id};
use actionplan_model::{
    AgendaItem, AgendaSection, Bound, DateOrMonth, DecisionPoint, DeliverableProgress, Direction,
    Document, DraftDecision, Extensions, Footnote, Forecast, Implications, IndicatorProgress,
    Language, Letter, MilestoneObservation, Money, MoneyObservation, Observation, OutcomeRef,
    Paragraph, ProgressReport, QualitativeObservation, RelatedDocument, Remark, ReportSection,
    Status, StrategicObjective, Text, Unit, ValueObservation,
};

/// The agenda item number of every report's document.
const AGENDA_ITEM: u32 = 8;

fn symbol(year: i32) -> String {
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

fn remark(rng: &mut Rng, paragraph: u32, topic_index: u64) -> Remark {
    let mut fill = words::Fill::random(rng);
    fill.topic = usize::try_from(topic_index)
        .ok()
        .and_then(|i| words::TOPICS.get(i))
        .copied()
        .unwrap_or(fill.topic);
    Remark {
        paragraph: Some(paragraph),
        text: text(rng, words::REMARK, &fill, 30),
    }
}

impl Generator {
    /// Month offset of report `r`'s as-of month: July of its year.
    fn report_month(&self, r: u64) -> u64 {
        r.saturating_mul(12).saturating_add(6)
    }

    fn stream_index(index: u64, r: u64) -> u64 {
        index.saturating_mul(16).saturating_add(r)
    }

    /// Report `r` without its indicator and deliverable entries.
    pub(crate) fn report_head(&self, r: u64) -> Result<ProgressReport, Error> {
        let mut rng = Rng::new(self.seed, Stream::Report, r);
        let year = self.report_year(r);
        let month = self.month(self.report_month(r))?;
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
        let intro = Paragraph {
            number: Some(next()),
            heading: None,
            text: Text::en(format!(
                "This document reports on progress in implementing the action plan as of {month}."
            )),
            points: Vec::new(),
        };
        let mut achievements = Vec::new();
        for (_, en, fr, es) in CATEGORIES {
            let fill = words::Fill::random(&mut rng);
            achievements.push(Paragraph {
                number: Some(next()),
                heading: Some(trilingual(en, fr, es)),
                text: text(&mut rng, words::NARRATIVE_ONGOING, &fill, 20),
                points: vec![
                    text(&mut rng, words::NARRATIVE_DONE, &fill, 0),
                    text(&mut rng, words::NARRATIVE_ONGOING, &fill, 0),
                ],
            });
        }
        let lessons = vec![
            remark(&mut rng, next(), r),
            remark(&mut rng, next(), r.saturating_add(1)),
        ];
        let challenges = vec![
            remark(&mut rng, next(), r.saturating_add(2)),
            remark(&mut rng, next(), r.saturating_add(3)),
        ];
        let conclusions = vec![remark(&mut rng, next(), r.saturating_add(4))];
        let decision_paragraph = next();
        let sections = vec![
            ReportSection {
                numeral: Some("I".to_owned()),
                title: trilingual("Introduction", "Introduction", "Introducción"),
                paragraphs: vec![intro],
            },
            ReportSection {
                numeral: Some("II".to_owned()),
                title: Text::en("Main achievements, lessons learned and challenges"),
                paragraphs: achievements,
            },
            ReportSection {
                numeral: Some("III".to_owned()),
                title: trilingual("Conclusions", "Conclusions", "Conclusiones"),
                paragraphs: conclusions
                    .iter()
                    .map(|c| Paragraph {
                        number: c.paragraph,
                        heading: None,
                        text: c.text.clone(),
                        points: Vec::new(),
                    })
                    .collect(),
            },
        ];
        let footnotes = (1..=self.footnotes)
            .map(|n| {
                let fill = words::Fill::random(&mut rng);
                Ok(Footnote {
                    id: id(&format!("fn-{n}"))?,
                    number: u32::try_from(n).map_err(Error::internal)?,
                    text: Text::en(format!(
                        "See the country report for {} on {}.",
                        fill.country, fill.topic.en
                    )),
                })
            })
            .collect::<Result<_, Error>>()?;
        let related_documents = if r == 0 {
            Vec::new()
        } else {
            let previous = year.saturating_sub(1);
            vec![RelatedDocument {
                symbol: Some(symbol(previous)),
                title: Text::en("Previous progress report on the action plan"),
                session: Some(gb_id(previous)?),
            }]
        };
        let letter = |c: char| Letter::new(c).ok_or_else(|| Error::Internal(format!("letter {c}")));
        let document = Document {
            symbol: symbol(year),
            session: gb_id(year)?,
            section: Some(AgendaSection {
                code: "INS".to_owned(),
                name: trilingual(
                    "Institutional Section",
                    "Section institutionnelle",
                    "Sección Institucional",
                ),
            }),
            agenda_item: Some(AgendaItem {
                number: AGENDA_ITEM,
                title: Text::en("Follow-up to the resolution: progress report"),
            }),
            date: Some(date(year, 9, 20)?),
            original_language: Some(Language::En),
            title: trilingual(
                "Progress report on the implementation of the action plan",
                "Rapport sur l'état d'avancement de la mise en œuvre du plan d'action",
                "Informe sobre los progresos realizados en la aplicación del plan de acción",
            ),
            purpose: Some(Text::en(format!(
                "This document is a progress report on the implementation of the action plan. The Governing Body is invited to provide guidance (see the draft decision in paragraph {decision_paragraph})."
            ))),
            strategic_objective: Some(StrategicObjective {
                text: Text::en(
                    "The action plan contributes to five of the ten Office-wide outcomes.",
                ),
                strategic_plan: Some(self.biennium(r.checked_div(2).unwrap_or(0))?),
                outcomes: [1, 4, 5, 6, 10]
                    .into_iter()
                    .map(|number| OutcomeRef {
                        number,
                        title: None,
                    })
                    .collect(),
            }),
            implications: Implications {
                policy: Some(Text::en(
                    "The action plan shapes the Office's work over the biennium.",
                )),
                legal: Some(trilingual("None.", "Aucune.", "Ninguna.")),
                financial: Some(Text::en(
                    "Within the approved programme and budget, and the resources mobilized.",
                )),
            },
            follow_up_action: Some(Text::en(
                "The Office will report again at the next November session.",
            )),
            author_unit: Some(Unit {
                code: Some("ENTERPRISES/SME".to_owned()),
                name: Text::en("Small and Medium Enterprises Unit"),
            }),
            related_documents,
            draft_decision: Some(DraftDecision {
                paragraph: Some(decision_paragraph),
                text: Text::en("The Governing Body requests the Director-General to:"),
                points: vec![
                    DecisionPoint {
                        letter: letter('a')?,
                        text: Text::en(
                            "take into account its guidance in implementing the action plan;",
                        ),
                    },
                    DecisionPoint {
                        letter: letter('b')?,
                        text: Text::en("report on progress at its next November session."),
                    },
                ],
            }),
        };
        Ok(ProgressReport {
            id: id(&format!("gb-{}-ins-{AGENDA_ITEM}", gb_number(year)))?,
            as_of,
            session: Some(gb_id(year)?),
            document: Some(document),
            indicators: Vec::new(),
            deliverables: Vec::new(),
            sections,
            lessons_learned: lessons,
            challenges,
            conclusions,
            footnotes,
            extensions: Extensions::default(),
        })
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
        let t = self.report_month(r);
        let pending = funding_of(self.seed, slot.index).0 == Funding::NotAllocated;
        let done = spec.done(t);
        let started = spec.progress(t) > 0;
        let mut fill = fill_of(self.seed, slot.item.index);
        fill.number = rng.range(2, 12);

        let mut observations = Vec::new();
        let value_at = |m: u64, as_of: Option<DateOrMonth>| -> Option<Observation> {
            let v = spec.value(m)?;
            let value = spec.decimal(v);
            Some(match spec.kind {
                Kind::Count { .. } => Observation::Count(ValueObservation { value, as_of }),
                Kind::Money { currency, .. } => Observation::Money(MoneyObservation {
                    amount: Money::new(value, currency),
                    as_of,
                }),
                _ => Observation::Percentage(ValueObservation { value, as_of }),
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
                    observations.push(Observation::Milestone(MilestoneObservation { completed }));
                }
            }
            Kind::Qualitative if done || r > 0 => {
                observations.push(Observation::Qualitative(QualitativeObservation {
                    met: done,
                    as_of: Some(DateOrMonth::Month(self.month(t)?)),
                }));
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

        let forecast = if done || pending || !rng.percent(70) {
            None
        } else {
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
            Some(Forecast {
                by: Some(DateOrMonth::Month(self.month(by)?)),
                value: goal.filter(|_| rng.percent(60)).map(|v| spec.decimal(v)),
                bound: match rng.below(3) {
                    0 if decrease => Bound::AtMost,
                    0 => Bound::AtLeast,
                    _ => Bound::About,
                },
            })
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

        let narrative = rng.percent(85).then(|| {
            let pool = if done {
                words::NARRATIVE_DONE
            } else if pending {
                words::NARRATIVE_PENDING
            } else {
                words::NARRATIVE_ONGOING
            };
            text(rng, pool, &fill, 10)
        });
        let footnotes = if rng.percent(3) {
            vec![id(&format!(
                "fn-{}",
                rng.below(self.footnotes).saturating_add(1)
            ))?]
        } else {
            Vec::new()
        };
        Ok(IndicatorProgress {
            indicator: id(&format!("ind-{}", g.saturating_add(1)))?,
            narrative,
            observations,
            forecast,
            status,
            footnotes,
            extensions: Extensions::default(),
        })
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
                Ok(DeliverableProgress {
                    deliverable: id(&format!("del-{}", slot.index.saturating_add(1)))?,
                    narrative: Some(text(
                        &mut rng,
                        if pending {
                            words::NARRATIVE_PENDING
                        } else {
                            words::NARRATIVE_ONGOING
                        },
                        &fill,
                        10,
                    )),
                    status: Some(if pending {
                        Status::PendingResources
                    } else {
                        match rng.below(3) {
                            0 => Status::Achieved,
                            1 => Status::AtRisk,
                            _ => Status::OnTrack,
                        }
                    }),
                    footnotes: if rng.percent(5) {
                        vec![id(&format!(
                            "fn-{}",
                            rng.below(self.footnotes).saturating_add(1)
                        ))?]
                    } else {
                        Vec::new()
                    },
                    extensions: Extensions::default(),
                })
            })())
        })
    }
}
