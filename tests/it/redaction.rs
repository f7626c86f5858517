//! Redaction of every form a secret takes (contract, "Trust"), against servers that echo what they got:
//! an HTTP endpoint that quotes the bearer token without its scheme word, `\/`-escaped, `\u`-escaped,
//! percent-encoded in lower case, in Base64 at two alignments and cut to 12 characters, and the real SMTP
//! server quoting the `AUTH PLAIN` and `AUTH LOGIN` lines. Each error line is pinned whole, and no
//! 12-character slice of the secret, in any of those forms, is in stdout, stderr, the history or the
//! outbox.

use crate::common;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use common::Sandbox;
use common::mock::{MockServer, Reply};
use common::smtp::{Options, SmtpServer, USER};

/// A token with the characters every encoding changes.
const TOKEN: &str = "echo/T0ken+with=specials~91é";
/// A wrong SMTP password (the server's is another), so the server refuses it and quotes it.
const PASSWORD: &str = "smtp/Pa55+word=echo~77";

/// The forms of `secret` an echo below may hold.
fn forms(secret: &str) -> Vec<String> {
    let json = serde_json::to_string(secret).unwrap_or_default();
    let json = json[1..json.len() - 1].to_owned();
    let lower = lower_hex(&form_urlencoded::byte_serialize(secret.as_bytes()).collect::<String>());
    vec![
        secret.to_owned(),
        json.replace('/', "\\/"),
        lower,
        STANDARD.encode(secret),
        URL_SAFE.encode(secret),
        // Base64 of the secret after one other byte: only its own characters count.
        STANDARD.encode(format!("x{secret}"))[2..].to_owned(),
    ]
}

/// `text` with the hex digits of each `%XX` in lower case.
fn lower_hex(text: &str) -> String {
    let mut out = String::new();
    let mut hex = 0u8;
    for c in text.chars() {
        out.push(if hex > 0 { c.to_ascii_lowercase() } else { c });
        hex = if c == '%' { 2 } else { hex.saturating_sub(1) };
    }
    out
}

/// Asserts that no 12-character slice of any form of `secret` is in `text`.
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

