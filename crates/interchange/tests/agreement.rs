//! The schema and the reader agree: a document passes layers 1–2 exactly
//! when `read_str` reads it, for 1.0 documents (against the frozen 1.0
//! schema) and 1.1 documents that use every kind of member 1.1 adds
//! (against the 1.1 schema). Checked over generated valid documents and
//! over mutations of them (a member removed, a wrong type, an unknown
//! member, a date that does not exist, month 13, a JSON number where a
//! decimal string belongs, a decimal with an exponent, an empty id, null,
//! an integer written with a fraction, an object written as an array, a
//! tagged union written as an array, a string written as a one-member
//! object, a key given twice).
//!
//! The reader's fast path (a typed read that stands for the schema pass)
//! must never accept what the schema refuses: checked on every mutation.

#![cfg(feature = "schema-validation")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_interchange::{Code, Layer, read_str, to_canonical_string, validate_str};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Generated valid documents (as JSON, in the wire shape).

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9._-]{0,12}"
}

fn text() -> impl Strategy<Value = Value> {
    let version = || proptest::option::of("\\PC{1,16}");
    (version(), version(), version()).prop_map(|(en, fr, es)| {
        let mut m = serde_json::Map::new();
        for (k, v) in [("en", en), ("fr", fr), ("es", es)] {
            if let Some(v) = v {
                m.insert(k.into(), Value::String(v));
            }
        }
        if m.is_empty() {
            m.insert("en".into(), Value::String("text".into()));
        }
        Value::Object(m)
    })
}

fn decimal() -> impl Strategy<Value = String> {
    (-1_000_000_000i64..1_000_000_000, 0u32..=4)
        .prop_map(|(m, s)| rust_decimal::Decimal::new(m, s).to_string())
}

fn date() -> impl Strategy<Value = String> {
    (1000i32..=9999, 1u16..=366).prop_map(|(y, d)| {
        let date = time::Date::from_ordinal_date(y, d)
            .or_else(|_| time::Date::from_ordinal_date(y, 365))
            .unwrap();
        format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        )
    })
}

fn month() -> impl Strategy<Value = String> {
    (1000i32..=9999, 1u8..=12).prop_map(|(y, m)| format!("{y:04}-{m:02}"))
}

fn date_or_month() -> impl Strategy<Value = String> {
    prop_oneof![date(), month()]
}

fn biennium() -> impl Strategy<Value = String> {
    (1000i32..=9998).prop_map(|y| format!("{y}-{:02}", (y + 1) % 100))
}

fn paragraph() -> impl Strategy<Value = String> {
    (1u32..999_999_999, 0u8..3, 0u8..25, 1u8..26).prop_map(|(n, shape, a, b)| {
        let l = |x: u8| char::from(b'a' + x);
        match shape {
            0 => n.to_string(),
            1 => format!("{n}({})", l(a)),
            _ => {
                let b = b.max(a + 1);
                format!("{n}({})–({})", l(a), l(b))
            }
        }
    })
}

fn money() -> impl Strategy<Value = Value> {
    (decimal(), "[A-Z]{3}").prop_map(|(a, c)| json!({"amount": a, "currency": c}))
}

fn extensions() -> impl Strategy<Value = Option<Value>> {
    proptest::option::of((any::<i64>(), "\\PC{0,8}", any::<bool>()).prop_map(
        |(n, s, b)| json!({"org.example.tool": {"n": n, "s": s, "b": b, "x": [1.5, null]}}),
    ))
}

fn put(v: &mut Value, key: &str, x: Option<Value>) {
    if let (Value::Object(m), Some(x)) = (v, x) {
        m.insert(key.into(), x);
    }
}

