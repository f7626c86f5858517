//! E-mail over SMTP: the message (addresses, subject, HTML, attachments) checked and built before any
//! connection, then one SMTP session per attempt through lettre over rustls, retried by [`RetryPolicy`].
//!
//! SMTP is not HTTP, so this is not a [`Channel`](super::Channel): it has its own wire steps, and one rule
//! HTTP channels do not need: once the server has answered `250` to the message data, nothing is resent.

use crate::error::Error;
use crate::output::Printer;
use crate::secret::Secret;
use crate::transport::{Attempt, RetryPolicy};
use lettre::Message;
use lettre::address::Envelope;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use lettre::transport::smtp::response::Response;
use serde::Serialize;
use std::path::Path;
use std::time::{Duration, Instant};

const CHANNEL: &str = "email";

/// How the connection is protected (`SMTP_SECURITY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Security {
    /// TLS from the first byte (SMTPS, port 465): what QQ, 163 and Aliyun mail use
    Tls,
    /// Plain connection upgraded with STARTTLS (port 587); refused when the server does not offer it
    Starttls,
    /// No encryption at all (a relay on localhost or a private network, port 25)
    None,
}

impl Security {
    /// The contract's default: implicit TLS on port 465, STARTTLS anywhere else.
    pub(crate) fn default_for(port: Option<u16>) -> Self {
        if port == Some(465) {
            Security::Tls
        } else {
            Security::Starttls
        }
    }

    /// As in `SMTP_SECURITY` and the dry-run line.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::Starttls => "starttls",
            Security::None => "none",
        }
    }

    pub(crate) fn default_port(self) -> u16 {
        match self {
            Security::Tls => 465,
            Security::Starttls => 587,
            Security::None => 25,
        }
    }
}

/// Where and how to connect. `host` is empty only on a dry-run without `SMTP_HOST`.
#[derive(Debug, Clone)]
pub(crate) struct Server {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// `SMTP_USER` and `SMTP_PASSWORD`; without them the session does not authenticate (a local relay).
    pub login: Option<(String, Secret)>,
    /// `SMTP_CA_FILE`: a PEM CA trusted besides the platform's roots.
    pub extra_ca_pem: Option<Vec<u8>>,
}

impl Server {
    fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The TLS settings for the security mode, built before connecting so a bad `SMTP_CA_FILE` is a
    /// configuration error.
    pub(crate) fn protection(&self) -> Result<Protection, Error> {
        let protect: fn(TlsParameters) -> Protection = match self.security {
            Security::Tls => Protection::Implicit,
            Security::Starttls => Protection::Starttls,
            Security::None => return Ok(Protection::Clear),
        };
        let mut builder = TlsParameters::builder(self.host.clone());
        if let Some(pem) = &self.extra_ca_pem {
            let not_pem = |why: String| {
                Error::Config(format!(
                    "email: SMTP_CA_FILE is not a PEM certificate: {why}"
                ))
            };
            // lettre accepts a file with no certificate in it, which would silently trust nothing more.
            if !String::from_utf8_lossy(pem).contains("-----BEGIN CERTIFICATE-----") {
                return Err(not_pem("no BEGIN CERTIFICATE block".into()));
            }
            let ca = Certificate::from_pem(pem).map_err(|e| not_pem(innermost(&e)))?;
            builder = builder.add_root_certificate(ca);
        }
        builder
            .build_rustls()
            .map(protect)
            .map_err(|e| Error::Config(format!("email: cannot set up TLS: {}", innermost(&e))))
    }
}

/// The security mode with the TLS settings it runs with.
pub(crate) enum Protection {
    /// TLS from the first byte.
    Implicit(TlsParameters),
    /// STARTTLS before anything else, or nothing at all.
    Starttls(TlsParameters),
    Clear,
}

