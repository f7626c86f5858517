//! Secrets as a type, and the one redaction function every output path goes through.
//!
//! A [`Secret`] formats as `***` whatever prints it (Debug, Display, Serialize). Constructing one also
//! registers its value with a process-wide list, so text that did not come from us — a library's error, a
//! service's reply, a panic message — is scrubbed by [`redact`] before it reaches stdout or stderr.

use std::fmt;
use std::sync::{Mutex, PoisonError};

/// What a secret looks like in any output.
pub(crate) const MASK: &str = "***";

/// Values shorter than this are not scrubbed from free text: masking every "ab" in a message would make
/// output unreadable while protecting nothing a real credential is.
pub const MIN_SCRUB_LEN: usize = 4;

/// Every known form, longest first (so a secret that contains another is masked whole), and the same as a
/// set, so registering stays cheap however many forms there are.
static KNOWN: Mutex<Known> = Mutex::new(Known {
    longest_first: Vec::new(),
    set: std::collections::BTreeSet::new(),
});

struct Known {
    longest_first: Vec<String>,
    set: std::collections::BTreeSet<String>,
}

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

/// The shortest slice of a secret that may survive in any output (contract, "Redaction covers every
/// form"): every 12-character slice of every form is masked too.
pub(crate) const SLICE: usize = 12;

