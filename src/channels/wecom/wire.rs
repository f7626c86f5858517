//! WeCom (企业微信): a self-built app's `message/send`, with its cached access token, and a group robot's
//! webhook. Both speak the `{"errcode","errmsg"}` envelope; the app also reports recipients it could not
//! reach inside a successful reply.

use crate::channels::media::{ImageType, Rule, Upload, WHOLE};
use crate::channels::token::TokenSpec;
use crate::channels::{BuildContext, Channel, Outcome, errcode_outcome};
use crate::error::{Error, Exit};
use crate::pacing::Destination;
use crate::request::{HttpRequest, Media};
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::token_cache::CacheKey;
use crate::transport::Reply;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub(crate) const DEFAULT_BASE_URL: &str = "https://qyapi.weixin.qq.com";

/// Content limits in bytes (upstream-apis.md §1.2, §2; the contract's limits table).
const APP_MAX_BYTES: usize = 2048;
const ROBOT_TEXT_MAX_BYTES: usize = 2048;
const ROBOT_MARKDOWN_MAX_BYTES: usize = 4096;

/// -1 system busy, 45009 call frequency exceeded, 45033 concurrency limit.
const APP_BUSY_CODES: &[i64] = &[-1, 45009, 45033];
/// 40014 invalid access_token, 42001 access_token expired.
const TOKEN_INVALID_CODES: &[i64] = &[40014, 42001];
/// 45009 is the robot's "too many messages" answer; -1 system busy.
const ROBOT_BUSY_CODES: &[i64] = &[45009, -1];

/// Who an app message goes to, each list joined with `|` as the service wants it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Recipients {
    pub users: Vec<String>,
    pub parties: Vec<String>,
    pub tags: Vec<String>,
}

/// A self-built app (自建应用).
#[derive(Debug, Clone)]
pub(crate) struct App {
    pub corp_id: String,
    pub corp_secret: Secret,
    pub agent_id: i64,
    pub recipients: Recipients,
    pub markdown: bool,
    pub base_url: String,
}

/// A group robot (群机器人).
#[derive(Debug, Clone)]
pub(crate) struct Robot {
    pub key: Secret,
    /// Mobiles to @-mention, or `@all`; text messages only.
    pub mention_mobiles: Vec<String>,
    pub format: RobotFormat,
    pub base_url: String,
}

/// The robot's message types for text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RobotFormat {
    Text,
    /// `markdown`: font colours and `<@userid>`, no tables or code blocks.
    Markdown,
    /// `markdown_v2` (2025): tables and code blocks, no font colours and no `<@userid>`.
    MarkdownV2,
}

#[derive(Serialize)]
#[serde(tag = "msgtype", rename_all = "snake_case")]
enum Content<'a> {
    Text { text: Text<'a> },
    Markdown { markdown: Text<'a> },
    MarkdownV2 { markdown_v2: Text<'a> },
}

#[derive(Serialize)]
struct Text<'a> {
    content: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    mentioned_mobile_list: &'a [String],
}

fn content<'a>(format: RobotFormat, text: &'a str, mentions: &'a [String]) -> Content<'a> {
    let text = Text {
        content: text,
        mentioned_mobile_list: mentions,
    };
    match format {
        RobotFormat::Text => Content::Text { text },
        RobotFormat::Markdown => Content::Markdown { markdown: text },
        RobotFormat::MarkdownV2 => Content::MarkdownV2 { markdown_v2: text },
    }
}

#[derive(Serialize)]
struct AppMessage<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    touser: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    toparty: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    totag: &'a str,
    #[serde(flatten)]
    content: Content<'a>,
    agentid: i64,
}

