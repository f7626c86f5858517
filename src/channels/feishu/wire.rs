//! Feishu / Lark custom bot (飞书自定义机器人): text or a markdown card, @-mentions, and 签名校验.

use crate::channels::{BuildContext, Channel, Outcome, unreadable};
use crate::digest::hmac_sha256;
use crate::error::{Error, Exit};
use crate::pacing::Destination;
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::transport::Reply;
use base64::Engine;
use serde::{Deserialize, Serialize};

pub(crate) const DEFAULT_BASE_URL: &str = "https://open.feishu.cn";

/// Where a hook lives under the base URL; a pasted webhook URL is split here into base and token.
const HOOK_PATH: &str = "/open-apis/bot/v2/hook/";

/// The service caps the whole JSON request body at 20 KB; the text can be no longer.
const MAX_BODY_BYTES: usize = 20 * 1024;

/// 11232: frequency limited (5 a second, 100 a minute per bot).
const BUSY_CODES: &[i64] = &[11232];

/// A base64 HMAC-SHA256 is always 44 characters, and a Unix time in seconds 10 digits until 2286: the
/// budget reserves exactly their room.
const SIGN_LEN: usize = 44;
const TIMESTAMP_LEN: usize = 10;

/// A configured bot and the shape of the message to send.
#[derive(Debug, Clone)]
pub(crate) struct Feishu {
    pub token: Secret,
    pub secret: Option<Secret>,
    pub base_url: String,
    pub shape: Shape,
}

/// Text, or an interactive card with one markdown element (and a header when titled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    Text,
    Card { title: Option<String> },
}

#[derive(Serialize)]
pub(super) struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign: Option<String>,
    #[serde(flatten)]
    message: Message<'a>,
}

#[derive(Serialize)]
#[serde(tag = "msg_type", rename_all = "lowercase")]
pub(super) enum Message<'a> {
    Text {
        content: TextContent<'a>,
    },
    Interactive {
        card: Card<'a>,
    },
    /// An image uploaded through the app, by its key.
    Image {
        content: ImageContent<'a>,
    },
}

#[derive(Serialize)]
pub(super) struct ImageContent<'a> {
    pub(super) image_key: &'a str,
}

#[derive(Serialize)]
pub(super) struct TextContent<'a> {
    text: &'a str,
}

#[derive(Serialize)]
pub(super) struct Card<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    header: Option<Header<'a>>,
    elements: [Element<'a>; 1],
}

#[derive(Serialize)]
struct Header<'a> {
    title: Tagged<'a>,
}

#[derive(Serialize)]
struct Tagged<'a> {
    tag: &'static str,
    content: &'a str,
}

type Element<'a> = Tagged<'a>;

impl Feishu {
    /// The hook's request for the body `body` makes with the signature (timestamp and sign), when signed.
    pub(super) fn post<'a>(
        &'a self,
        ctx: &BuildContext,
        body: impl FnOnce(Option<(String, String)>) -> Body<'a>,
    ) -> HttpRequest {
        let url = format!("{}{HOOK_PATH}{}", self.base_url, self.token.expose());
        let signature = self.secret.as_ref().map(|secret| {
            let timestamp = ctx.unix_secs();
            // Registered so the signature is masked wherever the body is shown.
            let sign = Secret::new(sign(secret.expose(), timestamp));
            (timestamp.to_string(), sign.expose().to_owned())
        });
        HttpRequest::post_json("feishu", url, &body(signature))
    }

    /// An image message, by the key of an image uploaded through the app.
    pub(super) fn image_body(image_key: &str, signature: Option<(String, String)>) -> Body<'_> {
        let (timestamp, sign) = signature.unzip();
        Body {
            timestamp,
            sign,
            message: Message::Image {
                content: ImageContent { image_key },
            },
        }
    }

    fn body<'a>(&'a self, text: &'a str, signature: Option<(String, String)>) -> Body<'a> {
        let message = match &self.shape {
            Shape::Text => Message::Text {
                content: TextContent { text },
            },
            Shape::Card { title } => Message::Interactive {
                card: Card {
                    header: title.as_deref().map(|content| Header {
                        title: Tagged {
                            tag: "plain_text",
                            content,
                        },
                    }),
                    elements: [Tagged {
                        tag: "markdown",
                        content: text,
                    }],
                },
            },
        };
        let (timestamp, sign) = signature.unzip();
        Body {
            timestamp,
            sign,
            message,
        }
    }
}

