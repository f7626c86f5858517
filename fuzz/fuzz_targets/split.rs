//! Fuzzes the body splitter. The properties are in `tests/invariants/mod.rs`.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use arbitrary::Arbitrary;
use sendmsg::testing::Overflow;

#[derive(Debug, Arbitrary)]
struct SplitInput {
    body: String,
    max: u8,
    json: bool,
    mode: u8,
    max_parts: u8,
}

libfuzzer_sys::fuzz_target!(|input: SplitInput| {
    let mode = [Overflow::Split, Overflow::Truncate, Overflow::Error][usize::from(input.mode % 3)];
    let max = usize::from(input.max);
    let max_parts = usize::from(input.max_parts).max(1);
    invariants::split(&input.body, max, input.json, mode, max_parts);
});