impl Channel for App {
    fn name(&self) -> &'static str {
        "wecom"
    }

    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        Budget {
            max: max_bytes.unwrap_or(APP_MAX_BYTES),
            cost: Cost::Utf8,
        }
    }

    /// The members, departments (`party:ID`) and tags (`tag:ID`) the message goes to.
    fn recipients(&self) -> Vec<String> {
        let r = &self.recipients;
        r.users
            .iter()
            .cloned()
            .chain(r.parties.iter().map(|p| format!("party:{p}")))
            .chain(r.tags.iter().map(|t| format!("tag:{t}")))
            .collect()
    }

    fn build(&self, text: &str, ctx: &BuildContext) -> HttpRequest {
        let (users, parties, tags) = (
            self.recipients.users.join("|"),
            self.recipients.parties.join("|"),
            self.recipients.tags.join("|"),
        );
        let message = AppMessage {
            touser: &users,
            toparty: &parties,
            totag: &tags,
            content: content(
                if self.markdown {
                    RobotFormat::Markdown
                } else {
                    RobotFormat::Text
                },
                text,
                &[],
            ),
            agentid: self.agent_id,
        };
        let url = format!("{}/cgi-bin/message/send", self.base_url);
        HttpRequest::post_json(self.name(), url, &message)
            .with_query("access_token", ctx.access_token.clone().unwrap_or_default())
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        match errcode_outcome(reply, APP_BUSY_CODES) {
            Outcome::Accepted => match Undelivered::read(reply) {
                Some(missed) if missed.covers(&self.recipients) => Outcome::Rejected {
                    code: None,
                    message: format!(
                        "nobody received the message: {missed}; check the ids and the app's visible range"
                    ),
                },
                _ => Outcome::Accepted,
            },
            other => other,
        }
    }

    fn token(&self) -> Option<TokenSpec> {
        let url = format!("{}/cgi-bin/gettoken", self.base_url);
        Some(TokenSpec {
            cache_key: CacheKey::new("wecom", &self.base_url, &self.corp_id, &self.corp_secret),
            request: HttpRequest::get(self.name(), url)
                .with_query("corpid", self.corp_id.as_str())
                .with_query("corpsecret", self.corp_secret.clone()),
            busy_codes: APP_BUSY_CODES,
            invalid_codes: TOKEN_INVALID_CODES,
        })
    }

    fn warning(&self, reply: &Reply) -> Option<String> {
        Undelivered::read(reply).map(|missed| format!("not delivered to {missed}"))
    }
}

/// The recipients a successful app reply lists as not reached (lower-cased by the service).
#[derive(Debug, Default, PartialEq, Eq)]
struct Undelivered {
    users: Vec<String>,
    parties: Vec<String>,
    tags: Vec<String>,
    unlicensed: Vec<String>,
}

impl Undelivered {
    /// `None` when everyone was reached.
    fn read(reply: &Reply) -> Option<Self> {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Lists {
            invaliduser: String,
            invalidparty: String,
            invalidtag: String,
            unlicenseduser: String,
        }
        let lists: Lists = serde_json::from_str(&reply.body).ok()?;
        let split = |list: &str| -> Vec<String> {
            list.split('|')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let missed = Self {
            users: split(&lists.invaliduser),
            parties: split(&lists.invalidparty),
            tags: split(&lists.invalidtag),
            unlicensed: split(&lists.unlicenseduser),
        };
        (missed != Self::default()).then_some(missed)
    }

    /// Whether every named recipient is among the missed ones (`@all` always reaches someone).
    fn covers(&self, wanted: &Recipients) -> bool {
        let all_in = |wanted: &[String], missed: &[&[String]]| {
            wanted.iter().all(|id| {
                missed
                    .iter()
                    .any(|list| list.iter().any(|m| m.eq_ignore_ascii_case(id)))
            })
        };
        !wanted.users.iter().any(|u| u == "@all")
            && all_in(&wanted.users, &[&self.users, &self.unlicensed])
            && all_in(&wanted.parties, &[&self.parties])
            && all_in(&wanted.tags, &[&self.tags])
    }
}

impl std::fmt::Display for Undelivered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let groups = [
            ("invalid users", &self.users),
            ("invalid parties", &self.parties),
            ("invalid tags", &self.tags),
            ("unlicensed users", &self.unlicensed),
        ];
        let shown: Vec<String> = groups
            .iter()
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(what, ids)| format!("{what} {}", ids.join("|")))
            .collect();
        f.write_str(&shown.join("; "))
    }
}

