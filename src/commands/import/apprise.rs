//! apprise's URLs (the plugins' `parse_url` of apprise 1.13: `dingtalk://[SECRET@]TOKEN/[MOBILE/…]`,
//! `wecombot://KEY`, `feishu://TOKEN`, `lark://TOKEN`, `bark[s]://HOST[:PORT]/KEY[/KEY…]`,
//! `pushplus://TOKEN[/TOPIC…]`, `schan://SENDKEY/`, `mailto[s]://USER:PASSWORD@DOMAIN[/TO…]`,
//! `json[s]://[USER:PASSWORD@]HOST[:PORT]/PATH`, each with its query options) and its configuration files,
//! TEXT (`[TAGS=]URL` a line) or YAML (`urls:` entries, each a URL or a URL with options and `tag`), as
//! [`Imported`] targets; tags become groups.

use super::{Imported, Target, Value, var_name};
use crate::error::Error;
use percent_encoding::percent_decode_str;
use saphyr_parser::{Event, Parser};
use std::path::Path;

/// One URL to map, with its tags, the options a YAML entry gives beside it, and where it was found.
struct Entry {
    url: String,
    tags: Vec<String>,
    options: Vec<(String, String)>,
    origin: String,
}

pub(super) fn import(sources: &[String]) -> Result<Imported, Error> {
    let mut entries = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        if source.contains("://") {
            entries.push(Entry {
                url: source.clone(),
                tags: Vec::new(),
                options: Vec::new(),
                origin: format!("argument {}", i + 1),
            });
        } else {
            entries.extend(read_config(Path::new(source))?);
        }
    }
    let mut imported = Imported::default();
    for entry in entries {
        let shown = format!("{}://*** ({})", scheme(&entry.url), entry.origin);
        match map(&entry, &shown, &mut imported) {
            Ok(mut target) => {
                target.tags = entry.tags;
                imported.targets.push(target);
            }
            Err(why) => imported.unmapped(shown, why),
        }
    }
    imported.name_targets();
    let names: Vec<(usize, String)> = imported
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| (i, t.name.clone()))
        .collect();
    // The variables were named before the targets: give each its target's name.
    for (i, name) in names {
        rename_vars(&mut imported, i, &name);
    }
    Ok(imported)
}

/// A placeholder each secret's variable starts with until its target has a name.
fn placeholder(i: usize) -> String {
    format!("IMPORT{i}")
}

fn rename_vars(imported: &mut Imported, i: usize, name: &str) {
    let from = placeholder(i);
    let to = var_name(name, "");
    let to = to.trim_end_matches('_');
    let fix = |text: &str| text.replace(&format!("${{{from}_"), &format!("${{{to}_"));
    for (_, value) in &mut imported.targets[i].keys {
        match value {
            Value::Text(text) => *text = fix(text),
            Value::List(items) => items.iter_mut().for_each(|t| *t = fix(t)),
            Value::Flag(_) => {}
        }
    }
    for var in &mut imported.variables {
        if let Some(rest) = var.name.strip_prefix(&format!("{from}_")) {
            var.name = format!("{to}_{rest}");
        }
    }
}

fn scheme(url: &str) -> &str {
    url.split("://").next().unwrap_or_default()
}

