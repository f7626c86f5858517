//! Fuzzes mobile numbers, wxids, openids and e-mail addresses. The properties are in `tests/invariants/mod.rs`.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| {
    invariants::mobile(text);
    invariants::ids(text);
    invariants::email(text);
});
