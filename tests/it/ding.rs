//! `sendmsg ding` end to end against a mock DingTalk that verifies signatures like the real one.

use crate::common;

use common::ding::{self, SECRET, TOKEN};
use common::mock::{MockServer, Reply};
use common::{Output, Sandbox};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// `sendmsg ding ARGS` configured for `server`.
fn ding_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["ding"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("DING_ACCESS_TOKEN", TOKEN)
        .env("DING_SECRET", SECRET)
        .env("DING_BASE_URL", server.url())
}

/// Every signature the mock received must stay out of the output too.
fn run_checked(run: common::Run, server: &MockServer) -> Output {
    let output = run.run();
    for req in server.requests() {
        if let Some(sign) = req.query("sign") {
            assert!(
                !output.stdout.contains(&sign) && !output.stderr.contains(&sign),
                "{output:?}"
            );
        }
    }
    output
}

#[test]
fn a_signed_text_is_accepted() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = run_checked(
        ding_cmd(&sandbox, &server, &["disk", "full", "on", "web-1"]),
        &server,
    );
    out.code(0).stderr_has("ding: sent");
    assert_eq!(out.stdout, "");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(
        reqs[0].text(),
        r#"{"msgtype":"text","text":{"content":"disk full on web-1"}}"#
    );
}

#[test]
fn a_wrong_secret_fails_the_signature_check_and_is_not_retried() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = run_checked(
        ding_cmd(&sandbox, &server, &["hello"]).env("DING_SECRET", "SECwrongwrongwrong"),
        &server,
    );
    out.code(1)
        .one_error_line()
        .stderr_has("ding: rejected by the service (errcode 310000): sign not match");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_robot_without_signing_gets_no_timestamp_or_sign() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(|req| ding::check(req, TOKEN, None));
    let mut cmd = ding_cmd(&sandbox, &server, &["plain"]);
    cmd.cmd.env_remove("DING_SECRET");
    cmd.run().code(0);
    let req = &server.requests()[0];
    assert_eq!(req.raw_query, format!("access_token={TOKEN}"));
}

#[test]
fn the_whole_webhook_url_works_as_the_token() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    // The pasted URL names its own host; DING_BASE_URL may say the same, not something else.
    let url = format!("{}/robot/send?access_token={TOKEN}", server.url());
    run_checked(
        ding_cmd(&sandbox, &server, &["hi"]).env("DING_ACCESS_TOKEN", url),
        &server,
    )
    .code(0);
}

#[test]
fn markdown_with_mentions_has_dingtalks_shape() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let args = [
        "--markdown",
        "--title",
        "Deploy",
        "**done** @13800138000",
        "--at-mobile",
        "13800138000",
        "--at-user",
        "u123",
        "--at-all",
    ];
    run_checked(ding_cmd(&sandbox, &server, &args), &server).code(0);
    let body = server.requests()[0].json();
    assert_eq!(
        body,
        serde_json::json!({
            "msgtype": "markdown",
            "markdown": {"title": "Deploy", "text": "**done** @13800138000\n\n@u123"},
            "at": {"atMobiles": ["13800138000"], "atUserIds": ["u123"], "isAtAll": true}
        })
    );
}

#[test]
fn a_mention_the_text_does_not_name_is_added_so_it_pings() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let args = [
        "disk full on web-1",
        "--at-mobile",
        "13800138000",
        "--at-mobile",
        "13900139000",
        "--at-user",
        "manager1",
    ];
    run_checked(
        ding_cmd(
            &sandbox,
            &server,
            &[&args[..], &["--", "cc @13900139000"]].concat(),
        ),
        &server,
    )
    .code(0);
    let body = server.requests()[0].json();
    assert_eq!(
        body["text"]["content"], "disk full on web-1 cc @13900139000\n@13800138000 @manager1",
        "DingTalk pings only whom the text names as well as atMobiles/atUserIds"
    );
    assert_eq!(
        body["at"]["atMobiles"],
        serde_json::json!(["13800138000", "13900139000"])
    );
}

#[test]
fn a_text_title_becomes_the_first_line() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = run_checked(
        ding_cmd(&sandbox, &server, &["--title", "build failed"]).stdin("error: x\n"),
        &server,
    );
    out.code(0);
    assert_eq!(
        server.requests()[0].json()["text"]["content"],
        "build failed\nerror: x"
    );
}

