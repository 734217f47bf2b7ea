//! libFuzzer entry for the `read_validate` body in `fuzz/bodies.rs`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::read_validate(data));
