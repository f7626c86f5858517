//! `sendmsg feishu` end to end against a mock Feishu bot that verifies signatures and the clock window
//! like the real one, and proof that the mock refuses what Feishu refuses.

use crate::common;

use common::feishu::{self, SECRET, TOKEN};
use common::mock::{MockServer, Recorded, Reply};
use common::{Output, Sandbox};

/// `sendmsg feishu ARGS` configured for `server`.
fn feishu_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["feishu"];
    all.extend_from_slice(args);
    feishu::configure(sandbox.sendmsg(all), server)
}

/// Every signature the mock received must stay out of the output too.
fn run_checked(run: common::Run, server: &MockServer) -> Output {
    let output = run.run();
    for req in server.requests() {
        if let Some(sign) = req.json()["sign"].as_str() {
            assert!(
                !output.stdout.contains(sign) && !output.stderr.contains(sign),
                "{output:?}"
            );
        }
    }
    output
}

#[test]
fn a_signed_text_is_accepted() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    let out = run_checked(
        feishu_cmd(&sandbox, &server, &["disk", "full", "on", "web-1"]),
        &server,
    );
    out.code(0).stderr_has("feishu: sent");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, format!("/open-apis/bot/v2/hook/{TOKEN}"));
    let body = reqs[0].json();
    assert_eq!(body["msg_type"], "text");
    assert_eq!(
        body["content"],
        serde_json::json!({"text": "disk full on web-1"})
    );
    assert_eq!(body["timestamp"].as_str().map(str::len), Some(10));
}

#[test]
fn a_wrong_secret_is_refused_with_a_hint_and_not_retried() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    let out = run_checked(
        feishu_cmd(&sandbox, &server, &["hello"]).env("FEISHU_SECRET", "fsWrongWrongWrong"),
        &server,
    );
    out.code(1)
        .one_error_line()
        .stderr_has("feishu: rejected by the service (code 19021): sign match fail or timestamp")
        .stderr_has("sendmsg: hint: signature or clock");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_bot_without_signing_gets_no_timestamp_or_sign() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(|req| feishu::check(req, TOKEN, None));
    let mut cmd = feishu_cmd(&sandbox, &server, &["plain"]);
    cmd.cmd.env_remove("FEISHU_SECRET");
    cmd.run().code(0);
    assert_eq!(
        server.requests()[0].text(),
        r#"{"msg_type":"text","content":{"text":"plain"}}"#
    );
}

#[test]
fn the_whole_webhook_url_is_used_as_given_and_a_contradicting_base_url_is_refused() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    let url = format!("{}/open-apis/bot/v2/hook/{TOKEN}", server.url());
    let mut cmd = feishu_cmd(&sandbox, &server, &["hi"]).env("FEISHU_WEBHOOK", &url);
    cmd.cmd.env_remove("FEISHU_BASE_URL");
    run_checked(cmd, &server).code(0);
    assert_eq!(server.requests().len(), 1);

    feishu_cmd(&sandbox, &server, &["hi"])
        .env("FEISHU_WEBHOOK", &url)
        .env("FEISHU_BASE_URL", "https://open.larksuite.com")
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("FEISHU_BASE_URL is https://open.larksuite.com");
    assert_eq!(server.requests().len(), 1, "nothing more was sent");
}

#[test]
fn a_wrong_token_is_rejected_with_the_services_message() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    feishu_cmd(&sandbox, &server, &["hi"])
        .env("FEISHU_WEBHOOK", "0000-wrong-token")
        .run()
        .code(1)
        .stderr_has("(code 19001): param invalid: incoming webhook access token invalid")
        .stderr_has("sendmsg: hint: the webhook token is wrong");
}

#[test]
fn markdown_is_a_card_with_a_header_and_card_mentions() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    let args = [
        "--markdown",
        "--title",
        "Deploy",
        "**done**",
        "--at-all",
        "--at-user",
        "ou_7d8a6e6df7621556ce0d21922b676706",
    ];
    run_checked(feishu_cmd(&sandbox, &server, &args), &server).code(0);
    let body = server.requests()[0].json();
    assert_eq!(body["msg_type"], "interactive");
    assert_eq!(
        body["card"],
        serde_json::json!({
            "header": {"title": {"tag": "plain_text", "content": "Deploy"}},
            "elements": [{
                "tag": "markdown",
                "content": "**done**\n\n<at id=all></at> <at id=ou_7d8a6e6df7621556ce0d21922b676706></at>"
            }]
        })
    );
}

