//! The report library on the seed example (GB.328/INS/8, progress as of
//! July 2016): what `assess` and `build` lay out, before any rendering.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_funding::FundingStatus;
use actionplan_indicators::Policy;
use actionplan_interchange::Envelope;
use actionplan_model::{DateOrMonth, Language, Status, YearMonth};
use actionplan_report::{
    Assessment, CSV_COLUMNS, Current, Detail, Format, Options, ReportView, assess, build,
    date_or_month_label, default_as_of, money_label, render,
};
use rust_decimal::Decimal;
use std::path::Path;
use time::macros::date;

fn seed() -> Envelope {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sme-action-plan-2016.json");
    actionplan_interchange::read_path(path).unwrap()
}

fn assessed(env: &Envelope) -> Assessment {
    let as_of = default_as_of(&env.reports).unwrap();
    assess(&env.plan, &env.reports, as_of, &Policy::default()).unwrap()
}

fn view_of<'a>(env: &'a Envelope, a: &'a Assessment) -> ReportView<'a> {
    build(
        &env.plan,
        &env.reports,
        &a.evaluation,
        &a.funding,
        &Options::default(),
    )
}

#[test]
fn the_default_date_is_the_reports_not_the_clock() {
    let env = seed();
    assert_eq!(default_as_of(&env.reports), Some(date!(2016 - 07 - 31)));
    assert_eq!(default_as_of(&[]), None);
    let a = assessed(&env);
    let v = view_of(&env, &a);
    assert_eq!(v.as_of, date!(2016 - 07 - 31));
    assert_eq!(
        v.progress_as_of,
        DateOrMonth::Month("2016-07".parse().unwrap())
    );
    assert_eq!(date_or_month_label(v.progress_as_of), "July 2016");
    let doc = v.document.as_ref().unwrap();
    assert_eq!(doc.symbol, "GB.328/INS/8");
    assert_eq!(
        doc.session.as_deref(),
        Some("328th Session, Geneva, 27 October–10 November 2016")
    );
}

#[test]
fn one_row_per_indicator_plus_the_deliverable_without_one() {
    let env = seed();
    let a = assessed(&env);
    let v = view_of(&env, &a);
    let rows: Vec<_> = v.rows().collect();
    assert_eq!(rows.len(), 12);
    let indicator_rows: Vec<_> = rows.iter().filter_map(|r| r.indicator.as_ref()).collect();
    assert_eq!(indicator_rows.len(), 11);

    let bare: Vec<_> = rows.iter().filter(|r| r.indicator.is_none()).collect();
    assert_eq!(bare.len(), 1);
    assert_eq!(bare[0].deliverable.id, "growth-cpos");
    assert_eq!(bare[0].status, Some(Status::PendingResources));
    assert_eq!(
        bare[0].deliverable.conditions,
        ["provided that extra-budgetary resources can be mobilized"]
    );

    // Biennia and categories in plan order.
    let layout: Vec<(String, Vec<&str>)> = v
        .bienniums
        .iter()
        .map(|b| {
            (
                b.biennium.unwrap().to_string(),
                b.categories.iter().map(|c| c.name).collect(),
            )
        })
        .collect();
    assert_eq!(
        layout,
        [
            (
                "2016-17".to_owned(),
                vec!["Knowledge generation", "Country-level work"]
            ),
            ("2018-19".to_owned(), vec!["Country-level work"]),
        ]
    );
    assert_eq!(v.bienniums[0].heading, "For the 2016–17 biennium");
}

#[test]
fn items_sharing_a_deliverable_share_its_row() {
    let env = seed();
    let a = assessed(&env);
    let v = view_of(&env, &a);
    let shared: Vec<_> = v.rows().filter(|r| r.items.len() > 1).collect();
    assert_eq!(shared.len(), 1);
    let row = shared[0];
    let items: Vec<(&str, Vec<String>)> = row
        .items
        .iter()
        .map(|i| (i.id, i.paragraphs.iter().map(ToString::to_string).collect()))
        .collect();
    assert_eq!(
        items,
        [
            ("eese-review", vec!["20(b)".to_owned()]),
            ("regulatory-impact", vec!["9(a)".to_owned()]),
        ]
    );
    assert_eq!(row.deliverable.id, "eese-review-report");
    // Neither item gets a second row of its own.
    let eese_rows = v
        .rows()
        .filter(|r| r.items.iter().any(|i| i.id == "regulatory-impact"))
        .count();
    assert_eq!(eese_rows, 1);
}

