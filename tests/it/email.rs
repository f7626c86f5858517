//! `sendmsg email` end to end against a real SMTP server (aiosmtpd) on 127.0.0.1: what it received is parsed
//! as MIME and checked header by header.

use crate::common;

use common::Sandbox;
use common::smtp::{Cert, Options, PASSWORD, SmtpServer, USER};
use mail_parser::MimeHeaders;
use std::time::{Duration, Instant};

/// `sendmsg email ARGS` configured for `server`, trusting its CA, logging in as USER.
fn email_cmd(sandbox: &Sandbox, server: &SmtpServer, security: &str, args: &[&str]) -> common::Run {
    let mut all = vec!["email"];
    all.extend_from_slice(args);
    smtp_env(sandbox.sendmsg(all), server, security)
}

/// `run` with the SMTP settings of `server` (an `outbox flush` sends e-mail with them too).
fn smtp_env(run: common::Run, server: &SmtpServer, security: &str) -> common::Run {
    run.env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_PORT", server.port.to_string())
        .env("SMTP_SECURITY", security)
        .env("SMTP_USER", USER)
        .env("SMTP_PASSWORD", PASSWORD)
        .env("SMTP_CA_FILE", server.certs.ca())
}

/// A body part as the user wrote it: SMTP carries lines ending in CRLF, and the end of the data adds one.
fn text(part: Option<std::borrow::Cow<'_, str>>) -> String {
    let text = part.expect("body part").replace("\r\n", "\n");
    text.trim_end_matches('\n').to_owned()
}

/// Sends "hi" to one recipient through a server started with `options`, with its own security mode.
fn send_hi(options: Options) -> (SmtpServer, common::Output) {
    let sandbox = Sandbox::new();
    let mode = options.mode;
    let server = SmtpServer::with(options);
    let out = email_cmd(&sandbox, &server, mode, &["--to", "ops@example.com", "hi"]).run();
    (server, out)
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

#[test]
fn starttls_delivers_one_message_to_every_recipient_with_attachments() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    let report = sandbox.write("报告 2024.txt", "磁盘使用率 97%\n");
    let binary: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let blob = sandbox.work().join("dump.bin");
    std::fs::write(&blob, &binary).expect("write blob");
    let out = email_cmd(
        &sandbox,
        &server,
        "starttls",
        &[
            "--to",
            "Ops <ops@example.com>",
            "--to",
            "dev@example.com",
            "--cc",
            "张三 <zs@example.com>",
            "--bcc",
            "hidden@example.com",
            "--subject",
            "磁盘告警: disk full on web-1",
            "--attach",
            report.to_str().expect("path"),
            "--attach",
            blob.to_str().expect("path"),
            "--",
            "/data is at 97%\nsecond line",
        ],
    )
    .run();
    out.code(0)
        .stderr_has("email: sent to 4 recipients (250 2.0.0 Ok: queued as TEST42)");
    assert_eq!(server.connections(), 1, "one session for all recipients");

    let auths = server.auths();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0]["login"], USER);
    assert_eq!(auths[0]["tls"], true, "credentials only inside TLS");

    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let received = &messages[0];
    assert!(received.tls && received.authenticated);
    assert_eq!(received.mail_from, USER);
    assert_eq!(
        received.rcpt_tos,
        [
            "ops@example.com",
            "dev@example.com",
            "zs@example.com",
            "hidden@example.com"
        ]
    );
    let raw = received.raw();
    assert!(!raw.contains("hidden@example.com"), "bcc leaked:\n{raw}");
    assert!(
        raw.is_ascii(),
        "headers and body are encoded for 7-bit transport"
    );

    assert_headers_and_parts(&received.parsed(), &binary);
}

/// The MIME of the message `starttls_delivers_one_message…` sent: headers, text and both attachments.
fn assert_headers_and_parts(mail: &mail_parser::Message<'_>, binary: &[u8]) {
    assert_eq!(mail.subject(), Some("磁盘告警: disk full on web-1"));
    let from = mail.from().and_then(|a| a.first()).expect("From");
    assert_eq!(from.address(), Some(USER));
    let to: Vec<_> = mail
        .to()
        .expect("To")
        .iter()
        .map(|a| (a.name(), a.address()))
        .collect();
    assert_eq!(
        to,
        [
            (Some("Ops"), Some("ops@example.com")),
            (None, Some("dev@example.com"))
        ]
    );
    let cc = mail.cc().and_then(|a| a.first()).expect("Cc");
    assert_eq!(
        (cc.name(), cc.address()),
        (Some("张三"), Some("zs@example.com"))
    );
    assert!(mail.bcc().is_none());
    assert!(mail.message_id().is_some() && mail.date().is_some());
    assert_eq!(text(mail.body_text(0)), "/data is at 97%\nsecond line");

    let files: Vec<_> = mail.attachments().collect();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].attachment_name(), Some("报告 2024.txt"));
    assert_eq!(files[0].contents(), "磁盘使用率 97%\n".as_bytes());
    assert!(files[0].is_content_type("text", "plain"));
    assert_eq!(
        files[0].content_type().and_then(|t| t.attribute("charset")),
        Some("utf-8"),
        "a UTF-8 text file says so"
    );
    assert_eq!(files[1].attachment_name(), Some("dump.bin"));
    assert_eq!(files[1].contents(), binary);
    assert!(files[1].is_content_type("application", "octet-stream"));
}

