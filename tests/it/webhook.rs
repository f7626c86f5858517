//! `sendmsg webhook` end to end against a mock gateway that checks its bearer token and its JSON, and
//! answers 200 when it refuses.

use crate::common;

use common::Sandbox;
use common::mock::{MockServer, Recorded, Reply};
use common::webhook::{self, TOKEN};

/// `sendmsg webhook ARGS` configured for `server`.
fn webhook_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["webhook"];
    all.extend_from_slice(args);
    webhook::configure(sandbox.sendmsg(all), server)
}

const TRICKY: &str = "say \"hi\"\n第二行 中文 \\ back\tslash + plus & amp";

#[test]
fn a_json_template_gets_json_string_literals() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    let template = r#"{"title": {{title}}, "text": "[ci] {{message}}", "n": 1}"#;
    webhook_cmd(
        &sandbox,
        &server,
        &["--body", template, "--title", "构建 \"7\"", TRICKY],
    )
    .run()
    .code(0)
    .stderr_has("webhook: sent");
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/alert"));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(
        req.json(),
        serde_json::json!({"title": "构建 \"7\"", "text": format!("[ci] {TRICKY}"), "n": 1})
    );
}

#[test]
fn the_default_template_is_a_text_field() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    webhook_cmd(&sandbox, &server, &[])
        .stdin(format!("{TRICKY}\n"))
        .run()
        .code(0);
    assert_eq!(
        server.requests()[0].json(),
        serde_json::json!({"text": TRICKY})
    );
}

#[test]
fn a_template_that_is_not_json_gets_the_values_as_they_are() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    webhook_cmd(
        &sandbox,
        &server,
        &[
            "--method",
            "put",
            "--body",
            "{{title}}: {{message}}",
            "disk \"full\"",
        ],
    )
    .run()
    .code(0);
    let req = &server.requests()[0];
    assert_eq!(req.method, "PUT");
    assert_eq!(req.text(), "disk \"full\": disk \"full\"");
    assert_eq!(
        req.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
}

#[test]
fn url_placeholders_are_percent_encoded() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    let url = format!(
        "{}/push/{{{{title}}}}?via=cli&m={{{{message}}}}",
        server.url()
    );
    webhook_cmd(
        &sandbox,
        &server,
        &["--method", "GET", "--title", "a/b c", TRICKY],
    )
    .env("WEBHOOK_URL", url)
    .run()
    .code(0);
    let req = &server.requests()[0];
    assert_eq!(req.method, "GET");
    assert!(req.body.is_empty());
    assert_eq!(req.path, "/push/a%2Fb%20c");
    assert!(
        req.raw_query.contains("%2B%20plus%20%26%20amp"),
        "{}",
        req.raw_query
    );
    assert_eq!(req.query("m").as_deref(), Some(TRICKY));
    assert_eq!(req.query("via").as_deref(), Some("cli"));
}

#[test]
fn a_get_with_a_body_template_is_bad_input() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    webhook_cmd(
        &sandbox,
        &server,
        &["--method", "GET", "--body", "{{message}}", "x"],
    )
    .run()
    .code(2)
    .stderr_has("a GET sends no body");
    assert!(server.requests().is_empty());
}

#[test]
fn success_catches_a_200_that_refuses() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    let wrong = webhook_cmd(&sandbox, &server, &["--success", "code=0", "x"])
        .env("WEBHOOK_HEADERS", "Authorization: Bearer wrong-token-0000");
    wrong
        .run()
        .code(1)
        .one_error_line()
        .stderr_has("webhook: rejected by the service (code=40101): invalid token");
    assert_eq!(server.requests().len(), 1, "a rejection is not retried");
    // Without --success any 2xx is success, as the contract says.
    webhook_cmd(&sandbox, &server, &["x"])
        .env("WEBHOOK_HEADERS", "Authorization: Bearer wrong-token-0000")
        .run()
        .code(0);
    webhook_cmd(&sandbox, &server, &["x"])
        .env("WEBHOOK_SUCCESS", "code=0")
        .run()
        .code(0);
    webhook_cmd(&sandbox, &server, &["--success", "data.id=1", "x"])
        .run()
        .code(1)
        .stderr_has("the reply has no `data.id`");
    webhook_cmd(&sandbox, &server, &["--success", "nonsense", "x"])
        .run()
        .code(2)
        .stderr_has("is not PATH=VALUE");
}

