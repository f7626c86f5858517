//! Any HTTP endpoint: the message filled into a URL and a body template, and a `--success` field for
//! services that answer 200 when they refuse.

use crate::channels::{BuildContext, Channel, Outcome, snippet, unreadable};
use crate::percent::percent_encode;
use crate::request::{HttpRequest, Method, Value};
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::transport::Reply;
use serde_json::Value as Json;

/// What the body is when no template is given.
pub(crate) const DEFAULT_TEMPLATE: &str = r#"{"text": {{message}}}"#;

const PLACEHOLDERS: [&str; 2] = ["{{message}}", "{{title}}"];

/// A configured endpoint.
#[derive(Debug, Clone)]
pub(crate) struct Webhook {
    /// The URL as given, placeholders and all.
    pub url: String,
    pub method: Method,
    /// Lower-case names; every value is a secret.
    pub headers: Vec<(String, Secret)>,
    /// `None` sends no body (GET).
    pub template: Option<String>,
    /// `--content-type`: the body's type instead of the one its template implies.
    pub content_type: Option<String>,
    /// What `{{title}}` becomes.
    pub title: String,
    pub success: Option<Success>,
}

/// `--success PATH=VALUE`: the reply's JSON field at PATH must equal VALUE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Success {
    pub path: String,
    pub value: String,
}

impl Success {
    pub(crate) fn parse(spec: &str) -> Option<Self> {
        let (path, value) = spec.split_once('=')?;
        let path = path.trim();
        (!path.is_empty() && path.split('.').all(|s| !s.is_empty())).then(|| Success {
            path: path.to_owned(),
            value: value.trim().to_owned(),
        })
    }

    /// The field at the dotted path; a number segment indexes an array.
    fn field<'j>(&self, reply: &'j Json) -> Option<&'j Json> {
        self.path
            .split('.')
            .try_fold(reply, |at, segment| match at {
                Json::Array(items) => items.get(segment.parse::<usize>().ok()?),
                _ => at.get(segment),
            })
    }

    /// A string field equals VALUE as text; any other equals VALUE read as JSON (`0`, `true`, `null`).
    fn holds(&self, field: &Json) -> bool {
        match field {
            Json::String(s) => *s == self.value,
            other => serde_json::from_str::<Json>(&self.value).is_ok_and(|v| v == *other),
        }
    }
}

/// The placeholders' values for one request.
struct Fields<'a> {
    message: &'a str,
    title: &'a str,
}

impl Fields<'_> {
    fn get(&self, placeholder: &str) -> &str {
        if placeholder == PLACEHOLDERS[0] {
            self.message
        } else {
            self.title
        }
    }
}

