//! From command-line values to channel settings: the one place where required settings are checked and
//! named, so a missing credential is always reported the same way.

pub mod gewe;
pub mod sms;

use crate::channels::ding::{self, Ding, Mentions};
use crate::channels::email::{self, Email, Security, Server};
use crate::cli::{BodyArgs, DingArgs, EmailArgs, ServeDdnsArgs};
use crate::error::Error;
use crate::output::Printer;
use crate::secret::Secret;
use crate::split::OverflowPolicy;
use std::net::ToSocketAddrs;
use std::path::PathBuf;

pub mod template;
pub mod wecom;

/// How settings are being resolved: a dry-run needs no account, since it shows `***` either way.
#[derive(Debug, Clone, Copy)]
pub struct Resolve {
    pub dry_run: bool,
    pub printer: Printer,
}

/// A credential the channel cannot work without.
fn required(
    channel: &str,
    var: &str,
    value: Option<&str>,
    how: Resolve,
) -> Result<Option<String>, Error> {
    Ok(required_all(channel, [(var, value)], how)?.map(|[v]| v))
}

/// Settings that only work together: every missing one is named in one message. `None` on a dry-run with
/// something missing.
fn required_all<const N: usize>(
    channel: &str,
    vars: [(&str, Option<&str>); N],
    how: Resolve,
) -> Result<Option<[String; N]>, Error> {
    let values = vars.map(|(_, v)| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    });
    let missing: Vec<&str> = vars
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|((var, _), _)| *var)
        .collect();
    let (verb, pronoun) = if missing.len() == 1 {
        ("is", "it")
    } else {
        ("are", "them")
    };
    match missing.as_slice() {
        [] => Ok(Some(values.map(Option::unwrap_or_default))),
        _ if how.dry_run => {
            how.printer.note(&format!(
                "warning: {channel}: {} {verb} not set; a real send would fail (exit 3)",
                missing.join(", ")
            ));
            Ok(None)
        }
        _ => Err(Error::Config(format!(
            "{channel}: {} {verb} not set (put {pronoun} in the environment or in .env)",
            missing.join(", ")
        ))),
    }
}

/// A base URL: http or https, no trailing slash.
pub fn base_url(channel: &str, var: &str, value: &str) -> Result<String, Error> {
    crate::secret::register_url(value);
    let trimmed = value.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
            Ok(trimmed.to_owned())
        }
        _ => Err(Error::Config(format!(
            "{channel}: {var} must be an http:// or https:// URL, got `{value}`"
        ))),
    }
}

pub fn overflow(args: &BodyArgs) -> OverflowPolicy {
    OverflowPolicy {
        mode: args.overflow,
        max_parts: usize::from(args.max_parts),
        max_bytes: args.max_bytes.map(|n| n as usize),
    }
}

pub fn ding(args: &DingArgs, how: Resolve) -> Result<Ding, Error> {
    let (access_token, base_url) = match required(
        "ding",
        "DING_ACCESS_TOKEN",
        args.access_token.as_deref(),
        how,
    )? {
        Some(token) => (
            ding::access_token_from(&token)?,
            crate::channels::webhook_base_url(
                "ding",
                ("DING_ACCESS_TOKEN", &token),
                ("DING_BASE_URL", &args.base_url),
                ding::DEFAULT_BASE_URL,
            )?,
        ),
        None => (
            Secret::default(),
            base_url("ding", "DING_BASE_URL", &args.base_url)?,
        ),
    };
    let secret = args
        .secret
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Secret::new);
    if let Some(bad) = args.at_mobile.iter().find(|m| !ding::valid_mobile(m)) {
        return Err(Error::BadInput(format!(
            "ding: --at-mobile `{bad}` is not a mobile number (digits, optionally +country code)"
        )));
    }
    if let Some(bad) = args.at_user.iter().find(|u| !ding::valid_user_id(u)) {
        return Err(Error::BadInput(format!(
            "ding: --at-user `{bad}` is not a DingTalk user id"
        )));
    }
    Ok(Ding {
        access_token,
        secret,
        base_url,
        markdown_title: None,
        mentions: Mentions {
            at_mobiles: args.at_mobile.clone(),
            at_user_ids: args.at_user.clone(),
            is_at_all: args.at_all,
        },
    })
}