#[test]
fn implicit_tls_on_port_465_style_servers_with_auth_login() {
    let (server, out) = send_hi(Options {
        login_only: true,
        ..Options::mode("tls")
    });
    out.code(0);
    let auths = server.auths();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0]["mechanism"], "LOGIN");
    assert_eq!(auths[0]["ok"], true);
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].tls);
}

#[test]
fn html_bodies_are_text_html_and_the_subject_is_their_first_line_of_text() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("tls");
    let body = "<h1>部署完成 &amp; deployed</h1>\n<p>version <b>1.2.3</b></p>";
    email_cmd(
        &sandbox,
        &server,
        "tls",
        &["--to", "ops@example.com", "--html", body],
    )
    .run()
    .code(0);
    let messages = server.messages();
    let mail = messages[0].parsed();
    assert_eq!(mail.subject(), Some("部署完成 & deployed"));
    assert!(mail.root_part().is_content_type("text", "html"));
    assert_eq!(text(mail.body_html(0)), body);
}

#[test]
fn the_default_subject_is_the_first_line_cut_to_78_characters() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    let first = "告".repeat(100);
    let body = format!("\n{first}\nrest");
    email_cmd(&sandbox, &server, "starttls", &["--to", "ops@example.com"])
        .stdin(body.clone())
        .run()
        .code(0);
    let messages = server.messages();
    let mail = messages[0].parsed();
    assert_eq!(mail.subject(), Some("告".repeat(78).as_str()));
    assert_eq!(text(mail.body_text(0)), body);
}

#[test]
fn recipients_and_sender_come_from_the_environment() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    email_cmd(&sandbox, &server, "starttls", &["--json", "hello"])
        .env("EMAIL_TO", "a@example.com, \"Smith, J\" <j@example.com>")
        .env("SMTP_FROM", "备份机器人 <backup@example.com>")
        .run()
        .code(0)
        .stdout_has(r#"{"code":250,"message":"2.0.0 Ok: queued as TEST42"}"#);
    let messages = server.messages();
    assert_eq!(messages[0].mail_from, "backup@example.com");
    assert_eq!(messages[0].rcpt_tos, ["a@example.com", "j@example.com"]);
    let mail = messages[0].parsed();
    let from = mail.from().and_then(|a| a.first()).expect("From");
    assert_eq!(from.name(), Some("备份机器人"));
    let to: Vec<_> = mail.to().expect("To").iter().map(|a| a.name()).collect();
    assert_eq!(to, [None, Some("Smith, J")]);
}

#[test]
fn a_wrong_password_is_exit_1_with_the_server_reply_and_is_not_retried() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    let wrong = "wrong-password-Zk81";
    let out = email_cmd(
        &sandbox,
        &server,
        "starttls",
        &["-v", "--to", "ops@example.com", "hi"],
    )
    .env("SMTP_PASSWORD", wrong)
    .secret(wrong)
    .run();
    out.code(1).one_error_line().stderr_has(
        "email: rejected by the service (SMTP 535): 5.7.8 Authentication credentials invalid",
    );
    assert_eq!(server.connections(), 1);
    assert_eq!(server.auths()[0]["ok"], false);
    assert!(server.messages().is_empty());
}

#[test]
fn a_server_that_is_down_is_exit_4_after_the_retries() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .sendmsg(["email", "--to", "ops@example.com", "hi"])
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_PORT", closed_port().to_string())
        .env("SMTP_USER", USER)
        .env("SMTP_PASSWORD", PASSWORD)
        .run();
    out.code(4)
        .one_error_line()
        .stderr_has("gave up after 3 attempts");
}

