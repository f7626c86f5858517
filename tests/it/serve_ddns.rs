//! `sendmsg serve-ddns` end to end: the real binary on an ephemeral loopback port, notifying through a mock
//! DingTalk that verifies signatures, with its store on disk.

use crate::common;

use common::Sandbox;
use common::daemon::{Daemon, TOKEN, request, try_request};
use common::ding::{self, SECRET, texts};
use common::mock::MockServer;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

fn store(sandbox: &Sandbox) -> PathBuf {
    sandbox.path("state/sendmsg/ddns.json")
}

/// `serve-ddns` on 127.0.0.1:0 with the sandbox's default store and `extra` arguments.
fn serve(sandbox: &Sandbox, extra: &[&str]) -> common::Run {
    let mut args = vec!["serve-ddns", "--listen", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    sandbox.sendmsg(args)
}

/// Waits (up to 10 s) until `robot` has received `n` requests: notifications leave from the outbox after
/// the webhook's reply.
fn wait_for(robot: &MockServer, n: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while robot.requests().len() < n && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    texts(robot)
}

/// Notifying through a signed mock DingTalk robot.
fn serve_notifying(sandbox: &Sandbox, robot: &MockServer) -> Daemon {
    notifying(sandbox, robot, &[])
        .daemon()
        .expect("server starts")
}

/// serve-ddns notifying `robot` (no retries) with the options `extra`, not started yet.
fn notifying(sandbox: &Sandbox, robot: &MockServer, extra: &[&str]) -> common::Run {
    let mut args = vec!["--notify", "ding", "--retries", "0"];
    args.extend_from_slice(extra);
    serve(sandbox, &args)
        .env("DING_ACCESS_TOKEN", ding::TOKEN)
        .env("DING_SECRET", SECRET)
        .env("DING_BASE_URL", robot.url())
}

#[test]
fn the_webhook_records_and_notifies_once_per_change() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let server = serve_notifying(&sandbox, &robot);

    let first = server.get("/ip/cheng_ip?msg=alice,2001:db8::1,success");
    assert_eq!(first.status, 200, "{first:?}");
    assert!(
        first.body.contains("recorded alice 2001:db8::1 changed"),
        "{first:?}"
    );
    assert!(
        first.body.contains("notification queued for ding (id "),
        "{first:?}"
    );
    assert_eq!(wait_for(&robot, 1).len(), 1);

    let same = server.get("/ip/cheng_ip?msg=alice,2001:db8::1,success");
    assert!(same.body.contains("unchanged") && same.body.contains("no notification needed"));
    assert_eq!(robot.requests().len(), 1);

    // As ddns-go sends it: its query re-encoded, the result in Chinese.
    let moved = server.get("/ip/cheng_ip?msg=alice%2C2001%3Adb8%3A%3A2%2C%E6%88%90%E5%8A%9F");
    assert_eq!(moved.status, 200, "{moved:?}");
    wait_for(&robot, 3);
    let sent = texts(&robot);
    assert_eq!(
        sent.len(),
        2,
        "exactly one notification per change: {sent:?}"
    );
    // In words, and no 企业可信IP reminder: the channel is not a WeCom app and the address is IPv6.
    assert_eq!(sent[1], "alice: IPv6 changed 2001:db8::1 → 2001:db8::2");

    let shown = server.get("/ip/alice");
    assert_eq!((shown.status, shown.body.as_str()), (200, "2001:db8::2\n"));
    assert!(shown.headers.contains("content-type: text/plain"));
    assert!(
        server.log_has("GET /ip/cheng_ip 200 "),
        "{}",
        server.stderr()
    );
    let log = server.stderr();
    assert!(!log.contains("msg="), "the query is not logged: {log}");
}

#[test]
fn ddns_go_post_bodies_json_or_form_are_recorded_with_history() {
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &[]).daemon().expect("server starts");
    let json = br#"{"user":"bob","ipv4Addr":"203.0.113.7","ipv4Result":"success","ipv4Domains":"home.example.com","ipv6Addr":"","ipv6Result":"unchanged"}"#;
    assert_eq!(server.post("/ip/cheng_ip", json).status, 200);
    let form = b"user=bob&ipv4Addr=203.0.113.8&ipv4Result=%E6%88%90%E5%8A%9F";
    let reply = server.post("/ip/cheng_ip", form);
    assert!(reply.body.contains("notifications are off"), "{reply:?}");

    let shown = request(
        server.addr,
        "GET",
        "/ip/bob",
        &[("accept", "application/json")],
        b"",
    );
    let record: serde_json::Value = serde_json::from_str(&shown.body).expect("json");
    assert_eq!(record["user"], "bob");
    assert_eq!(record["addr"], "203.0.113.8");
    assert_eq!(record["ipv4"]["result"], "成功");
    assert_eq!(record["history"][1]["domains"], "home.example.com");
    assert_eq!(server.get("/ip/nobody").status, 404);
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn the_seeds_send_endpoints_go_through_the_notify_channel() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let server = serve_notifying(&sandbox, &robot);
    assert_eq!(
        server
            .get("/api/send?mag=%E5%A4%87%E4%BB%BD%E5%AE%8C%E6%88%90")
            .status,
        200
    );
    assert_eq!(server.get("/api/send?msg=disk+full").status, 200);
    assert_eq!(
        server
            .post("/api/send_msg", "\"发送测试\"".as_bytes())
            .status,
        200
    );
    assert_eq!(texts(&robot), ["备份完成", "disk full", "发送测试"]);
    assert_eq!(server.get("/api/send").status, 400);
}

