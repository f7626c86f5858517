//! The properties of sendmsg's pure parsers and transformers, written once and driven twice: by proptest in
//! `tests/properties.rs` (part of `cargo test`) and by libFuzzer in `fuzz/fuzz_targets/` (which include this
//! file by path). Each function takes any input, runs the code under test, and panics when a property
//! does not hold; returning normally means the input was handled as promised.
#![allow(dead_code, unreachable_pub)]

use sendmsg::testing::{
    Budget, Cost, EnvFile, EnvFileKind, Error, Field, HttpRequest, Incoming, Intent, MAX_COUNT,
    MAX_PERIOD, MIN_SCRUB_LEN, Mobile, Overflow, OverflowPolicy, Secret, excerpt, fit, locate,
    parse_duration, parse_limit, parse_mailbox, parse_mailboxes, parse_text, percent_encode,
    redact, route, sms_params, snippet, valid_openid, valid_wxid,
};
use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

/// `--dedupe`, `history --since` and the PERIOD of `--limit`: a positive duration of at most 31 days.
pub fn duration(text: &str) {
    if let Ok(d) = parse_duration(text) {
        assert!(d > Duration::ZERO && d <= MAX_PERIOD, "{text:?} gave {d:?}");
        assert!(
            text.trim()
                .starts_with(|c: char| c.is_ascii_digit() || "smhd".contains(c)),
            "{text:?} was accepted"
        );
    }
}

/// `--limit N/PERIOD`: N in 1..=MAX_COUNT and a valid period, and what messages print of it reads back
/// as the same limit.
pub fn limit(text: &str) {
    if let Ok(l) = parse_limit(text) {
        assert!((1..=MAX_COUNT).contains(&l.count), "{text:?} gave {l:?}");
        assert!(l.period > Duration::ZERO && l.period <= MAX_PERIOD);
        let shown = l.to_string();
        assert_eq!(
            parse_limit(&shown).ok(),
            Some(l),
            "{text:?} shown as {shown:?}"
        );
    }
}

/// `template --field KEY=VALUE[#RRGGBB]`: lossless (the parts give back the spec), a clean key, and a
/// colour only when it is exactly `#` and six hex digits.
pub fn field(spec: &str) {
    if let Ok(f) = Field::parse(spec) {
        let color = f.color.clone().unwrap_or_default();
        assert_eq!(format!("{}={}{color}", f.key, f.value), spec);
        assert!(!f.key.is_empty() && f.key.len() <= 64);
        assert!(
            f.key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        );
        if let Some(c) = &f.color {
            assert!(
                c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|h| h.is_ascii_hexdigit())
            );
        }
    }
}

/// `sms --param KEY=VALUE`: every pair kept in order, keys trimmed, non-empty and unique; the value as given.
pub fn params(given: &[String]) {
    if let Ok(pairs) = sms_params(given) {
        assert_eq!(pairs.len(), given.len());
        for (i, ((key, value), spec)) in pairs.iter().zip(given).enumerate() {
            assert!(!key.is_empty() && key.trim() == key);
            assert!(
                spec.ends_with(&format!("={value}")) && spec.trim_start().starts_with(key.as_str())
            );
            assert!(
                pairs[..i].iter().all(|(k, _)| k != key),
                "duplicate key {key:?}"
            );
        }
    }
}

/// SMS recipients: a mainland 11-digit number or E.164; either way its E.164 form is `+` and 6-15 digits
/// and parses back to the same number.
pub fn mobile(text: &str) {
    if let Some(m) = Mobile::parse(text) {
        let e164 = m.e164();
        let digits = &e164[1..];
        assert!(
            e164.starts_with('+') && digits.bytes().all(|b| b.is_ascii_digit()),
            "{e164}"
        );
        assert!(
            (6..=15).contains(&digits.len()) || m.is_mainland(),
            "{e164}"
        );
        assert_eq!(
            Mobile::parse(&e164).map(|again| again.e164()),
            Some(e164.clone())
        );
        assert_eq!(m.as_str(), text.trim());
    }
}

