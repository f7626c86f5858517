//! Which parts of a registered value are secret. A URL is not a secret: its password, its query values
//! and a token in its path are, and its scheme, host, port and path stay readable. A header is not a
//! secret either: its value is, also without its scheme word (`Bearer xyz` echoed as `xyz`), and of a
//! structured one (`ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`) only the credential and
//! the signature. A list (`k1,k2`) is each of its keys.

/// What registering one value masks.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Parts {
    /// Masked wherever they appear, in every form, and every 12-character slice of those forms.
    pub tokens: Vec<String>,
    /// Masked in every form where they appear whole, never in part: a whole header line, a structured
    /// header's whole value, a list of URLs.
    pub whole: Vec<String>,
    /// Values masked where they stand (a URL's user part before its `@`, a query value after its
    /// `name=`): too short, or too common, to be masked wherever they appear.
    pub placed: Vec<Placed>,
}

/// A value and the text around it that must be there for it to be masked.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Placed {
    pub before: String,
    pub value: String,
    pub after: String,
}

/// The secret parts of `value`.
pub(super) fn of(value: &str) -> Parts {
    let mut parts = Parts::default();
    let trimmed = value.trim();
    if is_url(trimmed) {
        url(trimmed, &mut parts);
    } else if trimmed.contains('\n') {
        let lines: Vec<&str> = trimmed.lines().map(str::trim).collect();
        for line in &lines {
            piece(line, &mut parts);
        }
        let named = lines.iter().any(|l| is_url(l) || header(l).is_some());
        whole_or_token(value, named, &mut parts);
    } else if header(trimmed).is_some() || structured(trimmed).is_some() {
        piece(trimmed, &mut parts);
    } else if trimmed.contains(',') {
        let pieces: Vec<&str> = trimmed.split(',').map(str::trim).collect();
        for p in &pieces {
            piece(p, &mut parts);
        }
        whole_or_token(value, pieces.iter().any(|p| is_url(p)), &mut parts);
    } else {
        header_value(trimmed, &mut parts);
        if value != trimmed {
            // As it was given, blanks around it too.
            parts.tokens.push(value.to_owned());
        }
    }
    parts
}

/// A value that holds a URL or a header name is masked whole only: slices of it would mask a host or a
/// header's name wherever they appear.
fn whole_or_token(value: &str, whole: bool, parts: &mut Parts) {
    if whole {
        parts.whole.push(value.to_owned());
    } else {
        parts.tokens.push(value.to_owned());
    }
}

/// One line or list item.
fn piece(piece: &str, parts: &mut Parts) {
    if is_url(piece) {
        url(piece, parts);
    } else if let Some(value) = header(piece) {
        parts.whole.push(piece.to_owned());
        header_value(value, parts);
    } else {
        header_value(piece, parts);
    }
}

/// The secret parts of a URL setting (one without a scheme too: its user part and query).
pub(super) fn of_url(value: &str) -> Parts {
    let mut parts = Parts::default();
    url(value.trim(), &mut parts);
    parts
}

/// `scheme://host…` with nothing blank in it (and no other URL: `URL,URL` is a list).
fn is_url(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        && !rest.starts_with(['/', '?', '#'])
        && !rest.is_empty()
        && !rest.contains("://")
        && !value.contains(char::is_whitespace)
}

/// The value of a `Name: value` header line.
fn header(line: &str) -> Option<&str> {
    let (name, value) = line.split_once(':')?;
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    (!name.is_empty()
        && name.chars().all(token)
        && value.starts_with(' ')
        && !value.trim().is_empty())
    .then(|| value.trim())
}

