//! Random bytes and random mutations of the example files through the
//! whole pipeline an embedder runs: read, validate, evaluate, account for
//! funding, render every report format in every language. Nothing panics,
//! every validation issue says where (a JSON pointer and, for text, a
//! line:column inside it), and no output carries a raw control character.
//!
//! The number of cases follows `PROPTEST_CASES` (default 24 per property,
//! so that the normal test run stays quick in a debug build).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "../fuzz/bodies.rs"]
mod bodies;

use actionplan_indicators::Policy;
use actionplan_interchange::{read_str, validate_bytes};
use actionplan_model::Language;
use actionplan_report::{Format, Options, assess, build, default_as_of, render};
use proptest::prelude::*;
use time::macros::date;

const EXAMPLES: [&str; 2] = [
    include_str!("../docs/examples/sme-action-plan-2016.json"),
    include_str!("../crates/interchange/tests/fixtures/valid/full.json"),
];

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24)
}

/// Read → validate → evaluate → funding → every format, in every language.
fn pipeline(bytes: &[u8]) {
    let report = validate_bytes(bytes);
    let text = std::str::from_utf8(bytes).ok();
    bodies::assert_located(&report, bytes);
    let Some(envelope) = text.and_then(|t| read_str(t).ok()) else {
        return;
    };
    for as_of in [
        default_as_of(&envelope.reports),
        Some(date!(2016 - 07 - 31)),
    ]
    .into_iter()
    .flatten()
    {
        let Ok(assessment) = assess(&envelope.plan, &envelope.reports, as_of, &Policy::default())
        else {
            continue;
        };
        for language in [Language::En, Language::Fr, Language::Es] {
            let view = build(
                &envelope.plan,
                &envelope.reports,
                &assessment.evaluation,
                &assessment.funding,
                &Options::in_language(language),
            );
            for format in Format::ALL {
                let out = render(&view, format);
                assert!(
                    !out.chars().any(|c| bodies::forbidden_in(format, c)),
                    "{format} output carries a raw control character"
                );
            }
        }
    }
}

/// One byte-level edit of a text.
#[derive(Clone, Debug)]
enum Edit {
    Delete { at: u16, len: u8 },
    Insert { at: u16, bytes: Vec<u8> },
    Overwrite { at: u16, bytes: Vec<u8> },
    Token { at: u16, token: &'static str },
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\n",
    "\"x-unknown\": 1,",
    "\"9999999999999999999999999999\"",
    "\"0.000000000000000000000000001\"",
    "\"-0\"",
    "\"1000-01-01\"",
    "\"9999-12\"",
    "\"\\u001b]0;x\\u0007\"",
    "\u{feff}",
    "1e400",
    "null",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<u16>(), any::<u8>()).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<u16>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Edit::Insert { at, bytes }),
        (any::<u16>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Edit::Overwrite { at, bytes }),
        (any::<u16>(), prop::sample::select(TOKENS))
            .prop_map(|(at, token)| Edit::Token { at, token }),
    ]
}

/// Applies `edits` to `text` as bytes; positions scale to the length, so
/// the result may well not be UTF-8.
fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let place = |at: u16, len: usize| usize::from(at) * len / 65536;
    for e in edits {
        let n = bytes.len();
        match e {
            Edit::Delete { at, len } => {
                let start = place(*at, n);
                let end = (start + usize::from(*len)).min(n);
                bytes.drain(start..end);
            }
            Edit::Insert { at, bytes: b } => {
                let at = place(*at, n);
                bytes.splice(at..at, b.iter().copied());
            }
            Edit::Overwrite { at, bytes: b } => {
                let start = place(*at, n);
                let end = (start + b.len()).min(n);
                bytes.splice(start..end, b.iter().copied());
            }
            Edit::Token { at, token } => {
                let at = place(*at, n);
                bytes.splice(at..at, token.bytes());
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn random_bytes_end_in_a_located_result(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        pipeline(&bytes);
    }

    #[test]
    fn mutated_examples_end_in_a_located_result(
        which in 0..EXAMPLES.len(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        pipeline(&apply(EXAMPLES[which], &edits));
    }

    #[test]
    fn structurally_mutated_seed_evaluates_and_renders(bytes in prop::collection::vec(any::<u8>(), 0..96)) {
        // The fuzz target's mutations: decimals, dates, ids, texts and
        // numbers put where the seed had others, members removed, elements
        // repeated; then evaluation and every report format.
        bodies::evaluate_report(&bytes);
    }
}

#[test]
fn the_examples_themselves_pass_the_pipeline() {
    for example in EXAMPLES {
        pipeline(example.as_bytes());
    }
}
