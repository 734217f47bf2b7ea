//! Property: every model value serializes and reads back to the same value,
//! and writing it again gives the same text (decimal scale included).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use actionplan_model::*;
use proptest::prelude::*;
use proptest::strategy::Union;
use std::str::FromStr;

fn id_text() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9._-]{0,12}"
}

fn text() -> impl Strategy<Value = Text> {
    (
        proptest::option::of("[ -~é–“”]{1,20}"),
        proptest::option::of("[ -~é]{1,20}"),
        proptest::option::of("[ -~ñ]{1,20}"),
    )
        .prop_filter_map("at least one version", |(en, fr, es)| {
            Text::try_from_versions(en, fr, es).ok()
        })
}

/// A fixed English text (never empty here).
fn en(s: &str) -> Text {
    Text::en(s).unwrap()
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000i64..1_000_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn non_negative() -> impl Strategy<Value = Decimal> {
    (0i64..1_000_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn year_month() -> impl Strategy<Value = YearMonth> {
    (1000i32..=9999, 1u8..=12)
        .prop_map(|(y, m)| YearMonth::new(y, time::Month::try_from(m).unwrap()).unwrap())
}

fn date() -> impl Strategy<Value = Date> {
    (1000i32..=9999, 1u16..=365).prop_map(|(y, d)| Date::from_ordinal_date(y, d).unwrap())
}

fn date_or_month() -> impl Strategy<Value = DateOrMonth> {
    prop_oneof![
        date().prop_map(DateOrMonth::Day),
        year_month().prop_map(DateOrMonth::Month)
    ]
}

fn biennium() -> impl Strategy<Value = Biennium> {
    (1000i32..9998).prop_map(|y| Biennium::starting(y).unwrap())
}

fn letter() -> impl Strategy<Value = Letter> {
    (b'a'..=b'z').prop_map(|b| Letter::new(char::from(b)).unwrap())
}

fn paragraph_ref() -> impl Strategy<Value = ParagraphRef> {
    prop_oneof![
        (1u32..200).prop_map(|n| ParagraphRef::from_str(&n.to_string()).unwrap()),
        (1u32..200, letter())
            .prop_map(|(n, l)| ParagraphRef::from_str(&format!("{n}({l})")).unwrap()),
        (1u32..200, b'a'..=b'y', 1u8..10).prop_map(|(n, a, w)| {
            let b = (a + w).min(b'z');
            let b = if b == a { a + 1 } else { b };
            ParagraphRef::from_str(&format!("{n}({})–({})", char::from(a), char::from(b))).unwrap()
        }),
    ]
}

fn currency() -> impl Strategy<Value = Currency> {
    "[A-Z]{3}".prop_map(|s| Currency::from_str(&s).unwrap())
}

fn money() -> impl Strategy<Value = Money> {
    (non_negative(), currency()).prop_map(|(a, c)| Money::new(a, c))
}

fn direction() -> impl Strategy<Value = Direction> {
    prop_oneof![Just(Direction::Increase), Just(Direction::Decrease)]
}

fn measure() -> impl Strategy<Value = Measure> {
    let events = prop_oneof![
        Just(MilestoneEvent::Produced),
        Just(MilestoneEvent::Published),
        Just(MilestoneEvent::MadeAvailable),
        Just(MilestoneEvent::Submitted),
        Just(MilestoneEvent::Held),
    ];
    Union::new([
        events
            .prop_map(|event| Measure::Milestone(MilestoneMeasure::new(event)))
            .boxed(),
        (
            proptest::option::of(text()),
            proptest::option::of(decimal()),
            decimal(),
            prop_oneof![Just(TargetMode::Absolute), Just(TargetMode::Additional)],
            direction(),
        )
            .prop_map(|(unit, baseline, target, target_mode, direction)| {
                let mut count = CountMeasure::new(target);
                count.unit = unit;
                count.baseline = baseline.map(Into::into);
                count.target_mode = target_mode;
                count.direction = direction;
                Measure::Count(count)
            })
            .boxed(),
        (
            proptest::option::of(text()),
            proptest::option::of(decimal()),
            decimal(),
            direction(),
        )
            .prop_map(|(of, baseline, target, direction)| {
                let mut percentage = PercentageMeasure::new(target);
                percentage.of = of;
                percentage.baseline = baseline.map(Into::into);
                percentage.direction = direction;
                Measure::Percentage(percentage)
            })
            .boxed(),
        (
            proptest::option::of(
                (money(), date_or_month())
                    .prop_map(|(amount, as_of)| DatedMoney::new(amount, as_of)),
            ),
            money(),
            direction(),
        )
            .prop_map(|(baseline, target, direction)| {
                let mut money = MoneyMeasure::new(target);
                money.baseline = baseline;
                money.direction = direction;
                Measure::Money(money)
            })
            .boxed(),
        proptest::option::of(text())
            .prop_map(|criterion| {
                let mut qualitative = QualitativeMeasure::default();
                qualitative.criterion = criterion;
                Measure::Qualitative(qualitative)
            })
            .boxed(),
    ])
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        id_text(),
        proptest::option::of(letter()),
        text(),
        proptest::option::of(year_month()),
        proptest::option::of(text()),
        measure(),
    )
        .prop_map(|(id, letter, text, deadline, data_source, measure)| {
            let mut indicator =
                Indicator::new(IndicatorId::new(format!("i-{id}")).unwrap(), text, measure);
            indicator.letter = letter;
            indicator.deadline = deadline;
            indicator.data_source = data_source;
            indicator
        })
}

fn deliverable() -> impl Strategy<Value = Deliverable> {
    (
        id_text(),
        proptest::option::of(letter()),
        text(),
        proptest::collection::vec(
            (text(), proptest::bool::ANY).prop_map(|(text, ext)| {
                let kind = if ext {
                    ConditionKind::ResourcesMobilized
                } else {
                    ConditionKind::Other
                };
                let mut condition = Condition::new(kind, text);
                condition.source = ext.then_some(SourceKind::ExtraBudgetary);
                condition
            }),
            0..2,
        ),
        proptest::collection::vec(indicator(), 0..3),
    )
        .prop_map(|(id, letter, text, conditions, indicators)| {
            let mut deliverable =
                Deliverable::new(DeliverableId::new(format!("d-{id}")).unwrap(), text);
            deliverable.letter = letter;
            deliverable.conditions = conditions;
            deliverable.indicators = indicators;
            deliverable
        })
}

fn item() -> impl Strategy<Value = FollowUpItem> {
    (
        id_text(),
        text(),
        paragraph_ref(),
        proptest::collection::vec(paragraph_ref(), 0..2),
        id_text(),
        biennium(),
        proptest::collection::vec(id_text(), 0..3),
    )
        .prop_map(|(id, text, first, more, cat, biennium, ds)| {
            let mut item = FollowUpItem::new(
                ItemId::new(format!("it-{id}")).unwrap(),
                text,
                first,
                CategoryId::new(cat).unwrap(),
                biennium,
            );
            item.paragraphs.extend(more);
            item.deliverables = ds
                .into_iter()
                .map(|d| DeliverableId::new(d).unwrap())
                .collect();
            item
        })
}

fn session() -> impl Strategy<Value = Session> {
    (
        id_text(),
        proptest::bool::ANY,
        1u32..400,
        1000u16..=9999,
        proptest::option::of(date_or_month()),
        proptest::option::of(date()),
        proptest::option::of(text()),
    )
        .prop_map(|(id, gb, number, year, opens, closes, place)| {
            let body = if gb {
                Body::GoverningBody
            } else {
                Body::InternationalLabourConference
            };
            let mut session = Session::new(SessionId::new(id).unwrap(), body, number, year);
            session.opens = opens;
            session.closes = closes;
            session.place = place;
            session
        })
}

fn resources() -> impl Strategy<Value = Resources> {
    let line = (
        id_text(),
        proptest::option::of(biennium()),
        proptest::option::of(money()),
        proptest::option::of(money()),
        proptest::option::of(date_or_month()),
        0u8..4,
    )
        .prop_map(|(id, biennium, required, secured, as_of, s)| {
            let state = [
                ResourceState::Secured,
                ResourceState::Underfunded,
                ResourceState::NotAllocated,
                ResourceState::Mobilized,
            ][usize::from(s)];
            let mut line = ResourceLine::new(ResourceLineId::new(id).unwrap(), state);
            line.biennium = biennium;
            line.required = required;
            line.secured = secured;
            line.as_of = as_of;
            line
        });
    let request = (
        id_text(),
        0u32..100,
        text(),
        proptest::option::of(money()),
        proptest::bool::ANY,
    )
        .prop_map(|(id, count, text, cost, requires_reallocation)| {
            let mut request = UnfundedRequest::new(RequestId::new(id).unwrap(), count, text);
            request.cost = cost;
            request.requires_reallocation = requires_reallocation;
            request
        });
    (
        proptest::collection::vec(line, 0..3),
        proptest::collection::vec(request, 0..2),
    )
        .prop_map(|(lines, requests)| {
            let mut resources = Resources::default();
            resources.lines = lines;
            resources.requests = requests;
            resources
        })
}

fn plan() -> impl Strategy<Value = ActionPlan> {
    (
        id_text(),
        text(),
        biennium(),
        proptest::collection::vec(biennium(), 0..2),
        proptest::collection::vec(session(), 0..3),
        proptest::collection::vec(item(), 0..4),
        proptest::collection::vec(deliverable(), 0..4),
        resources(),
    )
        .prop_map(
            |(id, title, first, more, sessions, items, deliverables, resources)| {
                let mut plan = ActionPlan::new(
                    PlanId::new(id).unwrap(),
                    title.clone(),
                    Resolution::new(title, SessionId::new("ilc").unwrap()),
                    SessionId::new("gb").unwrap(),
                    first,
                );
                plan.biennia.extend(more);
                plan.sessions = sessions;
                plan.items = items;
                plan.deliverables = deliverables;
                plan.resources = resources;
                plan
            },
        )
}

fn observation() -> impl Strategy<Value = Observation> {
    let value = |(value, as_of)| {
        let mut observation = ValueObservation::new(value);
        observation.as_of = as_of;
        observation
    };
    prop_oneof![
        date_or_month()
            .prop_map(|completed| Observation::Milestone(MilestoneObservation::new(completed))),
        (decimal(), proptest::option::of(date_or_month()))
            .prop_map(move |v| Observation::Count(value(v))),
        (decimal(), proptest::option::of(date_or_month()))
            .prop_map(move |v| Observation::Percentage(value(v))),
        (money(), proptest::option::of(date_or_month())).prop_map(|(amount, as_of)| {
            let mut observation = MoneyObservation::new(amount);
            observation.as_of = as_of;
            Observation::Money(observation)
        }),
        (proptest::bool::ANY, proptest::option::of(date_or_month())).prop_map(|(met, as_of)| {
            let mut observation = QualitativeObservation::new(met);
            observation.as_of = as_of;
            Observation::Qualitative(observation)
        }),
    ]
}

fn document() -> impl Strategy<Value = Document> {
    (
        "[A-Z]{2}\\.[0-9]{3}/[A-Z]{3}/[0-9]{1,2}",
        id_text(),
        proptest::option::of(date()),
        text(),
        proptest::option::of(text()),
        proptest::collection::vec((1u32..20, proptest::option::of(text())), 0..3),
        proptest::option::of(biennium()),
        proptest::collection::vec((letter(), text()), 0..3),
        proptest::option::of(proptest::sample::select(vec![
            Language::En,
            Language::Fr,
            Language::Es,
        ])),
    )
        .prop_map(
            |(symbol, session, date, title, purpose, outcomes, plan, points, lang)| {
                let mut document =
                    Document::new(symbol, SessionId::new(session).unwrap(), title.clone()).unwrap();
                document.section =
                    Some(AgendaSection::new("INS", en("Institutional Section")).unwrap());
                document.agenda_item = Some(AgendaItem::new(8, title.clone()));
                document.date = date;
                document.original_language = lang;
                document.purpose.clone_from(&purpose);
                let mut objective = StrategicObjective::new(title.clone());
                objective.strategic_plan = plan;
                objective.outcomes = outcomes
                    .into_iter()
                    .map(|(number, title)| {
                        let mut outcome = OutcomeRef::new(number);
                        outcome.title = title;
                        outcome
                    })
                    .collect();
                document.strategic_objective = Some(objective);
                document.implications.policy = purpose;
                document.implications.legal = Some(en("None."));
                let mut unit = Unit::new(title.clone());
                unit.code = Some("ENTERPRISES/SME".into());
                document.author_unit = Some(unit);
                document.related_documents = vec![RelatedDocument::new(title.clone())];
                let mut decision = DraftDecision::new(title);
                decision.paragraph = Some(12);
                decision.points = points
                    .into_iter()
                    .map(|(letter, text)| DecisionPoint::new(letter, text))
                    .collect();
                document.draft_decision = Some(decision);
                document
            },
        )
}

fn report() -> impl Strategy<Value = ProgressReport> {
    let entry = (
        id_text(),
        proptest::option::of(text()),
        proptest::collection::vec(observation(), 0..3),
        proptest::option::of((
            proptest::option::of(date_or_month()),
            proptest::option::of(decimal()),
            0u8..3,
        )),
        proptest::option::of(proptest::sample::select(Status::ALL.to_vec())),
    )
        .prop_map(|(id, narrative, observations, forecast, status)| {
            let mut entry = IndicatorProgress::new(IndicatorId::new(id).unwrap());
            entry.narrative = narrative;
            entry.observations = observations;
            entry.forecast = forecast.map(|(by, value, b)| {
                let mut forecast = Forecast::default();
                forecast.by = by;
                forecast.value = value;
                forecast.bound = [Bound::About, Bound::AtLeast, Bound::AtMost][usize::from(b)];
                forecast
            });
            entry.status = status;
            entry
        });
    let deliverable_entry = (
        id_text(),
        proptest::option::of(text()),
        proptest::option::of(proptest::sample::select(Status::ALL.to_vec())),
    )
        .prop_map(|(id, narrative, status)| {
            let mut entry = DeliverableProgress::new(DeliverableId::new(id).unwrap());
            entry.narrative = narrative;
            entry.status = status;
            entry.footnotes = vec![FootnoteId::new("fn-1").unwrap()];
            entry
        });
    let paragraph = (
        proptest::option::of(1u32..50),
        proptest::option::of(text()),
        text(),
        proptest::collection::vec(text(), 0..2),
    )
        .prop_map(|(number, heading, text, points)| {
            let mut paragraph = Paragraph::new(text);
            paragraph.number = number;
            paragraph.heading = heading;
            paragraph.points = points;
            paragraph
        });
    let section = (
        proptest::option::of("[IVX]{1,4}"),
        text(),
        proptest::collection::vec(paragraph, 0..3),
    )
        .prop_map(|(numeral, title, paragraphs)| {
            let mut section = ReportSection::new(title);
            section.numeral = numeral;
            section.paragraphs = paragraphs;
            section
        });
    (
        (id_text(), date_or_month(), proptest::option::of(document())),
        proptest::collection::vec(entry, 0..4),
        proptest::collection::vec(deliverable_entry, 0..2),
        proptest::collection::vec(section, 0..2),
        proptest::collection::vec(text(), 0..2),
        proptest::collection::vec((1u32..9, text()), 0..2),
    )
        .prop_map(
            |((id, as_of, document), indicators, deliverables, sections, remarks, footnotes)| {
                let mut report = ProgressReport::new(ReportId::new(id).unwrap(), as_of);
                report.document = document;
                report.indicators = indicators;
                report.deliverables = deliverables;
                report.sections = sections;
                report.lessons_learned = remarks
                    .into_iter()
                    .map(|text| {
                        let mut remark = Remark::new(text);
                        remark.paragraph = Some(3);
                        remark
                    })
                    .collect();
                report.footnotes = footnotes
                    .into_iter()
                    .enumerate()
                    .map(|(i, (number, text))| {
                        Footnote::new(FootnoteId::new(format!("fn-{i}")).unwrap(), number, text)
                    })
                    .collect();
                report
            },
        )
}

fn assert_round_trip<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string_pretty(value).unwrap();
    let back: T =
        serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(&back, value);
    prop_assert_eq!(serde_json::to_string_pretty(&back).unwrap(), text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn plans_round_trip(p in plan()) {
        assert_round_trip(&p)?;
    }

    #[test]
    fn reports_round_trip(r in report()) {
        assert_round_trip(&r)?;
    }

    #[test]
    fn decimals_keep_their_scale(d in decimal()) {
        let m = Money::new(d, Currency::USD);
        let text = serde_json::to_string(&m).unwrap();
        let quoted = format!("\"{d}\"");
        prop_assert!(text.contains(&quoted));
        let back: Money = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back.amount.scale(), d.scale());
        assert_round_trip(&m)?;
    }

    #[test]
    fn paragraph_refs_print_back_identically(p in paragraph_ref()) {
        let text = p.to_string();
        prop_assert_eq!(ParagraphRef::from_str(&text).unwrap(), p);
        prop_assert_eq!(ParagraphRef::from_str(&text).unwrap().to_string(), text);
    }

    #[test]
    fn paragraph_parser_never_panics(s in "[0-9()a-z–-]{0,12}") {
        if let Ok(p) = ParagraphRef::from_str(&s) {
            prop_assert_eq!(p.to_string(), s);
        }
    }

    #[test]
    fn calendar_values_print_back_identically(m in year_month(), d in date_or_month(), b in biennium()) {
        prop_assert_eq!(YearMonth::from_str(&m.to_string()).unwrap(), m);
        prop_assert_eq!(DateOrMonth::from_str(&d.to_string()).unwrap(), d);
        prop_assert_eq!(Biennium::from_str(&b.to_string()).unwrap(), b);
    }

    #[test]
    fn decimal_parser_accepts_exactly_its_grammar(s in "-?[0-9.]{1,31}") {
        let grammar = regex_like_grammar(&s);
        prop_assert_eq!(parse_decimal(&s).is_ok(), grammar, "{}", s);
    }
}

/// The schema's pattern and maxLength, restated by hand.
fn regex_like_grammar(s: &str) -> bool {
    if s.len() > MAX_DECIMAL_LEN {
        return false;
    }
    let u = s.strip_prefix('-').unwrap_or(s);
    let (i, f) = match u.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (u, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    digits(i) && i.len() <= 28 && !(i.len() > 1 && i.starts_with('0')) && f.is_none_or(digits)
}

#[test]
fn biennium_pattern_admits_exactly_what_the_reader_reads() {
    let pattern = biennium_pattern();
    // The pattern is a list of literal alternatives: check it by expansion.
    let inner = pattern
        .strip_prefix("^(?:[1-9][0-9](?:")
        .and_then(|s| s.strip_suffix(")|(?:[1-8][0-9]|9[0-8])99-00)$"))
        .unwrap();
    let pairs: Vec<&str> = inner.split('|').collect();
    assert_eq!(pairs.len(), 99);
    for century in 10..=99u32 {
        for pair in &pairs {
            let text = format!("{century}{pair}");
            assert!(Biennium::from_str(&text).is_ok(), "{text}");
        }
        let wrap = format!("{century}99-00");
        assert_eq!(Biennium::from_str(&wrap).is_ok(), century != 99, "{wrap}");
    }
    assert!(Biennium::from_str("2016-18").is_err());
}
