//! The SMTP wire (RFC 5321) over a socket whose every read and write is bounded by one deadline, so
//! `--timeout` bounds the whole session: connect, TLS, each command, the data, and a server that answers a
//! byte a second.

use super::tls::Tls;
use rustls::pki_types::ServerName;
use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why a step failed.
#[derive(Debug)]
pub(super) enum WireError {
    /// Network trouble, or the deadline (`io::ErrorKind::TimedOut`).
    Io(io::Error),
    /// The TLS handshake failed.
    Tls(rustls::Error),
    /// The server answered, and not with what the step needs.
    Reply(Reply),
    /// What came back is not SMTP. `tls` when it looks like a TLS record.
    NotSmtp { tls: bool },
}

impl From<io::Error> for WireError {
    fn from(err: io::Error) -> Self {
        // rustls reports a failed handshake through io, with its own error inside.
        match err
            .get_ref()
            .and_then(|e| e.downcast_ref::<rustls::Error>())
        {
            Some(tls) => WireError::Tls(tls.clone()),
            None => WireError::Io(err),
        }
    }
}

/// A server reply: its code and its lines' text.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub code: u16,
    pub lines: Vec<String>,
}

impl Reply {
    /// The text, its lines joined with spaces.
    pub(crate) fn text(&self) -> String {
        self.lines.join(" ")
    }

    /// A 4xx: the server asks to try again later.
    pub(crate) fn is_transient(&self) -> bool {
        (400..500).contains(&self.code)
    }
}

/// The TCP socket, which turns each read and write into one bounded by what is left of the deadline.
struct Socket {
    tcp: TcpStream,
    deadline: Instant,
}

impl Socket {
    fn left(&self) -> io::Result<Duration> {
        self.deadline
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
            .ok_or_else(|| io::ErrorKind::TimedOut.into())
    }
}

/// A socket timeout is `WouldBlock` on Unix: both are the deadline.
fn as_deadline(err: io::Error) -> io::Error {
    match err.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => io::ErrorKind::TimedOut.into(),
        _ => err,
    }
}

impl Read for Socket {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.tcp.set_read_timeout(Some(self.left()?))?;
        self.tcp.read(buf).map_err(as_deadline)
    }
}

impl Write for Socket {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tcp.set_write_timeout(Some(self.left()?))?;
        self.tcp.write(buf).map_err(as_deadline)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tcp.flush()
    }
}

enum Stream {
    Plain(Socket),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, Socket>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// A reply line longer than this, or a reply of more lines, is not a mail server talking.
const MAX_LINE: usize = 4096;
const MAX_LINES: usize = 256;

/// One SMTP connection.
pub(super) struct Connection {
    /// `None` only while it is being upgraded to TLS.
    stream: Option<Stream>,
    /// Bytes read past the last reply line.
    pending: Vec<u8>,
    pub(super) tls: bool,
}

impl Connection {
    /// Connects to the first address of `host:port` that answers, within the deadline.
    pub(super) fn connect(host: &str, port: u16, deadline: Instant) -> Result<Self, WireError> {
        let mut last = io::Error::new(io::ErrorKind::NotFound, "the host name has no address");
        for address in (host, port).to_socket_addrs()? {
            let left = deadline
                .checked_duration_since(Instant::now())
                .filter(|left| !left.is_zero())
                .ok_or(io::Error::from(io::ErrorKind::TimedOut))?;
            match TcpStream::connect_timeout(&address, left) {
                Ok(tcp) => {
                    tcp.set_nodelay(true)?;
                    return Ok(Self {
                        stream: Some(Stream::Plain(Socket { tcp, deadline })),
                        pending: Vec::new(),
                        tls: false,
                    });
                }
                Err(e) => last = as_deadline(e),
            }
        }
        Err(WireError::Io(last))
    }

