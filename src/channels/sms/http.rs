//! A plain HTTP SMS gateway (seed 004): `GET URL?mobile=M&content=TEXT`, one request per number.
//! Success is HTTP 2xx and, when the reply is JSON with `code` or `errorCode`, that value is 0 or 1000.

use super::Mobile;
use crate::channels::{BuildContext, Channel, Outcome};
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::transport::Reply;

/// What one SMS can carry through such a gateway, in bytes of UTF-8.
const MAX_TEXT_BYTES: usize = 500;

/// The gateway's success codes: 0 by convention, 1000 in seed 004's API.
const SUCCESS_CODES: &[i64] = &[0, 1000];

/// The gateway's limit on one message, after `--max-bytes`.
pub(crate) fn text_budget(max_bytes: Option<usize>) -> Budget {
    Budget {
        max: max_bytes.unwrap_or(MAX_TEXT_BYTES),
        cost: Cost::Utf8,
    }
}

/// The gateway, addressed to one number.
#[derive(Debug, Clone)]
pub(crate) struct Gateway {
    /// The full endpoint; it may carry a query of its own.
    pub url: String,
    /// Sent as the `OPS-Token` header, as seed 004's gateway requires.
    pub token: Option<Secret>,
    pub mobile: Mobile,
}

impl Channel for Gateway {
    fn name(&self) -> &'static str {
        "sms"
    }

    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        text_budget(max_bytes)
    }

    fn build(&self, text: &str, _ctx: &BuildContext) -> HttpRequest {
        let request = HttpRequest::get(self.name(), self.url.clone())
            .with_query("mobile", self.mobile.as_str())
            .with_query("content", text);
        match &self.token {
            Some(token) => request.with_header("ops-token", token.clone()),
            None => request,
        }
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        let Ok(serde_json::Value::Object(body)) = serde_json::from_str(&reply.body) else {
            return Outcome::Accepted;
        };
        let Some((field, code)) = ["code", "errorCode"]
            .into_iter()
            .find_map(|field| body.get(field).map(|code| (field, code)))
        else {
            return Outcome::Accepted;
        };
        let number = code
            .as_i64()
            .or_else(|| code.as_str().and_then(|s| s.trim().parse().ok()));
        if number.is_some_and(|n| SUCCESS_CODES.contains(&n)) {
            return Outcome::Accepted;
        }
        let message = ["msg", "message", "errorMsg", "data"]
            .into_iter()
            .find_map(|key| body.get(key).and_then(|v| v.as_str()))
            .unwrap_or("(no message)");
        Outcome::Rejected {
            code: Some(format!("{field} {code}")),
            message: message.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn gateway(token: Option<&str>) -> Gateway {
        Gateway {
            url: "http://gw.example/api/third/sms/sendMsg".into(),
            token: token.map(Secret::new),
            mobile: Mobile::parse("13800138000").expect("valid"),
        }
    }

    #[test]
    fn the_text_and_number_go_in_the_query_and_the_token_in_a_masked_header() {
        let ctx = BuildContext {
            now: SystemTime::UNIX_EPOCH,
            nonce: 0,
            access_token: None,
        };
        let request = gateway(Some("ops-token-1234")).build("磁盘 满了", &ctx);
        assert_eq!(
            request.wire_url(),
            "http://gw.example/api/third/sms/sendMsg?mobile=13800138000&content=%E7%A3%81%E7%9B%98%20%E6%BB%A1%E4%BA%86"
        );
        assert_eq!(
            request.dry_run_line(),
            r#"{"channel":"sms","method":"GET","url":"http://gw.example/api/third/sms/sendMsg?mobile=13800138000&content=%E7%A3%81%E7%9B%98%20%E6%BB%A1%E4%BA%86","headers":{"ops-token":"***"}}"#
        );
        assert!(gateway(None).build("x", &ctx).headers.is_empty());
    }

    #[test]
    fn success_is_2xx_with_code_0_or_1000_when_there_is_one() {
        let outcome = |body: &str| {
            gateway(None).interpret(&Reply {
                status: 200,
                body: body.into(),
                retry_after: None,
            })
        };
        for ok in [
            r#"{"code":1000,"data":"ok"}"#,
            r#"{"code":0}"#,
            r#"{"errorCode":"0"}"#,
            r#"{"status":"whatever"}"#,
            "OK",
            "",
        ] {
            assert_eq!(outcome(ok), Outcome::Accepted, "{ok}");
        }
        assert_eq!(
            outcome(r#"{"code":1001,"data":"手机号格式错误"}"#),
            Outcome::Rejected {
                code: Some("code 1001".into()),
                message: "手机号格式错误".into()
            }
        );
        assert!(matches!(
            outcome(r#"{"errorCode":"E42","message":"no balance"}"#),
            Outcome::Rejected { code: Some(c), .. } if c == r#"errorCode "E42""#
        ));
    }
}