/// GeWe wxids and WeChat openids: an accepted id can go into a comma-separated variable, a JSON string
/// and a log line as it is.
pub fn ids(id: &str) {
    for (kind, valid) in [("wxid", valid_wxid(id)), ("openid", valid_openid(id))] {
        if valid {
            assert!(!id.is_empty() && id.len() <= 128, "{kind} {id:?}");
            assert!(
                !id.contains(|c: char| c == ',' || c.is_whitespace() || c.is_control()),
                "{kind} {id:?}"
            );
        }
    }
    if valid_openid(id) {
        assert!(
            valid_wxid(id),
            "an openid {id:?} is a valid recipient everywhere"
        );
    }
}

/// E-mail addresses: an accepted one has exactly the address written, reads back the same from the form
/// put in the header, and a list never panics and yields only clean addresses.
pub fn email(text: &str) {
    if let Ok(mailbox) = parse_mailbox(text) {
        let address = mailbox.email.to_string();
        assert!(text.contains(&address), "{text:?} became {address:?}");
        assert!(
            !address.contains(|c: char| c.is_whitespace() || c.is_control()),
            "{address:?}"
        );
        let header = mailbox.to_string();
        let again = parse_mailbox(&header).map(|m| m.email.to_string());
        assert_eq!(
            again.as_deref(),
            Ok(address.as_str()),
            "{text:?} written as {header:?}"
        );
    }
    if let Ok(list) = parse_mailboxes("--to", &[text.to_owned()]) {
        assert!(
            list.iter()
                .all(|m| !m.email.to_string().contains(char::is_whitespace))
        );
    }
}

/// Redaction: once a value of at least MIN_SCRUB_LEN bytes (not a URL, which is masked by its secret parts)
/// is a `Secret`, no formatting path shows it:
/// the type's own Display, Debug and Serialize, and text built around its raw, percent-encoded,
/// JSON-escaped or `{:?}` form, an error line, or a dry-run request.
pub fn redaction(secret: &str, before: &str, after: &str) {
    let s = Secret::new(secret);
    let raw = s.expose();
    let json = serde_json::to_string(raw).expect("a string serializes");
    let request = HttpRequest::get("fuzz", format!("http://127.0.0.1/{before}"))
        .with_query("sign", s.clone())
        .with_header("x-token", s.clone());
    let err = Error::Config(format!("{before}{raw}{after}"));
    let outputs = [
        format!("{s}"),
        format!("{s:?}"),
        serde_json::to_string(&s).expect("a secret serializes"),
        redact(&format!("{before}{raw}{after}")),
        redact(&format!("{before}{}{after}", percent_encode(raw))),
        redact(&format!("{before}{json}{after}")),
        redact(&format!("{before}{raw:?}{after}")),
        redact(&format!("{before}{raw}{raw}{after}{raw}")),
        redact(&err.to_string()),
        redact(&request.dry_run_line()),
        redact(&request.shown_url()),
    ];
    assert!(
        outputs[..3]
            .iter()
            .all(|shown| shown.trim_matches('"') == "***")
    );
    if secret.len() >= MIN_SCRUB_LEN {
        // The first three are the mask itself (checked above), which a secret may spell, like `"***"`.
        for shown in &outputs[3..] {
            assert!(!shown.contains(secret), "{secret:?} survives in {shown:?}");
        }
    }
    split_by_any_cut(secret, before, after);
}