/// A file to attach, read before connecting.
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    /// The file's own name, kept as it is (non-ASCII names are encoded per RFC 2231 on the wire).
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// The message as the user described it. `from` is `None` only on a dry-run without a sender configured.
#[derive(Debug, Clone)]
pub(crate) struct Email {
    pub from: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// In the envelope only, never in a header.
    pub bcc: Vec<Mailbox>,
    pub subject: String,
    pub body: String,
    pub html: bool,
    pub attachments: Vec<Attachment>,
}

/// Parses `--to`/`--cc`/`--bcc` values: each may hold several comma-separated addresses, with display
/// names (`Ops <ops@example.com>`, `"Smith, J" <j@example.com>`). Anything unparsable is bad input.
pub fn parse_mailboxes(flag: &str, values: &[String]) -> Result<Vec<Mailbox>, Error> {
    let mut mailboxes = Vec::new();
    for value in values {
        for piece in split_address_list(value) {
            if piece.is_empty() {
                continue;
            }
            mailboxes.push(parse_mailbox(&piece).map_err(|reason| {
                Error::BadInput(format!(
                    "email: {flag} `{piece}` is not an e-mail address: {reason}"
                ))
            })?);
        }
    }
    Ok(mailboxes)
}

/// One address, strictly: lettre's parser stops at the first mailbox and ignores what follows, so the
/// address it found must be exactly the one written.
pub fn parse_mailbox(text: &str) -> Result<Mailbox, String> {
    let text = text.trim();
    let written = match text.strip_suffix('>') {
        Some(head) => match head.rfind('<') {
            Some(open) => &head[open + 1..],
            None => return Err("unbalanced `>`".into()),
        },
        None => text,
    };
    let mailbox: Mailbox = text
        .parse()
        .map_err(|_| "expected name@domain or Name <name@domain>".to_owned())?;
    if AsRef::<str>::as_ref(&mailbox.email) != written.trim() {
        return Err("expected name@domain or Name <name@domain>".into());
    }
    Ok(mailbox)
}

/// Splits on commas outside quoted names and angle brackets.
fn split_address_list(list: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let (mut quoted, mut escaped, mut angle) = (false, false, false);
    for c in list.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' if !quoted && !angle => {
                pieces.push(current.trim().to_owned());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    pieces.push(current.trim().to_owned());
    pieces
}

/// The subject when `--subject` is not given: the first line with text (tags left out of an HTML body), cut
/// to 78 characters (the line length RFC 5322 recommends), never inside a UTF-8 character.
pub(crate) fn subject_from_body(body: &str, html: bool) -> String {
    const MAX_CHARS: usize = 78;
    let line = body
        .lines()
        .map(|l| if html { text_of_html(l) } else { l.to_owned() })
        .map(|l| l.trim().to_owned())
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    line.chars().take(MAX_CHARS).collect()
}

/// The text of one line of HTML: tags dropped, the common entities decoded. Enough for a subject line.
fn text_of_html(line: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    [
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(text, |t, (entity, plain)| t.replace(entity, plain))
}

/// Reads `--attach FILE`: a missing or unreadable file is bad input, found before connecting.
pub(crate) fn read_attachment(path: &Path) -> Result<Attachment, Error> {
    let bytes = crate::body::read_file(path).map_err(|e| {
        Error::BadInput(format!(
            "email: cannot read --attach {}: {e}",
            path.display()
        ))
    })?;
    let filename = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::BadInput(format!("email: --attach {} is not a file", path.display()))
        })?;
    let content_type = mime_guess::from_path(path)
        .first_or_octet_stream()
        .essence_str()
        .to_owned();
    Ok(Attachment {
        filename,
        content_type,
        bytes,
    })
}

