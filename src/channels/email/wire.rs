//! E-mail over SMTP: the message (addresses, subject, HTML, attachments) checked and built before any
//! connection, then one SMTP session per attempt ([`smtp`], over rustls with the trust of [`tls`]),
//! retried by [`RetryPolicy`] only while nothing can have been delivered.
//!
//! SMTP is not HTTP, so this is not a [`Channel`](super::Channel): it has its own wire steps, and one rule
//! HTTP channels do not need: once the message data has ended, nothing is resent.

use super::smtp::{Connection, Extensions, WireError};
use super::tls::{Anchor, Tls};
use crate::channels::media::ImageType;
use crate::error::{Error, Exit, Fate};
use crate::output::Printer;
use crate::secret::Secret;
use crate::transport::{Attempt, RetryPolicy};
use base64::Engine;
use lettre::address::{Address, Envelope};
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as MimeAttachment, Body, Mailbox, MultiPart, SinglePart};
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) use super::smtp::Reply;

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
    /// The certificates trusted: the system's, `SMTP_CA_FILE`, or `SMTP_TLS_FINGERPRINT`.
    pub anchor: Anchor,
    /// The name given in EHLO (`--ehlo`, `SMTP_HELO_NAME`, else this host's name).
    pub helo: String,
}

impl Server {
    fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The TLS settings, built before connecting (`None` for `SMTP_SECURITY=none`).
    fn tls(&self) -> Result<Option<Tls>, Error> {
        match self.security {
            Security::None => Ok(None),
            Security::Tls | Security::Starttls => Tls::new(&self.anchor).map(Some),
        }
    }
}

/// This machine's name for EHLO, when no `--ehlo` is given: what msmtp and swaks send too.
pub(crate) fn default_helo() -> String {
    hostname::get()
        .ok()
        .and_then(|name| name.into_string().ok())
        .filter(|name| helo_name(name).is_ok())
        .unwrap_or_else(|| "localhost".to_owned())
}

/// An EHLO name: a domain (letters, digits, `-`, `.`) or an address literal such as `[192.0.2.1]`.
pub(crate) fn helo_name(text: &str) -> Result<String, String> {
    let text = text.trim();
    let literal = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .is_some_and(|ip| ip.parse::<std::net::IpAddr>().is_ok() || ip.starts_with("IPv6:"));
    let domain = !text.is_empty()
        && text.len() <= 253
        && text.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if literal || domain {
        Ok(text.to_owned())
    } else {
        Err("expected a host name such as mail.example.com, or an address literal such as [192.0.2.1]".into())
    }
}

/// A file to attach, read before connecting.
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    /// The file's own name, kept as it is (non-ASCII names are encoded per RFC 2231 on the wire).
    pub filename: String,
    /// With `; charset=utf-8` for a `text/*` file that is valid UTF-8, so it is not shown as Latin-1.
    pub content_type: String,
    /// Shared, not copied, with the message that carries it: attachments are the bulk of the memory.
    pub bytes: Arc<Vec<u8>>,
    /// `--image`: shown in the message (`Content-Disposition: inline`, its Content-ID the file name, which
    /// an HTML body refers to as `cid:NAME`).
    pub inline: bool,
}