/// A config file's URLs: YAML when its first line that says anything is a `key:` or a list item.
fn read_config(path: &Path) -> Result<Vec<Entry>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::BadInput(format!(
            "import apprise: cannot read {}: {e}",
            path.display()
        ))
    })?;
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'))
        .unwrap_or_default();
    let yaml = first.starts_with("---")
        || first.starts_with("- ")
        || first.split_once(':').is_some_and(|(key, rest)| {
            !rest.starts_with("//") && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
    let name = path.display().to_string();
    if yaml {
        read_yaml(&name, &text)
    } else {
        Ok(read_text(&name, &text))
    }
}

/// apprise's TEXT format: `URL` or `TAG[,TAG…]=URL` a line; `#` and `;` start comments.
fn read_text(name: &str, text: &str) -> Vec<Entry> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let line = line.trim();
            if line.is_empty()
                || line.starts_with('#')
                || line.starts_with(';')
                || !line.contains("://")
            {
                return None;
            }
            let (tags, url) = match line.split_once('=') {
                Some((tags, url)) if !tags.contains("://") => (split_list(tags), url.trim()),
                _ => (Vec::new(), line),
            };
            Some(Entry {
                url: url.to_owned(),
                tags,
                options: Vec::new(),
                origin: format!("{name} line {}", n + 1),
            })
        })
        .collect()
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A YAML document as a tree: enough for apprise's configuration (scalars, lists, maps).
#[derive(Debug)]
enum Node {
    Scalar(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A scalar, or a list of scalars joined by commas (`tag: [a, b]`).
    fn text(&self) -> String {
        match self {
            Node::Scalar(s) => s.clone(),
            Node::List(items) => items.iter().map(Node::text).collect::<Vec<_>>().join(","),
            Node::Map(_) => String::new(),
        }
    }
}

/// The first document of `text`, built from the parser's events.
fn yaml_tree(name: &str, text: &str) -> Result<Node, Error> {
    let bad = |why: String| {
        Error::BadInput(format!(
            "import apprise: {name} is not YAML apprise can read: {why}"
        ))
    };
    let mut stack: Vec<(Node, Option<String>)> = Vec::new();
    let mut pending_key: Option<String> = None;
    for event in Parser::new_from_str(text) {
        let (event, _) = event.map_err(|e| bad(e.to_string()))?;
        let node = match event {
            Event::Scalar(value, ..) => Node::Scalar(value.into_owned()),
            Event::SequenceStart(..) => {
                stack.push((Node::List(Vec::new()), pending_key.take()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push((Node::Map(Vec::new()), pending_key.take()));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, key) = stack.pop().ok_or_else(|| bad("unbalanced".into()))?;
                pending_key = key;
                node
            }
            Event::Alias(_) => return Err(bad("aliases are not supported".into())),
            _ => continue,
        };
        match stack.last_mut() {
            None => return Ok(node),
            Some((Node::List(items), _)) => items.push(node),
            Some((Node::Map(pairs), _)) => match pending_key.take() {
                Some(key) => pairs.push((key, node)),
                None => pending_key = Some(node.text()),
            },
            Some((Node::Scalar(_), _)) => return Err(bad("unexpected scalar".into())),
        }
    }
    Ok(Node::Map(Vec::new()))
}

/// apprise's YAML format: `urls:` a list of `URL` or `URL: {options}` / `URL: [{options}, …]`; `tag`
/// (or `tags`) there and at the top level.
fn read_yaml(name: &str, text: &str) -> Result<Vec<Entry>, Error> {
    let tree = yaml_tree(name, text)?;
    let global: Vec<String> = tree
        .get("tag")
        .or_else(|| tree.get("tags"))
        .map(|t| split_list(&t.text()))
        .unwrap_or_default();
    let Some(Node::List(urls)) = tree.get("urls") else {
        return Ok(Vec::new());
    };
    let mut entries = Vec::new();
    for (n, item) in urls.iter().enumerate() {
        let origin = format!("{name} urls entry {}", n + 1);
        let (url, settings): (String, Vec<&Node>) = match item {
            Node::Scalar(url) => (url.clone(), vec![]),
            Node::Map(pairs) => match pairs.iter().find(|(k, _)| k.contains("://")) {
                Some((url, Node::List(list))) => (url.clone(), list.iter().collect()),
                Some((url, options)) => (url.clone(), vec![options]),
                None => continue,
            },
            Node::List(_) => continue,
        };
        let instances = if settings.is_empty() {
            vec![None]
        } else {
            settings.into_iter().map(Some).collect()
        };
        for options in instances {
            let mut tags = global.clone();
            let mut extra = Vec::new();
            if let Some(Node::Map(pairs)) = options {
                for (key, value) in pairs {
                    if key == "tag" || key == "tags" {
                        tags.extend(split_list(&value.text()));
                    } else {
                        extra.push((key.clone(), value.text()));
                    }
                }
            }
            entries.push(Entry {
                url: url.clone(),
                tags,
                options: extra,
                origin: origin.clone(),
            });
        }
    }
    Ok(entries)
}

/// A URL's parts, decoded, with the YAML entry's options over its query.
struct Parts {
    scheme: String,
    user: String,
    password: String,
    host: String,
    port: Option<u16>,
    path: Vec<String>,
    query: Vec<(String, String)>,
}

impl Parts {
    fn parse(entry: &Entry) -> Result<Self, String> {
        let url = reqwest::Url::parse(&entry.url).map_err(|e| format!("not a URL ({e})"))?;
        let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
        // Split by hand, not form-decoded: apprise's `+NAME=VALUE` header options start with a `+`.
        let mut query: Vec<(String, String)> = url
            .query()
            .unwrap_or_default()
            .split('&')
            .filter_map(|pair| pair.split_once('=').map(|(k, v)| (decode(k), decode(v))))
            .collect();
        query.extend(entry.options.iter().cloned());
        Ok(Self {
            scheme: url.scheme().to_ascii_lowercase(),
            user: decode(url.username()),
            password: url.password().map(decode).unwrap_or_default(),
            host: decode(url.host_str().unwrap_or_default()),
            port: url.port(),
            path: url
                .path_segments()
                .map(|s| s.filter(|p| !p.is_empty()).map(decode).collect())
                .unwrap_or_default(),
            query,
        })
    }

    /// The last value of a query option (a YAML option comes after the URL's own).
    fn get(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    fn list(&self, key: &str) -> Vec<String> {
        self.get(key).map(split_list).unwrap_or_default()
    }
}

/// A service's own webhook URL, which apprise also takes (its plugins' `parse_native_url`), in the form of
/// apprise's URL for it.
fn native(mut parts: Parts) -> Parts {
    if !["http", "https"].contains(&parts.scheme.as_str()) {
        return parts;
    }
    let path = parts.path.join("/");
    let scheme = match (parts.host.as_str(), path.as_str()) {
        ("qyapi.weixin.qq.com", "cgi-bin/webhook/send") => "wecombot",
        ("oapi.dingtalk.com", "robot/send") => "dingtalk",
        ("open.feishu.cn", p) if p.starts_with("open-apis/bot/v2/hook/") => "feishu",
        ("open.larksuite.com", p) if p.starts_with("open-apis/bot/v2/hook/") => "lark",
        ("api.day.app", _) => "barks",
        _ => return parts,
    };
    if ["feishu", "lark"].contains(&scheme) {
        parts.host = parts.path.last().cloned().unwrap_or_default();
        parts.path.clear();
    } else if scheme == "dingtalk" {
        let token = parts.get("access_token").unwrap_or_default().to_owned();
        parts.host = token;
        parts.path.clear();
    }
    scheme.clone_into(&mut parts.scheme);
    parts
}

/// The target for one entry, or why there is none.
fn map(entry: &Entry, shown: &str, imported: &mut Imported) -> Result<Target, String> {
    const SCHEMES: &[&str] = &[
        "dingtalk", "wecombot", "feishu", "lark", "schan", "pushplus", "bark", "barks", "mailto",
        "mailtos", "json", "jsons", "http", "https",
    ];
    let named = scheme(&entry.url).to_ascii_lowercase();
    if !SCHEMES.contains(&named.as_str()) {
        return Err(format!("apprise's {named}:// has no sendmsg channel"));
    }
    let parts = native(Parts::parse(entry)?);
    let secret = Secrets {
        i: imported.targets.len(),
        shown,
    };
    let mut target = Target::new("", shown.to_owned());
    match parts.scheme.as_str() {
        "dingtalk" => {
            let token = parts.get("token").unwrap_or(&parts.host).to_owned();
            if token.is_empty() || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err("no DingTalk access token (letters and digits) in it".into());
            }
            target.channel = "ding";
            target.text(
                "access_token",
                secret.put(imported, "access_token", &token, "token"),
            );
            let key = parts.get("secret").unwrap_or(&parts.user).to_owned();
            if !key.is_empty() {
                target.text("secret", secret.put(imported, "secret", &key, "secret"));
            }
            let mut mobiles = parts.path.clone();
            mobiles.extend(parts.list("to"));
            target.list("at_mobile", mobiles);
        }
        "wecombot" => {
            let key = parts.get("key").unwrap_or(&parts.host).to_owned();
            if key.is_empty() {
                return Err("no robot key in it".into());
            }
            target.channel = "wecom";
            target.keys.push(("bot", Value::Flag(true)));
            target.text("bot_key", secret.put(imported, "bot_key", &key, "key"));
        }
        "feishu" | "lark" => {
            let token = parts.get("token").unwrap_or(&parts.host).to_owned();
            if token.is_empty() {
                return Err("no bot token in it".into());
            }
            target.channel = "feishu";
            target.text("webhook", secret.put(imported, "webhook", &token, "token"));
            if parts.scheme == "lark" {
                target.text("base_url", "https://open.larksuite.com");
            }
        }
        "schan" => {
            if parts.host.is_empty() || !parts.host.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err("no SendKey (letters and digits) in it".into());
            }
            target.channel = "serverchan";
            target.text(
                "sendkey",
                secret.put(imported, "sendkey", &parts.host, "SendKey"),
            );
        }
        "pushplus" => pushplus(&parts, &mut target, &secret, imported)?,
        "bark" | "barks" => bark(&parts, &mut target, &secret, imported)?,
        "mailto" | "mailtos" => email(&parts, &mut target, &secret, imported)?,
        "json" | "jsons" => webhook(&parts, &mut target, &secret, imported)?,
        _ => return Err("not a service's webhook URL apprise knows (a DingTalk, WeCom, Feishu, Lark or Bark one)".into()),
    }
    Ok(target)
}

/// The secrets of the entry that becomes the `i`th target.
struct Secrets<'a> {
    i: usize,
    shown: &'a str,
}

