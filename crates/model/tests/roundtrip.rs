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
            .prop_map(|event| Measure::Milestone(MilestoneMeasure { event }))
            .boxed(),
        (
            proptest::option::of(text()),
            proptest::option::of(decimal()),
            decimal(),
            prop_oneof![Just(TargetMode::Absolute), Just(TargetMode::Additional)],
            direction(),
        )
            .prop_map(|(unit, baseline, target, target_mode, direction)| {
                Measure::Count(CountMeasure {
                    unit,
                    baseline,
                    target,
                    target_mode,
                    direction,
                })
            })
            .boxed(),
        (
            proptest::option::of(text()),
            proptest::option::of(decimal()),
            decimal(),
            direction(),
        )
            .prop_map(|(of, baseline, target, direction)| {
                Measure::Percentage(PercentageMeasure {
                    of,
                    baseline,
                    target,
                    direction,
                })
            })
            .boxed(),
        (
            proptest::option::of(
                (money(), date_or_month()).prop_map(|(amount, as_of)| DatedMoney { amount, as_of }),
            ),
            money(),
            direction(),
        )
            .prop_map(|(baseline, target, direction)| {
                Measure::Money(MoneyMeasure {
                    baseline,
                    target,
                    direction,
                })
            })
            .boxed(),
        proptest::option::of(text())
            .prop_map(|criterion| Measure::Qualitative(QualitativeMeasure { criterion }))
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
        .prop_map(
            |(id, letter, text, deadline, data_source, measure)| Indicator {
                id: IndicatorId::new(format!("i-{id}")).unwrap(),
                letter,
                text,
                deadline,
                data_source,
                measure,
                extensions: Extensions::default(),
            },
        )
}

fn deliverable() -> impl Strategy<Value = Deliverable> {
    (
        id_text(),
        proptest::option::of(letter()),
        text(),
        proptest::collection::vec(
            (text(), proptest::bool::ANY).prop_map(|(text, ext)| Condition {
                kind: if ext {
                    ConditionKind::ResourcesMobilized
                } else {
                    ConditionKind::Other
                },
                source: ext.then_some(SourceKind::ExtraBudgetary),
                text,
            }),
            0..2,
        ),
        proptest::collection::vec(indicator(), 0..3),
    )
        .prop_map(|(id, letter, text, conditions, indicators)| Deliverable {
            id: DeliverableId::new(format!("d-{id}")).unwrap(),
            letter,
            text,
            conditions,
            indicators,
            extensions: Extensions::default(),
        })
}

