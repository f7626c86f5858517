//! The HTTP/1.1 wire, just what a webhook listener needs: keep-alive connections (at most
//! [`MAX_REQUESTS_PER_CONNECTION`] requests each), a whole-request deadline (a slow client holds a worker for
//! at most [`REQUEST_TIMEOUT`]), a bounded head, a body capped at [`MAX_BODY`] and refused from its
//! Content-Length before it is read. Any refusal closes the connection.
//!
//! Hand-written over `httparse` rather than a server crate: tiny_http 0.12 sets no socket timeouts and, on a
//! request that declares a huge Content-Length, allocates that many bytes to drain it when the request is
//! dropped, which aborts the process.

use super::routes::Reply;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Time a client has to send its whole request.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest body accepted; a larger one gets 413.
pub(crate) const MAX_BODY: usize = 64 * 1024;
/// The largest request head (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
/// Requests served on one connection before it is closed, so no client keeps a connection forever.
pub(crate) const MAX_REQUESTS_PER_CONNECTION: u32 = 1000;

/// A client's connection and what it has sent beyond the request being served (a pipelined next request).
#[derive(Debug)]
pub(crate) struct Connection {
    pub stream: TcpStream,
    /// Bytes read past the end of the last request.
    pub unread: Vec<u8>,
    /// Requests answered so far.
    pub served: u32,
}

impl Connection {
    pub(crate) fn new(stream: TcpStream) -> Self {
        Self {
            stream,
            unread: Vec::new(),
            served: 0,
        }
    }
}

/// A request read off the wire.
#[derive(Debug)]
pub(crate) struct Request {
    pub method: String,
    pub target: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The client can take another reply on this connection: HTTP/1.1 without `Connection: close`.
    pub keep_alive: bool,
}

/// Why no request could be read; each has its reply, except a client that sent nothing.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The connection closed (or timed out) before a single byte: nothing to answer.
    Silent,
    /// The reply, and the method and path when the head was read (for the log).
    Reply(Reply, Option<(String, String)>),
}

fn refuse(status: u16, reason: &str) -> ReadError {
    ReadError::Reply(Reply::text(status, reason), None)
}

/// A refusal of a request whose head was read.
fn refuse_request(status: u16, reason: &str, method: &str, target: &str) -> ReadError {
    ReadError::Reply(
        Reply::text(status, reason),
        Some((method.to_owned(), target.to_owned())),
    )
}

/// Reads the connection's next request within [`REQUEST_TIMEOUT`].
pub(crate) fn read_request(connection: &mut Connection) -> Result<Request, ReadError> {
    let deadline = Instant::now() + REQUEST_TIMEOUT;
    let stream = &mut connection.stream;
    let mut buf = std::mem::take(&mut connection.unread);
    buf.reserve(4096);
    // What a client pipelined is parsed before anything more is read.
    let mut must_read = buf.is_empty();
    let (head_len, method, target, headers, version) = loop {
        if must_read && read_more(stream, &mut buf, deadline)? == 0 {
            return Err(if buf.is_empty() {
                ReadError::Silent
            } else {
                refuse(400, "the request ended inside its head")
            });
        }
        must_read = true;
        let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut parsed = httparse::Request::new(&mut slots);
        match parsed.parse(&buf) {
            Ok(httparse::Status::Complete(len)) => {
                let headers = parsed
                    .headers
                    .iter()
                    .map(|h| {
                        let value = String::from_utf8_lossy(h.value).trim().to_owned();
                        (h.name.to_ascii_lowercase(), value)
                    })
                    .collect::<Vec<_>>();
                break (
                    len,
                    parsed.method.unwrap_or_default().to_owned(),
                    parsed.path.unwrap_or_default().to_owned(),
                    headers,
                    parsed.version.unwrap_or_default(),
                );
            }
            Ok(httparse::Status::Partial) if buf.len() < MAX_HEAD => {}
            Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
                return Err(refuse(431, "request head too large"));
            }
            Err(e) => return Err(refuse(400, &format!("malformed request: {e}"))),
        }
    };
    if headers.iter().any(|(n, _)| n == "transfer-encoding") {
        return Err(refuse_request(
            411,
            "chunked bodies are not supported: send a Content-Length",
            &method,
            &target,
        ));
    }
    let length = content_length(&headers)?;
    if length > MAX_BODY {
        return Err(refuse_request(
            413,
            "body too large: at most 64 KiB",
            &method,
            &target,
        ));
    }
    let mut body = buf.split_off(head_len);
    while body.len() < length {
        if read_more(stream, &mut body, deadline)? == 0 {
            return Err(refuse(400, "the body is shorter than its Content-Length"));
        }
    }
    connection.unread = body.split_off(length);
    let keep_alive = version == 1
        && !headers.iter().any(|(n, v)| {
            n == "connection" && v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close"))
        });
    Ok(Request {
        method,
        target,
        headers,
        body,
        keep_alive,
    })
}