fn measure() -> impl Strategy<Value = Value> {
    let direction = prop_oneof![Just("increase"), Just("decrease")];
    prop_oneof![
        prop_oneof![
            Just("produced"),
            Just("published"),
            Just("made_available"),
            Just("submitted"),
            Just("held")
        ]
        .prop_map(|e| json!({"kind": "milestone", "event": e})),
        (
            proptest::option::of(text()),
            proptest::option::of(decimal()),
            decimal(),
            prop_oneof![Just("absolute"), Just("additional")],
            direction.clone()
        )
            .prop_map(|(unit, b, t, mode, d)| {
                let mut m =
                    json!({"kind": "count", "target": t, "target_mode": mode, "direction": d});
                put(&mut m, "unit", unit);
                put(&mut m, "baseline", b.map(Value::String));
                m
            }),
        (
            proptest::option::of(text()),
            proptest::option::of(decimal()),
            decimal(),
            direction.clone()
        )
            .prop_map(|(of, b, t, d)| {
                let mut m = json!({"kind": "percentage", "target": t, "direction": d});
                put(&mut m, "of", of);
                put(&mut m, "baseline", b.map(Value::String));
                m
            }),
        (
            proptest::option::of((money(), date_or_month())),
            money(),
            direction
        )
            .prop_map(|(b, t, d)| {
                let mut m = json!({"kind": "money", "target": t, "direction": d});
                put(
                    &mut m,
                    "baseline",
                    b.map(|(a, at)| json!({"amount": a, "as_of": at})),
                );
                m
            }),
        proptest::option::of(text()).prop_map(|c| {
            let mut m = json!({"kind": "qualitative"});
            put(&mut m, "criterion", c);
            m
        }),
    ]
}

fn indicator() -> impl Strategy<Value = Value> {
    (
        id(),
        proptest::option::of("[a-z]"),
        text(),
        proptest::option::of(month()),
        measure(),
        extensions(),
    )
        .prop_map(|(id, letter, text, deadline, measure, ext)| {
            let mut v = json!({"id": id, "text": text, "measure": measure});
            put(&mut v, "letter", letter.map(Value::String));
            put(&mut v, "deadline", deadline.map(Value::String));
            put(&mut v, "extensions", ext);
            v
        })
}

fn deliverable() -> impl Strategy<Value = Value> {
    (id(), text(), proptest::collection::vec(indicator(), 0..3), proptest::option::of(text()))
        .prop_map(|(id, text, indicators, condition)| {
            let mut v = json!({"id": id, "text": text, "indicators": indicators});
            put(&mut v, "conditions", condition.map(|t| json!([{"kind": "resources_mobilized", "source": "extra_budgetary", "text": t}])));
            v
        })
}

fn session() -> impl Strategy<Value = Value> {
    (
        id(),
        0u32..=u32::MAX,
        0u16..=u16::MAX,
        proptest::option::of(date_or_month()),
        proptest::option::of(date()),
    )
        .prop_map(|(id, n, y, opens, closes)| {
            let mut v = json!({"id": id, "body": "governing_body", "number": n, "year": y});
            put(&mut v, "opens", opens.map(Value::String));
            put(&mut v, "closes", closes.map(Value::String));
            v
        })
}

fn observation() -> impl Strategy<Value = Value> {
    prop_oneof![
        date_or_month().prop_map(|d| json!({"kind": "milestone", "completed": d})),
        (decimal(), proptest::option::of(date_or_month())).prop_map(|(v, at)| {
            let mut o = json!({"kind": "count", "value": v});
            put(&mut o, "as_of", at.map(Value::String));
            o
        }),
        decimal().prop_map(|v| json!({"kind": "percentage", "value": v})),
        (money(), date_or_month())
            .prop_map(|(a, at)| json!({"kind": "money", "amount": a, "as_of": at})),
        any::<bool>().prop_map(|m| json!({"kind": "qualitative", "met": m})),
    ]
}