#[test]
fn a_4xx_after_the_data_is_exit_4_at_once_with_the_advice_to_queue() {
    let (server, out) = send_hi(Options {
        tempfail_data: 1,
        ..Options::mode("starttls")
    });
    out.code(4)
        .one_error_line()
        .stderr_has("answered 451 4.3.0 Temporary local problem")
        .stderr_has("--queue");
    assert_eq!(server.connections(), 1, "a 4xx is not retried sub-second");
    assert!(server.messages().is_empty());
}

#[test]
fn greylisting_450_is_exit_4_not_retried_and_says_to_queue() {
    let started = Instant::now();
    let (server, out) = send_hi(Options {
        greylist: true,
        ..Options::mode("starttls")
    });
    out.code(4)
        .one_error_line()
        .stderr_has("answered 450 4.2.0 <ops@example.com>: Recipient address rejected: Greylisted")
        .stderr_has("use --queue so `sendmsg outbox flush` does");
    assert_eq!(server.connections(), 1);
    assert_eq!(server.data_commands(), 0);
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// The greylisting refusal, as the server words it.
const GREYLISTED: &str =
    "450 4.2.0 <ops@example.com>: Recipient address rejected: Greylisted, try again later";

#[test]
fn a_4xx_advises_queue_only_where_it_helps_never_in_a_queued_entry_or_its_flush() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options {
        greylist: true,
        ..Options::mode("starttls")
    });
    let address = format!("127.0.0.1:{}", server.port);
    let waiting = "(a 4xx is not retried at once: greylisting and busy servers want minutes)";
    // A send that could have queued: the whole line, advice included.
    email_cmd(&sandbox, &server, "starttls", &["--to", "ops@example.com", "hi"])
        .run()
        .code(4)
        .stderr_is(&format!(
            "sendmsg: error: email: {address} answered {GREYLISTED}: try again in a few minutes, or use --queue so `sendmsg outbox flush` does {waiting}\n"
        ));
    // Under --queue the message is kept: its recorded error and the flush's say nothing of --queue.
    let queued = email_cmd(
        &sandbox,
        &server,
        "starttls",
        &["--queue", "--to", "ops@example.com", "hi"],
    )
    .run();
    queued.code(0);
    let id = queued
        .stderr
        .strip_prefix("sendmsg: email: queued (id ")
        .and_then(|rest| rest.get(..8))
        .expect("queued id")
        .to_owned();
    let refused = format!("email: {address} answered {GREYLISTED}: refused for now {waiting}");
    let history = common::read(&sandbox.state("history.jsonl"));
    let recorded: Vec<serde_json::Value> = history
        .lines()
        .map(|l| serde_json::from_str(l).expect("history line"))
        .collect();
    assert_eq!(recorded.last().expect("queued record")["status"], "queued");
    assert_eq!(
        recorded.last().expect("queued record")["error"],
        refused.as_str()
    );
    let outbox = |args: &[&str]| smtp_env(sandbox.sendmsg(args), &server, "starttls").run();
    let flush = outbox(&["outbox", "flush", "--now"]);
    flush.code(4).stderr_is(&format!(
        "sendmsg: outbox {id}: {refused}; next try in 2m\n\
         sendmsg: outbox flush: 0 sent, 1 kept for a later try\n"
    ));
    let listed = outbox(&["outbox", "--json"]);
    let entry: serde_json::Value = serde_json::from_str(listed.stdout.trim()).expect("entry");
    assert_eq!(entry["last_error"], refused.as_str());
    assert_eq!(entry["attempts"], 2);
    assert!(server.messages().is_empty());
}

#[test]
fn a_rejected_recipient_stops_before_the_message_is_sent() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options {
        reject_rcpt: vec!["nobody@example.com".into()],
        ..Options::mode("starttls")
    });
    let out = email_cmd(
        &sandbox,
        &server,
        "starttls",
        &[
            "--to",
            "ops@example.com",
            "--to",
            "nobody@example.com",
            "hi",
        ],
    )
    .run();
    out.code(1)
        .one_error_line()
        .stderr_has(
            "(SMTP 550): 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown",
        )
        .stderr_has("nothing was sent to anyone");
    assert_eq!(server.connections(), 1);
    assert_eq!(server.data_commands(), 0);
    assert!(server.messages().is_empty(), "nothing half-sent");
}

