//! GeWe (personal-WeChat gateway): text and app (`<appmsg>`) messages through either API generation —
//! the legacy `/api/message/sendmsg` (snake_case, seed 001) or the current v2 `/message/postText` (camelCase).

use crate::channels::{BuildContext, Channel, Outcome, unreadable};
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::transport::Reply;
use serde::{Deserialize, Serialize};

/// GeWe clients cap a text at 2048 bytes.
const MAX_TEXT_BYTES: usize = 2048;

/// Which generation of the GeWe API the gateway speaks (`--api`, `GEWE_API`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Api {
    /// `{base}/api/message/sendmsg` and `/api/message/sendapp` with `appid`, `to_wxid_list`
    Legacy,
    /// `{base}/message/postText` and `/message/postAppMsg` with `appId`, `toWxid` (base e.g.
    /// `http://HOST:2531/v2/api` or `https://www.geweapi.com/gewe/v2/api`)
    V2,
}

/// What is being sent: the text or app XML itself arrives as the part passed to `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// An `<appmsg>` node.
    App,
}

/// A configured gateway and who receives this request.
#[derive(Debug, Clone)]
pub(crate) struct Gewe {
    pub base_url: String,
    pub token: Secret,
    pub app_id: String,
    pub api: Api,
    pub kind: Kind,
    /// Every recipient for a legacy text (one request fans out); otherwise exactly one.
    pub to: Vec<String>,
    /// Group members to @-mention (their `@nickname` must be in the text too).
    pub at: Vec<String>,
}

impl Gewe {
    /// Whether one request reaches every recipient; otherwise there is one request per recipient.
    pub(crate) fn fans_out(api: Api, kind: Kind) -> bool {
        api == Api::Legacy && kind == Kind::Text
    }

    fn first_recipient(&self) -> &str {
        self.to.first().map_or("", String::as_str)
    }
}

#[derive(Serialize)]
struct LegacyText<'a> {
    appid: &'a str,
    to_wxid_list: Vec<LegacyEntry<'a>>,
}

#[derive(Serialize)]
struct LegacyEntry<'a> {
    to_wxid: &'a str,
    content: &'a str,
    msg_type: u8,
    at: &'a [String],
    msg_source: &'a str,
}

#[derive(Serialize)]
struct LegacyApp<'a> {
    appid: &'a str,
    to_wxid: &'a str,
    xml: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct V2Text<'a> {
    app_id: &'a str,
    to_wxid: &'a str,
    content: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    ats: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct V2App<'a> {
    app_id: &'a str,
    to_wxid: &'a str,
    appmsg: &'a str,
}

impl Channel for Gewe {
    fn name(&self) -> &'static str {
        "gewe"
    }

    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        Budget {
            max: max_bytes.unwrap_or(MAX_TEXT_BYTES),
            cost: Cost::Utf8,
        }
    }

    fn build(&self, text: &str, _ctx: &BuildContext) -> HttpRequest {
        let url = |path: &str| format!("{}{path}", self.base_url);
        let to = self.first_recipient();
        let request = match (self.api, self.kind) {
            (Api::Legacy, Kind::Text) => {
                let body = LegacyText {
                    appid: &self.app_id,
                    to_wxid_list: self
                        .to
                        .iter()
                        .map(|to_wxid| LegacyEntry {
                            to_wxid,
                            content: text,
                            msg_type: 1,
                            at: &self.at,
                            msg_source: "",
                        })
                        .collect(),
                };
                HttpRequest::post_json(self.name(), url("/api/message/sendmsg"), &body)
            }
            (Api::Legacy, Kind::App) => {
                let body = LegacyApp {
                    appid: &self.app_id,
                    to_wxid: to,
                    xml: text,
                };
                HttpRequest::post_json(self.name(), url("/api/message/sendapp"), &body)
            }
            (Api::V2, Kind::Text) => {
                let ats = self.at.join(",");
                let body = V2Text {
                    app_id: &self.app_id,
                    to_wxid: to,
                    content: text,
                    ats: &ats,
                };
                HttpRequest::post_json(self.name(), url("/message/postText"), &body)
            }
            (Api::V2, Kind::App) => {
                let body = V2App {
                    app_id: &self.app_id,
                    to_wxid: to,
                    appmsg: text,
                };
                HttpRequest::post_json(self.name(), url("/message/postAppMsg"), &body)
            }
        };
        request.with_header("x-gewe-token", self.token.clone())
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        read_reply(&reply.body).unwrap_or_else(|| unreadable(&reply.body))
    }
}

