//! `sendmsg email`'s settings: the SMTP server and the message, every address parsed and every file read
//! before connecting.

use super::args::EmailArgs;
use super::wire::{self as email, Email, Security, Server};
use crate::error::Error;
use crate::secret::Secret;
use crate::settings::{Resolve, required};

/// The SMTP server: host, port and security defaults, the login, and the extra CA (read now, so a bad
/// `SMTP_CA_FILE` is a configuration error before anything connects).
pub(super) fn smtp_server(args: &EmailArgs, how: Resolve) -> Result<Server, Error> {
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
pub(super) fn email_message(args: &EmailArgs, body: String, how: Resolve) -> Result<Email, Error> {
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
