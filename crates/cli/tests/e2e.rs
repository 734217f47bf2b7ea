//! End-to-end tests of the `actionplan` binary on the seed example
//! (`tests/data/sme-action-plan-2016.json`, a link to the repository's
//! `docs/examples/` copy that `cargo package` turns into the file).
//!
//! Every command runs as a process from this crate's folder, so the paths
//! in its output are the stable relative ones, and the tests run the same
//! from the packaged crate. Standard output is compared byte
//! for byte with the files in `crates/cli/tests/expected/`. To regenerate
//! them after an intended change of output, run
//!
//! ```text
//! UPDATE_EXPECTED=1 cargo test -p actionplan-cli --test e2e
//! ```
//!
//! and review the change with `git diff crates/cli/tests/expected/` before
//! committing it. `schema` is compared with the library's schema (which the
//! interchange crate's tests hold to the committed file) and is never
//! regenerated here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = "tests/data/sme-action-plan-2016.json";

/// The seed's indicators in table order, with the standing status the
/// report must show for each (as of July 2016).
const SEED_STATUSES: [(&str, &str); 11] = [
    ("eese-review-published", "overdue"),
    ("procurement-report-published", "achieved_late"),
    ("impact-briefs", "on_track"),
    ("audits-passed", "on_track"),
    ("events-evaluation", "no_data"),
    ("social-dialogue-brief", "pending_resources"),
    ("eese-member-states", "no_data"),
    ("formalization-toolkit", "on_track"),
    ("growth-proposal", "not_started"),
    ("sme-programme-states", "not_started"),
    ("xbtc-portfolio", "not_started"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn expected_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected")
}

/// Runs the binary with `args` from this crate's folder.
fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

/// Runs the binary with `args` from `dir`, with backtraces on so that a
/// panic could not hide.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Runs `args` and expects success; returns standard output.
fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "actionplan {args:?} failed: {}",
        stderr(&o)
    );
    stdout(&o)
}

/// Compares `actual` with `tests/expected/<name>`, or writes it there when
/// `UPDATE_EXPECTED=1`.
fn expect(name: &str, actual: &str) {
    let path = expected_dir().join(name);
    if std::env::var_os("UPDATE_EXPECTED").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(expected_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nRun `UPDATE_EXPECTED=1 cargo test -p actionplan-cli --test e2e` to create it, then review it.",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "output differs from {} (first at line {}):\n  expected: {:?}\n  actual:   {:?}\n\
             If the change is intended, rerun with `UPDATE_EXPECTED=1 cargo test -p actionplan-cli --test e2e` \
             and review `git diff crates/cli/tests/expected/`.",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("<end of file>"),
            actual.lines().nth(first).unwrap_or("<end of file>"),
        );
    }
}

/// Asserts that `o` failed with `code`, said something on standard error,
/// and did not panic.
fn assert_fails(o: &Output, code: i32, what: &str) -> String {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(code),
        "{what}: expected exit {code}; stderr: {err}"
    );
    assert!(!err.trim().is_empty(), "{what}: nothing on stderr");
    assert!(!err.contains("panicked"), "{what}: panicked: {err}");
    assert!(
        !err.contains("stack backtrace"),
        "{what}: printed a backtrace: {err}"
    );
    err
}

fn seed_value() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(SEED)).unwrap()).unwrap()
}

fn write_json(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(v).unwrap() + "\n").unwrap();
    path
}

fn indicator_mut<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v["plan"]["deliverables"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        // A deliverable may have no indicator (the seed's three CPOs).
        .flat_map(|d| {
            d.get_mut("indicators")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
        })
        .find(|i| i["id"] == id)
        .unwrap()
}

fn item_mut<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v["plan"]["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["id"] == id)
        .unwrap()
}

fn progress_mut<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v["reports"][0]["indicators"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["indicator"] == id)
        .unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect()
}

// ---------------------------------------------------------------------------
// Every command and format on the seed, against committed outputs.

#[test]
fn report_formats_match_expected() {
    for (format, name) in [
        ("md", "report.md"),
        ("html", "report.html"),
        ("csv", "report.csv"),
        ("json", "report.json"),
    ] {
        expect(name, &ok(&["report", SEED, "--format", format]));
    }
}

#[test]
fn evaluate_matches_expected() {
    expect("evaluate.txt", &ok(&["evaluate", SEED]));
    expect(
        "evaluate.json",
        &ok(&["evaluate", SEED, "--format", "json"]),
    );
}

