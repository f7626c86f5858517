//! A mock WeChat Official Account API and a mock notices gateway (seed 002). The token endpoint checks
//! grant_type, appid and secret and issues a new token per call (WeChat's behaviour; the older ones stay
//! valid in the grace window); template/send checks the token (40014/42001), template_id, the data shape
//! and colours, and the recipient (40003 unknown, 43004 not following). The gateway checks its Bearer token.

use super::mock::{MockServer, Recorded, Reply};
use super::tokens::TokenStore;
use serde_json::Value;

pub(crate) const APP_ID: &str = "wx-test-app-3f9a21";
pub(crate) const APP_SECRET: &str = "wechat-app-secret-8d7c6b";
pub(crate) const TEMPLATE_ID: &str = "tmpl-Q57J4mJLPXxiBNTzRqkB93";
pub(crate) const GATEWAY_TOKEN: &str = "gateway-bearer-token-51aa0c";

pub(crate) const FOLLOWER: &str = "oFollower-alice-0001";
pub(crate) const OTHER_FOLLOWER: &str = "oFollower-bob-0002";
pub(crate) const NOT_FOLLOWING: &str = "oNotFollowing-carol-0003";
/// The followers the documentation's examples write to (tests/it/docs.rs).
const DOCS_FOLLOWERS: &[&str] = &[
    "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
    "oAb3xK9wQe2LmT7pR1sV5nYzD4fG",
];

pub(crate) struct Wechat {
    pub server: MockServer,
    pub tokens: TokenStore,
}

fn error(code: i64, message: &str) -> Reply {
    Reply::json(format!(r#"{{"errcode":{code},"errmsg":"{message}"}}"#))
}

impl Wechat {
    pub(crate) fn start() -> Self {
        let tokens = TokenStore::new("wechat");
        let t = tokens.clone();
        let server = MockServer::start(move |req| handle(req, &t));
        Self { server, tokens }
    }

    pub(crate) fn url(&self) -> String {
        self.server.url()
    }

    /// The template/send requests, in order.
    pub(crate) fn sends(&self) -> Vec<Recorded> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.path == "/cgi-bin/message/template/send")
            .collect()
    }
}

fn handle(req: &Recorded, tokens: &TokenStore) -> Reply {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/cgi-bin/token") => {
            if req.query("grant_type").as_deref() != Some("client_credential") {
                return error(40002, "invalid grant_type");
            }
            if req.query("appid").as_deref() != Some(APP_ID) {
                return error(40013, "invalid appid");
            }
            if req.query("secret").as_deref() != Some(APP_SECRET) {
                return error(
                    40001,
                    "invalid credential, access_token is invalid or not latest",
                );
            }
            Reply::json(tokens.issue(false, false))
        }
        ("POST", "/cgi-bin/message/template/send") => {
            if let Err((code, message)) = tokens.check(req.query("access_token").as_deref()) {
                return error(code, message);
            }
            let body = req.json();
            if body["template_id"] != TEMPLATE_ID {
                return error(40037, "invalid template_id");
            }
            if !valid_data(&body["data"]) {
                return error(47001, "data format error");
            }
            match body["touser"].as_str() {
                Some(FOLLOWER | OTHER_FOLLOWER) => {
                    Reply::json(r#"{"errcode":0,"errmsg":"ok","msgid":200228332}"#)
                }
                Some(to) if DOCS_FOLLOWERS.contains(&to) => {
                    Reply::json(r#"{"errcode":0,"errmsg":"ok","msgid":200228333}"#)
                }
                Some(NOT_FOLLOWING) => error(43004, "require subscribe"),
                _ => error(40003, "invalid openid"),
            }
        }
        _ => Reply::status(404, "not found"),
    }
}

/// `{"key":{"value":"…","color":"#RRGGBB"}}`, colour optional, at least one key.
pub(crate) fn valid_data(data: &Value) -> bool {
    data.as_object().is_some_and(|fields| {
        !fields.is_empty()
            && fields.values().all(|field| {
                let color_ok = match field.get("color") {
                    None => true,
                    Some(c) => c.as_str().is_some_and(|c| {
                        c.len() == 7
                            && c.starts_with('#')
                            && c[1..].chars().all(|h| h.is_ascii_hexdigit())
                    }),
                };
                field["value"].is_string() && color_ok
            })
    })
}

/// The notices gateway of seed 002.
pub(crate) fn gateway() -> MockServer {
    MockServer::start(|req| {
        if req.method != "POST" || req.path != "/message/v2/notices" {
            return Reply::status(404, r#"{"code":404,"message":"not found"}"#);
        }
        if req.header("authorization") != Some(&format!("Bearer {GATEWAY_TOKEN}")) {
            return Reply::status(401, r#"{"code":401,"message":"unauthorized"}"#);
        }
        let body = req.json();
        if body["template"] != TEMPLATE_ID || !body["to"].is_string() || !valid_data(&body["data"])
        {
            return Reply::json(r#"{"code":400,"message":"bad notice"}"#);
        }
        Reply::json(r#"{"code":200}"#)
    })
}
