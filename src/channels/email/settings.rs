//! `sendmsg email`'s settings: the SMTP server and the message, every address parsed and every file read
//! before connecting.

use super::args::EmailArgs;
use super::tls;
use super::wire::{self as email, Attachment, Email, Security, Server};
use crate::channels::media::ImageType;
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, required};
use std::path::Path;
use std::sync::Arc;

/// The SMTP server: host, port and security defaults, the login, the EHLO name, and the certificates
/// trusted (read now, so a bad `SMTP_CA_FILE` or fingerprint is a configuration error before anything
/// connects).
pub(super) fn smtp_server(args: &EmailArgs, how: Resolve<'_>) -> Result<Server, Error> {
    let host = required("email", "SMTP_HOST", args.host.as_deref(), how)?.unwrap_or_default();
    plain_host(&host)?;
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
            return Err(Error::config(
                "email",
                "SMTP_PASSWORD is set but SMTP_USER is not",
            ));
        }
        None => None,
    };
    let helo = match &args.ehlo {
        Some(name) => email::helo_name(name).map_err(|reason| {
            Error::invalid(
                "email",
                "SMTP_HELO_NAME",
                name,
                format!("is not a host name: {reason}"),
                Exit::BadInput,
            )
        })?,
        None => default_helo(),
    };
    Ok(Server {
        host,
        port: args.port.unwrap_or_else(|| security.default_port()),
        security,
        login,
        anchor: smtp_anchor(args)?,
        helo,
    })
}

/// Refuses (exit 3, before anything connects) a host that is a URL (`smtp://…`) or carries a port
/// (`smtp.qq.com:465`): the name would never resolve, and the failure would look like a network one.
/// Says which settings to use instead.
fn plain_host(host: &str) -> Result<(), Error> {
    let (rest, scheme) = match host.split_once("://") {
        Some((scheme, rest)) => (rest, Some(scheme.to_ascii_lowercase())),
        None => (host, None),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let (name, port) = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((name, tail)) => (name, tail.strip_prefix(':')),
            None => (authority, None),
        },
        // One colon is a port; more are an IPv6 address.
        None if authority.matches(':').count() == 1 => {
            let (name, port) = authority.split_once(':').unwrap_or((authority, ""));
            (name, Some(port))
        }
        None => (authority, None),
    };
    if scheme.is_none() && port.is_none() {
        return Ok(());
    }
    let mut fix = vec![format!("SMTP_HOST={name}")];
    if let Some(port) = port.filter(|p| !p.is_empty()) {
        fix.push(format!("SMTP_PORT={port}"));
    }
    match scheme.as_deref() {
        Some("smtps") => fix.push("SMTP_SECURITY=tls".into()),
        Some("smtp") if port == Some("465") => fix.push("SMTP_SECURITY=tls".into()),
        _ => {}
    }
    let what = if scheme.is_some() {
        "a URL"
    } else {
        "a host and a port"
    };
    Err(Error::invalid(
        "email",
        "SMTP_HOST",
        host,
        format!("is {what}, not a host name"),
        Exit::Config,
    )
    .with_fix(format!(
        "set {} (or --host, --port, --security)",
        fix.join(" ")
    )))
}

/// Which certificates to trust: a pin, a CA file, or the system's roots. A pin and a CA file together
/// would leave it unclear which one decides.
fn smtp_anchor(args: &EmailArgs) -> Result<tls::Anchor, Error> {
    let pin = args
        .tls_fingerprint
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    match (pin, &args.ca_file) {
        (Some(_), Some(_)) => Err(Error::config(
            "email",
            "SMTP_TLS_FINGERPRINT and SMTP_CA_FILE are both set: keep one (a pin trusts exactly one certificate)",
        )),
        (Some(pin), None) => tls::Anchor::pin(pin),
        (None, Some(path)) => {
            let pem = std::fs::read(path).map_err(|e| {
                Error::config(
                    "email",
                    format!("cannot read SMTP_CA_FILE {}: {e}", path.display()),
                )
            })?;
            tls::Anchor::ca_file(&pem)
        }
        (None, None) => Ok(tls::Anchor::System),
    }
}

/// The message: every address parsed, the subject settled and every attachment read, before connecting.
pub(super) fn email_message(
    args: &EmailArgs,
    body: String,
    how: Resolve<'_>,
) -> Result<Email, Error> {
    let sender = args
        .from
        .as_deref()
        .or(args.user.as_deref())
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let from = if let Some(text) = sender {
        Some(email::parse_mailbox(text).map_err(|reason| {
        let var = if args.from.is_some() { "SMTP_FROM" } else { "SMTP_USER" };
        Error::config("email",format!(
            "{var} `{text}` is not an e-mail address ({reason}); set SMTP_FROM to the sender"
        ))
    })?)
    } else {
        required("email", "SMTP_FROM (or SMTP_USER)", None, how)?;
        None
    };
    let to = email::parse_mailboxes("EMAIL_TO", &args.to)?;
    let cc = email::parse_mailboxes("--cc", &args.cc)?;
    let bcc = email::parse_mailboxes("--bcc", &args.bcc)?;
    if to.is_empty() && cc.is_empty() && bcc.is_empty() {
        // A missing recipient is a missing setting, as in every channel (exit 3).
        return Err(Error::no_recipient("email", "--to ADDR", "EMAIL_TO"));
    }
    let mut attachments = args
        .body
        .media
        .image
        .iter()
        .map(|path| read_inline_image(path))
        .collect::<Result<Vec<_>, _>>()?;
    for path in &args.body.media.attach {
        attachments.push(read_attachment(path)?);
    }
    // An HTML body shows an inline image where it names it (`<img src="cid:NAME">`), else at its end.
    let mut body = body;
    if args.html {
        for image in attachments.iter().filter(|a| a.inline) {
            if !body.contains(&format!("cid:{}", image.filename)) {
                body.push_str(&format!("\n<p><img src=\"cid:{}\"></p>", image.filename));
            }
        }
    }
    if body.trim().is_empty() && attachments.is_empty() {
        return Err(Error::BadInput("the message is empty".into()));
    }
    let (reply_to, headers, sender) = email_extras(args)?;
    Ok(Email {
        from,
        sender,
        reply_to,
        to,
        cc,
        bcc,
        headers,
        subject: args
            .subject
            .clone()
            .unwrap_or_else(|| email::subject_from_body(&body, args.html)),
        body,
        html: args.html,
        attachments,
    })
}

