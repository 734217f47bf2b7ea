//! The format 1.1 reference case, the programme of action on decent work in
//! global supply chains 2017–2021 (`docs/examples/`), evaluated as of the
//! four dates of section 17 of `docs/evaluation.md`: every status and figure
//! computed there by hand.

use actionplan_indicators::{DeadlineSource, PlanEvaluation, Policy, evaluate};
use actionplan_model::{ActionPlan, NoResourceInformation, ProgressReport, Status, parse_date};
use rust_decimal::Decimal;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The example, read and checked by the exchange reader (schema and rules)
/// as a user's tool reads it.
fn programme() -> Result<(ActionPlan, Vec<ProgressReport>), Box<dyn std::error::Error>> {
    let file = actionplan_interchange::read_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/supply-chains-programme-2017-2021.json"
    ))?;
    assert_eq!(file.version.to_string(), "1.1");
    Ok((file.plan, file.reports))
}

fn evaluated(as_of: &str) -> Result<PlanEvaluation, Box<dyn std::error::Error>> {
    let (plan, reports) = programme()?;
    Ok(evaluate(
        &plan,
        &reports,
        parse_date(as_of)?,
        &Policy::default(),
        &NoResourceInformation,
    )?)
}

/// One row of the hand computation: standing, and for value indicators
/// observed, target in force, progress, time elapsed and expected value.
struct Row {
    id: &'static str,
    standing: Status,
    figures: Option<[&'static str; 5]>,
}

const fn row(id: &'static str, standing: Status) -> Row {
    Row {
        id,
        standing,
        figures: None,
    }
}

const fn values(id: &'static str, standing: Status, figures: [&'static str; 5]) -> Row {
    Row {
        id,
        standing,
        figures: Some(figures),
    }
}

fn check(as_of: &str, rows: &[Row], overall: Status) -> TestResult {
    let e = evaluated(as_of)?;
    assert_eq!(e.indicators.len(), rows.len(), "as of {as_of}");
    for r in rows {
        let i = e
            .indicator(r.id)
            .ok_or_else(|| format!("no indicator `{}`", r.id))?;
        assert_eq!(
            i.standing, r.standing,
            "{} as of {as_of}: {}",
            r.id, i.reason
        );
        if let Some(f) = r.figures {
            let shown = |d: Option<Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
            assert_eq!(
                [
                    shown(i.observed),
                    shown(i.target),
                    shown(i.progress),
                    shown(i.time_elapsed),
                    shown(i.expected),
                ],
                f.map(str::to_owned),
                "{} as of {as_of}: observed, target, progress, time elapsed, expected",
                r.id
            );
        }
    }
    assert_eq!(e.overall.status, overall, "as of {as_of}");
    Ok(())
}

#[test]
fn as_of_the_end_of_2018() -> TestResult {
    use Status::{Achieved, AtRisk, NotStarted};
    check(
        "2018-12-31",
        &[
            row("drivers-report-published", Achieved),
            values("briefs-per-year", AtRisk, ["1", "2", "0.5", "1", "2"]),
            row("constituents-trained", Achieved),
            values(
                "suppliers-with-violations",
                AtRisk,
                ["34", "30", "0.5", "0.6664", "32.67"],
            ),
            values(
                "xbtc-portfolio",
                AtRisk,
                ["15500000", "18000000", "0.5833", "0.6664", "15998171.85"],
            ),
            row("experts-meeting-held", NotStarted),
            row("countries-applying-strategy", NotStarted),
            row("review-submitted", NotStarted),
        ],
        AtRisk,
    )
}

#[test]
fn as_of_september_2019_before_the_revisions() -> TestResult {
    use Status::{Achieved, AtRisk, NoData, NotStarted};
    check(
        "2019-09-30",
        &[
            row("drivers-report-published", Achieved),
            values("briefs-per-year", NoData, ["", "2", "", "0.7473", "1.49"]),
            row("constituents-trained", Achieved),
            values(
                "suppliers-with-violations",
                AtRisk,
                ["34", "30", "0.5", "0.9159", "30.67"],
            ),
            values(
                "xbtc-portfolio",
                AtRisk,
                ["15500000", "18000000", "0.5833", "0.9159", "17495429.62"],
            ),
            row("experts-meeting-held", NoData),
            row("countries-applying-strategy", NotStarted),
            row("review-submitted", NotStarted),
        ],
        AtRisk,
    )?;
    let e = evaluated("2019-09-30")?;
    let meeting = e.indicator("experts-meeting-held").ok_or("no meeting")?;
    assert_eq!(meeting.deadline, Some(parse_date("2019-12-31")?));
    assert_eq!(meeting.deadline_revised, None);
    assert_eq!(meeting.days_left, Some(92));
    Ok(())
}

