//! Secrets as a type, and the one redaction function every output path goes through.
//!
//! A [`Secret`] formats as `***` whatever prints it (Debug, Display, Serialize). Constructing one also
//! registers its value, so text that did not come from us — a library's error, a service's reply, an
//! echo of the request, a panic message — is scrubbed by [`redact`] before it reaches any output. What is
//! registered is a value's secret parts (`parts`: a URL's password, not its host), each in every form it
//! takes on the wire or in an echo (`forms`), found in one pass over a table of their seeds (`matcher`).

mod forms;
mod matcher;
mod parts;

use std::collections::BTreeSet;
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// What a secret looks like in any output.
pub(crate) const MASK: &str = "***";

/// Values shorter than this are not scrubbed from free text: masking every "ab" in a message would make
/// output unreadable while protecting nothing a real credential is.
pub const MIN_SCRUB_LEN: usize = 4;

/// The values registered so far (registering one again costs a lookup), and every form of their parts.
static KNOWN: Mutex<(BTreeSet<String>, matcher::Known)> =
    Mutex::new((BTreeSet::new(), matcher::Known::new()));

/// A credential, token, password or signature.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        register(&value);
        Self(value)
    }

    /// The real value, for the wire only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(MASK)
    }
}

/// Remembers the secret parts of `value` (see `parts`), each in every form (see `forms`), for
/// [`redact`].
fn register(value: &str) {
    if value.len() >= MIN_SCRUB_LEN {
        register_parts(value, false);
    }
}

/// Registers `value`'s parts, read as a URL setting's when `url`.
fn register_parts(value: &str, url: bool) {
    let mut known = KNOWN.lock().unwrap_or_else(PoisonError::into_inner);
    let (values, known) = &mut *known;
    if !values.insert(format!("{}{value}", u8::from(url))) {
        return;
    }
    let parts = if url {
        parts::of_url(value)
    } else {
        parts::of(value)
    };
    for token in parts.tokens.iter().filter(|t| t.len() >= MIN_SCRUB_LEN) {
        for form in forms::of(token) {
            known.add_sliced(&form);
        }
    }
    for whole in parts.whole.iter().filter(|t| t.len() >= MIN_SCRUB_LEN) {
        for form in forms::of(whole) {
            known.add_placed("", &form, "");
        }
    }
    for placed in parts.placed {
        known.add_placed(&placed.before, &placed.value, &placed.after);
    }
}

/// Masks every known secret form in `text`, overlapping and adjacent ones as one `***`. Repeated while
/// that shortens the text, because a mask can complete a secret again (`a***` in `aa***`).
pub fn redact(text: &str) -> String {
    let matcher = KNOWN
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .1
        .matcher();
    let Some(mut out) = matcher.mask(text, MASK) else {
        return text.to_owned();
    };
    let mut before = text.len();
    while out.len() < before {
        let Some(again) = matcher.mask(&out, MASK) else {
            break;
        };
        before = out.len();
        out = again;
    }
    out
}

/// At most `max_chars` characters of `text` on one line (control characters become spaces), for an error
/// or a log, with `…` where it was cut. Redacted *before* the cut: a cut first could split a secret and
/// leave a part that no longer matches any known value.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let flat: String = redact(text)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match flat.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// Whether a URL setting carries a secret: a user part or a query value that is not a `{{placeholder}}`.
pub(crate) fn url_holds_secret(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.contains('@')
        || rest.split_once('?').is_some_and(|(_, query)| {
            query
                .split('#')
                .next()
                .unwrap_or_default()
                .split('&')
                .any(|pair| pair.split_once('=').is_some_and(|(_, v)| !v.contains("{{")))
        })
}