#[test]
fn a_failure_after_the_server_accepted_the_message_is_a_warning_never_a_resend() {
    let (server, out) = send_hi(Options {
        drop_on_quit: true,
        ..Options::mode("starttls")
    });
    out.code(0)
        .stderr_has(
            "warning: email: the server accepted the message (250 2.0.0 Ok: queued as TEST42)",
        )
        .stderr_has("it was not resent");
    assert_eq!(server.connections(), 1);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn silence_after_the_message_was_sent_is_exit_4_and_never_a_resend() {
    let (server, out) = send_hi(Options {
        hang_up_after_data: true,
        ..Options::mode("tls")
    });
    out.code(4)
        .one_error_line()
        .stderr_has("after the message was sent")
        .stderr_has("it may have been delivered and was not resent");
    assert_eq!(server.connections(), 1);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn starttls_mode_refuses_a_server_that_does_not_offer_it_and_sends_no_credentials() {
    let sandbox = Sandbox::new();
    // This server offers AUTH in clear and no STARTTLS.
    let server = SmtpServer::start("none");
    let out = email_cmd(
        &sandbox,
        &server,
        "starttls",
        &["--to", "ops@example.com", "hi"],
    )
    .run();
    out.code(3)
        .one_error_line()
        .stderr_has("does not offer STARTTLS, so nothing was sent");
    assert!(server.auths().is_empty(), "no credentials were sent");
    assert!(server.messages().is_empty());
    assert_eq!(server.connections(), 1, "not retried");
}

#[test]
fn an_untrusted_certificate_is_a_clear_configuration_error() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("tls");
    let mut cmd = email_cmd(&sandbox, &server, "tls", &["--to", "ops@example.com", "hi"]);
    cmd.cmd.env_remove("SMTP_CA_FILE");
    let out = cmd.run();
    out.code(3)
        .one_error_line()
        .stderr_has("email: TLS with 127.0.0.1:")
        .stderr_has("signed by a CA this machine does not trust")
        .stderr_has("SMTP_CA_FILE")
        .stderr_has("it presented sha256:");
    assert!(server.auths().is_empty());
    assert!(server.messages().is_empty());
}

#[test]
fn a_plain_relay_needs_no_login() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("none");
    let mut cmd = email_cmd(
        &sandbox,
        &server,
        "none",
        &["--to", "ops@example.com", "hi"],
    )
    .env("SMTP_FROM", "cron@example.com");
    cmd.cmd.env_remove("SMTP_USER");
    cmd.cmd.env_remove("SMTP_PASSWORD");
    cmd.run().code(0);
    let messages = server.messages();
    assert_eq!(messages[0].mail_from, "cron@example.com");
    assert!(!messages[0].tls && !messages[0].authenticated);
    assert!(server.auths().is_empty());
}

#[test]
fn bad_input_is_found_before_connecting() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    let cases: [(&[&str], &str); 3] = [
        (
            &["--to", "ops@example.com", "--attach", "missing.log", "hi"],
            "cannot read --attach missing.log",
        ),
        (
            &["--to", "not-an-address", "hi"],
            "--to `not-an-address` is not an e-mail address",
        ),
        (
            &[
                "--to",
                "a@example.com",
                "--cc",
                "x@example.com y@example.com",
                "hi",
            ],
            "--cc `x@example.com y@example.com` is not an e-mail address",
        ),
    ];
    for (args, message) in cases {
        email_cmd(&sandbox, &server, "starttls", args)
            .run()
            .code(2)
            .one_error_line()
            .stderr_has(message);
    }
    // No recipient at all is a missing setting, as in every channel.
    email_cmd(&sandbox, &server, "starttls", &["hi"])
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("no recipient: give --to ADDR or set EMAIL_TO");
    assert_eq!(server.connections(), 0);
}

#[test]
fn missing_settings_name_their_variable() {
    let sandbox = Sandbox::new();
    sandbox
        .sendmsg(["email", "--to", "ops@example.com", "hi"])
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("email: SMTP_HOST is not set");
    sandbox
        .sendmsg(["email", "--to", "ops@example.com", "hi"])
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_USER", USER)
        .run()
        .code(3)
        .stderr_has("email: SMTP_PASSWORD is not set");
    sandbox
        .sendmsg(["email", "--to", "ops@example.com", "hi"])
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_USER", "just-a-login")
        .env("SMTP_PASSWORD", PASSWORD)
        .run()
        .code(3)
        .stderr_has("SMTP_USER `just-a-login` is not an e-mail address");
    let not_pem = sandbox.write("ca.pem", "not a certificate");
    sandbox
        .sendmsg(["email", "--to", "ops@example.com", "hi"])
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_FROM", USER)
        .env("SMTP_CA_FILE", not_pem)
        .run()
        .code(3)
        .stderr_has("SMTP_CA_FILE is not a PEM certificate");
}

