//! E-mail's message: the addresses, subject, HTML and attachments checked and built (lettre) before any
//! connection, and the server to send it to. It does no I/O: [`settings`](super::settings) reads the files
//! to attach, and [`session`](super::session) is the SMTP session that delivers the message.

use super::tls::Anchor;
use crate::error::{Error, Exit};
use crate::secret::Secret;
use base64::Engine;
use lettre::address::{Address, Envelope};
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as MimeAttachment, Body, Mailbox, MultiPart, SinglePart};
use serde::Serialize;
use std::io::{self, Write};
use std::sync::Arc;

pub(super) const CHANNEL: &str = "email";

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
    /// `host:port`, as the dry-run line and every message name the server.
    pub(super) fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
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
fn random_hex() -> String {
    format!("{:032x}", crate::random::bits())
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
            .message_id(Some(message_id(&from)))
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
                let token = format!("SENDMSGATTACHMENT{index}X{}", random_hex());
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
fn message_id(from: &Mailbox) -> String {
    format!("<{}@{}>", random_hex(), from.email.domain())
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
        assert!(helo_name(&super::super::settings::default_helo()).is_ok());
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
