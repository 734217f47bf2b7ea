//! Text stays text in every output: the seed example with terminal escape
//! sequences, NUL, DEL and C1 controls injected into **every** text of the
//! file, rendered in every format. No control character a format cannot
//! carry as layout may reach the output, and every text the report prints
//! must still be there (neutralized, not dropped).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_indicators::Policy;
use actionplan_report::{Format, Options, assess, build, default_as_of, render};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// OSC window title ended by BEL, a CSI colour, NUL, CSI as a C1, DEL, NEL.
fn hostile(tag: usize, original: &str) -> String {
    format!("\u{1b}]0;pwned\u{7}<T{tag}>\u{1b}[31m{original}\u{0}\u{9b}2J\u{7f}\u{85}\u{1b}P")
}

/// Whether a JSON object is a text: only `en`, `fr`, `es` keys, with strings.
fn is_text(map: &serde_json::Map<String, Value>) -> bool {
    !map.is_empty()
        && map
            .iter()
            .all(|(k, v)| matches!(k.as_str(), "en" | "fr" | "es") && v.is_string())
}

/// Rewrites every string of every text object, numbering each one.
fn inject(value: &mut Value, next: &mut usize) {
    match value {
        Value::Object(map) if is_text(map) => {
            for v in map.values_mut() {
                let original = v.as_str().unwrap().to_owned();
                *v = Value::String(hostile(*next, &original));
                *next += 1;
            }
        }
        Value::Object(map) => map.values_mut().for_each(|v| inject(v, next)),
        Value::Array(list) => list.iter_mut().for_each(|v| inject(v, next)),
        _ => {}
    }
}

fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// The tags `<Tn>` found in `s` (escaped as `&lt;Tn&gt;` in HTML and Markdown).
fn tags(s: &str) -> BTreeSet<usize> {
    let s = s.replace("&lt;", "<").replace("&gt;", ">");
    s.split("<T")
        .skip(1)
        .filter_map(|rest| rest.split_once('>')?.0.parse().ok())
        .collect()
}

/// Whitespace HTML and CSV carry as layout.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
}

/// The text of an HTML output, parsed, after checking that every text node
/// and attribute is free of controls other than the whitespace HTML allows.
fn html_text(out: &str) -> String {
    let raw: Vec<char> = out
        .chars()
        .filter(|&c| is_control(c) && !allowed(c))
        .collect();
    assert!(raw.is_empty(), "raw controls in HTML: {raw:?}");
    let doc = scraper::Html::parse_document(out);
    let mut text = String::new();
    for node in doc.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            assert!(!t.chars().any(|c| is_control(c) && !allowed(c)), "{t:?}");
            text.push_str(t);
        }
        if let Some(e) = node.value().as_element() {
            for (_, v) in e.attrs() {
                assert!(!v.chars().any(is_control), "{v:?}");
            }
        }
    }
    text
}

#[test]
fn no_control_character_reaches_any_output() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sme-action-plan-2016.json");
    let mut json: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut injected = 0;
    inject(&mut json, &mut injected);
    assert!(injected > 50, "only {injected} texts in the seed");
    let env = actionplan_interchange::read_str(&json.to_string()).unwrap();
    let as_of = default_as_of(&env.reports).unwrap();
    let a = assess(&env.plan, &env.reports, as_of, &Policy::default()).unwrap();
    let view = build(
        &env.plan,
        &env.reports,
        &a.evaluation,
        &a.funding,
        &Options::default(),
    );

    // JSON: valid, with no raw control at all (layout newlines aside), and
    // every text exactly as in the file.
    let out = render(&view, Format::Json);
    let raw: Vec<char> = out
        .chars()
        .filter(|&c| is_control(c) && c != '\n')
        .collect();
    assert!(raw.is_empty(), "raw controls in JSON: {raw:?}");
    let parsed: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(parsed, serde_json::to_value(&view).unwrap());
    let title = parsed["plan_title"].as_str().unwrap();
    assert_eq!(title, env.plan.title.best(actionplan_model::Language::En));
    assert!(title.contains('\u{9b}') && title.contains('\u{1b}'));
    // What the report prints: every text of the view.
    let printed = tags(&out);
    assert!(printed.len() > 25, "{printed:?}");

    // Markdown: tab allowed, line feeds only as layout (the texts' own line
    // breaks become spaces).
    let out = render(&view, Format::Markdown);
    let raw: Vec<char> = out
        .chars()
        .filter(|&c| is_control(c) && c != '\n' && c != '\t')
        .collect();
    assert!(raw.is_empty(), "raw controls in Markdown: {raw:?}");
    assert!(out.contains("\u{FFFD}"));
    assert_eq!(tags(&out), printed, "Markdown drops a text");

    let text = html_text(&render(&view, Format::Html));
    assert!(text.contains("\u{FFFD}"));
    assert_eq!(tags(&text), printed, "HTML drops a text");

    // CSV: parsed as RFC 4180; fields may hold tab, CR and LF (quoted).
    let out = render(&view, Format::Csv);
    let raw: Vec<char> = out
        .chars()
        .filter(|&c| is_control(c) && !allowed(c))
        .collect();
    assert!(raw.is_empty(), "raw controls in CSV: {raw:?}");
    let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
    let mut fields = String::new();
    let mut records = 0;
    for record in reader.records() {
        let record = record.unwrap();
        records += 1;
        for f in &record {
            assert!(!f.chars().any(|c| is_control(c) && !allowed(c)), "{f:?}");
            fields.push_str(f);
            fields.push('\n');
        }
    }
    // A record per indicator and one per deliverable without an indicator.
    assert_eq!(records, 12);
    // The CSV holds the table: every text of the rows is there.
    let row_texts: BTreeSet<usize> = view
        .rows()
        .filter(|r| r.indicator.is_some())
        .flat_map(|r| {
            let mut s = String::new();
            for i in r.items.iter() {
                s.push_str(i.text);
            }
            s.push_str(r.deliverable.text);
            r.deliverable.conditions.iter().for_each(|c| s.push_str(c));
            if let Some(i) = &r.indicator {
                s.push_str(i.text);
            }
            if let Some(p) = &r.progress {
                s.push_str(p.text);
            }
            tags(&s)
        })
        .collect();
    assert!(!row_texts.is_empty());
    assert_eq!(
        tags(&fields).intersection(&row_texts).count(),
        row_texts.len()
    );
    assert!(fields.contains("\u{FFFD}"));
}