impl Channel for Robot {
    fn name(&self) -> &'static str {
        "wecom"
    }

    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        // markdown_v2's limit is markdown's, 4096 bytes (the service's documentation of 消息推送).
        let limit = match self.format {
            RobotFormat::Text => ROBOT_TEXT_MAX_BYTES,
            RobotFormat::Markdown | RobotFormat::MarkdownV2 => ROBOT_MARKDOWN_MAX_BYTES,
        };
        Budget {
            max: max_bytes.unwrap_or(limit),
            cost: Cost::Utf8,
        }
    }

    /// The group behind the robot, by a short hash of its key (as a DingTalk robot): two robots count
    /// apart for `--limit`/`--dedupe`, and the key itself is never shown.
    fn recipients(&self) -> Vec<String> {
        let digest = crate::digest::sha256_hex(self.key.expose().as_bytes());
        vec![format!("robot:{}", &digest[..8])]
    }

    fn build(&self, text: &str, _ctx: &BuildContext) -> HttpRequest {
        let url = format!("{}/cgi-bin/webhook/send", self.base_url);
        let message = content(self.format, text, &self.mention_mobiles);
        HttpRequest::post_json(self.name(), url, &message).with_query("key", self.key.clone())
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        errcode_outcome(reply, ROBOT_BUSY_CODES)
    }

    fn destination(&self) -> Option<Destination> {
        Some(Destination::new(
            self.name(),
            &self.base_url,
            self.key.expose(),
            crate::pacing::WECOM_ROBOT,
        ))
    }
}

/// A robot image: JPG or PNG, at most 2 MB before Base64 (upstream-apis.md §8e).
pub(crate) const ROBOT_IMAGE: Rule = Rule {
    flag: "--image",
    what: "a WeCom robot image",
    min_bytes: 1,
    max_bytes: 2 * 1024 * 1024,
    types: &[ImageType::Jpeg, ImageType::Png],
};

/// A robot file: `upload_media` takes 5 bytes to 20 MB.
pub(crate) const ROBOT_FILE: Rule = Rule {
    flag: "--attach",
    what: "a WeCom robot file",
    min_bytes: 5,
    max_bytes: 20 * 1024 * 1024,
    types: &[],
};

/// The robot's webhook, for its image and file messages.
#[derive(Debug, Clone)]
pub(crate) struct RobotHook {
    pub key: Secret,
    pub base_url: String,
}

impl Robot {
    pub(crate) fn hook(&self) -> RobotHook {
        RobotHook {
            key: self.key.clone(),
            base_url: self.base_url.clone(),
        }
    }
}

impl RobotHook {
    /// The robot's pace (20 messages a minute), shared with its text messages.
    fn destination(&self) -> Destination {
        Destination::new(
            "wecom",
            &self.base_url,
            self.key.expose(),
            crate::pacing::WECOM_ROBOT,
        )
    }

    fn send(&self, body: &impl Serialize) -> HttpRequest {
        let url = format!("{}/cgi-bin/webhook/send", self.base_url);
        HttpRequest::post_json("wecom", url, body).with_query("key", self.key.clone())
    }
}

/// An image message: the file's Base64 and the MD5 of its bytes, which the service checks against each
/// other.
pub(crate) struct RobotImage {
    pub hook: RobotHook,
    pub media: Arc<Media>,
}

/// A robot message that is not text: no size budget of its own, the robot's reply envelope.
macro_rules! robot_message {
    ($type:ty) => {
        impl Channel for $type {
            fn name(&self) -> &'static str {
                "wecom"
            }
            fn budget(&self, _max_bytes: Option<usize>) -> Budget {
                WHOLE
            }
            fn build(&self, _text: &str, _ctx: &BuildContext) -> HttpRequest {
                self.request()
            }
            fn interpret(&self, reply: &Reply) -> Outcome {
                errcode_outcome(reply, ROBOT_BUSY_CODES)
            }
            fn destination(&self) -> Option<Destination> {
                Self::PACED.then(|| self.hook.destination())
            }
        }
    };
}

robot_message!(RobotImage);
robot_message!(RobotUpload);
robot_message!(RobotFile);