#[test]
fn first_row_flags_follow_items_and_deliverables() {
    let env = seed();
    let a = assessed(&env);
    let v = view_of(&env, &a);
    let flags: Vec<(&str, bool, bool)> = v
        .rows()
        .map(|r| {
            (
                r.indicator.as_ref().map_or(r.deliverable.id, |i| i.id),
                r.first_of_item,
                r.first_of_deliverable,
            )
        })
        .collect();
    assert_eq!(
        flags,
        [
            ("eese-review-published", true, true),
            ("procurement-report-published", true, true),
            ("impact-briefs", true, true),
            ("audits-passed", false, true),
            ("events-evaluation", false, true),
            ("social-dialogue-brief", true, true),
            ("eese-member-states", true, true),
            ("formalization-toolkit", true, true),
            ("growth-proposal", true, true),
            ("growth-cpos", false, true),
            ("sme-programme-states", true, true),
            ("xbtc-portfolio", false, true),
        ]
    );
}

#[test]
fn standing_statuses_and_their_summary() {
    use Status::*;
    let env = seed();
    let a = assessed(&env);
    let v = view_of(&env, &a);
    let statuses: Vec<(&str, Status)> = v
        .rows()
        .filter_map(|r| Some((r.indicator.as_ref()?.id, r.status?)))
        .collect();
    assert_eq!(
        statuses,
        [
            ("eese-review-published", Overdue),
            ("procurement-report-published", AchievedLate),
            ("impact-briefs", OnTrack),
            ("audits-passed", OnTrack),
            ("events-evaluation", NoData),
            ("social-dialogue-brief", PendingResources),
            ("eese-member-states", NoData),
            ("formalization-toolkit", OnTrack),
            ("growth-proposal", NotStarted),
            ("sme-programme-states", NotStarted),
            ("xbtc-portfolio", NotStarted),
        ]
    );
    // The toolkit is on track because the report says so: nothing measured
    // decides it, so the asserted status stands over the derived "no data".
    let toolkit = v
        .rows()
        .find(|r| {
            r.indicator
                .as_ref()
                .is_some_and(|i| i.id == "formalization-toolkit")
        })
        .unwrap();
    assert_eq!(toolkit.derived, Some(NoData));
    assert_eq!(toolkit.asserted, Some(OnTrack));

    // Every status in vocabulary order, counts summing to the 11 indicators.
    let order: Vec<Status> = v.summary.iter().map(|s| s.status).collect();
    assert_eq!(order, Status::ALL);
    assert_eq!(v.summary.iter().map(|s| s.count).sum::<usize>(), 11);
    let count = |s: Status| v.summary.iter().find(|c| c.status == s).unwrap().count;
    assert_eq!(
        [
            count(Achieved),
            count(AchievedLate),
            count(OnTrack),
            count(AtRisk),
            count(Overdue),
            count(NotStarted),
            count(PendingResources),
            count(NoData)
        ],
        [0, 1, 3, 0, 1, 3, 1, 2]
    );
}

#[test]
fn indicator_cells_carry_timeline_source_and_baseline() {
    let env = seed();
    let a = assessed(&env);
    let v = view_of(&env, &a);
    let cell = |id: &str| {
        v.rows()
            .filter_map(|r| r.indicator.as_ref())
            .find(|i| i.id == id)
            .unwrap()
            .clone()
    };
    let eese = cell("eese-review-published");
    assert_eq!(
        eese.timeline,
        Some(YearMonth::new(2016, time::Month::March).unwrap())
    );
    assert_eq!(eese.measure, "milestone");
    let states = cell("eese-member-states");
    assert_eq!(states.letter.as_deref(), Some("(a)"));
    assert_eq!(
        states.details,
        [
            Detail::Source("indicator 4.1 of the ILO results measurement framework"),
            Detail::CountBaseline {
                value: Decimal::from(8),
                unit: Some("member States")
            }
        ]
    );
    let details: Vec<String> = states.details.iter().map(ToString::to_string).collect();
    assert_eq!(
        details,
        [
            "source: indicator 4.1 of the ILO results measurement framework",
            "baseline: 8 member States"
        ]
    );
    assert_eq!(cell("xbtc-portfolio").timeline, None);
    // Footnote numbers follow the progress text.
    let briefs = v
        .rows()
        .find(|r| {
            r.indicator
                .as_ref()
                .is_some_and(|i| i.id == "impact-briefs")
        })
        .unwrap();
    assert_eq!(briefs.progress.as_ref().unwrap().footnotes, [1]);
    assert_eq!(
        v.footnotes.iter().map(|f| f.number).collect::<Vec<_>>(),
        [1, 2]
    );
}