impl Secrets<'_> {
    /// Keeps `value` (the `part` of the URL) as the variable for `key`, and returns its `${VAR}`.
    fn put(&self, imported: &mut Imported, key: &str, value: &str, part: &str) -> String {
        let var = format!(
            "{}_{}",
            placeholder(self.i),
            var_name("", key).trim_start_matches('_')
        );
        imported.secret(&var, value, format!("the {part} of {}", self.shown))
    }
}

fn pushplus(
    parts: &Parts,
    target: &mut Target,
    secret: &Secrets,
    imported: &mut Imported,
) -> Result<(), String> {
    let token = parts.get("token").unwrap_or(&parts.host).to_owned();
    if token.len() < 32
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err("no PushPlus token (32 to 64 letters and digits) in it".into());
    }
    target.channel = "pushplus";
    target.text("token", secret.put(imported, "token", &token, "token"));
    let mut topics = parts.path.clone();
    topics.extend(parts.list("to"));
    topics.extend(parts.list("topic"));
    if let Some(topic) = topics.first() {
        target.text("topic", topic.clone());
    }
    if topics.len() > 1 {
        imported.unmapped(
            target.source.clone(),
            format!(
                "only its first topic is kept ({}): sendmsg pushplus sends to one topic",
                topics[0]
            ),
        );
    }
    if let Some(channel) = parts
        .get("channel")
        .or(parts.get("mode"))
        .filter(|c| *c != "wechat")
    {
        imported.unmapped(
            target.source.clone(),
            format!(
                "channel={channel} is ignored: sendmsg pushplus uses PushPlus's default (wechat)"
            ),
        );
    }
    Ok(())
}