impl Channel for Feishu {
    fn name(&self) -> &'static str {
        "feishu"
    }

    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        // The limit is on the whole body: the envelope (type, card, timestamp and sign) counts too.
        let signature = self
            .secret
            .as_ref()
            .map(|_| ("0".repeat(TIMESTAMP_LEN), "=".repeat(SIGN_LEN)));
        let envelope = serde_json::to_string(&self.body("", signature)).map_or(0, |s| s.len());
        Budget {
            max: max_bytes.unwrap_or(MAX_BODY_BYTES).saturating_sub(envelope),
            cost: Cost::JsonEscaped,
        }
    }

    fn build(&self, text: &str, ctx: &BuildContext) -> HttpRequest {
        self.post(ctx, |signature| self.body(text, signature))
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        verdict(&reply.body).unwrap_or_else(|| unreadable(&reply.body))
    }

    /// Feishu explains a refused request in its own envelope on HTTP 400 too (9499 bad request).
    fn interpret_client_error(&self, reply: &Reply) -> Option<Outcome> {
        verdict(&reply.body)
    }

    /// The group behind the bot, named by a short hash of its token.
    fn recipients(&self) -> Vec<String> {
        let digest = crate::digest::sha256_hex(self.token.expose().as_bytes());
        vec![format!("bot:{}", &digest[..8])]
    }

    fn destination(&self) -> Option<Destination> {
        Some(Destination::new(
            self.name(),
            &self.base_url,
            self.token.expose(),
            crate::pacing::FEISHU,
        ))
    }
}

/// Both reply shapes: `{"code":0,"msg":"success"}` and the older `{"StatusCode":0,"StatusMessage":…}`.
#[derive(Deserialize)]
struct Envelope {
    code: Option<i64>,
    msg: Option<String>,
    #[serde(rename = "StatusCode")]
    status_code: Option<i64>,
    #[serde(rename = "StatusMessage")]
    status_message: Option<String>,
}

/// The service's verdict, when the body is its envelope.
pub(super) fn verdict(body: &str) -> Option<Outcome> {
    let envelope = serde_json::from_str::<Envelope>(body).ok()?;
    let code = envelope.code.or(envelope.status_code)?;
    let message = envelope.msg.or(envelope.status_message).unwrap_or_default();
    Some(match code {
        0 => Outcome::Accepted,
        busy if BUSY_CODES.contains(&busy) => Outcome::Busy(format!("code {code}: {message}")),
        _ => Outcome::Rejected {
            code: Some(format!("code {code}")),
            message,
        },
    })
}

/// 签名校验: Base64(HMAC-SHA256(key = "{timestamp}\n{secret}", message = empty)), the timestamp in seconds.
/// The key and the message are the other way round from DingTalk's 加签.
pub(crate) fn sign(secret: &str, timestamp_secs: u64) -> String {
    let mac = hmac_sha256(format!("{timestamp_secs}\n{secret}").as_bytes(), b"");
    base64::engine::general_purpose::STANDARD.encode(mac)
}

/// The hook's token, and the base URL when `value` is the whole webhook URL the console shows (its scheme,
/// host and port are kept: a Lark or private deployment's URL is used as given).
pub(crate) fn hook_from(value: &str) -> Result<(Secret, Option<String>), Error> {
    let value = value.trim();
    let (base, token) = if value.starts_with("https://") || value.starts_with("http://") {
        let Some((base, token)) = value.split_once(HOOK_PATH) else {
            return Err(Error::wrong(
                "feishu",
                "FEISHU_WEBHOOK",
                format!("is a URL without {HOOK_PATH}: copy the bot's whole webhook address"),
                Exit::Config,
            ));
        };
        (Some(base.to_owned()), token.trim_end_matches('/'))
    } else {
        (None, value)
    };
    if token.is_empty()
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
    {
        return Err(Error::wrong(
            "feishu",
            "FEISHU_WEBHOOK",
            "is malformed: expected the bot's token (letters, digits, -) or its webhook URL",
            Exit::Config,
        ));
    }
    Ok((Secret::new(token), base))
}

/// An open_id or user_id as it can sit inside an `<at>` tag.
pub(crate) fn valid_user_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
}