#[test]
fn funding_matches_expected() {
    expect("funding.txt", &ok(&["funding", SEED]));
    expect("funding.json", &ok(&["funding", SEED, "--format", "json"]));
}

#[test]
fn validate_matches_expected() {
    expect("validate.txt", &ok(&["validate", SEED]));
    expect(
        "validate.json",
        &ok(&["validate", SEED, "--format", "json"]),
    );
}

#[test]
fn schema_is_the_committed_file() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stdout == actionplan_interchange::schema_string().as_bytes(),
        "`actionplan schema` differs from the published schema"
    );
}

#[test]
fn as_of_defaults_to_the_report_not_the_clock() {
    let default = ok(&["evaluate", SEED, "--format", "json"]);
    assert_eq!(
        default,
        ok(&["evaluate", SEED, "--format", "json", "--as-of", "2016-07"])
    );
    assert_eq!(
        default,
        ok(&[
            "evaluate",
            SEED,
            "--format",
            "json",
            "--as-of",
            "2016-07-31"
        ])
    );
    let later = ok(&[
        "evaluate",
        SEED,
        "--format",
        "json",
        "--as-of",
        "2018-01-01",
    ]);
    assert_ne!(default, later);
}

#[test]
fn report_to_a_file_equals_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["md", "html", "csv", "json"] {
        let out = dir.path().join(format!("report.{format}"));
        let o = run(&[
            "report",
            SEED,
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(o.stdout.is_empty());
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            ok(&["report", SEED, "--format", format])
        );
    }
}

// ---------------------------------------------------------------------------
// diff

/// A later state of the seed: a report as of July 2017 in which the EESE
/// review was completed in November 2016 and 9 member States report
/// improvements; the formalization toolkit's deadline moved to 09/2017.
fn later_file(dir: &Path) -> PathBuf {
    let mut v = seed_value();
    indicator_mut(&mut v, "formalization-toolkit")["deadline"] = "2017-09".into();
    v["reports"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "gb-331-progress",
            "as_of": "2017-07",
            "session": "gb-331",
            "indicators": [
                {"indicator": "eese-review-published",
                 "narrative": {"en": "The review was completed in November 2016."},
                 "observations": [{"kind": "milestone", "completed": "2016-11"}]},
                {"indicator": "eese-member-states",
                 "narrative": {"en": "Nine member States report improvements."},
                 "observations": [{"kind": "count", "value": "9"}]}
            ]
        }));
    write_json(dir, "sme-action-plan-2017.json", &v)
}

