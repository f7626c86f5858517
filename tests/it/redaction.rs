//! Redaction of every form a secret takes (contract, "Trust"), against servers that echo what they got:
//! an HTTP endpoint that quotes the bearer token without its scheme word, `\/`-escaped, percent-encoded
//! in lower case and in Base64, and an SMTP server that quotes the `AUTH PLAIN` and `AUTH LOGIN` lines.
//! No 12-character slice of the secret, in any of those forms, may appear in any output or the history.

use crate::common;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use common::Sandbox;
use common::mock::{MockServer, Reply};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

/// A token with the characters every encoding changes.
const TOKEN: &str = "echo/T0ken+with=specials~91é";
const PASSWORD: &str = "smtp/Pa55+word=echo~77";

/// Every 12-character slice of every form of `secret` an echo below may hold.
fn forms(secret: &str) -> Vec<String> {
    let json = serde_json::to_string(secret).unwrap_or_default();
    let json = json[1..json.len() - 1].to_owned();
    let lower: String = form_urlencoded::byte_serialize(secret.as_bytes())
        .collect::<String>()
        .to_lowercase();
    vec![
        secret.to_owned(),
        json.replace('/', "\\/"),
        lower,
        STANDARD.encode(secret),
        URL_SAFE.encode(secret),
    ]
}

fn assert_no_slice(secret: &str, text: &str, what: &str) {
    for form in forms(secret) {
        let chars: Vec<char> = form.chars().collect();
        for window in chars.windows(12) {
            let slice: String = window.iter().collect();
            assert!(
                !text.contains(&slice),
                "{what} holds {slice:?} of {form:?}:\n{text}"
            );
        }
    }
}

#[test]
fn a_bearer_token_echoed_in_every_form_leaves_no_slice() {
    let sandbox = Sandbox::new();
    // Answers with what it got, as a misbehaving gateway's error would.
    let server = MockServer::start(|req| {
        let got = req
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .unwrap_or_default()
            .to_owned();
        let lower: String = form_urlencoded::byte_serialize(got.as_bytes())
            .collect::<String>()
            .to_lowercase();
        let body = serde_json::json!({
            "error": "token not accepted",
            "token": got,
            "escaped": serde_json::to_string(&got).unwrap_or_default().replace('/', "\\/"),
            "query": lower,
            "b64": STANDARD.encode(&got),
            "b64url": URL_SAFE.encode(&got),
        });
        Reply::status(401, body.to_string().replace("\\\\/", "\\/"))
    });
    let out = sandbox
        .sendmsg(["-v", "--retries", "0", "webhook", "hi"])
        .env("WEBHOOK_URL", format!("{}/hook", server.url()))
        .env("WEBHOOK_HEADERS", format!("Authorization: Bearer {TOKEN}"))
        .run();
    out.code(1).one_error_line();
    assert_eq!(server.requests().len(), 1, "the echo was made");
    assert_no_slice(TOKEN, &out.stderr, "stderr");
    assert_no_slice(TOKEN, &out.stdout, "stdout");
    let history = common::read(&sandbox.state("history.jsonl"));
    assert!(history.contains("token not accepted"), "{history}");
    assert_no_slice(TOKEN, &history, "history");
}

/// An SMTP server that offers `mechanisms` and refuses every login, quoting the line it got.
fn echoing_smtp(mechanisms: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut out = stream;
            let _ = out.write_all(b"220 echo ESMTP\r\n");
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                let got = line.trim_end().to_owned();
                line.clear();
                let reply = if got.starts_with("EHLO") {
                    format!("250-echo\r\n250 AUTH {mechanisms}\r\n")
                } else if got == "AUTH LOGIN" {
                    "334 VXNlcm5hbWU6\r\n".to_owned()
                } else if got.starts_with("AUTH PLAIN") || got.ends_with('=') || got.len() > 20 {
                    format!("535 5.7.8 refused: {got}\r\n")
                } else if got == "QUIT" {
                    "221 bye\r\n".to_owned()
                } else {
                    // The user name of AUTH LOGIN.
                    "334 UGFzc3dvcmQ6\r\n".to_owned()
                };
                if out.write_all(reply.as_bytes()).is_err() {
                    break;
                }
            }
        }
    });
    port
}

#[test]
fn an_smtp_login_echoed_in_base64_leaves_no_slice() {
    for mechanisms in ["PLAIN LOGIN", "LOGIN"] {
        let sandbox = Sandbox::new();
        let port = echoing_smtp(mechanisms);
        let out = sandbox
            .sendmsg(["--retries", "0", "email", "--to", "ops@example.com", "hi"])
            .env("SMTP_HOST", "127.0.0.1")
            .env("SMTP_PORT", port.to_string())
            .env("SMTP_SECURITY", "none")
            .env("SMTP_USER", "bot")
            .env("SMTP_FROM", "bot@example.com")
            .env("SMTP_PASSWORD", PASSWORD)
            .run();
        out.code(1);
        assert!(out.stderr.contains("535"), "{}", out.stderr);
        assert_no_slice(PASSWORD, &out.stderr, mechanisms);
        // The PLAIN blob as a whole: only its user part may be left.
        let blob = STANDARD.encode(format!("\0bot\0{PASSWORD}"));
        assert!(!out.stderr.contains(&blob[8..20]), "{}", out.stderr);
    }
}
