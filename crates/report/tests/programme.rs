//! The report library on the multi-year example of format 1.1
//! (`supply-chains-programme-2017-2021.json`: a five-year programme of
//! action with items per year, an item over the whole programme, dated
//! baselines and targets, revisions, evidence, disaggregation, units and
//! partners).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_indicators::Policy;
use actionplan_model::{ActionPlan, ProgressReport};
use actionplan_report::{
    Assessment, CSV_COLUMNS_1_1, EvidenceView, Format, Layout, Options, ReportView, assess, build,
    render,
};
use std::path::Path;
use time::Date;
use time::macros::date;

/// The example read straight into the model types (the checks of the
/// interchange crate are not what is tested here).
fn example() -> (ActionPlan, Vec<ProgressReport>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/supply-chains-programme-2017-2021.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let plan = serde_json::from_value(v["plan"].take()).unwrap();
    let reports = serde_json::from_value(v["reports"].take()).unwrap();
    (plan, reports)
}

fn assessed(plan: &ActionPlan, reports: &[ProgressReport], as_of: Date) -> Assessment {
    assess(plan, reports, as_of, &Policy::default()).unwrap()
}

fn view<'a>(
    plan: &'a ActionPlan,
    reports: &'a [ProgressReport],
    a: &'a Assessment,
    options: &Options,
) -> ReportView<'a> {
    build(plan, reports, &a.evaluation, &a.funding, options)
}

/// Every id of an item, a deliverable and an indicator of the plan.
fn ids(plan: &ActionPlan) -> Vec<&str> {
    let mut ids: Vec<&str> = plan.items.iter().map(|i| i.id.as_str()).collect();
    for d in &plan.deliverables {
        ids.push(d.id.as_str());
        ids.extend(d.indicators.iter().map(|i| i.id.as_str()));
    }
    ids
}

#[test]
fn every_item_deliverable_and_indicator_appears_in_every_format() {
    let (plan, reports) = example();
    let a = assessed(&plan, &reports, date!(2020 - 09 - 30));
    let v = view(&plan, &reports, &a, &Options::default());
    assert_eq!(v.layout, Layout::Format11);
    let rows = v.rows().filter(|r| r.indicator.is_some()).count();
    assert_eq!(rows, 8, "one row per indicator");
    for format in Format::ALL {
        let out = render(&v, format);
        for id in ids(&plan) {
            assert!(out.contains(id), "{format}: {id} missing");
        }
    }
}

#[test]
fn items_are_grouped_by_year_and_the_whole_programme() {
    let (plan, reports) = example();
    let a = assessed(&plan, &reports, date!(2020 - 09 - 30));
    let v = view(&plan, &reports, &a, &Options::default());
    let headings: Vec<&str> = v.bienniums.iter().map(|b| b.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "For 2017",
            "Over the whole plan, 01/2017–12/2021",
            "For 2018",
            "For 2019",
            "For 2020",
            "For 2021"
        ]
    );
    let whole = &v.bienniums[1];
    let first = &whole.categories[0].rows[0];
    assert_eq!(first.items[0].id, "inspection-2017-2021");
    assert_eq!(first.items[0].lead_unit.unwrap().id, "governance");
    let csv = render(&v, Format::Csv);
    let header = csv.lines().next().unwrap();
    assert_eq!(header, CSV_COLUMNS_1_1.join(","));
}

#[test]
fn a_revised_deadline_shows_where_it_comes_from_once_in_force() {
    let (plan, reports) = example();
    let cell = |as_of: Date| {
        let a = assessed(&plan, &reports, as_of);
        let v = view(&plan, &reports, &a, &Options::default());
        let row = v
            .rows()
            .find(|r| {
                r.indicator
                    .as_ref()
                    .is_some_and(|i| i.id == "experts-meeting-held")
            })
            .unwrap()
            .clone();
        let md = render(&v, Format::Markdown);
        let ind = row.indicator.unwrap();
        (
            ind.timeline.unwrap().to_string(),
            ind.deadline_revised.map(|r| r.to_string()),
            md,
        )
    };
    let (before, mark, md) = cell(date!(2019 - 09 - 30));
    assert_eq!(before, "2019-12");
    assert_eq!(mark, None);
    assert!(md.contains("not yet in force"), "{md}");
    let (after, mark, md) = cell(date!(2020 - 01 - 31));
    assert_eq!(after, "2020-06");
    assert_eq!(mark.as_deref(), Some("revised from 12/2019 (GB.337)"));
    assert!(
        md.contains("(06/2020, revised from 12/2019 (GB.337))"),
        "{md}"
    );
}

