//! Fuzzes `template --field KEY=VALUE[#RRGGBB]`. The properties are in `tests/invariants/mod.rs`.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|spec: &str| invariants::field(spec));
