//! Fuzzes a request to `serve-ddns`, routed. The properties are in `tests/invariants/mod.rs`.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use arbitrary::Arbitrary;

#[derive(Debug, Arbitrary)]
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    token: String,
}

libfuzzer_sys::fuzz_target!(|input: Request| {
    invariants::ddns_request(&input.method, &input.target, &input.headers, &input.body, &input.token);
});
