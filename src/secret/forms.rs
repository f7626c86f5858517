//! The forms one secret part takes on the wire or in an echo of it (contract, "Redaction covers every
//! form"): as it is, percent-encoded (either hex case, `+` for a space), JSON-escaped (`\/`, `\uXXXX` as
//! the common encoders write it), Rust-escaped (a `{:?}` in a library's error), and Base64, standard and
//! URL-safe, at each of the three alignments it can have inside a longer blob (SMTP `AUTH PLAIN`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Every form of `value`, without repeats, the value itself first. Only the encodings that change
/// something are made: a token of letters and digits is itself and its Base64.
pub(super) fn of(value: &str) -> Vec<String> {
    let mut forms = vec![value.to_owned()];
    let mut add = |form: String| {
        if !forms.contains(&form) {
            forms.push(form);
        }
    };
    if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let percent = crate::percent::percent_encode(value);
        let form: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
        if percent.contains('%') {
            add(lower_hex(&percent));
            add(lower_hex(&form));
        }
        add(percent);
        add(form);
        let json = json_escaped(value, |_| false, Case::Lower);
        if value.contains('/') {
            add(json.replace('/', "\\/"));
        }
        add(json);
        add(unquoted(&format!("{value:?}")));
        // Python's ensure_ascii (PHP's also writes `\/`), Jackson's upper-case hex, Go's HTML-safe `<`,
        // `>`, `&`, Gson's (also `=` and `'`), and every character that is not a letter or a digit.
        if !value.is_ascii() {
            let non_ascii = json_escaped(value, |c| !c.is_ascii(), Case::Lower);
            add(non_ascii.replace('/', "\\/"));
            add(non_ascii);
            add(json_escaped(value, |c| !c.is_ascii(), Case::Upper));
        }
        let html = |c: char| matches!(c, '<' | '>' | '&');
        if value.contains(html) {
            add(json_escaped(value, html, Case::Lower));
        }
        let gson = |c: char| matches!(c, '<' | '>' | '&' | '=' | '\'');
        if value.contains(gson) {
            add(json_escaped(value, gson, Case::Lower));
        }
        add(json_escaped(
            value,
            |c| !c.is_ascii_alphanumeric(),
            Case::Lower,
        ));
        add(json_escaped(
            value,
            |c| !c.is_ascii_alphanumeric(),
            Case::Upper,
        ));
    }
    for core in base64_cores(value.as_bytes()) {
        add(core);
    }
    forms
}

/// The Base64 characters made of `bytes`' bits alone, whatever comes before and after them, for each
/// alignment (0, 1 or 2 bytes before them in the encoded blob) and both alphabets; and the same with the
/// end of the blob when nothing comes after them (the last character and padding), as in SMTP AUTH.
fn base64_cores(bytes: &[u8]) -> Vec<String> {
    let mut cores = Vec::new();
    for offset in 0..3 {
        let padded: Vec<u8> = std::iter::repeat_n(0, offset)
            .chain(bytes.iter().copied())
            .collect();
        let first = (8 * offset).div_ceil(6);
        let end = 8 * (offset + bytes.len()) / 6;
        let standard = STANDARD.encode(&padded);
        // The URL-safe alphabet differs in two characters only.
        let url_safe = standard.replace('+', "-").replace('/', "_");
        for encoded in [standard, url_safe] {
            if let Some(core) = encoded.get(first..end) {
                cores.push(core.to_owned());
            }
            if let Some(ending) = encoded.get(first..) {
                cores.push(ending.to_owned());
            }
        }
    }
    cores
}

/// `"text"` without its quotes.
fn unquoted(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(quoted);
    inner.to_owned()
}

/// `text` with the two hex digits after each `%` in lower case (`%2f` for `%2F`).
fn lower_hex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut left = 0;
    for c in text.chars() {
        if c == '%' {
            left = 2;
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

#[derive(Clone, Copy)]
enum Case {
    Lower,
    Upper,
}

/// `value` as JSON string text (as serde_json writes it), with the characters `escaped` picks written as
/// `\uXXXX` too.
fn json_escaped(value: &str, escaped: impl Fn(char) -> bool, case: Case) -> String {
    const LOWER: &[u8; 16] = b"0123456789abcdef";
    const UPPER: &[u8; 16] = b"0123456789ABCDEF";
    let digits = match case {
        Case::Lower => LOWER,
        Case::Upper => UPPER,
    };
    let mut out = String::with_capacity(value.len() + 8);
    let mut units = [0u16; 2];
    for c in value.chars() {
        let short = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            _ => "",
        };
        if !short.is_empty() && !escaped(c) {
            out.push_str(short);
        } else if escaped(c) || c < ' ' {
            for unit in c.encode_utf16(&mut units) {
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from(digits[usize::from((*unit >> shift) & 0xf)]));
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoder_s_form_is_there() {
        let forms = of("a/b+c é<");
        for expected in [
            "a/b+c é<",
            "a%2Fb%2Bc%20%C3%A9%3C",
            "a%2fb%2bc%20%c3%a9%3c",
            "a%2Fb%2Bc+%C3%A9%3C",
            "a\\/b+c é<",
            "a/b+c \\u00e9<",
            "a/b+c \\u00E9<",
            "a\\/b+c \\u00e9<",
            "a\\u002fb\\u002bc\\u0020\\u00e9\\u003c",
            "a/b+c é\\u003c",
        ] {
            assert!(
                forms.iter().any(|f| f == expected),
                "{expected} in {forms:?}"
            );
        }
    }

    #[test]
    fn base64_cores_are_inside_every_blob_that_holds_the_value() {
        use base64::engine::general_purpose::URL_SAFE;
        // `?>?` is `Pz4/` in Base64, `Pz4_` URL-safe.
        for before in ["", "\0", "\0u", "\0us", "\0use"] {
            let blob = format!("{before}pa55?>?word");
            for engine in [&STANDARD, &URL_SAFE] {
                let encoded = engine.encode(blob.as_bytes());
                let cores = base64_cores(b"pa55?>?word");
                assert!(
                    cores.iter().any(|core| encoded.contains(core.as_str())),
                    "{encoded} {cores:?}"
                );
            }
        }
    }
}