#[test]
fn a_failed_notification_is_reported_and_the_address_kept() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let server = serve(&sandbox, &["--notify", "ding", "--retries", "0"])
        .env("DING_ACCESS_TOKEN", "ding-wrong-token-0000")
        .env("DING_BASE_URL", robot.url())
        .daemon()
        .expect("server starts");
    let reply = server.get("/ip/cheng_ip?msg=carol,198.51.100.4,success");
    assert_eq!(reply.status, 200, "{reply:?}");
    // The reply no longer waits for the notification; its failure is in the log.
    assert!(
        reply.body.contains("notification queued for ding"),
        "{reply:?}"
    );
    assert_eq!(server.get("/ip/carol").body, "198.51.100.4\n");
    assert!(
        server.log_has("sendmsg: error: ding: rejected"),
        "{}",
        server.stderr()
    );
    assert!(
        server.log_has("dropped: notification via ding FAILED"),
        "{}",
        server.stderr()
    );
    assert!(server.stderr().contains("400101"), "{}", server.stderr());
    // The history has the rejection, with the service's code.
    let history = common::read(&sandbox.state("history.jsonl"));
    let record: serde_json::Value = history
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .find(|r: &serde_json::Value| r["preview"] == "carol: IPv4 is 198.51.100.4")
        .unwrap_or_default();
    assert_eq!(record["status"], "failed", "{history}");
    assert!(
        record["error"]
            .as_str()
            .is_some_and(|e| e.contains("(errcode 400101)")),
        "{history}"
    );
    assert_eq!(server.get("/api/send?msg=x").status, 502);
}

#[test]
fn ddns_go_test_button_is_acknowledged_but_not_recorded() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let server = serve_notifying(&sandbox, &robot);
    let reply = server.get("/ip/cheng_ip?msg=dave,::1,success");
    assert!(
        reply.body.contains("test event for dave: not recorded"),
        "{reply:?}"
    );
    assert_eq!(server.get("/ip/dave").status, 404);
    assert!(wait_for(&robot, 1)[0].starts_with("ddns: test from ddns-go for dave"));
}

#[test]
fn with_a_token_every_endpoint_but_healthz_needs_it() {
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &[])
        .env("DDNS_TOKEN", TOKEN)
        .daemon()
        .expect("server starts");
    let record = "/ip/cheng_ip?msg=erin,203.0.113.3,success";
    assert_eq!(server.get(record).status, 401);
    assert_eq!(
        server.get(&format!("{record}&token=wrong-token")).status,
        401
    );
    assert_eq!(server.get("/no/such/path").status, 401);
    assert_eq!(server.get(&format!("{record}&token={TOKEN}")).status, 200);
    let bearer = format!("Bearer {TOKEN}");
    let shown = request(
        server.addr,
        "GET",
        "/ip/erin",
        &[("authorization", &bearer)],
        b"",
    );
    assert_eq!(shown.body, "203.0.113.3\n");
    assert_eq!(server.get("/healthz").status, 200);
    server.stderr(); // asserts that the token was never logged
}

#[test]
fn oversized_and_malformed_requests_are_refused() {
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &[]).daemon().expect("server starts");
    let too_big = vec![b'a'; 64 * 1024 + 1];
    let reply = server.post("/api/send_msg", &too_big);
    assert_eq!(reply.status, 413, "{reply:?}");
    // Exactly at the cap is read (and refused only for want of a notify channel).
    assert_eq!(server.post("/api/send_msg", &too_big[1..]).status, 503);
    for target in [
        "/ip/cheng_ip?msg=bad%20user,203.0.113.1,success",
        "/ip/cheng_ip?msg=frank,300.1.1.1,success",
        "/ip/cheng_ip?msg=frank",
        "/ip/not%25valid",
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 400, "{target}: {reply:?}");
        assert_eq!(reply.body.lines().count(), 1, "{target}: {reply:?}");
    }
    assert_eq!(server.post("/ip/cheng_ip", b"{\"user\": ").status, 400);
    assert_eq!(server.get("/elsewhere").status, 404);
    assert!(
        server.log_has("POST /api/send_msg 413 "),
        "{}",
        server.stderr()
    );
}