#[test]
fn diff_shows_transitions_completions_deadlines_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    let later = later_file(dir.path());
    let later = later.to_str().unwrap();
    let text = ok(&["diff", SEED, later]);
    for line in [
        "Changes from 2016-07-31 to 2017-07-31:",
        "  eese-review-published: completed 2016-11",
        "  eese-review-published: status overdue -> achieved late",
        "  eese-member-states: new figure 9 as of 2017-07",
        "  formalization-toolkit: deadline 2017-03 -> 2017-09",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in:\n{text}"
        );
    }
    expect("diff.txt", &text);

    let json = ok(&["diff", SEED, later, "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let changes = v["changes"].as_array().unwrap();
    let has = |want: Value| changes.contains(&want);
    assert!(has(serde_json::json!({"change": "completed",
        "indicator": "eese-review-published", "on": "2016-11"})));
    assert!(has(serde_json::json!({"change": "status",
        "indicator": "eese-review-published", "from": "overdue", "to": "achieved_late"})));
    assert!(has(serde_json::json!({"change": "new_figure",
        "indicator": "eese-member-states", "value": "9", "as_of": "2017-07"})));
    assert!(has(serde_json::json!({"change": "deadline_moved",
        "indicator": "formalization-toolkit", "from": "2017-03", "to": "2017-09"})));
    expect("diff.json", &json);
}

#[test]
fn diff_of_a_file_with_itself_is_empty() {
    let text = ok(&["diff", SEED, SEED]);
    assert_eq!(
        text,
        "Changes from 2016-07-31 to 2016-07-31:\n  no changes\n"
    );
}

// ---------------------------------------------------------------------------
// The HTML and CSV, parsed.

#[test]
fn html_is_one_self_contained_table_with_a_row_per_indicator() {
    let html = ok(&["report", SEED, "--format", "html"]);
    let doc = Html::parse_document(&html);

    let tables: Vec<_> = doc.select(&sel("table#results")).collect();
    assert_eq!(tables.len(), 1, "one results table");
    let rows: Vec<ElementRef<'_>> = tables[0].select(&sel("tr[data-indicator]")).collect();
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r.value().attr("data-indicator").unwrap())
        .collect();
    let expected_ids: Vec<&str> = SEED_STATUSES.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, expected_ids);

    for (row, (id, status)) in rows.iter().zip(SEED_STATUSES) {
        let cell = row.select(&sel("td[data-status]")).next().unwrap();
        assert_eq!(cell.value().attr("data-status"), Some(status), "{id}");
        // The status is written in words, not shown by colour alone.
        let words = status.replace('_', " ");
        assert_eq!(text(cell).trim(), words, "{id}");
    }
    // The deliverable without an indicator still has its row.
    let body_rows = sel("tbody tr:not(.biennium):not(.category)");
    assert_eq!(tables[0].select(&body_rows).count(), 12);

    assert_eq!(doc.select(&sel("script")).count(), 0, "no script");
    assert_eq!(doc.select(&sel("link")).count(), 0, "no <link>");
    for e in doc.select(&sel("[src], [href]")) {
        for attr in ["src", "href"] {
            if let Some(url) = e.value().attr(attr) {
                assert!(
                    !url.starts_with("http:")
                        && !url.starts_with("https:")
                        && !url.starts_with("//"),
                    "external resource {attr}={url}"
                );
            }
        }
    }
    assert!(doc.select(&sel("svg")).count() >= 1, "an inline SVG chart");
    let css: String = doc.select(&sel("style")).map(text).collect();
    assert!(css.contains("@page"), "print CSS");
    assert!(css.contains("A4"), "A4 page size");

    // The summary counts add up to the 11 indicators.
    let total: usize = doc
        .select(&sel("table#summary td.num"))
        .map(|c| text(c).trim().parse::<usize>().unwrap())
        .sum();
    assert_eq!(total, 11);
    // The XBTC portfolio against its target.
    let portfolio = text(
        doc.select(&sel("table#portfolios tbody tr"))
            .next()
            .unwrap(),
    );
    assert!(portfolio.contains("SME XBTC portfolio"));
    assert!(portfolio.contains("USD 100,000,000"));
    assert!(portfolio.contains("USD 16,000,000"));
}

