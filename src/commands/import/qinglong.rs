//! qinglong's `notify.py` settings (whyour/qinglong `sample/notify.py`, read from its `config.sh` of
//! `export NAME="value"` lines or any env file) as [`Imported`] targets. The secrets keep qinglong's own
//! variable names (`${DD_BOT_TOKEN}`), which the panel already sets; a secret that is one part of a
//! setting (`QYWX_AM`'s Secret, the key in a `BARK_PUSH` URL) gets a variable of its own.

use super::{Imported, Target, Value};
use crate::error::Error;
use std::path::Path;

/// notify.py's other channels: set, they are named as not mapped.
const UNMAPPED: &[(&str, &str)] = &[
    ("TG_BOT_TOKEN", "Telegram"),
    ("GOTIFY_URL", "Gotify (sendmsg webhook can post to it)"),
    ("GOBOT_URL", "go-cqhttp"),
    ("IGOT_PUSH_KEY", "iGot"),
    ("DEER_KEY", "PushDeer"),
    ("CHAT_URL", "Synology Chat"),
    ("QMSG_KEY", "Qmsg"),
    ("WE_PLUS_BOT_TOKEN", "微加机器人"),
    ("AIBOTK_KEY", "智能微秘书"),
    ("PUSHME_KEY", "PushMe"),
    ("CHRONOCAT_URL", "Chronocat"),
    (
        "WEBHOOK_URL",
        "qinglong's custom webhook (see sendmsg webhook)",
    ),
    ("NTFY_TOPIC", "ntfy (sendmsg webhook can post to it)"),
    ("WXPUSHER_APP_TOKEN", "WxPusher"),
];

/// The file's variables, in order, each with its line.
struct Settings {
    name: String,
    values: Vec<(String, String, usize)>,
}

impl Settings {
    fn read(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::BadInput(format!(
                "import qinglong: cannot read {}: {e}",
                path.display()
            ))
        })?;
        let iter = dotenvy::from_read_iter(text.as_bytes());
        let values = iter
            .filter_map(Result::ok)
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(key, value)| {
                let line = text
                    .lines()
                    .position(|l| {
                        l.trim_start()
                            .trim_start_matches("export ")
                            .trim_start()
                            .starts_with(&format!("{key}="))
                    })
                    .map_or(0, |n| n + 1);
                (key, value.trim().to_owned(), line)
            })
            .collect();
        Ok(Self {
            name: path.display().to_string(),
            values,
        })
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, ..)| k == key)
            .map(|(_, v, _)| v.as_str())
    }

    /// `FILE line N: NAME`, where a value came from.
    fn origin(&self, key: &str) -> String {
        let line = self
            .values
            .iter()
            .rev()
            .find(|(k, ..)| k == key)
            .map_or(0, |(.., l)| *l);
        format!("{} line {line}: {key}", self.name)
    }

    /// The `${KEY}` of a setting that is a secret, which the panel already sets under its own name.
    fn secret(&self, imported: &mut Imported, key: &str) -> Option<String> {
        let value = self.get(key)?;
        Some(imported.secret(key, value, self.origin(key)))
    }
}

pub(super) fn import(path: &Path) -> Result<Imported, Error> {
    let settings = Settings::read(path)?;
    let mut imported = Imported::default();
    let mappers: [fn(&Settings, &mut Imported) -> Option<Target>; 8] = [
        ding, wecom_bot, wecom_app, feishu, serverchan, pushplus, bark, email,
    ];
    for mapper in mappers {
        if let Some(target) = mapper(&settings, &mut imported) {
            imported.targets.push(target);
        }
    }
    for (key, what) in UNMAPPED {
        if settings.get(key).is_some() {
            imported.unmapped(
                settings.origin(key),
                format!("{what} has no sendmsg channel"),
            );
        }
    }
    imported.name_targets();
    Ok(imported)
}

fn ding(s: &Settings, imported: &mut Imported) -> Option<Target> {
    let mut target = Target::new("ding", s.origin("DD_BOT_TOKEN"));
    target.text("access_token", s.secret(imported, "DD_BOT_TOKEN")?);
    if let Some(secret) = s.secret(imported, "DD_BOT_SECRET") {
        target.text("secret", secret);
    }
    Some(target)
}

fn wecom_bot(s: &Settings, imported: &mut Imported) -> Option<Target> {
    let mut target = Target::new("wecom", s.origin("QYWX_KEY"));
    target.keys.push(("bot", Value::Flag(true)));
    target.text("bot_key", s.secret(imported, "QYWX_KEY")?);
    if let Some(origin) = s.get("QYWX_ORIGIN") {
        target.text("base_url", origin);
    }
    Some(target)
}

/// `QYWX_AM="corpid,corpsecret,touser,agentid[,media_id]"`.
fn wecom_app(s: &Settings, imported: &mut Imported) -> Option<Target> {
    let value = s.get("QYWX_AM")?;
    let origin = s.origin("QYWX_AM");
    let fields: Vec<&str> = value.split(',').map(str::trim).collect();
    let [corp_id, secret, to_user, agent_id, rest @ ..] = fields.as_slice() else {
        imported.unmapped(origin, "not corpid,corpsecret,touser,agentid[,media_id]");
        return None;
    };
    if !rest.is_empty() {
        imported.unmapped(
            origin.clone(),
            "its media_id (an mpnews message) is ignored: sendmsg wecom sends text",
        );
    }
    let mut target = Target::new("wecom", origin.clone());
    target.text("corp_id", *corp_id);
    target.text(
        "corp_secret",
        imported.secret(
            "QYWX_AM_SECRET",
            secret,
            format!("the second field (corpsecret) of {origin}"),
        ),
    );
    target.text("agent_id", *agent_id);
    target.list("to_user", to_user.split('|').map(str::to_owned).collect());
    if let Some(origin) = s.get("QYWX_ORIGIN") {
        target.text("base_url", origin);
    }
    Some(target)
}