/// The message as the user described it. `from` is `None` only on a dry-run without a sender configured.
#[derive(Debug, Clone)]
pub(crate) struct Email {
    pub from: Option<Mailbox>,
    /// The envelope's `MAIL FROM` (`--sender`), when it is not the From address.
    pub sender: Option<Address>,
    pub reply_to: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// In the envelope only, never in a header.
    pub bcc: Vec<Mailbox>,
    pub subject: String,
    /// `--header` lines, checked by [`parse_header`].
    pub headers: Vec<(String, String)>,
    /// Empty only when there are attachments.
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
                let why = format!("is not an e-mail address: {reason}");
                Error::invalid("email", flag, &piece, why, Exit::BadInput)
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

impl Attachment {
    /// Its MIME part: shown in the message (`--image`) or attached.
    fn mime(&self) -> MimeAttachment {
        if self.inline {
            MimeAttachment::new_inline_with_name(self.filename.clone(), self.filename.clone())
        } else {
            MimeAttachment::new(self.filename.clone())
        }
    }
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
pub(crate) fn read_inline_image(path: &Path) -> Result<Attachment, Error> {
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

/// Headers that sendmsg writes itself, or that shape the MIME structure: a `--header` may not set them.
const OWN_HEADERS: &[(&str, &str)] = &[
    ("From", "SMTP_FROM"),
    ("To", "--to"),
    ("Cc", "--cc"),
    ("Bcc", "--bcc"),
    ("Subject", "--subject"),
    ("Date", ""),
    ("Message-ID", ""),
    ("Reply-To", "--reply-to"),
    ("MIME-Version", ""),
    ("Content-Type", ""),
    ("Content-Transfer-Encoding", ""),
];

/// `--header 'Name: value'`: a field name of printable ASCII, a value on one line.
pub(crate) fn parse_header(text: &str) -> Result<(String, String), String> {
    if text.contains(['\r', '\n']) {
        return Err("a header is one line: it may not hold CR or LF".into());
    }
    let (name, value) = text.split_once(':').ok_or("expected `Name: value`")?;
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
        return Err("the name must be printable ASCII without spaces, e.g. X-Priority".into());
    }
    if let Some((own, flag)) = OWN_HEADERS
        .iter()
        .find(|(own, _)| own.eq_ignore_ascii_case(name))
    {
        let instead = if flag.is_empty() {
            String::new()
        } else {
            format!("; use {flag}")
        };
        return Err(format!("{own} is set by sendmsg itself{instead}"));
    }
    if value.is_empty() {
        return Err("the value is empty".into());
    }
    Ok((name.to_owned(), value.to_owned()))
}

/// The message ready for the wire. The attachments are not copied into it: the MIME text holds a
/// placeholder where each one goes, and [`Outbound::write`] encodes them into the connection as it sends,
/// so a send holds the attachments once (plus the small MIME text) and knows the exact size for `SIZE`.
#[derive(Debug)]
pub(crate) struct Outbound {
    envelope: Envelope,
    mime: Vec<u8>,
    /// Where each attachment goes in `mime`: the placeholder's offset and length, and the bytes.
    splices: Vec<(usize, usize, Arc<Vec<u8>>)>,
}

/// Base64 lines of 76 characters (57 bytes), CRLF between them, as lettre writes them.
const LINE_BYTES: usize = 57;

fn base64_len(bytes: usize) -> usize {
    let lines = bytes.div_ceil(LINE_BYTES);
    bytes.div_ceil(3) * 4 + lines.saturating_sub(1) * 2
}

impl Outbound {
    pub(crate) fn envelope(&self) -> &Envelope {
        &self.envelope
    }

    /// The size of the data as sent (before dot-stuffing), what `SIZE` is compared with.
    pub(crate) fn size(&self) -> u64 {
        let placeholders: usize = self.splices.iter().map(|(_, len, _)| len).sum();
        let encoded: usize = self
            .splices
            .iter()
            .map(|(_, _, b)| base64_len(b.len()))
            .sum();
        (self.mime.len().saturating_sub(placeholders) + encoded) as u64
    }

    /// Writes the message, encoding each attachment in pieces of a few kilobytes.
    pub(crate) fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut at = 0;
        let mut line = [0u8; 78];
        for (offset, placeholder, bytes) in &self.splices {
            out.write_all(&self.mime[at..*offset])?;
            let mut chunks = bytes.chunks(LINE_BYTES).peekable();
            while let Some(chunk) = chunks.next() {
                let n = base64::engine::general_purpose::STANDARD
                    .encode_slice(chunk, &mut line)
                    .map_err(io::Error::other)?;
                out.write_all(&line[..n])?;
                if chunks.peek().is_some() {
                    out.write_all(b"\r\n")?;
                }
            }
            at = offset + placeholder;
        }
        out.write_all(&self.mime[at..])
    }

    /// The whole message as bytes (for tests and small messages).
    #[cfg(test)]
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let _ = self.write(&mut out);
        out
    }
}

