//! A mock DingTalk robot endpoint that checks what DingTalk checks: the access token, the 加签 signature
//! and its timestamp window, the JSON shape and the 20000-byte body cap.

use super::mock::{MockServer, Recorded, Reply};
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::{SystemTime, UNIX_EPOCH};

pub(crate) const TOKEN: &str = "ding-test-token-5f1e9a";
pub(crate) const SECRET: &str = "SECd1n9t3st5ecr3tc0ffee";

pub(crate) const OK: &str = r#"{"errcode":0,"errmsg":"ok"}"#;

fn error(code: i64, message: &str) -> Reply {
    Reply::json(format!(r#"{{"errcode":{code},"errmsg":"{message}"}}"#))
}

/// The signature DingTalk expects, computed independently of the code under test.
pub(crate) fn expected_sign(secret: &str, timestamp: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("hmac key");
    mac.update(format!("{timestamp}\n{secret}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// DingTalk's verdict on a request.
pub(crate) fn check(req: &Recorded, token: &str, secret: Option<&str>) -> Reply {
    if req.method != "POST" || req.path != "/robot/send" {
        return Reply::status(404, "not found");
    }
    if !req
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json"))
    {
        return error(40035, "content-type must be application/json");
    }
    if req.query("access_token").as_deref() != Some(token) {
        return error(400101, "access_token does not exist");
    }
    if let Some(secret) = secret {
        let Some(timestamp) = req.query("timestamp") else {
            return error(310000, "sign not match");
        };
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        match timestamp.parse::<i64>() {
            Ok(ts) if (now - ts).abs() <= 3_600_000 => {}
            _ => return error(310000, "invalid timestamp"),
        }
        if req.query("sign") != Some(expected_sign(secret, &timestamp)) {
            return error(310000, "sign not match");
        }
    }
    if req.body.len() > 20_000 {
        return error(460101, "message too long, exceed 20000 bytes");
    }
    let body = req.json();
    let valid = match body["msgtype"].as_str() {
        Some("text") => body["text"]["content"]
            .as_str()
            .is_some_and(|c| !c.is_empty()),
        Some("markdown") => {
            body["markdown"]["title"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
                && body["markdown"]["text"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty())
        }
        _ => return error(400105, "unsupported msgtype"),
    };
    if !valid {
        return error(40035, "missing parameter");
    }
    Reply::json(OK)
}

/// A signed robot with the test token and secret.
pub(crate) fn robot() -> MockServer {
    MockServer::start(|req| check(req, TOKEN, Some(SECRET)))
}

/// A robot whose first replies are `faults`, then it behaves.
pub(crate) fn robot_after(faults: Vec<Reply>) -> MockServer {
    MockServer::scripted(faults, |req| check(req, TOKEN, Some(SECRET)))
}

/// The text contents of every message the robot received, in order.
pub(crate) fn texts(robot: &MockServer) -> Vec<String> {
    robot
        .requests()
        .iter()
        .map(|r| {
            r.json()["text"]["content"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// `run` configured to send as the test robot to `server`.
pub(crate) fn configure(run: super::Run, server: &MockServer) -> super::Run {
    run.env("DING_ACCESS_TOKEN", TOKEN)
        .env("DING_SECRET", SECRET)
        .env("DING_BASE_URL", server.url())
}

/// A robot that counts what arrives as DingTalk does: over `count` messages in any `period`, it answers
/// 130101 (and the message is lost). Returns the server and the arrival time of every accepted message.
pub(crate) fn paced_robot(
    count: usize,
    period: std::time::Duration,
) -> (
    MockServer,
    std::sync::Arc<std::sync::Mutex<Vec<std::time::Instant>>>,
) {
    let arrivals = std::sync::Arc::new(std::sync::Mutex::new(Vec::<std::time::Instant>::new()));
    let seen = std::sync::Arc::clone(&arrivals);
    let server = MockServer::start(move |req| {
        let verdict = check(req, TOKEN, Some(SECRET));
        if !matches!(&verdict, Reply::Http(200, _, body) if body == OK) {
            return verdict;
        }
        let now = std::time::Instant::now();
        let mut seen = seen.lock().expect("arrivals");
        let recent = seen
            .iter()
            .filter(|t| now.duration_since(**t) < period)
            .count();
        if recent >= count {
            return error(130101, "send too fast, exceed 20 times per minute");
        }
        seen.push(now);
        verdict
    });
    (server, arrivals)
}