/// `template` with every placeholder replaced by `render(value, inside_a_json_string)`.
fn fill(template: &str, fields: &Fields<'_>, render: impl Fn(&str, bool) -> String) -> String {
    let mut out = String::with_capacity(template.len() + fields.message.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if let Some(placeholder) = PLACEHOLDERS.iter().find(|p| rest.starts_with(**p)) {
            out.push_str(&render(fields.get(placeholder), in_string));
            rest = &rest[placeholder.len()..];
            continue;
        }
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => in_string = !in_string,
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The body, and whether it is JSON: in a template that is JSON once filled, a placeholder becomes a JSON
/// string literal (its escaped contents inside a string literal); otherwise values go in as they are.
pub(crate) fn render_body(template: &str, message: &str, title: &str) -> (String, bool) {
    let fields = Fields { message, title };
    let json = fill(template, &fields, |value, in_string| {
        let literal = serde_json::to_string(value).unwrap_or_default();
        if in_string {
            literal
                .strip_prefix('"')
                .and_then(|l| l.strip_suffix('"'))
                .unwrap_or_default()
                .to_owned()
        } else {
            literal
        }
    });
    // An object or an array: a bare `{{message}}` is JSON too (a string), but ntfy and Gotify's text
    // endpoints want the text itself.
    if serde_json::from_str::<Json>(&json).is_ok_and(|v| v.is_object() || v.is_array()) {
        return (json, true);
    }
    (fill(template, &fields, |value, _| value.to_owned()), false)
}

/// The URL with each placeholder percent-encoded (a space is `%20`, a `+` is `%2B`).
pub(crate) fn render_url(url: &str, message: &str, title: &str) -> String {
    fill(url, &Fields { message, title }, |value, _| {
        percent_encode(value)
    })
}

impl Channel for Webhook {
    fn name(&self) -> &'static str {
        "webhook"
    }

    /// No limit of its own: the endpoint's is whatever `--max-bytes` says.
    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        Budget {
            max: max_bytes.unwrap_or(usize::MAX),
            cost: Cost::Utf8,
        }
    }

    fn build(&self, text: &str, _ctx: &BuildContext) -> HttpRequest {
        let rendered = self
            .template
            .as_deref()
            .map(|t| render_body(t, text, &self.title));
        let mut headers: Vec<_> = self
            .headers
            .iter()
            .map(|(name, value)| (name.clone().into(), Value::Secret(value.clone())))
            .collect();
        let typed = self.headers.iter().any(|(name, _)| name == "content-type");
        if let (false, Some((_, json))) = (typed, &rendered) {
            let kind = match (&self.content_type, json) {
                (Some(kind), _) => kind.as_str(),
                (None, true) => "application/json",
                (None, false) => "text/plain; charset=utf-8",
            };
            headers.push(("content-type".into(), Value::from(kind)));
        }
        HttpRequest {
            channel: self.name(),
            method: self.method,
            url: render_url(&self.url, text, &self.title),
            query: Vec::new(),
            headers,
            body: rendered.map(|(body, _)| body),
            file: None,
        }
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        let Some(success) = &self.success else {
            return Outcome::Accepted;
        };
        let Ok(json) = serde_json::from_str::<Json>(&reply.body) else {
            return unreadable(&reply.body);
        };
        match success.field(&json) {
            Some(field) if success.holds(field) => Outcome::Accepted,
            Some(field) => Outcome::Rejected {
                code: Some(format!("{}={field}", success.path)),
                message: service_message(&json).unwrap_or_else(|| snippet(&reply.body)),
            },
            None => Outcome::Rejected {
                code: None,
                message: format!(
                    "the reply has no `{}` (--success {}={}): {}",
                    success.path,
                    success.path,
                    success.value,
                    snippet(&reply.body)
                ),
            },
        }
    }

    /// The endpoint, named by a short hash of its URL: distinct endpoints count apart, and nothing of a
    /// token in the URL is shown.
    fn recipients(&self) -> Vec<String> {
        let digest = crate::digest::sha256_hex(self.url.as_bytes());
        vec![format!("hook:{}", &digest[..8])]
    }
}