/// 32 random hex digits: a Message-ID, and a placeholder that cannot occur in a message by chance.
fn random_hex() -> Result<String, Error> {
    let mut random = [0u8; 16];
    getrandom::getrandom(&mut random)
        .map_err(|e| Error::config("email", format!("no randomness for the message: {e}")))?;
    Ok(random.iter().map(|b| format!("{b:02x}")).collect())
}

impl Email {
    /// The MIME message and its envelope. Bcc is in the envelope only; `--sender` is the envelope's
    /// `MAIL FROM`.
    pub(crate) fn to_message(&self) -> Result<Outbound, Error> {
        let bad = |e: &dyn std::fmt::Display| Error::bad_input("email", format!("{e}"));
        let from = self.from.clone().ok_or_else(|| {
            Error::wrong(
                "email",
                "SMTP_FROM",
                "is not set (nor SMTP_USER)",
                Exit::Config,
            )
        })?;
        let recipients = [&self.to, &self.cc, &self.bcc]
            .into_iter()
            .flatten()
            .map(|m| m.email.clone())
            .collect();
        let envelope = Envelope::new(
            Some(self.sender.clone().unwrap_or_else(|| from.email.clone())),
            recipients,
        )
        .map_err(|e| bad(&e))?;
        let mut builder = lettre::Message::builder()
            .from(from.clone())
            .subject(self.subject.clone())
            .message_id(Some(message_id(&from)?))
            .envelope(envelope.clone());
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        for mailbox in &self.to {
            builder = builder.to(mailbox.clone());
        }
        for mailbox in &self.cc {
            builder = builder.cc(mailbox.clone());
        }
        for (name, value) in &self.headers {
            let name = HeaderName::new_from_ascii(name.clone()).map_err(|e| bad(&e))?;
            builder = builder.raw_header(HeaderValue::new(name, value.clone()));
        }
        let text = if self.html {
            SinglePart::html(self.body.clone())
        } else {
            SinglePart::plain(self.body.clone())
        };
        let mut placeholders = Vec::new();
        let message = if self.attachments.is_empty() {
            builder.singlepart(text)
        } else {
            let mut parts = MultiPart::mixed().build();
            if !self.body.is_empty() {
                parts = parts.singlepart(text);
            }
            for (index, file) in self.attachments.iter().enumerate() {
                let content_type = ContentType::parse(&file.content_type).map_err(|e| bad(&e))?;
                let token = format!("SENDMSGATTACHMENT{index}X{}", random_hex()?);
                let body = Body::dangerous_pre_encoded(
                    token.clone().into_bytes(),
                    ContentTransferEncoding::Base64,
                );
                parts = parts.singlepart(file.mime().body(body, content_type));
                placeholders.push((token, Arc::clone(&file.bytes)));
            }
            builder.multipart(parts)
        }
        .map_err(|e| bad(&e))?;
        let mime = message.formatted();
        let mut splices = Vec::with_capacity(placeholders.len());
        for (token, bytes) in placeholders {
            let offset = mime
                .windows(token.len())
                .position(|w| w == token.as_bytes())
                .ok_or_else(|| bad(&"an attachment is missing from the MIME message"))?;
            splices.push((offset, token.len(), bytes));
        }
        Ok(Outbound {
            envelope,
            mime,
            splices,
        })
    }

    /// The contract's dry-run line.
    pub(crate) fn dry_run_line(&self, server: &Server) -> String {
        #[derive(Serialize)]
        struct FileLine<'a> {
            filename: &'a str,
            bytes: usize,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            inline: bool,
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
                    inline: a.inline,
                })
                .collect(),
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

/// `<random@the sender's domain>`: a Message-ID in a domain the sender owns, as mail servers expect.
fn message_id(from: &Mailbox) -> Result<String, Error> {
    Ok(format!("<{}@{}>", random_hex()?, from.email.domain()))
}

/// How to run the sessions: `--timeout` for each whole session, `--retries`, and where to report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Delivery {
    pub timeout: Duration,
    pub retry: RetryPolicy,
    pub printer: Printer,
}