/// `--reply-to`, `--header` and `--sender`, each checked before connecting.
type Extras = (
    Option<lettre::message::Mailbox>,
    Vec<(String, String)>,
    Option<lettre::Address>,
);

fn email_extras(args: &EmailArgs) -> Result<Extras, Error> {
    let reply_to =
        match email::parse_mailboxes("EMAIL_REPLY_TO", args.reply_to.as_slice())?.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            _ => {
                return Err(Error::bad_input(
                    "email",
                    "--reply-to (EMAIL_REPLY_TO) takes one address",
                ));
            }
        };
    let mut headers: Vec<(String, String)> = Vec::new();
    for text in &args.header {
        let (name, value) = email::parse_header(text).map_err(|reason| {
            Error::bad_input(
                "email",
                format!("--header `{}`: {reason}", text.escape_debug()),
            )
        })?;
        if headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
            return Err(Error::bad_input(
                "email",
                format!("--header {name} is given twice"),
            ));
        }
        headers.push((name, value));
    }
    let sender = match args
        .sender
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(text) => Some(
            email::parse_mailbox(text)
                .map_err(|reason| {
                    Error::invalid(
                        "email",
                        "SMTP_ENVELOPE_FROM",
                        text,
                        format!("is not an e-mail address: {reason}"),
                        Exit::BadInput,
                    )
                })?
                .email,
        ),
        None => None,
    };
    Ok((reply_to, headers, sender))
}

/// This machine's name for EHLO, when no `--ehlo` is given: what msmtp and swaks send too.
pub(super) fn default_helo() -> String {
    hostname::get()
        .ok()
        .and_then(|name| name.into_string().ok())
        .filter(|name| email::helo_name(name).is_ok())
        .unwrap_or_else(|| "localhost".to_owned())
}

/// Reads `--attach FILE`: a missing or unreadable file is bad input, found before connecting.
pub(super) fn read_attachment(path: &Path) -> Result<Attachment, Error> {
    let bytes = crate::body::read_file(path).map_err(|e| {
        Error::bad_input(
            "email",
            format!("cannot read --attach {}: {e}", path.display()),
        )
    })?;
    let filename = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::bad_input(
                "email",
                format!("--attach {} is not a file", path.display()),
            )
        })?;
    let essence = mime_guess::from_path(path).first_or_octet_stream();
    let content_type =
        if essence.type_() == mime_guess::mime::TEXT && std::str::from_utf8(&bytes).is_ok() {
            format!("{}; charset=utf-8", essence.essence_str())
        } else {
            essence.essence_str().to_owned()
        };
    Ok(Attachment {
        filename,
        content_type,
        bytes: Arc::new(bytes),
        inline: false,
    })
}

/// Any image a mail client shows, by its bytes, at most what a message body may be.
const INLINE_IMAGE: crate::channels::media::Rule = crate::channels::media::Rule {
    flag: "--image",
    what: "an image shown in an e-mail",
    min_bytes: 1,
    max_bytes: crate::body::MAX_BODY_BYTES,
    types: &[
        ImageType::Jpeg,
        ImageType::Png,
        ImageType::Gif,
        ImageType::Webp,
        ImageType::Bmp,
    ],
};

/// Reads `--image FILE`: an image shown in the message, its type from its bytes.
pub(super) fn read_inline_image(path: &Path) -> Result<Attachment, Error> {
    let media = crate::channels::media::load("email", path, &INLINE_IMAGE)?;
    let content_type =
        ImageType::of(&media.bytes).map_or("application/octet-stream", ImageType::mime);
    Ok(Attachment {
        filename: media.name.clone(),
        content_type: content_type.to_owned(),
        bytes: Arc::new(media.bytes.clone()),
        inline: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_that_is_a_url_or_has_a_port_is_refused_with_the_fix() {
        let fix = |host: &str| plain_host(host).err().map(|e| e.to_string());
        assert_eq!(fix("smtp.qq.com"), None);
        assert_eq!(fix("::1"), None);
        assert_eq!(fix("2001:db8::25"), None);
        assert_eq!(
            fix("smtp://smtp.qq.com:465").as_deref(),
            Some(
                "email: SMTP_HOST `smtp://smtp.qq.com:465` is a URL, not a host name; set \
                 SMTP_HOST=smtp.qq.com SMTP_PORT=465 SMTP_SECURITY=tls (or --host, --port, --security)"
            )
        );
        assert_eq!(
            fix("smtp.163.com:25").as_deref(),
            Some(
                "email: SMTP_HOST `smtp.163.com:25` is a host and a port, not a host name; set \
                 SMTP_HOST=smtp.163.com SMTP_PORT=25 (or --host, --port, --security)"
            )
        );
        assert!(fix("[::1]:2525").is_some_and(|e| e.contains("SMTP_HOST=::1 SMTP_PORT=2525")));
        assert!(fix("smtps://mail.example.com").is_some_and(|e| e.contains("SMTP_SECURITY=tls")));
    }
}