#[test]
fn targets_over_time_mark_the_one_in_force_and_a_revised_target() {
    let (plan, reports) = example();
    let targets = |as_of: Date, id: &str| {
        let a = assessed(&plan, &reports, as_of);
        let v = view(&plan, &reports, &a, &Options::default());
        let row = v
            .rows()
            .find(|r| r.indicator.as_ref().is_some_and(|i| i.id == id))
            .unwrap()
            .clone();
        row.indicator
            .unwrap()
            .targets
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        targets(date!(2018 - 03 - 31), "constituents-trained"),
        [
            "150 by 06/2018, in force",
            "300 by 12/2018 (Women 120, Men 180)"
        ]
    );
    assert_eq!(
        targets(date!(2018 - 12 - 31), "constituents-trained"),
        [
            "150 by 06/2018",
            "300 by 12/2018 (Women 120, Men 180), in force"
        ]
    );
    assert_eq!(
        targets(date!(2020 - 09 - 30), "suppliers-with-violations"),
        [
            "30 per cent by 12/2019",
            "25 per cent by 12/2021, revised from 20 per cent (GB.337), in force"
        ]
    );
    // Before the revision takes effect, the original target stands.
    assert_eq!(
        targets(date!(2019 - 06 - 30), "suppliers-with-violations"),
        ["30 per cent by 12/2019, in force", "20 per cent by 12/2021"]
    );
}