impl RobotImage {
    /// A message: within the robot's 20 a minute.
    const PACED: bool = true;

    fn request(&self) -> HttpRequest {
        #[derive(Serialize)]
        struct Image<'a> {
            base64: String,
            md5: &'a str,
        }
        let body = Typed {
            msgtype: "image",
            image: Some(Image {
                base64: self.media.base64(),
                md5: &self.media.md5,
            }),
            file: None::<()>,
        };
        self.hook
            .send(&body)
            .carrying_base64(Arc::clone(&self.media))
    }
}

/// A robot message of `msgtype`, its content under the type's name.
#[derive(Serialize)]
struct Typed<I, F> {
    msgtype: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<I>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<F>,
}

/// A file's first step: `upload_media` (multipart, the file in the part `media`) for a `media_id`.
pub(crate) struct RobotUpload {
    pub hook: RobotHook,
    pub media: Arc<Media>,
}

impl RobotUpload {
    /// An upload is not a message: it takes nothing of the robot's 20 a minute.
    const PACED: bool = false;

    fn request(&self) -> HttpRequest {
        let url = format!("{}/cgi-bin/webhook/upload_media", self.hook.base_url);
        HttpRequest::post_multipart("wecom", url, Vec::new(), "media", Arc::clone(&self.media))
            .with_query("key", self.hook.key.clone())
            .with_query("type", "file")
    }
}

impl Upload for RobotUpload {
    fn key(&self, reply: &str) -> Option<String> {
        #[derive(Deserialize)]
        struct Uploaded {
            media_id: String,
        }
        serde_json::from_str::<Uploaded>(reply)
            .ok()
            .map(|u| u.media_id)
            .filter(|id| !id.is_empty())
    }

    fn message(&self, media_id: String) -> Box<dyn Channel> {
        Box::new(RobotFile {
            hook: self.hook.clone(),
            media_id,
        })
    }
}

/// A file's second step: the message carrying the uploaded `media_id`.
pub(crate) struct RobotFile {
    hook: RobotHook,
    media_id: String,
}

impl RobotFile {
    const PACED: bool = true;

    fn request(&self) -> HttpRequest {
        #[derive(Serialize)]
        struct File<'a> {
            media_id: &'a str,
        }
        self.hook.send(&Typed {
            msgtype: "file",
            image: None::<()>,
            file: Some(File {
                media_id: &self.media_id,
            }),
        })
    }
}

/// Accepts the bare webhook key or the whole webhook URL that the group's robot settings show.
pub(crate) fn bot_key_from(value: &str) -> Result<Secret, Error> {
    let key = crate::channels::webhook_credential(value, "key");
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Error::wrong(
            "wecom",
            "WECOM_BOT_KEY",
            "is malformed: expected the robot's key (letters, digits, dashes) or its webhook URL",
            Exit::Config,
        ));
    }
    Ok(Secret::new(key))
}