/// Every file of the outbox, as one text.
fn outbox_files(sandbox: &Sandbox) -> String {
    let Ok(entries) = std::fs::read_dir(sandbox.state("outbox")) else {
        return String::new();
    };
    entries
        .flatten()
        .map(|e| common::read(&e.path()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An endpoint that wants `Authorization: Bearer TOKEN` and answers `status` with the token it got, in
/// every form a careless gateway's error might quote it.
fn echoing_gateway(status: u16) -> MockServer {
    MockServer::start(move |req| {
        let Some(got) = req
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
        else {
            return Reply::status(400, r#"{"error":"no bearer token"}"#);
        };
        let lower = lower_hex(&form_urlencoded::byte_serialize(got.as_bytes()).collect::<String>());
        let json = serde_json::to_string(got).unwrap_or_default();
        let ascii: String = json
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c.to_string()
                } else {
                    format!("\\u{:04x}", u32::from(c))
                }
            })
            .collect();
        let cut: String = got.chars().skip(5).take(12).collect();
        let body = format!(
            r#"{{"error":"bad token","raw":"{got}","slashes":{},"ascii":{ascii},"query":"{lower}","b64":"{}","b64url":"{}","b64x":"{}","cut":"{cut}"}}"#,
            json.replace('/', "\\/"),
            STANDARD.encode(got),
            URL_SAFE.encode(got),
            STANDARD.encode(format!("x{got}")),
        );
        Reply::status(status, body)
    })
}

#[test]
fn a_bearer_token_echoed_in_every_form_is_masked_in_the_error_and_the_history() {
    let sandbox = Sandbox::new();
    let server = echoing_gateway(401);
    let out = sandbox
        .sendmsg(["--retries", "0", "webhook", "hi"])
        .env("WEBHOOK_URL", format!("{}/hook", server.url()))
        .env("WEBHOOK_HEADERS", format!("Authorization: Bearer {TOKEN}"))
        .secret(TOKEN)
        .run();
    out.code(1);
    // `e` of b64x is made of the `x` before the token and two bits of it.
    assert_eq!(
        out.stderr,
        "sendmsg: error: webhook: rejected by the service (HTTP 401): {\"error\":\"bad token\",\"raw\":\"***\",\
         \"slashes\":\"***\",\"ascii\":\"***\",\"query\":\"***\",\"b64\":\"***\",\"b64url\":\"***\",\
         \"b64x\":\"e***\",\"cut\":\"***\"}\n"
    );
    assert_eq!(server.requests().len(), 1, "the echo was made");
    assert_no_slice(TOKEN, &out.stderr, "stderr");
    assert_no_slice(TOKEN, &out.stdout, "stdout");
    let history = common::read(&sandbox.state("history.jsonl"));
    assert!(history.contains(r#"\"raw\":\"***\""#), "{history}");
    assert_no_slice(TOKEN, &history, "history");
}

#[test]
fn a_transient_failure_s_echo_stays_out_of_the_outbox_entry() {
    let sandbox = Sandbox::new();
    let server = echoing_gateway(503);
    let out = sandbox
        .sendmsg(["--retries", "0", "--queue", "webhook", "hi"])
        .env("WEBHOOK_URL", format!("{}/hook", server.url()))
        .env("WEBHOOK_HEADERS", format!("Authorization: Bearer {TOKEN}"))
        .secret(TOKEN)
        .run();
    out.code(0);
    // The next try fails the same way; the entry keeps the reply as its last error.
    let flush = sandbox
        .sendmsg(["--retries", "0", "outbox", "flush", "--now"])
        .env("WEBHOOK_URL", format!("{}/hook", server.url()))
        .env("WEBHOOK_HEADERS", format!("Authorization: Bearer {TOKEN}"))
        .secret(TOKEN)
        .run();
    assert_eq!(server.requests().len(), 2, "{flush:?}");
    let outbox = outbox_files(&sandbox);
    assert!(
        outbox.contains(r#""last_error": "webhook: HTTP 503""#),
        "{outbox}"
    );
    assert_no_slice(TOKEN, &outbox, "the outbox");
    for text in [&out.stderr, &flush.stdout, &flush.stderr] {
        assert_no_slice(TOKEN, text, "the output");
    }
    assert_no_slice(
        TOKEN,
        &common::read(&sandbox.state("history.jsonl")),
        "history",
    );
}

const HINT: &str = "sendmsg: hint: login refused: QQ, 163 and Gmail want an app password (授权码, from the \
                    mailbox's settings → POP3/SMTP), not the account password\n";

/// `sendmsg email` with the wrong PASSWORD against a server that quotes the AUTH line it got.
fn refused_login(login_only: bool) -> (Sandbox, common::Output) {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options {
        echo_auth: true,
        login_only,
        ..Options::mode("starttls")
    });
    let out = sandbox
        .sendmsg(["--retries", "0", "email", "--to", "ops@example.com", "hi"])
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_PORT", server.port.to_string())
        .env("SMTP_SECURITY", "starttls")
        .env("SMTP_CA_FILE", server.certs.ca())
        .env("SMTP_USER", USER)
        .env("SMTP_PASSWORD", PASSWORD)
        .secret(PASSWORD)
        .run();
    assert_eq!(server.auths().len(), 1, "the login was tried once");
    assert!(server.messages().is_empty());
    (sandbox, out)
}

#[test]
fn an_smtp_auth_plain_line_echoed_keeps_its_user_part_only() {
    let (sandbox, out) = refused_login(false);
    out.code(1);
    // The blob is Base64 of NUL, the user, NUL, the password: what is left is the user's part.
    let blob = STANDARD.encode(format!("\0{USER}\0{PASSWORD}"));
    assert_eq!(
        out.stderr,
        format!(
            "sendmsg: error: email: rejected by the service (SMTP 535): 5.7.8 Authentication \
             credentials invalid (AUTH PLAIN {}***) (check SMTP_USER and SMTP_PASSWORD)\n{HINT}",
            &blob[..23]
        )
    );
    assert_no_slice(PASSWORD, &out.stderr, "stderr");
    let history = common::read(&sandbox.state("history.jsonl"));
    assert!(history.contains("AUTH PLAIN"), "{history}");
    assert_no_slice(PASSWORD, &history, "history");
}

#[test]
fn an_smtp_auth_login_line_echoed_is_masked() {
    let (sandbox, out) = refused_login(true);
    out.code(1);
    assert_eq!(
        out.stderr,
        format!(
            "sendmsg: error: email: rejected by the service (SMTP 535): 5.7.8 Authentication \
             credentials invalid (AUTH LOGIN ***) (check SMTP_USER and SMTP_PASSWORD)\n{HINT}"
        )
    );
    assert_no_slice(
        PASSWORD,
        &common::read(&sandbox.state("history.jsonl")),
        "history",
    );
}

/// Writes the default `config.toml`, mode 0600.
fn config(sandbox: &Sandbox, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = sandbox.path("config").join("sendmsg").join("config.toml");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("config dir");
    std::fs::write(&path, text).expect("config");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
}

/// The `-v` line of the request, without its time (` (2 ms)`).
fn request_line(stderr: &str) -> String {
    let line = stderr
        .lines()
        .find(|l| l.contains(": POST "))
        .unwrap_or_else(|| panic!("no request line:\n{stderr}"));
    line.rsplit_once(" (")
        .map_or(line, |(head, _)| head)
        .to_owned()
}

#[test]
fn a_target_s_base_url_shows_in_dry_run_and_verbose_with_only_the_token_masked() {
    let sandbox = Sandbox::new();
    let robot = MockServer::start(|req| common::ding::check(req, common::ding::TOKEN, None));
    config(
        &sandbox,
        &format!(
            "[targets.ops]\nchannel = \"ding\"\naccess_token = \"{}\"\nbase_url = \"{}\"\n",
            common::ding::TOKEN,
            robot.url()
        ),
    );
    let out = sandbox
        .sendmsg(["--dry-run", "ding", "--target", "ops", "hi"])
        .secret(common::ding::TOKEN)
        .run();
    out.code(0);
    assert_eq!(
        out.stdout,
        format!(
            "{{\"channel\":\"ding\",\"target\":\"ops\",\"method\":\"POST\",\"url\":\"{}/robot/send?access_token=***\",\
             \"headers\":{{\"content-type\":\"application/json\"}},\"body\":{{\"msgtype\":\"text\",\"text\":{{\"content\":\"hi\"}}}}}}\n",
            robot.url()
        )
    );
    let out = sandbox
        .sendmsg(["-v", "ding", "--target", "ops", "hi"])
        .secret(common::ding::TOKEN)
        .run();
    out.code(0);
    assert_eq!(
        request_line(&out.stderr),
        format!(
            "sendmsg: ding: POST {}/robot/send?access_token=*** -> HTTP 200",
            robot.url()
        )
    );
    assert_eq!(robot.requests().len(), 1);
}

#[test]
fn a_feishu_hook_pasted_whole_shows_its_host_and_path_with_only_the_token_masked() {
    let sandbox = Sandbox::new();
    let bot = MockServer::start(|req| common::feishu::check(req, common::feishu::TOKEN, None));
    let hook = format!(
        "{}/open-apis/bot/v2/hook/{}",
        bot.url(),
        common::feishu::TOKEN
    );
    let out = sandbox
        .sendmsg(["--dry-run", "feishu", "hi"])
        .env("FEISHU_WEBHOOK", &hook)
        .secret(common::feishu::TOKEN)
        .run();
    out.code(0);
    assert_eq!(
        out.stdout,
        format!(
            "{{\"channel\":\"feishu\",\"method\":\"POST\",\"url\":\"{}/open-apis/bot/v2/hook/***\",\
             \"headers\":{{\"content-type\":\"application/json\"}},\"body\":{{\"msg_type\":\"text\",\"content\":{{\"text\":\"hi\"}}}}}}\n",
            bot.url()
        )
    );
    let out = sandbox
        .sendmsg(["-v", "feishu", "hi"])
        .env("FEISHU_WEBHOOK", &hook)
        .secret(common::feishu::TOKEN)
        .run();
    out.code(0);
    assert_eq!(
        request_line(&out.stderr),
        format!(
            "sendmsg: feishu: POST {}/open-apis/bot/v2/hook/*** -> HTTP 200",
            bot.url()
        )
    );
    assert_eq!(bot.requests().len(), 1);
}