/// An image or a file by its public URL, to one recipient: the v2 API's `postImage` and `postFile`.
pub(crate) struct ByUrl {
    pub gewe: Gewe,
    pub what: Linked,
}

/// What a [`ByUrl`] sends.
#[derive(Clone)]
pub(crate) enum Linked {
    Image(String),
    File { url: String, name: String },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct V2Linked<'a> {
    app_id: &'a str,
    to_wxid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    img_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_name: Option<&'a str>,
}

impl Channel for ByUrl {
    fn name(&self) -> &'static str {
        "gewe"
    }

    fn budget(&self, _max_bytes: Option<usize>) -> Budget {
        crate::channels::media::WHOLE
    }

    fn build(&self, _text: &str, _ctx: &BuildContext) -> HttpRequest {
        let gewe = &self.gewe;
        let mut body = V2Linked {
            app_id: &gewe.app_id,
            to_wxid: gewe.first_recipient(),
            img_url: None,
            file_url: None,
            file_name: None,
        };
        let path = match &self.what {
            Linked::Image(url) => {
                body.img_url = Some(url);
                "/message/postImage"
            }
            Linked::File { url, name } => {
                body.file_url = Some(url);
                body.file_name = Some(name);
                "/message/postFile"
            }
        };
        HttpRequest::post_json(self.name(), format!("{}{path}", gewe.base_url), &body)
            .with_header("x-gewe-token", gewe.token.clone())
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        self.gewe.interpret(reply)
    }
}

/// The verdict of a GeWe reply: `ret` 0 (legacy) or 200 (v2) and every listed recipient's `Ret` 0.
fn read_reply(body: &str) -> Option<Outcome> {
    #[derive(Deserialize)]
    struct Envelope {
        ret: i64,
        msg: Option<String>,
        msg_err: Option<String>,
        data: Option<serde_json::Value>,
    }
    let Envelope {
        ret,
        msg,
        msg_err,
        data,
    } = serde_json::from_str(body).ok()?;
    if ret != 0 && ret != 200 {
        let message = msg_err
            .filter(|m| !m.is_empty())
            .or(msg)
            .unwrap_or_else(|| "(no message)".into());
        return Some(Outcome::Rejected {
            code: Some(format!("ret {ret}")),
            message,
        });
    }
    let list = data
        .as_ref()
        .and_then(|d| d.get("List"))
        .and_then(|l| l.as_array());
    let failed: Vec<String> = list
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let code = entry.get("Ret").and_then(serde_json::Value::as_i64)?;
            let who = entry
                .pointer("/ToUsetName/string")
                .and_then(|w| w.as_str())
                .unwrap_or("?");
            (code != 0).then(|| format!("{who} (Ret {code})"))
        })
        .collect();
    Some(if failed.is_empty() {
        Outcome::Accepted
    } else {
        Outcome::Rejected {
            code: Some(format!("ret {ret}")),
            message: format!("not delivered to {}", failed.join(", ")),
        }
    })
}

/// The `<appmsg>` node of an app message, from a file that may hold a whole `<msg>` around it.
pub(crate) fn appmsg_node(xml: &str) -> Option<&str> {
    const CLOSE: &str = "</appmsg>";
    let start = xml.match_indices("<appmsg").find_map(|(i, tag)| {
        let next = xml[i + tag.len()..].chars().next()?;
        (next == '>' || next.is_whitespace()).then_some(i)
    })?;
    let end = xml.rfind(CLOSE)?;
    (end > start).then(|| &xml[start..end + CLOSE.len()])
}

