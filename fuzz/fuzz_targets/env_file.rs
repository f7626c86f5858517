//! Fuzzes the .env locator and parser. The properties are in `tests/invariants/mod.rs`.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use arbitrary::Arbitrary;

#[derive(Debug, Arbitrary)]
struct EnvInput {
    args: Vec<String>,
    var: Option<String>,
    home: Option<String>,
    existing: Vec<String>,
    text: String,
}

libfuzzer_sys::fuzz_target!(|input: EnvInput| {
    invariants::env_locator(&input.args, input.var.as_deref(), input.home.as_deref(), &input.existing);
    invariants::env_text(&input.text);
});