#[test]
fn a_restart_keeps_the_addresses_and_sigterm_and_sigint_stop_cleanly() {
    let sandbox = Sandbox::new();
    let mut server = serve(&sandbox, &[]).daemon().expect("server starts");
    server.get("/ip/cheng_ip?msg=gina,2001:db8::7,success");
    assert_eq!(server.stop_with("-TERM"), Some(0));
    assert!(server.log_has("serve-ddns: stopped"), "{}", server.stderr());

    let mut again = serve(&sandbox, &[]).daemon().expect("server restarts");
    assert_eq!(again.get("/ip/gina").body, "2001:db8::7\n");
    assert_eq!(again.stop_with("-INT"), Some(0));
}

#[test]
fn a_corrupt_store_stops_start_up_and_is_left_untouched() {
    let sandbox = Sandbox::new();
    let path = store(&sandbox);
    std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
    let corrupt = "{\"version\":1,\"users\":{\"alice\":{\"addr\":\"2001:db8::1\"";
    std::fs::write(&path, corrupt).expect("write");
    let out = serve(&sandbox, &[]).run();
    out.code(3).one_error_line().stderr_has("left untouched");
    assert!(out.stderr.contains(&path.display().to_string()), "{out:?}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), corrupt);
}

/// A keep-alive client: one connection, requests written as given, replies read one by one.
struct KeepAlive {
    reader: std::io::BufReader<std::net::TcpStream>,
}

impl KeepAlive {
    fn connect(server: &Daemon) -> Self {
        let stream = std::net::TcpStream::connect(server.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .expect("timeout");
        Self {
            reader: std::io::BufReader::new(stream),
        }
    }

    fn send(&mut self, raw: &str) {
        use std::io::Write;
        self.reader
            .get_mut()
            .write_all(raw.as_bytes())
            .expect("write");
    }

    /// The next reply's status and `connection` header; `None` when the server closed the connection.
    fn reply(&mut self) -> Option<(u16, String)> {
        use std::io::{BufRead, Read};
        let mut status = None;
        let (mut length, mut connection) = (0, String::new());
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).ok()? == 0 {
                return None;
            }
            let line = line.trim_end().to_ascii_lowercase();
            if line.is_empty() {
                break;
            }
            if status.is_none() {
                status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok());
            } else if let Some(value) = line.strip_prefix("content-length:") {
                length = value.trim().parse().expect("length");
            } else if let Some(value) = line.strip_prefix("connection:") {
                value.trim().clone_into(&mut connection);
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).ok()?;
        Some((status?, connection))
    }

    fn get(&mut self, target: &str) -> Option<(u16, String)> {
        self.send(&format!("GET {target} HTTP/1.1\r\nhost: x\r\n\r\n"));
        self.reply()
    }
}

#[test]
fn keep_alive_connections_carry_many_requests_and_close_when_asked_or_refused() {
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &[]).daemon().expect("server starts");
    server.get("/ip/cheng_ip?msg=hana,2001:db8::8,success");
    let mut client = KeepAlive::connect(&server);
    for _ in 0..3 {
        assert_eq!(client.get("/ip/hana"), Some((200, "keep-alive".into())));
    }
    // Pipelined: both requests in one write, answered in order.
    client.send("GET /healthz HTTP/1.1\r\n\r\nGET /ip/nobody HTTP/1.1\r\n\r\n");
    assert_eq!(client.reply(), Some((200, "keep-alive".into())));
    assert_eq!(client.reply(), Some((404, "keep-alive".into())));
    client.send("GET /healthz HTTP/1.1\r\nconnection: close\r\n\r\n");
    assert_eq!(client.reply(), Some((200, "close".into())));
    assert_eq!(client.reply(), None);

    // A refused request closes the connection: what follows its head cannot be trusted.
    let mut client = KeepAlive::connect(&server);
    assert_eq!(client.get("/healthz"), Some((200, "keep-alive".into())));
    client.send("POST /api/send_msg HTTP/1.1\r\ncontent-length: 70000\r\n\r\n");
    assert_eq!(client.reply(), Some((413, "close".into())));
    assert_eq!(client.reply(), None);

    // HTTP/1.0 gets one reply per connection.
    let mut client = KeepAlive::connect(&server);
    client.send("GET /healthz HTTP/1.0\r\n\r\n");
    assert_eq!(client.reply(), Some((200, "close".into())));
    assert_eq!(client.reply(), None);
}

#[test]
fn a_connection_is_closed_after_its_thousandth_request() {
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &[]).daemon().expect("server starts");
    let mut client = KeepAlive::connect(&server);
    for _ in 1..1000 {
        assert_eq!(client.get("/healthz"), Some((200, "keep-alive".into())));
    }
    assert_eq!(client.get("/healthz"), Some((200, "close".into())));
    assert_eq!(client.reply(), None);
}

