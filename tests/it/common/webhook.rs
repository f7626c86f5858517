//! A mock alert gateway for `sendmsg webhook`, in the style many in-house gateways have: a bearer token
//! in a header, JSON that must parse when it says it is JSON, and HTTP 200 even when it refuses, with the
//! verdict in `{"code":…,"msg":…}` (which is what `--success code=0` is for).

use super::mock::{MockServer, Recorded, Reply};

pub(crate) const TOKEN: &str = "whk-test-bearer-6b0f3a9c";

pub(crate) const OK: &str = r#"{"code":0,"msg":"ok"}"#;

fn error(code: i64, message: &str) -> Reply {
    Reply::json(format!(r#"{{"code":{code},"msg":"{message}"}}"#))
}

/// The gateway's verdict on a request.
pub(crate) fn check(req: &Recorded, token: &str) -> Reply {
    if req.header("authorization") != Some(format!("Bearer {token}").as_str()) {
        return error(40101, "invalid token");
    }
    let json = req
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json"));
    if json && serde_json::from_slice::<serde_json::Value>(&req.body).is_err() {
        return Reply::status(400, r#"{"code":40000,"msg":"body is not JSON"}"#);
    }
    Reply::json(OK)
}

/// A gateway that takes the test token.
pub(crate) fn gateway() -> MockServer {
    MockServer::start(|req| check(req, TOKEN))
}

/// `run` configured to post to `server` with the test token.
pub(crate) fn configure(run: super::Run, server: &MockServer) -> super::Run {
    run.env("WEBHOOK_URL", format!("{}/alert", server.url()))
        .env(
            "WEBHOOK_HEADERS",
            format!("Authorization: Bearer {TOKEN}\n"),
        )
}