    /// Runs the TLS handshake now (implicit TLS, or after STARTTLS), so its failure is told apart from
    /// what follows.
    pub(super) fn start_tls(&mut self, tls: &Tls, host: &str) -> Result<(), WireError> {
        let name = ServerName::try_from(host.to_owned()).map_err(|_| {
            WireError::Io(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{host}` is not a host name TLS can check"),
            ))
        })?;
        let Some(Stream::Plain(mut socket)) = self.stream.take() else {
            return Err(WireError::Io(io::Error::other("TLS started twice")));
        };
        let mut conn =
            rustls::ClientConnection::new(Arc::clone(&tls.config), name).map_err(WireError::Tls)?;
        while conn.is_handshaking() {
            conn.complete_io(&mut socket)?;
        }
        self.stream = Some(Stream::Tls(Box::new(rustls::StreamOwned::new(
            conn, socket,
        ))));
        self.pending.clear();
        self.tls = true;
        Ok(())
    }

    fn stream(&mut self) -> io::Result<&mut Stream> {
        self.stream
            .as_mut()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotConnected))
    }

    /// Sends one command line, in one write: one TLS record and one TCP segment, not two.
    pub(super) fn send(&mut self, line: &str) -> Result<(), WireError> {
        let stream = self.stream()?;
        stream.write_all(format!("{line}\r\n").as_bytes())?;
        stream.flush()?;
        Ok(())
    }

    /// Sends a command and reads its reply, which must have the code `expect` (or be in its class when
    /// `expect` is 250).
    pub(super) fn command(&mut self, line: &str, expect: u16) -> Result<Reply, WireError> {
        self.send(line)?;
        self.expect(expect)
    }

    /// Reads a reply that must have `expect`'s code (any 2xx for 250).
    pub(super) fn expect(&mut self, expect: u16) -> Result<Reply, WireError> {
        let reply = self.reply()?;
        let fits = match expect {
            250 => (200..300).contains(&reply.code),
            code => reply.code == code,
        };
        if fits {
            Ok(reply)
        } else {
            Err(WireError::Reply(reply))
        }
    }

    /// Reads one (possibly multi-line) reply.
    pub(super) fn reply(&mut self) -> Result<Reply, WireError> {
        let mut lines = Vec::new();
        loop {
            let line = self.line()?;
            let code = line
                .get(..3)
                .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|c| c.parse::<u16>().ok())
                .ok_or(WireError::NotSmtp { tls: false })?;
            let more = line.as_bytes().get(3) == Some(&b'-');
            lines.push(line.get(4..).unwrap_or_default().trim_end().to_owned());
            if !more {
                return Ok(Reply { code, lines });
            }
            if lines.len() >= MAX_LINES {
                return Err(WireError::NotSmtp { tls: false });
            }
        }
    }

    /// One line, without its CRLF.
    fn line(&mut self) -> Result<String, WireError> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.pending.drain(..=end).collect();
                return Ok(String::from_utf8_lossy(&line)
                    .trim_end_matches(['\r', '\n'])
                    .to_owned());
            }
            // A TLS record's first byte (handshake or alert): the server speaks TLS, not SMTP.
            if matches!(self.pending.first(), Some(0x15 | 0x16)) && !self.tls {
                return Err(WireError::NotSmtp { tls: true });
            }
            if self.pending.len() > MAX_LINE {
                return Err(WireError::NotSmtp { tls: false });
            }
            let mut chunk = [0u8; 1024];
            let n = self.stream()?.read(&mut chunk)?;
            if n == 0 {
                return Err(WireError::Io(io::ErrorKind::UnexpectedEof.into()));
            }
            self.pending.extend_from_slice(&chunk[..n]);
        }
    }

    /// Sends the message data, dot-stuffed, and the final `.`; `write` writes it in pieces.
    pub(super) fn data(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), WireError> {
        let stream = self.stream()?;
        let mut out = DotStuffer {
            inner: io::BufWriter::with_capacity(64 * 1024, stream),
            line_start: true,
        };
        write(&mut out)?;
        if !out.line_start {
            out.inner.write_all(b"\r\n")?;
        }
        out.inner.write_all(b".\r\n")?;
        out.inner.flush()?;
        Ok(())
    }

    /// Closes the TLS session cleanly where there is one; failures here change nothing.
    pub(super) fn close(mut self) {
        if let Some(Stream::Tls(mut tls)) = self.stream.take() {
            tls.conn.send_close_notify();
            let _ = tls.conn.complete_io(&mut tls.sock);
        }
    }
}

/// Doubles a `.` that starts a line (RFC 5321 4.5.2), so the data cannot end early.
struct DotStuffer<W: Write> {
    inner: W,
    line_start: bool,
}

impl<W: Write> Write for DotStuffer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            if self.line_start && rest[0] == b'.' {
                self.inner.write_all(b".")?;
            }
            let end = rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |i| i + 1);
            self.inner.write_all(&rest[..end])?;
            self.line_start = rest[end - 1] == b'\n';
            rest = &rest[end..];
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// What EHLO said the server can do.
#[derive(Debug, Default)]
pub(super) struct Extensions {
    pub(super) starttls: bool,
    pub(super) auth_plain: bool,
    pub(super) auth_login: bool,
    /// `SIZE n`; `Some(0)` means no fixed limit.
    pub(super) size: Option<u64>,
    pub(super) eight_bit_mime: bool,
    pub(super) smtputf8: bool,
}

impl Extensions {
    pub(super) fn parse(reply: &Reply) -> Self {
        let mut found = Self::default();
        // The first line is the server's greeting of us.
        for line in reply.lines.iter().skip(1) {
            let mut words = line.split([' ', '=']).filter(|w| !w.is_empty());
            let keyword = words.next().unwrap_or_default().to_ascii_uppercase();
            match keyword.as_str() {
                "STARTTLS" => found.starttls = true,
                "8BITMIME" => found.eight_bit_mime = true,
                "SMTPUTF8" => found.smtputf8 = true,
                "SIZE" => found.size = Some(words.next().and_then(|n| n.parse().ok()).unwrap_or(0)),
                "AUTH" => {
                    for mechanism in words {
                        match mechanism.to_ascii_uppercase().as_str() {
                            "PLAIN" => found.auth_plain = true,
                            "LOGIN" => found.auth_login = true,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_that_start_a_line_are_doubled_wherever_the_writes_split() {
        let mut out = DotStuffer {
            inner: Vec::new(),
            line_start: true,
        };
        for piece in [&b".a\r\n"[..], b"b\r", b"\n", b".", b"c\r\n.\r\nx.y"] {
            out.write_all(piece).expect("write");
        }
        assert_eq!(out.inner, b"..a\r\nb\r\n..c\r\n..\r\nx.y");
    }

    #[test]
    fn ehlo_keywords_are_read_in_either_auth_form() {
        let reply = Reply {
            code: 250,
            lines: [
                "mail.test Hello",
                "SIZE 1000",
                "AUTH=LOGIN",
                "auth plain",
                "STARTTLS",
                "8BITMIME",
            ]
            .map(str::to_owned)
            .to_vec(),
        };
        let found = Extensions::parse(&reply);
        assert_eq!(found.size, Some(1000));
        assert!(found.auth_login && found.auth_plain && found.starttls && found.eight_bit_mime);
        assert!(!found.smtputf8);
    }
}
