//! A mock plain SMS gateway of seed 004's shape: `GET /api/third/sms/sendMsg?mobile=M&content=TEXT` with an
//! `OPS-Token` header; `code` 1000 is success, a number ending in 0001 is refused, content over 500 bytes is
//! a parameter error.

use super::mock::{MockServer, Recorded, Reply};

pub(crate) const TOKEN: &str = "ops-gateway-token-51d2";

/// The gateway's verdict on a request.
pub(crate) fn check(req: &Recorded) -> Reply {
    if req.method != "GET" || req.path != "/api/third/sms/sendMsg" {
        return Reply::status(404, "not found");
    }
    if req.header("ops-token") != Some(TOKEN) {
        return Reply::status(401, r#"{"code":401,"data":"OPS-Token无效"}"#);
    }
    match (req.query("mobile"), req.query("content")) {
        (Some(m), _) if m.ends_with("0001") => {
            Reply::json(r#"{"code":1001,"data":"手机号已停机"}"#)
        }
        (Some(_), Some(c)) if !c.is_empty() && c.len() <= 500 => {
            Reply::json(r#"{"code":1000,"data":"发送成功"}"#)
        }
        _ => Reply::json(r#"{"code":1002,"data":"参数错误"}"#),
    }
}

pub(crate) fn gateway() -> MockServer {
    MockServer::start(check)
}