#[test]
fn funding_shows_the_xbtc_portfolio_gap_and_the_requests() {
    let env = seed();
    let a = assessed(&env);
    let v = view_of(&env, &a);
    let funding = &v.funding;
    assert_eq!(funding.portfolios.len(), 1);
    let p = &funding.portfolios[0];
    assert_eq!(p.name, "SME XBTC portfolio");
    assert_eq!(
        p.baseline_label().as_deref(),
        Some("USD 84,000,000 on 15 August 2015")
    );
    assert!(matches!(p.current, Current::Baseline(b) if Some(b) == p.baseline));
    assert_eq!(
        p.current.to_string(),
        "USD 84,000,000 on 15 August 2015 (no observation since the baseline)"
    );
    assert_eq!(money_label(p.target), "USD 100,000,000");
    assert_eq!(p.gap.map(money_label).as_deref(), Some("USD 16,000,000"));
    assert_eq!(p.progress_percent, Some(Decimal::ZERO));
    assert_eq!(p.progress_fraction, Some(Decimal::ZERO));
    assert_eq!(p.progress_label(), "0 %");
    assert_eq!(p.status, Status::NotStarted);

    assert_eq!(funding.requests.len(), 1);
    assert_eq!(funding.requests[0].count, 4);
    assert!(funding.requests[0].requires_reallocation);
    assert_eq!(funding.requests[0].cost, None);

    let underfunded: Vec<(&str, FundingStatus, bool)> = funding
        .underfunded
        .iter()
        .map(|u| (u.deliverable, u.funding_status, u.waiting))
        .collect();
    assert_eq!(
        underfunded,
        [
            ("social-dialogue-study", FundingStatus::Unfunded, true),
            ("eese-cpos", FundingStatus::PartiallyFunded, false),
            ("growth-cpos", FundingStatus::Conditional, true),
        ]
    );
    assert_eq!(
        funding.underfunded[0].state(),
        "unfunded, waiting for resources"
    );
}

#[test]
fn a_later_date_changes_statuses_not_the_layout() {
    let env = seed();
    let a = assess(
        &env.plan,
        &env.reports,
        date!(2018 - 01 - 01),
        &Policy::default(),
    )
    .unwrap();
    let later = build(
        &env.plan,
        &env.reports,
        &a.evaluation,
        &a.funding,
        &Options::default(),
    );
    let a = assessed(&env);
    let now = view_of(&env, &a);
    assert_eq!(later.as_of, date!(2018 - 01 - 01));
    // The progress column still speaks as of the report.
    assert_eq!(later.progress_as_of, now.progress_as_of);
    assert_eq!(later.rows().count(), now.rows().count());
    assert_eq!(later.summary.iter().map(|s| s.count).sum::<usize>(), 11);
    assert_ne!(later.summary, now.summary);
}

#[test]
fn a_missing_language_falls_back_to_english() {
    let env = seed();
    let a = assess(
        &env.plan,
        &env.reports,
        date!(2016 - 07 - 31),
        &Policy::default(),
    )
    .unwrap();
    let fr = build(
        &env.plan,
        &env.reports,
        &a.evaluation,
        &a.funding,
        &Options::in_language(Language::Fr),
    );
    // The seed has English texts only: the French report shows them all,
    // and says it was asked for in French.
    assert_eq!(fr.language, "fr");
    let a = assessed(&env);
    let mut en = view_of(&env, &a);
    en.language = "fr".into();
    assert_eq!(fr, en);
}

#[test]
fn every_format_renders_and_ends_with_a_newline() {
    let env = seed();
    let a = assessed(&env);
    let v = view_of(&env, &a);
    for f in Format::ALL {
        let out = render(&v, f);
        assert!(out.ends_with('\n'), "{f}");
        assert!(out.contains("eese-review") || f == Format::Markdown, "{f}");
    }
    // The CSV: a header and 12 records (11 indicators, and the deliverable
    // without one), each with every column.
    let csv = render(&v, Format::Csv);
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 13);
    assert_eq!(lines[0], CSV_COLUMNS.join(","));
    // The JSON is the view itself.
    let json: serde_json::Value = serde_json::from_str(&render(&v, Format::Json)).unwrap();
    assert_eq!(json, serde_json::to_value(&v).unwrap());
}

#[test]
fn format_names_parse_and_print() {
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>(), Ok(f));
        assert_eq!(f.to_string(), f.name());
    }
    assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
    assert_eq!("markdown".parse::<Format>(), Ok(Format::Markdown));
    assert_eq!("html".parse::<Format>(), Ok(Format::Html));
    assert_eq!("csv".parse::<Format>(), Ok(Format::Csv));
    assert_eq!("json".parse::<Format>(), Ok(Format::Json));
    for bad in ["", "MD", "pdf", "htm", " md"] {
        let e = bad.parse::<Format>().unwrap_err();
        assert_eq!(e.0, bad);
        assert!(e.to_string().contains("md, html, csv or json"));
    }
}