impl Email {
    /// The MIME message; Bcc is left out of the headers (lettre drops it after building the envelope).
    pub(crate) fn to_message(&self) -> Result<Message, Error> {
        let bad = |e: &dyn std::fmt::Display| Error::BadInput(format!("email: {e}"));
        let from = self
            .from
            .clone()
            .ok_or_else(|| Error::Config("email: SMTP_FROM is not set (nor SMTP_USER)".into()))?;
        let mut builder = Message::builder()
            .from(from)
            .subject(self.subject.clone())
            .message_id(None);
        for mailbox in &self.to {
            builder = builder.to(mailbox.clone());
        }
        for mailbox in &self.cc {
            builder = builder.cc(mailbox.clone());
        }
        for mailbox in &self.bcc {
            builder = builder.bcc(mailbox.clone());
        }
        let text = if self.html {
            SinglePart::html(self.body.clone())
        } else {
            SinglePart::plain(self.body.clone())
        };
        let message = if self.attachments.is_empty() {
            builder.singlepart(text)
        } else {
            let mut parts = MultiPart::mixed().singlepart(text);
            for file in &self.attachments {
                let content_type = ContentType::parse(&file.content_type).map_err(|e| bad(&e))?;
                parts = parts.singlepart(
                    MimeAttachment::new(file.filename.clone())
                        .body(file.bytes.clone(), content_type),
                );
            }
            builder.multipart(parts)
        };
        message.map_err(|e| bad(&e))
    }

    /// The contract's dry-run line.
    pub(crate) fn dry_run_line(&self, server: &Server) -> String {
        #[derive(Serialize)]
        struct FileLine<'a> {
            filename: &'a str,
            bytes: usize,
        }
        #[derive(Serialize)]
        struct Line<'a> {
            channel: &'static str,
            server: Option<String>,
            security: &'static str,
            from: Option<String>,
            to: Vec<String>,
            cc: Vec<String>,
            bcc: Vec<String>,
            subject: &'a str,
            body: &'a str,
            html: bool,
            attachments: Vec<FileLine<'a>>,
        }
        let shown = |list: &[Mailbox]| list.iter().map(ToString::to_string).collect();
        let line = Line {
            channel: CHANNEL,
            server: (!server.host.is_empty()).then(|| server.address()),
            security: server.security.name(),
            from: self.from.as_ref().map(ToString::to_string),
            to: shown(&self.to),
            cc: shown(&self.cc),
            bcc: shown(&self.bcc),
            subject: &self.subject,
            body: &self.body,
            html: self.html,
            attachments: self
                .attachments
                .iter()
                .map(|a| FileLine {
                    filename: &a.filename,
                    bytes: a.bytes.len(),
                })
                .collect(),
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

/// How to run the sessions: `--timeout` per network step, `--retries`, and where to report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Delivery {
    pub timeout: Duration,
    pub retry: RetryPolicy,
    pub printer: Printer,
}

/// Sends `message` to every recipient in one SMTP session (retried as a whole while nothing was accepted).
/// Returns the server's final reply, e.g. `250 2.0.0 Ok: queued as …`.
pub(crate) fn send(
    server: &Server,
    message: &Message,
    delivery: Delivery,
) -> Result<Response, Error> {
    let (envelope, data) = (message.envelope(), message.formatted());
    run_sessions(server, delivery, reply_line, |wire| {
        wire.session(envelope, &data, delivery.printer)
    })
}

/// Connects, negotiates TLS and logs in exactly as a send would, then says QUIT: what `sendmsg check
/// email` does. Nothing is sent; a failure is the error a send would have met at that step.
pub(crate) fn probe(server: &Server, delivery: Delivery) -> Result<(), Error> {
    let logged_in = |_: &()| "logged in, QUIT".to_owned();
    run_sessions(server, delivery, logged_in, |wire| {
        let hello = ClientId::default();
        let mut conn = wire.open(&hello)?;
        if let Err(e) = conn.quit() {
            delivery.printer.verbose(&format!(
                "email: QUIT after the check failed: {}",
                describe(&e)
            ));
        }
        Ok(())
    })
}

