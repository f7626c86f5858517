//! Fuzzes rFC 3986 percent-encoding round trips. The properties are in `tests/invariants/mod.rs`.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|value: &str| invariants::percent(value));