/// A header's value (or any secret value): itself, and the rest after a scheme word (`Bearer`, `Basic`,
/// `ACS3-HMAC-SHA256`), which an echo may quote alone.
fn header_value(value: &str, parts: &mut Parts) {
    let Some((scheme, rest)) = scheme_word(value) else {
        parts.tokens.push(value.to_owned());
        return;
    };
    if let Some(credentials) = structured(value) {
        parts.whole.push(value.to_owned());
        parts.tokens.extend(credentials);
        return;
    }
    parts.tokens.push(value.to_owned());
    parts.tokens.push(rest.to_owned());
    if scheme.eq_ignore_ascii_case("basic") {
        use base64::Engine as _;
        let decoded = base64::engine::general_purpose::STANDARD.decode(rest.trim());
        if let Some((_, password)) = decoded
            .ok()
            .and_then(|d| String::from_utf8(d).ok())
            .as_deref()
            .and_then(|d| d.split_once(':'))
        {
            parts.tokens.push(password.to_owned());
        }
    }
}

/// `word rest`: a word of letters, digits and dashes, one space, and the rest.
fn scheme_word(value: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = value.split_once(' ')?;
    let mut chars = scheme.chars();
    (chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !rest.trim().is_empty())
    .then(|| (scheme, rest.trim()))
}

/// The secret values of a structured header's value (two or more `Key=value` pairs after the scheme
/// word, as Aliyun's and Tencent Cloud's `Authorization`): each value but `SignedHeaders`' (header names),
/// and of a `Credential` its key alone (the rest is a date and a service's name).
fn structured(value: &str) -> Option<Vec<String>> {
    let (_, rest) = scheme_word(value)?;
    let pairs: Vec<(&str, &str)> = rest
        .split(',')
        .map(|pair| pair.trim().split_once('='))
        .collect::<Option<_>>()?;
    let keyed = |(key, value): &(&str, &str)| {
        key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-".contains(c))
            && !value.is_empty()
            && !value.starts_with('=')
    };
    if pairs.len() < 2 || !pairs.iter().all(keyed) {
        return None;
    }
    let values = pairs
        .into_iter()
        .filter(|(key, _)| !key.eq_ignore_ascii_case("SignedHeaders"))
        .map(|(key, value)| {
            let value = value.trim_matches('"');
            if key.to_ascii_lowercase().ends_with("credential") {
                value.split('/').next().unwrap_or(value).to_owned()
            } else {
                value.to_owned()
            }
        })
        .collect();
    Some(values)
}

/// The shortest a secret value is that is masked wherever it appears, not only where it stands in its URL
/// (contract: "a secret value under 12 characters … is masked where it stands").
const EVERYWHERE: usize = 12;

/// A URL's user part and each query value where they stand, those of [`EVERYWHERE`] characters or more
/// anywhere, and a token in its path (a webhook's, a device key) anywhere.
fn url(url: &str, parts: &mut Parts) {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (authority, tail) = rest
        .find(['/', '?', '#'])
        .map_or((rest, ""), |at| rest.split_at(at));
    if let Some((user, _)) = authority.rsplit_once('@') {
        placed(parts, "//", user, "@");
        let password = user.split_once(':').map_or(user, |(_, password)| password);
        long(parts, &decoded(password));
    }
    let tail = tail.split('#').next().unwrap_or_default();
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    for segment in path.split('/').filter(|s| token_like(s)) {
        parts.tokens.push(decoded(segment));
    }
    for (name, value) in query.split('&').filter_map(|pair| pair.split_once('=')) {
        if value.is_empty() || value.contains("{{") {
            continue;
        }
        let plain = decoded(value);
        placed(parts, &format!("{name}="), value, "");
        placed(parts, &format!("{name}="), &plain, "");
        long(parts, &plain);
    }
}

fn placed(parts: &mut Parts, before: &str, value: &str, after: &str) {
    let placed = Placed {
        before: before.to_owned(),
        value: value.to_owned(),
        after: after.to_owned(),
    };
    if !value.is_empty() && !parts.placed.contains(&placed) {
        parts.placed.push(placed);
    }
}

fn long(parts: &mut Parts, value: &str) {
    if value.chars().count() >= EVERYWHERE {
        parts.tokens.push(value.to_owned());
    }
}

