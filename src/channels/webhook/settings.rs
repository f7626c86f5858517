//! `sendmsg webhook`'s settings: from the command line and environment to a [`Webhook`].

use super::args::{HttpMethod, WebhookArgs};
use super::wire::{DEFAULT_TEMPLATE, Success, Webhook};
use crate::error::{Error, Exit};
use crate::request::Method;
use crate::secret::Secret;
use crate::settings::{Resolve, base_url, required};

/// Headers the transport sets itself from the request: a user's would contradict it.
const OWN_HEADERS: &[&str] = &["content-length", "transfer-encoding", "host", "connection"];

/// The endpoint, checked before the message is read; its title is set once the message is known
/// ([`title`]).
pub(super) fn webhook(args: &WebhookArgs, how: Resolve<'_>) -> Result<Webhook, Error> {
    let url = match required("webhook", "WEBHOOK_URL", args.url.as_deref(), how)? {
        Some(url) => endpoint(&url)?,
        None => "http://WEBHOOK_URL".into(),
    };
    let method = match args.method {
        HttpMethod::Post => Method::Post,
        HttpMethod::Put => Method::Put,
        HttpMethod::Get => Method::Get,
    };
    let template = match (method, &args.template) {
        (Method::Get, Some(_)) => {
            return Err(Error::bad_input(
                "webhook",
                "a GET sends no body, so --body/WEBHOOK_BODY cannot be used: put {{message}} in the URL, or use --method POST",
            ));
        }
        (Method::Get, None) => None,
        (_, given) => Some(given.clone().unwrap_or_else(|| DEFAULT_TEMPLATE.to_owned())),
    };
    let success = args.success.as_deref().map(success).transpose()?;
    let content_type = match args.content_type.as_deref().map(str::trim) {
        Some(kind) if kind.is_empty() || kind.contains(['\r', '\n']) || !kind.contains('/') => {
            return Err(Error::bad_input(
                "webhook",
                format!("--content-type {kind:?} is not a media type (e.g. text/markdown)"),
            ));
        }
        kind => kind.map(str::to_owned),
    };
    Ok(Webhook {
        url,
        method,
        headers: headers(&args.header)?,
        content_type,
        template,
        title: String::new(),
        success,
    })
}

/// The URL as given, checked, with its user part and each query value that is not a placeholder
/// registered as a secret, so they are `***` in every output.
pub(super) fn endpoint(url: &str) -> Result<String, Error> {
    let url = url.trim();
    // Checks the shape and masks the user part and the query values, placeholders excepted.
    base_url("webhook", "WEBHOOK_URL", url)?;
    Ok(url.to_owned())
}

/// `Name: value` lines; blank ones are skipped (a variable may end with a newline).
pub(super) fn headers(lines: &[String]) -> Result<Vec<(String, Secret)>, Error> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .enumerate()
        .map(|(i, line)| {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim();
            if name.is_empty() || !name.chars().all(token) || value.is_empty() {
                // Nothing of the line is shown: without its colon, it may be all value.
                return Err(Error::bad_input(
                    "webhook",
                    format!(
                        "header {} of --header/WEBHOOK_HEADERS is not `Name: value`",
                        i + 1
                    ),
                ));
            }
            if value.contains(['\r', '\n']) {
                return Err(Error::bad_input(
                    "webhook",
                    format!("the {name} header (--header/WEBHOOK_HEADERS) holds a line break"),
                ));
            }
            if OWN_HEADERS.contains(&name.as_str()) {
                return Err(Error::bad_input(
                    "webhook",
                    format!("--header {name} is set from the request itself; remove it"),
                ));
            }
            Ok((name, Secret::new(value)))
        })
        .collect()
}

pub(super) fn success(spec: &str) -> Result<Success, Error> {
    Success::parse(spec).ok_or_else(|| {
        Error::invalid(
            "webhook",
            "WEBHOOK_SUCCESS",
            spec,
            "is not PATH=VALUE (e.g. code=0, data.ok=true)",
            Exit::BadInput,
        )
    })
}

/// What `{{title}}` becomes: `--title`, else the message's first line.
pub(super) fn title(args: &WebhookArgs, text: &str) -> String {
    args.title.clone().unwrap_or_else(|| first_line(text))
}

/// The first non-blank line, cut to 64 characters.
fn first_line(text: &str) -> String {
    const MAX_CHARS: usize = 64;
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("sendmsg");
    line.chars().take(MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_name_value_lines_and_values_stay_out_of_errors() {
        let lines = [
            "Authorization: Bearer unit-abc:def".to_owned(),
            String::new(),
            "X-Key:k1".to_owned(),
        ];
        let parsed = headers(&lines).unwrap_or_default();
        let names: Vec<&str> = parsed.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["authorization", "x-key"]);
        assert_eq!(parsed[0].1.expose(), "Bearer unit-abc:def");
        for bad in ["no colon here-secretvalue", "bad name: v", "Host: h", ": v"] {
            let err = headers(&[bad.to_owned()]).err().map(|e| e.to_string());
            assert!(err.is_some(), "{bad}");
            assert!(!err.unwrap_or_default().contains("secretvalue"), "{bad}");
        }
    }

    #[test]
    fn query_values_and_the_user_part_of_the_url_are_secrets() {
        let url = "https://bob:pw-unit-77@hooks.example/p?key=unit-qkey-31&m={{message}}";
        assert_eq!(endpoint(url).ok().as_deref(), Some(url));
        let shown = crate::secret::redact(url);
        assert_eq!(shown, "https://***@hooks.example/p?key=***&m={{message}}");
        assert!(endpoint("ftp://x").is_err());
    }

    #[test]
    fn the_default_title_is_the_first_line() {
        assert_eq!(first_line("\n  disk full \nmore"), "disk full");
        assert_eq!(first_line(&"长".repeat(100)).chars().count(), 64);
    }
}