#[test]
fn as_of_january_2020_after_the_revisions() -> TestResult {
    use Status::{Achieved, AtRisk, NoData, NotStarted, Overdue};
    check(
        "2020-01-31",
        &[
            row("drivers-report-published", Achieved),
            row("briefs-per-year", Overdue),
            row("constituents-trained", Achieved),
            values(
                "suppliers-with-violations",
                AtRisk,
                ["34", "25", "0.3077", "0.6164", "29.99"],
            ),
            values(
                "xbtc-portfolio",
                AtRisk,
                ["15500000", "25000000", "0.2692", "0.6164", "20013698.63"],
            ),
            row("experts-meeting-held", NoData),
            values(
                "countries-applying-strategy",
                NoData,
                ["", "3", "", "0.0822", "0.25"],
            ),
            row("review-submitted", NotStarted),
        ],
        Overdue,
    )?;
    let e = evaluated("2020-01-31")?;
    let meeting = e.indicator("experts-meeting-held").ok_or("no meeting")?;
    assert_eq!(meeting.deadline, Some(parse_date("2020-06-30")?));
    assert_eq!(meeting.deadline_source, DeadlineSource::Revision);
    let moved = meeting.deadline_revised.as_ref().ok_or("not revised")?;
    assert_eq!(
        (moved.from.map(|m| m.to_string()), moved.to.to_string()),
        (Some("2019-12".to_owned()), "2020-06".to_owned())
    );
    assert_eq!(moved.by.revision.as_str(), "experts-meeting-moved");
    assert_eq!(moved.by.document.as_deref(), Some("GB.337/INS/5"));
    let violations = e
        .indicator("suppliers-with-violations")
        .ok_or("no violations")?;
    let eased = violations
        .target_in_force
        .as_ref()
        .ok_or("no target in force")?;
    assert!(eased.is_final);
    let revised = eased.revised.as_ref().ok_or("target not revised")?;
    assert_eq!(revised.from, Some(Decimal::from(20)));
    assert_eq!(revised.by.revision.as_str(), "violations-target-eased");
    assert_eq!(
        e.indicator("briefs-per-year").and_then(|i| i.days_overdue),
        Some(31)
    );
    Ok(())
}

#[test]
fn as_of_the_second_report() -> TestResult {
    use Status::{Achieved, AtRisk, NotStarted, OnTrack};
    check(
        "2020-09-30",
        &[
            row("drivers-report-published", Achieved),
            values("briefs-per-year", Achieved, ["2", "2", "1", "1", "2"]),
            row("constituents-trained", Achieved),
            values(
                "suppliers-with-violations",
                OnTrack,
                ["29", "25", "0.6923", "0.7496", "28.26"],
            ),
            values(
                "xbtc-portfolio",
                AtRisk,
                ["19800000", "25000000", "0.6", "0.7496", "21744657.53"],
            ),
            row("experts-meeting-held", Achieved),
            values(
                "countries-applying-strategy",
                AtRisk,
                ["2", "3", "0.6667", "0.7479", "2.24"],
            ),
            row("review-submitted", NotStarted),
        ],
        AtRisk,
    )?;
    let e = evaluated("2020-09-30")?;
    let briefs = e.indicator("briefs-per-year").ok_or("no briefs")?;
    assert_eq!(
        briefs.achieved_on.map(|d| d.to_string()).as_deref(),
        Some("2019-12")
    );
    let meeting = e.indicator("experts-meeting-held").ok_or("no meeting")?;
    assert_eq!(
        meeting.achieved_on.map(|d| d.to_string()).as_deref(),
        Some("2020-02-28")
    );
    Ok(())
}

#[test]
fn the_trained_constituents_are_evaluated_by_their_total_with_both_splits() -> TestResult {
    let e = evaluated("2018-12-31")?;
    let trained = e.indicator("constituents-trained").ok_or("no indicator")?;
    assert_eq!(trained.observed, Some(Decimal::from(312)));
    let dimensions: Vec<&str> = trained
        .disaggregation
        .iter()
        .map(|s| s.dimension.as_str())
        .collect();
    assert_eq!(dimensions, ["sex", "country"]);
    assert!(
        trained
            .disaggregation
            .iter()
            .all(|s| s.total() == Some(Decimal::from(312)))
    );
    Ok(())
}

#[test]
fn items_are_grouped_by_their_years_not_by_biennia() -> TestResult {
    let e = evaluated("2020-09-30")?;
    assert!(e.biennia.is_empty());
    let frames: Vec<(String, String, Status)> = e
        .items
        .iter()
        .map(|i| {
            let frame = i.time_frame().map(|f| f.to_string()).unwrap_or_default();
            (i.item.to_string(), frame, i.rollup.status)
        })
        .collect();
    let expected = [
        ("research-2017", "2017", Status::Achieved),
        ("capacity-2018", "2018", Status::Achieved),
        ("inspection-2017-2021", "", Status::AtRisk),
        ("dialogue-2019", "2019", Status::Achieved),
        ("strategy-2020", "2020", Status::AtRisk),
        ("review-2021", "2021", Status::NotStarted),
    ];
    assert_eq!(
        frames,
        expected.map(|(i, f, s)| (i.to_owned(), f.to_owned(), s))
    );
    Ok(())
}

#[test]
fn the_wire_form_names_the_revision_and_the_target_in_force_and_reads_back() -> TestResult {
    let e = evaluated("2020-01-31")?;
    let json = serde_json::to_value(&e)?;
    let at = |id: &str| -> Result<serde_json::Value, String> {
        json["indicators"]
            .as_array()
            .and_then(|list| list.iter().find(|i| i["indicator"] == id))
            .cloned()
            .ok_or_else(|| format!("no `{id}` on the wire"))
    };
    let meeting = at("experts-meeting-held")?;
    assert_eq!(meeting["deadline_source"], "revision");
    assert_eq!(
        meeting["deadline_revised"],
        serde_json::json!({"from": "2019-12", "to": "2020-06", "by": {
            "revision": "experts-meeting-moved", "effective": "2019-10-15",
            "decided_at": "gb-337", "document": "GB.337/INS/5"}})
    );
    assert_eq!(meeting["span"], serde_json::json!({"year": 2019}));
    let violations = at("suppliers-with-violations")?;
    assert_eq!(
        violations["target_in_force"],
        serde_json::json!({"value": "25", "due": "2021-12", "final": true, "revised": {
            "from": "20", "by": {"revision": "violations-target-eased", "effective": "2019-11",
                                 "decided_at": "gb-337", "document": "GB.337/INS/5"}}})
    );
    assert_eq!(violations["cumulation"], "level");
    let back: PlanEvaluation = serde_json::from_value(json)?;
    assert_eq!(back, e);
    Ok(())
}
