//! `sendmsg template` end to end against a mock WeChat Official Account API and a mock notices gateway.

use crate::common;

use common::tokens::assert_not_shown;
use common::wechat::{
    APP_ID, APP_SECRET, FOLLOWER, GATEWAY_TOKEN, NOT_FOLLOWING, OTHER_FOLLOWER, TEMPLATE_ID, Wechat,
};
use common::{Output, Sandbox};

fn template(sandbox: &Sandbox, mock: &Wechat, args: &[&str]) -> common::Run {
    let mut all = vec!["template"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("WECHAT_APP_ID", APP_ID)
        .env("WECHAT_APP_SECRET", APP_SECRET)
        .env("WECHAT_TEMPLATE_ID", TEMPLATE_ID)
        .env("WECHAT_BASE_URL", mock.url())
}

fn run(run: common::Run, mock: &Wechat) -> Output {
    let output = run.run();
    assert_not_shown(&mock.tokens, &output);
    output
}

#[test]
fn fields_and_colours_become_the_data_object() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let args = [
        "--to",
        FOLLOWER,
        "--url",
        "https://example.com/d",
        "--field",
        "thing1=巧克力",
        "--field",
        "amount2=39.8元#FF0000",
        "--field",
        "note=ticket #12",
    ];
    run(template(&sandbox, &mock, &args), &mock)
        .code(0)
        .stderr_has(&format!("template: sent to {FOLLOWER}"));
    let sends = mock.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(
        sends[0].json(),
        serde_json::json!({
            "touser": FOLLOWER, "template_id": TEMPLATE_ID, "url": "https://example.com/d",
            "data": {"thing1": {"value": "巧克力"},
                     "amount2": {"value": "39.8元", "color": "#FF0000"},
                     "note": {"value": "ticket #12"}}
        })
    );
    assert_eq!(mock.tokens.calls(), 1);
}

#[test]
fn a_dash_value_reads_stdin() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let args = [
        "--to",
        FOLLOWER,
        "--field",
        "thing1=-",
        "--field",
        "time2=now",
    ];
    run(
        template(&sandbox, &mock, &args).stdin("from a pipe\n"),
        &mock,
    )
    .code(0);
    assert_eq!(
        mock.sends()[0].json()["data"]["thing1"]["value"],
        "from a pipe"
    );
}

#[test]
fn long_values_warn_that_wechat_cuts_them() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let args = [
        "--to",
        FOLLOWER,
        "--field",
        "thing1=a value much longer than twenty characters",
    ];
    run(template(&sandbox, &mock, &args), &mock)
        .code(0)
        .stderr_has("warning: template: WeChat shows at most 20 characters of a field, on one line; it will cut `thing1` (42 characters)");
    assert_eq!(
        mock.sends()[0].json()["data"]["thing1"]["value"],
        "a value much longer than twenty characters",
        "by default the value goes as given"
    );
}

#[test]
fn overflow_truncate_cuts_every_long_or_multi_line_field_to_what_wechat_shows() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let args = [
        "--to",
        FOLLOWER,
        "--overflow",
        "truncate",
        "--field",
        "thing1=a value much longer than twenty characters",
        "--field",
        "thing2=two\nlines",
        "--field",
        "time3=2024-01-01 12:00",
    ];
    run(template(&sandbox, &mock, &args), &mock).code(0);
    let data = mock.sends()[0].json()["data"].clone();
    assert_eq!(data["thing1"]["value"], "a value much longer…");
    assert_eq!(data["thing2"]["value"], "two lines");
    assert_eq!(data["time3"]["value"], "2024-01-01 12:00");
}

#[test]
fn overflow_error_names_every_field_that_breaks_the_rule_and_sends_nothing() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let args = [
        "--to",
        FOLLOWER,
        "--overflow",
        "error",
        "--field",
        "thing1=a value much longer than twenty characters",
        "--field",
        "ok2=short",
        "--field",
        "thing3=two\nlines",
    ];
    run(template(&sandbox, &mock, &args), &mock)
        .code(2)
        .one_error_line()
        .stderr_has("over it: `thing1` (42 characters), `thing3` (9 characters and line breaks); nothing was sent");
    assert!(
        mock.server.requests().is_empty(),
        "not even a token request"
    );
}

#[test]
fn bad_input_fails_before_any_request() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let cases: &[&[&str]] = &[
        &["--to", FOLLOWER, "--field", "no-equals-sign"],
        &["--to", FOLLOWER, "--field", "=value"],
        &["--to", FOLLOWER, "--field", "a=1", "--field", "a=2"],
        &["--to", FOLLOWER],
        &["--to", "not an openid", "--field", "a=1"],
        &["--to", FOLLOWER, "--field", "a=1", "--url", "example.com"],
    ];
    for args in cases {
        run(template(&sandbox, &mock, args), &mock)
            .code(2)
            .one_error_line();
    }
    run(
        template(
            &sandbox,
            &mock,
            &["--to", FOLLOWER, "--field", "a=1", "free text"],
        ),
        &mock,
    )
    .code(2)
    .stderr_has("takes no message text")
    .stderr_has("--field KEY=VALUE");
    assert!(mock.server.requests().is_empty());
}