/// A wxid or chatroom id: no spaces, commas or control characters.
pub fn valid_wxid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && !id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ',')
}

/// `@` appears only in a group id, and a group id is `ID@chatroom` (e.g. `34757816141@chatroom`): a
/// recipient with any other `@` is a typo that the gateway would answer with a vague failure.
pub(crate) fn valid_recipient(id: &str) -> bool {
    valid_wxid(id) && (!id.contains('@') || is_chatroom(id))
}

/// A group (chatroom) id: `ID@chatroom`, the ID letters, digits, `_` or `-`.
pub(crate) fn is_chatroom(id: &str) -> bool {
    id.strip_suffix("@chatroom").is_some_and(|room| {
        !room.is_empty()
            && room
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    })
}

/// Whom `--at` may name: a member's wxid (not a group), or `notify@all` (everyone; owner or admin only).
pub(crate) fn valid_mention(id: &str) -> bool {
    id == MENTION_ALL || (valid_wxid(id) && !id.contains('@'))
}

/// `ats` value that mentions everyone in the group.
pub(crate) const MENTION_ALL: &str = "notify@all";

/// A device's app id as GeWe issues it: `wx_` then letters and digits (e.g. `wx_ECMY4oEDuQAP6WimpWwWv`).
pub(crate) fn valid_app_id(id: &str) -> bool {
    id.strip_prefix("wx_").is_some_and(|rest| {
        !rest.is_empty() && rest.len() <= 64 && rest.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn gewe(api: Api, kind: Kind, to: &[&str]) -> Gewe {
        Gewe {
            base_url: "http://gewe.local:2531".into(),
            token: Secret::new("gewe-unit-token"),
            app_id: "wx_ECMY4oEDuQAP6WimpWwWv".into(),
            api,
            kind,
            to: to.iter().map(std::string::ToString::to_string).collect(),
            at: vec!["wxid_zhangsan".into()],
        }
    }

    fn ctx() -> BuildContext {
        BuildContext {
            now: SystemTime::UNIX_EPOCH,
            nonce: 0,
            access_token: None,
        }
    }

    #[test]
    fn legacy_text_fans_out_in_one_request_with_the_seed_shape() {
        let request =
            gewe(Api::Legacy, Kind::Text, &["a@chatroom", "wxid_b"]).build("@张三 告警", &ctx());
        assert_eq!(request.url, "http://gewe.local:2531/api/message/sendmsg");
        assert_eq!(
            request.body.as_deref(),
            Some(
                r#"{"appid":"wx_ECMY4oEDuQAP6WimpWwWv","to_wxid_list":[{"to_wxid":"a@chatroom","content":"@张三 告警","msg_type":1,"at":["wxid_zhangsan"],"msg_source":""},{"to_wxid":"wxid_b","content":"@张三 告警","msg_type":1,"at":["wxid_zhangsan"],"msg_source":""}]}"#
            )
        );
        assert!(request.dry_run_line().contains(r#""x-gewe-token":"***""#));
    }

    #[test]
    fn the_other_shapes_address_one_recipient() {
        let app = gewe(Api::Legacy, Kind::App, &["wxid_b"]).build("<appmsg/>", &ctx());
        assert!(app.url.ends_with("/api/message/sendapp"));
        assert_eq!(
            app.body.as_deref(),
            Some(r#"{"appid":"wx_ECMY4oEDuQAP6WimpWwWv","to_wxid":"wxid_b","xml":"<appmsg/>"}"#)
        );
        let text = gewe(Api::V2, Kind::Text, &["g@chatroom"]).build("hi", &ctx());
        assert!(text.url.ends_with("/message/postText"));
        assert_eq!(
            text.body.as_deref(),
            Some(
                r#"{"appId":"wx_ECMY4oEDuQAP6WimpWwWv","toWxid":"g@chatroom","content":"hi","ats":"wxid_zhangsan"}"#
            )
        );
        let app = gewe(Api::V2, Kind::App, &["wxid_b"]).build("<appmsg/>", &ctx());
        assert!(app.url.ends_with("/message/postAppMsg"));
        assert!(
            app.body
                .is_some_and(|b| b.contains(r#""appmsg":"<appmsg/>""#))
        );
    }

    #[test]
    fn ret_and_every_recipient_are_checked() {
        let ok = r#"{"ret":0,"msg":"success","data":{"Count":1,"List":[{"Ret":0,"ToUsetName":{"string":"wxid_a"},"NewMsgId":8015075888668773694}]}}"#;
        assert_eq!(read_reply(ok), Some(Outcome::Accepted));
        assert_eq!(
            read_reply(
                r#"{"ret":200,"msg":"操作成功","data":{"toWxid":"x","newMsgId":3768973957878705000}}"#
            ),
            Some(Outcome::Accepted)
        );
        assert_eq!(
            read_reply(r#"{"ret":-1,"msg_err":"失败"}"#),
            Some(Outcome::Rejected {
                code: Some("ret -1".into()),
                message: "失败".into()
            })
        );
        assert_eq!(
            read_reply(r#"{"ret":500,"msg":"已离线(-1)"}"#),
            Some(Outcome::Rejected {
                code: Some("ret 500".into()),
                message: "已离线(-1)".into()
            })
        );
        let partial = r#"{"ret":0,"msg":"success","data":{"List":[{"Ret":0,"ToUsetName":{"string":"wxid_a"}},{"Ret":-2,"ToUsetName":{"string":"wxid_b"}}]}}"#;
        assert_eq!(
            read_reply(partial),
            Some(Outcome::Rejected {
                code: Some("ret 0".into()),
                message: "not delivered to wxid_b (Ret -2)".into()
            })
        );
        assert_eq!(read_reply(r#"{"msg":"no ret"}"#), None);
    }

    #[test]
    fn the_appmsg_node_is_found_inside_a_wrapper() {
        let xml = "<?xml version=\"1.0\"?><msg><appmsg appid=\"\" sdkver=\"0\"><title>t</title></appmsg><fromusername>x</fromusername></msg>";
        assert_eq!(
            appmsg_node(xml),
            Some("<appmsg appid=\"\" sdkver=\"0\"><title>t</title></appmsg>")
        );
        assert_eq!(
            appmsg_node("<appmsg><title>t</title></appmsg>\n"),
            Some("<appmsg><title>t</title></appmsg>")
        );
        for bad in [
            "<msg><title>t</title></msg>",
            "<appmsgx></appmsgx>",
            "<appmsg>",
            "</appmsg><appmsg>",
            "",
        ] {
            assert_eq!(appmsg_node(bad), None, "{bad}");
        }
    }

    #[test]
    fn wxids_are_checked() {
        assert!(valid_wxid("wxid_8pvkddddddt22"));
        assert!(valid_wxid("34757816141@chatroom"));
        for good in ["34757816141@chatroom", "wxid_abc", "zhang-san_1"] {
            assert!(valid_recipient(good), "{good}");
        }
        for bad in [
            "34757816141@chatrom",
            "@chatroom",
            "a b@chatroom",
            "x@qq.com",
            "wxid_a,wxid_b",
        ] {
            assert!(!valid_recipient(bad), "{bad}");
        }
        assert!(valid_mention("wxid_abc") && valid_mention("notify@all"));
        assert!(!valid_mention("1@chatroom") && !valid_mention(""));
        assert!(valid_app_id("wx_ECMY4oEDuQAP6WimpWwWv"));
        for bad in [
            "wx_",
            "ECMY4oEDuQAP6WimpWwWv",
            "wx-abc",
            "wx_a b",
            "wxid_abc",
        ] {
            assert!(!valid_app_id(bad), "{bad}");
        }
        for bad in ["", "a b", "a,b", "a\nb"] {
            assert!(!valid_wxid(bad), "{bad}");
        }
    }
}
