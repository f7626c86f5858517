//! The real binary as a long-running server (`serve-ddns`) on an ephemeral loopback port, and a minimal
//! HTTP client to talk to it with exact control over what goes on the wire.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The `DDNS_TOKEN` the tests use.
pub(crate) const TOKEN: &str = "ddns-test-token-7c41b2e9";

/// A running server. Killed when dropped.
pub(crate) struct Daemon {
    pub child: Child,
    pub addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
    secrets: Vec<String>,
}

impl Daemon {
    /// Starts `cmd` (stderr piped) and waits for its `listening on http://ADDR` line.
    pub(crate) fn start(mut cmd: Command, secrets: Vec<String>) -> Result<Daemon, String> {
        cmd.stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("spawn sendmsg serve-ddns");
        let pipe = child.stderr.take().expect("stderr pipe");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (found, addr) = mpsc::channel();
        let log = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let addr = rest.split_whitespace().next().unwrap_or_default();
                    let _ = found.send(addr.parse::<SocketAddr>().ok());
                }
                let mut log = log.lock().expect("log");
                log.push_str(&line);
                log.push('\n');
            }
        });
        if let Ok(Some(addr)) = addr.recv_timeout(Duration::from_secs(20)) {
            Ok(Daemon {
                child,
                addr,
                stderr,
                secrets,
            })
        } else {
            let status = child.wait().expect("wait");
            std::thread::sleep(Duration::from_millis(100));
            let log = stderr.lock().expect("log").clone();
            Err(format!("exit {:?}\n{log}", status.code()))
        }
    }

    /// What the server printed so far; asserts that no secret is in it.
    pub(crate) fn stderr(&self) -> String {
        let log = self.stderr.lock().expect("log").clone();
        for secret in &self.secrets {
            assert!(
                !log.contains(secret.as_str()),
                "a secret was logged:\n{log}"
            );
        }
        log
    }

    /// Waits (up to 5 s) until the log has a line containing `needle`: a request is logged after its reply
    /// is sent, so the line may trail the response a client already holds.
    pub(crate) fn log_has(&self, needle: &str) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        loop {
            if self.stderr().contains(needle) {
                return true;
            }
            if std::time::Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub(crate) fn get(&self, target: &str) -> Response {
        request(self.addr, "GET", target, &[], b"")
    }

    pub(crate) fn post(&self, target: &str, body: &[u8]) -> Response {
        request(self.addr, "POST", target, &[], body)
    }

    /// Sends a signal and waits for the exit code.
    pub(crate) fn stop_with(&mut self, signal: &str) -> Option<i32> {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args([signal, &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill {signal} {pid}");
        let code = self.child.wait().expect("wait").code();
        // Let the reader thread take the last lines.
        std::thread::sleep(Duration::from_millis(100));
        code
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

/// One HTTP/1.1 request on its own connection, which the client asks the server to close after the reply.
pub(crate) fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    try_request(addr, method, target, headers, body).expect("request")
}

/// A request that may meet a server that is gone: `None` then.
pub(crate) fn try_request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Option<Response> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let mut head = format!("{method} {target} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    // The server may answer (413) and close before the whole body is in.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Some(Response {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_owned(),
    })
    .filter(|r| r.status != 0)
}