fn report() -> impl Strategy<Value = Value> {
    let status = prop_oneof![
        Just("achieved"),
        Just("on_track"),
        Just("pending_resources"),
        Just("no_data")
    ];
    let progress = (
        id(),
        proptest::option::of(text()),
        proptest::collection::vec(observation(), 0..3),
        proptest::option::of((
            proptest::option::of(date_or_month()),
            proptest::option::of(decimal()),
        )),
        proptest::option::of(status),
        extensions(),
    )
        .prop_map(|(ind, narrative, obs, forecast, status, ext)| {
            let mut v = json!({"indicator": ind, "observations": obs});
            put(&mut v, "narrative", narrative);
            put(
                &mut v,
                "forecast",
                forecast.map(|(by, value)| {
                    let mut f = json!({"bound": "at_least"});
                    put(&mut f, "by", by.map(Value::String));
                    put(&mut f, "value", value.map(Value::String));
                    f
                }),
            );
            put(&mut v, "status", status.map(|s| Value::String(s.into())));
            put(&mut v, "extensions", ext);
            v
        });
    (id(), date_or_month(), proptest::collection::vec(progress, 0..3), proptest::option::of((id(), date(), text(), 0u32..100)))
        .prop_map(|(id, as_of, indicators, doc)| {
            let mut v = json!({"id": id, "as_of": as_of, "indicators": indicators,
                               "footnotes": [{"id": "fn-1", "number": 1, "text": {"en": "note"}}],
                               "lessons_learned": [{"paragraph": 9, "text": {"en": "lesson"}}]});
            put(&mut v, "document", doc.map(|(s, d, t, n)| json!({
                "symbol": "GB.328/INS/8", "session": s, "date": d, "title": t,
                "agenda_item": {"number": n, "title": {"en": "item"}},
                "draft_decision": {"text": {"en": "The Governing Body"}, "points": [{"letter": "a", "text": {"en": "takes note"}}]}
            })));
            v
        })
}

fn envelope() -> impl Strategy<Value = Value> {
    let plan = (
        id(),
        text(),
        proptest::collection::vec(biennium(), 1..3),
        proptest::collection::vec(session(), 0..3),
        proptest::collection::vec(paragraph(), 1..3),
        proptest::collection::vec(deliverable(), 0..3),
        (money(), proptest::option::of(money()), 0u32..10),
        extensions(),
    )
        .prop_map(|(id, title, biennia, sessions, paragraphs, deliverables, (req, sec, count), ext)| {
            let mut line = json!({"id": "line", "state": "underfunded", "required": req});
            put(&mut line, "secured", sec);
            let mut v = json!({
                "id": id, "title": title,
                "resolution": {"title": {"en": "Resolution"}, "adopted_at": "ilc-104"},
                "endorsed_at": "gb-325", "biennia": biennia.clone(), "sessions": sessions,
                "categories": [{"id": "c", "name": {"en": "Category"}}],
                "items": [{"id": "item", "text": {"en": "Item"}, "paragraphs": paragraphs,
                           "category": "c", "biennium": biennia[0], "deliverables": ["d"]}],
                "deliverables": deliverables,
                "resources": {"sources": [{"id": "s", "kind": "regular_budget", "name": {"en": "RB"}}],
                              "lines": [line],
                              "requests": [{"id": "r", "count": count, "text": {"en": "requests"}}],
                              "portfolios": [{"id": "p", "name": {"en": "P"}, "kind": "extra_budgetary", "indicator": "i"}]}
            });
            put(&mut v, "extensions", ext);
            v
        });
    (
        plan,
        proptest::collection::vec(report(), 0..2),
        extensions(),
        proptest::option::of((month(), month(), decimal(), date_or_month())),
    )
        .prop_map(|(plan, reports, ext, v11)| {
            let mut v =
                json!({"format": "actionplan", "version": "1.0", "plan": plan, "reports": reports});
            put(&mut v, "extensions", ext);
            if let Some((start, end, figure, date)) = v11 {
                to_1_1(&mut v, &start, &end, &figure, &date);
            }
            v
        })
}

