//! A mock Server酱 that checks what Server酱 checks: the SendKey in the path (Turbo `/{key}.send`,
//! Server酱³ `/send/{key}.send`), a JSON body with a title of at most 32 characters, `desp` up to 32 KB and
//! `short` up to 64 characters, and answers with its real envelopes.

use super::mock::{MockServer, Recorded, Reply};

pub(crate) const TURBO_KEY: &str = "SCT271828TmockTurboKey3141";
pub(crate) const SC3_KEY: &str = "sctp8842tmockSc3Key1618";

pub(crate) const OK: &str = r#"{"code":0,"message":"","data":{"pushid":"81906","readkey":"SCTmock","error":"SUCCESS","errno":0}}"#;

fn error(code: i64, message: &str) -> Reply {
    Reply::json(format!(
        r#"{{"code":{code},"message":"{message}","data":null}}"#
    ))
}

/// Server酱's verdict on a request to the key `key`.
pub(crate) fn check(req: &Recorded, key: &str) -> Reply {
    let given = req
        .path
        .strip_prefix("/send/")
        .or_else(|| req.path.strip_prefix('/'))
        .and_then(|p| p.strip_suffix(".send"));
    let Some(given) = given.filter(|_| req.method == "POST") else {
        return Reply::status(404, "not found");
    };
    // Server酱³ keys live under /send/, Turbo keys at the root.
    if given != key || req.path.starts_with("/send/") != key.starts_with("sctp") {
        return error(40001, "bad pushtoken");
    }
    if !req
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json"))
    {
        return error(40002, "title required");
    }
    let body = req.json();
    let title = body["title"].as_str().unwrap_or("");
    if title.is_empty() || title.chars().count() > 32 {
        return error(40002, "title required, at most 32 characters");
    }
    if body["desp"].as_str().is_some_and(|d| d.len() > 32 * 1024) {
        return error(40003, "desp too long");
    }
    if body["short"]
        .as_str()
        .is_some_and(|s| s.chars().count() > 64)
    {
        return error(40003, "short too long");
    }
    Reply::json(OK)
}

/// Server酱 for `key`.
pub(crate) fn server(key: &'static str) -> MockServer {
    MockServer::start(move |req| check(req, key))
}