#[test]
fn text_mentions_and_title_are_in_the_text() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    let args = [
        "--title",
        "CI",
        "failed",
        "--at-all",
        "--at-user",
        "ou_1a2b",
    ];
    run_checked(feishu_cmd(&sandbox, &server, &args), &server).code(0);
    assert_eq!(
        feishu::texts(&server),
        ["CI\nfailed\n<at user_id=\"all\"></at> <at user_id=\"ou_1a2b\"></at>"]
    );
    feishu_cmd(&sandbox, &server, &["--at-user", "ou\"><b>", "x"])
        .run()
        .code(2)
        .stderr_has("--at-user");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn the_older_reply_shape_is_read_both_ways() {
    let sandbox = Sandbox::new();
    let ok = MockServer::start(|_| Reply::json(feishu::OK_OLD));
    feishu_cmd(&sandbox, &ok, &["x"]).run().code(0);
    let refused = MockServer::start(|_| {
        Reply::json(r#"{"Extra":null,"StatusCode":19024,"StatusMessage":"Key Words Not Found"}"#)
    });
    feishu_cmd(&sandbox, &refused, &["x"])
        .run()
        .code(1)
        .stderr_has("(code 19024): Key Words Not Found")
        .stderr_has("sendmsg: hint: the text must contain one of the bot's 自定义关键词");
}

#[test]
fn rate_limited_is_busy_and_retried() {
    let sandbox = Sandbox::new();
    let busy = || {
        feishu::error(
            11232,
            "frequency limited psm[lark.oapi.app_platform_runtime]appID[1]",
        )
    };
    let server = feishu::bot_after(vec![busy()]);
    run_checked(
        feishu_cmd(&sandbox, &server, &["--retries", "2", "x"]),
        &server,
    )
    .code(0);
    assert_eq!(server.requests().len(), 2);

    let always = MockServer::start(move |_| busy());
    feishu_cmd(&sandbox, &always, &["--retries", "1", "x"])
        .run()
        .code(4)
        .stderr_has("code 11232: frequency limited")
        .stderr_has("sendmsg: hint: over 5 messages a second");
    assert_eq!(always.requests().len(), 2);
}

#[test]
fn an_unreadable_2xx_is_exit_1_and_never_resent() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(|_| Reply::json("<html>ok?</html>"));
    feishu_cmd(&sandbox, &server, &["x"])
        .run()
        .code(1)
        .stderr_has("may have been delivered");
    assert_eq!(server.requests().len(), 1);
}

/// Lines that JSON escapes (quotes, newlines) and Chinese: the body is far more than the text's bytes.
fn long_log() -> String {
    (1..=600)
        .map(|i| format!("第{i:04}行 \"quoted\" 构建日志\n"))
        .collect::<String>()
}

#[test]
fn a_long_body_is_split_so_every_whole_body_fits_20_kb() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    let body = long_log();
    let out = run_checked(
        feishu_cmd(&sandbox, &server, &[]).stdin(body.clone()),
        &server,
    );
    out.code(0).stderr_has("feishu: sent in 2 parts");
    let reqs = server.requests();
    let mut joined = String::new();
    for (i, req) in reqs.iter().enumerate() {
        assert!(req.body.len() <= 20 * 1024, "{}", req.body.len());
        let text = req.json()["content"]["text"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let prefix = format!("({}/2) ", i + 1);
        assert!(text.starts_with(&prefix), "{text:.40}");
        joined.push_str(&text[prefix.len()..]);
    }
    assert_eq!(joined, body.trim_end_matches('\n'));

    feishu_cmd(&sandbox, &server, &["--overflow", "error"])
        .stdin(body)
        .run()
        .code(2)
        .stderr_has("over the channel's limit");
    assert_eq!(server.requests().len(), 2, "nothing more was sent");
}

#[test]
fn dry_run_masks_token_and_signature_and_sends_nothing() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    let out = feishu_cmd(&sandbox, &server, &["--dry-run", "hello"]).run();
    out.code(0);
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap_or_default();
    assert_eq!(
        line["url"],
        format!("{}/open-apis/bot/v2/hook/***", server.url())
    );
    assert_eq!(line["channel"], "feishu");
    assert_eq!(line["body"]["sign"], "***");
    assert_eq!(line["body"]["content"]["text"], "hello");
    assert!(server.requests().is_empty());

    // No account is needed to see what would be sent.
    let out = sandbox
        .sendmsg(["--dry-run", "feishu", "--markdown", "x"])
        .run();
    out.code(0).stderr_has("FEISHU_WEBHOOK is not set");
    out.stdout_has("https://open.feishu.cn/open-apis/bot/v2/hook/");
}

#[test]
fn json_and_verbose_show_the_reply_and_no_secret() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    let out = run_checked(feishu_cmd(&sandbox, &server, &["--json", "x"]), &server);
    out.code(0);
    // One envelope line, carrying the service's reply.
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap_or_default();
    assert_eq!(out.stdout.lines().count(), 1, "{out:?}");
    assert_eq!(
        (&line["channel"], &line["ok"]),
        (&"feishu".into(), &true.into())
    );
    let reply: serde_json::Value = serde_json::from_str(feishu::OK).unwrap_or_default();
    assert_eq!(line["replies"], serde_json::json!([reply]));
    run_checked(feishu_cmd(&sandbox, &server, &["-v", "x"]), &server)
        .code(0)
        .stderr_has("feishu: POST ")
        .stderr_has("/open-apis/bot/v2/hook/***")
        .stderr_has("HTTP 200");
}

