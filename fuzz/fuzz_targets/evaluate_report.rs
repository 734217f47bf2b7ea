//! libFuzzer entry for the `evaluate_report` body in `fuzz/bodies.rs`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::evaluate_report(data));
