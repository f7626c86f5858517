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

static KNOWN: Mutex<Vec<String>> = Mutex::new(Vec::new());

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

/// Remembers a secret value, and the forms it takes in output, for [`redact`]: raw, percent-encoded (a
/// URL), JSON-escaped (a body or a quoted reply) and Rust-escaped (a `{:?}` in a library's error).
fn register(value: &str) {
    if value.len() < MIN_SCRUB_LEN {
        return;
    }
    let quoted = |s: String| s[1..s.len() - 1].to_owned();
    let json = serde_json::to_string(value).map_or_else(|_| value.to_owned(), quoted);
    let debug = quoted(format!("{value:?}"));
    let mut known = KNOWN.lock().unwrap_or_else(PoisonError::into_inner);
    for form in [
        value.to_owned(),
        crate::percent::percent_encode(value),
        json,
        debug,
    ] {
        if !known.contains(&form) {
            known.push(form);
        }
    }
    // Longest first, so a secret that contains another is masked whole.
    known.sort_by_key(|s| std::cmp::Reverse(s.len()));
}

/// Masks every known secret value in `text`. Repeated until nothing is left to mask, because a mask can
/// complete a secret again (`a***` in `aa***`) or close the gap around another one; every pass makes the
/// text shorter (no secret is shorter than the mask), so this ends.
pub fn redact(text: &str) -> String {
    let known = KNOWN.lock().unwrap_or_else(PoisonError::into_inner);
    let mut out = text.to_owned();
    while let Some(secret) = known.iter().find(|s| out.contains(s.as_str())) {
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

    #[test]
    fn short_values_are_not_scrubbed_from_prose() {
        let _s = Secret::new("ab");
        assert_eq!(redact("abc ab"), "abc ab");
    }
}
