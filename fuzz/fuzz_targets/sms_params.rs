//! Fuzzes `sms --param KEY=VALUE`, repeated. The properties are in `tests/invariants/mod.rs`.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|given: Vec<String>| invariants::params(&given));