/// Remembers a secret value, and every form it takes in output, for [`redact`]: the value and its secret
/// parts ([`leaves`]), each percent-encoded (either hex case, `+` for a space), JSON-escaped (`\/`,
/// `\uXXXX`), Rust-escaped (a `{:?}` in a library's error) and in Base64 (standard and URL-safe, at each
/// alignment, as inside an SMTP `AUTH PLAIN` blob); and every [`SLICE`]-character slice of the parts'.
fn register(value: &str) {
    if value.len() < MIN_SCRUB_LEN {
        return;
    }
    // A secret pasted as a whole URL keeps its scheme, host and path readable: only its secret parts
    // are masked.
    let whole = if value.contains("://") {
        Vec::new()
    } else {
        encodings(value)
    };
    let mut parts = leaves(value);
    // A list's slices may straddle its commas; a header's name and a URL's host are no secret.
    if !value.contains("://") && !has_header(value) {
        parts.push(value.to_owned());
    }
    let leaves: Vec<String> = parts.iter().flat_map(|l| encodings(l)).collect();
    // The slices are of the secret parts alone: a header's name or a URL's host is no secret.
    let slices: Vec<String> = leaves
        .iter()
        .flat_map(|form| {
            let chars: Vec<char> = form.chars().collect();
            chars
                .windows(SLICE)
                .map(|w| w.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut known = KNOWN.lock().unwrap_or_else(PoisonError::into_inner);
    let before = known.set.len();
    for form in whole.into_iter().chain(leaves).chain(slices) {
        if form.len() >= MIN_SCRUB_LEN && known.set.insert(form.clone()) {
            known.longest_first.push(form);
        }
    }
    if known.set.len() > before {
        known
            .longest_first
            .sort_by_key(|s| std::cmp::Reverse(s.len()));
    }
}

/// `Name: value` as a header line gives it: a name of letters, digits and dashes.
fn header(line: &str) -> Option<(&str, &str)> {
    line.split_once(':').filter(|(name, value)| {
        !name.is_empty()
            && value.starts_with(' ')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

fn has_header(value: &str) -> bool {
    value.split('\n').any(|line| header(line).is_some())
}

/// The secret parts of a value, which an echo may carry alone: each key of a list (`k1,k2`), each header
/// line's value (`Name: value`) without its scheme word (`Bearer`); of a URL, its user part, query values
/// and last path segment (a webhook's token).
fn leaves(value: &str) -> Vec<String> {
    let mut leaves: Vec<String> = Vec::new();
    let mut add = |part: &str| {
        let part = part.trim();
        if part.len() >= MIN_SCRUB_LEN && !part.contains("{{") && !leaves.iter().any(|l| l == part)
        {
            leaves.push(part.to_owned());
        }
    };
    if let Some((_, rest)) = value.trim().split_once("://") {
        url_parts(value).into_iter().for_each(&mut add);
        let path = rest.split(['?', '#']).next().unwrap_or_default();
        if let Some((_, segment)) = path.rsplit_once('/') {
            add(segment);
        }
        return leaves;
    }
    for piece in value.split([',', '\n']) {
        match header(piece) {
            Some((_, header_value)) => match header_value.trim().split_once(' ') {
                Some((_, token)) => add(token),
                None => add(header_value),
            },
            None => add(piece),
        }
    }
    leaves
}

/// Every encoding of `value` that a request or an echo of one may hold.
fn encodings(value: &str) -> Vec<String> {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE};
    let quoted = |s: String| s[1..s.len() - 1].to_owned();
    let json = serde_json::to_string(value).map_or_else(|_| value.to_owned(), quoted);
    let percent = crate::percent::percent_encode(value);
    let form: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
    let mut forms = vec![
        value.to_owned(),
        lower_hex(&percent, '%', 2),
        lower_hex(&form, '%', 2),
        json.replace('/', "\\/"),
        unicode_escaped(value, |c| !c.is_ascii_alphanumeric(), false),
        unicode_escaped(value, |c| !c.is_ascii_alphanumeric(), true),
        unicode_escaped(value, |_| true, false),
        // Python's ensure_ascii, and Go's HTML-safe `<`, `>`, `&`.
        unicode_escaped(value, |c| !c.is_ascii(), false),
        unicode_escaped(value, |c| matches!(c, '<' | '>' | '&'), false),
        quoted(format!("{value:?}")),
        percent,
        form,
        json,
    ];
    let bytes = value.as_bytes();
    for offset in 0..3 {
        let padded: Vec<u8> = std::iter::repeat_n(0, offset)
            .chain(bytes.iter().copied())
            .collect();
        // Only the characters made of the value's bits alone, whatever comes before and after it.
        let first = (8 * offset).div_ceil(6);
        let end = 8 * (offset + bytes.len()) / 6;
        for engine in [&STANDARD, &URL_SAFE] {
            let encoded = engine.encode(&padded);
            if let Some(core) = encoded.get(first..end) {
                forms.push(core.to_owned());
            }
        }
    }
    forms.dedup();
    forms
}

/// `text` with the hex digits after each `marker` in lower case (`%2f` for `%2F`).
fn lower_hex(text: &str, marker: char, digits: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut left = 0;
    for c in text.chars() {
        if c == marker {
            left = digits;
            out.push(c);
        } else if left > 0 {
            left -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `value` as JSON string text with the characters `escaped` picks written as `\uXXXX` (as encoders
/// write `<`, `&` or any non-ASCII character), in upper- or lower-case hex; the rest as JSON writes it.
fn unicode_escaped(value: &str, escaped: impl Fn(char) -> bool, upper: bool) -> String {
    let mut out = String::with_capacity(value.len() * 2);
    for c in value.chars() {
        if escaped(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                if upper {
                    out.push_str(&format!("\\u{unit:04X}"));
                } else {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        } else {
            let one = serde_json::to_string(&c.to_string()).unwrap_or_default();
            out.push_str(one.get(1..one.len() - 1).unwrap_or_default());
        }
    }
    out
}

/// Masks every known secret value in `text`. Repeated until nothing is left to mask, because a mask can
/// complete a secret again (`a***` in `aa***`) or close the gap around another one; every pass makes the
/// text shorter (no secret is shorter than the mask), so this ends.
pub fn redact(text: &str) -> String {
    let known = KNOWN.lock().unwrap_or_else(PoisonError::into_inner);
    let mut out = text.to_owned();
    while let Some(secret) = known
        .longest_first
        .iter()
        .find(|s| s.len() <= out.len() && out.contains(s.as_str()))
    {
        out = out.replace(secret.as_str(), MASK);
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
    url_parts(url).iter().any(|part| !part.contains("{{"))
}

/// The user part and every query value of a URL, as written.
fn url_parts(url: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if let Some((user, _)) = authority.rsplit_once('@') {
        parts.push(user);
        parts.extend(user.split(':'));
    }
    if let Some((_, query)) = rest.split_once('?') {
        let query = query.split('#').next().unwrap_or_default();
        parts.extend(
            query
                .split('&')
                .filter_map(|pair| Some(pair.split_once('=')?.1)),
        );
    }
    parts
}

/// Registers what a URL from the settings hides: its user part (`user:pass@`) and every query value.
/// The rest (scheme, host, port, path) stays readable in every output.
pub(crate) fn register_url(url: &str) {
    url_parts(url)
        .into_iter()
        // A `{{message}}` placeholder (a webhook URL template) is filled in later, never a credential.
        .filter(|part| !part.contains("{{"))
        .for_each(register_part);
}

/// A part of a URL, as written (percent-encoded) and decoded.
fn register_part(part: &str) {
    register(part);
    let decoded: String = form_urlencoded::parse(format!("v={part}").as_bytes())
        .map(|(_, v)| v.into_owned())
        .collect();
    register(&decoded);
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
        assert_eq!(redact("a+b-url"), "***");
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
        let _s = Secret::new("x***-redact-again");
        assert_eq!(redact("xx***-redact-again-redact-again"), "***");
    }

    #[test]
    fn escaped_forms_are_scrubbed() {
        let _s = Secret::new("quote\"back\\slash\nline");
        assert_eq!(
            redact(r#"{"msg":"quote\"back\\slash\nline"}"#),
            r#"{"msg":"***"}"#
        );
    }

    /// The `SLICE`-character slices of `text[from..to]` (in characters).
    fn slices(text: &str, from: usize, to: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let to = to.min(chars.len());
        if to < from + SLICE {
            return Vec::new();
        }
        chars[from..to]
            .windows(SLICE)
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
        let mut all_u = String::new();
        for unit in secret.encode_utf16() {
            all_u.push_str(&format!("\\u{unit:04x}"));
        }
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
            whole(all_u),
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
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        #[test]
        fn no_slice_of_any_encoded_form_survives(
            secret in "[A-Za-z0-9+/=_.~!&<>: é中\"-]{12,40}",
            user in "[a-z]{3,8}@[a-z]{2,5}",
            before in "[ -~]{0,30}",
        ) {
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