#[test]
fn header_values_are_never_printed() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    let key = "X-Api-Key: whk-second-secret-5521";
    let out = webhook_cmd(
        &sandbox,
        &server,
        &[
            "-v",
            "--header",
            &format!("Authorization: Bearer {TOKEN}"),
            "--header",
            key,
            "x",
        ],
    )
    .secret("whk-second-secret-5521")
    .run();
    out.code(0)
        .stderr_has("webhook: POST ")
        .stderr_has("HTTP 200");
    assert_eq!(
        server.requests()[0].header("x-api-key"),
        Some("whk-second-secret-5521")
    );

    let out = webhook_cmd(&sandbox, &server, &["--dry-run", "--header", key, "x"])
        .secret("whk-second-secret-5521")
        .run();
    out.code(0);
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap_or_default();
    assert_eq!(
        line["headers"],
        serde_json::json!({"x-api-key": "***", "content-type": "application/json"})
    );

    // A service that echoes the header back in a refusal.
    let echo = MockServer::start(|req: &Recorded| {
        Reply::status(
            403,
            format!(
                r#"{{"error":"bad {}"}}"#,
                req.header("authorization").unwrap_or_default()
            ),
        )
    });
    webhook_cmd(&sandbox, &echo, &["x"])
        .run()
        .code(1)
        .stderr_has("HTTP 403");

    let help = webhook_cmd(&sandbox, &server, &["--help"]).run();
    help.code(0).stdout_has("[env: WEBHOOK_HEADERS]");
}

#[test]
fn secrets_in_the_url_are_masked_in_dry_run_and_verbose_output() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    let url = format!(
        "{}/alert?key=whk-query-key-8812&m={{{{message}}}}",
        server.url()
    );
    let out = webhook_cmd(&sandbox, &server, &["--dry-run", "hi there"])
        .env("WEBHOOK_URL", &url)
        .secret("whk-query-key-8812")
        .run();
    out.code(0).stdout_has("/alert?key=***&m=hi%20there");
    webhook_cmd(&sandbox, &server, &["-v", "hi"])
        .env("WEBHOOK_URL", &url)
        .secret("whk-query-key-8812")
        .run()
        .code(0)
        .stderr_has("/alert?key=***&m=hi");
    assert_eq!(
        server.requests()[0].query("key").as_deref(),
        Some("whk-query-key-8812")
    );
}

