//! A mock PushPlus that checks what PushPlus checks: `POST /send` with JSON, the token, a known template, a
//! non-empty content and a title of at most 100 characters, and answers with its real envelopes (HTTP 200
//! and a `code`, 200 only on success).

use super::mock::{MockServer, Recorded, Reply};

pub(crate) const TOKEN: &str = "5d1e7a3c9b0f4e2a8c6d1b3f5a7e9c0d";

/// A group the token's owner has created.
pub(crate) const TOPIC: &str = "ops-alerts";

fn error(code: i64, message: &str) -> Reply {
    Reply::json(format!(
        r#"{{"code":{code},"msg":"{message}","data":null}}"#
    ))
}

/// PushPlus's verdict on a request.
pub(crate) fn check(req: &Recorded) -> Reply {
    if req.method != "POST" || req.path != "/send" {
        return Reply::status(404, "not found");
    }
    let body = req.json();
    if body["token"].as_str() != Some(TOKEN) {
        return error(903, "无效的用户令牌");
    }
    let template = body["template"].as_str().unwrap_or("html");
    if ![
        "html",
        "txt",
        "json",
        "markdown",
        "cloudMonitor",
        "jenkins",
        "route",
    ]
    .contains(&template)
    {
        return error(999, "模板类型错误");
    }
    if body["content"].as_str().is_none_or(str::is_empty) {
        return error(999, "内容不能为空");
    }
    if body["title"]
        .as_str()
        .is_some_and(|t| t.chars().count() > 100)
    {
        return error(999, "标题过长");
    }
    if body["topic"].as_str().is_some_and(|t| t != TOPIC) {
        return error(999, "群组编码不存在");
    }
    Reply::json(r#"{"code":200,"msg":"请求成功","data":"8c1e5d0a4b3f4e2d9a7c6b5e4d3c2b1a"}"#)
}

pub(crate) fn server() -> MockServer {
    MockServer::start(check)
}

/// PushPlus whose first replies are `faults`.
pub(crate) fn server_after(faults: Vec<Reply>) -> MockServer {
    MockServer::scripted(faults, check)
}
