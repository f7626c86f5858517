//! A mock WeCom server that checks what WeCom checks: gettoken's corp id and secret (the same token while
//! it is valid), message/send's token (41001/40014/42001), integer agentid, msgtype, the 2048-byte
//! content limit and the recipients (invaliduser in a successful reply, 81013 when nobody is valid), and
//! the group robot's key, limits and mention list. It can also answer "system busy".

use super::form::{self, FormPart};
use super::mock::{MockServer, Recorded, Reply};
use super::tokens::TokenStore;
use base64::Engine;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub(crate) const CORP_ID: &str = "ww-test-corp-7c1d";
pub(crate) const CORP_SECRET: &str = "wecom-corp-secret-4e2a9b";
pub(crate) const AGENT_ID: &str = "1000002";
pub(crate) const BOT_KEY: &str = "693a91f6-7b2c-4bc4-97a0-0ec2f1a5aaa1";

/// Members, departments and tags the app can see.
const USERS: &[&str] = &["zhangsan", "lisi"];
const PARTIES: &[&str] = &["2"];
const TAGS: &[&str] = &["1"];

pub(crate) struct Wecom {
    pub server: MockServer,
    pub tokens: TokenStore,
    busy: Arc<AtomicUsize>,
    ip_refused: Arc<AtomicBool>,
    uploads: Uploads,
}

/// The media_ids issued by `upload_media`, with the part each came from.
#[derive(Clone, Default)]
struct Uploads(Arc<Mutex<Vec<(String, FormPart)>>>);

/// WeCom's answer to a call from an IP outside the app's 企业可信IP, as the service words it.
pub(crate) const IP_REFUSED: &str = r#"{"errcode":60020,"errmsg":"not allow to access from your ip, hint: [1700000000_2_7f3e9a], from ip: 203.0.113.7, more info at https://open.work.weixin.qq.com/devtool/query?e=60020"}"#;

fn error(code: i64, message: &str) -> Reply {
    Reply::json(format!(r#"{{"errcode":{code},"errmsg":"{message}"}}"#))
}

impl Wecom {
    pub(crate) fn start() -> Self {
        let tokens = TokenStore::new("wecom");
        let busy = Arc::new(AtomicUsize::new(0));
        let ip_refused = Arc::new(AtomicBool::new(false));
        let uploads = Uploads::default();
        let (t, b, ip, u) = (
            tokens.clone(),
            Arc::clone(&busy),
            Arc::clone(&ip_refused),
            uploads.clone(),
        );
        let server = MockServer::start(move |req| {
            if ip.load(Ordering::SeqCst)
                && req.path.starts_with("/cgi-bin/")
                && !req.path.contains("webhook")
            {
                return Reply::json(IP_REFUSED);
            }
            handle(req, &t, &b, &u)
        });
        Self {
            server,
            tokens,
            busy,
            ip_refused,
            uploads,
        }
    }

    /// What the mock answers `req`, without a connection: for tests that the mock refuses what the
    /// service refuses.
    pub(crate) fn answer(&self, req: &Recorded) -> String {
        match handle(req, &self.tokens, &self.busy, &self.uploads) {
            Reply::Http(_, _, body) => body,
            other => format!("{other:?}"),
        }
    }

    /// The files `upload_media` took, by the media_id it issued.
    pub(crate) fn uploads(&self) -> Vec<(String, FormPart)> {
        self.uploads.0.lock().map(|u| u.clone()).unwrap_or_default()
    }

    pub(crate) fn url(&self) -> String {
        self.server.url()
    }

    /// The next `n` message requests are answered "system busy" (-1) or, for the robot, 45009.
    pub(crate) fn busy_for(&self, n: usize) {
        self.busy.store(n, Ordering::SeqCst);
    }

    /// This machine's IP is not in the app's 企业可信IP from now on: every app call gets 60020.
    pub(crate) fn refuse_ip(&self) {
        self.ip_refused.store(true, Ordering::SeqCst);
    }

    /// The message requests (app and robot), in order.
    pub(crate) fn sends(&self) -> Vec<Recorded> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.path != "/cgi-bin/gettoken")
            .collect()
    }
}

fn take_busy(busy: &AtomicUsize) -> bool {
    busy.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

fn handle(req: &Recorded, tokens: &TokenStore, busy: &AtomicUsize, uploads: &Uploads) -> Reply {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/cgi-bin/gettoken") => {
            if req.query("corpid").as_deref() != Some(CORP_ID) {
                return error(40013, "invalid corpid");
            }
            if req.query("corpsecret").as_deref() != Some(CORP_SECRET) {
                return error(40001, "invalid credential");
            }
            Reply::json(tokens.issue(true, true))
        }
        ("POST", "/cgi-bin/message/send") => {
            if let Err((code, message)) = tokens.check(req.query("access_token").as_deref()) {
                return error(code, message);
            }
            if take_busy(busy) {
                return error(-1, "system busy");
            }
            app_send(&req.json())
        }
        ("POST", "/cgi-bin/webhook/send") => {
            if req.query("key").as_deref() != Some(BOT_KEY) {
                return error(93000, "invalid webhook url");
            }
            if take_busy(busy) {
                return error(45009, "api freq out of limit");
            }
            let body = req.json();
            match body["msgtype"].as_str() {
                Some("image") => robot_image(&body),
                Some("file") => robot_file(&body, uploads),
                _ => robot_send(&body),
            }
        }
        ("POST", "/cgi-bin/webhook/upload_media") => {
            if req.query("key").as_deref() != Some(BOT_KEY) {
                return error(93000, "invalid webhook url");
            }
            upload_media(req, uploads)
        }
        _ => Reply::status(404, "not found"),
    }
}