#[test]
fn idle_keep_alive_clients_hold_no_worker() {
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &["--workers", "1"])
        .daemon()
        .expect("server starts");
    let mut clients: Vec<KeepAlive> = (0..8).map(|_| KeepAlive::connect(&server)).collect();
    let started = std::time::Instant::now();
    // Round after round over every connection: each waits idle while the one worker serves the others.
    for _ in 0..3 {
        for client in &mut clients {
            assert_eq!(client.get("/healthz"), Some((200, "keep-alive".into())));
        }
    }
    assert_eq!(server.get("/healthz").status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn no_token_on_a_public_address_is_refused() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .sendmsg(["serve-ddns", "--listen", "0.0.0.0:0"])
        .run();
    out.code(3).one_error_line().stderr_has("DDNS_TOKEN");
    let out = sandbox
        .sendmsg([
            "serve-ddns",
            "--listen",
            "127.0.0.1:0",
            "--notify",
            "nosuch",
        ])
        .run();
    out.code(3).one_error_line();
}

/// The store's address for `user` as the counter the burst wrote into its last two octets.
fn stored_counter(path: &std::path::Path, user: &str) -> u32 {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    if text.is_empty() {
        return 0;
    }
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("corrupt store ({e}):\n{text}"));
    let addr: std::net::Ipv4Addr = value["users"][user]["addr"]
        .as_str()
        .unwrap_or("10.0.0.0")
        .parse()
        .expect("an IPv4 address");
    let [_, _, high, low] = addr.octets();
    u32::from(high) * 256 + u32::from(low)
}

#[test]
fn kill_9_during_a_burst_never_loses_an_acknowledged_update() {
    let sandbox = Sandbox::new();
    let path = store(&sandbox);
    let mut next = 1;
    for round in 0..5u64 {
        let server = serve(&sandbox, &[]).daemon().expect("server starts");
        let addr = server.addr;
        let acked = Arc::new(AtomicU32::new(0));
        let burst = {
            let acked = Arc::clone(&acked);
            std::thread::spawn(move || {
                for i in next..next + 2000 {
                    let target = format!(
                        "/ip/cheng_ip?msg=heidi,10.0.{}.{},success",
                        i / 256,
                        i % 256
                    );
                    let reply = try_request(addr, "GET", &target, &[], b"");
                    if reply.map(|r| r.status) != Some(200) {
                        return;
                    }
                    acked.store(i, Ordering::SeqCst);
                }
            })
        };
        std::thread::sleep(Duration::from_millis(150 + 40 * round));
        let mut server = server;
        let _ = server.child.kill(); // SIGKILL
        let _ = server.child.wait();
        burst.join().expect("burst");
        let acknowledged = acked.load(Ordering::SeqCst);
        let stored = stored_counter(&path, "heidi");
        assert!(
            stored >= acknowledged,
            "round {round}: store has {stored}, but {acknowledged} was acknowledged"
        );
        next = stored.max(acknowledged) + 1;
    }
    assert!(next > 5, "the bursts made progress");
}

#[test]
fn the_store_default_follows_xdg_state_home() {
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &[]).daemon().expect("server starts");
    server.get("/ip/cheng_ip?msg=ivan,203.0.113.9,success");
    assert!(stored_counter(&store(&sandbox), "ivan") > 0);
    let line = format!("store {}", store(&sandbox).display());
    assert!(server.log_has(&line), "{}", server.stderr());
}

#[test]
fn a_client_that_stalls_does_not_hold_up_the_others() {
    use std::io::Write;
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &["--workers", "2"])
        .daemon()
        .expect("server starts");
    let mut stalled = std::net::TcpStream::connect(server.addr).expect("connect");
    stalled
        .write_all(b"POST /api/send_msg HTTP/1.1\r\ncontent-length: 10\r\n\r\nhal")
        .expect("write");
    let started = std::time::Instant::now();
    for _ in 0..20 {
        assert_eq!(server.get("/healthz").status, 200);
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn ddns_go_test_data_with_a_real_looking_address_is_still_the_test_button() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let server = serve_notifying(&sandbox, &robot);
    let form = b"user=erin&ipv4Addr=203.0.113.50&ipv4Result=%E6%88%90%E5%8A%9F&ipv4Domains=test.example.com";
    let reply = server.post("/ip/cheng_ip", form);
    assert!(
        reply.body.contains("test event for erin: not recorded"),
        "{reply:?}"
    );
    assert_eq!(server.get("/ip/erin").status, 404);
}

