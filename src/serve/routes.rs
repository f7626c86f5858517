//! What each request means, as pure functions: authentication, routing, the parsing of ddns-go's GET and
//! POST forms, and the texts of replies and notifications. No sockets and no files, so every rule here is
//! unit-tested directly.

use super::store::{Change, Observation, Update, UserRecord};
use crate::secret::Secret;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::net::IpAddr;

/// A request as read off the wire.
#[derive(Debug)]
pub struct Incoming<'a> {
    pub method: &'a str,
    /// Path and query, as sent.
    pub target: &'a str,
    /// Names in lower case.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

impl Incoming<'_> {
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(self.target, |(p, _)| p)
    }

    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, q)| q)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn wants_json(&self) -> bool {
        self.header("accept")
            .is_some_and(|a| a.contains("application/json"))
            || field(self.query().as_bytes(), "format").as_deref() == Some("json")
    }
}

/// A response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
    pub headers: Vec<(&'static str, &'static str)>,
}

impl Reply {
    /// A text reply; the body gets its final newline here.
    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        let mut body = body.into();
        body.push('\n');
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body,
            headers: Vec::new(),
        }
    }

    pub fn json(value: &serde_json::Value) -> Reply {
        Reply {
            status: 200,
            content_type: "application/json",
            body: format!("{value}\n"),
            headers: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &'static str, value: &'static str) -> Reply {
        self.headers.push((name, value));
        self
    }
}

/// What a valid request asks for; the server carries it out.
#[derive(Debug, PartialEq, Eq)]
pub enum Intent {
    Health,
    /// ddns-go's webhook.
    Record(Update),
    Show {
        user: String,
        json: bool,
        /// `?family=4` or `?family=6`: that family's address only.
        family: Option<Family>,
    },
    /// A text for the notify channel.
    Send(String),
}

/// An address family, as `?family=` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    V4,
    V6,
}

/// The webhook's path, kept from seed 000 so existing ddns-go configurations work unchanged.
const WEBHOOK_PATH: &str = "/ip/cheng_ip";
const MAX_RESULT_CHARS: usize = 64;
/// The most of a domain list a notification shows; the store keeps all of it.
const SHOWN_DOMAINS_CHARS: usize = 300;

/// Authenticates, then routes. An `Err` is the reply to send as it is.
pub fn route(req: &Incoming, token: Option<&Secret>) -> Result<Intent, Reply> {
    let path = req.path();
    if path == "/healthz" {
        return only(req, &["GET", "HEAD"]).map(|()| Intent::Health);
    }
    authorize(req, token)?;
    match path {
        WEBHOOK_PATH => {
            only(req, &["GET", "POST"])?;
            let fields = if req.method == "POST" {
                body_fields(req.body)?
            } else {
                form_fields(req.query().as_bytes())
            };
            webhook_update(&fields).map(Intent::Record)
        }
        "/api/send" => {
            only(req, &["GET"])?;
            let text = field(req.query().as_bytes(), "msg")
                .or_else(|| field(req.query().as_bytes(), "mag"))
                .unwrap_or_default();
            message(&text).map(Intent::Send)
        }
        "/api/send_msg" => {
            only(req, &["POST"])?;
            message(&posted_text(req.body)).map(Intent::Send)
        }
        _ => match path.strip_prefix("/ip/") {
            Some(user) => {
                only(req, &["GET", "HEAD"])?;
                let user = percent_encoding::percent_decode_str(user)
                    .decode_utf8()
                    .map_err(|_| bad("invalid user name: not UTF-8"))?;
                valid_user(&user)?;
                let family = match field(req.query().as_bytes(), "family").as_deref() {
                    None => None,
                    Some("4") => Some(Family::V4),
                    Some("6") => Some(Family::V6),
                    Some(other) => {
                        return Err(bad(format!(
                            "family must be 4 or 6, not `{}`",
                            shorten(other)
                        )));
                    }
                };
                Ok(Intent::Show {
                    user: user.into_owned(),
                    json: req.wants_json(),
                    family,
                })
            }
            None => Err(Reply::text(404, format!("not found: {}", shorten(path)))),
        },
    }
}