/// The message content, checked like the service does: `kinds` are the message types the endpoint takes.
fn content(body: &Value, kinds: &[&str], max: usize) -> Result<(), Reply> {
    let kind = body["msgtype"].as_str().unwrap_or_default();
    if !kinds.contains(&kind) {
        return Err(error(40008, "invalid message type"));
    }
    match body[kind]["content"].as_str() {
        None | Some("") => Err(error(44004, "empty content")),
        Some(c) if c.len() > max => Err(error(
            45002,
            &format!("{kind}.content exceed max length {max}"),
        )),
        Some(_) => Ok(()),
    }
}

fn app_send(body: &Value) -> Reply {
    if body["agentid"].as_i64().map(|a| a.to_string()).as_deref() != Some(AGENT_ID) {
        return error(40056, "invalid agentid");
    }
    if let Err(reply) = content(body, &["text", "markdown"], 2048) {
        return reply;
    }
    let list = |name: &str| -> Vec<String> {
        body[name]
            .as_str()
            .unwrap_or_default()
            .split('|')
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (users, parties, tags) = (list("touser"), list("toparty"), list("totag"));
    if users.is_empty() && parties.is_empty() && tags.is_empty() {
        return error(82001, "all touser toparty totag invalid");
    }
    if users == ["@all"] {
        return Reply::json(r#"{"errcode":0,"errmsg":"ok","msgid":"m1"}"#);
    }
    let invalid = |ids: &[String], known: &[&str]| -> Vec<String> {
        ids.iter()
            .map(|id| id.to_lowercase())
            .filter(|id| !known.contains(&id.as_str()))
            .collect()
    };
    let (bad_users, bad_parties, bad_tags) = (
        invalid(&users, USERS),
        invalid(&parties, PARTIES),
        invalid(&tags, TAGS),
    );
    if bad_users.len() + bad_parties.len() + bad_tags.len()
        == users.len() + parties.len() + tags.len()
    {
        return error(81013, "user & party & tag all invalid");
    }
    Reply::json(
        serde_json::json!({
            "errcode": 0, "errmsg": "ok",
            "invaliduser": bad_users.join("|"),
            "invalidparty": bad_parties.join("|"),
            "invalidtag": bad_tags.join("|"),
            "msgid": "m2"
        })
        .to_string(),
    )
}

fn robot_send(body: &Value) -> Reply {
    // markdown_v2 has markdown's limit (消息推送's documentation); colours and <@userid> just do not show.
    let max = if body["msgtype"] == "text" {
        2048
    } else {
        4096
    };
    if let Err(reply) = content(body, &["text", "markdown", "markdown_v2"], max) {
        return reply;
    }
    if let Some(mentions) = body["text"].get("mentioned_mobile_list") {
        let valid = mentions.as_array().is_some_and(|list| {
            list.iter().all(|m| {
                m.as_str()
                    .is_some_and(|m| m == "@all" || m.chars().all(|c| c.is_ascii_digit()))
            })
        });
        if !valid {
            return error(40058, "invalid mentioned_mobile_list");
        }
    }
    Reply::json(r#"{"errcode":0,"errmsg":"ok"}"#)
}

/// An image message: Base64 that decodes, the MD5 of the decoded bytes, JPG or PNG, at most 2 MB.
fn robot_image(body: &Value) -> Reply {
    let (Some(encoded), Some(md5)) = (
        body["image"]["base64"].as_str(),
        body["image"]["md5"].as_str(),
    ) else {
        return error(40008, "invalid message type: image needs base64 and md5");
    };
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(encoded) else {
        return error(40009, "invalid image: base64 does not decode");
    };
    if bytes.len() > 2 * 1024 * 1024 {
        return error(40009, "invalid image size");
    }
    if md5 != super::md5_hex(&bytes) {
        return error(40009, "invalid image: md5 does not match");
    }
    if !bytes.starts_with(&[0xff, 0xd8, 0xff]) && !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return error(40005, "invalid file type");
    }
    Reply::json(r#"{"errcode":0,"errmsg":"ok"}"#)
}

/// A file message: a media_id that `upload_media` issued.
fn robot_file(body: &Value, uploads: &Uploads) -> Reply {
    let id = body["file"]["media_id"].as_str().unwrap_or_default();
    let known = uploads
        .0
        .lock()
        .is_ok_and(|u| u.iter().any(|(issued, _)| issued == id));
    if known {
        Reply::json(r#"{"errcode":0,"errmsg":"ok"}"#)
    } else {
        error(40007, "invalid media_id")
    }
}

/// `upload_media?type=file`: a multipart form with one part `media` that has a file name, 5 bytes to
/// 20 MB.
fn upload_media(req: &Recorded, uploads: &Uploads) -> Reply {
    if req.query("type").as_deref() != Some("file") {
        return error(40004, "invalid media type");
    }
    let Some(parts) = form::parts(req) else {
        return error(44001, "empty media data: not a multipart/form-data upload");
    };
    let Some(media) = parts
        .iter()
        .find(|p| p.name == "media" && p.filename.is_some())
    else {
        return error(
            44001,
            "empty media data: no part named media with a filename",
        );
    };
    if !(5..=20 * 1024 * 1024).contains(&media.bytes.len()) {
        return error(40006, "invalid file size");
    }
    let Ok(mut issued) = uploads.0.lock() else {
        return Reply::status(500, "poisoned");
    };
    let id = format!("3a8asd892asd8asd-{}", issued.len() + 1);
    issued.push((id.clone(), media.clone()));
    Reply::json(format!(
        r#"{{"errcode":0,"errmsg":"ok","type":"file","media_id":"{id}","created_at":"1700000000"}}"#
    ))
}