/// A secret split by any cut: an excerpt of text around it, cut at any length (and the 200-character
/// error snippet, with the secret moved across its cut), holds no 12-character slice of it that the
/// text around it does not hold by itself.
fn split_by_any_cut(secret: &str, before: &str, after: &str) {
    const SLICE: usize = 12;
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < SLICE {
        return;
    }
    let slices: Vec<String> = chars
        .windows(SLICE)
        .map(|w| w.iter().collect::<String>())
        .filter(|w| !before.contains(w.as_str()) && !after.contains(w.as_str()))
        .collect();
    let check = |shown: &str| {
        for slice in &slices {
            assert!(
                !shown.contains(slice.as_str()),
                "{slice:?} of {secret:?} survives in {shown:?}"
            );
        }
    };
    let text = format!("{before}{secret}{after}");
    for max in 0..=text.chars().count() {
        check(&excerpt(&text, max));
    }
    for start in 200usize.saturating_sub(chars.len())..=200 {
        check(&snippet(&format!("{}{secret}{after}", "x".repeat(start))));
    }
}

/// ddns-go's webhook and the server's other routes: any request gets an intent or a reply, never a panic;
/// a reply is one line (JSON or text) that never echoes the token; a recorded update has a valid user and
/// at least one address.
pub fn ddns_request(
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
    token: &str,
) {
    let secret = (!token.is_empty()).then(|| Secret::new(token));
    let req = Incoming {
        method,
        target,
        headers,
        body,
    };
    match route(&req, secret.as_ref()) {
        Ok(Intent::Record(update)) => {
            let user = &update.user;
            assert!((1..=64).contains(&user.len()), "{user:?}");
            assert!(
                user.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)),
                "{user:?}"
            );
            assert!(!update.observations.is_empty() && update.observations.len() <= 2);
        }
        Ok(Intent::Show { user, .. }) => assert!(!user.is_empty() && user.len() <= 64),
        Ok(Intent::Send(text)) => assert!(!text.trim().is_empty()),
        Ok(Intent::Health) => {}
        Err(reply) => {
            assert!((400..500).contains(&reply.status), "{reply:?}");
            let body = reply.body.strip_suffix('\n').unwrap_or(&reply.body);
            assert!(
                !body.contains(['\n', '\r']),
                "a reply of more than one line: {body:?}"
            );
            if token.len() >= MIN_SCRUB_LEN {
                assert!(
                    !reply.body.contains(token),
                    "the reply shows the token: {reply:?}"
                );
            }
        }
    }
}

/// RFC 3986 percent-encoding: only unreserved characters and `%XX` (upper-case hex) come out, and an
/// independent decoder gives back the exact input.
pub fn percent(value: &str) {
    let encoded = percent_encode(value);
    let bytes = encoded.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = encoded.get(i + 1..i + 3).expect("two hex digits after %");
            assert!(
                hex.bytes()
                    .all(|h| h.is_ascii_digit() || (b'A'..=b'F').contains(&h)),
                "{hex}"
            );
            decoded.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            assert!(
                b.is_ascii_alphanumeric() || b"-._~".contains(&b),
                "{:?} left unescaped",
                b as char
            );
            decoded.push(b);
            i += 1;
        }
    }
    assert_eq!(decoded, value.as_bytes());
}