/// With a token set, the request must carry it: else the 401 to send.
pub(crate) fn authorize(req: &Incoming, token: Option<&Secret>) -> Result<(), Reply> {
    match token {
        Some(expected) if !authorized(req, expected) => Err(Reply::text(
            401,
            "unauthorized: pass ?token= or Authorization: Bearer",
        )
        .with_header("WWW-Authenticate", "Bearer")),
        _ => Ok(()),
    }
}

fn only(req: &Incoming, methods: &[&'static str]) -> Result<(), Reply> {
    if methods.contains(&req.method) {
        return Ok(());
    }
    let allow = match methods {
        ["GET", "POST"] => "GET, POST",
        ["POST"] => "POST",
        ["GET"] => "GET",
        _ => "GET, HEAD",
    };
    Err(
        Reply::text(405, format!("method {} not allowed", shorten(req.method)))
            .with_header("Allow", allow),
    )
}

/// `?token=` or `Authorization: Bearer`, compared in constant time (over digests, so the length is hidden too).
fn authorized(req: &Incoming, expected: &Secret) -> bool {
    let bearer = req.header("authorization").and_then(|v| {
        let (scheme, rest) = v.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
    });
    let from_query = field(req.query().as_bytes(), "token");
    [bearer.map(Cow::Borrowed), from_query.map(Cow::Owned)]
        .into_iter()
        .flatten()
        .any(|given| same_secret(&given, expected.expose()))
}

fn same_secret(given: &str, expected: &str) -> bool {
    let (a, b) = (Sha256::digest(given), Sha256::digest(expected));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// User names as the contract allows them: 1-64 letters or digits of any script (`小宇`), `_ . - @`.
fn valid_user(user: &str) -> Result<(), Reply> {
    let ok = (1..=64).contains(&user.chars().count())
        && user
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(bad(format!(
            "invalid user name `{}`: use 1-64 letters, digits, _ . - @",
            shorten(user)
        )))
    }
}

fn bad(reason: impl Into<String>) -> Reply {
    Reply::text(400, reason)
}

/// A value quoted in an error, redacted and cut so a reply stays one short line.
fn shorten(value: &str) -> String {
    crate::secret::excerpt(value, 64)
}

/// Form-encoded pairs (`+` is a space), decoded lossily.
fn form_fields(raw: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(raw).into_owned().collect()
}

fn field(raw: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(raw)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// ddns-go posts JSON when its substituted body is valid JSON and form-encoding otherwise (whatever the
/// Content-Type says, which can even be doubled), so the body's first character decides.
fn body_fields(body: &[u8]) -> Result<Vec<(String, String)>, Reply> {
    let text = String::from_utf8_lossy(body);
    if !text.trim_start().starts_with('{') {
        return Ok(form_fields(text.trim().as_bytes()));
    }
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
        .map_err(|e| bad(format!("the body is not a JSON object: {e}")))?;
    object
        .into_iter()
        .filter_map(|(key, value)| match value {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(Ok((key, s))),
            serde_json::Value::Number(n) => Some(Ok((key, n.to_string()))),
            serde_json::Value::Bool(b) => Some(Ok((key, b.to_string()))),
            _ => Some(Err(bad(format!(
                "field `{}` must be a string",
                shorten(&key)
            )))),
        })
        .collect()
}

fn lookup<'f>(fields: &'f [(String, String)], name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
}

/// `msg=USER,ADDR,RESULT[,DOMAINS]` (DOMAINS, ddns-go's `#{ipv6Domains}`, is everything after the third
/// comma), or `user` with ddns-go's own variable names.
fn webhook_update(fields: &[(String, String)]) -> Result<Update, Reply> {
    if let Some(msg) = lookup(fields, "msg") {
        let mut parts = msg.splitn(4, ',').map(str::trim);
        let user = parts.next().unwrap_or_default();
        valid_user(user)?;
        let addr = parts.next().unwrap_or_default();
        if addr.is_empty() {
            return Err(bad("msg must be USER,ADDR,RESULT (ADDR is empty)"));
        }
        let result = parts.next().unwrap_or_default();
        let domains = parts.next().unwrap_or_default();
        let observation = observe("ADDR", addr, None, result, domains)?;
        return Ok(Update {
            user: user.to_owned(),
            observations: vec![observation],
        });
    }
    let Some(user) = lookup(fields, "user") else {
        return Err(bad(
            "expected msg=USER,ADDR,RESULT or a user field with ipv4Addr/ipv6Addr",
        ));
    };
    valid_user(user)?;
    let mut observations = Vec::new();
    for (family, v4) in [("ipv4", true), ("ipv6", false)] {
        let name = format!("{family}Addr");
        let addr = lookup(fields, &name).unwrap_or_default();
        if addr.is_empty() {
            continue;
        }
        let result = lookup(fields, &format!("{family}Result")).unwrap_or_default();
        let domains = lookup(fields, &format!("{family}Domains")).unwrap_or_default();
        observations.push(observe(&name, addr, Some(v4), result, domains)?);
    }
    if observations.is_empty() {
        return Err(bad("no address: ipv4Addr and ipv6Addr are both empty"));
    }
    Ok(Update {
        user: user.to_owned(),
        observations,
    })
}

fn observe(
    name: &str,
    addr: &str,
    want_v4: Option<bool>,
    result: &str,
    domains: &str,
) -> Result<Observation, Reply> {
    let parsed: IpAddr = addr
        .parse()
        .map_err(|_| bad(format!("{name} `{}` is not an IP address", shorten(addr))))?;
    if parsed.is_unspecified() || parsed.is_multicast() {
        return Err(bad(format!("{name} `{parsed}` is not a host address")));
    }
    match want_v4 {
        Some(true) if !parsed.is_ipv4() => {
            return Err(bad(format!("{name} `{parsed}` is not an IPv4 address")));
        }
        Some(false) if !parsed.is_ipv6() => {
            return Err(bad(format!("{name} `{parsed}` is not an IPv6 address")));
        }
        _ => {}
    }
    // The domain list may be as long as the body allows: ddns-go sends every domain it updates.
    if result.chars().count() > MAX_RESULT_CHARS {
        return Err(bad(format!("{name}: the result is too long")));
    }
    Ok(Observation {
        addr: parsed,
        result: printable(result),
        domains: printable(domains),
    })
}

/// Control characters removed, so a field cannot add lines (or terminal escapes) to a notification.
fn printable(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// The domain ddns-go's "test" button puts in `ipv4Domains`/`ipv6Domains`.
const TEST_DOMAIN: &str = "test.example.com";

/// ddns-go's "test" button sends 127.0.0.1, ::1 and `test.example.com`: acknowledge it, but never store it
/// as an address. Either sign is enough (a real update never has a loopback address or that domain).
pub(crate) fn is_test_event(update: &Update) -> bool {
    update.observations.iter().any(|o| {
        o.addr.is_loopback()
            || o.domains
                .split(',')
                .any(|d| d.trim().eq_ignore_ascii_case(TEST_DOMAIN))
    })
}

/// `/api/send_msg`'s body: the seed documents a JSON string (`"text"`); anything else is the text itself.
fn posted_text(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    serde_json::from_str::<String>(&text).unwrap_or_else(|_| text.into_owned())
}

fn message(text: &str) -> Result<String, Reply> {
    if text.trim().is_empty() {
        Err(bad(
            "empty message: pass ?msg=TEXT (GET /api/send) or a body (POST /api/send_msg)",
        ))
    } else {
        Ok(text.to_owned())
    }
}

/// `GET /ip/{USER}`: the address alone for scripts (the most recently changed, or the asked family's), or
/// the whole record, both families, as JSON.
pub(crate) fn show(
    user: &str,
    record: Option<&UserRecord>,
    json: bool,
    family: Option<Family>,
) -> Reply {
    let addr = record.and_then(|rec| match family {
        None => Some(rec.addr),
        Some(Family::V4) => rec.ipv4.as_ref().map(|e| e.addr),
        Some(Family::V6) => rec.ipv6.as_ref().map(|e| e.addr),
    });
    match (record, addr) {
        (None, _) => Reply::text(404, format!("no address recorded for {user}")),
        (Some(_), None) => {
            let family = if family == Some(Family::V4) {
                "IPv4"
            } else {
                "IPv6"
            };
            Reply::text(404, format!("no {family} address recorded for {user}"))
        }
        (Some(rec), Some(_)) if json => {
            let mut value = serde_json::to_value(rec).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.insert("user".into(), user.into());
            }
            Reply::json(&value)
        }
        (Some(_), Some(addr)) => Reply::text(200, addr.to_string()),
    }
}

fn family(addr: IpAddr) -> &'static str {
    if addr.is_ipv4() { "IPv4" } else { "IPv6" }
}

