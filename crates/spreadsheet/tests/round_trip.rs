//! Export → fill → import, value by value, and every mistake a person
//! makes in a spreadsheet, reported with its cell.

#![allow(clippy::unwrap_used, clippy::panic, clippy::many_single_char_names)]

mod common;

use actionplan_model::{DateOrMonth, Language, Observation, ProgressReport, ReportId, Status};
use actionplan_spreadsheet::{ImportError, Problem, ProblemKind, export_xlsx, import_xlsx};
use calamine::Reader as _;
use common::{Edit, Typed, fill, filled, seed, set, text};
use rust_decimal::Decimal;

fn report_id() -> ReportId {
    "gb-331-progress".parse().unwrap()
}

fn as_of() -> DateOrMonth {
    "2017-07-31".parse().unwrap()
}

fn import(edits: &[Edit]) -> Result<ProgressReport, ImportError> {
    let file = seed();
    let workbook = fill(&export_xlsx(&file).unwrap(), edits);
    import_xlsx(&file, &workbook, report_id(), as_of())
}

fn problems(edits: &[Edit]) -> Vec<Problem> {
    match import(edits) {
        Err(ImportError::Problems { problems }) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

fn cells(problems: &[Problem]) -> Vec<(String, ProblemKind)> {
    problems.iter().map(|p| (p.cell.clone(), p.kind)).collect()
}

#[test]
fn an_untouched_workbook_gives_an_empty_report() {
    let file = seed();
    let workbook = export_xlsx(&file).unwrap();
    let report = import_xlsx(&file, &workbook, report_id(), as_of()).unwrap();
    assert_eq!(report.id, report_id());
    assert_eq!(report.as_of, as_of());
    assert!(report.indicators.is_empty(), "{:?}", report.indicators);
    // Rewriting the file's own cells (as a program saving it does) changes nothing.
    let resaved = fill(
        &workbook,
        &[set("Progress", "A2", text("eese-review-published"))],
    );
    let report = import_xlsx(&file, &resaved, report_id(), as_of()).unwrap();
    assert!(report.indicators.is_empty());
}

fn dec(s: &str) -> Decimal {
    actionplan_model::parse_decimal(s).unwrap()
}

fn day(s: &str) -> DateOrMonth {
    s.parse().unwrap()
}

#[test]
fn a_filled_workbook_is_read_value_by_value() {
    let report = import(&filled()).unwrap();
    let ids: Vec<&str> = report
        .indicators
        .iter()
        .map(|p| p.indicator.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "eese-review-published",
            "procurement-report-published",
            "impact-briefs",
            "audits-passed",
            "events-evaluation",
            "social-dialogue-brief",
            "eese-member-states",
            "xbtc-portfolio"
        ]
    );
    let entry = |id: &str| {
        report
            .indicators
            .iter()
            .find(|p| p.indicator.as_str() == id)
            .unwrap()
    };

    let Observation::Milestone(m) = &entry("eese-review-published").observations[0] else {
        panic!()
    };
    assert_eq!(m.completed, day("2016-05-15"));
    let p = entry("procurement-report-published");
    let Observation::Milestone(m) = &p.observations[0] else {
        panic!()
    };
    assert_eq!(m.completed, day("2016-05"));
    assert!(matches!(m.completed, DateOrMonth::Month(_)));
    assert_eq!(p.status, Some(Status::AchievedLate));

    let p = entry("impact-briefs");
    let Observation::Count(v) = &p.observations[0] else {
        panic!()
    };
    assert_eq!((v.value, v.as_of), (dec("9"), Some(day("2017-06-30"))));
    let forecast = p.forecast.as_ref().unwrap();
    assert_eq!(forecast.value, Some(dec("12")));
    assert_eq!(forecast.by, Some(day("2017-12-31")));
    assert_eq!(p.status, Some(Status::OnTrack));
    let n = p.narrative.as_ref().unwrap();
    assert_eq!(n.get(Language::En), Some("Nine briefs were published."));
    assert_eq!(n.get(Language::Fr), Some("Neuf notes « impact » publiées."));
    assert_eq!(n.get(Language::Es), Some("Se publicaron nueve notas."));

    let Observation::Qualitative(q) = &entry("audits-passed").observations[0] else {
        panic!()
    };
    assert!(q.met);
    let Observation::Percentage(v) = &entry("events-evaluation").observations[0] else {
        panic!()
    };
    assert_eq!(v.value, dec("72.5"));

    let narrative = |id: &str| {
        entry(id)
            .narrative
            .as_ref()
            .unwrap()
            .get(Language::En)
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        narrative("social-dialogue-brief"),
        "=not a formula, a narrative"
    );
    // The formula's text, not its cached result `x`.
    assert_eq!(narrative("eese-member-states"), "=A1&B1");
    assert!(entry("eese-member-states").observations.is_empty());

    let p = entry("xbtc-portfolio");
    let Observation::Money(m) = &p.observations[0] else {
        panic!()
    };
    assert_eq!(m.amount.amount, dec("84000000.10"));
    assert_eq!(m.amount.currency.as_str(), "USD");
    assert_eq!(m.as_of, None);
    // Typed as text, the scale is kept.
    assert_eq!(
        p.forecast.as_ref().unwrap().value.unwrap().to_string(),
        "100000000.00"
    );
}

#[test]
fn a_number_typed_as_text_keeps_every_digit() {
    let report = import(&[set("Progress", "H12", text("84000000.10"))]).unwrap();
    let Observation::Money(m) = &report.indicators[0].observations[0] else {
        panic!()
    };
    assert_eq!(m.amount.amount.to_string(), "84000000.10");
}

#[test]
fn ten_kinds_of_mistake_are_all_reported_at_once_with_their_cells() {
    let long = "x".repeat(10_001);
    let found = problems(&[
        set("Progress", "H4", text("1,500")),
        set("Progress", "J4", Typed::Date(2016, 5, 1)),
        set("Progress", "H5", text("yes")),
        set("Progress", "H6", Typed::Number("50")),
        set("Progress", "I6", text("31/07/2016")),
        set("Progress", "K6", Typed::Error("#DIV/0!")),
        set("Progress", "I8", Typed::Date(2017, 1, 31)),
        set("Progress", "M8", text("on-track")),
        set("Progress", "A9", text("edited-id")),
        set("Progress", "N10", Typed::Text(long)),
        set("Progress", "H11", Typed::Formula("SUM(1,2)", "3")),
        set("Progress", "H12", Typed::Number("123456789012345680")),
        set("Progress", "B14", text("an extra row")),
        set(
            "actionplan",
            "B4",
            text("0000000000000000000000000000000000000000000000000000000000000000"),
        ),
    ]);
    let expected = [
        ("actionplan!B4", ProblemKind::StalePlan),
        ("Progress!H4", ProblemKind::NumberWithSeparators),
        ("Progress!J4", ProblemKind::NotApplicable),
        ("Progress!H5", ProblemKind::NotMetOrNotMet),
        ("Progress!I6", ProblemKind::DateAsText),
        ("Progress!K6", ProblemKind::ErrorValue),
        ("Progress!I8", ProblemKind::DateWithoutValue),
        ("Progress!M8", ProblemKind::StatusNotInList),
        ("Progress!A9", ProblemKind::IndicatorIdEdited),
        ("Progress!N10", ProblemKind::TextTooLong),
        ("Progress!H11", ProblemKind::Formula),
        ("Progress!H12", ProblemKind::TooManyDigits),
        ("Progress!B14", ProblemKind::ExtraRow),
    ];
    let expected: Vec<(String, ProblemKind)> = expected
        .iter()
        .map(|(c, k)| ((*c).to_owned(), *k))
        .collect();
    assert_eq!(cells(&found), expected);
    let messages: Vec<String> = found.iter().map(ToString::to_string).collect();
    let all = messages.join("\n");
    // What was found and what to write instead.
    assert!(
        all.contains("Progress!H4: a number typed with separators: found `1,500`; write 1500:"),
        "{all}"
    );
    assert!(all.contains("found `31/07/2016`"), "{all}");
    assert!(
        all.contains("found `on-track`; choose one of the list: achieved, achieved_late, on_track"),
        "{all}"
    );
    assert!(all.contains("found `=SUM(1,2)`"), "{all}");
    assert!(
        all.contains("this row is indicator `formalization-toolkit`"),
        "{all}"
    );
}

#[test]
fn a_workbook_for_another_plan_is_refused_at_its_plan_id() {
    let mut file = seed();
    let workbook = export_xlsx(&file).unwrap();
    file.plan.id = "another-plan".parse().unwrap();
    let Err(ImportError::Problems { problems }) =
        import_xlsx(&file, &workbook, report_id(), as_of())
    else {
        panic!("accepted a workbook of another plan")
    };
    assert_eq!(
        cells(&problems),
        [("actionplan!B2".to_owned(), ProblemKind::OtherPlan)]
    );
    assert!(
        problems[0]
            .to_string()
            .contains("found `sme-action-plan-2016-2019`"),
        "{}",
        problems[0]
    );
}

#[test]
fn a_workbook_of_an_older_version_of_the_plan_is_refused_by_its_fingerprint() {
    let file = seed();
    let workbook = export_xlsx(&file).unwrap();
    let mut changed = file.clone();
    changed.plan.deliverables[0].indicators[0].deadline = Some("2016-06".parse().unwrap());
    let Err(ImportError::Problems { problems }) =
        import_xlsx(&changed, &workbook, report_id(), as_of())
    else {
        panic!("accepted a stale workbook")
    };
    assert_eq!(
        cells(&problems),
        [("actionplan!B4".to_owned(), ProblemKind::StalePlan)]
    );
}

#[test]
fn a_deleted_row_is_reported_once() {
    // The rows below are not read: they would only repeat the problem.
    let found = problems(&[Edit::DeleteRow("Progress", 7)]);
    assert_eq!(
        cells(&found),
        [("Progress!A7".to_owned(), ProblemKind::MissingRow)]
    );
    assert!(
        found[0].fix.contains("social-dialogue-brief"),
        "{}",
        found[0]
    );
}

#[test]
fn rules_of_the_format_point_at_the_cell() {
    // An observation after the report's date (AP014).
    let found = problems(&[
        set("Progress", "H4", Typed::Number("9")),
        set("Progress", "I4", Typed::Date(2018, 1, 31)),
    ]);
    assert_eq!(
        cells(&found),
        [("Progress!I4".to_owned(), ProblemKind::Rule)]
    );
    assert!(found[0].fix.contains("AP014"), "{}", found[0]);
    // A fractional count (AP008) at the value.
    let found = problems(&[set("Progress", "H4", Typed::Number("9.5"))]);
    assert_eq!(
        cells(&found),
        [("Progress!H4".to_owned(), ProblemKind::Rule)]
    );
}

#[test]
fn a_report_id_already_used_is_refused() {
    let file = seed();
    let workbook = export_xlsx(&file).unwrap();
    let used = file.reports[0].id.clone();
    let workbook = fill(&workbook, &[set("Progress", "H4", Typed::Number("9"))]);
    let Err(ImportError::Problems { problems }) = import_xlsx(&file, &workbook, used, as_of())
    else {
        panic!("accepted a duplicate report id")
    };
    assert!(
        problems.iter().all(|p| p.kind == ProblemKind::Rule),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.fix.contains("AP001")),
        "{problems:?}"
    );
}

#[test]
fn what_is_not_a_workbook_is_unreadable() {
    let file = seed();
    let err = import_xlsx(&file, b"not a zip", report_id(), as_of()).unwrap_err();
    assert!(matches!(err, ImportError::Unreadable { .. }), "{err:?}");
}

#[test]
fn what_was_entered_shows_in_the_next_export() {
    let mut file = seed();
    let report = import(&filled()).unwrap();
    file.reports.push(report);
    let bytes = export_xlsx(&file).unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Report 2").unwrap();
    let texts: Vec<String> = sheet.used_cells().map(|(_, _, v)| v.to_string()).collect();
    for expected in [
        "USD 84000000.1",
        "100000000.00",
        "9 (as of 2017-06-30)",
        "12 by 2017-12-31",
        "Neuf notes « impact » publiées.",
        "=A1&B1",
        "Report gb-331-progress as of 2017-07-31",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} not in {texts:?}"
        );
    }
}
