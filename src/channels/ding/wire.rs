//! DingTalk custom robot (自定义机器人): text and markdown, @-mentions, and 加签 signing.

use crate::channels::{BuildContext, Channel, Outcome, errcode_outcome};
use crate::digest::hmac_sha256;
use crate::error::{Error, Exit};
use crate::pacing::Destination;
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::transport::Reply;
use base64::Engine;
use serde::Serialize;

pub(crate) const DEFAULT_BASE_URL: &str = "https://oapi.dingtalk.com";

/// The service caps the whole JSON body at 20000 bytes; the text can be no longer.
const MAX_BODY_BYTES: usize = 20_000;

/// 130101 "send too fast, exceed 20 times per minute", 410100 throttled, -1 system busy.
const BUSY_CODES: &[i64] = &[130101, 410100, -1];

/// Who to @-mention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Mentions {
    pub at_mobiles: Vec<String>,
    pub at_user_ids: Vec<String>,
    pub is_at_all: bool,
}

impl Mentions {
    fn is_empty(&self) -> bool {
        self.at_mobiles.is_empty() && self.at_user_ids.is_empty() && !self.is_at_all
    }
}

/// A configured robot and the shape of the message to send.
#[derive(Debug, Clone)]
pub(crate) struct Ding {
    pub access_token: Secret,
    pub secret: Option<Secret>,
    pub base_url: String,
    /// The conversation-list title of a markdown message; `None` sends text.
    pub markdown_title: Option<String>,
    pub mentions: Mentions,
}

#[derive(Serialize)]
#[serde(tag = "msgtype", rename_all = "lowercase")]
enum Message<'a> {
    Text {
        text: Text<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<&'a Mentions>,
    },
    Markdown {
        markdown: Markdown<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<&'a Mentions>,
    },
}

#[derive(Serialize)]
struct Text<'a> {
    content: &'a str,
}

#[derive(Serialize)]
struct Markdown<'a> {
    title: &'a str,
    text: &'a str,
}

impl Ding {
    fn message<'a>(&'a self, text: &'a str) -> Message<'a> {
        let at = (!self.mentions.is_empty()).then_some(&self.mentions);
        match &self.markdown_title {
            Some(title) => Message::Markdown {
                markdown: Markdown { title, text },
                at,
            },
            None => Message::Text {
                text: Text { content: text },
                at,
            },
        }
    }
}

impl Channel for Ding {
    fn name(&self) -> &'static str {
        "ding"
    }

    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        // The text goes into a JSON string inside an envelope (msgtype, title, mentions) that counts too.
        let envelope = serde_json::to_string(&self.message("")).map_or(0, |s| s.len());
        Budget {
            max: max_bytes.unwrap_or(MAX_BODY_BYTES).saturating_sub(envelope),
            cost: Cost::JsonEscaped,
        }
    }

    fn build(&self, text: &str, ctx: &BuildContext) -> HttpRequest {
        let url = format!("{}/robot/send", self.base_url);
        let request = HttpRequest::post_json(self.name(), url, &self.message(text))
            .with_query("access_token", self.access_token.clone());
        match &self.secret {
            Some(secret) => {
                let timestamp = ctx.unix_millis();
                request
                    .with_query("timestamp", timestamp.to_string())
                    .with_query("sign", Secret::new(sign(secret.expose(), timestamp)))
            }
            None => request,
        }
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        errcode_outcome(reply, BUSY_CODES)
    }

    /// The group behind the robot, named by a short hash of its token: distinct robots count apart, and
    /// nothing of the token itself is shown.
    fn recipients(&self) -> Vec<String> {
        let digest = crate::digest::sha256_hex(self.access_token.expose().as_bytes());
        vec![format!("robot:{}", &digest[..8])]
    }

    fn destination(&self) -> Option<Destination> {
        Some(Destination::new(
            self.name(),
            &self.base_url,
            self.access_token.expose(),
            crate::pacing::DING,
        ))
    }
}

/// 加签: base64(HMAC-SHA256(key = secret, "{timestamp}\n{secret}")). The URL encoding happens on the wire.
pub(crate) fn sign(secret: &str, timestamp_ms: u64) -> String {
    let mac = hmac_sha256(
        secret.as_bytes(),
        format!("{timestamp_ms}\n{secret}").as_bytes(),
    );
    base64::engine::general_purpose::STANDARD.encode(mac)
}

/// Accepts the bare access token or the whole webhook URL that DingTalk's console shows.
pub(crate) fn access_token_from(value: &str) -> Result<Secret, Error> {
    let token = crate::channels::webhook_credential(value, "access_token");
    if token.is_empty()
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
    {
        return Err(Error::wrong(
            "ding",
            "DING_ACCESS_TOKEN",
            "is malformed: expected the robot's access_token (letters and digits) or its webhook URL",
            Exit::Config,
        )
        .with_fix("copy the robot's Webhook URL (group settings → 机器人 → the robot)"));
    }
    Ok(Secret::new(token))
}