#[test]
fn a_bad_mention_is_refused_before_sending() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = ding_cmd(&sandbox, &server, &["hi", "--at-mobile", "call-me"]).run();
    out.code(2).one_error_line().stderr_has("call-me");
    assert!(server.requests().is_empty());
}

#[test]
fn the_body_comes_from_stdin_dash_or_a_file() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    ding_cmd(&sandbox, &server, &[])
        .stdin("from stdin\n")
        .run()
        .code(0);
    ding_cmd(&sandbox, &server, &["-"])
        .stdin("from dash")
        .run()
        .code(0);
    let file = sandbox.write("msg.txt", "from a file\n");
    ding_cmd(
        &sandbox,
        &server,
        &["--file", file.to_str().unwrap_or_default()],
    )
    .run()
    .code(0);
    assert_eq!(
        ding::texts(&server),
        ["from stdin", "from dash", "from a file"]
    );
}

#[test]
fn an_empty_body_is_bad_input_and_sends_nothing() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    ding_cmd(&sandbox, &server, &[])
        .run()
        .code(2)
        .one_error_line()
        .stderr_has("the message is empty");
    ding_cmd(&sandbox, &server, &[]).stdin(" \n").run().code(2);
    let missing = ding_cmd(&sandbox, &server, &["--file", "nope.txt"]).run();
    missing.code(2).stderr_has("nope.txt");
    assert!(server.requests().is_empty());
}

/// A 30 KB body of Chinese log lines: 3 bytes a character, 2 bytes an escaped newline.
fn long_log() -> String {
    (1..=1000)
        .map(|i| format!("第{i:04}行 构建日志 error\n"))
        .collect::<String>()
}

#[test]
fn a_long_body_is_split_into_parts_over_one_connection() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let body = long_log();
    let out = run_checked(
        ding_cmd(&sandbox, &server, &[]).stdin(body.clone()),
        &server,
    );
    out.code(0).stderr_has("ding: sent in 2 parts");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(server.connections(), 1, "parts must share one connection");
    let mut joined = String::new();
    for (i, req) in reqs.iter().enumerate() {
        assert!(req.body.len() <= 20_000);
        let content = req.json()["text"]["content"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let prefix = format!("({}/2) ", i + 1);
        assert!(content.starts_with(&prefix), "{content:.40}");
        joined.push_str(&content[prefix.len()..]);
    }
    assert_eq!(joined, body.trim_end_matches('\n'));
}

#[test]
fn truncate_sends_one_part_with_head_and_tail() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let body = long_log();
    run_checked(
        ding_cmd(&sandbox, &server, &["--overflow", "truncate"]).stdin(body),
        &server,
    )
    .code(0);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    let content = reqs[0].json()["text"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(content.starts_with("第0001行") && content.ends_with("第1000行 构建日志 error"));
    assert!(content.contains("bytes omitted]…"));
}

#[test]
fn error_mode_and_too_many_parts_send_nothing() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    ding_cmd(&sandbox, &server, &["--overflow", "error"])
        .stdin(long_log())
        .run()
        .code(2)
        .stderr_has("over the channel's limit");
    ding_cmd(&sandbox, &server, &["--max-parts", "1"])
        .stdin(long_log())
        .run()
        .code(2)
        .stderr_has("needs 2 parts")
        .stderr_has("nothing was sent");
    assert!(server.requests().is_empty());
}

#[test]
fn max_bytes_overrides_the_limit() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let body = "word ".repeat(100);
    run_checked(
        ding_cmd(&sandbox, &server, &["--max-bytes", "200"]).stdin(body),
        &server,
    )
    .code(0);
    let reqs = server.requests();
    assert!(reqs.len() > 1);
    assert!(reqs.iter().all(|r| r.body.len() <= 200));
}

#[test]
fn dry_run_prints_the_request_with_secrets_masked_and_sends_nothing() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = ding_cmd(&sandbox, &server, &["--dry-run", "hello"]).run();
    out.code(0);
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap_or_default();
    let url = line["url"].as_str().unwrap_or_default();
    let prefix = format!("{}/robot/send?access_token=***&timestamp=", server.url());
    assert!(
        url.starts_with(&prefix) && url.ends_with("&sign=***"),
        "{url}"
    );
    assert_eq!(line["channel"], "ding");
    assert_eq!(line["method"], "POST");
    assert_eq!(
        line["headers"],
        serde_json::json!({"content-type": "application/json"})
    );
    assert_eq!(
        line["body"],
        serde_json::json!({"msgtype": "text", "text": {"content": "hello"}})
    );
    assert!(server.requests().is_empty());
}