#[test]
fn csv_has_a_record_per_indicator_and_per_deliverable_without_one() {
    let out = ok(&["report", SEED, "--format", "csv"]);
    assert!(out.ends_with("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, actionplan_report::CSV_COLUMNS);
    let id_col = header.iter().position(|h| h == "indicator_id").unwrap();
    let status_col = header.iter().position(|h| h == "status").unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 11 indicators, and the deliverable without one (the three CPOs
    // "provided that extra-budgetary resources can be mobilized").
    assert_eq!(records.len(), 12);
    let deliverables: std::collections::BTreeSet<&str> = records
        .iter()
        .map(|r| &r[header.iter().position(|h| h == "deliverable_id").unwrap()])
        .collect();
    assert_eq!(deliverables.len(), 12);
    let records: Vec<&csv::StringRecord> =
        records.iter().filter(|r| !r[id_col].is_empty()).collect();
    assert_eq!(records.len(), 11);
    for (r, (id, status)) in records.iter().zip(SEED_STATUSES) {
        assert_eq!(r.len(), header.len());
        assert_eq!(&r[id_col], id);
        assert_eq!(&r[status_col], status, "{id}");
    }
    // The 20(b)/9(a) items that share a deliverable share a record.
    assert_eq!(
        &records[0][header.iter().position(|h| h == "paragraphs").unwrap()],
        "20(b); 9(a)"
    );
}

// ---------------------------------------------------------------------------
// Text from the file is data, never markup or code.

#[test]
fn file_text_cannot_inject_markup_or_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = seed_value();
    let narrative = "<script>alert(1)</script> | =cmd";
    progress_mut(&mut v, "eese-review-published")["narrative"] =
        serde_json::json!({ "en": narrative });
    let formula = "=HYPERLINK(\"http://example.invalid\",\"click\")";
    item_mut(&mut v, "procurement-research")["text"] = serde_json::json!({ "en": formula });
    indicator_mut(&mut v, "growth-proposal")["text"] = serde_json::json!({ "en": "@SUM(1,2)" });
    indicator_mut(&mut v, "audits-passed")["text"] = serde_json::json!({ "en": "+1-2" });
    indicator_mut(&mut v, "impact-briefs")["text"] = serde_json::json!({ "en": "-3+4" });
    let file = write_json(dir.path(), "injected.json", &v);
    let file = file.to_str().unwrap();

    let html = ok(&["report", file, "--format", "html"]);
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("script")).count(), 0);
    let row = doc
        .select(&sel("tr[data-indicator=\"eese-review-published\"]"))
        .next()
        .unwrap();
    assert!(text(row).contains(narrative), "the narrative reads as text");
    let row = doc
        .select(&sel("tr[data-indicator=\"procurement-report-published\"]"))
        .next()
        .unwrap();
    assert!(text(row).contains(formula));
    assert_eq!(row.select(&sel("a")).count(), 0);

    let md = ok(&["report", file, "--format", "md"]);
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| =cmd"));
    assert!(!md.contains("<script>"));
    assert!(!md.contains("alert(1)</script> |"));

    let out = ok(&["report", file, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 12);
    let by_id = |id: &str| {
        records
            .iter()
            .find(|r| &r[col("indicator_id")] == id)
            .unwrap()
    };
    assert_eq!(&by_id("eese-review-published")[col("progress")], narrative);
    assert_eq!(
        &by_id("procurement-report-published")[col("follow_up_items")],
        format!("'{formula}")
    );
    assert_eq!(&by_id("growth-proposal")[col("indicator")], "'@SUM(1,2)");
    assert_eq!(&by_id("audits-passed")[col("indicator")], "'+1-2");
    assert_eq!(&by_id("impact-briefs")[col("indicator")], "'-3+4");
    // No cell of any record starts a formula.
    for r in &records {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell {cell:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Bad input: exit 1 or 2, a message on stderr, never a panic.

#[test]
fn missing_file_is_an_io_error() {
    for args in [
        vec!["report", "no-such-file.json", "--format", "md"],
        vec!["evaluate", "no-such-file.json"],
        vec!["funding", "no-such-file.json"],
        vec!["validate", "no-such-file.json"],
        vec!["fmt", "no-such-file.json"],
        vec!["diff", SEED, "no-such-file.json"],
    ] {
        let err = assert_fails(&run(&args), 2, &format!("{args:?}"));
        assert!(err.contains("no-such-file.json"), "{err}");
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["frobnicate"],
        vec!["report", SEED, "--format", "md", "--bogus"],
        vec!["report", SEED, "--format", "xml"],
        vec!["report", SEED],
        vec!["evaluate"],
        vec!["validate"],
        vec![],
    ] {
        assert_fails(&run(&args), 2, &format!("{args:?}"));
    }
}

#[test]
fn bad_as_of_exits_2() {
    for date in ["2016-13-01", "2016-02-30", "yesterday", "2016-7", "0000-01"] {
        for cmd in [
            vec!["evaluate", SEED, "--as-of", date],
            vec!["funding", SEED, "--as-of", date],
            vec!["report", SEED, "--format", "html", "--as-of", date],
        ] {
            let err = assert_fails(&run(&cmd), 2, &format!("{cmd:?}"));
            assert!(err.contains("--as-of"), "{err}");
        }
    }
}

#[test]
fn invalid_files_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("not-json.json"), "this is not JSON\n").unwrap();
    std::fs::write(d.join("empty.json"), "").unwrap();
    std::fs::write(d.join("latin1.json"), b"{\"plan\": \"caf\xe9\"}\n").unwrap();
    let mut v = seed_value();
    item_mut(&mut v, "eese-review")["bogus_field"] = 1.into();
    item_mut(&mut v, "procurement-research")["biennium"] = 2016.into();
    write_json(d, "schema-errors.json", &v);
    let mut v = seed_value();
    item_mut(&mut v, "eese-review")["deliverables"][0] = "no-such-deliverable".into();
    write_json(d, "dangling.json", &v);

    for name in [
        "not-json.json",
        "empty.json",
        "latin1.json",
        "schema-errors.json",
        "dangling.json",
    ] {
        for args in [
            vec!["validate", name],
            vec!["validate", "--format", "json", name],
            vec!["evaluate", name],
            vec!["funding", name],
            vec!["report", name, "--format", "html"],
            vec!["diff", name, name],
        ] {
            let o = run_in(d, &args);
            let err = assert_fails(&o, 1, &format!("{args:?}"));
            assert!(err.contains(name), "{args:?}: {err}");
        }
        // fmt needs a readable document (a dangling reference does not stop it).
        if name != "dangling.json" {
            let o = run_in(d, &["fmt", "--check", name]);
            let err = assert_fails(&o, 1, &format!("fmt --check {name}"));
            assert!(err.contains(name), "{err}");
        }
    }

    let o = run_in(d, &["validate", "--format", "json", "dangling.json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["valid"], false);
    assert!(
        v[0]["issues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["code"] == "AP002" && i["pointer"] == "/plan/items/0/deliverables/0")
    );
}

#[test]
fn a_directory_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder.json")).unwrap();
    for args in [
        vec!["validate", "folder.json"],
        vec!["evaluate", "folder.json"],
        vec!["report", "folder.json", "--format", "md"],
        vec!["fmt", "folder.json"],
    ] {
        let err = assert_fails(&run_in(dir.path(), &args), 2, &format!("{args:?}"));
        assert!(err.contains("folder.json"), "{err}");
    }
}

#[test]
fn report_into_a_missing_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-folder/report.md");
    let o = run(&[
        "report",
        SEED,
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = assert_fails(&o, 2, "report -o into a missing folder");
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(!out.exists());
}

#[test]
fn validate_shows_where_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = seed_value();
    item_mut(&mut v, "eese-review")["bogus_field"] = 1.into();
    let path = write_json(dir.path(), "bad.json", &v);
    let source = std::fs::read_to_string(&path).unwrap();
    let (line, text) = source
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"bogus_field\""))
        .unwrap();
    let column = text.find('"').unwrap() + 1;

    let o = run_in(dir.path(), &["validate", "bad.json"]);
    let err = assert_fails(&o, 1, "validate bad.json");
    assert!(err.contains("invalid"), "{err}");
    let out = stdout(&o);
    assert!(
        out.contains(&format!("bad.json:{}:{column}", line + 1)),
        "file:line:column in:\n{out}"
    );
    assert!(
        out.contains("/plan/items/0/bogus_field"),
        "pointer in:\n{out}"
    );
    assert!(out.contains("additionalProperties"), "rule id in:\n{out}");
    assert!(out.contains(text.trim()), "offending line in:\n{out}");
    let marker = out.lines().find(|l| l.contains('^')).expect("a ^ marker");
    assert!(
        marker.contains(&"^".repeat("\"bogus_field\"".len())),
        "{marker}"
    );

    // A syntax error has no rule id: no empty brackets.
    std::fs::write(dir.path().join("broken.json"), "{\n  \"format\": \n").unwrap();
    let o = run_in(dir.path(), &["validate", "broken.json"]);
    assert_fails(&o, 1, "validate broken.json");
    let out = stdout(&o);
    assert!(out.contains("broken.json:"), "{out}");
    assert!(!out.contains("[]"), "{out}");
}

// ---------------------------------------------------------------------------
// fmt

#[test]
fn the_seed_is_canonical() {
    let o = run(&["fmt", "--check", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn fmt_rewrites_a_non_canonical_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    // Compact, keys in file order: valid but not canonical.
    std::fs::write(&path, serde_json::to_string(&seed_value()).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();

    let err = assert_fails(
        &run_in(dir.path(), &["fmt", "--check", "plan.json"]),
        1,
        "fmt --check",
    );
    assert!(err.contains("canonical"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "--check never writes"
    );

    let o = run_in(dir.path(), &["fmt", "plan.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_in(dir.path(), &["fmt", "--check", "plan.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The seed is canonical, so the rewrite is the seed byte for byte.
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(root().join(SEED)).unwrap()
    );
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["plan.json"]);
}

// ---------------------------------------------------------------------------
// Every message the command prints for a mistake, through one snapshot, so
// that a change of wording is reviewed (`tests/expected/messages.txt`).

/// The seed with `edit` applied, written as `name` in `dir`.
fn seed_with(dir: &Path, name: &str, edit: impl FnOnce(&mut Value)) {
    let mut v = seed_value();
    edit(&mut v);
    write_json(dir, name, &v);
}

#[test]
fn messages_match_expected() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The seed as a spreadsheet or JavaScript tool exports it: a byte order
    // mark, CRLF line ends and six bad values.
    let mut v = seed_value();
    indicator_mut(&mut v, "eese-member-states")["measure"]["baseline"] = 8.into();
    indicator_mut(&mut v, "events-evaluation")["measure"]["target"] = 70.into();
    let money = &mut indicator_mut(&mut v, "xbtc-portfolio")["measure"]["baseline"];
    money["amount"]["amount"] = 84_000_000.into();
    money["as_of"] = "2015-02-30".into();
    progress_mut(&mut v, "impact-briefs")["forecast"]["value"] = 6.into();
    // A number past any integer type, as written (not as an f64 would).
    let text = serde_json::to_string_pretty(&v)
        .unwrap()
        .replacen(
            "\"number\": 104",
            "\"number\": 123456789012345678901234567890",
            1,
        )
        .replace('\n', "\r\n");
    std::fs::write(d.join("excel.json"), format!("\u{feff}{text}\r\n")).unwrap();
    seed_with(d, "dates.json", |v| {
        indicator_mut(v, "impact-briefs")["deadline"] = "12/2016".into();
        for s in v["plan"]["sessions"].as_array_mut().unwrap() {
            if s["id"] == "gb-328" {
                s["closes"] = "2016-11-1".into();
            }
        }
        indicator_mut(v, "xbtc-portfolio")["measure"]["target"]["currency"] = "usd".into();
        v["plan"]["extra"] = true.into();
        v["plan"]["biennia"][0] = "2016-18".into();
    });
    seed_with(d, "rules.json", |v| {
        v["plan"]["items"][1]["id"] = v["plan"]["items"][0]["id"].clone();
        v["plan"]["items"][0]["category"] = "nowhere".into();
        let first = v["reports"][0]["indicators"][0].clone();
        v["reports"][0]["indicators"]
            .as_array_mut()
            .unwrap()
            .push(first);
    });
    std::fs::write(
        d.join("truncated.json"),
        "{\"format\": \"actionplan\", \"plan\": {",
    )
    .unwrap();
    std::fs::write(d.join("a-file"), "").unwrap();
    std::fs::copy(root().join(SEED), d.join("plan.json")).unwrap();

    let cases: &[&[&str]] = &[
        &["validate", "excel.json"],
        &["validate", "dates.json"],
        &["validate", "rules.json"],
        &["validate", "truncated.json"],
        &["evaluate", "rules.json"],
        &[
            "report",
            "plan.json",
            "--format",
            "md",
            "-o",
            "a-file/report.md",
        ],
        &[
            "report",
            "plan.json",
            "--format",
            "md",
            "-o",
            "missing/report.md",
        ],
        &["report", "plan.json", "--format", "md", "-o", "plan.json"],
        &["evaluate", "plan.json", "--as-of", "0001-01-01"],
        &["evaluate", "plan.json", "--as-of", "2016-02-30"],
        &["evaluate", "no-such-file.json"],
        &["explain", "AP005"],
        &["explain", "schema/type"],
        &["explain", "AP999"],
        &["explain"],
        &["help", "--help"],
        &["help", "nope"],
    ];
    let mut all = String::new();
    for args in cases {
        let o = run_in(d, args);
        writeln!(
            all,
            "$ actionplan {}\n[exit {}]",
            args.join(" "),
            o.status.code().unwrap_or(-1)
        )
        .unwrap();
        for (name, text) in [("stdout", stdout(&o)), ("stderr", stderr(&o))] {
            if !text.is_empty() {
                writeln!(all, "--- {name}\n{}", text.trim_end()).unwrap();
            }
        }
        all.push('\n');
    }
    expect("messages.txt", &all);
}

// ---------------------------------------------------------------------------
// Reports that lose nothing and contradict nothing.

/// Every deliverable and indicator of the seed appears in every format: by
/// id in CSV, JSON and HTML (`data-deliverable`, `data-indicator`), by its
/// text in Markdown, which prints no ids.
#[test]
fn every_deliverable_and_indicator_appears_in_every_format() {
    let v = seed_value();
    let mut ids = Vec::new();
    let mut texts = Vec::new();
    for d in v["plan"]["deliverables"].as_array().unwrap() {
        ids.push(("deliverable", d["id"].as_str().unwrap().to_owned()));
        texts.push(d["text"]["en"].as_str().unwrap().to_owned());
        for i in d
            .get("indicators")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            ids.push(("indicator", i["id"].as_str().unwrap().to_owned()));
            texts.push(i["text"]["en"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(ids.len(), 12 + 11);
    let csv = ok(&["report", SEED, "--format", "csv"]);
    let json = ok(&["report", SEED, "--format", "json"]);
    let html = ok(&["report", SEED, "--format", "html"]);
    let md = ok(&["report", SEED, "--format", "md"]);
    let doc = Html::parse_document(&html);
    for (kind, id) in &ids {
        assert!(csv.contains(&format!(",{id},")), "CSV lacks {kind} {id}");
        assert!(
            json.contains(&format!("\"{id}\"")),
            "JSON lacks {kind} {id}"
        );
        let found = doc.select(&sel(&format!("[data-{kind}=\"{id}\"]"))).count();
        assert!(found >= 1, "HTML lacks {kind} {id}");
    }
    for t in &texts {
        // Markdown escapes some characters; the first words are plain.
        let start: String = t.chars().take(30).collect();
        assert!(md.contains(&start), "Markdown lacks {start:?}");
    }
}

/// As of 2018-01-31 the XBTC portfolio stands "not started" (the July 2016
/// report asserts it) in the indicator table, and the Resources table
/// shows the same status, saying what the amounts alone give and where the
/// status comes from; two years after the report, the status is marked
/// stale.
#[test]
fn one_status_per_thing_with_its_source_and_age() {
    let html = ok(&["report", SEED, "--format", "html", "--as-of", "2018-01-31"]);
    let doc = Html::parse_document(&html);
    let row = doc
        .select(&sel(
            "tr[data-indicator=\"xbtc-portfolio\"] td[data-status]",
        ))
        .next()
        .unwrap();
    assert_eq!(row.value().attr("data-status"), Some("not_started"));
    let cell = text(row);
    assert!(
        cell.contains("as the report gb-328-ins-8 asserts as of July 2016"),
        "{cell}"
    );
    assert!(!cell.contains("stale"), "{cell}");
    let portfolio = text(
        doc.select(&sel("table#portfolios tbody tr"))
            .next()
            .unwrap(),
    );
    assert!(portfolio.contains("not started"), "{portfolio}");
    assert!(
        portfolio.contains("no data from the amounts alone"),
        "{portfolio}"
    );

    let md = ok(&["report", SEED, "--format", "md", "--as-of", "2018-08-01"]);
    let line = md
        .lines()
        .find(|l| l.contains("XBTC portfolio to"))
        .unwrap();
    assert!(
        line.contains("(stale: two years or more before 1 August 2018"),
        "{line}"
    );
    let csv = ok(&["report", SEED, "--format", "csv", "--as-of", "2018-08-01"]);
    assert!(csv.contains("stale: two years or more"), "{csv}");
}

/// A heading is printed only over something.
#[test]
fn no_empty_resources_heading() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = seed_value();
    // No resources, and no deliverable on a condition: nothing to say.
    v["plan"].as_object_mut().unwrap().remove("resources");
    for d in v["plan"]["deliverables"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("conditions");
    }
    write_json(dir.path(), "plan.json", &v);
    for (format, heading) in [("md", "## Resources"), ("html", "<h2>Resources")] {
        let o = run_in(dir.path(), &["report", "plan.json", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(!out.contains(heading), "{format}: {out}");
    }
    assert!(ok(&["report", SEED, "--format", "md"]).contains("## Resources"));
}

#[test]
fn funding_in_a_currency_without_amounts_says_so_and_keeps_the_rest() {
    let plain = ok(&["funding", SEED]);
    let usd = ok(&["funding", SEED, "--currency", "USD"]);
    assert!(
        usd.contains("\nTotals in USD: no resource line states an amount (4 lines).\n"),
        "{usd}"
    );
    // Nothing else changes.
    assert_eq!(
        usd.replace(
            "\nTotals in USD: no resource line states an amount (4 lines).\n",
            ""
        ),
        plain
    );
    let json: Value = serde_json::from_str(&ok(&[
        "funding",
        SEED,
        "--currency",
        "USD",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["totals"]["currency"], "USD");
    assert_eq!(json["totals"]["all"]["in_currency"]["result"], "converted");
    assert_eq!(
        json["totals"]["all"]["in_currency"]["rates"],
        Value::Array(vec![])
    );
    // A currency code is three capital letters.
    let o = run(&["funding", SEED, "--currency", "usd"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// The format 1.1 example (`tests/data/supply-chains-programme-2017-2021.json`).
const PROGRAMME: &str = "tests/data/supply-chains-programme-2017-2021.json";

#[test]
fn funding_of_the_1_1_example_in_usd_matches_expected() {
    let text = ok(&["funding", PROGRAMME, "--currency", "USD"]);
    expect("funding-programme-usd.txt", &text);
    let json = ok(&[
        "funding",
        PROGRAMME,
        "--currency",
        "USD",
        "--format",
        "json",
    ]);
    expect("funding-programme-usd.json", &json);
    // As of the first report: CHF 2,000,000 at 1.0120 plus USD 1,000,000,
    // and the rate named.
    let first = ok(&[
        "funding",
        PROGRAMME,
        "--currency",
        "USD",
        "--as-of",
        "2018-12-31",
    ]);
    let all = first.lines().find(|l| l.starts_with("all ")).unwrap();
    assert!(all.contains("USD 3,024,000.00"), "{first}");
    assert!(
        first.contains(
            "converted at 1.0120 USD per CHF of 2018-01-02 (United Nations operational rate of exchange)"
        ),
        "{first}"
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    let usd = &v["totals"]["all"]["in_currency"];
    assert_eq!(usd["result"], "converted");
    assert_eq!(usd["approved"]["amount"], "3624000.00");
    assert_eq!(usd["delivery_percent"], "56.71");
    assert_eq!(usd["rates"][0]["rate"], "1.0120");
}

// ---------------------------------------------------------------------------
// The report and the diff of the format 1.1 example.

#[test]
fn report_formats_of_the_1_1_example_match_expected() {
    for (format, name) in [
        ("md", "report-programme.md"),
        ("html", "report-programme.html"),
        ("csv", "report-programme.csv"),
        ("json", "report-programme.json"),
    ] {
        let out = ok(&["report", PROGRAMME, "--format", format]);
        // Nothing of the plan is left out: every item, deliverable and
        // indicator appears in every format.
        let v: Value = serde_json::from_str(&std::fs::read_to_string(PROGRAMME).unwrap()).unwrap();
        let plan = &v["plan"];
        let mut ids: Vec<&str> = plan["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        for d in plan["deliverables"].as_array().unwrap() {
            ids.push(d["id"].as_str().unwrap());
            for i in d["indicators"].as_array().unwrap() {
                ids.push(i["id"].as_str().unwrap());
            }
        }
        for id in ids {
            assert!(out.contains(id), "{format}: {id} missing");
        }
        expect(name, &out);
    }
    // As of the first report, its evidence: links for https addresses only.
    let html = ok(&[
        "report",
        PROGRAMME,
        "--format",
        "html",
        "--as-of",
        "2018-12-31",
    ]);
    assert!(
        html.contains(r#"<a href="https://www.ilo.org/evaluation" rel="noopener noreferrer">Evaluation of the training programme</a>"#),
        "{html}"
    );
    assert!(
        html.contains("Training records of the ILO International Training Centre (December 2018)")
    );
    let md = ok(&[
        "report",
        PROGRAMME,
        "--format",
        "md",
        "--as-of",
        "2020-01-31",
    ]);
    assert!(
        md.contains("Meeting is held (06/2020, revised from 12/2019 (GB.337))"),
        "{md}"
    );
}

#[test]
fn report_on_one_unit_of_the_1_1_example_matches_expected() {
    let md = ok(&[
        "report",
        PROGRAMME,
        "--format",
        "md",
        "--unit",
        "enterprises",
    ]);
    assert!(md.contains("The work of Enterprises Department (ENTERPRISES) (enterprises) only"));
    assert!(!md.contains("constituents-trained"), "{md}");
    expect("report-programme-enterprises.md", &md);
    let o = run(&["report", PROGRAMME, "--format", "md", "--unit", "nobody"]);
    let err = assert_fails(&o, 2, "an undeclared unit");
    assert!(
        err.contains("--unit nobody: no such unit; the plan declares: policy, enterprises"),
        "{err}"
    );
}

#[test]
fn diff_lists_the_revisions_made_between_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(PROGRAMME).unwrap()).unwrap();
    v["plan"].as_object_mut().unwrap().remove("revisions");
    let before = write_json(dir.path(), "before-revisions.json", &v);
    let text = ok(&["diff", before.to_str().unwrap(), PROGRAMME]);
    for line in [
        "  experts-meeting-held: revision experts-meeting-moved made: deadline 2019-12 -> 2020-06, effective 2019-10-15 (GB.337/INS/5)",
        "  suppliers-with-violations: revision violations-target-eased made: target -> 25, effective 2019-11 (GB.337/INS/5)",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in:\n{text}"
        );
    }
    let json = ok(&[
        "diff",
        before.to_str().unwrap(),
        PROGRAMME,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let revised: Vec<&Value> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["change"] == "revised")
        .collect();
    assert_eq!(revised.len(), 2, "{json}");
    assert_eq!(
        revised[0]["deadline"],
        serde_json::json!(["2019-12", "2020-06"])
    );
    expect("diff-programme-revisions.txt", &text);
}