/// Registers what a URL from the settings hides: its user part and query values where they stand (and
/// anywhere, when long), and a token in its path. The rest (scheme, host, port, path) stays readable.
pub(crate) fn register_url(url: &str) {
    register_parts(url, true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_never_keeps_part_of_a_secret() {
        let secret = "excerpt-secret-0123456789";
        let _s = Secret::new(secret);
        for prefix in 0..40 {
            let text = format!("{}{secret} tail", "x".repeat(prefix));
            let shown = excerpt(&text, 20);
            assert!(!shown.contains(&secret[..4]), "{shown}");
            assert!(shown.chars().count() <= 21, "{shown}");
        }
    }

    #[test]
    fn a_url_keeps_its_host_and_hides_its_user_part_and_query_values() {
        register_url(
            "https://bob:pa55word-url@gw.example:8443/x?apikey=k3y-url-secret&sig=a%2Bb-url",
        );
        assert_eq!(
            redact(
                "https://bob:pa55word-url@gw.example:8443/x?apikey=k3y-url-secret&sig=a%2Bb-url"
            ),
            "https://***@gw.example:8443/x?apikey=***&sig=***"
        );
        // Decoded where it stands; a value of 12 characters or more anywhere; a shorter one, and the
        // user's name, only where they stand.
        assert_eq!(redact("?sig=a+b-url"), "?sig=***");
        assert_eq!(redact("k3y-url-secret, pa55word-url"), "***, ***");
        assert_eq!(redact("a+b-url bob"), "a+b-url bob");
    }

    #[test]
    fn a_base_url_and_a_pasted_hook_keep_their_host_and_path() {
        register_url("http://127.0.0.1:9/base-url-test/v1");
        let _hook = Secret::new(
            "https://open.feishu.example/open-apis/bot/v2/hook/3f0a9c2e-5b7d-4e1f-9a8b-hooktest0001",
        );
        assert_eq!(
            redact("POST http://127.0.0.1:9/base-url-test/v1/robot/send"),
            "POST http://127.0.0.1:9/base-url-test/v1/robot/send"
        );
        assert_eq!(
            redact(
                "https://open.feishu.example/open-apis/bot/v2/hook/3f0a9c2e-5b7d-4e1f-9a8b-hooktest0001"
            ),
            "https://open.feishu.example/open-apis/bot/v2/hook/***"
        );
    }

    #[test]
    fn a_structured_header_masks_its_credential_and_signature_not_its_header_names() {
        let _h = Secret::new(
            "ACS3-HMAC-SHA256 Credential=LTAI5tStructTest1,SignedHeaders=host;x-acs-action;x-acs-date,\
             Signature=5b3c1e4f0d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c",
        );
        assert_eq!(
            redact(
                "signed host;x-acs-action;x-acs-date with LTAI5tStructTest1 and 5b3c1e4f0d9a8b7c6d5e"
            ),
            "signed host;x-acs-action;x-acs-date with *** and ***"
        );
    }

    #[test]
    fn every_formatting_path_masks() {
        let s = Secret::new("s3cr3t-format-path");
        assert_eq!(format!("{s}"), MASK);
        assert_eq!(format!("{s:?}"), MASK);
        assert_eq!(serde_json::to_string(&s).ok().as_deref(), Some("\"***\""));
        assert_eq!(s.expose(), "s3cr3t-format-path");
    }

    #[test]
    fn redact_scrubs_raw_and_url_encoded_forms() {
        let _s = Secret::new("ab+c/d=ef-redact");
        let text = "url ?sign=ab%2Bc%2Fd%3Def-redact and raw ab+c/d=ef-redact";
        assert_eq!(redact(text), "url ?sign=*** and raw ***");
    }

    #[test]
    fn a_mask_that_completes_a_secret_again_is_masked_too() {
        let _short = Secret::new("q***");
        let _s = Secret::new("redact-again-tail");
        assert_eq!(redact("qredact-again-tail"), "***");
        let _t = Secret::new("x***-redact-again");
        assert_eq!(redact("xx***-redact-again"), "x***");
    }

    #[test]
    fn escaped_forms_are_scrubbed() {
        let _s = Secret::new("quote\"back\\slash\nline");
        assert_eq!(
            redact(r#"{"msg":"quote\"back\\slash\nline"}"#),
            r#"{"msg":"***"}"#
        );
    }

    /// The `matcher::SLICE`-character slices of `text[from..to]` (in characters).
    fn slices(text: &str, from: usize, to: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let to = to.min(chars.len());
        if to < from + matcher::SLICE {
            return Vec::new();
        }
        chars[from..to]
            .windows(matcher::SLICE)
            .map(|w| w.iter().collect())
            .collect()
    }

    /// The forms a secret takes on the wire and in echoes, each with the range (in characters) that is
    /// made of the secret alone: computed here by hand, not by the code under test.
    fn echoes(secret: &str, user: &str) -> Vec<(String, usize, usize)> {
        use base64::Engine as _;
        use base64::engine::general_purpose::{STANDARD, URL_SAFE};
        let whole = |form: String| {
            let n = form.chars().count();
            (form, 0, n)
        };
        let json = serde_json::to_string(secret).unwrap_or_default();
        let json = &json[1..json.len() - 1];
        let lower: String = crate::percent::percent_encode(secret)
            .split('%')
            .enumerate()
            .map(|(i, p)| {
                if i == 0 {
                    p.to_owned()
                } else {
                    format!(
                        "%{}{}",
                        p.get(..2).unwrap_or("").to_lowercase(),
                        p.get(2..).unwrap_or("")
                    )
                }
            })
            .collect();
        let mut forms = vec![
            whole(secret.to_owned()),
            whole(crate::percent::percent_encode(secret)),
            whole(lower),
            whole(form_urlencoded::byte_serialize(secret.as_bytes()).collect()),
            whole(json.to_owned()),
            whole(json.replace('/', "\\/")),
            whole(
                json.chars()
                    .map(|c| {
                        if c.is_ascii() {
                            c.to_string()
                        } else {
                            c.encode_utf16(&mut [0; 2])
                                .iter()
                                .map(|u| format!("\\u{u:04x}"))
                                .collect()
                        }
                    })
                    .collect(),
            ),
            whole(STANDARD.encode(secret)),
            whole(URL_SAFE.encode(secret)),
        ];
        // SMTP AUTH PLAIN: base64 of NUL user NUL password; only the password's own characters count.
        let blob = format!("\0{user}\0{secret}");
        let at = 2 + user.len();
        let first = (8 * at).div_ceil(6);
        let end = 8 * (at + secret.len()) / 6;
        forms.push((STANDARD.encode(&blob), first, end));
        forms.push((URL_SAFE.encode(&blob), first, end));
        forms
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        #[test]
        fn no_slice_of_any_encoded_form_survives(
            secret in "[A-Za-z0-9+/=_.~!&<>: é中\"-]{12,40}",
            user in "[a-z]{3,8}@[a-z]{2,5}",
            before in "[ -~]{0,30}",
        ) {
            // A secret that reads as a `Name: value` line is a header: its name is no secret.
            proptest::prop_assume!(parts::of(&secret).whole.is_empty());
            let _s = Secret::new(secret.clone());
            // A header as `WEBHOOK_HEADERS` gives it: its value is echoed without the scheme word.
            let header_token = format!("{secret}-hdr");
            let _h = Secret::new(format!("Authorization: Bearer {header_token}"));
            let list = format!("{secret}-k1,{secret}-k2");
            let _l = Secret::new(list);
            let mut cases = echoes(&secret, &user);
            cases.extend(echoes(&header_token, &user));
            cases.extend(echoes(&format!("{secret}-k2"), &user));
            for (form, from, to) in cases {
                let out = redact(&format!("{before}{form} tail"));
                for slice in slices(&form, from, to) {
                    proptest::prop_assert!(
                        !out.contains(&slice),
                        "{slice:?} of {form:?} survives in {out:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn short_values_are_not_scrubbed_from_prose() {
        let _s = Secret::new("ab");
        assert_eq!(redact("abc ab"), "abc ab");
    }
}
