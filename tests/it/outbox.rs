//! `--queue` and `sendmsg outbox` against a mock DingTalk robot that can be taken down and brought back:
//! a message that cannot be sent now is kept and delivered once later, never lost and never doubled.

use crate::common;

use common::ding::{self, SECRET, TOKEN};
use common::mock::{MockServer, Reply};
use common::{Output, Sandbox};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// A robot that answers 503 while `down`, else as the real one.
fn switchable() -> (MockServer, Arc<AtomicBool>) {
    let down = Arc::new(AtomicBool::new(true));
    let flag = Arc::clone(&down);
    let server = MockServer::start(move |req| {
        if flag.load(Ordering::SeqCst) {
            Reply::status(503, "busy")
        } else {
            ding::check(req, TOKEN, Some(SECRET))
        }
    });
    (server, down)
}

fn sendmsg(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    ding::configure(sandbox.sendmsg(args), server).env("SENDMSG_RETRIES", "0")
}

fn queue(sandbox: &Sandbox, server: &MockServer, text: &str) -> Output {
    sendmsg(sandbox, server, &["--queue", "ding", text]).run()
}

fn flush(sandbox: &Sandbox, server: &MockServer) -> common::Run {
    sendmsg(sandbox, server, &["outbox", "flush"])
}

/// The outbox's files (entries and claims).
fn files(sandbox: &Sandbox) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(sandbox.state("outbox"))
        .map(|dir| dir.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn entries(sandbox: &Sandbox, server: &MockServer) -> Vec<serde_json::Value> {
    let out = sendmsg(sandbox, server, &["--json", "outbox"]).run();
    out.code(0);
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect()
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn history(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    common::read(&sandbox.state("history.jsonl"))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect()
}

#[test]
fn a_503_is_queued_and_one_flush_after_recovery_delivers_it_exactly_once() {
    let sandbox = Sandbox::new();
    let (server, down) = switchable();
    let out = queue(&sandbox, &server, "disk full on web-1");
    out.code(0)
        .stderr_has("ding: queued (id ")
        .stderr_has("; sendmsg outbox flush delivers it");
    assert!(!out.stderr.contains("error"), "{out:?}");
    for file in files(&sandbox) {
        let text = common::read(&file);
        for secret in common::SECRETS {
            assert!(!text.contains(secret), "a secret in {file:?}: {text}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).map_or(0, |m| m.permissions().mode());
            assert_eq!(mode & 0o777, 0o600, "{file:?}");
        }
    }
    let listed = entries(&sandbox, &server);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["channel"], "ding");
    // The send that queued it was its first try.
    assert_eq!(listed[0]["attempts"], 1);
    // Still down: tried once, kept, and not tried again before its backoff.
    flush(&sandbox, &server)
        .run()
        .code(4)
        .stderr_has("HTTP 503");
    assert_eq!(server.requests().len(), 2);
    flush(&sandbox, &server).run().code(0);
    assert_eq!(server.requests().len(), 2, "tried again within the backoff");
    let listed = entries(&sandbox, &server);
    assert_eq!(listed[0]["attempts"], 2);
    assert!(
        listed[0]["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("503"))
    );
    down.store(false, Ordering::SeqCst);
    let later = (unix_now() + 120).to_string();
    flush(&sandbox, &server)
        .env("SENDMSG_NOW", &later)
        .run()
        .code(0);
    flush(&sandbox, &server)
        .env("SENDMSG_NOW", &later)
        .run()
        .code(0);
    let texts = ding::texts(&server);
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert_eq!(
        texts.iter().filter(|t| *t == "disk full on web-1").count(),
        3
    );
    assert!(files(&sandbox).is_empty(), "{:?}", files(&sandbox));
    let statuses: Vec<_> = history(&sandbox)
        .iter()
        .map(|r| r["status"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(statuses, ["queued", "failed", "sent"]);
}

#[test]
fn a_rejection_is_exit_1_and_never_queued() {
    let sandbox = Sandbox::new();
    let server =
        MockServer::start(|_| Reply::json(r#"{"errcode":310000,"errmsg":"sign not match"}"#));
    queue(&sandbox, &server, "x")
        .code(1)
        .one_error_line()
        .stderr_has("310000");
    assert!(files(&sandbox).is_empty());
}

#[test]
fn a_stall_after_the_request_was_sent_is_not_queued() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(|_| Reply::Stall(Duration::from_secs(5)));
    sendmsg(
        &sandbox,
        &server,
        &["--queue", "--timeout", "1", "ding", "x"],
    )
    .run()
    .code(4)
    .stderr_has("timed out");
    assert!(files(&sandbox).is_empty(), "{:?}", files(&sandbox));
}

#[test]
fn nothing_listening_is_queued() {
    let sandbox = Sandbox::new();
    // A port that was just free: the connection is refused, nothing reached anyone.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_or(9, |a| a.port());
    sandbox
        .sendmsg(["--queue", "ding", "x"])
        .env("DING_ACCESS_TOKEN", TOKEN)
        .env("DING_BASE_URL", format!("http://127.0.0.1:{port}"))
        .env("SENDMSG_RETRIES", "0")
        .run()
        .code(0)
        .stderr_has("ding: queued");
    assert_eq!(files(&sandbox).len(), 1);
}

#[test]
fn a_secret_given_only_on_the_command_line_is_refused_with_queue() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = sandbox
        .sendmsg(["--queue", "ding", "--access-token", TOKEN, "x"])
        .env("DING_BASE_URL", server.url())
        .run();
    out.code(2)
        .one_error_line()
        .stderr_has("--access-token")
        .stderr_has("DING_ACCESS_TOKEN");
    assert!(server.requests().is_empty());
    // The same value in the environment is read again by flush: accepted.
    sandbox
        .sendmsg(["--queue", "ding", "--access-token", TOKEN, "x"])
        .env("DING_ACCESS_TOKEN", TOKEN)
        .env("DING_SECRET", SECRET)
        .env("DING_BASE_URL", server.url())
        .run()
        .code(0);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_split_message_whose_first_part_was_accepted_queues_only_the_rest() {
    let sandbox = Sandbox::new();
    let seen = Arc::new(AtomicUsize::new(0));
    let up = Arc::new(AtomicBool::new(false));
    let (count, flag) = (Arc::clone(&seen), Arc::clone(&up));
    let server = MockServer::start(move |req| {
        let n = count.fetch_add(1, Ordering::SeqCst);
        if n == 0 || flag.load(Ordering::SeqCst) {
            ding::check(req, TOKEN, Some(SECRET))
        } else {
            Reply::status(502, "bad gateway")
        }
    });
    let body = format!("{}\n{}", "a".repeat(60), "b".repeat(60));
    sendmsg(
        &sandbox,
        &server,
        &[
            "--queue",
            "ding",
            "--markdown",
            "--title",
            "T",
            "--max-bytes",
            "80",
            &body,
        ],
    )
    .run()
    .code(0)
    .stderr_has("queued");
    let first = server.requests()[0].json();
    let text = first["markdown"]["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let total: usize = text
        .strip_prefix("(1/")
        .and_then(|t| t.split_once(')'))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or(0);
    assert!(total >= 2, "{text}");
    let listed = entries(&sandbox, &server);
    assert_eq!(listed[0]["parts"], total - 1, "{listed:?}");
    up.store(true, Ordering::SeqCst);
    flush(&sandbox, &server).run().code(0);
    let sent: Vec<_> = server
        .requests()
        .iter()
        .map(super::common::mock::Recorded::json)
        .collect();
    // Part 1 once, part 2 refused once, then parts 2..total from the outbox.
    assert_eq!(sent.len(), 2 + total - 1, "{sent:?}");
    let flushed = &sent[2];
    // It went as the first run would have sent it: markdown, with its title.
    assert_eq!(flushed["msgtype"], "markdown", "{sent:?}");
    assert_eq!(flushed["markdown"]["title"], "T");
    let prefix = format!("(2/{total})");
    assert!(
        flushed["markdown"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with(&prefix)),
        "{flushed}"
    );
    assert!(files(&sandbox).is_empty());
}

#[test]
fn two_flushes_at_once_send_each_entry_once() {
    let sandbox = Sandbox::new();
    let (server, down) = switchable();
    for i in 0..8 {
        queue(&sandbox, &server, &format!("alert {i}")).code(0);
    }
    down.store(false, Ordering::SeqCst);
    let children: Vec<_> = (0..2)
        .map(|_| {
            let mut run = flush(&sandbox, &server);
            run.cmd
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            run.cmd.spawn().expect("spawn flush")
        })
        .collect();
    for mut child in children {
        let status = child.wait().expect("flush");
        assert!(status.success(), "{status:?}");
    }
    let delivered: Vec<_> = server
        .requests()
        .iter()
        .skip(8)
        .map(|r| {
            r.json()["text"]["content"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let mut unique = delivered.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(delivered.len(), 8, "{delivered:?}");
    assert_eq!(unique.len(), 8, "{delivered:?}");
    assert!(files(&sandbox).is_empty());
}

#[test]
fn an_entry_past_its_age_expires_without_another_try() {
    let sandbox = Sandbox::new();
    let (server, _down) = switchable();
    let past = (unix_now() - 2 * 86_400).to_string();
    sendmsg(&sandbox, &server, &["--queue", "ding", "old news"])
        .env("SENDMSG_NOW", &past)
        .run()
        .code(0);
    queue(&sandbox, &server, "fresh").code(0);
    let tried = server.requests().len();
    let out = flush(&sandbox, &server).run();
    out.code(1)
        .one_error_line()
        .stderr_has("1 expired (older than --max-age 1d)");
    // Only the fresh one was tried (and is kept).
    assert_eq!(server.requests().len(), tried + 1);
    assert_eq!(entries(&sandbox, &server).len(), 1);
    let expired: Vec<_> = history(&sandbox)
        .into_iter()
        .filter(|r| r["status"] == "expired")
        .collect();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["preview"], "old news");
}

#[test]
fn drop_removes_one_entry_or_all() {
    let sandbox = Sandbox::new();
    let (server, _down) = switchable();
    for text in ["a", "b", "c"] {
        queue(&sandbox, &server, text).code(0);
    }
    let listed = entries(&sandbox, &server);
    let id = listed[0]["id"].as_str().unwrap_or_default().to_owned();
    sendmsg(&sandbox, &server, &["outbox", "drop", &id])
        .run()
        .code(0);
    assert_eq!(entries(&sandbox, &server).len(), 2);
    sendmsg(&sandbox, &server, &["outbox", "drop", &id])
        .run()
        .code(2)
        .one_error_line();
    sendmsg(&sandbox, &server, &["outbox"])
        .run()
        .code(0)
        .stdout_has("ATTEMPTS");
    sendmsg(&sandbox, &server, &["outbox", "drop", "--all"])
        .run()
        .code(0);
    assert!(files(&sandbox).is_empty());
}

/// A robot that answers 503 in mode 0, holds every request for 30 s in mode 1, and answers as the real one
/// in mode 2; it counts the requests.
fn moody() -> (MockServer, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let (mode, seen) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (now, count) = (Arc::clone(&mode), Arc::clone(&seen));
    let server = MockServer::start(move |req| {
        count.fetch_add(1, Ordering::SeqCst);
        match now.load(Ordering::SeqCst) {
            0 => Reply::status(503, "busy"),
            1 => Reply::Stall(Duration::from_secs(30)),
            _ => ding::check(req, TOKEN, Some(SECRET)),
        }
    });
    (server, mode, seen)
}

#[test]
fn a_flush_killed_mid_send_leaves_the_entry_listed_and_it_is_never_sent_twice() {
    let sandbox = Sandbox::new();
    let (server, mode, seen) = moody();
    queue(&sandbox, &server, "kill me").code(0);
    mode.store(1, Ordering::SeqCst);
    let mut run = flush(&sandbox, &server).env("SENDMSG_TIMEOUT", "60");
    run.cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = run.cmd.spawn().expect("spawn flush");
    let started = Instant::now();
    while seen.load(Ordering::SeqCst) < 2 && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    // Being sent: still listed, and marked so.
    let listed = entries(&sandbox, &server);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["sending"], true, "{listed:?}");
    child.kill().expect("kill -9");
    let _ = child.wait();
    mode.store(2, Ordering::SeqCst);
    // The request reached the robot before the kill: it may have been delivered, so it is not resent.
    flush(&sandbox, &server)
        .run()
        .code(4)
        .stderr_has("it may have been delivered; not resent");
    assert_eq!(seen.load(Ordering::SeqCst), 2);
    assert!(files(&sandbox).is_empty(), "{:?}", files(&sandbox));
    let last = history(&sandbox).pop().unwrap_or_default();
    assert_eq!(last["status"], "unconfirmed", "{last}");
}

#[test]
fn send_via_queues_too_and_a_queued_message_holds_its_limit_slot() {
    let sandbox = Sandbox::new();
    let (server, down) = switchable();
    sendmsg(
        &sandbox,
        &server,
        &[
            "--queue", "--limit", "1/h", "send", "--via", "ding", "first",
        ],
    )
    .run()
    .code(0)
    .stderr_has("ding: queued");
    down.store(false, Ordering::SeqCst);
    sendmsg(&sandbox, &server, &["--limit", "1/h", "ding", "second"])
        .run()
        .code(5);
    // Flushing does not count again, and sends as `send` fitted it.
    flush(&sandbox, &server).run().code(0);
    assert_eq!(
        ding::texts(&server).last().map(String::as_str),
        Some("first")
    );
    assert!(files(&sandbox).is_empty());
}

#[test]
fn a_queued_message_for_a_named_target_is_flushed_to_that_target_only() {
    const OPS_TOKEN: &str = "ops-queue-token-5e6f7a8b9c";
    const OPS_SECRET: &str = "SECopsqueuesecret1a2b3c4d";
    let sandbox = Sandbox::new();
    let down = Arc::new(AtomicBool::new(true));
    let flag = Arc::clone(&down);
    let ops = MockServer::start(move |req| {
        if flag.load(Ordering::SeqCst) {
            Reply::status(503, "busy")
        } else {
            ding::check(req, OPS_TOKEN, Some(OPS_SECRET))
        }
    });
    // The exported DING_* point at another robot: neither the send nor the flush may use them.
    let other = ding::robot();
    let config = sandbox.path("config").join("sendmsg").join("config.toml");
    std::fs::create_dir_all(config.parent().expect("parent")).expect("config dir");
    std::fs::write(
        &config,
        format!(
            "[targets.ops]\nchannel = \"ding\"\naccess_token = \"${{OPS_TOKEN}}\"\n\
             secret = \"${{OPS_SECRET}}\"\nbase_url = \"{}\"\n",
            ops.url()
        ),
    )
    .expect("config");
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod");
    let run = |args: &[&str]| {
        ding::configure(sandbox.sendmsg(args), &other)
            .env("SENDMSG_RETRIES", "0")
            .env("OPS_TOKEN", OPS_TOKEN)
            .env("OPS_SECRET", OPS_SECRET)
    };
    run(&["--queue", "ding", "--target", "ops", "meant for ops"])
        .run()
        .code(0)
        .stderr_has("ding@ops: queued (id ");
    let entry = common::read(&files(&sandbox)[0]);
    assert!(entry.contains("\"target\": \"ops\""), "{entry}");
    assert!(
        !entry.contains(OPS_TOKEN) && !entry.contains(OPS_SECRET),
        "{entry}"
    );
    down.store(false, Ordering::SeqCst);
    run(&["outbox", "flush"]).run().code(0);
    // The first try met the 503; the flush delivered it, to this robot alone.
    assert_eq!(ding::texts(&ops), ["meant for ops", "meant for ops"]);
    assert!(other.requests().is_empty(), "the exported robot got it");
    assert!(files(&sandbox).is_empty());
}

/// A robot of another group (another token and secret): anything that reaches it is a message delivered
/// to the wrong people, so it logs every request and takes it.
const B_TOKEN: &str = "robot-b-token-0f1e2d3c4b5a";
const B_SECRET: &str = "SECrobotbsecret9a8b7c6d5e4f";

#[test]
fn a_flush_in_another_environment_never_reaches_another_robot() {
    let sandbox = Sandbox::new();
    let (a, down) = switchable();
    let b = MockServer::start(|req| ding::check(req, B_TOKEN, Some(B_SECRET)));
    queue(&sandbox, &a, "meant for robot A").code(0);
    down.store(false, Ordering::SeqCst);
    let elsewhere = |token: &str, secret: &str, url: &str| {
        sandbox
            .sendmsg(["outbox", "flush", "--now"])
            .env("DING_ACCESS_TOKEN", token)
            .env("DING_SECRET", secret)
            .env("DING_BASE_URL", url)
            .env("SENDMSG_RETRIES", "0")
            .run()
    };
    // Robot B's token and address: kept, exit 3, and B never hears of it.
    let out = elsewhere(B_TOKEN, B_SECRET, &b.url());
    out.code(3)
        .one_error_line()
        .stderr_has("the settings now send it elsewhere: ")
        .stderr_has("other credentials (ding query access_token, ding query sign)")
        .stderr_has(&format!(
            "POST {}/robot/send (queued for POST {}/robot/send)",
            b.url(),
            a.url()
        ));
    // Robot B's token at robot A's address: the same.
    elsewhere(B_TOKEN, B_SECRET, &a.url())
        .code(3)
        .stderr_has("other credentials (ding query access_token, ding query sign)");
    assert!(b.requests().is_empty(), "robot B got {:?}", ding::texts(&b));
    assert_eq!(a.requests().len(), 1, "only the first try reached A");
    // `outbox` shows why it waits, and that no try was counted for it.
    let listed = entries(&sandbox, &a);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["attempts"], 1);
    let why = listed[0]["last_error"].as_str().unwrap_or_default();
    assert!(why.contains("the settings now send it elsewhere"), "{why}");
    for secret in [TOKEN, SECRET, B_TOKEN, B_SECRET] {
        for file in files(&sandbox) {
            assert!(!common::read(&file).contains(secret), "{file:?}");
        }
    }
    // With the settings it was queued with (and --now past the wait), it goes to A.
    sendmsg(&sandbox, &a, &["outbox", "flush", "--now"])
        .run()
        .code(0);
    assert_eq!(ding::texts(&a), ["meant for robot A", "meant for robot A"]);
    assert!(b.requests().is_empty());
    assert!(files(&sandbox).is_empty(), "{:?}", files(&sandbox));
}

/// E-mail queued for team-a@ is never delivered to the addresses of another environment, and the SMTP
/// server given on the command line is not replayed from the entry.
#[test]
fn a_queued_e_mail_goes_to_its_recorded_recipients_or_nowhere() {
    use common::smtp::{Options, PASSWORD, SmtpServer, USER};
    let sandbox = Sandbox::new();
    // The first message is refused with 451: queued.
    let server = SmtpServer::with(Options {
        tempfail_data: 1,
        ..Options::mode("starttls")
    });
    let port = server.port.to_string();
    let email = |args: &[&str], to: &str| {
        sandbox
            .sendmsg(args)
            .env("SMTP_SECURITY", "starttls")
            .env("SMTP_USER", USER)
            .env("SMTP_PASSWORD", PASSWORD)
            .env("SMTP_CA_FILE", server.certs.ca())
            .env("EMAIL_TO", to)
            .env("SENDMSG_RETRIES", "0")
    };
    email(
        &[
            "--queue",
            "email",
            "--host",
            "127.0.0.1",
            "--port",
            &port,
            "--subject",
            "s",
            "db down",
        ],
        "team-a@example.com",
    )
    .run()
    .code(0)
    .stderr_has("email: queued (id ");
    let entry = common::read(&files(&sandbox)[0]);
    assert!(
        !entry.contains("--host") && !entry.contains("--port"),
        "{entry}"
    );
    assert!(entry.contains("--subject=s"), "{entry}");
    assert!(!entry.contains(PASSWORD), "{entry}");
    let flush = |to: &str| {
        email(&["outbox", "flush", "--now"], to)
            .env("SMTP_HOST", "127.0.0.1")
            .env("SMTP_PORT", &port)
            .run()
    };
    flush("all-staff@example.com")
        .code(3)
        .one_error_line()
        .stderr_has("recipients all-staff@example.com (queued for team-a@example.com)");
    assert!(
        server.messages().is_empty(),
        "delivered to the other environment's addresses"
    );
    flush("team-a@example.com").code(0);
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].rcpt_tos, ["team-a@example.com"]);
    assert!(files(&sandbox).is_empty(), "{:?}", files(&sandbox));
}

#[test]
fn a_flush_that_skips_waiting_entries_says_how_many_and_when_and_now_tries_them() {
    let sandbox = Sandbox::new();
    let (server, down) = switchable();
    // One clock for the runs, so the wait they print is exact.
    let at = unix_now().to_string();
    let run = |args: &[&str]| {
        sendmsg(&sandbox, &server, args)
            .env("SENDMSG_NOW", &at)
            .run()
    };
    run(&["--queue", "ding", "one"]).code(0);
    run(&["outbox", "flush"]).code(4);
    down.store(false, Ordering::SeqCst);
    let out = run(&["outbox", "flush"]);
    out.code(0);
    assert_eq!(
        out.stderr,
        "sendmsg: outbox flush: 1 waiting for its next try, due in 2m (--now tries it now)\n"
    );
    assert_eq!(server.requests().len(), 2);
    sendmsg(&sandbox, &server, &["outbox", "flush", "--now"])
        .run()
        .code(0)
        .stderr_has("outbox flush: 1 sent, 0 kept for a later try");
    assert_eq!(server.requests().len(), 3);
}

/// A server that takes the TCP connection and never answers the TLS handshake: nothing was sent, so the
/// try is retried and `--queue` keeps the message (it is not "may have been delivered").
#[test]
fn a_stalled_tls_handshake_is_never_sent_retried_and_queued() {
    let sandbox = Sandbox::new();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&accepted);
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            held.push(stream);
        }
    });
    let out = sandbox
        .sendmsg(["--queue", "--timeout", "1", "--retries", "1", "ding", "x"])
        .env("DING_ACCESS_TOKEN", TOKEN)
        .env("DING_SECRET", SECRET)
        .env("DING_BASE_URL", format!("https://127.0.0.1:{port}"))
        .run();
    out.code(0).stderr_has("ding: queued (id ");
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        2,
        "tried once, retried once"
    );
    assert_eq!(files(&sandbox).len(), 1);
    let listed = entries_at(&sandbox);
    let error = listed[0]["last_error"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        error.is_empty() || error.contains("cannot connect"),
        "{error}"
    );
}

fn entries_at(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    let out = sandbox.sendmsg(["--json", "outbox"]).run();
    out.code(0);
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect()
}