/// One notification for the whole update, one line per family that is worth it, or none. `wecom_app`: a
/// notify channel is a WeCom app, whose sends fail with errcode 60020 until the new public IPv4 address is
/// in its 企业可信IP list (an IPv6 or private address never is what WeCom sees).
pub(crate) fn notification(user: &str, changes: &[Change], wecom_app: bool) -> Option<String> {
    let lines: Vec<String> = changes
        .iter()
        .filter(|c| c.worth_notifying())
        .map(|c| in_words(user, c))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let mut text = lines.join("\n");
    let moved: Vec<String> = changes
        .iter()
        .filter(|c| wecom_app && c.old.is_some() && c.address_changed() && is_public_v4(c.new))
        .map(|c| c.new.to_string())
        .collect();
    if !moved.is_empty() {
        text.push_str(&format!(
            "\nWeCom app sends from this network now come from {}: add it to the app's 企业可信IP, or they fail with errcode 60020",
            moved.join(" and ")
        ));
    }
    Some(text)
}

/// `alice: IPv6 changed 240e::1 → 240e::2 (home.example.com)`, `alice: DNS update failed for
/// home.example.com (address still 240e::1)`, `alice: DNS update recovered`.
fn in_words(user: &str, c: &Change) -> String {
    let family = family(c.new);
    let new = c.new;
    let shown = shown_domains(&c.domains);
    let domains = if shown.is_empty() {
        String::new()
    } else {
        format!(" ({shown})")
    };
    let failed_for = if shown.is_empty() {
        family.to_owned()
    } else {
        shown
    };
    let moved = match c.old {
        Some(old) => format!("{family} changed {old} → {new}"),
        None => format!("{family} is {new}"),
    };
    match (c.address_changed(), c.failed()) {
        (true, false) => format!("{user}: {moved}{domains}"),
        (true, true) => format!("{user}: {moved}, but the DNS update failed for {failed_for}"),
        (false, true) => {
            format!("{user}: DNS update failed for {failed_for} (address still {new})")
        }
        (false, false) => format!("{user}: DNS update recovered{domains}"),
    }
}