#[test]
fn dry_run_prints_the_contract_line_and_connects_to_nothing() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    let file = sandbox.write("a.csv", "x,y\n");
    let out = email_cmd(
        &sandbox,
        &server,
        "starttls",
        &[
            "--dry-run",
            "--to",
            "Ops <ops@example.com>",
            "--bcc",
            "b@example.com",
            "--attach",
            file.to_str().expect("path"),
            "disk full",
        ],
    )
    .run();
    out.code(0);
    let expected = format!(
        r#"{{"channel":"email","server":"127.0.0.1:{}","security":"starttls","from":"{USER}","to":["Ops <ops@example.com>"],"cc":[],"bcc":["b@example.com"],"subject":"disk full","body":"disk full","html":false,"attachments":[{{"filename":"a.csv","bytes":4}}]}}"#,
        server.port
    );
    assert_eq!(out.stdout.trim_end(), expected);
    assert_eq!(server.connections(), 0);
}

#[test]
fn the_port_picks_the_security_and_the_security_picks_the_port() {
    let sandbox = Sandbox::new();
    let line = |envs: &[(&str, &str)]| {
        let mut run = sandbox
            .sendmsg(["--dry-run", "email", "--to", "a@example.com", "hi"])
            .env("SMTP_HOST", "smtp.example.com")
            .env("SMTP_FROM", "bot@example.com");
        for (k, v) in envs {
            run = run.env(k, v);
        }
        let out = run.run();
        out.code(0);
        out.stdout
    };
    assert!(
        line(&[("SMTP_PORT", "465")])
            .contains(r#""server":"smtp.example.com:465","security":"tls""#)
    );
    assert!(line(&[]).contains(r#""server":"smtp.example.com:587","security":"starttls""#));
    assert!(line(&[("SMTP_SECURITY", "tls")]).contains(r#":465","security":"tls""#));
    assert!(line(&[("SMTP_SECURITY", "none")]).contains(r#":25","security":"none""#));
}

/// `sendmsg email` for `server` with only the given trust settings (no SMTP_CA_FILE unless given).
fn trusting(
    sandbox: &Sandbox,
    server: &SmtpServer,
    security: &str,
    env: &[(&str, String)],
) -> common::Output {
    let mut cmd = email_cmd(
        sandbox,
        server,
        security,
        &["--to", "ops@example.com", "hi"],
    );
    cmd.cmd.env_remove("SMTP_CA_FILE");
    for (key, value) in env {
        cmd = cmd.env(key, value);
    }
    cmd.run()
}

#[test]
fn reply_to_headers_envelope_sender_and_ehlo_name_reach_the_server() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    email_cmd(
        &sandbox,
        &server,
        "starttls",
        &[
            "--to",
            "ops@example.com",
            "--header",
            "X-Priority: 1",
            "--header",
            "X-Ticket: 工单 42",
            "--ehlo",
            "host.example.com",
            "hi",
        ],
    )
    .env("EMAIL_REPLY_TO", "Ops desk <desk@example.com>")
    .env("SMTP_ENVELOPE_FROM", "bounces@example.com")
    .run()
    .code(0);
    assert_eq!(
        server.ehlo_names(),
        ["host.example.com", "host.example.com"],
        "before and after STARTTLS"
    );
    let messages = server.messages();
    assert_eq!(messages[0].mail_from, "bounces@example.com");
    let mail = messages[0].parsed();
    let from = mail.from().and_then(|a| a.first()).expect("From");
    assert_eq!(
        from.address(),
        Some(USER),
        "From is not the envelope sender"
    );
    let reply_to = mail.reply_to().and_then(|a| a.first()).expect("Reply-To");
    assert_eq!(
        (reply_to.name(), reply_to.address()),
        (Some("Ops desk"), Some("desk@example.com"))
    );
    assert_eq!(mail.header_raw("X-Priority").map(str::trim), Some("1"));
    // RFC 2047, which mail readers show as 工单 42.
    assert_eq!(
        mail.header_raw("X-Ticket").map(str::trim),
        Some("=?utf-8?b?5bel5Y2V?= 42")
    );
    let id = mail.message_id().expect("Message-ID");
    assert!(id.ends_with("@example.com"), "in the sender's domain: {id}");
}

#[test]
fn the_default_ehlo_name_is_this_hosts_name_and_a_strict_server_can_refuse_it() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options {
        reject_non_fqdn_helo: true,
        ..Options::mode("starttls")
    });
    let bare = email_cmd(
        &sandbox,
        &server,
        "starttls",
        &["--to", "ops@example.com", "--ehlo", "web1", "hi"],
    )
    .run();
    bare.code(1)
        .stderr_has(
            "(SMTP 504): 5.5.2 <web1>: Helo command rejected: need fully-qualified hostname",
        )
        .stderr_has("hint:")
        .stderr_has("SMTP_HELO_NAME");
    assert!(server.messages().is_empty());
    email_cmd(
        &sandbox,
        &server,
        "starttls",
        &["--to", "ops@example.com", "hi"],
    )
    .env("SMTP_HELO_NAME", "web1.example.com")
    .run()
    .code(0);
    assert_eq!(server.messages().len(), 1);

    let plain = SmtpServer::start("starttls");
    email_cmd(
        &sandbox,
        &plain,
        "starttls",
        &["--to", "ops@example.com", "hi"],
    )
    .run()
    .code(0);
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    if !host.trim().is_empty() {
        assert_eq!(plain.ehlo_names()[0], host.trim());
    }
}

#[test]
fn bad_headers_sender_and_ehlo_names_are_bad_input_before_connecting() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    let cases: [(&[&str], &str); 6] = [
        (
            &["--header", "X-A: b\r\nBcc: spy@example.com"],
            "may not hold CR or LF",
        ),
        (
            &["--header", "Bcc: spy@example.com"],
            "Bcc is set by sendmsg itself; use --bcc",
        ),
        (
            &["--header", "message-id: <1@x>"],
            "Message-ID is set by sendmsg itself",
        ),
        (
            &["--header", "X-A: 1", "--header", "x-a: 2"],
            "--header x-a is given twice",
        ),
        (
            &["--sender", "not an address"],
            "email: --sender `not an address` is not an e-mail address",
        ),
        (&["--ehlo", "web1\r\nRSET"], "email: --ehlo `web1"),
    ];
    for (extra, message) in cases {
        let mut args = vec!["--to", "ops@example.com"];
        args.extend_from_slice(extra);
        args.push("hi");
        email_cmd(&sandbox, &server, "starttls", &args)
            .run()
            .code(2)
            .one_error_line()
            .stderr_has(message);
    }
    assert_eq!(server.connections(), 0);
}

#[test]
fn a_mail_may_be_only_attachments() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    let file = sandbox.write("report.csv", "a,b\n1,2\n");
    email_cmd(
        &sandbox,
        &server,
        "starttls",
        &[
            "--to",
            "ops@example.com",
            "--subject",
            "report",
            "--attach",
            file.to_str().expect("path"),
        ],
    )
    .run()
    .code(0);
    let messages = server.messages();
    let mail = messages[0].parsed();
    let files: Vec<_> = mail.attachments().collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].contents(), b"a,b\n1,2\n");
    // Without attachments an empty message is still refused.
    email_cmd(&sandbox, &server, "starttls", &["--to", "ops@example.com"])
        .stdin("")
        .run()
        .code(2)
        .stderr_has("the message is empty");
}

