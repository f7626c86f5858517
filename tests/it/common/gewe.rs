//! A mock GeWe gateway, both API generations: it checks the X-GEWE-TOKEN header, the device id, each
//! request's JSON shape and the 2048-byte text cap, and answers per recipient like GeWe (a blocked
//! recipient gets a non-zero `Ret` in `data.List` under an overall `ret` 0).

use super::mock::{Recorded, Reply};

pub(crate) const TOKEN: &str = "gewe-mock-token-3b7f0c21";
pub(crate) const APP_ID: &str = "wx_ECMY4oEDuQAP6WimpWwWv";

/// A recipient who has blocked the account: delivery to them fails.
pub(crate) const BLOCKED: &str = "wxid_blocked";

fn legacy_error(message: &str) -> Reply {
    Reply::json(format!(r#"{{"ret":-1,"msg_err":"{message}"}}"#))
}

fn v2_error(message: &str) -> Reply {
    Reply::json(format!(r#"{{"ret":500,"msg":"{message}","data":null}}"#))
}

fn list_entry(to: &str) -> String {
    let ret = if to == BLOCKED { -2 } else { 0 };
    format!(
        r#"{{"Ret":{ret},"ToUsetName":{{"string":"{to}"}},"MsgId":0,"NewClientMsgid":2950238266,"Createtime":1688092785,"servertime":1688092899,"Type":1,"NewMsgId":8015075888668773694}}"#
    )
}

fn legacy_ok(recipients: &[&str]) -> Reply {
    let list: Vec<String> = recipients.iter().map(|to| list_entry(to)).collect();
    Reply::json(format!(
        r#"{{"ret":0,"msg":"success","data":{{"BaseResponse":{{"ret":0,"errMsg":{{}}}},"Count":{},"List":[{}],"NoKnow":0}}}}"#,
        list.len(),
        list.join(",")
    ))
}

fn is_appmsg(xml: &str) -> bool {
    xml.starts_with("<appmsg") && xml.ends_with("</appmsg>")
}

/// GeWe's verdict on a request. `v2_prefix` is the path the v2 API lives under (`/v2/api` self-hosted).
pub(crate) fn check(req: &Recorded, token: &str, v2_prefix: &str) -> Reply {
    let body = req.json();
    let v2_path = req.path.strip_prefix(v2_prefix);
    let is_v2 = v2_path.is_some_and(|p| p.starts_with("/message/"));
    if req.method != "POST" {
        return Reply::status(405, "method not allowed");
    }
    if req.header("x-gewe-token") != Some(token) {
        return if is_v2 {
            v2_error("token无效")
        } else {
            legacy_error("token无效")
        };
    }
    match (req.path.as_str(), v2_path) {
        ("/api/message/sendmsg", _) => {
            if body["appid"].as_str() != Some(APP_ID) {
                return legacy_error("设备不存在");
            }
            let Some(list) = body["to_wxid_list"].as_array().filter(|l| !l.is_empty()) else {
                return legacy_error("to_wxid_list不能为空");
            };
            let mut recipients = Vec::new();
            for entry in list {
                let content = entry["content"].as_str().unwrap_or("");
                let shaped = entry["to_wxid"].as_str().is_some_and(|t| !t.is_empty())
                    && !content.is_empty()
                    && entry["msg_type"].as_i64() == Some(1)
                    && entry["at"].is_array()
                    && entry["msg_source"].is_string();
                if !shaped {
                    return legacy_error("参数错误");
                }
                if content.len() > 2048 {
                    return legacy_error("消息内容过长");
                }
                recipients.push(entry["to_wxid"].as_str().unwrap_or(""));
            }
            legacy_ok(&recipients)
        }
        ("/api/message/sendapp", _) => {
            let to = body["to_wxid"].as_str().unwrap_or("");
            if body["appid"].as_str() != Some(APP_ID) {
                return legacy_error("设备不存在");
            }
            if to.is_empty() || !body["xml"].as_str().is_some_and(is_appmsg) {
                return legacy_error("参数错误");
            }
            legacy_ok(&[to])
        }
        (_, Some("/message/postText" | "/message/postAppMsg")) => {
            let to = body["toWxid"].as_str().unwrap_or("");
            if body["appId"].as_str() != Some(APP_ID) {
                return v2_error("设备不存在");
            }
            let valid = if v2_path == Some("/message/postText") {
                body["content"]
                    .as_str()
                    .is_some_and(|c| !c.is_empty() && c.len() <= 2048)
                    && (body["ats"].is_null() || body["ats"].is_string())
            } else {
                body["appmsg"].as_str().is_some_and(is_appmsg)
            };
            if to.is_empty() || !valid {
                return v2_error("参数错误");
            }
            if to == BLOCKED {
                return v2_error("对方已拒收");
            }
            Reply::json(format!(
                r#"{{"ret":200,"msg":"操作成功","data":{{"toWxid":"{to}","createTime":1703841160,"msgId":0,"newMsgId":3768973957878705000,"type":1}}}}"#
            ))
        }
        (_, Some(path @ ("/message/postImage" | "/message/postFile"))) => by_url(path, &body),
        _ => Reply::status(404, "not found"),
    }
}

pub(crate) fn gateway() -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    |req| check(req, TOKEN, "/v2/api")
}

/// v2's `postImage` (`imgUrl`) and `postFile` (`fileUrl`, `fileName`): a public URL each.
fn by_url(path: &str, body: &serde_json::Value) -> Reply {
    let to = body["toWxid"].as_str().unwrap_or("");
    if body["appId"].as_str() != Some(APP_ID) {
        return v2_error("设备不存在");
    }
    let url = |key: &str| {
        body[key]
            .as_str()
            .is_some_and(|u| u.starts_with("http://") || u.starts_with("https://"))
    };
    let valid = if path == "/message/postImage" {
        url("imgUrl")
    } else {
        url("fileUrl") && body["fileName"].as_str().is_some_and(|n| !n.is_empty())
    };
    if to.is_empty() || !valid {
        return v2_error("参数错误");
    }
    Reply::json(format!(
        r#"{{"ret":200,"msg":"操作成功","data":{{"toWxid":"{to}","createTime":1703841160,"msgId":0,"newMsgId":3768973957878705001,"type":3}}}}"#
    ))
}