/// The explanation a service gives beside its code, under one of the usual names.
fn service_message(reply: &Json) -> Option<String> {
    ["msg", "message", "errmsg", "error", "StatusMessage"]
        .iter()
        .find_map(|key| reply.get(*key)?.as_str())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn hook(template: Option<&str>) -> Webhook {
        Webhook {
            url: "https://hooks.example/notify?via=sendmsg".into(),
            method: Method::Post,
            headers: vec![("authorization".into(), Secret::new("Bearer unit-hook-9d2c"))],
            template: template.map(str::to_owned),
            content_type: None,
            title: "t".into(),
            success: None,
        }
    }

    fn reply(body: &str) -> Reply {
        Reply {
            status: 200,
            body: body.into(),
            retry_after: None,
        }
    }

    #[test]
    fn json_templates_get_string_literals_inside_or_outside_quotes() {
        let message = "say \"hi\"\nline 2 中文 \\ end";
        let (body, json) = render_body(DEFAULT_TEMPLATE, message, "t");
        assert!(json);
        let parsed: Json = serde_json::from_str(&body).unwrap_or_default();
        assert_eq!(parsed["text"], message);
        let (body, json) = render_body(
            r#"{"msg": "[{{title}}] {{message}}", "n": 1}"#,
            message,
            "a\"b",
        );
        assert!(json);
        let parsed: Json = serde_json::from_str(&body).unwrap_or_default();
        assert_eq!(parsed["msg"], format!("[a\"b] {message}"));
        // An escaped quote does not end the string it is in.
        let (body, _) = render_body(r#"{"a": "x\"{{title}}"}"#, "m", "y");
        assert_eq!(body, r#"{"a": "x\"y"}"#);
    }

    #[test]
    fn other_templates_get_the_values_as_they_are() {
        let (body, json) = render_body("alert={{message}}&t={{title}}", "a \"b\"", "T");
        assert_eq!((body.as_str(), json), ("alert=a \"b\"&t=T", false));
    }

    #[test]
    fn url_placeholders_are_percent_encoded() {
        assert_eq!(
            render_url("http://h/p/{{title}}?m={{message}}", "a+b c&d=中", "x/y"),
            "http://h/p/x%2Fy?m=a%2Bb%20c%26d%3D%E4%B8%AD"
        );
    }

    #[test]
    fn the_request_has_the_users_headers_and_a_content_type() {
        let req =
            hook(Some(DEFAULT_TEMPLATE)).build("hi", &BuildContext::at(SystemTime::UNIX_EPOCH));
        assert_eq!(req.body.as_deref(), Some(r#"{"text": "hi"}"#));
        assert!(
            req.dry_run_line()
                .contains(r#""headers":{"authorization":"***","content-type":"application/json"}"#)
        );
        let mut typed = hook(Some("x={{message}}"));
        typed.headers.push((
            "content-type".into(),
            Secret::new("application/x-www-form-urlencoded"),
        ));
        let req = typed.build("hi", &BuildContext::at(SystemTime::UNIX_EPOCH));
        assert_eq!(req.headers.len(), 2, "the user's content-type only");
        let get = Webhook {
            method: Method::Get,
            ..hook(None)
        };
        let req = get.build("hi", &BuildContext::at(SystemTime::UNIX_EPOCH));
        assert_eq!((req.body, req.headers.len()), (None, 1));
    }

    #[test]
    fn success_fields_are_compared_as_json_or_text() {
        let mut checked = hook(None);
        assert_eq!(checked.interpret(&reply("anything")), Outcome::Accepted);
        for (spec, body, ok) in [
            ("code=0", r#"{"code":0}"#, true),
            ("code=0", r#"{"code":"0"}"#, true),
            ("code=0", r#"{"code":40001,"msg":"bad key"}"#, false),
            ("data.ok=true", r#"{"data":{"ok":true}}"#, true),
            ("data.ok=true", r#"{"data":{"ok":"false"}}"#, false),
            (
                "items.1.state=done",
                r#"{"items":[{},{"state":"done"}]}"#,
                true,
            ),
            ("status=ok", r#"{"other":1}"#, false),
        ] {
            checked.success = Success::parse(spec);
            let outcome = checked.interpret(&reply(body));
            assert_eq!(
                outcome == Outcome::Accepted,
                ok,
                "{spec} {body}: {outcome:?}"
            );
        }
        checked.success = Success::parse("code=0");
        assert_eq!(
            checked.interpret(&reply(r#"{"code":40001,"msg":"bad key"}"#)),
            Outcome::Rejected {
                code: Some("code=40001".into()),
                message: "bad key".into()
            }
        );
        assert!(matches!(
            checked.interpret(&reply("<html>")),
            Outcome::Rejected { code: None, message } if message.contains("may have been delivered")
        ));
        for bad in ["code", "=0", "a..b=1"] {
            assert_eq!(Success::parse(bad), None, "{bad}");
        }
    }
}
