//! Plain request values. A channel builds these from config and text; the transport sends or prints them.
//! Nothing here does I/O, so every request a channel makes can be inspected in a unit test.

use crate::percent::percent_encode;
use crate::secret::{MASK, Secret};
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Method {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
    /// Only the `webhook` channel, for endpoints that take PUT.
    #[serde(rename = "PUT")]
    Put,
    /// Only `sendmsg check`'s reachability probe: it asks for nothing and sends nothing.
    #[serde(rename = "HEAD")]
    Head,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Head => "HEAD",
        }
    }
}

/// A query parameter or header value: secret ones are masked in every printed form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Plain(String),
    Secret(Secret),
}

impl Value {
    pub fn expose(&self) -> &str {
        match self {
            Value::Plain(v) => v,
            Value::Secret(s) => s.expose(),
        }
    }

    pub fn shown(&self) -> &str {
        match self {
            Value::Plain(v) => v,
            Value::Secret(_) => MASK,
        }
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Plain(v.to_owned())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Plain(v)
    }
}

impl From<Secret> for Value {
    fn from(v: Secret) -> Self {
        Value::Secret(v)
    }
}

/// One HTTP request as it will go on the wire.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub channel: &'static str,
    pub method: Method,
    /// Scheme, host and path; the query lives in `query` so that it can be masked.
    pub url: String,
    pub query: Vec<(&'static str, Value)>,
    /// Lower-case names; owned only for the names a user gives (`webhook --header`).
    pub headers: Vec<(Cow<'static, str>, Value)>,
    /// The exact JSON text sent: serialized once, so a signature over it signs these very bytes.
    pub body: Option<String>,
    /// A file the request carries: shown on a dry-run as `{"name","bytes","md5"}`, never as its bytes.
    pub file: Option<Carried>,
}

/// A file read for sending (an image, an attachment), shared by the requests that carry it.
#[derive(Debug, PartialEq, Eq)]
pub struct Media {
    /// The file's name, without its directories.
    pub name: String,
    pub bytes: Vec<u8>,
    /// Lower-case hex of the MD5 of the bytes.
    pub md5: String,
}

impl Media {
    pub fn new(name: String, bytes: Vec<u8>) -> Self {
        let md5 = crate::digest::md5_hex(&bytes);
        Media { name, bytes, md5 }
    }

    /// The standard Base64 of the bytes.
    pub fn base64(&self) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(&self.bytes)
    }

    /// What a dry-run shows in place of the file: `{"name","bytes","md5"}`, in that order.
    fn shown(&self) -> String {
        #[derive(Serialize)]
        struct Shown<'a> {
            name: &'a str,
            bytes: usize,
            md5: &'a str,
        }
        serde_json::to_string(&Shown {
            name: &self.name,
            bytes: self.bytes.len(),
            md5: &self.md5,
        })
        .unwrap_or_default()
    }
}

/// How a request carries its file.
#[derive(Debug, Clone)]
pub struct Carried {
    pub media: Arc<Media>,
    pub how: Carry,
}

#[derive(Debug, Clone)]
pub enum Carry {
    /// As Base64 in a string of the JSON body.
    Base64,
    /// As `multipart/form-data`: these text fields, then the file in the part named `field` (type
    /// `application/octet-stream`); the request then has no `body`.
    Multipart {
        fields: Vec<(&'static str, String)>,
        field: &'static str,
    },
}

impl HttpRequest {
    /// A POST of `body` as JSON.
    pub fn post_json(channel: &'static str, url: String, body: &impl Serialize) -> Self {
        // Serializing our own derive(Serialize) types cannot fail; an empty body would be rejected upstream.
        let body = serde_json::to_string(body).unwrap_or_default();
        HttpRequest {
            channel,
            method: Method::Post,
            url,
            query: Vec::new(),
            headers: vec![("content-type".into(), Value::from("application/json"))],
            body: Some(body),
            file: None,
        }
    }

    /// A GET without a body, e.g. a token request.
    pub fn get(channel: &'static str, url: String) -> Self {
        HttpRequest {
            channel,
            method: Method::Get,
            url,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            file: None,
        }
    }