#[test]
fn dry_run_prints_every_part_and_needs_no_account() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .sendmsg(["--dry-run", "ding"])
        .stdin(long_log())
        .run();
    out.code(0).stderr_has("DING_ACCESS_TOKEN is not set");
    assert_eq!(out.stdout.lines().count(), 2);
    assert!(
        out.stdout
            .contains("https://oapi.dingtalk.com/robot/send?access_token=***")
    );
}

#[test]
fn a_missing_token_is_a_config_error_naming_the_variable() {
    let sandbox = Sandbox::new();
    let out = sandbox.sendmsg(["ding", "hello"]).run();
    out.code(3)
        .one_error_line()
        .stderr_has("DING_ACCESS_TOKEN is not set");
}

#[test]
fn a_malformed_base_url_is_a_config_error() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    ding_cmd(&sandbox, &server, &["hi"])
        .env("DING_BASE_URL", "oapi.dingtalk.com")
        .run()
        .code(3);
}

#[test]
fn transient_failures_are_retried_until_success() {
    let sandbox = Sandbox::new();
    let server = ding::robot_after(vec![
        Reply::status(503, "unavailable"),
        Reply::status(429, "slow down"),
        Reply::json(r#"{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}"#),
    ]);
    let out = run_checked(
        ding_cmd(&sandbox, &server, &["--retries", "3", "-v", "retry me"]),
        &server,
    );
    out.code(0)
        .stderr_has("retry 1/3")
        .stderr_has("errcode 130101");
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn a_connection_dropped_after_the_request_is_not_resent() {
    let sandbox = Sandbox::new();
    let server = ding::robot_after(vec![Reply::Drop]);
    run_checked(ding_cmd(&sandbox, &server, &["after a drop"]), &server)
        .code(4)
        .stderr_has("may have been delivered; not resent");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn persistent_transient_failure_exits_4_within_the_time_bound() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(|_| Reply::Stall(Duration::from_secs(30)));
    let started = Instant::now();
    let out = ding_cmd(
        &sandbox,
        &server,
        &["--timeout", "0.5", "--retries", "1", "stalled"],
    )
    .run();
    // One attempt of 0.5 s (a request that was sent is not resent), plus process start: far under 5 s.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    out.code(4)
        .one_error_line()
        .stderr_has("timed out after 0.5s")
        .stderr_has("may have been delivered; not resent");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_5xx_forever_exits_4() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(|_| Reply::status(502, "<html>bad gateway</html>"));
    ding_cmd(&sandbox, &server, &["--retries", "1", "x"])
        .run()
        .code(4)
        .stderr_has("HTTP 502");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn an_unreadable_2xx_is_exit_1_and_never_resent() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(|_| Reply::json("<html>ok?</html>"));
    ding_cmd(&sandbox, &server, &["x"])
        .run()
        .code(1)
        .stderr_has("may have been delivered");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_failing_part_stops_the_rest_and_says_what_went_out() {
    let sandbox = Sandbox::new();
    let server = MockServer::scripted(vec![Reply::json(ding::OK)], |_| {
        Reply::json(r#"{"errcode":430102,"errmsg":"inappropriate text"}"#)
    });
    let out = ding_cmd(&sandbox, &server, &[])
        .stdin(format!("{}\n{}", "a".repeat(15_000), "b".repeat(15_000)))
        .run();
    out.code(1)
        .one_error_line()
        .stderr_has("(part 2/2; parts 1-1 were delivered)");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn json_prints_the_envelope_with_the_reply_and_quiet_prints_nothing() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = run_checked(ding_cmd(&sandbox, &server, &["--json", "x"]), &server);
    out.code(0)
        .stdout_has(&format!(r#""replies":[{}]"#, ding::OK));
    assert_eq!(out.stdout.lines().count(), 1);
    let out = run_checked(ding_cmd(&sandbox, &server, &["-q", "x"]), &server);
    out.code(0);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
}

#[test]
fn verbose_logs_requests_with_secrets_masked() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = run_checked(ding_cmd(&sandbox, &server, &["-v", "x"]), &server);
    out.code(0)
        .stderr_has("ding: POST ")
        .stderr_has("access_token=***")
        .stderr_has("sign=***")
        .stderr_has("HTTP 200");
}

#[test]
fn a_secret_in_a_service_reply_is_masked() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(|_| {
        Reply::json(format!(
            r#"{{"errcode":400101,"errmsg":"token {TOKEN} does not exist"}}"#
        ))
    });
    ding_cmd(&sandbox, &server, &["x"])
        .run()
        .code(1)
        .stderr_has("token *** does not exist");
}

#[test]
fn the_process_environment_wins_over_the_env_file() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    sandbox.write(
        ".env",
        &format!(
            "DING_ACCESS_TOKEN=from-the-file\nDING_SECRET={SECRET}\nDING_BASE_URL={}\n",
            server.url()
        ),
    );
    // The destination is set in the process too: a `./.env` may not move a credential from elsewhere.
    sandbox
        .sendmsg(["ding", "x"])
        .env("DING_ACCESS_TOKEN", TOKEN)
        .env("DING_BASE_URL", server.url())
        .run()
        .code(0);
    // Without the process variable, the file's wrong token reaches the service.
    sandbox
        .sendmsg(["ding", "x"])
        .run()
        .code(1)
        .stderr_has("errcode 400101");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn env_files_are_found_by_flag_variable_and_xdg() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let contents = format!(
        "DING_ACCESS_TOKEN={TOKEN}\nDING_SECRET={SECRET}\nDING_BASE_URL={}\n",
        server.url()
    );
    let named = sandbox.write("conf/robot.env", &contents);
    sandbox
        .sendmsg([
            "ding",
            "--env-file",
            named.to_str().unwrap_or_default(),
            "x",
        ])
        .run()
        .code(0);
    sandbox
        .sendmsg(["ding", "x"])
        .env("SENDMSG_ENV_FILE", &named)
        .run()
        .code(0);
    std::fs::create_dir_all(sandbox.path("config/sendmsg")).ok();
    std::fs::write(sandbox.path("config/sendmsg/.env"), &contents).ok();
    sandbox.sendmsg(["ding", "x"]).run().code(0);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_named_env_file_must_exist_and_parse() {
    let sandbox = Sandbox::new();
    sandbox
        .sendmsg(["ding", "--env-file", "missing.env", "x"])
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("missing.env does not exist");
    sandbox.write(
        "bad.env",
        &format!("DING_ACCESS_TOKEN={TOKEN}\nDING_SECRET=\"{SECRET}\n"),
    );
    let out = sandbox
        .sendmsg(["ding", "--env-file", "bad.env", "x"])
        .run();
    out.code(3)
        .one_error_line()
        .stderr_has("line 2 is malformed");
}

/// A TLS server on 127.0.0.1 with a self-signed certificate (no system trusts it); counts the connections.
fn untrusted_tls_server() -> (std::net::SocketAddr, Arc<AtomicUsize>) {
    use rustls::pki_types::PrivateKeyDer;
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).expect("cert");
    let key = PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_no_client_auth()
    .with_single_cert(vec![certified.cert.der().clone()], key)
    .expect("server config");
    let config = Arc::new(config);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    std::thread::spawn(move || {
        for mut tcp in listener.incoming().flatten() {
            counter.fetch_add(1, Ordering::SeqCst);
            let mut tls = rustls::ServerConnection::new(Arc::clone(&config)).expect("tls");
            while tls.is_handshaking() && tls.complete_io(&mut tcp).is_ok() {}
        }
    });
    (addr, accepted)
}

#[test]
fn plain_http_needs_no_ca_store_and_https_is_still_verified() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    // The system's CA store is read on the first TLS handshake only: none at all is no problem over HTTP.
    let nowhere = sandbox.path("no-ca-certificates");
    run_checked(
        ding_cmd(&sandbox, &server, &["over", "http"])
            .env("SSL_CERT_FILE", &nowhere)
            .env("SSL_CERT_DIR", &nowhere),
        &server,
    )
    .code(0);
    assert_eq!(server.requests().len(), 1);
    // Over HTTPS the certificate is verified against the system's roots: a self-signed one is refused.
    // A verification failure is a configuration error (exit 3) naming the host, never retried.
    let (tls, accepted) = untrusted_tls_server();
    let out = ding_cmd(&sandbox, &server, &["over", "https"])
        .env("DING_BASE_URL", format!("https://127.0.0.1:{}", tls.port()))
        .env("SENDMSG_RETRIES", "2")
        .run();
    out.code(3).one_error_line().stderr_has(&format!(
        "certificate of 127.0.0.1:{} is not trusted",
        tls.port()
    ));
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "one attempt");
}
