//! A mock bark-server that checks what bark-server checks: `POST /push` with JSON, a registered device key
//! (else HTTP 400 and its envelope, which quotes the key as the real one does), a body, a known level; and
//! `GET /register/{key}`, which tells whether a key is registered without pushing.

use super::mock::{MockServer, Recorded, Reply};

/// Two registered devices.
pub(crate) const KEY: &str = "ynJ5Ft4atkMkWeo2PAvFhF";
pub(crate) const OTHER_KEY: &str = "Qm7hT2vXc9LpW4sR8kJd3a";

/// Registered, but APNs refuses its token (the app was removed from the phone): bark-server answers
/// HTTP 500 with its envelope, as for every failed push.
pub(crate) const DEAD_KEY: &str = "Zz9DeadDeviceKey4u7Yq2";

const DEVICES: &[&str] = &[KEY, OTHER_KEY, DEAD_KEY];

fn ok() -> Reply {
    Reply::json(r#"{"code":200,"message":"success","timestamp":1700000000}"#)
}

fn failed(status: u16, message: &str) -> Reply {
    Reply::status(
        status,
        format!(r#"{{"code":{status},"message":"{message}","timestamp":1700000000}}"#),
    )
}

fn unknown(key: &str) -> Reply {
    failed(
        400,
        &format!("failed to get device token: failed to get [{key}] device token from database"),
    )
}

/// bark-server's verdict on a request.
pub(crate) fn check(req: &Recorded) -> Reply {
    if req.method == "GET" {
        return match req.path.strip_prefix("/register/") {
            Some(key) if DEVICES.contains(&key) => ok(),
            Some(key) => unknown(key),
            None if req.path == "/ping" => {
                Reply::json(r#"{"code":200,"message":"pong","timestamp":1700000000}"#)
            }
            None => Reply::status(404, "Cannot GET"),
        };
    }
    if req.method != "POST" || req.path != "/push" {
        return Reply::status(404, "Cannot POST");
    }
    if !req
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json"))
    {
        return failed(400, "request bind failed: unsupported content type");
    }
    let body = req.json();
    let key = body["device_key"].as_str().unwrap_or("");
    if key.is_empty() {
        return failed(400, "device key is empty");
    }
    if !DEVICES.contains(&key) {
        return unknown(key);
    }
    if body["body"].as_str().is_none_or(str::is_empty) {
        return failed(400, "body is empty");
    }
    let level = body["level"].as_str().unwrap_or("active");
    if !["active", "timeSensitive", "passive", "critical"].contains(&level) {
        return failed(500, "push failed: invalid interruption level");
    }
    if key == DEAD_KEY {
        return failed(500, "push failed: BadDeviceToken");
    }
    ok()
}

pub(crate) fn server() -> MockServer {
    MockServer::start(check)
}

/// The pushes (not the registration checks) the server received.
pub(crate) fn pushes(server: &MockServer) -> Vec<serde_json::Value> {
    server
        .requests()
        .iter()
        .filter(|r| r.path == "/push")
        .map(super::mock::Recorded::json)
        .collect()
}