#[test]
fn every_recipient_is_tried_and_the_failures_named() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let to = format!("{FOLLOWER},{NOT_FOLLOWING},{OTHER_FOLLOWER}");
    run(template(&sandbox, &mock, &["--to", &to, "--field", "a=1"]), &mock)
        .code(1)
        .one_error_line()
        .stderr_has(&format!(
            "1 of 3 recipients failed: {NOT_FOLLOWING}: rejected by the service (errcode 43004): require subscribe"
        ))
        .stderr_has(&format!("delivered to {FOLLOWER}, {OTHER_FOLLOWER}"));
    assert_eq!(mock.sends().len(), 3);
    assert_eq!(mock.tokens.calls(), 1, "one token for every recipient");
}

#[test]
fn wechat_to_is_the_default_recipient_list() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let to = format!("{FOLLOWER},{OTHER_FOLLOWER}");
    run(
        template(&sandbox, &mock, &["--field", "a=1"]).env("WECHAT_TO", to),
        &mock,
    )
    .code(0);
    assert_eq!(mock.sends().len(), 2);
}

#[test]
fn the_token_is_cached_and_refreshed_once_when_refused() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let args = ["--to", FOLLOWER, "--field", "a=1"];
    run(template(&sandbox, &mock, &args), &mock).code(0);
    run(template(&sandbox, &mock, &args), &mock).code(0);
    assert_eq!(mock.tokens.calls(), 1);
    mock.tokens.expire_all();
    run(template(&sandbox, &mock, &args), &mock).code(0);
    assert_eq!(mock.tokens.calls(), 2);
    assert_eq!(mock.sends().len(), 4);
}

#[test]
fn a_wrong_secret_is_rejected_without_showing_it() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    run(
        template(&sandbox, &mock, &["-v", "--to", FOLLOWER, "--field", "a=1"])
            .env("WECHAT_APP_SECRET", "not-the-app-secret")
            .secret("not-the-app-secret"),
        &mock,
    )
    .code(1)
    .stderr_has("errcode 40001")
    .stderr_has("secret=***");
}

#[test]
fn missing_credentials_are_named() {
    let sandbox = Sandbox::new();
    sandbox
        .sendmsg(["template", "--to", FOLLOWER, "--field", "a=1"])
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_TEMPLATE_ID are not set");
    sandbox
        .sendmsg(["template", "--to", FOLLOWER, "--field", "a=1"])
        .env("TEMPLATE_GATEWAY_URL", "http://127.0.0.1:9")
        .env("WECHAT_TEMPLATE_ID", TEMPLATE_ID)
        .run()
        .code(3)
        .stderr_has("TEMPLATE_GATEWAY_TOKEN is not set");
}

#[test]
fn a_dry_run_fetches_no_token() {
    let sandbox = Sandbox::new();
    let mock = Wechat::start();
    let args = ["--dry-run", "--to", FOLLOWER, "--field", "a=1#00ff00"];
    run(template(&sandbox, &mock, &args), &mock)
        .code(0)
        .stdout_has("/cgi-bin/message/template/send?access_token=***\"")
        .stdout_has(r##""data":{"a":{"value":"1","color":"#00ff00"}}"##);
    assert!(mock.server.requests().is_empty());
}

fn gateway(sandbox: &Sandbox, url: &str, token: &str, args: &[&str]) -> common::Run {
    let mut all = vec!["template"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("TEMPLATE_GATEWAY_URL", url)
        .env("TEMPLATE_GATEWAY_TOKEN", token)
        .env("WECHAT_TEMPLATE_ID", TEMPLATE_ID)
}

#[test]
fn the_gateway_gets_a_bearer_token_and_the_seed_002_body() {
    let sandbox = Sandbox::new();
    let server = common::wechat::gateway();
    let args = ["--to", FOLLOWER, "--field", "keyword1=2#000000", "-v"];
    gateway(&sandbox, &server.url(), GATEWAY_TOKEN, &args)
        .run()
        .code(0)
        .stderr_has("POST")
        .stderr_has("/message/v2/notices");
    let req = &server.requests()[0];
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {GATEWAY_TOKEN}").as_str())
    );
    assert_eq!(
        req.json(),
        serde_json::json!({"to": FOLLOWER, "template": TEMPLATE_ID,
                           "data": {"keyword1": {"value": "2", "color": "#000000"}}})
    );
}

#[test]
fn a_wrong_gateway_token_is_rejected_and_masked() {
    let sandbox = Sandbox::new();
    let server = common::wechat::gateway();
    gateway(
        &sandbox,
        &server.url(),
        "wrong-gateway-token",
        &["--to", FOLLOWER, "--field", "a=1"],
    )
    .secret("wrong-gateway-token")
    .run()
    .code(1)
    .one_error_line()
    .stderr_has("HTTP 401");
    let dry = gateway(
        &sandbox,
        &server.url(),
        GATEWAY_TOKEN,
        &["--dry-run", "--to", FOLLOWER, "--field", "a=1"],
    )
    .run();
    dry.code(0).stdout_has(r#""authorization":"***""#);
    assert_eq!(server.requests().len(), 1);
}
