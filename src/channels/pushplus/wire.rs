//! PushPlus (推送加): `POST {base}/send` with the token in the JSON body; success is `code` 200.

use crate::channels::pushes::{body_secret, client_error_outcome, code_outcome, key_label};
use crate::channels::{BuildContext, Channel, Outcome};
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::transport::Reply;
use serde::Serialize;

pub(crate) const DEFAULT_BASE_URL: &str = "https://www.pushplus.plus";

/// The title is at most 100 characters.
pub(crate) const MAX_TITLE_CHARS: usize = 100;

/// 500: the server is busy, try later (upstream-apis.md 8e). 900 (the account is restricted for sending
/// too often: more requests prolong it), 888 (points used up), 905 (no real-name verification), 401/403
/// (bad token) are refusals, never retried.
const BUSY_CODES: &[i64] = &[500];

/// How PushPlus renders `content`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Template {
    /// Plain text, shown as written
    Txt,
    /// HTML
    Html,
    /// Markdown
    Markdown,
}

/// A token, and the message's title, template and group.
#[derive(Debug, Clone)]
pub(crate) struct PushPlus {
    pub token: Secret,
    pub base_url: String,
    pub title: String,
    pub template: Template,
    /// A group (群组编码): the message goes to its members instead of the token's owner.
    pub topic: Option<String>,
}

/// The token travels in the body; the printer masks its value in a dry-run line like every registered
/// secret (see `crate::secret`).
#[derive(Serialize)]
struct Message<'a> {
    token: &'a str,
    title: &'a str,
    content: &'a str,
    template: Template,
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<&'a str>,
}

impl Channel for PushPlus {
    fn name(&self) -> &'static str {
        "pushplus"
    }

    /// PushPlus documents no content limit: none unless `--max-bytes` sets one.
    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        Budget {
            max: max_bytes.unwrap_or(usize::MAX),
            cost: Cost::Utf8,
        }
    }

    fn build(&self, text: &str, _ctx: &BuildContext) -> HttpRequest {
        let message = Message {
            token: body_secret(&self.token),
            title: &self.title,
            content: text,
            template: self.template,
            topic: self.topic.as_deref(),
        };
        HttpRequest::post_json(self.name(), format!("{}/send", self.base_url), &message)
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        code_outcome(reply, 200, BUSY_CODES)
    }

    fn interpret_client_error(&self, reply: &Reply) -> Option<Outcome> {
        client_error_outcome(reply, BUSY_CODES)
    }

    fn recipients(&self) -> Vec<String> {
        vec![match &self.topic {
            Some(topic) => format!("topic:{topic}"),
            None => key_label("token", self.token.expose()),
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn pushplus(topic: Option<&str>) -> PushPlus {
        PushPlus {
            token: Secret::new("0123456789abcdef0123456789abcdef"),
            base_url: DEFAULT_BASE_URL.into(),
            title: "backup".into(),
            template: Template::Txt,
            topic: topic.map(str::to_owned),
        }
    }

    #[test]
    fn the_request_has_the_service_shape() {
        let ctx = BuildContext::at(SystemTime::UNIX_EPOCH);
        let req = pushplus(None).build("done", &ctx);
        assert_eq!(req.wire_url(), "https://www.pushplus.plus/send");
        assert_eq!(
            req.body.as_deref(),
            Some(
                r#"{"token":"0123456789abcdef0123456789abcdef","title":"backup","content":"done","template":"txt"}"#
            )
        );
        let grouped = PushPlus {
            template: Template::Markdown,
            ..pushplus(Some("ops"))
        };
        let body = grouped.build("**x**", &ctx).body.unwrap_or_default();
        assert!(
            body.ends_with(r#""template":"markdown","topic":"ops"}"#),
            "{body}"
        );
        assert_eq!(grouped.recipients(), ["topic:ops"]);
        assert!(pushplus(None).recipients()[0].starts_with("token:"));
    }

    #[test]
    fn only_code_200_is_success_500_is_busy_and_900_a_refusal() {
        let reply = |body: &str| Reply {
            status: 200,
            body: body.into(),
            retry_after: None,
        };
        let p = pushplus(None);
        assert_eq!(
            p.interpret(&reply(r#"{"code":200,"msg":"请求成功","data":"abc"}"#)),
            Outcome::Accepted
        );
        assert_eq!(
            p.interpret(&reply(
                r#"{"code":900,"msg":"用户账号使用受限","data":null}"#
            )),
            Outcome::Rejected {
                code: Some("code 900".into()),
                message: "用户账号使用受限".into()
            }
        );
        assert!(matches!(
            p.interpret(&reply(r#"{"code":500,"msg":"服务器繁忙，请稍后再试","data":null}"#)),
            Outcome::Busy(reason) if reason == "code 500: 服务器繁忙，请稍后再试"
        ));
        for code in [888, 905, 401, 403] {
            let body = format!(r#"{{"code":{code},"msg":"x","data":null}}"#);
            assert!(
                matches!(p.interpret(&reply(&body)), Outcome::Rejected { .. }),
                "{code}"
            );
        }
        assert_eq!(
            p.interpret(&reply(r#"{"code":903,"msg":"无效的用户令牌","data":null}"#)),
            Outcome::Rejected {
                code: Some("code 903".into()),
                message: "无效的用户令牌".into()
            }
        );
        assert_eq!(p.budget(None).max, usize::MAX);
        assert_eq!(p.budget(Some(500)).max, 500);
    }
}