fn item() -> impl Strategy<Value = FollowUpItem> {
    (
        id_text(),
        text(),
        proptest::collection::vec(paragraph_ref(), 1..3),
        id_text(),
        biennium(),
        proptest::collection::vec(id_text(), 0..3),
    )
        .prop_map(|(id, text, paragraphs, cat, biennium, ds)| FollowUpItem {
            id: ItemId::new(format!("it-{id}")).unwrap(),
            text,
            paragraphs,
            category: CategoryId::new(cat).unwrap(),
            biennium,
            deliverables: ds
                .into_iter()
                .map(|d| DeliverableId::new(d).unwrap())
                .collect(),
            extensions: Extensions::default(),
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
        .prop_map(|(id, gb, number, year, opens, closes, place)| Session {
            id: SessionId::new(id).unwrap(),
            body: if gb {
                Body::GoverningBody
            } else {
                Body::InternationalLabourConference
            },
            number,
            year,
            opens,
            closes,
            place,
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
        .prop_map(|(id, biennium, required, secured, as_of, s)| ResourceLine {
            id: ResourceLineId::new(id).unwrap(),
            deliverables: vec![],
            biennium,
            source: None,
            state: [
                ResourceState::Secured,
                ResourceState::Underfunded,
                ResourceState::NotAllocated,
                ResourceState::Mobilized,
            ][usize::from(s)],
            required,
            secured,
            as_of,
            note: None,
        });
    let request = (
        id_text(),
        0u32..100,
        text(),
        proptest::option::of(money()),
        proptest::bool::ANY,
    )
        .prop_map(
            |(id, count, text, cost, requires_reallocation)| UnfundedRequest {
                id: RequestId::new(id).unwrap(),
                count,
                text,
                deliverable: None,
                cost,
                requires_reallocation,
                as_of: None,
            },
        );
    (
        proptest::collection::vec(line, 0..3),
        proptest::collection::vec(request, 0..2),
    )
        .prop_map(|(lines, requests)| Resources {
            sources: vec![],
            lines,
            requests,
            portfolios: vec![],
        })
}

fn plan() -> impl Strategy<Value = ActionPlan> {
    (
        id_text(),
        text(),
        proptest::collection::vec(biennium(), 1..3),
        proptest::collection::vec(session(), 0..3),
        proptest::collection::vec(item(), 0..4),
        proptest::collection::vec(deliverable(), 0..4),
        resources(),
    )
        .prop_map(
            |(id, title, biennia, sessions, items, deliverables, resources)| ActionPlan {
                id: PlanId::new(id).unwrap(),
                title: title.clone(),
                resolution: Resolution {
                    title,
                    adopted_at: SessionId::new("ilc").unwrap(),
                },
                endorsed_at: SessionId::new("gb").unwrap(),
                responsible_unit: None,
                biennia,
                reporting: vec![],
                sessions,
                categories: vec![],
                items,
                deliverables,
                resources,
                extensions: Extensions::default(),
            },
        )
}

fn observation() -> impl Strategy<Value = Observation> {
    prop_oneof![
        date_or_month()
            .prop_map(|completed| Observation::Milestone(MilestoneObservation { completed })),
        (decimal(), proptest::option::of(date_or_month()))
            .prop_map(|(value, as_of)| Observation::Count(ValueObservation { value, as_of })),
        (decimal(), proptest::option::of(date_or_month()))
            .prop_map(|(value, as_of)| Observation::Percentage(ValueObservation { value, as_of })),
        (money(), proptest::option::of(date_or_month()))
            .prop_map(|(amount, as_of)| Observation::Money(MoneyObservation { amount, as_of })),
        (proptest::bool::ANY, proptest::option::of(date_or_month())).prop_map(|(met, as_of)| {
            Observation::Qualitative(QualitativeObservation { met, as_of })
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
            |(symbol, session, date, title, purpose, outcomes, plan, points, lang)| Document {
                symbol,
                session: SessionId::new(session).unwrap(),
                section: Some(AgendaSection {
                    code: "INS".into(),
                    name: Text::en("Institutional Section"),
                }),
                agenda_item: Some(AgendaItem {
                    number: 8,
                    title: title.clone(),
                }),
                date,
                original_language: lang,
                title: title.clone(),
                purpose: purpose.clone(),
                strategic_objective: Some(StrategicObjective {
                    text: title.clone(),
                    strategic_plan: plan,
                    outcomes: outcomes
                        .into_iter()
                        .map(|(number, title)| OutcomeRef { number, title })
                        .collect(),
                }),
                implications: Implications {
                    policy: purpose,
                    legal: Some(Text::en("None.")),
                    financial: None,
                },
                follow_up_action: None,
                author_unit: Some(Unit {
                    code: Some("ENTERPRISES/SME".into()),
                    name: title.clone(),
                }),
                related_documents: vec![RelatedDocument {
                    symbol: None,
                    title: title.clone(),
                    session: None,
                }],
                draft_decision: Some(DraftDecision {
                    paragraph: Some(12),
                    text: title,
                    points: points
                        .into_iter()
                        .map(|(letter, text)| DecisionPoint { letter, text })
                        .collect(),
                }),
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
        .prop_map(
            |(id, narrative, observations, forecast, status)| IndicatorProgress {
                indicator: IndicatorId::new(id).unwrap(),
                narrative,
                observations,
                forecast: forecast.map(|(by, value, b)| Forecast {
                    by,
                    value,
                    bound: [Bound::About, Bound::AtLeast, Bound::AtMost][usize::from(b)],
                }),
                status,
                footnotes: vec![],
                extensions: Extensions::default(),
            },
        );
    let deliverable_entry = (
        id_text(),
        proptest::option::of(text()),
        proptest::option::of(proptest::sample::select(Status::ALL.to_vec())),
    )
        .prop_map(|(id, narrative, status)| DeliverableProgress {
            deliverable: DeliverableId::new(id).unwrap(),
            narrative,
            status,
            footnotes: vec![FootnoteId::new("fn-1").unwrap()],
            extensions: Extensions::default(),
        });
    let paragraph = (
        proptest::option::of(1u32..50),
        proptest::option::of(text()),
        text(),
        proptest::collection::vec(text(), 0..2),
    )
        .prop_map(|(number, heading, text, points)| Paragraph {
            number,
            heading,
            text,
            points,
        });
    let section = (
        proptest::option::of("[IVX]{1,4}"),
        text(),
        proptest::collection::vec(paragraph, 0..3),
    )
        .prop_map(|(numeral, title, paragraphs)| ReportSection {
            numeral,
            title,
            paragraphs,
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
                ProgressReport {
                    id: ReportId::new(id).unwrap(),
                    as_of,
                    session: None,
                    document,
                    indicators,
                    deliverables,
                    sections,
                    lessons_learned: remarks
                        .into_iter()
                        .map(|text| Remark {
                            paragraph: Some(3),
                            text,
                        })
                        .collect(),
                    challenges: vec![],
                    conclusions: vec![],
                    footnotes: footnotes
                        .into_iter()
                        .enumerate()
                        .map(|(i, (number, text))| Footnote {
                            id: FootnoteId::new(format!("fn-{i}")).unwrap(),
                            number,
                            text,
                        })
                        .collect(),
                    extensions: Extensions::default(),
                }
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
        let quoted = format!("\"{}\"", d);
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