/// Turns a generated 1.0 document into a 1.1 one that uses a member of
/// each kind 1.1 adds, so that mutations reach them too.
fn to_1_1(doc: &mut Value, start: &str, end: &str, figure: &str, date: &str) {
    doc["version"] = json!("1.1");
    let plan = &mut doc["plan"];
    plan["period"] = json!({"start": start, "end": end});
    plan["units"] = json!([{"id": "u", "name": {"en": "Unit"}, "parent": "v"}]);
    plan["partners"] =
        json!([{"id": "pa", "name": {"en": "Partner"}, "kind": "member_state", "iati_id": "CH-4"}]);
    plan["dimensions"] = json!([{"id": "sex", "name": {"en": "Sex"}, "kind": "sex", "values": [{"code": "female"}]}]);
    plan["revisions"] = json!([{"id": "rv", "indicator": "i", "deadline": end, "target": figure,
                               "effective": date, "decided_at": "gb-325", "document": "GB.337/INS/5",
                               "rationale": {"en": "Why"},
                               "evidence": [{"title": {"en": "Doc"}, "url": "https://example.org/a?b=c", "date": date}]}]);
    let item = &mut plan["items"][0];
    item.as_object_mut().unwrap().remove("biennium");
    item["span"] = json!({"year": 2017});
    item["lead_unit"] = json!("u");
    item["contributing_units"] = json!(["u"]);
    let resources = &mut plan["resources"];
    resources["sources"][0]["partner_id"] = json!("pa");
    resources["exchange_rates"] =
        json!([{"from": "CHF", "to": "USD", "rate": figure, "date": date}]);
    let line = &mut resources["lines"][0];
    line["period"] = json!({"start": start, "end": end});
    line["approved"] = json!({"amount": figure, "currency": "USD"});
    line["spent_as_of"] = json!(date);
    if let Some(deliverables) = plan["deliverables"].as_array_mut() {
        for d in deliverables {
            d["span"] = json!({"biennium": "2016-17"});
            for ind in d["indicators"].as_array_mut().into_iter().flatten() {
                ind["span"] = json!({"start": start, "end": end});
                let m = &mut ind["measure"];
                if matches!(m["kind"].as_str(), Some("count" | "percentage" | "money")) {
                    m["targets"] = json!([{"value": figure, "by": end,
                        "disaggregation": [{"dimension": "sex", "values": {"female": figure}}]}]);
                    m["cumulation"] = json!("per_period");
                }
                if let Some(b) = m.get("baseline").and_then(Value::as_str).map(str::to_owned) {
                    m["baseline"] = json!({"value": b, "date": date, "comment": {"en": "c"}});
                }
            }
        }
    }
    for r in doc["reports"].as_array_mut().into_iter().flatten() {
        for p in r["indicators"].as_array_mut().into_iter().flatten() {
            for o in p["observations"].as_array_mut().into_iter().flatten() {
                o["evidence"] = json!([{"title": {"en": "E"}, "symbol": "GB.1/2"}]);
                if o["kind"] == "count" {
                    o["period"] = json!({"year": 2018});
                    o["disaggregation"] =
                        json!([{"dimension": "sex", "values": {"female": figure}}]);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Mutations.

#[derive(Clone, Copy, Debug)]
enum Mutation {
    RemoveMember,
    WrongType,
    UnknownMember,
    BadDate,
    Month13,
    NumberForDecimal,
    DecimalExponent,
    EmptyId,
    Null,
    IntegerWithFraction,
    ObjectAsArray,
    TaggedAsArray,
    StringAsObject,
    DuplicateKey,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    use Mutation::*;
    prop_oneof![
        Just(RemoveMember),
        Just(WrongType),
        Just(UnknownMember),
        Just(BadDate),
        Just(Month13),
        Just(NumberForDecimal),
        Just(DecimalExponent),
        Just(EmptyId),
        Just(Null),
        Just(IntegerWithFraction),
        Just(ObjectAsArray),
        Just(TaggedAsArray),
        Just(StringAsObject),
        Just(DuplicateKey),
    ]
}

/// Every value in `v` with its pointer.
fn all_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                all_pointers(
                    c,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                all_pointers(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn is_decimal(s: &str) -> bool {
    actionplan_model::parse_decimal(s).is_ok()
}

fn is_date_like(s: &str) -> bool {
    s.len() >= 7 && s.as_bytes()[4] == b'-' && s[..4].bytes().all(|b| b.is_ascii_digit())
}

/// The document as text, with `m` applied: most mutations change the
/// value, a key given twice only exists in text.
fn mutated_text(doc: &mut Value, m: Mutation, index: Index) -> (Option<String>, String) {
    if let Mutation::DuplicateKey = m {
        let text = serde_json::to_string_pretty(doc).unwrap();
        let mut pointers = Vec::new();
        all_pointers(doc, String::new(), &mut pointers);
        let keys: Vec<String> = pointers
            .iter()
            .filter_map(|p| p.rsplit_once('/').map(|(_, k)| k.to_owned()))
            .filter(|k| k.parse::<usize>().is_err() && !k.contains('~'))
            .collect();
        if keys.is_empty() {
            return (None, text);
        }
        let key = index.get(&keys);
        let needle = format!("\"{key}\": ");
        let Some(at) = text.find(&needle) else {
            return (None, text);
        };
        let text = format!("{}{needle}null, {}", &text[..at], &text[at..]);
        return (Some(format!("DuplicateKey {key}")), text);
    }
    let what = mutate(doc, m, index);
    (what, serde_json::to_string_pretty(doc).unwrap())
}

/// Applies `m` at the `index`-th candidate; returns a description.
fn mutate(doc: &mut Value, m: Mutation, index: Index) -> Option<String> {
    let mut pointers = Vec::new();
    all_pointers(doc, String::new(), &mut pointers);
    let candidates: Vec<String> = pointers
        .into_iter()
        .filter(|p| {
            let v = doc.pointer(p);
            match m {
                Mutation::RemoveMember => {
                    // A member of an object, not an element of an array.
                    let last = p.rsplit('/').next().unwrap_or_default();
                    !p.is_empty() && last.parse::<usize>().is_err()
                }
                Mutation::BadDate | Mutation::Month13 => {
                    v.and_then(Value::as_str).is_some_and(is_date_like)
                }
                Mutation::NumberForDecimal | Mutation::DecimalExponent => {
                    v.and_then(Value::as_str).is_some_and(is_decimal)
                }
                Mutation::EmptyId => {
                    p.ends_with("/id") || p.ends_with("/indicator") || p.ends_with("/category")
                }
                Mutation::IntegerWithFraction => v.is_some_and(|v| v.is_u64() || v.is_i64()),
                Mutation::UnknownMember | Mutation::ObjectAsArray => {
                    v.is_some_and(Value::is_object)
                }
                Mutation::TaggedAsArray => v.is_some_and(|v| v.get("kind").is_some()),
                Mutation::StringAsObject => v.is_some_and(Value::is_string),
                Mutation::WrongType | Mutation::Null | Mutation::DuplicateKey => true,
            }
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let p = index.get(&candidates).clone();
    let (parent, last) = p.rsplit_once('/').unwrap_or(("", ""));
    match m {
        Mutation::RemoveMember => {
            let last = last.replace("~1", "/").replace("~0", "~");
            doc.pointer_mut(parent)?.as_object_mut()?.remove(&last);
        }
        Mutation::UnknownMember => {
            doc.pointer_mut(&p)?
                .as_object_mut()?
                .insert("zz_unknown".into(), json!(1));
        }
        _ => {
            let v = doc.pointer_mut(&p)?;
            *v = match m {
                Mutation::BadDate => json!("2015-02-29"),
                Mutation::Month13 => {
                    let s = v.as_str()?.to_owned();
                    Value::String(format!("{}-13{}", &s[..4], &s[7..]))
                }
                Mutation::NumberForDecimal => serde_json::from_str(v.as_str()?).ok()?,
                Mutation::DecimalExponent => Value::String(format!("{}e2", v.as_str()?)),
                Mutation::EmptyId => json!(""),
                Mutation::Null => Value::Null,
                Mutation::IntegerWithFraction => serde_json::from_str(&format!("{v}.0")).ok()?,
                Mutation::ObjectAsArray => Value::Array(v.as_object()?.values().cloned().collect()),
                Mutation::TaggedAsArray => {
                    let o = v.as_object()?;
                    let mut items = vec![o.get("kind")?.clone()];
                    items.extend(
                        o.iter()
                            .filter(|(k, _)| *k != "kind")
                            .map(|(_, v)| v.clone()),
                    );
                    Value::Array(items)
                }
                Mutation::StringAsObject => json!({ v.as_str()?: null }),
                _ => match v {
                    Value::String(_) => json!(42),
                    Value::Number(_) => json!("42"),
                    Value::Bool(_) => json!("true"),
                    Value::Object(_) => json!([]),
                    Value::Null | Value::Array(_) => json!({}),
                },
            };
        }
    }
    Some(format!("{m:?} at {p}"))
}

/// Whether layers 1–2 accept `text`. `validate_str` reports a document the
/// schema accepts but the reader refuses as a schema issue with code
/// `internal`: that is the disagreement itself, so it is not counted here.
fn schema_accepts(text: &str) -> bool {
    validate_str(text)
        .issues
        .iter()
        .all(|i| i.layer == Layer::Rule || i.code == Code::Internal)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(48),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_documents_pass_both_and_round_trip(doc in envelope()) {
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let report = validate_str(&text);
        prop_assert!(schema_accepts(&text), "{report}\n{text}");
        // A valid document takes the fast path.
        prop_assert!(actionplan_interchange::test_hooks::read_str_fast(&text).is_some(), "{text}");
        let env = read_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let canonical = to_canonical_string(&env);
        prop_assert_eq!(&read_str(&canonical).unwrap(), &env);
        prop_assert_eq!(to_canonical_string(&read_str(&canonical).unwrap()), canonical);
    }

    #[test]
    fn schema_and_reader_agree_on_mutations(doc in envelope(), m in mutation(), index in any::<Index>()) {
        let mut doc = doc;
        let (what, text) = mutated_text(&mut doc, m, index);
        let schema = schema_accepts(&text);
        // The fast path never accepts what the schema refuses, and reads
        // what it accepts exactly as the reader does.
        let fast = actionplan_interchange::test_hooks::read_str_fast(&text);
        prop_assert!(fast.is_none() || schema, "{:?}: fast path accepts what the schema refuses\n{}", what, text);
        let reader = read_str(&text);
        let report = validate_str(&text);
        prop_assert!(!report.issues.iter().any(|i| i.code == Code::Internal), "{:?}: {}", what, report);
        prop_assert_eq!(
            schema, reader.is_ok(),
            "{:?}: schema {} but reader {:?}\n{}", what, schema, reader.as_ref().err().map(ToString::to_string), validate_str(&text)
        );
        if let (Some(f), Ok(r)) = (&fast, &reader) {
            prop_assert_eq!(f, r);
        }
        // The typed read alone never refuses what the schema accepts.
        if schema {
            let typed = actionplan_interchange::test_hooks::read_str_without_schema(&text);
            prop_assert!(typed.is_ok(), "{:?}: {:?}", what, typed.err().map(|e| e.to_string()));
        }
    }
}

/// Writes mutated documents and the reader's verdict for the independent
/// Python check (`tests/python/check_mutations.py`):
/// `AGREEMENT_DUMP=/tmp/m cargo test -p actionplan-interchange --test agreement -- --ignored`.
#[test]
#[ignore = "writes files for the Python cross-check"]
fn dump_mutations_for_python() {
    let Some(dir) = std::env::var_os("AGREEMENT_DUMP") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (envelope(), mutation(), any::<Index>());
    for n in 0..400 {
        let (mut doc, m, index) = strategy.new_tree(&mut runner).unwrap().current();
        let (_, text) = mutated_text(&mut doc, m, index);
        let verdict = if read_str(&text).is_ok() {
            "accept"
        } else {
            "reject"
        };
        std::fs::write(dir.join(format!("{n:03}-{m:?}-{verdict}.json")), text).unwrap();
    }
}