/// A mobile number as DingTalk takes it: digits, optionally `+` and a country code, optionally one `-`.
pub(crate) fn valid_mobile(mobile: &str) -> bool {
    let digits = mobile.strip_prefix('+').unwrap_or(mobile);
    let count = digits.chars().filter(char::is_ascii_digit).count();
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '-')
        && digits.matches('-').count() <= 1
        && (5..=20).contains(&count)
}

/// A DingTalk user id: non-empty, no spaces or control characters.
pub(crate) fn valid_user_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && !id.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Value;
    use std::time::{Duration, SystemTime};

    fn robot(secret: Option<&str>) -> Ding {
        Ding {
            access_token: Secret::new("test-access-token"),
            secret: secret.map(Secret::new),
            base_url: DEFAULT_BASE_URL.into(),
            markdown_title: None,
            mentions: Mentions::default(),
        }
    }

    fn at(ms: u64) -> BuildContext {
        BuildContext::at(SystemTime::UNIX_EPOCH + Duration::from_millis(ms))
    }

    #[test]
    fn sign_matches_the_reference_vector() {
        // upstream-apis.md §3.2, cross-checked with openssl.
        assert_eq!(
            sign("SEC0123456789abcdef", 1_700_000_000_000),
            "TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk="
        );
        assert_ne!(
            sign("SEC0123456789abcdeF", 1_700_000_000_000),
            sign("SEC0123456789abcdef", 1_700_000_000_000)
        );
    }

    #[test]
    fn a_signed_request_carries_timestamp_and_url_encoded_sign() {
        let req = robot(Some("SEC0123456789abcdef")).build("hi", &at(1_700_000_000_000));
        assert_eq!(
            req.wire_url(),
            "https://oapi.dingtalk.com/robot/send?access_token=test-access-token&timestamp=1700000000000\
             &sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D"
        );
        assert_eq!(
            req.shown_url(),
            "https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1700000000000&sign=***"
        );
        assert!(matches!(req.query[2].1, Value::Secret(_)));
    }

    #[test]
    fn the_recipient_names_the_robot_without_its_token() {
        let named = robot(None).recipients();
        assert_eq!(named.len(), 1);
        assert!(
            named[0].starts_with("robot:") && named[0].len() == 14,
            "{named:?}"
        );
        assert!(!named[0].contains("test-access-token"));
        let other = Ding {
            access_token: Secret::new("another-token"),
            ..robot(None)
        };
        assert_ne!(other.recipients(), named);
    }

    #[test]
    fn unsigned_robots_send_only_the_token() {
        let req = robot(None).build("hi", &at(1));
        assert_eq!(req.query.len(), 1);
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"msgtype":"text","text":{"content":"hi"}}"#)
        );
    }

    #[test]
    fn markdown_with_mentions_has_the_service_shape() {
        let mut ding = robot(None);
        ding.markdown_title = Some("build failed".into());
        ding.mentions = Mentions {
            at_mobiles: vec!["13800138000".into()],
            at_user_ids: vec!["user123".into()],
            is_at_all: false,
        };
        let req = ding.build("**red** @13800138000", &at(1));
        assert_eq!(
            req.body.as_deref(),
            Some(
                r#"{"msgtype":"markdown","markdown":{"title":"build failed","text":"**red** @13800138000"},"at":{"atMobiles":["13800138000"],"atUserIds":["user123"],"isAtAll":false}}"#
            )
        );
    }

    #[test]
    fn the_budget_leaves_room_for_the_envelope() {
        let budget = robot(None).budget(None);
        let envelope = r#"{"msgtype":"text","text":{"content":""}}"#.len();
        assert_eq!(budget.max, 20_000 - envelope);
        assert_eq!(budget.cost, Cost::JsonEscaped);
        assert_eq!(robot(None).budget(Some(1000)).max, 1000 - envelope);
    }

    #[test]
    fn the_token_may_be_the_whole_webhook_url() {
        let token =
            access_token_from("https://oapi.dingtalk.com/robot/send?access_token=abc123&x=1");
        assert_eq!(
            token.ok().map(|t| t.expose().to_owned()).as_deref(),
            Some("abc123")
        );
        assert!(access_token_from("has space").is_err());
        assert!(access_token_from("").is_err());
    }

    #[test]
    fn mobiles_and_user_ids_are_checked() {
        for good in ["13800138000", "+8613800138000", "+852-12345678"] {
            assert!(valid_mobile(good), "{good}");
        }
        for bad in [
            "",
            "1380013800a",
            "138 0013 8000",
            "+",
            "--12345",
            "1-2-3456",
            "+-12345",
        ] {
            assert!(!valid_mobile(bad), "{bad}");
        }
        assert!(valid_user_id("manager1234"));
        assert!(!valid_user_id("two words"));
    }

    #[test]
    fn busy_codes_are_transient_and_others_permanent() {
        let reply = |body: &str| Reply {
            status: 200,
            body: body.into(),
            retry_after: None,
        };
        let ding = robot(None);
        assert!(matches!(
            ding.interpret(&reply(r#"{"errcode":130101,"errmsg":"send too fast"}"#)),
            Outcome::Busy(_)
        ));
        assert!(matches!(
            ding.interpret(&reply(
                r#"{"errcode":310000,"errmsg":"keywords not in content"}"#
            )),
            Outcome::Rejected { .. }
        ));
    }
}