#[test]
fn a_message_over_the_servers_size_is_exit_2_and_nothing_is_uploaded() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options {
        size_limit: 4000,
        ..Options::mode("starttls")
    });
    let blob = sandbox.work().join("big.bin");
    std::fs::write(&blob, vec![7u8; 6000]).expect("write");
    let out = email_cmd(
        &sandbox,
        &server,
        "starttls",
        &[
            "--to",
            "ops@example.com",
            "--attach",
            blob.to_str().expect("path"),
            "hi",
        ],
    )
    .run();
    out.code(2)
        .one_error_line()
        .stderr_has("takes at most 4000 (its SIZE); nothing was uploaded");
    assert!(out.stderr.contains("the message is 8"), "{}", out.stderr);
    assert_eq!(server.data_commands(), 0);
    assert_eq!(server.connections(), 1, "not retried");
    // Under the limit, the size is declared and the message goes.
    let small = sandbox.write("small.txt", "fits");
    email_cmd(
        &sandbox,
        &server,
        "starttls",
        &[
            "--to",
            "ops@example.com",
            "--attach",
            small.to_str().expect("path"),
            "hi",
        ],
    )
    .run()
    .code(0);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn the_system_roots_are_the_ones_https_trusts() {
    // The same one source as HTTPS (`SSL_CERT_FILE` first): the server's CA there is trusted without
    // SMTP_CA_FILE, and a file without certificates is a setting to fix, named.
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("tls");
    let ca = server.certs.ca().to_string_lossy().into_owned();
    trusting(&sandbox, &server, "tls", &[("SSL_CERT_FILE", ca)]).code(0);
    assert_eq!(server.messages().len(), 1);
    let missing = sandbox.path("missing.pem").to_string_lossy().into_owned();
    trusting(&sandbox, &server, "tls", &[("SSL_CERT_FILE", missing)])
        .code(3)
        .one_error_line()
        .stderr_has("email: no CA certificate could be loaded from SSL_CERT_FILE");
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn a_self_signed_ca_certificate_is_accepted_as_the_ca_file_or_by_fingerprint() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options {
        cert: Cert::SelfSigned,
        ..Options::mode("tls")
    });
    let cert = server.certs.cert().to_string_lossy().into_owned();
    trusting(&sandbox, &server, "tls", &[("SMTP_CA_FILE", cert)]).code(0);
    trusting(
        &sandbox,
        &server,
        "tls",
        &[("SMTP_TLS_FINGERPRINT", server.certs.fingerprint())],
    )
    .code(0);
    assert_eq!(server.messages().len(), 2);
    // Without either, it is refused, and the hint names both ways.
    trusting(&sandbox, &server, "tls", &[])
        .code(3)
        .stderr_has("SMTP_CA_FILE")
        .stderr_has("SMTP_TLS_FINGERPRINT");
    // Another CA file does not make it trusted.
    let other = SmtpServer::start("tls");
    let other_ca = other.certs.ca().to_string_lossy().into_owned();
    trusting(&sandbox, &server, "tls", &[("SMTP_CA_FILE", other_ca)])
        .code(3)
        .stderr_has("neither the system nor SMTP_CA_FILE");
    assert_eq!(server.messages().len(), 2);
}