/// A path segment that is a credential, not a name: long, of letters and digits both (a Feishu hook's
/// UUID, a Bark device key, a Slack or Discord webhook's token), never a `{{placeholder}}`.
fn token_like(segment: &str) -> bool {
    segment.len() >= 16
        && segment.chars().any(|c| c.is_ascii_digit())
        && segment.chars().any(|c| c.is_ascii_alphabetic())
        && !segment.contains("{{")
}

/// A percent-encoded part of a URL, decoded (`+` is a space, as a form writes it).
fn decoded(part: &str) -> String {
    form_urlencoded::parse(format!("v={part}").as_bytes())
        .map(|(_, v)| v.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(value: &str) -> Vec<String> {
        of(value).tokens
    }

    #[test]
    fn a_url_is_its_secret_parts_not_its_host_or_path() {
        let parts = of("http://127.0.0.1:9999/base/robot/send");
        assert_eq!(parts, Parts::default());
        let parts = of(
            "https://bob:pw@h.example/open-apis/bot/v2/hook/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0?x=1&key=abc%2Bdef-ghi-jkl",
        );
        assert_eq!(
            parts.tokens,
            ["0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "abc+def-ghi-jkl"]
        );
        let placed: Vec<String> = parts
            .placed
            .iter()
            .map(|p| format!("{}[{}]{}", p.before, p.value, p.after))
            .collect();
        assert_eq!(
            placed,
            [
                "//[bob:pw]@",
                "x=[1]",
                "key=[abc%2Bdef-ghi-jkl]",
                "key=[abc+def-ghi-jkl]"
            ]
        );
        assert!(of("https://h/p?m={{message}}").placed.is_empty());
    }

    #[test]
    fn a_header_is_its_value_with_and_without_its_scheme_word() {
        let parts = of("Authorization: Bearer t0ken-abc");
        assert_eq!(parts.whole, ["Authorization: Bearer t0ken-abc"]);
        assert_eq!(parts.tokens, ["Bearer t0ken-abc", "t0ken-abc"]);
        assert_eq!(
            tokens("Basic Ym90OnBhNTUtd29yZA=="),
            [
                "Basic Ym90OnBhNTUtd29yZA==",
                "Ym90OnBhNTUtd29yZA==",
                "pa55-word"
            ]
        );
        // A value without a scheme word, or a lone word.
        assert_eq!(tokens("xyz-token"), ["xyz-token"]);
    }

    #[test]
    fn a_structured_header_is_its_credential_and_signature() {
        let aliyun = "ACS3-HMAC-SHA256 Credential=LTAI5tKey,SignedHeaders=host;x-acs-action;x-acs-date,Signature=06b3c1e4";
        let parts = of(aliyun);
        assert_eq!(parts.whole, [aliyun]);
        assert_eq!(parts.tokens, ["LTAI5tKey", "06b3c1e4"]);
        let tencent = "TC3-HMAC-SHA256 Credential=AKIDz8/2019-02-25/sms/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd";
        assert_eq!(tokens(tencent), ["AKIDz8", "2230eefd"]);
    }

    #[test]
    fn a_list_is_each_key_and_the_whole() {
        assert_eq!(
            tokens("k1-device,k2-device"),
            ["k1-device", "k2-device", "k1-device,k2-device"]
        );
        let urls =
            of("https://api.day.app/ynJ5Ft4atkMkWeo2PAvFhF,https://api.day.app/abcdefgh12345678");
        assert_eq!(urls.tokens, ["ynJ5Ft4atkMkWeo2PAvFhF", "abcdefgh12345678"]);
        assert_eq!(urls.whole.len(), 1);
        let lines = of("Authorization: Bearer a-b-c-d\nX-Key: k-e-y-1");
        assert_eq!(lines.tokens, ["Bearer a-b-c-d", "a-b-c-d", "k-e-y-1"]);
        assert_eq!(lines.whole.len(), 3);
    }
}