/// The SMTP server: host, port and security defaults, the login, and the extra CA (read now, so a bad
/// `SMTP_CA_FILE` is a configuration error before anything connects).
pub fn smtp_server(args: &EmailArgs, how: Resolve) -> Result<Server, Error> {
    let host = required("email", "SMTP_HOST", args.host.as_deref(), how)?.unwrap_or_default();
    let security = args
        .security
        .unwrap_or_else(|| Security::default_for(args.port));
    let user = args
        .user
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let login = match user {
        Some(user) => {
            let password = required("email", "SMTP_PASSWORD", args.password.as_deref(), how)?;
            Some((user.to_owned(), Secret::new(password.unwrap_or_default())))
        }
        None if args.password.as_deref().is_some_and(|p| !p.is_empty()) => {
            return Err(Error::Config(
                "email: SMTP_PASSWORD is set but SMTP_USER is not".into(),
            ));
        }
        None => None,
    };
    let extra_ca_pem = match &args.ca_file {
        Some(path) => Some(std::fs::read(path).map_err(|e| {
            Error::Config(format!(
                "email: cannot read SMTP_CA_FILE {}: {e}",
                path.display()
            ))
        })?),
        None => None,
    };
    let server = Server {
        host,
        port: args.port.unwrap_or_else(|| security.default_port()),
        security,
        login,
        extra_ca_pem,
    };
    server.protection()?;
    Ok(server)
}

/// The message: every address parsed, the subject settled and every attachment read, before connecting.
pub fn email_message(args: &EmailArgs, body: String, how: Resolve) -> Result<Email, Error> {
    let sender = args
        .from
        .as_deref()
        .or(args.user.as_deref())
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let from = match sender {
        Some(text) => Some(email::parse_mailbox(text).map_err(|reason| {
            let var = if args.from.is_some() { "SMTP_FROM" } else { "SMTP_USER" };
            Error::Config(format!(
                "email: {var} `{text}` is not an e-mail address ({reason}); set SMTP_FROM to the sender"
            ))
        })?),
        None => {
            required("email", "SMTP_FROM (or SMTP_USER)", None, how)?;
            None
        }
    };
    let to = email::parse_mailboxes("--to", &args.to)?;
    let cc = email::parse_mailboxes("--cc", &args.cc)?;
    let bcc = email::parse_mailboxes("--bcc", &args.bcc)?;
    if to.is_empty() && cc.is_empty() && bcc.is_empty() {
        return Err(Error::BadInput(
            "email: no recipient: give --to ADDR or set EMAIL_TO".into(),
        ));
    }
    let attachments = args
        .attach
        .iter()
        .map(|path| email::read_attachment(path))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Email {
        from,
        to,
        cc,
        bcc,
        subject: args
            .subject
            .clone()
            .unwrap_or_else(|| email::subject_from_body(&body, args.html)),
        body,
        html: args.html,
        attachments,
    })
}

/// DingTalk's markdown needs a title for the chat list; text takes `--title` as its first line. A mention
/// pings only when the text names it too (`@13800138000`), so the missing ones are added on a last line.
pub fn ding_message(ding: &mut Ding, args: &DingArgs, body: String) -> String {
    let text = ding_shape(ding, args, body);
    let missing: Vec<String> = ding
        .mentions
        .at_mobiles
        .iter()
        .chain(&ding.mentions.at_user_ids)
        .map(|who| format!("@{who}"))
        .filter(|tag| !names(&text, tag))
        .collect();
    if missing.is_empty() {
        return text;
    }
    // A markdown line break needs a blank line; text keeps the mention on its own line.
    let gap = if args.markdown { "\n\n" } else { "\n" };
    format!("{text}{gap}{}", missing.join(" "))
}