/// Sends `message` to every recipient in one SMTP session. Retried in a new session only while nothing
/// can have been delivered and no server asked for patience: a connection or TLS failure, or the deadline
/// before the data ended. A 4xx reply (greylisting, a full queue) is not retried within the run: servers
/// want minutes, not a second, and `--queue` leaves it to `sendmsg outbox flush`. Returns the server's
/// final reply, e.g. `250 2.0.0 Ok: queued as …`.
pub(crate) fn send(
    server: &Server,
    message: &Outbound,
    delivery: Delivery,
) -> Result<Reply, Error> {
    run_sessions(server, delivery, reply_line, |wire| wire.session(message))
}

/// Connects, negotiates TLS and logs in exactly as a send would, then says QUIT: what `sendmsg check
/// email` does. Nothing is sent; a failure is the error a send would have met at that step.
pub(crate) fn probe(server: &Server, delivery: Delivery) -> Result<(), Error> {
    let logged_in = |(): &()| "logged in, QUIT".to_owned();
    run_sessions(server, delivery, logged_in, |wire| {
        let (conn, _) = wire.open()?;
        wire.quit(conn);
        Ok(())
    })
}

/// One session per attempt, retried while it fails transiently, each attempt logged with `-v` (a
/// success as `shown` says).
fn run_sessions<T>(
    server: &Server,
    delivery: Delivery,
    shown: impl Fn(&T) -> String,
    session: impl Fn(&Wire<'_>) -> Result<T, Failure>,
) -> Result<T, Error> {
    let tls = server.tls()?;
    if server.login.is_some() && server.security == Security::None {
        delivery.printer.note(
            "warning: email: SMTP_SECURITY=none sends SMTP_PASSWORD unencrypted; use tls or starttls",
        );
    }
    delivery.retry.run(CHANNEL, delivery.printer, || {
        let started = Instant::now();
        let wire = Wire {
            server,
            tls: tls.as_ref(),
            timeout: delivery.timeout,
            deadline: started + delivery.timeout,
            printer: delivery.printer,
        };
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
            // Retried only before the message was handed over.
            Err(Failure::Retry(reason)) => Ok(Attempt::Transient {
                reason,
                retry_after: None,
            }),
            Err(Failure::Stop(err)) => Err(err),
        }
    })
}

/// The reply as one line: code and text.
pub(crate) fn reply_line(reply: &Reply) -> String {
    format!("{} {}", reply.code, reply.text())
}

/// The reply's text, its lines joined with spaces.
pub(crate) fn reply_text(reply: &Reply) -> String {
    reply.text()
}

/// Why a session stopped: worth another try now, or final.
enum Failure {
    Retry(String),
    Stop(Error),
}

/// What one session needs.
struct Wire<'a> {
    server: &'a Server,
    tls: Option<&'a Tls>,
    timeout: Duration,
    /// The end of this session: every read and write is bounded by it.
    deadline: Instant,
    printer: Printer,
}

/// Where in the session a failure happened, for the message and for the no-resend rule.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Connect,
    /// Waiting for the server's first words.
    Greeting,
    Handshake,
    Hello,
    Auth,
    /// MAIL FROM and RCPT TO: a refusal cancels the message for every recipient.
    Envelope,
    /// Sending the data, before its final `.`: the server discards an unfinished message.
    Data,
    /// The data ended: without a reply, it may have been delivered.
    Sent,
}