/// Which env file is loaded: `--env-file` before `--` wins, then a non-empty SENDMSG_ENV_FILE (both
/// explicit); otherwise the first existing default, never a file that does not exist.
pub fn env_locator(
    args: &[String],
    env_file_var: Option<&str>,
    home: Option<&str>,
    existing: &[String],
) {
    let argv: Vec<OsString> = std::iter::once("sendmsg".into())
        .chain(args.iter().map(OsString::from))
        .collect();
    let var = |name: &str| match name {
        "SENDMSG_ENV_FILE" => env_file_var.map(OsString::from),
        "HOME" => home.map(OsString::from),
        _ => None,
    };
    let exists = |p: &Path| existing.iter().any(|e| Path::new(e) == p);
    let found = locate(&argv, var, exists);
    let options = args.iter().take_while(|a| *a != "--").collect::<Vec<_>>();
    // `--env-file` with nothing after it names nothing (clap then reports the missing value).
    let flag_named = options.iter().any(|a| a.starts_with("--env-file="))
        || args
            .iter()
            .position(|a| a == "--env-file")
            .is_some_and(|i| i + 1 < args.len() && i < options.len());
    let var_named = env_file_var.is_some_and(|v| !v.is_empty());
    let none = options.iter().any(|a| *a == "--no-env-file")
        || (env_file_var == Some("none") && !flag_named);
    if none {
        assert!(found.is_empty(), "none was asked for: {found:?}");
        return;
    }
    match found.as_slice() {
        [
            EnvFile {
                path,
                kind: EnvFileKind::Named,
            },
        ] => {
            let in_args = args.iter().any(|a| {
                Path::new(a) == path
                    || a.strip_prefix("--env-file=")
                        .is_some_and(|v| Path::new(v) == path)
            });
            let by_var = env_file_var.is_some_and(|v| Path::new(v) == path);
            assert!(
                (flag_named && in_args) || (var_named && by_var),
                "{} is named without being named",
                path.display()
            );
        }
        defaults => {
            assert!(
                defaults.is_empty() || (!flag_named && !var_named),
                "a named file was ignored for {defaults:?}"
            );
            let in_home = home.map(|h| Path::new(h).join(".config/sendmsg/.env"));
            let kinds: Vec<EnvFileKind> = defaults.iter().map(|f| f.kind).collect();
            for file in defaults {
                assert!(exists(&file.path), "{} does not exist", file.path.display());
                match file.kind {
                    EnvFileKind::User => assert_eq!(Some(&file.path), in_home.as_ref()),
                    EnvFileKind::Discovered => assert_eq!(file.path, Path::new(".env")),
                    EnvFileKind::Named => panic!("a named file among the defaults"),
                }
            }
            assert!(
                matches!(
                    kinds.as_slice(),
                    [] | [EnvFileKind::User | EnvFileKind::Discovered]
                        | [EnvFileKind::User, EnvFileKind::Discovered]
                ),
                "the user file first, then ./.env: {kinds:?}"
            );
            if defaults.is_empty() {
                assert!(!flag_named && !var_named, "a named file was not chosen");
            }
        }
    }
}

/// The .env parser: an error names the file (and the line) but never quotes the file's content.
pub fn env_text(text: &str) {
    match parse_text(text, "FILE") {
        Ok(vars) => assert!(vars.keys().all(|k| !k.is_empty())),
        Err(Error::Config(message)) => {
            let rest = message
                .strip_prefix("env file FILE")
                .expect("names the file");
            let rest = rest
                .strip_prefix(" line ")
                .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
            assert!(
                rest == " is malformed (expected NAME=value)"
                    || rest == " is malformed"
                    || rest == " holds a NUL byte"
                    || rest == " expands past 1024 KiB through ${VAR} references",
                "{message:?} says more than the line number"
            );
        }
        Err(other) => panic!("not a configuration error: {other}"),
    }
}

/// The body splitter through `fit`: parts within the limit, at most `max_parts`, no broken character
/// (they are `String`s), and a split's parts, without their `(i/n) ` prefixes, give back the body.
pub fn split(body: &str, max: usize, json: bool, mode: Overflow, max_parts: usize) {
    let cost = if json { Cost::JsonEscaped } else { Cost::Utf8 };
    let budget = Budget { max, cost };
    let policy = OverflowPolicy {
        mode,
        max_parts,
        max_bytes: None,
    };
    let Ok(parts) = fit(body, budget, policy) else {
        assert!(cost.of(body) > max, "a fitting body was refused");
        return;
    };
    assert!(!parts.is_empty());
    for part in &parts {
        assert!(cost.of(part) <= max, "a part over the limit");
    }
    if parts.len() > 1 {
        assert!(mode == Overflow::Split && parts.len() <= max_parts);
        let n = parts.len();
        let joined: String = parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.strip_prefix(&format!("({}/{n}) ", i + 1))
                    .expect("numbered part")
            })
            .collect();
        assert_eq!(joined, body);
    } else if cost.of(body) <= max {
        assert_eq!(parts, [body]);
    }
}