/// Whether `text` holds `tag` as a whole word (`@138` is not named by `@1380`).
fn names(text: &str, tag: &str) -> bool {
    text.match_indices(tag).any(|(at, _)| {
        !text[at + tag.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn ding_shape(ding: &mut Ding, args: &DingArgs, body: String) -> String {
    if args.markdown {
        let title = args
            .title
            .clone()
            .unwrap_or_else(|| first_line_title(&body));
        ding.markdown_title = Some(title);
        body
    } else {
        match &args.title {
            Some(title) => format!("{title}\n{body}"),
            None => body,
        }
    }
}

/// The first non-blank line, without markdown heading marks, cut to 64 characters.
fn first_line_title(body: &str) -> String {
    const MAX_CHARS: usize = 64;
    let line = body
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("sendmsg");
    line.chars().take(MAX_CHARS).collect()
}

/// The listener's settings. Without a token it listens only on loopback, unless told otherwise.
pub fn serve_ddns(args: &ServeDdnsArgs) -> Result<crate::serve::Settings, Error> {
    let listen: Vec<_> = args
        .listen
        .to_socket_addrs()
        .map(Iterator::collect)
        .unwrap_or_default();
    if listen.is_empty() {
        return Err(Error::Config(format!(
            "serve-ddns: DDNS_LISTEN `{}` is not HOST:PORT (e.g. 127.0.0.1:8080)",
            args.listen
        )));
    }
    let token = args
        .token
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(Secret::new);
    let loopback_only = listen.iter().all(|a| a.ip().is_loopback());
    if token.is_none() && !loopback_only && !args.allow_unauthenticated {
        return Err(Error::Config(format!(
            "serve-ddns: refusing to listen on {} without a token: set DDNS_TOKEN (or --token), \
             or pass --allow-unauthenticated behind a proxy that authenticates",
            args.listen
        )));
    }
    let notify = notify_channels(&args.notify)?;
    Ok(crate::serve::Settings {
        listen,
        store: match &args.store {
            Some(path) => path.clone(),
            None => default_store()?,
        },
        token,
        notify,
        workers: usize::from(args.workers),
    })
}

/// `--notify wecom,ding`: the first channel, then each fallback in turn when the one before it fails;
/// `none` (or nothing) for no notifications.
fn notify_channels(given: &str) -> Result<Vec<String>, Error> {
    let names: Vec<&str> = given
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    if names == ["none"] || names.is_empty() {
        return Ok(Vec::new());
    }
    let mut channels: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        crate::check_via(name)?;
        if channels.iter().any(|c| c == name) {
            return Err(Error::Config(format!(
                "serve-ddns: DDNS_NOTIFY names `{name}` twice"
            )));
        }
        channels.push(name.to_owned());
    }
    Ok(channels)
}

/// `$XDG_STATE_HOME/sendmsg/ddns.json`, else `~/.local/state/sendmsg/ddns.json`.
fn default_store() -> Result<PathBuf, Error> {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    absolute("XDG_STATE_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".local/state")))
        .map(|state| state.join("sendmsg/ddns.json"))
        .ok_or_else(|| {
            Error::Config(
                "serve-ddns: neither XDG_STATE_HOME nor HOME is set: set DDNS_STORE".into(),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_credential_names_its_variable_unless_dry_run() {
        let real = Resolve {
            dry_run: false,
            printer: Printer::default(),
        };
        let dry = Resolve {
            dry_run: true,
            ..real
        };
        let err = required("ding", "DING_ACCESS_TOKEN", None, real)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("ding: DING_ACCESS_TOKEN is not set (put it in the environment or in .env)")
        );
        assert_eq!(required("ding", "X", Some("  "), dry).ok(), Some(None));
        let both = required_all(
            "wecom",
            [("A", None), ("B", Some("b")), ("C", Some(" "))],
            real,
        );
        assert_eq!(
            both.err().map(|e| e.to_string()).as_deref(),
            Some("wecom: A, C are not set (put them in the environment or in .env)")
        );
    }

    #[test]
    fn base_urls_must_be_http() {
        assert_eq!(
            base_url("d", "V", "http://127.0.0.1:9/").ok().as_deref(),
            Some("http://127.0.0.1:9")
        );
        for bad in ["ftp://x", "127.0.0.1", "https://", "http://a b"] {
            assert_eq!(
                base_url("d", "V", bad).err().map(|e| e.exit_code()),
                Some(3),
                "{bad}"
            );
        }
    }

    #[test]
    fn mentions_are_named_in_the_text_once() {
        assert!(names("hi @13800138000, look", "@13800138000"));
        assert!(!names("hi @138001380001", "@13800138000"));
        assert!(!names("hi 13800138000", "@13800138000"));
    }

    #[test]
    fn notify_names_a_channel_and_its_fallbacks_in_order() {
        assert_eq!(notify_channels("none").ok(), Some(vec![]));
        assert_eq!(notify_channels("").ok(), Some(vec![]));
        assert_eq!(
            notify_channels("wecom, ding").ok(),
            Some(vec!["wecom".to_owned(), "ding".to_owned()])
        );
        for bad in ["ding,ding", "wecom,nosuch", "none,ding"] {
            assert!(notify_channels(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn markdown_titles_come_from_the_first_line() {
        assert_eq!(first_line_title("\n## Deploy done\nbody"), "Deploy done");
        assert_eq!(first_line_title(&"长".repeat(100)).chars().count(), 64);
    }
}