/// A WeCom userid: 1–64 bytes of letters, digits and `_-.@`, or `@all`.
pub(crate) fn valid_user_id(id: &str) -> bool {
    id == "@all"
        || (!id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.@".contains(c)))
}

/// A department or tag id: a non-negative integer.
pub(crate) fn valid_numeric_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 10 && id.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn app(users: &[&str]) -> App {
        App {
            corp_id: "ww-unit-corp".into(),
            corp_secret: Secret::new("unit-corp-secret"),
            agent_id: 1_000_002,
            recipients: Recipients {
                users: users.iter().map(std::string::ToString::to_string).collect(),
                parties: vec!["2".into()],
                tags: Vec::new(),
            },
            markdown: false,
            base_url: DEFAULT_BASE_URL.into(),
        }
    }

    fn reply(body: &str) -> Reply {
        Reply {
            status: 200,
            body: body.into(),
            retry_after: None,
        }
    }

    fn with_token() -> BuildContext {
        BuildContext {
            now: SystemTime::now(),
            access_token: Some(Secret::new("unit-access-token")),
            nonce: 0,
        }
    }

    #[test]
    fn an_app_text_has_the_service_shape_and_an_integer_agentid() {
        let req = app(&["zhangsan", "lisi"]).build("disk full", &with_token());
        assert_eq!(
            req.body.as_deref(),
            Some(
                r#"{"touser":"zhangsan|lisi","toparty":"2","msgtype":"text","text":{"content":"disk full"},"agentid":1000002}"#
            )
        );
        assert_eq!(
            req.shown_url(),
            "https://qyapi.weixin.qq.com/cgi-bin/message/send?access_token=***"
        );
        assert!(req.wire_url().ends_with("access_token=unit-access-token"));
    }

    #[test]
    fn the_token_request_masks_the_secret() {
        let spec = app(&["a"]).token().expect("an app needs a token");
        assert_eq!(
            spec.request.shown_url(),
            "https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww-unit-corp&corpsecret=***"
        );
    }

    #[test]
    fn partly_invalid_recipients_warn_and_all_invalid_fails() {
        let app = app(&["zhangsan", "Ghost"]);
        let partial = reply(r#"{"errcode":0,"errmsg":"ok","invaliduser":"ghost"}"#);
        assert_eq!(app.interpret(&partial), Outcome::Accepted);
        assert_eq!(
            app.warning(&partial).as_deref(),
            Some("not delivered to invalid users ghost")
        );
        let none = reply(
            r#"{"errcode":0,"errmsg":"ok","invaliduser":"zhangsan|ghost","invalidparty":"2"}"#,
        );
        assert!(
            matches!(app.interpret(&none), Outcome::Rejected { code: None, message } if message.contains("nobody received"))
        );
        assert_eq!(
            app.warning(&reply(r#"{"errcode":0,"errmsg":"ok","invaliduser":""}"#)),
            None
        );
    }

    #[test]
    fn busy_codes_are_transient() {
        for body in [
            r#"{"errcode":-1,"errmsg":"system busy"}"#,
            r#"{"errcode":45009,"errmsg":"api freq out of limit"}"#,
        ] {
            assert!(matches!(
                app(&["a"]).interpret(&reply(body)),
                Outcome::Busy(_)
            ));
        }
    }

    #[test]
    fn robot_mentions_go_only_into_text() {
        let mut robot = Robot {
            key: Secret::new("unit-bot-key"),
            mention_mobiles: vec!["13800001111".into(), "@all".into()],
            format: RobotFormat::Text,
            base_url: DEFAULT_BASE_URL.into(),
        };
        let req = robot.build("hi", &BuildContext::at(SystemTime::now()));
        assert_eq!(
            req.body.as_deref(),
            Some(
                r#"{"msgtype":"text","text":{"content":"hi","mentioned_mobile_list":["13800001111","@all"]}}"#
            )
        );
        assert_eq!(
            req.shown_url(),
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***"
        );
        robot.format = RobotFormat::Markdown;
        robot.mention_mobiles.clear();
        assert_eq!(robot.budget(None).max, 4096);
        robot.format = RobotFormat::MarkdownV2;
        assert_eq!(robot.budget(None).max, 4096);
        assert_eq!(
            robot
                .build("|a|\n|-|\n|1|", &BuildContext::at(SystemTime::now()))
                .body
                .as_deref(),
            Some(r#"{"msgtype":"markdown_v2","markdown_v2":{"content":"|a|\n|-|\n|1|"}}"#)
        );
        assert_eq!(app(&["a"]).budget(None).max, 2048);
    }

    #[test]
    fn the_bot_key_may_be_the_webhook_url() {
        let key =
            bot_key_from("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx");
        assert_eq!(
            key.ok().map(|k| k.expose().to_owned()).as_deref(),
            Some("693a91f6-7xxx")
        );
        assert!(bot_key_from("has space").is_err());
    }

    #[test]
    fn ids_are_checked() {
        assert!(valid_user_id("zhang.san@corp"));
        assert!(valid_user_id("@all"));
        assert!(!valid_user_id("a|b"));
        assert!(!valid_user_id(""));
        assert!(valid_numeric_id("12"));
        assert!(!valid_numeric_id("sales"));
    }
}