#[test]
fn a_failing_notify_channel_falls_back_to_the_next() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let wecom = common::wecom::Wecom::start();
    wecom.refuse_ip();
    // DDNS_NOTIFY keeps working, and takes the fallback list too.
    let server = serve(&sandbox, &["--retries", "0"])
        .env("DDNS_NOTIFY", "wecom,ding")
        .env("WECOM_CORP_ID", common::wecom::CORP_ID)
        .env("WECOM_CORP_SECRET", common::wecom::CORP_SECRET)
        .env("WECOM_AGENT_ID", common::wecom::AGENT_ID)
        .env("WECOM_BASE_URL", wecom.url())
        .env("DING_ACCESS_TOKEN", ding::TOKEN)
        .env("DING_SECRET", SECRET)
        .env("DING_BASE_URL", robot.url())
        .daemon()
        .expect("server starts");
    server.get("/ip/cheng_ip?msg=frank,198.51.100.7,success");
    let moved = server.get("/ip/cheng_ip?msg=frank,198.51.100.8,success");
    assert_eq!(moved.status, 200, "{moved:?}");
    // How the notification went is in the log now: the reply went out before it.
    assert!(
        server.log_has("notified via ding (fallback; via wecom FAILED: wecom: rejected by the service (errcode 60020)"),
        "{}",
        server.stderr()
    );
    let sent = wait_for(&robot, 2);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(
        sent[1].contains("add it to the app's 企业可信IP"),
        "{sent:?}"
    );
    assert!(wecom.sends().is_empty());
    assert!(
        server
            .stderr()
            .contains("sendmsg: hint: add this machine's public IP")
    );
}

/// Connections that send nothing, or a byte of a request head now and then: what a slow-client attack is.
fn hostile_clients(server: &Daemon, idle: usize, dribbling: usize) -> Vec<std::net::TcpStream> {
    use std::io::Write;
    let mut held = Vec::new();
    for i in 0..idle + dribbling {
        let mut stream = std::net::TcpStream::connect(server.addr).expect("connect");
        if i >= idle {
            stream.write_all(b"GET /ip/ali").expect("write");
        }
        held.push(stream);
    }
    held
}

/// `n` requests one after the other, each on its own connection: the slowest one's time.
fn slowest_of(server: &Daemon, n: usize) -> Duration {
    (0..n)
        .map(|_| {
            let started = Instant::now();
            assert_eq!(server.get("/healthz").status, 200);
            started.elapsed()
        })
        .max()
        .unwrap_or_default()
}

