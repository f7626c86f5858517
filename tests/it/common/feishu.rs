//! A mock Feishu custom-bot endpoint that checks what Feishu checks: the hook token in the path, the
//! 签名校验 signature over its timestamp and the one-hour clock window, the JSON shape and the 20 KB body
//! cap; it answers with Feishu's own error envelopes.

use super::form::{self, FormPart};
use super::mock::{MockServer, Recorded, Reply};
use super::signing::{hmac_sha256, now_secs};
use base64::Engine;
use std::sync::{Arc, Mutex};

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
        Some("image") => body["content"]["image_key"]
            .as_str()
            .is_some_and(|k| k.starts_with("img_")),
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

pub(crate) const APP_ID: &str = "cli_a5f3test9c2e7d01";
pub(crate) const APP_SECRET: &str = "feishuAppSecret7Qm2Zx9Lw4";

/// What the app side has issued: tenant tokens (and whether each is still valid) and image keys.
#[derive(Default)]
struct AppState {
    tokens: Vec<(String, bool)>,
    images: Vec<(String, FormPart)>,
}

/// The bot and the app behind it on one server: tenant_access_token/internal (app id and secret
/// checked), im/v1/images (the bearer token: 99991661 missing, 99991663 invalid or expired; the form's
/// `image_type` and `image` part, 10 MB, an image by its bytes), and the hook, which takes an `image`
/// message only with a key the app issued.
pub(crate) struct FeishuApp {
    pub server: MockServer,
    state: Arc<Mutex<AppState>>,
}

impl FeishuApp {
    pub(crate) fn start() -> Self {
        let state = Arc::new(Mutex::new(AppState::default()));
        let shared = Arc::clone(&state);
        let server = MockServer::start(move |req| {
            let Ok(mut state) = shared.lock() else {
                return Reply::status(500, "poisoned");
            };
            app_handle(req, &mut state)
        });
        Self { server, state }
    }

    /// Every issued token expires now: the service answers 99991663 to it.
    pub(crate) fn expire_tokens(&self) {
        if let Ok(mut state) = self.state.lock() {
            for (_, valid) in &mut state.tokens {
                *valid = false;
            }
        }
    }

    /// The tokens issued, in order.
    pub(crate) fn tokens(&self) -> Vec<String> {
        self.state
            .lock()
            .map(|s| s.tokens.iter().map(|(t, _)| t.clone()).collect())
            .unwrap_or_default()
    }

    /// The images uploaded, by the key issued for each.
    pub(crate) fn images(&self) -> Vec<(String, FormPart)> {
        self.state
            .lock()
            .map(|s| s.images.clone())
            .unwrap_or_default()
    }

    /// The paths requested, in order.
    pub(crate) fn paths(&self) -> Vec<String> {
        self.server.requests().into_iter().map(|r| r.path).collect()
    }
}

fn app_handle(req: &Recorded, state: &mut AppState) -> Reply {
    match req.path.as_str() {
        "/open-apis/auth/v3/tenant_access_token/internal" => {
            let body = req.json();
            if body["app_id"] != APP_ID || body["app_secret"] != APP_SECRET {
                return error(10014, "app secret invalid");
            }
            let token = format!("t-g1044qeRTOKEN{:04}feishu", state.tokens.len() + 1);
            state.tokens.push((token.clone(), true));
            Reply::json(format!(
                r#"{{"code":0,"msg":"ok","tenant_access_token":"{token}","expire":7200}}"#
            ))
        }
        "/open-apis/im/v1/images" => upload(req, state),
        _ => {
            let body = req.json();
            if body["msg_type"] == "image" {
                let key = body["content"]["image_key"].as_str().unwrap_or_default();
                if !state.images.iter().any(|(issued, _)| issued == key) {
                    return error(9499, "Bad Request: image_key not found");
                }
            }
            check(req, TOKEN, Some(SECRET))
        }
    }
}

fn bad_request(code: i64, message: &str) -> Reply {
    Reply::status(
        400,
        format!(r#"{{"code":{code},"msg":"{message}","data":{{}}}}"#),
    )
}

fn upload(req: &Recorded, state: &mut AppState) -> Reply {
    let Some(token) = req
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .filter(|t| !t.is_empty())
    else {
        return bad_request(99991661, "Missing access token for authorization");
    };
    if !state.tokens.iter().any(|(t, valid)| t == token && *valid) {
        return bad_request(99991663, "Invalid access token for authorization");
    }
    let Some(parts) = form::parts(req) else {
        return bad_request(234001, "Invalid request param: not a multipart form");
    };
    let field = |name: &str| parts.iter().find(|p| p.name == name);
    if field("image_type").map(|p| p.bytes.as_slice()) != Some(b"message".as_slice()) {
        return bad_request(234001, "Invalid request param: image_type");
    }
    let Some(image) = field("image").filter(|p| p.filename.is_some()) else {
        return bad_request(234001, "Invalid request param: image");
    };
    if image.bytes.len() > 10 * 1024 * 1024 {
        return bad_request(234006, "The file size exceeds the limit");
    }
    let png = image.bytes.starts_with(b"\x89PNG\r\n\x1a\n");
    if !png && !image.bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        return bad_request(234011, "Can't recognize image format");
    }
    let key = format!("img_v3_02ab_{:04}", state.images.len() + 1);
    state.images.push((key.clone(), image.clone()));
    Reply::json(format!(
        r#"{{"code":0,"data":{{"image_key":"{key}"}},"msg":"success"}}"#
    ))
}