/// One `session` per attempt, retried while it fails transiently, each attempt logged with `-v` (a
/// success as `shown` says).
fn run_sessions<T>(
    server: &Server,
    delivery: Delivery,
    shown: impl Fn(&T) -> String,
    session: impl Fn(&Wire<'_>) -> Result<T, Failure>,
) -> Result<T, Error> {
    let protection = server.protection()?;
    let credentials = server
        .login
        .as_ref()
        .map(|(user, password)| Credentials::new(user.clone(), password.expose().to_owned()));
    if credentials.is_some() && server.security == Security::None {
        delivery.printer.note(
            "warning: email: SMTP_SECURITY=none sends SMTP_PASSWORD unencrypted; use tls or starttls",
        );
    }
    let wire = Wire {
        server,
        protection: &protection,
        credentials: credentials.as_ref(),
        timeout: delivery.timeout,
    };
    delivery.retry.run(CHANNEL, &delivery.printer, || {
        let started = Instant::now();
        let result = session(&wire);
        let outcome = match &result {
            Ok(done) => shown(done),
            Err(Failure::Retry(reason)) => reason.clone(),
            Err(Failure::Stop(err)) => err.to_string(),
        };
        delivery.printer.verbose(&format!(
            "email: SMTP {} ({}) -> {outcome} ({} ms)",
            server.address(),
            server.security.name(),
            started.elapsed().as_millis()
        ));
        match result {
            Ok(reply) => Ok(Attempt::Done(reply)),
            Err(Failure::Retry(reason)) => Ok(Attempt::Transient {
                reason,
                retry_after: None,
            }),
            Err(Failure::Stop(err)) => Err(err),
        }
    })
}

/// The reply as one line: code and text.
pub(crate) fn reply_line(reply: &Response) -> String {
    format!("{} {}", reply.code(), reply_text(reply))
}

/// The reply's text, its lines joined with spaces.
pub(crate) fn reply_text(reply: &Response) -> String {
    reply.message().collect::<Vec<_>>().join(" ")
}

/// Why a session stopped: worth another try (4xx, network), or final.
enum Failure {
    Retry(String),
    Stop(Error),
}

/// What one session needs.
struct Wire<'a> {
    server: &'a Server,
    protection: &'a Protection,
    credentials: Option<&'a Credentials>,
    timeout: Duration,
}

/// Where in the session a failure happened, for the message and for the no-resend rule.
#[derive(Clone, Copy)]
enum Step {
    /// Greeting, EHLO, STARTTLS, and the envelope up to DATA: nothing is delivered yet.
    Setup,
    Auth,
    /// The message data was sent: without a reply, it may have been delivered.
    Data,
}