#[test]
fn transient_failures_are_retried_and_client_errors_are_not() {
    let sandbox = Sandbox::new();
    let server = MockServer::scripted(vec![Reply::status(503, "busy")], |req| {
        webhook::check(req, TOKEN)
    });
    webhook_cmd(&sandbox, &server, &["--retries", "2", "x"])
        .run()
        .code(0);
    assert_eq!(server.requests().len(), 2);
    let refusing =
        MockServer::start(|_| Reply::status(400, r#"{"code":40000,"msg":"body is not JSON"}"#));
    webhook_cmd(&sandbox, &refusing, &["x"])
        .run()
        .code(1)
        .stderr_has("(HTTP 400)");
    assert_eq!(refusing.requests().len(), 1);
}

#[test]
fn max_bytes_splits_and_json_replies_are_printed() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    let body = "line of log\n".repeat(20);
    let out = webhook_cmd(&sandbox, &server, &["--json", "--max-bytes", "100"])
        .stdin(body)
        .run();
    out.code(0);
    let reqs = server.requests();
    assert!(reqs.len() > 2);
    for (i, req) in reqs.iter().enumerate() {
        let text = req.json()["text"].as_str().unwrap_or_default().to_owned();
        assert!(
            text.len() <= 100 && text.starts_with(&format!("({}/", i + 1)),
            "{text}"
        );
    }
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap_or_default();
    let reply: serde_json::Value = serde_json::from_str(webhook::OK).unwrap_or_default();
    assert_eq!(line["parts"].as_u64(), Some(reqs.len() as u64), "{out:?}");
    assert_eq!(line["replies"][0], reply);
}

#[test]
fn check_names_the_settings_without_contacting_the_endpoint() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    webhook::configure(sandbox.sendmsg(["check", "webhook"]), &server)
        .env("WEBHOOK_BODY", "{{message}}")
        .run()
        .code(0)
        .stdout_has("✓ webhook: WEBHOOK_URL: ")
        .stdout_has("not contacted")
        .stdout_has("✓ webhook: WEBHOOK_HEADERS: authorization (values hidden)")
        // A bare placeholder sends the text itself (ntfy), not a JSON string.
        .stdout_has("WEBHOOK_BODY: not JSON: sent as text");
    assert!(server.requests().is_empty());
    sandbox
        .sendmsg(["check", "webhook"])
        .run()
        .code(3)
        .stdout_has("✗ webhook: WEBHOOK_URL: not set");
}

#[test]
fn send_via_webhook_goes_through_the_mock() {
    let sandbox = Sandbox::new();
    let server = webhook::gateway();
    webhook::configure(
        sandbox.sendmsg(["send", "--via", "webhook", "backup", "done"]),
        &server,
    )
    .env("WEBHOOK_SUCCESS", "code=0")
    .run()
    .code(0)
    .stderr_has("webhook: sent");
    assert_eq!(
        server.requests()[0].json(),
        serde_json::json!({"text": "backup done"})
    );
}

#[test]
fn serve_ddns_notifies_through_the_webhook() {
    let sandbox = Sandbox::new();
    let gateway = webhook::gateway();
    let server = webhook::configure(
        sandbox.sendmsg([
            "serve-ddns",
            "--listen",
            "127.0.0.1:0",
            "--notify",
            "webhook",
            "--retries",
            "0",
        ]),
        &gateway,
    )
    .env("WEBHOOK_SUCCESS", "code=0")
    .daemon()
    .expect("server starts");
    let reply = server.get("/ip/cheng_ip?msg=alice,2001:db8::1,success");
    assert_eq!(reply.status, 200, "{reply:?}");
    assert!(
        server.log_has("notified via webhook"),
        "{}",
        server.stderr()
    );
    let text = gateway.requests()[0].json()["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(text.contains("2001:db8::1"), "{text}");
}

#[test]
fn the_mock_refuses_a_wrong_token_and_json_that_is_not() {
    let request = |auth: &str, content_type: &str, body: &str| Recorded {
        method: "POST".into(),
        path: "/alert".into(),
        raw_query: String::new(),
        headers: vec![
            ("authorization".into(), auth.into()),
            ("content-type".into(), content_type.into()),
        ],
        body: body.as_bytes().to_vec(),
    };
    let verdict = |req: &Recorded| match webhook::check(req, TOKEN) {
        Reply::Http(status, _, body) => (status, body),
        other => panic!("{other:?}"),
    };
    let good = format!("Bearer {TOKEN}");
    assert_eq!(
        verdict(&request(&good, "application/json", "{}")),
        (200, webhook::OK.into())
    );
    assert!(
        verdict(&request("Bearer wrong", "application/json", "{}"))
            .1
            .contains("40101")
    );
    assert!(
        verdict(&request(TOKEN, "application/json", "{}"))
            .1
            .contains("40101")
    );
    assert_eq!(
        verdict(&request(&good, "application/json", "{\"a\": x}")).0,
        400
    );
    assert_eq!(verdict(&request(&good, "text/plain", "{\"a\": x}")).0, 200);
}