/// A domain list as a notification shows it: whole domains up to [`SHOWN_DOMAINS_CHARS`], then how many
/// more there are.
fn shown_domains(domains: &str) -> String {
    if domains.chars().count() <= SHOWN_DOMAINS_CHARS {
        return domains.to_owned();
    }
    let all: Vec<&str> = domains.split(',').collect();
    let mut shown = String::new();
    let mut count = 0;
    for domain in &all {
        if shown.chars().count() + domain.chars().count() + 1 > SHOWN_DOMAINS_CHARS && count > 0 {
            break;
        }
        if count > 0 {
            shown.push(',');
        }
        shown.extend(domain.chars().take(SHOWN_DOMAINS_CHARS));
        count += 1;
    }
    format!("{shown} and {} more", all.len() - count)
}

/// An IPv4 address WeCom could see as this network's: not private, loopback, link-local, carrier-grade
/// NAT (100.64/10), "this network" or broadcast. The documentation ranges count as public, so examples and
/// tests read like the real thing.
fn is_public_v4(addr: IpAddr) -> bool {
    let IpAddr::V4(v4) = addr else {
        return false;
    };
    let [a, b, ..] = v4.octets();
    !(v4.is_private()
        || v4.is_loopback()
        || v4.is_link_local()
        || v4.is_broadcast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)))
}