fn bark(
    parts: &Parts,
    target: &mut Target,
    secret: &Secrets,
    imported: &mut Imported,
) -> Result<(), String> {
    if parts.path.is_empty() {
        return Err("no device key in its path".into());
    }
    if !parts.user.is_empty() {
        return Err(
            "a bark-server behind a login (USER:PASSWORD@) cannot be reached by sendmsg bark"
                .into(),
        );
    }
    target.channel = "bark";
    let scheme = if parts.scheme == "barks" {
        "https"
    } else {
        "http"
    };
    if parts.host != "api.day.app" {
        let port = parts.port.map(|p| format!(":{p}")).unwrap_or_default();
        target.text("base_url", format!("{scheme}://{}{port}", parts.host));
    }
    let keys: Vec<String> = parts
        .path
        .iter()
        .enumerate()
        .map(|(n, key)| {
            let name = if parts.path.len() == 1 {
                "device_key".to_owned()
            } else {
                format!("device_key_{}", n + 1)
            };
            secret.put(imported, &name, key, &format!("device key {}", n + 1))
        })
        .collect();
    target.list("device_key", keys);
    for (from, key) in [
        ("group", "group"),
        ("sound", "sound"),
        ("level", "level"),
        ("click", "url"),
    ] {
        if let Some(value) = parts.get(from) {
            target.text(key, value);
        }
    }
    Ok(())
}

/// The SMTP server, port and security apprise's templates give a mail domain (email/templates.py).
fn provider(domain: &str) -> Option<(&'static str, u16, &'static str)> {
    match domain {
        "qq.com" | "foxmail.com" => Some(("smtp.qq.com", 465, "tls")),
        "163.com" => Some(("smtp.163.com", 465, "tls")),
        "gmail.com" => Some(("smtp.gmail.com", 587, "starttls")),
        "outlook.com" | "hotmail.com" | "live.com" => Some(("smtp.outlook.com", 587, "starttls")),
        _ => None,
    }
}