fn content_length(headers: &[(String, String)]) -> Result<usize, ReadError> {
    let mut values = headers.iter().filter(|(n, _)| n == "content-length");
    let Some((_, first)) = values.next() else {
        return Ok(0);
    };
    if values.any(|(_, v)| v != first) {
        return Err(refuse(400, "conflicting Content-Length headers"));
    }
    // A number too large for usize (or u64) is certainly too large for us.
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refuse(400, "invalid Content-Length"));
    }
    Ok(first.parse::<usize>().unwrap_or(usize::MAX))
}

/// Appends what the socket has, waiting no later than `deadline`; 0 means the peer closed.
fn read_more(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    deadline: Instant,
) -> Result<usize, ReadError> {
    let left = deadline.saturating_duration_since(Instant::now());
    let timed_out = || {
        if buf.is_empty() {
            ReadError::Silent
        } else {
            refuse(408, "request timeout")
        }
    };
    if left.is_zero() {
        return Err(timed_out());
    }
    stream
        .set_read_timeout(Some(left))
        .map_err(|_| ReadError::Silent)?;
    let mut chunk = [0u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                return Ok(n);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(timed_out());
            }
            Err(_) => return Err(ReadError::Silent),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        507 => "Insufficient Storage",
        _ => "Unknown",
    }
}

/// Writes the reply; unless `keep_alive`, closes the connection too, leaving the client time to read it.
pub(crate) fn write_reply(
    stream: &mut TcpStream,
    reply: &Reply,
    head_only: bool,
    keep_alive: bool,
) {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: {}\r\ncontent-length: {}\r\ncache-control: no-store\r\nconnection: {}\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    for (name, value) in &reply.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    if !head_only {
        out.push_str(&reply.body);
    }
    // A client that went away has no use for an error; the request log still shows the status.
    let _ = stream.set_write_timeout(Some(REQUEST_TIMEOUT));
    let _ = stream.write_all(out.as_bytes());
    if !keep_alive {
        let _ = stream.shutdown(Shutdown::Write);
        drain(stream);
    }
}

/// Reads (and drops) what the client still sends, briefly, so closing does not reset the connection
/// before the client has read the reply (a 413 is answered before the body arrives).
fn drain(stream: &mut TcpStream) {
    const LINGER: Duration = Duration::from_millis(500);
    const MAX_DRAIN: usize = 1 << 20;
    let deadline = Instant::now() + LINGER;
    let mut chunk = [0u8; 8192];
    let mut drained = 0;
    while drained < MAX_DRAIN {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// Sends `raw` to a fresh connection and returns what `read_request` made of it.
    fn read_raw(raw: &'static [u8]) -> Result<Request, ReadError> {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let client = std::thread::spawn(move || {
            let mut s = TcpStream::connect(addr).expect("connect");
            s.write_all(raw).expect("write");
            s.shutdown(Shutdown::Write).expect("shutdown");
            s
        });
        let (server, _) = listener.accept().expect("accept");
        let result = read_request(&mut Connection::new(server));
        drop(client.join());
        result
    }

    fn status(result: Result<Request, ReadError>) -> Option<u16> {
        match result {
            Ok(_) => Some(200),
            Err(ReadError::Reply(r, _)) => Some(r.status),
            Err(ReadError::Silent) => None,
        }
    }

    #[test]
    fn a_request_with_a_body_is_read_whole() {
        let req = read_raw(
            b"POST /api/send_msg?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
        )
        .expect("request");
        assert_eq!(
            (req.method.as_str(), req.target.as_str()),
            ("POST", "/api/send_msg?x=1")
        );
        assert_eq!(req.body, b"hello");
        assert!(req.headers.contains(&("host".into(), "h".into())));
    }

    #[test]
    fn a_huge_declared_body_is_refused_before_reading() {
        let raw = b"POST / HTTP/1.1\r\nContent-Length: 1000000000000000000000\r\n\r\nx";
        assert_eq!(status(read_raw(raw)), Some(413));
        let raw = b"POST / HTTP/1.1\r\nContent-Length: 65537\r\n\r\nx";
        assert_eq!(status(read_raw(raw)), Some(413));
    }

    #[test]
    fn malformed_or_truncated_requests_get_400_and_silence_gets_nothing() {
        assert_eq!(status(read_raw(b"NOT HTTP\r\n\r\n")), Some(400));
        assert_eq!(
            status(read_raw(
                b"POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nshort"
            )),
            Some(400)
        );
        assert_eq!(status(read_raw(b"GET / HTTP/1.1\r\nHost:")), Some(400));
        assert_eq!(
            status(read_raw(
                b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            )),
            Some(411)
        );
        assert_eq!(status(read_raw(b"")), None);
    }
}