    /// A POST of `form` with `media` in its part named `field` (an upload).
    pub fn post_multipart(
        channel: &'static str,
        url: String,
        fields: Vec<(&'static str, String)>,
        field: &'static str,
        media: Arc<Media>,
    ) -> Self {
        HttpRequest {
            file: Some(Carried {
                media,
                how: Carry::Multipart { fields, field },
            }),
            ..HttpRequest::get(channel, url)
        }
        .with_method(Method::Post)
    }

    /// A JSON POST whose body holds `media` as Base64 (a dry-run shows the file's name, size and MD5).
    pub fn carrying_base64(mut self, media: Arc<Media>) -> Self {
        self.file = Some(Carried {
            media,
            how: Carry::Base64,
        });
        self
    }

    fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    pub fn with_header(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<Value>,
    ) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The value of header `name` (lower-case), as it goes on the wire.
    pub fn header(&self, name: &str) -> Option<&Value> {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }

    pub fn with_query(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.query.push((name, value.into()));
        self
    }

    /// The URL with real values, for the wire only.
    pub fn wire_url(&self) -> String {
        self.url_with(Value::expose)
    }

    /// The URL with secret parameters masked, for logs, errors and dry-runs.
    pub fn shown_url(&self) -> String {
        self.url_with(Value::shown)
    }

    fn url_with(&self, render: fn(&Value) -> &str) -> String {
        let mut url = self.url.clone();
        // A URL given by the user (an SMS gateway's) may carry a query of its own.
        let mut separator = if url.contains('?') { '&' } else { '?' };
        for (name, value) in &self.query {
            url.push(separator);
            separator = '&';
            url.push_str(name);
            url.push('=');
            let value = render(value);
            if value == MASK {
                url.push_str(MASK);
            } else {
                url.push_str(&percent_encode(value));
            }
        }
        url
    }

    /// The contract's dry-run line: one JSON object, secrets masked, body exactly as sent.
    pub fn dry_run_line(&self) -> String {
        let shown = self.shown_body();
        let body = shown
            .as_deref()
            .map(|b| RawValue::from_string(b.to_owned()).map_err(|_| b));
        let line = DryRunLine {
            channel: self.channel,
            method: self.method,
            url: self.shown_url(),
            headers: ShownHeaders(&self.headers),
            body: match &body {
                Some(Ok(raw)) => Some(DryRunBody::Json(raw)),
                Some(Err(text)) => Some(DryRunBody::Text(text)),
                None => None,
            },
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

impl HttpRequest {
    /// The body as a dry-run shows it: a carried file as `{"name","bytes","md5"}`, in place of its Base64
    /// string or as its form part.
    fn shown_body(&self) -> Option<String> {
        let Some(Carried { media, how }) = &self.file else {
            return self.body.clone();
        };
        let shown = match how {
            // Base64 needs no JSON escaping, so the string is found as it is, and the body keeps its order.
            Carry::Base64 => {
                let encoded = format!("\"{}\"", media.base64());
                self.body.as_deref()?.replace(&encoded, &media.shown())
            }
            Carry::Multipart { fields, field } => {
                let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
                let mut members: Vec<String> = fields
                    .iter()
                    .map(|(name, value)| format!("{}:{}", quoted(name), quoted(value)))
                    .collect();
                members.push(format!("{}:{}", quoted(field), media.shown()));
                format!("{{{}}}", members.join(","))
            }
        };
        Some(shown)
    }
}

#[derive(Serialize)]
struct DryRunLine<'a> {
    channel: &'a str,
    method: Method,
    url: String,
    headers: ShownHeaders<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<DryRunBody<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum DryRunBody<'a> {
    Json(&'a RawValue),
    Text(&'a str),
}

/// Headers as a JSON object in the order they are sent, secret values masked.
struct ShownHeaders<'a>(&'a [(Cow<'static, str>, Value)]);

impl Serialize for ShownHeaders<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value.shown())?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dry_run_masks_secret_query_and_keeps_the_body_exact() {
        let req = HttpRequest::post_json(
            "ding",
            "https://oapi.dingtalk.com/robot/send".into(),
            &serde_json::json!({"msgtype": "text"}),
        )
        .with_query("access_token", Secret::new("tok-dry-run-1234"))
        .with_query("timestamp", "1700000000000");
        assert_eq!(
            req.dry_run_line(),
            r#"{"channel":"ding","method":"POST","url":"https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1700000000000","headers":{"content-type":"application/json"},"body":{"msgtype":"text"}}"#
        );
        assert!(req.wire_url().contains("access_token=tok-dry-run-1234"));
    }

    #[test]
    fn a_url_with_its_own_query_gets_more_parameters_appended() {
        let req =
            HttpRequest::get("sms", "http://gw/send?type=1".into()).with_query("mobile", "1 3");
        assert_eq!(req.wire_url(), "http://gw/send?type=1&mobile=1%203");
        let plain = HttpRequest::get("sms", "http://gw/send".into()).with_query("a", "b");
        assert_eq!(plain.wire_url(), "http://gw/send?a=b");
    }
}