#[test]
fn hundreds_of_idle_and_dribbling_clients_do_not_delay_anyone() {
    use std::io::Write;
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &["--workers", "1"])
        .daemon()
        .expect("server starts");
    let mut held = hostile_clients(&server, 300, 200);
    for round in 0..3 {
        // Far below the 10 s a request head may take: a server that waited on one of them would show it, while
        // a loaded test machine (a few hundred ms of scheduling delay) does not fail the test.
        assert!(
            slowest_of(&server, 30) < Duration::from_secs(3),
            "round {round}"
        );
        // A byte more for each dribbling client, as a slow-loris does.
        for stream in &mut held[300..] {
            let _ = stream.write_all(b"c");
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    server.get("/ip/cheng_ip?msg=alice,203.0.113.5,success");
    assert_eq!(server.get("/ip/alice").body, "203.0.113.5\n");
    drop(held);
}

#[test]
fn clients_pipelining_large_requests_without_reading_stall_only_themselves() {
    use std::io::Write;
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &["--workers", "2"])
        .daemon()
        .expect("server starts");
    let addr = server.addr;
    let body = "x".repeat(60 * 1024);
    let request = format!(
        "POST /api/send_msg HTTP/1.1\r\nhost: x\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let writers: Vec<_> = (0..4)
        .map(|_| {
            let request = request.clone();
            std::thread::spawn(move || {
                let mut stream = std::net::TcpStream::connect(addr).expect("connect");
                stream
                    .set_write_timeout(Some(Duration::from_secs(2)))
                    .expect("timeout");
                // Never reads: once the buffers are full the write times out.
                let written = (0..2000)
                    .take_while(|_| stream.write_all(request.as_bytes()).is_ok())
                    .count();
                (stream, written)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    assert!(slowest_of(&server, 30) < Duration::from_millis(500));
    for writer in writers {
        let (_stream, written) = writer.join().expect("writer");
        assert!(
            written < 2000,
            "the server must stop reading a client that does not read"
        );
    }
    assert!(slowest_of(&server, 10) < Duration::from_millis(500));
}

#[test]
fn past_max_connections_a_client_gets_503_and_the_log_says_so_once_a_second() {
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &["--max-connections", "4"])
        .daemon()
        .expect("server starts");
    let held = hostile_clients(&server, 4, 0);
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..20 {
        let reply = server.get("/healthz");
        assert_eq!(reply.status, 503, "{reply:?}");
        assert!(reply.headers.contains("connection: close"), "{reply:?}");
    }
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.get("/healthz").status != 200 {
        assert!(Instant::now() < deadline, "the slots were not freed");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(server.log_has("--max-connections"));
    let lines = server
        .stderr()
        .lines()
        .filter(|l| l.contains("503") && l.contains("--max-connections"))
        .count();
    assert!((1..=3).contains(&lines), "{}", server.stderr());
}

#[test]
fn a_request_head_or_body_that_does_not_arrive_in_time_is_cut_off() {
    use std::io::{Read, Write};
    let sandbox = Sandbox::new();
    let server = serve(&sandbox, &[])
        .env("SENDMSG_DDNS_HEAD_TIMEOUT_MS", "400")
        .env("SENDMSG_DDNS_BODY_TIMEOUT_MS", "400")
        .daemon()
        .expect("server starts");
    let read_all = |stream: &mut std::net::TcpStream| {
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        let mut reply = String::new();
        let _ = stream.read_to_string(&mut reply);
        reply
    };
    let started = Instant::now();
    let mut body_late = std::net::TcpStream::connect(server.addr).expect("connect");
    body_late
        .write_all(b"POST /api/send_msg HTTP/1.1\r\ncontent-length: 10\r\n\r\nhal")
        .expect("write");
    let reply = read_all(&mut body_late);
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    assert!(reply.contains("connection: close"), "{reply}");
    let mut head_late = std::net::TcpStream::connect(server.addr).expect("connect");
    head_late.write_all(b"GET /heal").expect("write");
    assert_eq!(read_all(&mut head_late), "", "closed without a reply");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(server.log_has("408"), "{}", server.stderr());
    assert_eq!(server.get("/healthz").status, 200);
}

/// A robot that takes each request but answers only after the sender's timeout: the notification may
/// have been delivered (it was), so it is never sent again, and the history says `unconfirmed`.
#[test]
fn a_robot_that_answers_after_the_timeout_gets_each_notification_once() {
    let sandbox = Sandbox::new();
    let robot = MockServer::start(|req| {
        std::thread::sleep(Duration::from_millis(2500));
        ding::check(req, ding::TOKEN, Some(SECRET))
    });
    let server = notifying(&sandbox, &robot, &["--timeout", "1"])
        .env("SENDMSG_OUTBOX_BACKOFF_MS", "100")
        .daemon()
        .expect("server starts");
    let started = Instant::now();
    let reply = server.get("/ip/cheng_ip?msg=jo,2001:db8::5,success,home.example.com");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(reply.body.contains("notification queued"), "{reply:?}");
    assert_eq!(
        wait_for(&robot, 1),
        ["jo: IPv6 is 2001:db8::5 (home.example.com)"]
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.log_has("not resent") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    // Well past the backoff: nothing more went out.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(robot.requests().len(), 1, "resent: {:?}", texts(&robot));
    assert!(
        server.log_has("it may have been delivered: not resent"),
        "{}",
        server.stderr()
    );
    let history = common::read(&sandbox.state("history.jsonl"));
    let last: serde_json::Value =
        serde_json::from_str(history.lines().last().unwrap_or_default()).unwrap_or_default();
    assert_eq!(last["status"], "unconfirmed", "{history}");
    assert_eq!(
        std::fs::read_dir(sandbox.state("outbox")).map_or(0, Iterator::count),
        0
    );
}

/// Both senders of serve-ddns, the delivery thread and `/api/send`, share one transport: while one waits on
/// a robot that stalls, the other's request still goes out and is answered at once.
#[test]
fn api_send_is_answered_while_a_delivery_waits_on_a_stalled_robot() {
    let sandbox = Sandbox::new();
    let robot = ding::robot_after(vec![common::mock::Reply::Stall(Duration::from_secs(4))]);
    let server = notifying(&sandbox, &robot, &["--timeout", "3"])
        .daemon()
        .expect("server starts");
    server.get("/ip/cheng_ip?msg=jo,2001:db8::5,success,home.example.com");
    // The delivery's request has reached the robot, which holds it.
    wait_for(&robot, 1);
    let started = Instant::now();
    assert_eq!(server.get("/api/send?msg=disk+full").status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "waited for the stalled delivery: {:?}",
        started.elapsed()
    );
    assert_eq!(wait_for(&robot, 2)[1], "disk full");
}

#[test]
fn a_robot_that_recovers_gets_exactly_one_notification_then_the_recovery_notice() {
    let sandbox = Sandbox::new();
    let busy = || common::mock::Reply::status(503, "busy");
    let robot = ding::robot_after(vec![busy(), busy()]);
    let server = notifying(&sandbox, &robot, &[])
        .env("SENDMSG_OUTBOX_BACKOFF_MS", "100")
        .daemon()
        .expect("server starts");
    let user = "/ip/cheng_ip?msg=%E5%B0%8F%E5%AE%87,2001:db8::1";
    server.get(&format!("{user},%E6%88%90%E5%8A%9F,home.example.com"));
    let sent = wait_for(&robot, 3);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        robot.requests().len(),
        3,
        "two 503s, then one delivery: {sent:?}"
    );
    assert_eq!(sent[2], "小宇: IPv6 is 2001:db8::1 (home.example.com)");
    server.get(&format!("{user},%E5%A4%B1%E8%B4%A5,home.example.com"));
    assert_eq!(
        wait_for(&robot, 4)[3],
        "小宇: DNS update failed for home.example.com (address still 2001:db8::1)"
    );
    server.get(&format!("{user},%E6%88%90%E5%8A%9F,home.example.com"));
    assert_eq!(
        wait_for(&robot, 5)[4],
        "小宇: DNS update recovered (home.example.com)"
    );
    assert_eq!(
        server.get("/ip/%E5%B0%8F%E5%AE%87?family=6").body,
        "2001:db8::1\n"
    );
    assert_eq!(server.get("/ip/%E5%B0%8F%E5%AE%87?family=4").status, 404);
    // The entry is removed just after the robot's answer: give the server a moment to do it.
    let outbox = sandbox.state("outbox");
    let pending = || std::fs::read_dir(&outbox).expect("outbox").count();
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    while pending() > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(pending(), 0, "a delivered notification leaves the outbox");
}

#[test]
fn a_pending_notification_survives_kill_9_and_is_sent_after_the_restart() {
    let sandbox = Sandbox::new();
    let up = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&up);
    let robot = MockServer::start(move |req| {
        if flag.load(Ordering::SeqCst) {
            ding::check(req, ding::TOKEN, Some(SECRET))
        } else {
            common::mock::Reply::status(503, "down")
        }
    });
    let start = || {
        notifying(&sandbox, &robot, &[])
            .env("SENDMSG_OUTBOX_BACKOFF_MS", "100")
            .daemon()
            .expect("server starts")
    };
    let mut server = start();
    server.get("/ip/cheng_ip?msg=kim,198.51.100.20,success");
    assert!(server.log_has("next try in"), "{}", server.stderr());
    let _ = server.child.kill(); // SIGKILL
    let _ = server.child.wait();
    let outbox = sandbox.state("outbox");
    let pending: Vec<_> = std::fs::read_dir(&outbox)
        .expect("outbox")
        .filter_map(Result::ok)
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(pending.len(), 1, "{pending:?}");
    let entry = std::fs::read_to_string(pending[0].path()).expect("entry");
    assert!(entry.contains("kim: IPv4 is 198.51.100.20"), "{entry}");
    assert!(
        !entry.contains(ding::TOKEN) && !entry.contains(SECRET),
        "{entry}"
    );
    let tried = robot.requests().len();
    up.store(true, Ordering::SeqCst);
    let again = start();
    let sent = wait_for(&robot, tried + 1);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        sent.last().map(String::as_str),
        Some("kim: IPv4 is 198.51.100.20")
    );
    assert_eq!(robot.requests().len(), tried + 1);
    assert!(again.log_has("notified via ding"), "{}", again.stderr());
    assert_eq!(std::fs::read_dir(&outbox).expect("outbox").count(), 0);
}

#[test]
fn a_notify_channel_without_its_credential_stops_start_up() {
    let sandbox = Sandbox::new();
    let out = serve(&sandbox, &["--notify", "ding"]).run();
    out.code(3).one_error_line().stderr_has("DING_ACCESS_TOKEN");
    assert!(!out.stderr.contains("listening"), "{out:?}");
}

/// ddns-go sends every domain it updates: a list of any length up to the body limit is recorded (GET and
/// POST), and the notification names the first ones and counts the rest.
#[test]
fn a_domain_list_of_any_length_is_accepted() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let server = serve_notifying(&sandbox, &robot);
    let domains: Vec<String> = (0..3000).map(|i| format!("h{i:04}.example.com")).collect();
    let list = domains.join(",");
    assert!(list.len() > 50_000);
    let reply = server.get(&format!("/ip/cheng_ip?msg=lin,2001:db8::7,success,{list}"));
    assert_eq!(reply.status, 200, "{reply:?}");
    let body = serde_json::json!({"user": "mei", "ipv4Addr": "198.51.100.9", "ipv4Result": "success", "ipv4Domains": list});
    let reply = server.post("/ip/cheng_ip", body.to_string().as_bytes());
    assert_eq!(reply.status, 200, "{reply:?}");
    let sent = wait_for(&robot, 2);
    let shown = domains[..16].join(",");
    assert_eq!(
        sent[0],
        format!("lin: IPv6 is 2001:db8::7 ({shown} and 2984 more)")
    );
    assert_eq!(
        sent[1],
        format!("mei: IPv4 is 198.51.100.9 ({shown} and 2984 more)")
    );
    let record = server.get("/ip/lin");
    assert_eq!(record.body, "2001:db8::7\n");
}

/// The outbox on a full filesystem (a small tmpfs mounted in the server's own mount namespace): the
/// webhook gets 503 and nothing is recorded, so ddns-go's next update notifies again; once there is room,
/// the same update is recorded and its notification delivered. Nothing is lost.
#[test]
fn a_full_outbox_gives_503_and_loses_nothing() {
    if !std::process::Command::new("unshare")
        .args(["-m", "true"])
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("skipped: unshare -m is not permitted here");
        return;
    }
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let outbox = sandbox.state("outbox");
    std::fs::create_dir_all(&outbox).expect("outbox dir");
    let fill = outbox.join("fill");
    let mut run = notifying(&sandbox, &robot, &[]);
    let program = run.cmd.get_program().to_owned();
    let args: Vec<std::ffi::OsString> = run.cmd.get_args().map(ToOwned::to_owned).collect();
    let mut cmd = std::process::Command::new("unshare");
    cmd.arg("-m")
        .arg("sh")
        .arg("-c")
        .arg(format!(
            "mount -t tmpfs -o size=64k,mode=0700 tmpfs '{dir}' && \
             (dd if=/dev/zero of='{fill}' bs=4k count=64 2>/dev/null; true) && exec \"$0\" \"$@\"",
            dir = outbox.display(),
            fill = fill.display()
        ))
        .arg(program)
        .args(args);
    for (key, value) in run.cmd.get_envs() {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    }
    run.cmd = cmd;
    let server = run.daemon().expect("server starts");
    let webhook = "/ip/cheng_ip?msg=ada,198.51.100.77,success";
    let reply = server.get(webhook);
    assert_eq!(reply.status, 503, "{reply:?}");
    assert!(
        reply.body.starts_with(
            "not recorded: the notification could not be queued: cannot write the outbox"
        ),
        "{reply:?}"
    );
    assert_eq!(
        server.get("/ip/ada").status,
        404,
        "recorded without its notification"
    );
    assert!(robot.requests().is_empty());
    // Room again (the file, seen through the server's own mounts).
    let inside = std::path::Path::new("/proc")
        .join(server.child.id().to_string())
        .join("root")
        .join(fill.strip_prefix("/").expect("absolute"));
    std::fs::remove_file(&inside).expect("free the tmpfs");
    let reply = server.get(webhook);
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(wait_for(&robot, 1), ["ada: IPv4 is 198.51.100.77"]);
    assert_eq!(server.get("/ip/ada").body, "198.51.100.77\n");
}

/// `/api/send` waits on a channel, but 200 of them waiting on a stalled robot do not delay a webhook: it is
/// answered within a second.
#[test]
fn two_hundred_api_sends_to_a_stalled_channel_do_not_delay_a_webhook() {
    let sandbox = Sandbox::new();
    let robot = MockServer::start(|_| common::mock::Reply::Stall(Duration::from_secs(8)));
    let server = notifying(&sandbox, &robot, &["--timeout", "5"])
        .daemon()
        .expect("server starts");
    let addr = server.addr;
    let senders: Vec<_> = (0..200)
        .map(|i| {
            std::thread::spawn(move || {
                let _ = try_request(addr, "GET", &format!("/api/send?msg=stalled+{i}"), &[], b"");
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(10);
    while robot.requests().len() < 16 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let reply = server.get("/ip/cheng_ip?msg=bo,2001:db8::9,success");
    let took = started.elapsed();
    assert_eq!(reply.status, 200, "{reply:?}");
    assert!(took < Duration::from_secs(1), "the webhook waited {took:?}");
    drop(senders);
}

/// A message queued by the CLI (`--markdown`) is the CLI's: the server, notifying the same robot, leaves it
/// to `sendmsg outbox flush`, which sends it as it was meant (markdown).
#[test]
fn the_server_leaves_a_cli_entry_to_outbox_flush() {
    let sandbox = Sandbox::new();
    let up = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&up);
    let robot = MockServer::start(move |req| {
        if flag.load(Ordering::SeqCst) {
            ding::check(req, ding::TOKEN, Some(SECRET))
        } else {
            common::mock::Reply::status(503, "down")
        }
    });
    ding::configure(
        sandbox.sendmsg(["--queue", "ding", "--markdown", "# disk full"]),
        &robot,
    )
    .env("SENDMSG_RETRIES", "0")
    .run()
    .code(0)
    .stderr_has("ding: queued (id ");
    up.store(true, Ordering::SeqCst);
    let server = notifying(&sandbox, &robot, &[])
        .daemon()
        .expect("server starts");
    server.get("/ip/cheng_ip?msg=eve,198.51.100.5,success");
    wait_for(&robot, 2);
    std::thread::sleep(Duration::from_secs(1));
    let requests = robot.requests();
    assert_eq!(requests.len(), 2, "{:?}", texts(&robot));
    assert_eq!(
        requests[1].json()["text"]["content"],
        "eve: IPv4 is 198.51.100.5"
    );
    drop(server);
    ding::configure(sandbox.sendmsg(["outbox", "flush", "--now"]), &robot)
        .run()
        .code(0);
    let last = robot.requests().pop().map(|r| r.json()).unwrap_or_default();
    assert_eq!(last["msgtype"], "markdown", "{last}");
}