/// The mention tags, in the syntax of the message type: text takes `<at user_id="…">`, card markdown
/// `<at id=…>`.
pub(crate) fn mention_tags(shape: &Shape, at_all: bool, users: &[String]) -> Vec<String> {
    let all = at_all.then_some("all");
    all.into_iter()
        .chain(users.iter().map(String::as_str))
        .map(|id| match shape {
            Shape::Text => format!("<at user_id=\"{id}\"></at>"),
            Shape::Card { .. } => format!("<at id={id}></at>"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn bot(secret: Option<&str>) -> Feishu {
        Feishu {
            token: Secret::new("unit-hook-token-0f1e"),
            secret: secret.map(Secret::new),
            base_url: DEFAULT_BASE_URL.into(),
            shape: Shape::Text,
        }
    }

    fn at(secs: u64) -> BuildContext {
        BuildContext::at(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
    }

    fn reply(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.into(),
            retry_after: None,
        }
    }

    #[test]
    fn sign_matches_the_reference_vector() {
        // upstream-apis.md §8a, computed with python3 hmac.
        assert_eq!(
            sign("test-secret", 1_599_360_473),
            "wSds2BzzFIIGf/WrhUO+NI1q/9j+FRJd3JNHKAq0NZY="
        );
        // The swapped form many snippets use is a different signature.
        let swapped = base64::engine::general_purpose::STANDARD
            .encode(hmac_sha256(b"test-secret", b"1599360473\ntest-secret"));
        assert_ne!(sign("test-secret", 1_599_360_473), swapped);
    }

    #[test]
    fn a_signed_text_carries_timestamp_and_sign_in_the_body() {
        let req = bot(Some("test-secret")).build("hi", &at(1_599_360_473));
        assert_eq!(
            req.wire_url(),
            "https://open.feishu.cn/open-apis/bot/v2/hook/unit-hook-token-0f1e"
        );
        assert_eq!(
            req.body.as_deref(),
            Some(
                r#"{"timestamp":"1599360473","sign":"wSds2BzzFIIGf/WrhUO+NI1q/9j+FRJd3JNHKAq0NZY=","msg_type":"text","content":{"text":"hi"}}"#
            )
        );
        // The printed forms never show the signature.
        assert!(!crate::secret::redact(&req.dry_run_line()).contains("wSds2Bzz"));
    }

    #[test]
    fn a_markdown_card_has_the_service_shape() {
        let mut card = bot(None);
        card.shape = Shape::Card {
            title: Some("Deploy".into()),
        };
        assert_eq!(
            card.build("**done**", &at(1)).body.as_deref(),
            Some(
                r#"{"msg_type":"interactive","card":{"header":{"title":{"tag":"plain_text","content":"Deploy"}},"elements":[{"tag":"markdown","content":"**done**"}]}}"#
            )
        );
        card.shape = Shape::Card { title: None };
        assert_eq!(
            card.build("x", &at(1)).body.as_deref(),
            Some(
                r#"{"msg_type":"interactive","card":{"elements":[{"tag":"markdown","content":"x"}]}}"#
            )
        );
    }

    #[test]
    fn the_budget_is_the_whole_body() {
        // What the budget leaves plus what the text costs is exactly the body sent, signed or not.
        for (feishu, text) in [(bot(None), "a\n\"b\""), (bot(Some("s3cret")), "中文\n")] {
            let budget = feishu.budget(None);
            let sent = feishu
                .build(text, &at(1_700_000_000))
                .body
                .unwrap_or_default();
            assert_eq!(sent.len(), 20 * 1024 - budget.max + budget.cost.of(text));
        }
        assert_eq!(
            bot(None).budget(Some(1000)).max,
            1000 - r#"{"msg_type":"text","content":{"text":""}}"#.len()
        );
    }

    #[test]
    fn both_reply_shapes_are_read() {
        let feishu = bot(None);
        for ok in [
            r#"{"code":0,"data":{},"msg":"success"}"#,
            r#"{"Extra":null,"StatusCode":0,"StatusMessage":"success"}"#,
        ] {
            assert_eq!(feishu.interpret(&reply(200, ok)), Outcome::Accepted, "{ok}");
        }
        assert_eq!(
            feishu.interpret(&reply(200, r#"{"code":19021,"msg":"sign match fail"}"#)),
            Outcome::Rejected {
                code: Some("code 19021".into()),
                message: "sign match fail".into()
            }
        );
        assert!(matches!(
            feishu.interpret(&reply(200, r#"{"code":11232,"msg":"frequency limited"}"#)),
            Outcome::Busy(_)
        ));
        assert!(matches!(
            feishu.interpret(&reply(200, r#"{"data":{}}"#)),
            Outcome::Rejected { code: None, .. }
        ));
        assert_eq!(
            crate::channels::classify(&feishu, &reply(400, r#"{"code":9499,"msg":"Bad Request"}"#)),
            Outcome::Rejected {
                code: Some("code 9499".into()),
                message: "Bad Request".into()
            }
        );
    }

    #[test]
    fn a_pasted_webhook_url_keeps_its_host() {
        let hook = hook_from("http://127.0.0.1:9/open-apis/bot/v2/hook/ab-12_c/").ok();
        let (token, base) = hook.unwrap_or_default();
        assert_eq!(token.expose(), "ab-12_c");
        assert_eq!(base.as_deref(), Some("http://127.0.0.1:9"));
        let bare = hook_from(" ab-12 ").ok().unwrap_or_default();
        assert_eq!((bare.0.expose(), bare.1), ("ab-12", None));
        for bad in [
            "",
            "a b",
            "https://open.feishu.cn/other/abc",
            "https://x/open-apis/bot/v2/hook/",
        ] {
            assert_eq!(
                hook_from(bad).err().map(|e| e.exit().code()),
                Some(3),
                "{bad}"
            );
        }
    }

    #[test]
    fn mentions_use_the_syntax_of_the_message_type() {
        let users = ["ou_1".to_owned()];
        assert_eq!(
            mention_tags(&Shape::Text, true, &users),
            [r#"<at user_id="all"></at>"#, r#"<at user_id="ou_1"></at>"#]
        );
        assert_eq!(
            mention_tags(&Shape::Card { title: None }, false, &users),
            ["<at id=ou_1></at>"]
        );
        assert!(valid_user_id("ou_7d8a6e6df7621556ce0d21922b676706"));
        assert!(!valid_user_id("ou\"><at"));
    }
}
