//! `sendmsg pushplus` end to end against a mock PushPlus that checks the token and the body.

use crate::common;

use common::Sandbox;
use common::mock::{MockServer, Reply};
use common::pushplus::{self, TOKEN, TOPIC};

fn pp_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["pushplus"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("PUSHPLUS_TOKEN", TOKEN)
        .env("PUSHPLUS_BASE_URL", server.url())
}

#[test]
fn a_text_is_sent_as_txt_with_the_first_line_as_title() {
    let sandbox = Sandbox::new();
    let server = pushplus::server();
    pp_cmd(&sandbox, &server, &[])
        .stdin("backup done\n42 files\n")
        .run()
        .code(0)
        .stderr_has("pushplus: sent");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, "/send");
    assert_eq!(
        reqs[0].json(),
        serde_json::json!({"token": TOKEN, "title": "backup done", "content": "backup done\n42 files", "template": "txt"})
    );
}

#[test]
fn markdown_to_a_topic_with_a_title() {
    let sandbox = Sandbox::new();
    let server = pushplus::server();
    pp_cmd(
        &sandbox,
        &server,
        &[
            "--template",
            "markdown",
            "--topic",
            TOPIC,
            "--title",
            "nightly",
            "**red**",
        ],
    )
    .run()
    .code(0);
    assert_eq!(
        server.requests()[0].json(),
        serde_json::json!({"token": TOKEN, "title": "nightly", "content": "**red**", "template": "markdown", "topic": TOPIC})
    );
    pp_cmd(&sandbox, &server, &["--template", "json", "x"])
        .run()
        .code(2);
    pp_cmd(&sandbox, &server, &["--topic", "two words", "x"])
        .run()
        .code(2)
        .one_error_line();
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_wrong_token_is_code_903_with_a_hint() {
    let sandbox = Sandbox::new();
    let server = pushplus::server();
    let wrong = "ffffffffffffffffffffffffffffffff";
    pp_cmd(&sandbox, &server, &["hi"])
        .env("PUSHPLUS_TOKEN", wrong)
        .secret(wrong)
        .run()
        .code(1)
        .one_error_line()
        .stderr_has("pushplus: rejected by the service (code 903): 无效的用户令牌")
        .stderr_has("sendmsg: hint: PUSHPLUS_TOKEN is not a valid token");
    assert_eq!(server.requests().len(), 1);
}

/// PushPlus's 900 means "stop sending: every request prolongs the restriction": a refusal, never retried,
/// with the hint; its 500 ("server busy, try later") is retried.
#[test]
fn code_900_is_a_refusal_not_retried_and_500_is_retried() {
    let sandbox = Sandbox::new();
    let restricted =
        MockServer::start(|_| Reply::json(r#"{"code":900,"msg":"用户账号使用受限","data":null}"#));
    pp_cmd(&sandbox, &restricted, &["--retries", "3", "hi"])
        .run()
        .code(1)
        .stderr_has(
            "sendmsg: error: pushplus: rejected by the service (code 900): 用户账号使用受限",
        )
        .stderr_has("sendmsg: hint: PushPlus restricts the account for sending too often");
    assert_eq!(restricted.requests().len(), 1);
    let busy = || Reply::json(r#"{"code":500,"msg":"服务器繁忙","data":null}"#);
    let server = pushplus::server_after(vec![busy()]);
    pp_cmd(&sandbox, &server, &["hi"]).run().code(0);
    assert_eq!(server.requests().len(), 2);
    for (code, hint) in [(888, "are used up"), (905, "real-name verification")] {
        let body = format!(r#"{{"code":{code},"msg":"x","data":null}}"#);
        let server = MockServer::start(move |_| Reply::json(&body));
        pp_cmd(&sandbox, &server, &["hi"])
            .run()
            .code(1)
            .stderr_has(hint);
        assert_eq!(server.requests().len(), 1);
    }
}

#[test]
fn an_unreadable_200_is_never_resent() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(|_| Reply::json("<html>维护中</html>"));
    pp_cmd(&sandbox, &server, &["hi"])
        .run()
        .code(1)
        .stderr_has("may have been delivered");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn dry_run_masks_the_token_in_the_body() {
    let sandbox = Sandbox::new();
    let server = pushplus::server();
    let out = pp_cmd(&sandbox, &server, &["--dry-run", "hi"]).run();
    out.code(0).stdout_has(r#""token":"***""#);
    assert!(server.requests().is_empty());
}

#[test]
fn check_validates_the_token_without_contacting_the_service() {
    let sandbox = Sandbox::new();
    let server = pushplus::server();
    sandbox
        .sendmsg(["check", "pushplus"])
        .env("PUSHPLUS_TOKEN", TOKEN)
        .env("PUSHPLUS_BASE_URL", server.url())
        .run()
        .code(0)
        .stdout_is(
            "✓ pushplus: settings: complete, as a send reads them\n\
             ✓ pushplus: service: not contacted: PushPlus cannot be tested without pushing a message\n",
        );
    sandbox
        .sendmsg(["check", "pushplus"])
        .run()
        .code(3)
        .stdout_is(
            "✗ pushplus: PUSHPLUS_TOKEN: is not set — fix: put it in the environment or in .env\n",
        );
    assert!(server.requests().is_empty());
}