#[test]
fn check_reports_the_settings_without_contacting_the_bot() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    let out = feishu::configure(sandbox.sendmsg(["check", "feishu"]), &server).run();
    out.code(0).stdout_is(
        "✓ feishu: settings: complete, as a send reads them\n\
         ✓ feishu: bot: FEISHU_SECRET set: every message is signed (签名校验); not contacted: a robot \
         webhook cannot be tested without posting a message\n",
    );
    assert!(server.requests().is_empty());
    sandbox
        .sendmsg(["check", "feishu"])
        .env("FEISHU_WEBHOOK", "https://open.feishu.cn/wrong/path")
        .run()
        .code(3)
        .stdout_is(
            "✗ feishu: FEISHU_WEBHOOK: is a URL without /open-apis/bot/v2/hook/: copy the bot's whole \
             webhook address — fix: correct the setting the problem names\n",
        );
}

#[test]
fn send_via_feishu_goes_through_the_mock() {
    let sandbox = Sandbox::new();
    let server = feishu::bot();
    feishu::configure(sandbox.sendmsg(["send", "--via", "feishu"]), &server)
        .stdin("backup failed\n")
        .run()
        .code(0)
        .stderr_has("feishu: sent");
    assert_eq!(feishu::texts(&server), ["backup failed"]);
}

#[test]
fn serve_ddns_notifies_through_feishu() {
    let sandbox = Sandbox::new();
    let bot = feishu::bot();
    let server = feishu::configure(
        sandbox.sendmsg([
            "serve-ddns",
            "--listen",
            "127.0.0.1:0",
            "--notify",
            "feishu",
            "--retries",
            "0",
        ]),
        &bot,
    )
    .daemon()
    .expect("server starts");
    let reply = server.get("/ip/cheng_ip?msg=alice,2001:db8::1,success");
    assert_eq!(reply.status, 200, "{reply:?}");
    assert!(server.log_has("notified via feishu"), "{}", server.stderr());
    assert_eq!(feishu::texts(&bot).len(), 1);
    assert!(feishu::texts(&bot)[0].contains("2001:db8::1"));
}

/// A request as Feishu would receive it from a client signing with `timestamp` and `sign`.
fn signed_request(path: &str, timestamp: i64, sign: &str) -> Recorded {
    let body = serde_json::json!({
        "timestamp": timestamp.to_string(),
        "sign": sign,
        "msg_type": "text",
        "content": {"text": "x"},
    });
    Recorded {
        method: "POST".into(),
        path: path.into(),
        raw_query: String::new(),
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.to_string().into_bytes(),
    }
}

#[test]
fn the_mock_refuses_a_wrong_signature_a_stale_timestamp_and_a_wrong_token() {
    let hook = format!("/open-apis/bot/v2/hook/{TOKEN}");
    let now = common::signing::now_secs();
    let verdict = |req: &Recorded| match feishu::check(req, TOKEN, Some(SECRET)) {
        Reply::Http(status, _, body) => (status, body),
        other => panic!("{other:?}"),
    };
    let good = feishu::expected_sign(SECRET, &now.to_string());
    assert_eq!(verdict(&signed_request(&hook, now, &good)).1, feishu::OK);
    // The upstream-apis.md vector: the mock's signer is the service's.
    assert_eq!(
        feishu::expected_sign("test-secret", "1599360473"),
        "wSds2BzzFIIGf/WrhUO+NI1q/9j+FRJd3JNHKAq0NZY="
    );

    let refused = r#""code":19021"#;
    // Key and message swapped, as many snippets do.
    let swapped = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        common::signing::hmac_sha256(SECRET.as_bytes(), format!("{now}\n{SECRET}").as_bytes()),
    );
    assert!(
        verdict(&signed_request(&hook, now, &swapped))
            .1
            .contains(refused)
    );
    let stale = now - 3601;
    let stale_sign = feishu::expected_sign(SECRET, &stale.to_string());
    assert!(
        verdict(&signed_request(&hook, stale, &stale_sign))
            .1
            .contains(refused)
    );
    let future = now + 3601;
    let future_sign = feishu::expected_sign(SECRET, &future.to_string());
    assert!(
        verdict(&signed_request(&hook, future, &future_sign))
            .1
            .contains(refused)
    );

    let wrong = signed_request("/open-apis/bot/v2/hook/other-token", now, &good);
    assert!(verdict(&wrong).1.contains(r#""code":19001"#));
}