impl Wire<'_> {
    fn session(
        &self,
        envelope: &Envelope,
        data: &[u8],
        printer: Printer,
    ) -> Result<Response, Failure> {
        let hello = ClientId::default();
        let mut conn = self.open(&hello)?;
        let result = self.exchange(&mut conn, envelope, data);
        match &result {
            Ok(reply) => {
                if let Err(e) = conn.quit() {
                    // The message is already the server's: a failure to say goodbye is not a failed send.
                    printer.note(&format!(
                        "warning: email: the server accepted the message ({}) but then failed on QUIT: {}; it was not resent",
                        reply_line(reply),
                        describe(&e)
                    ));
                }
            }
            Err(_) => conn.abort(),
        }
        result
    }

    /// Connects, upgrades with STARTTLS when asked, and logs in: everything before the envelope.
    fn open(&self, hello: &ClientId) -> Result<SmtpConnection, Failure> {
        let wrapper = match self.protection {
            Protection::Implicit(tls) => Some(tls),
            Protection::Starttls(_) | Protection::Clear => None,
        };
        let mut conn = SmtpConnection::connect(
            (self.server.host.as_str(), self.server.port),
            Some(self.timeout),
            hello,
            wrapper,
            None,
        )
        .map_err(|e| self.failure(&e, Step::Setup))?;
        match self.secure_and_log_in(&mut conn, hello) {
            Ok(()) => Ok(conn),
            Err(failure) => {
                conn.abort();
                Err(failure)
            }
        }
    }

    fn secure_and_log_in(
        &self,
        conn: &mut SmtpConnection,
        hello: &ClientId,
    ) -> Result<(), Failure> {
        if let Protection::Starttls(tls) = self.protection {
            if !conn.can_starttls() {
                return Err(Failure::Stop(Error::Config(format!(
                    "email: {} does not offer STARTTLS, so nothing was sent (no password, no message); \
                     use SMTP_SECURITY=tls if it speaks TLS from the start (port 465)",
                    self.server.address()
                ))));
            }
            conn.starttls(tls, hello)
                .map_err(|e| self.failure(&e, Step::Setup))?;
        }
        if let Some(credentials) = self.credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .map_err(|e| self.failure(&e, Step::Auth))?;
        }
        Ok(())
    }

    fn exchange(
        &self,
        conn: &mut SmtpConnection,
        envelope: &Envelope,
        data: &[u8],
    ) -> Result<Response, Failure> {
        let options = self.mail_options(conn, envelope, data)?;
        conn.command(Mail::new(envelope.from().cloned(), options))
            .map_err(|e| self.failure(&e, Step::Setup))?;
        for recipient in envelope.to() {
            conn.command(Rcpt::new(recipient.clone(), vec![]))
                .map_err(|e| self.failure(&e, Step::Setup))?;
        }
        conn.command(Data)
            .map_err(|e| self.failure(&e, Step::Setup))?;
        conn.message(data).map_err(|e| self.failure(&e, Step::Data))
    }

    /// SMTPUTF8 for non-ASCII addresses (refused when the server lacks it), 8BITMIME for 8-bit data.
    fn mail_options(
        &self,
        conn: &SmtpConnection,
        envelope: &Envelope,
        data: &[u8],
    ) -> Result<Vec<MailParameter>, Failure> {
        let mut options = Vec::new();
        let non_ascii_address = envelope
            .from()
            .into_iter()
            .chain(envelope.to())
            .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii_address {
            if !conn.server_info().supports_feature(Extension::SmtpUtfEight) {
                return Err(Failure::Stop(Error::Rejected {
                    channel: CHANNEL,
                    code: None,
                    message: format!(
                        "{} does not support SMTPUTF8, which a non-ASCII address needs",
                        self.server.address()
                    ),
                    part: None,
                }));
            }
            options.push(MailParameter::SmtpUtfEight);
        }
        if !data.is_ascii() && conn.server_info().supports_feature(Extension::EightBitMime) {
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        Ok(options)
    }

    /// Sorts an SMTP error: 4xx and network trouble are retried, 5xx is a rejection showing the server's
    /// code and text, TLS trouble is configuration, and silence after the data is never retried.
    fn failure(&self, err: &lettre::transport::smtp::Error, step: Step) -> Failure {
        let server = self.server.address();
        if let Some(code) = err.status() {
            let text = std::error::Error::source(err)
                .map(ToString::to_string)
                .unwrap_or_default();
            return if err.is_transient() {
                Failure::Retry(format!("{server} answered {code} {text}"))
            } else {
                Failure::Stop(Error::Rejected {
                    channel: CHANNEL,
                    code: Some(format!("SMTP {code}")),
                    message: match step {
                        Step::Auth => format!("{text} (check SMTP_USER and SMTP_PASSWORD)"),
                        Step::Setup | Step::Data => text,
                    },
                    part: None,
                })
            };
        }
        if let Some(tls) = tls_error(err) {
            let hint = match tls {
                rustls::Error::InvalidCertificate(_) => {
                    "if the server uses a private CA, point SMTP_CA_FILE at its PEM certificate"
                }
                _ => "check that SMTP_SECURITY matches the port (tls for 465, starttls for 587)",
            };
            return Failure::Stop(Error::Config(format!(
                "email: TLS with {server} failed: {tls}; {hint}"
            )));
        }
        let reason = describe(err);
        match step {
            Step::Data => Failure::Stop(Error::Rejected {
                channel: CHANNEL,
                code: None,
                message: format!(
                    "no reply from {server} after the message was sent ({reason}); it may have been delivered and was not resent"
                ),
                part: None,
            }),
            Step::Auth if err.is_client() => Failure::Stop(Error::Config(format!(
                "email: {server} offers no AUTH PLAIN or LOGIN; unset SMTP_USER if it needs no login"
            ))),
            Step::Setup | Step::Auth if err.is_client() => {
                Failure::Stop(Error::Config(format!("email: {server}: {reason}")))
            }
            Step::Setup | Step::Auth => Failure::Retry(format!("{server}: {reason}")),
        }
    }
}

