//! `sendmsg bark` end to end against a mock bark-server: one push per device key, its 400 envelope for an
//! unknown key, and `check`'s registration probe that pushes nothing.

use crate::common;

use common::Sandbox;
use common::bark::{self, KEY, OTHER_KEY, pushes};
use common::daemon::Daemon;
use common::mock::{MockServer, Reply};
use std::time::{Duration, Instant};

fn bark_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["bark"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("BARK_DEVICE_KEY", KEY)
        .env("BARK_BASE_URL", server.url())
}

/// The readable name a device key gets in output: `device:` and 8 hex digits of its SHA-256.
fn label(key: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("device:{}", &hex[..8])
}

#[test]
fn a_push_has_bark_v2_shape_with_every_option() {
    let sandbox = Sandbox::new();
    let server = bark::server();
    bark_cmd(
        &sandbox,
        &server,
        &[
            "--title",
            "web-1",
            "--group",
            "ops",
            "--level",
            "timeSensitive",
            "--url",
            "https://status.example.com",
            "--sound",
            "minuet",
            "disk full",
        ],
    )
    .run()
    .code(0)
    .stderr_has("bark: sent");
    assert_eq!(
        pushes(&server),
        [serde_json::json!({
            "device_key": KEY, "title": "web-1", "body": "disk full", "group": "ops",
            "level": "timeSensitive", "url": "https://status.example.com", "sound": "minuet"
        })]
    );
    bark_cmd(&sandbox, &server, &["--level", "loud", "x"])
        .run()
        .code(2);
    assert_eq!(pushes(&server).len(), 1);
}

#[test]
fn two_device_keys_are_two_requests() {
    let sandbox = Sandbox::new();
    let server = bark::server();
    bark_cmd(&sandbox, &server, &["hello"])
        .env("BARK_DEVICE_KEY", format!("{KEY},{OTHER_KEY}"))
        .run()
        .code(0)
        .stderr_has("bark: sent to 2 recipients");
    let keys: Vec<serde_json::Value> = pushes(&server)
        .iter()
        .map(|p| p["device_key"].clone())
        .collect();
    assert_eq!(keys, [KEY, OTHER_KEY]);
}

#[test]
fn one_unknown_device_is_exit_1_naming_it_and_who_got_the_message() {
    let sandbox = Sandbox::new();
    let server = bark::server();
    let unknown = "UnknownDeviceKey0000000";
    let out = bark_cmd(
        &sandbox,
        &server,
        &["--device-key", unknown, "--device-key", OTHER_KEY, "hello"],
    )
    .secret(unknown)
    .run();
    out.code(1).one_error_line().stderr_has(&format!(
        "bark: rejected by the service (code 400): 1 of 2 recipients failed: {}: rejected by the service (code 400): \
         failed to get device token: failed to get [***] device token from database (delivered to {})",
        label(unknown),
        label(OTHER_KEY)
    ));
    assert_eq!(pushes(&server).len(), 2, "the other device still got it");
}

#[test]
fn dry_run_and_verbose_mask_the_device_key() {
    let sandbox = Sandbox::new();
    let server = bark::server();
    bark_cmd(&sandbox, &server, &["--dry-run", "hi"])
        .run()
        .code(0)
        .stdout_has(r#""body":{"device_key":"***","body":"hi"}"#);
    assert!(server.requests().is_empty());
    bark_cmd(&sandbox, &server, &["-v", "hi"])
        .run()
        .code(0)
        .stderr_has("bark: POST");
}

#[test]
fn a_long_body_is_split_to_fit_apples_payload() {
    let sandbox = Sandbox::new();
    let server = bark::server();
    let long: String = (0..200)
        .map(|i| format!("line {i:03} of the log\n"))
        .collect();
    bark_cmd(&sandbox, &server, &[])
        .stdin(long)
        .run()
        .code(0)
        .stderr_has("in 2 parts");
    for push in pushes(&server) {
        let sent = serde_json::to_string(&push).unwrap_or_default();
        assert!(sent.len() <= 4096 - 256, "{}", sent.len());
    }
}

#[test]
fn check_asks_the_server_about_each_key_without_pushing() {
    let sandbox = Sandbox::new();
    let server = bark::server();
    let unknown = "UnknownDeviceKey0000000";
    let out = sandbox
        .sendmsg(["--retries", "0", "check", "bark"])
        .env("BARK_DEVICE_KEY", format!("{KEY},{unknown}"))
        .env("BARK_BASE_URL", server.url())
        .secret(unknown)
        .run();
    out.code(1)
        .stdout_has(&format!(
            "✓ bark: {}: registered on {}",
            label(KEY),
            server.url()
        ))
        .stdout_has(&format!(
            "✗ bark: {}: rejected by the service (code 400)",
            label(unknown)
        ));
    assert!(pushes(&server).is_empty());
    let paths: Vec<String> = server.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        [format!("/register/{KEY}"), format!("/register/{unknown}")]
    );
}

#[test]
fn serve_ddns_notifies_through_bark() {
    let sandbox = Sandbox::new();
    let server = bark::server();
    let daemon: Daemon = sandbox
        .sendmsg([
            "serve-ddns",
            "--listen",
            "127.0.0.1:0",
            "--notify",
            "bark",
            "--retries",
            "0",
        ])
        .env("BARK_DEVICE_KEY", KEY)
        .env("BARK_BASE_URL", server.url())
        .daemon()
        .expect("server starts");
    let reply = daemon.get("/ip/cheng_ip?msg=alice,192.0.2.7,success");
    assert_eq!(reply.status, 200, "{reply:?}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while pushes(&server).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent = pushes(&server);
    assert_eq!(sent.len(), 1, "{}", daemon.stderr());
    assert_eq!(sent[0]["device_key"], KEY);
    assert!(
        sent[0]["body"]
            .as_str()
            .is_some_and(|b| b.contains("192.0.2.7")),
        "{sent:?}"
    );
}

/// bark-server's HTTP 500 with its envelope is APNs refusing the push (a dead device key): the service's
/// answer, shown with its message and never retried. A bare 500 (a proxy's) is still retried.
#[test]
fn a_dead_device_key_is_a_rejection_with_bark_servers_message_not_retried() {
    let sandbox = Sandbox::new();
    let server = bark::server();
    let out = bark_cmd(
        &sandbox,
        &server,
        &["--device-key", bark::DEAD_KEY, "--retries", "3", "hello"],
    )
    .secret(bark::DEAD_KEY)
    .run();
    out.code(1).one_error_line().stderr_has(
        "sendmsg: error: bark: rejected by the service (code 500): push failed: BadDeviceToken",
    );
    assert_eq!(pushes(&server).len(), 1, "retried");
    let proxy = MockServer::start(|_| Reply::status(500, "<html>502 Bad Gateway</html>"));
    bark_cmd(
        &sandbox,
        &proxy,
        &["--device-key", KEY, "--retries", "1", "hello"],
    )
    .run()
    .code(4)
    .stderr_has("HTTP 500");
    assert_eq!(proxy.requests().len(), 2);
}