fn feishu(s: &Settings, imported: &mut Imported) -> Option<Target> {
    let mut target = Target::new("feishu", s.origin("FSKEY"));
    target.text("webhook", s.secret(imported, "FSKEY")?);
    if let Some(secret) = s.secret(imported, "FSSECRET") {
        target.text("secret", secret);
    }
    Some(target)
}

fn serverchan(s: &Settings, imported: &mut Imported) -> Option<Target> {
    let mut target = Target::new("serverchan", s.origin("PUSH_KEY"));
    target.text("sendkey", s.secret(imported, "PUSH_KEY")?);
    Some(target)
}

fn pushplus(s: &Settings, imported: &mut Imported) -> Option<Target> {
    let mut target = Target::new("pushplus", s.origin("PUSH_PLUS_TOKEN"));
    target.text("token", s.secret(imported, "PUSH_PLUS_TOKEN")?);
    if let Some(topic) = s.get("PUSH_PLUS_USER") {
        target.text("topic", topic);
    }
    match s.get("PUSH_PLUS_TEMPLATE") {
        Some(t @ ("html" | "txt" | "markdown")) => target.text("template", t),
        Some(other) => imported.unmapped(
            s.origin("PUSH_PLUS_TEMPLATE"),
            format!("template {other} is not one sendmsg pushplus sends (txt, html, markdown)"),
        ),
        None => {}
    }
    if s.get("PUSH_PLUS_CHANNEL").is_some_and(|c| c != "wechat") {
        imported.unmapped(
            s.origin("PUSH_PLUS_CHANNEL"),
            "ignored: sendmsg pushplus uses PushPlus's default channel (wechat)",
        );
    }
    Some(target)
}

/// `BARK_PUSH`: a device key, or the URL the Bark app shows (`https://api.day.app/KEY/`, or a server of
/// your own).
fn bark(s: &Settings, imported: &mut Imported) -> Option<Target> {
    let value = s.get("BARK_PUSH")?;
    let origin = s.origin("BARK_PUSH");
    let mut target = Target::new("bark", origin.clone());
    if value.starts_with("http://") || value.starts_with("https://") {
        let url = reqwest::Url::parse(value).ok()?;
        let key = url.path_segments()?.find(|p| !p.is_empty())?.to_owned();
        if url.host_str() != Some("api.day.app") {
            target.text("base_url", url.origin().ascii_serialization());
        }
        target.text(
            "device_key",
            imported.secret(
                "BARK_PUSH_DEVICE_KEY",
                &key,
                format!("the device key in the URL of {origin}"),
            ),
        );
    } else {
        target.text("device_key", s.secret(imported, "BARK_PUSH")?);
    }
    for (from, key) in [
        ("BARK_GROUP", "group"),
        ("BARK_SOUND", "sound"),
        ("BARK_LEVEL", "level"),
        ("BARK_URL", "url"),
    ] {
        if let Some(value) = s.get(from) {
            target.text(key, value);
        }
    }
    for ignored in ["BARK_ICON", "BARK_ARCHIVE"] {
        if s.get(ignored).is_some() {
            imported.unmapped(
                s.origin(ignored),
                "ignored: sendmsg bark has no such option",
            );
        }
    }
    Some(target)
}

/// `SMTP_SERVER=host:port`, `SMTP_SSL`, `SMTP_EMAIL` (login and sender), `SMTP_PASSWORD`, `SMTP_NAME`,
/// `SMTP_EMAIL_TO` (`;`-separated, default the sender).
fn email(s: &Settings, imported: &mut Imported) -> Option<Target> {
    let server = s.get("SMTP_SERVER")?;
    let mut target = Target::new("email", s.origin("SMTP_SERVER"));
    let (host, port) = match server.rsplit_once(':') {
        Some((host, port)) if port.parse::<u16>().is_ok() => (host, Some(port)),
        _ => (server, None),
    };
    target.text("host", host);
    if let Some(port) = port {
        target.text("port", port);
    }
    let ssl = s.get("SMTP_SSL") == Some("true");
    target.text("security", if ssl { "tls" } else { "starttls" });
    if !ssl {
        imported.unmapped(s.origin("SMTP_SSL"), "qinglong sends in clear without SSL; the target uses STARTTLS (security = \"none\" sends in clear)");
    }
    let email = s.get("SMTP_EMAIL").unwrap_or_default();
    if !email.is_empty() {
        target.text("user", email);
    }
    if let Some(password) = s.secret(imported, "SMTP_PASSWORD") {
        target.text("password", password);
    }
    match (s.get("SMTP_NAME"), email.is_empty()) {
        (Some(name), false) => target.text("from", format!("{name} <{email}>")),
        (None, false) => target.text("from", email),
        _ => {}
    }
    let to = s.get("SMTP_EMAIL_TO").unwrap_or(email);
    target.list(
        "to",
        to.split([';', '；'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
    );
    Some(target)
}
