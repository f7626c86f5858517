//! A mock Feishu custom-bot endpoint that checks what Feishu checks: the hook token in the path, the
//! 签名校验 signature over its timestamp and the one-hour clock window, the JSON shape and the 20 KB body
//! cap; it answers with Feishu's own error envelopes.

use super::mock::{MockServer, Recorded, Reply};
use super::signing::{hmac_sha256, now_secs};
use base64::Engine;

pub(crate) const TOKEN: &str = "f3e1c0de-feed-4b1d-9a7e-5e1f7e57b075";
pub(crate) const SECRET: &str = "fsTestSecretQ2x9Lw7Kp";

pub(crate) const OK: &str = r#"{"code":0,"data":{},"msg":"success"}"#;
/// What deployments on the older API answer.
pub(crate) const OK_OLD: &str = r#"{"Extra":null,"StatusCode":0,"StatusMessage":"success"}"#;

const HOOK_PATH: &str = "/open-apis/bot/v2/hook/";

pub(crate) fn error(code: i64, message: &str) -> Reply {
    Reply::json(format!(
        r#"{{"code":{code},"data":{{}},"msg":"{message}"}}"#
    ))
}

/// The signature Feishu expects, computed independently of the code under test: the string to sign is
/// the HMAC key, the message is empty.
pub(crate) fn expected_sign(secret: &str, timestamp: &str) -> String {
    let mac = hmac_sha256(format!("{timestamp}\n{secret}").as_bytes(), b"");
    base64::engine::general_purpose::STANDARD.encode(mac)
}

const SIGN_FAIL: &str = "sign match fail or timestamp is not within one hour from current time";

/// Feishu's verdict on a request.
pub(crate) fn check(req: &Recorded, token: &str, secret: Option<&str>) -> Reply {
    let Some(given) = req.path.strip_prefix(HOOK_PATH) else {
        return Reply::status(404, "404 page not found");
    };
    if req.method != "POST" {
        return Reply::status(404, "404 page not found");
    }
    if given != token {
        return error(
            19001,
            "param invalid: incoming webhook access token invalid",
        );
    }
    if req.body.len() > 20 * 1024 {
        return Reply::status(400, r#"{"code":9499,"msg":"Bad Request","data":{}}"#);
    }
    let body = req.json();
    if !body.is_object() {
        return Reply::status(400, r#"{"code":9499,"msg":"Bad Request","data":{}}"#);
    }
    if let Some(secret) = secret {
        let Some(timestamp) = body["timestamp"].as_str() else {
            return error(19021, SIGN_FAIL);
        };
        match timestamp.parse::<i64>() {
            Ok(ts) if (now_secs() - ts).abs() <= 3600 => {}
            _ => return error(19021, SIGN_FAIL),
        }
        if body["sign"].as_str() != Some(expected_sign(secret, timestamp).as_str()) {
            return error(19021, SIGN_FAIL);
        }
    }
    let valid = match body["msg_type"].as_str() {
        Some("text") => body["content"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty()),
        Some("interactive") => {
            body["card"]["elements"][0]["tag"] == "markdown"
                && body["card"]["elements"][0]["content"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty())
        }
        _ => false,
    };
    if !valid {
        return error(9499, "Bad Request");
    }
    Reply::json(OK)
}

/// A signed bot with the test token and secret.
pub(crate) fn bot() -> MockServer {
    MockServer::start(|req| check(req, TOKEN, Some(SECRET)))
}

/// A bot whose first replies are `faults`, then it behaves.
pub(crate) fn bot_after(faults: Vec<Reply>) -> MockServer {
    MockServer::scripted(faults, |req| check(req, TOKEN, Some(SECRET)))
}

/// The text of every text message the bot received, in order.
pub(crate) fn texts(bot: &MockServer) -> Vec<String> {
    bot.requests()
        .iter()
        .map(|r| {
            r.json()["content"]["text"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// `run` configured to send as the test bot to `server`.
pub(crate) fn configure(run: super::Run, server: &MockServer) -> super::Run {
    run.env("FEISHU_WEBHOOK", TOKEN)
        .env("FEISHU_SECRET", SECRET)
        .env("FEISHU_BASE_URL", server.url())
}
