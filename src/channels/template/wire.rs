//! WeChat Official Account (公众号) template messages: one `message/template/send` per follower with a cached
//! access token, or the same notice through a notices gateway (seed 002) with a Bearer token. A template
//! message carries fields, not free text, so every recipient is one request and all of them are tried.

use crate::channels::token::TokenSpec;
use crate::channels::{BuildContext, Channel, Outcome, errcode_outcome, unreadable};
use crate::error::{Error, Exit};
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::token_cache::CacheKey;
use crate::transport::Reply;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

pub(crate) const DEFAULT_BASE_URL: &str = "https://api.weixin.qq.com";

/// -1 system busy. (45009 is the daily quota: retrying within a run cannot help.)
const BUSY_CODES: &[i64] = &[-1];
/// 40001 credential invalid or not the latest, 40014 invalid access_token, 42001 expired.
const TOKEN_INVALID_CODES: &[i64] = &[40001, 40014, 42001];

/// One template field: `KEY=VALUE` or `KEY=VALUE#RRGGBB`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: String,
    pub value: String,
    pub color: Option<String>,
}

impl Field {
    /// Parses `--field`. Only a trailing `#` and exactly six hex digits is a colour, so `note=ticket #12`
    /// is all value. A VALUE of `-` is returned as is; the caller reads stdin for it.
    pub fn parse(spec: &str) -> Result<Self, Error> {
        let bad = |why: &str| {
            Error::invalid(
                "template",
                "--field",
                spec,
                format!("{why}: expected KEY=VALUE or KEY=VALUE#RRGGBB"),
                Exit::BadInput,
            )
        };
        let (key, rest) = spec.split_once('=').ok_or_else(|| bad("has no `=`"))?;
        if key.is_empty()
            || key.len() > 64
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        {
            return Err(bad("has a malformed KEY (letters, digits, `_`, `.`, `-`)"));
        }
        // `get` is `None` when the cut would fall inside a character, which is then no colour either.
        let colour_at = rest.len().checked_sub(7);
        let (value, color) = match colour_at.and_then(|at| Some((rest.get(..at)?, rest.get(at..)?)))
        {
            Some((value, tail))
                if tail.starts_with('#') && tail[1..].chars().all(|c| c.is_ascii_hexdigit()) =>
            {
                (value, Some(tail.to_owned()))
            }
            _ => (rest, None),
        };
        Ok(Self {
            key: key.to_owned(),
            value: value.to_owned(),
            color,
        })
    }
}

/// The fields as the `data` object, in the order given.
struct Data<'a>(&'a [Field]);

impl Serialize for Data<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Entry<'a> {
            value: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            color: Option<&'a str>,
        }
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for field in self.0 {
            let entry = Entry {
                value: &field.value,
                color: field.color.as_deref(),
            };
            map.serialize_entry(&field.key, &entry)?;
        }
        map.end()
    }
}

/// What is sent to one recipient.
#[derive(Debug, Clone)]
pub(crate) struct Notice {
    pub to: String,
    pub template_id: String,
    pub url: Option<String>,
    pub fields: Vec<Field>,
}

/// The Official Account itself.
#[derive(Debug, Clone)]
pub(crate) struct Wechat {
    pub app_id: String,
    pub app_secret: Secret,
    pub base_url: String,
    pub notice: Notice,
}

/// A notices gateway (seed 002).
#[derive(Debug, Clone)]
pub(crate) struct Gateway {
    pub url: String,
    pub token: Secret,
    pub notice: Notice,
}

/// Template messages have no free text, so there is nothing to split.
fn unlimited(_max_bytes: Option<usize>) -> Budget {
    Budget {
        max: usize::MAX,
        cost: Cost::Utf8,
    }
}

#[derive(Serialize)]
struct WechatBody<'a> {
    touser: &'a str,
    template_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    data: Data<'a>,
}

impl Channel for Wechat {
    fn name(&self) -> &'static str {
        "template"
    }

    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        unlimited(max_bytes)
    }

    fn build(&self, _text: &str, ctx: &BuildContext) -> HttpRequest {
        let body = WechatBody {
            touser: &self.notice.to,
            template_id: &self.notice.template_id,
            url: self.notice.url.as_deref(),
            data: Data(&self.notice.fields),
        };
        let url = format!("{}/cgi-bin/message/template/send", self.base_url);
        HttpRequest::post_json(self.name(), url, &body)
            .with_query("access_token", ctx.access_token.clone().unwrap_or_default())
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        errcode_outcome(reply, BUSY_CODES)
    }

    fn token(&self) -> Option<TokenSpec> {
        let url = format!("{}/cgi-bin/token", self.base_url);
        Some(TokenSpec {
            cache_key: CacheKey::new("wechat", &self.base_url, &self.app_id, &self.app_secret),
            request: HttpRequest::get(self.name(), url)
                .with_query("grant_type", "client_credential")
                .with_query("appid", self.app_id.as_str())
                .with_query("secret", self.app_secret.clone()),
            busy_codes: BUSY_CODES,
            invalid_codes: TOKEN_INVALID_CODES,
        })
    }
}

