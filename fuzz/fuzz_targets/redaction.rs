//! Fuzzes secrets through every formatting path. The properties are in `tests/invariants/mod.rs`.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|input: (&str, &str, &str)| {
    let (secret, before, after) = input;
    invariants::redaction(secret, before, after);
});