#[test]
fn a_wrong_fingerprint_is_refused_before_any_credential_is_sent() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    let wrong = format!("sha256:{}", "ab".repeat(32));
    trusting(
        &sandbox,
        &server,
        "starttls",
        &[("SMTP_TLS_FINGERPRINT", wrong)],
    )
    .code(3)
    .one_error_line()
    .stderr_has("not the one SMTP_TLS_FINGERPRINT pins");
    assert!(server.auths().is_empty());
    assert_eq!(server.connections(), 1, "not retried");
    // The right pin is accepted even though the CA is unknown.
    trusting(
        &sandbox,
        &server,
        "starttls",
        &[("SMTP_TLS_FINGERPRINT", server.certs.fingerprint())],
    )
    .code(0);
    // A malformed one is a configuration error found before connecting.
    trusting(
        &sandbox,
        &server,
        "starttls",
        &[("SMTP_TLS_FINGERPRINT", "ab:cd".into())],
    )
    .code(3)
    .stderr_has("is not sha256:HEX");
    assert_eq!(server.connections(), 2);
}

#[test]
fn a_name_mismatch_lists_the_names_the_certificate_has() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options {
        cert: Cert::SignedFor(&["mail.example.net", "smtp.example.net"]),
        ..Options::mode("tls")
    });
    email_cmd(&sandbox, &server, "tls", &["--to", "ops@example.com", "hi"])
        .run()
        .code(3)
        .one_error_line()
        .stderr_has(
            "not valid for 127.0.0.1 but for mail.example.net, smtp.example.net: set SMTP_HOST",
        );
    assert!(server.auths().is_empty());
}

#[test]
fn plain_smtp_on_a_tls_setting_and_tls_on_a_starttls_setting_are_named() {
    let sandbox = Sandbox::new();
    let plain = SmtpServer::start("none");
    email_cmd(&sandbox, &plain, "tls", &["--to", "ops@example.com", "hi"])
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("did not answer in TLS")
        .stderr_has("SMTP_SECURITY=starttls");
    let tls_only = SmtpServer::start("tls");
    let started = Instant::now();
    email_cmd(
        &sandbox,
        &tls_only,
        "starttls",
        &["--timeout", "2", "--to", "ops@example.com", "hi"],
    )
    .run()
    .code(4)
    .one_error_line()
    .stderr_has("sent no greeting: timed out after 2s")
    .stderr_has("SMTP_SECURITY=tls");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "within the timeout, not retried: {:?}",
        started.elapsed()
    );
}

#[test]
fn a_server_speaking_only_old_tls_is_told_apart() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options {
        old_tls: true,
        ..Options::mode("tls")
    });
    // This one hangs up without an alert, which is retried like any failure to complete TLS.
    email_cmd(
        &sandbox,
        &server,
        "tls",
        &["--retries", "0", "--to", "ops@example.com", "hi"],
    )
    .run()
    .code(4)
    .one_error_line()
    .stderr_has("closed the connection during the TLS handshake")
    .stderr_has("(TLS 1.2 or 1.3)");
}

#[test]
fn the_timeout_bounds_the_whole_session_against_a_dribbling_server() {
    let sandbox = Sandbox::new();
    let port = common::smtp::dribbling_server();
    let started = Instant::now();
    sandbox
        .sendmsg([
            "--timeout",
            "2",
            "--retries",
            "0",
            "email",
            "--to",
            "ops@example.com",
            "hi",
        ])
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_PORT", port.to_string())
        .env("SMTP_SECURITY", "none")
        .env("SMTP_FROM", USER)
        .run()
        .code(4)
        .one_error_line()
        .stderr_has("timed out after 2s");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(1900) && took < Duration::from_secs(4),
        "{took:?}"
    );
}

