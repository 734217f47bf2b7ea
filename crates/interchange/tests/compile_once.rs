//! Validating and reading many files compiles the schema once per process,
//! and valid files do not need it at all (the fast path stands for it).
//! (Its own test binary, so that no other test has compiled it first.)

#![cfg(feature = "schema-validation")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use actionplan_interchange::test_hooks::schema_compilations;
use actionplan_interchange::{check_str, read_str, validate_str};

#[test]
fn schema_is_compiled_once() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/full.json"
    ))
    .unwrap();
    assert_eq!(schema_compilations(), 0);
    for _ in 0..3 {
        assert!(validate_str(&text).is_valid());
        let env = read_str(&text).unwrap();
        let checked = check_str(&text);
        assert_eq!(checked.envelope.as_ref(), Some(&env));
    }
    // Valid files: the typed read stands for the schema pass.
    assert_eq!(schema_compilations(), 0);
    let invalid = text.replacen("\"id\"", "\"unknown\": 1, \"id\"", 1);
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let t = invalid.clone();
            std::thread::spawn(move || validate_str(&t).is_valid())
        })
        .collect();
    for t in threads {
        assert!(!t.join().unwrap());
    }
    assert!(read_str(&invalid).is_err());
    assert_eq!(schema_compilations(), 1);
}