fn email(
    parts: &Parts,
    target: &mut Target,
    secret: &Secrets,
    imported: &mut Imported,
) -> Result<(), String> {
    if parts.host.is_empty() {
        return Err("no mail domain or server in it".into());
    }
    target.channel = "email";
    let login = if parts.user.contains('@') || parts.user.is_empty() {
        parts.user.clone()
    } else {
        format!("{}@{}", parts.user, parts.host)
    };
    let (host, port, security) = match (parts.get("smtp"), provider(&parts.host)) {
        (Some(smtp), _) => (smtp.to_owned(), parts.port, None),
        (None, Some((host, port, security))) => (
            host.to_owned(),
            Some(parts.port.unwrap_or(port)),
            Some(security),
        ),
        (None, None) => (parts.host.clone(), parts.port, None),
    };
    let security = match parts.get("mode") {
        Some("ssl") => "tls",
        Some("starttls") => "starttls",
        _ => security.unwrap_or(if parts.scheme == "mailtos" {
            "starttls"
        } else {
            "none"
        }),
    };
    target.text("host", host);
    if let Some(port) = port {
        target.text("port", port.to_string());
    }
    target.text("security", security);
    if !login.is_empty() {
        target.text("user", login.clone());
    }
    if !parts.password.is_empty() {
        target.text(
            "password",
            secret.put(imported, "password", &parts.password, "password"),
        );
    }
    let from = match (parts.get("from"), parts.get("name")) {
        (Some(from), Some(name)) => Some(format!("{name} <{from}>")),
        (Some(from), None) => Some(from.to_owned()),
        (None, Some(name)) if !login.is_empty() => Some(format!("{name} <{login}>")),
        _ => None,
    };
    if let Some(from) = from {
        target.text("from", from);
    }
    let mut to = parts.path.clone();
    to.extend(parts.list("to"));
    if to.is_empty() && !login.is_empty() {
        to.push(login);
    }
    target.list("to", to);
    target.list("cc", parts.list("cc"));
    target.list("bcc", parts.list("bcc"));
    if let Some(reply) = parts.get("reply") {
        target.text("reply_to", reply);
    }
    Ok(())
}

/// apprise's JSON body: `{"version","title","message","type"}`.
const APPRISE_JSON_BODY: &str =
    r#"{"version": "1.0", "title": {{title}}, "message": {{message}}, "type": "info"}"#;

fn webhook(
    parts: &Parts,
    target: &mut Target,
    secret: &Secrets,
    imported: &mut Imported,
) -> Result<(), String> {
    let method = parts.get("method").unwrap_or("POST").to_ascii_uppercase();
    if !["POST", "PUT", "GET"].contains(&method.as_str()) {
        return Err(format!(
            "method={method}: sendmsg webhook sends POST, PUT or GET"
        ));
    }
    target.channel = "webhook";
    let scheme = if parts.scheme == "jsons" {
        "https"
    } else {
        "http"
    };
    let port = parts.port.map(|p| format!(":{p}")).unwrap_or_default();
    let path: String = parts.path.iter().map(|p| format!("/{p}")).collect();
    target.text("url", format!("{scheme}://{}{port}{path}", parts.host));
    if method != "POST" {
        target.text("method", method);
    }
    let mut headers = Vec::new();
    if !parts.user.is_empty() {
        use base64::Engine;
        let basic = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", parts.user, parts.password));
        let var = secret.put(
            imported,
            "authorization",
            &format!("Basic {basic}"),
            "user and password (`Basic ` and their Base64)",
        );
        headers.push(format!("Authorization: {var}"));
    }
    // apprise's `+NAME=VALUE` options are headers; their values are secrets as every header's.
    for (key, value) in &parts.query {
        if let Some(name) = key.strip_prefix('+') {
            let var = secret.put(
                imported,
                &format!("header_{name}"),
                value,
                &format!("{name} header"),
            );
            headers.push(format!("{name}: {var}"));
        } else if key.starts_with('-') || key.starts_with(':') {
            imported.unmapped(
                target.source.clone(),
                format!("the payload option {key} is ignored: the body is apprise's default JSON"),
            );
        }
    }
    target.list("header", headers);
    target.text("body", APPRISE_JSON_BODY);
    Ok(())
}