#[test]
fn a_discovered_env_file_cannot_point_the_smtp_login_at_its_server() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    sandbox.write(
        ".env",
        &format!("SMTP_HOST=127.0.0.1\nSMTP_PORT={}\n", server.port),
    );
    let login = || {
        sandbox
            .sendmsg([
                "email",
                "--retries",
                "0",
                "--to",
                "ops@example.com",
                "from ci",
            ])
            .env("SMTP_SECURITY", "starttls")
            .env("SMTP_CA_FILE", server.certs.ca())
            .env("SMTP_USER", USER)
    };
    login()
        .env("SMTP_PASSWORD", PASSWORD)
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("comes from ./.env")
        .stderr_has("SMTP_PASSWORD does not");
    assert_eq!(server.connections(), 0, "nothing may connect");
    // The password in the same file: the user's own setup, sent as before.
    sandbox.write(
        ".env",
        &format!(
            "SMTP_HOST=127.0.0.1\nSMTP_PORT={}\nSMTP_PASSWORD={PASSWORD}\n",
            server.port
        ),
    );
    login().run().code(0);
    assert_eq!(server.messages().len(), 1);
}

/// `SMTP_HOST` holding a URL or a port is a configuration error said before anything connects, with the
/// settings to use instead; `--queue` keeps nothing (no retry could fix it).
#[test]
fn smtp_host_with_a_url_or_a_port_is_exit_3_with_the_fix_and_never_queued() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    for (host, fix) in [
        (
            format!("smtp://127.0.0.1:{}", server.port),
            format!(
                "is a URL, not a host name; set SMTP_HOST=127.0.0.1 SMTP_PORT={}",
                server.port
            ),
        ),
        (
            format!("127.0.0.1:{}", server.port),
            format!(
                "is a host and a port, not a host name; set SMTP_HOST=127.0.0.1 SMTP_PORT={}",
                server.port
            ),
        ),
    ] {
        sandbox
            .sendmsg(["--queue", "email", "--to", "ops@example.com", "hi"])
            .env("SMTP_HOST", &host)
            .env("SMTP_SECURITY", "starttls")
            .env("SMTP_USER", USER)
            .env("SMTP_PASSWORD", PASSWORD)
            .env("SMTP_CA_FILE", server.certs.ca())
            .run()
            .code(3)
            .one_error_line()
            .stderr_has(&format!("sendmsg: error: email: SMTP_HOST `{host}` {fix}"));
    }
    assert_eq!(server.connections(), 0);
    let queued = std::fs::read_dir(sandbox.state("outbox")).map_or(0, Iterator::count);
    assert_eq!(queued, 0, "queued");
}

#[test]
fn an_image_is_shown_inline_and_an_html_body_refers_to_it() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::start("starttls");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    std::fs::write(sandbox.work().join("cpu.png"), png).expect("write image");
    sandbox.write("fake.png", "not an image");
    email_cmd(
        &sandbox,
        &server,
        "starttls",
        &[
            "--to",
            "ops@example.com",
            "--html",
            "--image",
            "cpu.png",
            "<p>CPU at 93%</p>",
        ],
    )
    .run()
    .code(0);
    let received = server.messages();
    let mail = received[0].parsed();
    assert_eq!(
        text(mail.body_html(0)),
        "<p>CPU at 93%</p>\n<p><img src=\"cid:cpu.png\"></p>"
    );
    let image = mail
        .parts
        .iter()
        .find(|p| p.content_type().is_some_and(|t| t.ctype() == "image"))
        .expect("an image part");
    assert_eq!(image.content_type().and_then(|t| t.subtype()), Some("png"));
    assert_eq!(
        image
            .content_disposition()
            .map(mail_parser::ContentType::ctype),
        Some("inline")
    );
    assert_eq!(image.content_id(), Some("cpu.png"));
    assert_eq!(image.contents(), png);
    let fake = email_cmd(
        &sandbox,
        &server,
        "starttls",
        &["--to", "ops@example.com", "--image", "fake.png", "x"],
    )
    .run();
    fake.code(2).one_error_line();
    assert_eq!(
        fake.stderr,
        "sendmsg: error: email: --image fake.png is not an image its bytes show (none of JPG, PNG, GIF, WebP, BMP, TIFF); \
         an image shown in an e-mail is JPG or PNG or GIF or WebP or BMP\n"
    );
    assert_eq!(server.messages().len(), 1);
}
