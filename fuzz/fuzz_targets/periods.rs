//! Fuzzes `--limit`, `--dedupe` and `history --since` values. The properties are in `tests/invariants/mod.rs`.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| {
    invariants::duration(text);
    invariants::limit(text);
});