/// The rustls error behind a failed handshake, wherever lettre wrapped it.
fn tls_error(err: &lettre::transport::smtp::Error) -> Option<&rustls::Error> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = source {
        if let Some(tls) = cause.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>())
        {
            return Some(tls);
        }
        source = cause.source();
    }
    None
}

/// A lettre error on one line (lettre's text includes its cause), or "timed out".
fn describe(err: &lettre::transport::smtp::Error) -> String {
    if err.is_timeout() {
        return "timed out".into();
    }
    err.to_string()
}

/// The deepest cause of an error, which is the one that says what is wrong.
fn innermost(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message = cause.to_string();
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(values: &[&str]) -> Result<Vec<String>, Error> {
        let values: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
        parse_mailboxes("--to", &values).map(|list| list.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn addresses_may_have_names_and_come_comma_separated() {
        assert_eq!(
            boxes(&[
                "Ops <ops@example.com>, dev@example.com",
                "\"Smith, J\" <j@example.com>,"
            ])
            .ok(),
            Some(vec![
                "Ops <ops@example.com>".to_owned(),
                "dev@example.com".to_owned(),
                "\"Smith, J\" <j@example.com>".to_owned(),
            ])
        );
    }

    #[test]
    fn anything_but_one_clean_address_is_bad_input() {
        for bad in [
            "ops",
            "ops@",
            "@example.com",
            "a@example.com b@example.com",
            "Ops <ops@example.com",
            "Ops ops@example.com>",
            "a@example.com trailing",
        ] {
            let err = boxes(&[bad]).err();
            assert_eq!(err.map(|e| e.exit_code()), Some(2), "{bad}");
        }
    }

    #[test]
    fn the_subject_is_the_first_line_cut_on_a_character_boundary() {
        assert_eq!(
            subject_from_body("\n  Disk full \nmore", false),
            "Disk full"
        );
        let long = "磁".repeat(100);
        assert_eq!(subject_from_body(&long, false).chars().count(), 78);
    }

    #[test]
    fn an_html_subject_is_the_text_of_the_first_line_with_text() {
        let body = "<html><body>\n<h1>Build &amp; deploy <i>failed</i></h1>\n<p>x</p>";
        assert_eq!(subject_from_body(body, true), "Build & deploy failed");
        assert_eq!(subject_from_body("<b>a</b>", false), "<b>a</b>");
    }

    #[test]
    fn the_port_and_security_defaults_follow_each_other() {
        assert_eq!(Security::default_for(Some(465)), Security::Tls);
        assert_eq!(Security::default_for(Some(25)), Security::Starttls);
        assert_eq!(Security::default_for(None).default_port(), 587);
        assert_eq!(Security::None.default_port(), 25);
    }

    #[test]
    fn bcc_is_in_the_envelope_but_not_in_the_headers() {
        let email = Email {
            from: "Bot <bot@example.com>".parse().ok(),
            to: vec!["a@example.com".parse().expect("to")],
            cc: vec![],
            bcc: vec!["hidden@example.com".parse().expect("bcc")],
            subject: "测试 subject".into(),
            body: "hello".into(),
            html: false,
            attachments: vec![],
        };
        let message = email.to_message().expect("message");
        let wire = String::from_utf8_lossy(&message.formatted()).into_owned();
        assert!(!wire.contains("hidden@example.com"), "{wire}");
        assert!(wire.contains("Subject: =?utf-8?"), "{wire}");
        let rcpts: Vec<&str> = message.envelope().to().iter().map(AsRef::as_ref).collect();
        assert_eq!(rcpts, ["a@example.com", "hidden@example.com"]);
    }
}
