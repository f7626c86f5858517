//! Property tests: proptest drives every invariant in `invariants/` with inputs shaped like the real ones
//! (near-valid values, where the bugs are) and with arbitrary text. The fuzz targets in `fuzz/` drive the
//! same invariants with libFuzzer.

use crate::invariants;

use proptest::prelude::*;
use sendmsg::testing::Overflow;

/// Any text, control characters and all.
const ANY: &str = "(?s).{0,40}";

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn durations(text in prop_oneof![" ?[0-9]{0,22}[smhdwy]? ?", "[0-9]{1,3}(s|m|h|d|ms|min|H|秒)", ANY]) {
        invariants::duration(&text);
    }

    #[test]
    fn limits(text in prop_oneof![" ?[0-9]{0,12} ?/ ?[0-9]{0,8}[smhd]? ?", "[0-9]{1,5}/[0-9]{0,3}[smhd]", ANY]) {
        invariants::limit(&text);
    }

    #[test]
    fn template_fields(spec in prop_oneof![
        "[a-z0-9_.-]{0,8}=(?s).{0,12}(#[0-9A-Fa-f]{6})?",
        "[a-z]{1,4}=.{0,3}#[0-9a-fé]{5,7}",
        "(?s)[^=]{0,10}={0,3}.{0,10}",
        ANY,
    ]) {
        invariants::field(&spec);
    }

    #[test]
    fn sms_params(given in prop::collection::vec(
        prop_oneof![" ?[a-z0-9]{0,4} ?=(?s).{0,8}", "(?s)[^=]{0,6}", "[a-z]=[=a-z]{0,4}"], 0..6)) {
        invariants::params(&given);
    }

    #[test]
    fn mobiles(text in prop_oneof![
        " ?\\+?1[0-9]{10} ?",
        "\\+[0-9]{0,17}",
        "[0-9+ -]{0,16}",
        "[0-9０-９]{11}",
        ANY,
    ]) {
        invariants::mobile(&text);
    }

    #[test]
    fn wxids_and_openids(id in prop_oneof![
        "(wxid_|o)[A-Za-z0-9_-]{0,30}",
        "[0-9]{5,12}@chatroom",
        "[A-Za-z0-9_, \t\n@-]{0,140}",
        ANY,
    ]) {
        invariants::ids(&id);
    }

    #[test]
    fn email_addresses(text in prop_oneof![
        "[a-z0-9.+_-]{0,10}@[a-z0-9.-]{0,10}",
        "\"?[A-Za-z ,]{0,8}\"? ?<[a-z]{0,5}@[a-z.]{0,8}>",
        "[a-z]{1,4}@[a-z]{1,4}[,;<> \"@]{1,3}[a-z@.<>]{0,8}",
        "[a-z]{1,4}@[a-z]{1,4}\\.(com|中国)[\r\n\t ]?[a-z]{0,3}",
        ANY,
    ]) {
        invariants::email(&text);
    }

    #[test]
    fn redaction(
        secret in prop_oneof!["[A-Za-z0-9+/=_-]{4,40}", "(?s).{0,12}", "[a*]{1,6}", "[\"\\\\\n%+ ]{1,8}"],
        before in "(?s).{0,16}",
        after in prop_oneof!["(?s).{0,16}", "[*a]{0,4}"],
    ) {
        invariants::redaction(&secret, &before, &after);
    }

    #[test]
    fn ddns_requests(
        method in prop_oneof!["GET|POST|HEAD|PUT", "[A-Z]{0,7}"],
        target in prop_oneof![
            "/ip/cheng_ip\\?msg=[a-z.]{0,6}(,|%2C)[0-9a-f:.]{0,20}(,[a-z]{0,6})?",
            "/ip/cheng_ip\\?(user=[a-z_%]{0,70}&)?(ipv4Addr|ipv6Addr)=[0-9a-f:.%]{0,24}(&ipv4Result=[a-z%]{0,9})?",
            "/(ip|api/send|healthz)(/[a-zA-Z0-9_.%-]{0,70})?(\\?(token|msg|mag|format)=(?s).{0,20})?",
            ANY,
        ],
        headers in prop::collection::vec(
            (prop_oneof![Just("authorization".to_owned()), Just("accept".to_owned()), "[a-z-]{1,12}"],
             prop_oneof![Just("Bearer tok-en-1234".to_owned()), "(?s).{0,24}"]),
            0..3),
        body in prop_oneof![
            Just(Vec::new()),
            "\\{\"user\":\"[a-z]{0,5}\",\"ipv4Addr\":(\"[0-9.]{0,15}\"|[0-9]{1,4}|null|true|\\[\\])\\}"
                .prop_map(String::into_bytes),
            prop::collection::vec(any::<u8>(), 0..64),
        ],
        token in prop_oneof![Just(String::new()), Just("tok-en-1234".to_owned()), "[a-z0-9]{4,12}"],
    ) {
        invariants::ddns_request(&method, &target, &headers, &body, &token);
    }

    #[test]
    fn percent_encoding(value in prop_oneof!["(?s).{0,40}", "[ -~]{0,40}", "[+/=%&?#]{0,10}"]) {
        invariants::percent(&value);
    }

    #[test]
    fn env_file_location(
        args in prop::collection::vec(prop_oneof![
            Just("--env-file".to_owned()), Just("--".to_owned()), "--env-file=[a-z./]{0,6}", "[a-z./-]{0,6}"
        ], 0..6),
        env_file_var in prop::option::of("[a-z./]{0,6}"),
        home in prop::option::of("/[a-z]{1,4}"),
        existing in prop::collection::vec(prop_oneof![
            Just(".env".to_owned()), "/[a-z]{1,4}/\\.config/sendmsg/\\.env", "[a-z./]{1,6}"
        ], 0..3),
    ) {
        invariants::env_locator(&args, env_file_var.as_deref(), home.as_deref(), &existing);
    }

    #[test]
    fn env_file_text(text in prop_oneof![
        "(?s)([A-Z_]{0,5}=[\"']?[a-z #$\\\\{}]{0,8}[\"']?\n){0,4}",
        "(export )?[A-Za-z0-9_.-]{0,6} ?= ?.{0,10}",
        ANY,
    ]) {
        invariants::env_text(&text);
    }

    #[test]
    fn splitting(
        body in prop_oneof!["(?s).{1,300}", "(\\PC|\n| ){1,300}", "[\"\\\\\n\t\u{1}]{1,100}"],
        max in 0usize..200,
        json in any::<bool>(),
        mode in prop_oneof![Just(Overflow::Split), Just(Overflow::Truncate), Just(Overflow::Error)],
        max_parts in 1usize..12,
    ) {
        invariants::split(&body, max, json, mode, max_parts);
    }
}
