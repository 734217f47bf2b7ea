//! Building model values outside the crate: the constructors refuse what the
//! format refuses (an empty text or symbol), start every optional member
//! empty, and are enough to build a whole plan and report that round-trip
//! through JSON and pass validation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use actionplan_model::{
    ActionPlan, AgendaItem, AgendaSection, Body, Category, Condition, ConditionKind, CountMeasure,
    DateOrMonth, Decimal, Deliverable, DeliverableProgress, Document, DraftDecision, FollowUpItem,
    Footnote, Forecast, FundingSource, Indicator, IndicatorProgress, Language, Measure,
    MilestoneEvent, MilestoneMeasure, Money, MoneyMeasure, MoneyObservation, Observation,
    Portfolio, ProgressReport, Remark, Resolution, ResourceLine, ResourceState, Session,
    SourceKind, Status, Text, TextError, Unit, ValueObservation, is_valid, validate,
};
use serde_json::json;

fn en(s: &str) -> Text {
    Text::en(s).unwrap()
}

fn month(s: &str) -> DateOrMonth {
    s.parse().unwrap()
}

#[test]
fn text_constructors_refuse_an_empty_version_and_name_its_language() {
    assert_eq!(Text::en(""), Err(TextError::EmptyVersion(Language::En)));
    assert_eq!(
        Text::new(Language::Fr, String::new()),
        Err(TextError::EmptyVersion(Language::Fr))
    );
    assert_eq!(
        en("Report is published").with(Language::Es, ""),
        Err(TextError::EmptyVersion(Language::Es))
    );
    assert_eq!(
        Text::try_from_versions(None, None, None),
        Err(TextError::NoVersion)
    );
    // The reader refuses the same value, so a constructed text always writes
    // a file that reads back.
    assert!(serde_json::from_str::<Text>(r#"{"en": ""}"#).is_err());
}

#[test]
fn document_and_agenda_section_refuse_an_empty_symbol_or_code() {
    let session = "gb-328".parse().unwrap();
    let refused = Document::new("", session, en("Progress report")).unwrap_err();
    assert_eq!(refused, TextError::EmptyString("symbol"));
    assert!(refused.to_string().contains("`symbol` must not be empty"));
    assert_eq!(
        AgendaSection::new("", en("Institutional Section")),
        Err(TextError::EmptyString("code"))
    );
    // Not empty: accepted as given.
    let document = Document::new("GB.328/INS/8", "gb-328".parse().unwrap(), en("Report")).unwrap();
    assert_eq!(document.symbol, "GB.328/INS/8");
}

#[test]
fn a_constructed_value_writes_only_its_required_members() {
    let indicator = Indicator::new(
        "report-published".parse().unwrap(),
        en("Report is published"),
        Measure::Milestone(MilestoneMeasure::new(MilestoneEvent::Published)),
    );
    assert_eq!(
        serde_json::to_value(&indicator).unwrap(),
        json!({
            "id": "report-published",
            "text": {"en": "Report is published"},
            "measure": {"kind": "milestone", "event": "published"}
        })
    );
    let item = FollowUpItem::new(
        "eese".parse().unwrap(),
        en("Expansion of the EESE programme"),
        "20(b)".parse().unwrap(),
        "country".parse().unwrap(),
        "2016-17".parse().unwrap(),
    );
    assert_eq!(
        serde_json::to_value(&item).unwrap(),
        json!({
            "id": "eese",
            "text": {"en": "Expansion of the EESE programme"},
            "paragraphs": ["20(b)"],
            "category": "country",
            "biennium": "2016-17"
        })
    );
}

fn sessions() -> Vec<Session> {
    let mut ilc = Session::new(
        "ilc-104".parse().unwrap(),
        Body::InternationalLabourConference,
        104,
        2015,
    );
    ilc.opens = Some(month("2015-06"));
    let mut endorsing = Session::new("gb-325".parse().unwrap(), Body::GoverningBody, 325, 2015);
    endorsing.opens = Some(month("2015-11"));
    let mut reporting = Session::new("gb-328".parse().unwrap(), Body::GoverningBody, 328, 2016);
    reporting.opens = Some(month("2016-10-27"));
    reporting.closes = Some("2016-11-10".parse::<DateOrMonth>().unwrap().earliest());
    reporting.place = Some(en("Geneva").with(Language::Fr, "Genève").unwrap());
    vec![ilc, endorsing, reporting]
}

fn deliverables() -> Vec<Deliverable> {
    let mut states = CountMeasure::new(Decimal::from(7));
    states.baseline = Some(Decimal::from(8).into());
    states.target_mode = actionplan_model::TargetMode::Additional;
    let mut count = Indicator::new(
        "seven-states".parse().unwrap(),
        en("Seven additional member States report improvements"),
        Measure::Count(states),
    );
    count.letter = "a".parse().ok();
    count.deadline = Some("2017-12".parse().unwrap());
    let mut cpos = Deliverable::new(
        "seven-cpos".parse().unwrap(),
        en("Design and implementation of seven additional country programme outcomes"),
    );
    cpos.letter = "a".parse().ok();
    cpos.indicators.push(count);

    let mut portfolio = Indicator::new(
        "portfolio".parse().unwrap(),
        en("Increase in SME XBTC portfolio to $100 million"),
        Measure::Money(MoneyMeasure::new(Money::new(
            Decimal::from(100_000_000),
            "USD".parse().unwrap(),
        ))),
    );
    portfolio.deadline = Some("2017-12".parse().unwrap());
    let mut mobilization = Deliverable::new(
        "mobilization".parse().unwrap(),
        en("Mobilization of extra-budgetary resources"),
    );
    let mut condition = Condition::new(
        ConditionKind::ResourcesMobilized,
        en("provided that extra-budgetary resources can be mobilized"),
    );
    condition.source = Some(SourceKind::ExtraBudgetary);
    mobilization.conditions.push(condition);
    mobilization.indicators.push(portfolio);
    vec![cpos, mobilization]
}

fn plan() -> ActionPlan {
    let mut plan = ActionPlan::new(
        "sme".parse().unwrap(),
        en("SME action plan"),
        Resolution::new(en("Resolution concerning SMEs"), "ilc-104".parse().unwrap()),
        "gb-325".parse().unwrap(),
        "2016-17".parse().unwrap(),
    );
    plan.biennia.push("2018-19".parse().unwrap());
    plan.reporting.push("gb-328".parse().unwrap());
    plan.sessions = sessions();
    let mut unit = Unit::new(en("Small and Medium Enterprises Unit"));
    unit.code = Some("ENTERPRISES/SME".to_owned());
    plan.responsible_unit = Some(unit);
    plan.categories.push(Category::new(
        "country".parse().unwrap(),
        en("Country-level work"),
    ));
    let mut item = FollowUpItem::new(
        "eese".parse().unwrap(),
        en("Expansion of the EESE programme"),
        "20(b)".parse().unwrap(),
        "country".parse().unwrap(),
        "2016-17".parse().unwrap(),
    );
    item.paragraphs.push("21".parse().unwrap());
    item.deliverables = vec![
        "seven-cpos".parse().unwrap(),
        "mobilization".parse().unwrap(),
    ];
    plan.items.push(item);
    plan.deliverables = deliverables();

    let mut source = FundingSource::new(
        "xbtc".parse().unwrap(),
        SourceKind::ExtraBudgetary,
        en("Extra-budgetary technical cooperation"),
    );
    source.partner = Some(en("European Union"));
    plan.resources.sources.push(source);
    let mut line = ResourceLine::new("line-1".parse().unwrap(), ResourceState::Mobilized);
    line.deliverables.push("mobilization".parse().unwrap());
    line.source = Some("xbtc".parse().unwrap());
    plan.resources.lines.push(line);
    plan.resources.portfolios.push(Portfolio::new(
        "sme-portfolio".parse().unwrap(),
        en("SME XBTC portfolio"),
        SourceKind::ExtraBudgetary,
        "portfolio".parse().unwrap(),
    ));
    plan
}

fn report() -> ProgressReport {
    let mut report = ProgressReport::new("gb-328-ins-8".parse().unwrap(), month("2016-07"));
    report.session = Some("gb-328".parse().unwrap());
    let mut document = Document::new(
        "GB.328/INS/8",
        "gb-328".parse().unwrap(),
        en("Progress report on the action plan"),
    )
    .unwrap();
    document.section = Some(AgendaSection::new("INS", en("Institutional Section")).unwrap());
    document.agenda_item = Some(AgendaItem::new(8, en("Follow-up to the resolution")));
    document.implications.legal = Some(en("None."));
    document.draft_decision = Some(DraftDecision::new(en(
        "The Governing Body requests the Director-General to:",
    )));
    report.document = Some(document);

    let mut count = ValueObservation::new(Decimal::from(11));
    count.as_of = Some(month("2016-06"));
    let mut states = IndicatorProgress::new("seven-states".parse().unwrap());
    states.observations.push(Observation::Count(count));
    let mut forecast = Forecast::default();
    forecast.by = Some(month("2017-12"));
    states.forecast = Some(forecast);
    states.status = Some(Status::OnTrack);
    states.footnotes.push("fn-1".parse().unwrap());
    let mut portfolio = IndicatorProgress::new("portfolio".parse().unwrap());
    portfolio
        .observations
        .push(Observation::Money(MoneyObservation::new(Money::new(
            Decimal::from(90_000_000),
            "USD".parse().unwrap(),
        ))));
    report.indicators = vec![states, portfolio];

    let mut cpos = DeliverableProgress::new("seven-cpos".parse().unwrap());
    cpos.narrative = Some(en("Work has begun in eleven member States."));
    report.deliverables.push(cpos);
    let mut lesson = Remark::new(en("Involving constituents early pays off."));
    lesson.paragraph = Some(5);
    report.lessons_learned.push(lesson);
    report.footnotes.push(Footnote::new(
        "fn-1".parse().unwrap(),
        1,
        en("See the country reports."),
    ));
    report
}

#[test]
fn a_plan_built_only_with_constructors_round_trips_and_validates() {
    let (plan, reports) = (plan(), vec![report()]);
    let problems = validate(&plan, &reports);
    assert!(is_valid(&problems), "{problems:#?}");
    assert!(problems.is_empty(), "not even a warning: {problems:#?}");

    let text = serde_json::to_string_pretty(&plan).unwrap();
    let back: ActionPlan = serde_json::from_str(&text).unwrap();
    assert_eq!(back, plan);
    assert_eq!(serde_json::to_string_pretty(&back).unwrap(), text);

    let text = serde_json::to_string_pretty(&reports).unwrap();
    let back: Vec<ProgressReport> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, reports);

    // Validation looks at constructed values as at read ones: an entry on
    // an indicator the plan lacks is an error.
    let mut stray = reports;
    stray[0]
        .indicators
        .push(IndicatorProgress::new("nowhere".parse().unwrap()));
    assert!(!is_valid(&validate(&plan, &stray)));
}