#[derive(Serialize)]
struct GatewayBody<'a> {
    to: &'a str,
    template: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    data: Data<'a>,
}

impl Channel for Gateway {
    fn name(&self) -> &'static str {
        "template"
    }

    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        unlimited(max_bytes)
    }

    fn build(&self, _text: &str, _ctx: &BuildContext) -> HttpRequest {
        let body = GatewayBody {
            to: &self.notice.to,
            template: &self.notice.template_id,
            url: self.notice.url.as_deref(),
            data: Data(&self.notice.fields),
        };
        let url = format!("{}/message/v2/notices", self.url);
        let bearer = Secret::new(format!("Bearer {}", self.token.expose()));
        HttpRequest::post_json(self.name(), url, &body).with_header("authorization", bearer)
    }

    /// Success is `{"code":200}`; anything else carries its own code.
    fn interpret(&self, reply: &Reply) -> Outcome {
        #[derive(Deserialize)]
        struct Answer {
            code: Option<i64>,
            message: Option<String>,
            msg: Option<String>,
        }
        match serde_json::from_str::<Answer>(&reply.body) {
            Ok(Answer {
                code: Some(200), ..
            }) => Outcome::Accepted,
            Ok(Answer {
                code: Some(code),
                message,
                msg,
            }) => Outcome::Rejected {
                code: Some(format!("code {code}")),
                message: message.or(msg).unwrap_or_default(),
            },
            _ => unreadable(&reply.body),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn field(spec: &str) -> Field {
        Field::parse(spec).unwrap_or_else(|e| panic!("{spec}: {e}"))
    }

    #[test]
    fn only_a_trailing_hash_and_six_hex_digits_is_a_colour() {
        assert_eq!(field("amount=98%#FF0000").color.as_deref(), Some("#FF0000"));
        assert_eq!(field("amount=98%#FF0000").value, "98%");
        assert_eq!(field("note=ticket #12").value, "ticket #12");
        assert_eq!(field("note=ticket #12").color, None);
        assert_eq!(field("x=#12345G").value, "#12345G");
        assert_eq!(field("x=#abcdef").value, "");
        assert_eq!(field("x=a=b").value, "a=b");
        assert_eq!(field("x=").value, "");
        assert_eq!(field("x=长#00ff00").value, "长");
        assert_eq!(field("x=长长xy").value, "长长xy");
    }

    #[test]
    fn malformed_fields_are_bad_input() {
        for bad in ["novalue", "=v", "a b=v", "中=v"] {
            let err = Field::parse(bad).err();
            assert_eq!(err.map(|e| e.exit().code()), Some(2), "{bad}");
        }
    }

    fn notice() -> Notice {
        Notice {
            to: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o".into(),
            template_id: "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY".into(),
            url: Some("https://example.com/d".into()),
            fields: vec![field("thing1=巧克力"), field("time3=2024-01-01#173177")],
        }
    }

    #[test]
    fn the_wechat_request_has_the_service_shape() {
        let wechat = Wechat {
            app_id: "wx-unit-app".into(),
            app_secret: Secret::new("unit-app-secret"),
            base_url: DEFAULT_BASE_URL.into(),
            notice: notice(),
        };
        let ctx = BuildContext {
            now: SystemTime::now(),
            access_token: Some(Secret::new("unit-mp-token")),
            nonce: 0,
        };
        let req = wechat.build("", &ctx);
        assert_eq!(
            req.body.as_deref(),
            Some(
                r##"{"touser":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","template_id":"ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY","url":"https://example.com/d","data":{"thing1":{"value":"巧克力"},"time3":{"value":"2024-01-01","color":"#173177"}}}"##
            )
        );
        assert!(
            req.shown_url()
                .ends_with("/cgi-bin/message/template/send?access_token=***")
        );
        let token = wechat.token().expect("a token spec");
        assert_eq!(
            token.request.shown_url(),
            "https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx-unit-app&secret=***"
        );
    }

    #[test]
    fn the_gateway_request_carries_a_masked_bearer() {
        let gateway = Gateway {
            url: "https://gw.example.com".into(),
            token: Secret::new("unit-gateway-token"),
            notice: Notice {
                url: None,
                ..notice()
            },
        };
        let req = gateway.build("", &BuildContext::at(SystemTime::now()));
        assert!(
            req.dry_run_line()
                .contains(r#""headers":{"content-type":"application/json","authorization":"***"}"#)
        );
        assert_eq!(req.headers[1].1.expose(), "Bearer unit-gateway-token");
        assert!(
            req.body.as_deref().is_some_and(
                |b| b.starts_with(r#"{"to":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","template":"#)
            )
        );
        let reply = |body: &str| Reply {
            status: 200,
            body: body.into(),
            retry_after: None,
        };
        assert_eq!(
            gateway.interpret(&reply(r#"{"code":200}"#)),
            Outcome::Accepted
        );
        assert_eq!(
            gateway.interpret(&reply(r#"{"code":403,"message":"no such template"}"#)),
            Outcome::Rejected {
                code: Some("code 403".into()),
                message: "no such template".into()
            }
        );
    }
}