/// The notification for ddns-go's test button.
pub(crate) fn test_notification(update: &Update) -> String {
    let addrs: Vec<String> = update
        .observations
        .iter()
        .map(|o| format!("{} {} ({})", family(o.addr), o.addr, o.result))
        .collect();
    format!(
        "ddns: test from ddns-go for {} (not recorded)\n{}",
        update.user,
        addrs.join("\n")
    )
}

/// How the notification for a request went.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Notified {
    NotNeeded,
    Off,
    /// In the outbox as `id`, for the channels `via` (comma-separated); the server delivers it.
    Queued {
        id: String,
        via: String,
    },
    /// Sent through `channel`, after the channels in `failed` (channel, error) failed first.
    Sent {
        channel: String,
        failed: Vec<(String, String)>,
    },
    /// Every channel failed: (channel, error) each.
    Failed(Vec<(String, String)>),
}

impl Notified {
    pub(crate) fn describe(&self) -> String {
        let failures = |failed: &[(String, String)]| {
            failed
                .iter()
                .map(|(channel, error)| format!("via {channel} FAILED: {error}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        match self {
            Notified::NotNeeded => "no notification needed".into(),
            Notified::Off => "notifications are off".into(),
            Notified::Queued { id, via } => format!("notification queued for {via} (id {id})"),
            Notified::Sent { channel, failed } if failed.is_empty() => {
                format!("notified via {channel}")
            }
            Notified::Sent { channel, failed } => {
                format!("notified via {channel} (fallback; {})", failures(failed))
            }
            Notified::Failed(failed) => format!("notification {}", failures(failed)),
        }
    }
}

/// The webhook's reply: the address is recorded whatever happened to the notification, so this is a 200.
pub(crate) fn recorded(user: &str, changes: &[Change], notified: &Notified) -> Reply {
    let mut lines: Vec<String> = changes
        .iter()
        .map(|c| {
            let what = if c.address_changed() {
                "changed"
            } else {
                "unchanged"
            };
            format!("recorded {user} {} {what}", c.new)
        })
        .collect();
    lines.push(notified.describe());
    Reply::text(200, lines.join("\n"))
}

/// The reply to ddns-go's test button.
pub(crate) fn test_acknowledged(user: &str, notified: &Notified) -> Reply {
    Reply::text(
        200,
        format!(
            "test event for {user}: not recorded\n{}",
            notified.describe()
        ),
    )
}

/// `/api/send`: 200 when the channel took it, 502 when it did not, 503 without a channel.
pub(crate) fn sent(notified: &Notified) -> Reply {
    match notified {
        Notified::Sent { .. } | Notified::NotNeeded | Notified::Queued { .. } => {
            Reply::text(200, notified.describe())
        }
        Notified::Failed(_) => Reply::text(502, notified.describe()),
        Notified::Off => Reply::text(
            503,
            "no notify channel: start serve-ddns with --notify CHANNEL",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req<'a>(method: &'a str, target: &'a str, body: &'a [u8]) -> Incoming<'a> {
        Incoming {
            method,
            target,
            headers: &[],
            body,
        }
    }

    fn route_open(r: &Incoming) -> Result<Intent, Reply> {
        route(r, None)
    }

    fn status(result: Result<Intent, Reply>) -> u16 {
        result.map_or_else(|r| r.status, |_| 200)
    }

    fn recorded_update(result: Result<Intent, Reply>) -> Update {
        match result {
            Ok(Intent::Record(update)) => update,
            other => panic!("not a record: {other:?}"),
        }
    }

    #[test]
    fn the_seeds_get_webhook_is_parsed_with_either_result_language() {
        // As ddns-go sends it after re-encoding the query (commas and colons escaped).
        let r = req(
            "GET",
            "/ip/cheng_ip?msg=xiaoyu%2C2001%3Adb8%3A%3A1%2C%E6%88%90%E5%8A%9F",
            b"",
        );
        let update = recorded_update(route_open(&r));
        assert_eq!(update.user, "xiaoyu");
        assert_eq!(update.observations[0].addr.to_string(), "2001:db8::1");
        assert_eq!(update.observations[0].result, "成功");
        let r = req("GET", "/ip/cheng_ip?msg=bob,203.0.113.9,success", b"");
        assert_eq!(
            recorded_update(route_open(&r)).observations[0].result,
            "success"
        );
    }

    #[test]
    fn ddns_go_posts_json_or_form_bodies() {
        let json = br#"{"user":"alice","ipv4Addr":"","ipv6Addr":"2001:db8::2","ipv6Result":"success","ipv6Domains":"a.example.com,b.example.com","timestamp":1700000000}"#;
        let update = recorded_update(route_open(&req("POST", "/ip/cheng_ip", json)));
        assert_eq!(update.observations.len(), 1);
        assert_eq!(
            update.observations[0].domains,
            "a.example.com,b.example.com"
        );
        let form = b"user=alice&ipv4Addr=203.0.113.1&ipv4Result=%E5%A4%B1%E8%B4%A5";
        let update = recorded_update(route_open(&req("POST", "/ip/cheng_ip", form)));
        assert_eq!(update.observations[0].result, "失败");
        let msg = br#"{"msg":"alice,203.0.113.1,success"}"#;
        assert_eq!(
            recorded_update(route_open(&req("POST", "/ip/cheng_ip", msg))).user,
            "alice"
        );
    }

    #[test]
    fn bad_input_is_a_one_line_400() {
        for target in [
            "/ip/cheng_ip?msg=al%20ice,203.0.113.1,success",
            "/ip/cheng_ip?msg=alice,not-an-ip,success",
            "/ip/cheng_ip?msg=alice,0.0.0.0,success",
            "/ip/cheng_ip?msg=alice",
            "/ip/cheng_ip",
            "/ip/has%2Fslash",
            "/ip/",
        ] {
            let reply = route_open(&req("GET", target, b"")).expect_err(target);
            assert_eq!(reply.status, 400, "{target}");
            assert_eq!(reply.body.lines().count(), 1, "{target}");
        }
        let long = format!("/ip/{}", "a".repeat(65));
        assert_eq!(status(route_open(&req("GET", &long, b""))), 400);
        let wrong_family = br#"{"user":"alice","ipv4Addr":"2001:db8::1"}"#;
        assert_eq!(
            status(route_open(&req("POST", "/ip/cheng_ip", wrong_family))),
            400
        );
        assert_eq!(
            status(route_open(&req("POST", "/ip/cheng_ip", b"{\"user\":"))),
            400
        );
    }

    #[test]
    fn the_token_is_required_everywhere_but_healthz() {
        let token = Secret::new("routes-test-token-1");
        let bearer = [(
            "authorization".to_owned(),
            "Bearer routes-test-token-1".to_owned(),
        )];
        let with_header = Incoming {
            headers: &bearer,
            ..req("GET", "/ip/alice", b"")
        };
        assert_eq!(
            status(route(&req("GET", "/ip/alice", b""), Some(&token))),
            401
        );
        assert_eq!(status(route(&req("GET", "/nope", b""), Some(&token))), 401);
        assert_eq!(
            status(route(
                &req("GET", "/ip/alice?token=wrong", b""),
                Some(&token)
            )),
            401
        );
        assert_eq!(status(route(&with_header, Some(&token))), 200);
        let in_query = req("GET", "/ip/alice?token=routes-test-token-1", b"");
        assert_eq!(status(route(&in_query, Some(&token))), 200);
        assert_eq!(
            status(route(&req("GET", "/healthz", b""), Some(&token))),
            200
        );
    }

    #[test]
    fn send_takes_msg_or_the_seeds_mag_or_a_posted_json_string() {
        for target in ["/api/send?msg=hi+there", "/api/send?mag=hi%20there"] {
            assert_eq!(
                route_open(&req("GET", target, b"")),
                Ok(Intent::Send("hi there".into()))
            );
        }
        let posted = route_open(&req("POST", "/api/send_msg", "\"备份完成\"".as_bytes()));
        assert_eq!(posted, Ok(Intent::Send("备份完成".into())));
        let raw = route_open(&req("POST", "/api/send_msg", b"plain text"));
        assert_eq!(raw, Ok(Intent::Send("plain text".into())));
        assert_eq!(status(route_open(&req("GET", "/api/send", b""))), 400);
        assert_eq!(status(route_open(&req("GET", "/api/send_msg", b""))), 405);
    }

    #[test]
    fn show_answers_text_or_json() {
        let accept = [("accept".to_owned(), "application/json".to_owned())];
        let r = Incoming {
            headers: &accept,
            ..req("GET", "/ip/alice", b"")
        };
        assert_eq!(
            route_open(&r),
            Ok(Intent::Show {
                user: "alice".into(),
                json: true,
                family: None,
            })
        );
        assert_eq!(
            route_open(&req("GET", "/ip/alice?format=json&family=6", b"")),
            Ok(Intent::Show {
                user: "alice".into(),
                json: true,
                family: Some(Family::V6),
            })
        );
        assert_eq!(
            status(route_open(&req("GET", "/ip/alice?family=5", b""))),
            400
        );
        assert_eq!(status(route_open(&req("GET", "/elsewhere", b""))), 404);
        assert_eq!(show("alice", None, false, None).status, 404);
    }

    #[test]
    fn both_families_are_kept_and_either_can_be_asked_for() {
        let mut records = super::super::store::Records::default();
        let update = |addr: &str| Update {
            user: "alice".into(),
            observations: vec![Observation {
                addr: addr.parse().expect("addr"),
                result: "success".into(),
                domains: String::new(),
            }],
        };
        records.apply(&update("203.0.113.1"), 1).expect("apply");
        let rec = records.get("alice").cloned();
        assert_eq!(
            show("alice", rec.as_ref(), false, Some(Family::V6)).status,
            404
        );
        records.apply(&update("2001:db8::1"), 2).expect("apply");
        let rec = records.get("alice").cloned();
        let text = |family| show("alice", rec.as_ref(), false, family).body;
        assert_eq!(text(None), "2001:db8::1\n", "the most recently changed");
        assert_eq!(text(Some(Family::V4)), "203.0.113.1\n");
        assert_eq!(text(Some(Family::V6)), "2001:db8::1\n");
        let json: serde_json::Value =
            serde_json::from_str(&show("alice", rec.as_ref(), true, None).body).expect("json");
        assert_eq!(json["ipv4"]["addr"], "203.0.113.1");
        assert_eq!(json["ipv6"]["addr"], "2001:db8::1");
    }

    #[test]
    fn user_names_may_be_any_script_with_at_signs_but_nothing_else() {
        for good in ["小宇", "a@b.c", "xiaoyu_01", "Ölçek-2"] {
            assert!(valid_user(good).is_ok(), "{good}");
        }
        for bad in ["a/b", "a%b", "a b", "a\tb", "", &"字".repeat(65)] {
            assert!(valid_user(bad).is_err(), "{bad}");
        }
        assert!(valid_user(&"字".repeat(64)).is_ok());
        let r = req("GET", "/ip/%E5%B0%8F%E5%AE%87", b"");
        assert!(matches!(route_open(&r), Ok(Intent::Show { user, .. }) if user == "小宇"));
        let r = req(
            "GET",
            "/ip/cheng_ip?msg=%E5%B0%8F%E5%AE%87,2001:db8::1,success",
            b"",
        );
        assert_eq!(recorded_update(route_open(&r)).user, "小宇");
    }

    #[test]
    fn a_fourth_msg_field_is_the_domain_list_and_control_characters_go() {
        let r = req(
            "GET",
            "/ip/cheng_ip?msg=alice,2001:db8::1,fa%0Ailed,a.example.com,b.example.com%1B[2J",
            b"",
        );
        let update = recorded_update(route_open(&r));
        assert_eq!(update.observations[0].result, "failed");
        assert_eq!(
            update.observations[0].domains,
            "a.example.com,b.example.com[2J"
        );
    }

    fn change(old: Option<&str>, new: &str, result: &str, domains: &str) -> Change {
        Change {
            old: old.map(|a| a.parse().expect("addr")),
            new: new.parse().expect("addr"),
            result: result.into(),
            domains: domains.into(),
            was_failing: false,
        }
    }

    #[test]
    fn notifications_say_what_happened_in_words_only_when_worth_it() {
        let moved = [change(
            Some("240e::1"),
            "240e::2",
            "success",
            "home.example.com",
        )];
        assert_eq!(
            notification("alice", &moved, true).as_deref(),
            Some("alice: IPv6 changed 240e::1 → 240e::2 (home.example.com)"),
            "no 60020 reminder for IPv6"
        );
        let failed = [change(
            Some("240e::1"),
            "240e::1",
            "失败",
            "home.example.com",
        )];
        assert_eq!(
            notification("alice", &failed, false).as_deref(),
            Some("alice: DNS update failed for home.example.com (address still 240e::1)")
        );
        let recovered = [Change {
            was_failing: true,
            ..change(Some("240e::1"), "240e::1", "成功", "")
        }];
        assert_eq!(
            notification("alice", &recovered, false).as_deref(),
            Some("alice: DNS update recovered")
        );
        let same = [change(Some("203.0.113.1"), "203.0.113.1", "成功", "")];
        assert_eq!(notification("alice", &same, true), None);
        let first = [change(None, "203.0.113.1", "", "")];
        assert_eq!(
            notification("bob", &first, true).as_deref(),
            Some("bob: IPv4 is 203.0.113.1")
        );
        let both = [
            change(Some("203.0.113.1"), "203.0.113.2", "failed", ""),
            change(Some("240e::1"), "240e::1", "unchanged", ""),
        ];
        assert_eq!(
            notification("bob", &both, false).as_deref(),
            Some("bob: IPv4 changed 203.0.113.1 → 203.0.113.2, but the DNS update failed for IPv4")
        );
    }

    #[test]
    fn the_60020_reminder_is_for_a_wecom_app_and_a_public_ipv4_address() {
        let public = [change(Some("203.0.113.1"), "198.51.100.9", "success", "")];
        assert_eq!(
            notification("alice", &public, true).as_deref(),
            Some(
                "alice: IPv4 changed 203.0.113.1 → 198.51.100.9\nWeCom app sends from this network now \
                 come from 198.51.100.9: add it to the app's 企业可信IP, or they fail with errcode 60020"
            )
        );
        assert_eq!(
            notification("alice", &public, false).as_deref(),
            Some("alice: IPv4 changed 203.0.113.1 → 198.51.100.9"),
            "not for a robot"
        );
        for private in [
            "192.168.1.9",
            "10.1.2.3",
            "100.64.0.9",
            "169.254.0.9",
            "172.16.0.9",
        ] {
            let moved = [change(Some("203.0.113.1"), private, "success", "")];
            let text = notification("alice", &moved, true).unwrap_or_default();
            assert!(!text.contains("60020"), "{private}: {text}");
        }
    }

    #[test]
    fn the_test_button_is_recognised() {
        let r = req("GET", "/ip/cheng_ip?msg=alice,::1,success", b"");
        assert!(is_test_event(&recorded_update(route_open(&r))));
        let body = r#"{"user":"alice","ipv4Addr":"203.0.113.9","ipv4Result":"成功","ipv4Domains":"test.example.com"}"#;
        let r = req("POST", "/ip/cheng_ip", body.as_bytes());
        assert!(is_test_event(&recorded_update(route_open(&r))));
        let form = b"user=alice&ipv6Addr=2001%3Adb8%3A%3A9&ipv6Result=success&ipv6Domains=home.example.net";
        let r = req("POST", "/ip/cheng_ip", form);
        assert!(!is_test_event(&recorded_update(route_open(&r))));
        let r = req("GET", "/ip/cheng_ip?msg=alice,2001:db8::1,success", b"");
        assert!(!is_test_event(&recorded_update(route_open(&r))));
    }
}