#[test]
fn baselines_cumulation_disaggregation_evidence_and_units_are_shown() {
    let (plan, reports) = example();
    let a = assessed(&plan, &reports, date!(2018 - 12 - 31));
    let v = view(&plan, &reports, &a, &Options::default());
    let md = render(&v, Format::Markdown);
    for expected in [
        "baseline: 38 per cent in December 2016 — Inspections of 2016 in the three countries; baseline source: National labour inspection reports",
        "baseline: 0 constituents in December 2017",
        "Values: counted per period",
        "Values: a level (the latest value stands)",
        "Observed: 312 on 30 November 2018 (Women 131, Men 181; Bangladesh 120, Cambodia 90, Viet Nam 102)",
        "Observed: 2 in 2017",
        "[Drivers of decent work deficits in global supply chains](<https://www.ilo.org/global/topics/supply-chains/>) (November 2017)",
        "Evidence: [Evaluation of the training programme](<https://www.ilo.org/evaluation>)",
        "Lead unit: Enterprises Department (ENTERPRISES)",
        "Contributing units: Bureau for Employers' Activities (ACT/EMP); Bureau for Workers' Activities (ACTRAV)",
        "Time frame: 01/2017–12/2019",
        "## Work by unit",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    let html = render(&v, Format::Html);
    assert!(html.contains(
        r#"<a href="https://www.ilo.org/evaluation" rel="noopener noreferrer">Evaluation of the training programme</a>"#
    ));
    // Evidence without an address is text, never a link.
    assert!(
        html.contains("Training records of the ILO International Training Centre (December 2018)")
    );
}

#[test]
fn only_http_and_https_addresses_become_links() {
    let mut e = EvidenceView::new("Click <me>");
    e.url = Some("javascript:alert(1)");
    assert_eq!(e.link(), None);
    assert_eq!(e.note(), "javascript:alert(1)");
    e.url = Some("data:text/html,<b>x</b>");
    assert_eq!(e.link(), None);
    e.url = Some("https://www.ilo.org/a?b=c&d=e");
    assert_eq!(e.link(), Some("https://www.ilo.org/a?b=c&d=e"));
}

#[test]
fn a_javascript_address_in_a_view_renders_as_text() {
    let (plan, reports) = example();
    let a = assessed(&plan, &reports, date!(2018 - 12 - 31));
    let mut v = view(&plan, &reports, &a, &Options::default());
    for section in &mut v.bienniums {
        for c in &mut section.categories {
            for row in &mut c.rows {
                if let Some(p) = &mut row.progress {
                    for e in &mut p.evidence {
                        e.url = Some("javascript:alert(1)");
                    }
                    for o in &mut p.observations {
                        for e in &mut o.evidence {
                            e.url = Some("javascript:alert(1)");
                        }
                    }
                }
            }
        }
    }
    let html = render(&v, Format::Html);
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(html.contains("javascript:alert(1)"), "shown as text");
    let md = render(&v, Format::Markdown);
    assert!(!md.contains("(<javascript"), "{md}");
}

#[test]
fn a_report_on_one_unit_shows_only_its_work() {
    let (plan, reports) = example();
    let a = assessed(&plan, &reports, date!(2020 - 09 - 30));
    let options = Options::default().for_unit("enterprises".parse().unwrap());
    let v = view(&plan, &reports, &a, &options);
    assert_eq!(v.unit.unwrap().id, "enterprises");
    let shown: Vec<&str> = v
        .rows()
        .filter_map(|r| r.indicator.as_ref().map(|i| i.id))
        .collect();
    assert_eq!(
        shown,
        [
            "drivers-report-published",
            "briefs-per-year",
            "countries-applying-strategy",
            "review-submitted"
        ]
    );
    let counted: usize = v.summary.iter().map(|s| s.count).sum();
    assert_eq!(counted, 4);
    assert_eq!(v.units.len(), 1);
    assert_eq!(
        v.units[0].leads,
        ["research-2017", "strategy-2020", "review-2021"]
    );
    // The contributing unit of an item sees that item's deliverables.
    let options = Options::default().for_unit("actrav".parse().unwrap());
    let v = view(&plan, &reports, &a, &options);
    let shown: Vec<&str> = v
        .rows()
        .filter_map(|r| r.indicator.as_ref().map(|i| i.id))
        .collect();
    assert_eq!(shown, ["constituents-trained"]);
}

#[test]
fn resources_show_totals_in_one_currency_with_the_rate_and_delivery() {
    let (plan, reports) = example();
    let a = assessed(&plan, &reports, date!(2020 - 09 - 30));
    let v = view(&plan, &reports, &a, &Options::default());
    let groups: Vec<(&str, &str)> = v
        .funding
        .totals
        .iter()
        .map(|t| (t.group, t.id.unwrap_or("")))
        .collect();
    for expected in [
        ("all", ""),
        ("partner", "switzerland"),
        ("partner", "germany"),
        ("unit", "governance"),
    ] {
        assert!(groups.contains(&expected), "{expected:?} in {groups:?}");
    }
    let md = render(&v, Format::Markdown);
    for expected in [
        "1.0120 USD per CHF of 2 January 2018 (United Nations operational rate of exchange)",
        "rb-training: USD 640,000 of USD 1,000,000 spent by 31 December 2018: 64 %",
        "| partner: Switzerland (State Secretariat for Economic Affairs) | CHF 2,000,000 | CHF 2,000,000 | CHF 1,250,000 | 62.5 % | secured USD 2,024,000.00, approved USD 2,024,000.00, spent USD 1,265,000.00, delivery 62.5 % (at 1.0120 USD per CHF of 2018-01-02) |",
        "| All resource lines | CHF 2,000,000; USD 1,600,000 |",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    let html = render(&v, Format::Html);
    assert!(html.contains("delivery-chart-title"), "a delivery chart");
    assert_eq!(html.matches("<h2>Resources</h2>").count(), 1);
    let json = render(&v, Format::Json);
    assert!(json.contains("\"rates\""), "{json}");
}

#[test]
fn a_heading_without_content_is_not_printed() {
    let (mut plan, reports) = example();
    plan.resources = actionplan_model::Resources::default();
    plan.revisions.clear();
    let a = assessed(&plan, &reports, date!(2020 - 09 - 30));
    let v = view(&plan, &reports, &a, &Options::default());
    let md = render(&v, Format::Markdown);
    assert!(!md.contains("## Resources"), "{md}");
    assert!(!md.contains("## Revisions"), "{md}");
    let html = render(&v, Format::Html);
    assert!(!html.contains("<h2>Resources</h2>"));
    assert!(!html.contains("<h2>Revisions</h2>"));
}