impl Wire<'_> {
    fn session(&self, message: &Outbound) -> Result<Reply, Failure> {
        let (mut conn, extensions) = self.open()?;
        match self.exchange(&mut conn, &extensions, message) {
            Ok(reply) => {
                if let Err(e) = conn.command("QUIT", 221) {
                    // The message is already the server's: a failure to say goodbye is not a failed send.
                    self.printer.note(&format!(
                        "warning: email: the server accepted the message ({}) but then failed on QUIT: {}; it was not resent",
                        reply_line(&reply),
                        self.reason(&e)
                    ));
                }
                conn.close();
                Ok(reply)
            }
            Err(failure) => {
                self.quit(conn);
                Err(failure)
            }
        }
    }

    /// Says goodbye when the session ends without a message; failures here change nothing.
    fn quit(&self, mut conn: Connection) {
        if let Err(e) = conn.command("QUIT", 221) {
            self.printer
                .verbose(&format!("email: QUIT failed: {}", self.reason(&e)));
        }
        conn.close();
    }

    /// Connects, greets, upgrades with STARTTLS when asked, and logs in: everything before the envelope.
    fn open(&self) -> Result<(Connection, Extensions), Failure> {
        let server = self.server;
        let mut conn = Connection::connect(&server.host, server.port, self.deadline)
            .map_err(|e| self.failure(e, Step::Connect))?;
        if let (Security::Tls, Some(tls)) = (server.security, self.tls) {
            conn.start_tls(tls, &server.host)
                .map_err(|e| self.failure(e, Step::Handshake))?;
        }
        conn.expect(220)
            .map_err(|e| self.failure(e, Step::Greeting))?;
        let mut extensions = self.hello(&mut conn)?;
        if let (Security::Starttls, Some(tls)) = (server.security, self.tls) {
            if !extensions.starttls {
                self.quit(conn);
                return Err(Failure::Stop(Error::config(
                    "email",
                    format!(
                        "{} does not offer STARTTLS, so nothing was sent (no password, no message); \
                     use SMTP_SECURITY=tls if it speaks TLS from the start (port 465)",
                        server.address()
                    ),
                )));
            }
            conn.command("STARTTLS", 220)
                .map_err(|e| self.failure(e, Step::Hello))?;
            conn.start_tls(tls, &server.host)
                .map_err(|e| self.failure(e, Step::Handshake))?;
            extensions = self.hello(&mut conn)?;
        }
        if let Some((user, password)) = &server.login {
            self.log_in(&mut conn, &extensions, user, password)?;
        }
        Ok((conn, extensions))
    }

    fn hello(&self, conn: &mut Connection) -> Result<Extensions, Failure> {
        let reply = conn
            .command(&format!("EHLO {}", self.server.helo), 250)
            .map_err(|e| self.failure(e, Step::Hello))?;
        Ok(Extensions::parse(&reply))
    }

    /// AUTH PLAIN, else AUTH LOGIN: what every submission server offers.
    fn log_in(
        &self,
        conn: &mut Connection,
        extensions: &Extensions,
        user: &str,
        password: &Secret,
    ) -> Result<(), Failure> {
        let b64 = |text: &str| base64::engine::general_purpose::STANDARD.encode(text);
        let auth = |e| self.failure(e, Step::Auth);
        if extensions.auth_plain {
            let token = b64(&format!("\0{user}\0{}", password.expose()));
            conn.command(&format!("AUTH PLAIN {token}"), 235)
                .map_err(auth)?;
        } else if extensions.auth_login {
            conn.command("AUTH LOGIN", 334).map_err(auth)?;
            conn.command(&b64(user), 334).map_err(auth)?;
            conn.command(&b64(password.expose()), 235).map_err(auth)?;
        } else {
            return Err(Failure::Stop(Error::config(
                "email",
                format!(
                    "{} offers no AUTH PLAIN or LOGIN; unset SMTP_USER if it needs no login",
                    self.server.address()
                ),
            )));
        }
        Ok(())
    }

    fn exchange(
        &self,
        conn: &mut Connection,
        extensions: &Extensions,
        message: &Outbound,
    ) -> Result<Reply, Failure> {
        let size = message.size();
        if let Some(limit) = extensions.size.filter(|&limit| limit > 0 && size > limit) {
            return Err(Failure::Stop(Error::bad_input(
                "email",
                format!(
                    "the message is {size} bytes but {} takes at most {limit} (its SIZE); nothing was uploaded: send smaller or fewer attachments",
                    self.server.address()
                ),
            )));
        }
        let envelope = message.envelope();
        let mut mail = format!(
            "MAIL FROM:<{}>",
            envelope
                .from()
                .map(AsRef::<str>::as_ref)
                .unwrap_or_default()
        );
        if extensions.size.is_some() {
            mail.push_str(&format!(" SIZE={size}"));
        }
        let non_ascii_address = envelope
            .from()
            .into_iter()
            .chain(envelope.to())
            .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii_address {
            if !extensions.smtputf8 {
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
            mail.push_str(" SMTPUTF8");
        }
        if extensions.eight_bit_mime {
            mail.push_str(" BODY=8BITMIME");
        }
        conn.command(&mail, 250)
            .map_err(|e| self.failure(e, Step::Envelope))?;
        for recipient in envelope.to() {
            conn.command(
                &format!("RCPT TO:<{}>", AsRef::<str>::as_ref(recipient)),
                250,
            )
            .map_err(|e| self.failure(e, Step::Envelope))?;
        }
        conn.command("DATA", 354)
            .map_err(|e| self.failure(e, Step::Envelope))?;
        conn.data(|out| message.write(out))
            .map_err(|e| self.failure(e, Step::Data))?;
        conn.expect(250).map_err(|e| self.failure(e, Step::Sent))
    }

    /// `timed out after 5s`, or the network error.
    fn reason(&self, err: &WireError) -> String {
        match err {
            WireError::Io(e) if e.kind() == io::ErrorKind::TimedOut => {
                format!("timed out after {}s", self.timeout.as_secs_f64())
            }
            WireError::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                "the server closed the connection".into()
            }
            WireError::Io(e) => e.to_string(),
            WireError::Tls(e) => e.to_string(),
            WireError::Reply(reply) => reply_line(reply),
            WireError::NotSmtp { .. } => "the server's answer is not SMTP".into(),
        }
    }

    /// Sorts a failure: what to tell the user, and whether a new session now could help.
    fn failure(&self, err: WireError, step: Step) -> Failure {
        let server = self.server.address();
        let stop = Failure::Stop;
        match err {
            WireError::Reply(reply) if reply.is_transient() => stop(Error::Transient {
                channel: CHANNEL,
                message: format!(
                    "{server} answered {}: try again in a few minutes, or use --queue so `sendmsg outbox flush` does (a 4xx is not retried at once: greylisting and busy servers want minutes)",
                    reply_line(&reply)
                ),
                part: None,
                // A complete answer that refuses for now: the server did not take the message.
                fate: Fate::NeverSent,
            }),
            WireError::Reply(reply) => stop(Error::Rejected {
                channel: CHANNEL,
                code: Some(format!("SMTP {}", reply.code)),
                message: match step {
                    Step::Auth => format!("{} (check SMTP_USER and SMTP_PASSWORD)", reply.text()),
                    Step::Envelope => format!(
                        "{}; nothing was sent to anyone (one refused address cancels the message for all)",
                        reply.text()
                    ),
                    _ => reply.text(),
                },
                part: None,
            }),
            WireError::Tls(tls) => {
                let seen = self.tls.and_then(Tls::seen);
                stop(Error::config(
                    "email",
                    format!(
                        "TLS with {server} failed: {}",
                        super::tls::explain(&tls, &self.server.anchor, seen)
                    ),
                ))
            }
            WireError::NotSmtp { tls: true } => stop(Error::config(
                "email",
                format!(
                    "{server} speaks TLS from the first byte: use SMTP_SECURITY=tls (port 465)"
                ),
            )),
            WireError::NotSmtp { tls: false } => stop(Error::config(
                "email",
                format!("{server} does not answer in SMTP: check SMTP_HOST and SMTP_PORT"),
            )),
            WireError::Io(ref e) => {
                let reason = self.reason(&err);
                let timed_out = e.kind() == io::ErrorKind::TimedOut;
                match step {
                    Step::Sent => stop(Error::Transient {
                        channel: CHANNEL,
                        message: format!(
                            "no reply from {server} after the message was sent ({reason}); it may have been delivered and was not resent"
                        ),
                        part: None,
                        fate: Fate::MaybeDelivered,
                    }),
                    // A TLS-only port waits for our handshake while we wait for its greeting: retrying
                    // would only wait again.
                    Step::Greeting if timed_out && self.server.security != Security::Tls => {
                        stop(Error::Transient {
                            channel: CHANNEL,
                            message: format!(
                                "{server} sent no greeting: {reason}; a port that speaks TLS from the first byte (465) needs SMTP_SECURITY=tls"
                            ),
                            part: None,
                            fate: Fate::NeverSent,
                        })
                    }
                    Step::Connect => {
                        Failure::Retry(format!("cannot connect to {server}: {reason}"))
                    }
                    // Servers that speak only TLS 1.0 or 1.1 often hang up on a modern hello without
                    // an alert.
                    Step::Handshake if e.kind() == io::ErrorKind::UnexpectedEof => {
                        Failure::Retry(format!(
                            "{server} closed the connection during the TLS handshake: {}",
                            super::tls::OLD_TLS
                        ))
                    }
                    _ => Failure::Retry(format!("{server}: {reason}")),
                }
            }
        }
    }
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
            assert_eq!(err.map(|e| e.exit().code()), Some(2), "{bad}");
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

    fn plain_email() -> Email {
        Email {
            from: "Bot <bot@example.com>".parse().ok(),
            sender: None,
            reply_to: None,
            to: vec!["a@example.com".parse().expect("to")],
            cc: vec![],
            bcc: vec![],
            subject: "测试 subject".into(),
            headers: vec![],
            body: "hello".into(),
            html: false,
            attachments: vec![],
        }
    }

    #[test]
    fn attachments_are_spliced_in_as_base64_and_the_size_is_exact() {
        for len in [0, 1, 56, 57, 58, 3000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let email = Email {
                body: String::new(),
                attachments: vec![Attachment {
                    filename: "a.bin".into(),
                    content_type: "application/octet-stream".into(),
                    bytes: Arc::new(bytes.clone()),
                    inline: false,
                }],
                ..plain_email()
            };
            let message = email.to_message().expect("message");
            let wire = message.to_bytes();
            assert_eq!(message.size(), wire.len() as u64, "{len}");
            let mut expected = String::new();
            let engine = base64::engine::general_purpose::STANDARD;
            let lines: Vec<String> = bytes.chunks(LINE_BYTES).map(|c| engine.encode(c)).collect();
            expected.push_str(&lines.join("\r\n"));
            let text = String::from_utf8_lossy(&wire);
            assert!(
                text.contains(&format!("\r\n\r\n{expected}\r\n--")),
                "{len}: {text}"
            );
            assert!(!text.contains("SENDMSGATTACHMENT"));
        }
    }

    #[test]
    fn headers_are_one_line_and_not_ours() {
        assert_eq!(
            parse_header("X-Priority: 1").ok(),
            Some(("X-Priority".into(), "1".into()))
        );
        for bad in [
            "X-A: b\r\nBcc: x@example.com",
            "X-A: b\nc",
            "no colon",
            "Bad Name: x",
            ": x",
            "X-Empty:",
            "subject: hi",
            "FROM: a@example.com",
            "Message-ID: <1@x>",
            "Date: now",
            "To: a@b.c",
            "Cc: a@b.c",
            "Bcc: a@b.c",
        ] {
            assert!(parse_header(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn helo_names_are_domains_or_address_literals() {
        for good in ["mail.example.com", "host-1", "[192.0.2.1]"] {
            assert!(helo_name(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "a b",
            "x\r\nMAIL FROM:<a@b>",
            "-x.com",
            "a..b",
            "[nope]",
        ] {
            assert!(helo_name(bad).is_err(), "{bad}");
        }
        assert!(helo_name(&default_helo()).is_ok());
    }

    #[test]
    fn bcc_is_in_the_envelope_but_not_in_the_headers() {
        let email = Email {
            bcc: vec!["hidden@example.com".parse().expect("bcc")],
            ..plain_email()
        };
        let message = email.to_message().expect("message");
        let wire = String::from_utf8_lossy(&message.to_bytes()).into_owned();
        assert!(!wire.contains("hidden@example.com"), "{wire}");
        assert!(wire.contains("Subject: =?utf-8?"), "{wire}");
        let rcpts: Vec<&str> = message.envelope().to().iter().map(AsRef::as_ref).collect();
        assert_eq!(rcpts, ["a@example.com", "hidden@example.com"]);
    }
}
