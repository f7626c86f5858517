//! `sendmsg check` end to end: against mocks that answer with the services' real error shapes, every
//! problem of a misconfigured environment is listed at once, and no check ever sends a message (the mocks
//! count message requests: zero).

use crate::common;

use common::mock::MockServer;
use common::smtp::{Options, SmtpServer};
use common::tokens::assert_not_shown;
use common::wecom::{AGENT_ID, CORP_ID, CORP_SECRET, Wecom};
use common::{Sandbox, ding, gewe, wechat};

fn check(sandbox: &Sandbox, args: &[&str]) -> common::Run {
    let mut all = vec!["--retries", "0", "check"];
    all.extend_from_slice(args);
    sandbox.sendmsg(all)
}

fn wecom_app(run: common::Run, mock: &Wecom) -> common::Run {
    run.env("WECOM_CORP_ID", CORP_ID)
        .env("WECOM_CORP_SECRET", CORP_SECRET)
        .env("WECOM_AGENT_ID", AGENT_ID)
        .env("WECOM_BASE_URL", mock.url())
}

/// The ✗ lines of a check's output.
fn failures(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.starts_with('✗')).collect()
}

#[test]
fn a_good_wecom_app_gets_a_token_and_sends_nothing() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let out = wecom_app(check(&sandbox, &["wecom"]), &mock).run();
    assert_not_shown(&mock.tokens, &out);
    out.code(0).stdout_has(
        "✓ wecom: settings: complete, as a send reads them\n✓ wecom: access token: issued by",
    );
    assert!(failures(&out.stdout).is_empty(), "{out:?}");
    assert_eq!(mock.tokens.calls(), 1);
    assert_eq!(mock.sends().len(), 0, "a check sends no message");
}

#[test]
fn a_cached_token_is_not_trusted_a_fresh_one_is_fetched_and_cached() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    wecom_app(sandbox.sendmsg(["wecom", "hi"]), &mock)
        .run()
        .code(0);
    assert_eq!(mock.tokens.calls(), 1);
    wecom_app(check(&sandbox, &["wecom"]), &mock).run().code(0);
    assert_eq!(mock.tokens.calls(), 2, "the check asked the service");
    wecom_app(sandbox.sendmsg(["wecom", "hi"]), &mock)
        .run()
        .code(0);
    assert_eq!(mock.tokens.calls(), 2, "and cached what it got");
}

#[test]
fn an_ip_outside_the_trusted_list_is_named_with_its_remedy() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    mock.refuse_ip();
    let out = wecom_app(check(&sandbox, &["wecom"]), &mock).run();
    out.code(1);
    let failed = failures(&out.stdout);
    assert_eq!(failed.len(), 1, "{out:?}");
    assert!(
        failed[0].starts_with("✗ wecom: access token: rejected by the service (errcode 60020)")
            && failed[0].contains("— fix: add this machine's public IP to the app's 企业可信IP"),
        "{out:?}"
    );
    assert_eq!(mock.sends().len(), 0);
}

#[test]
fn a_wrong_wechat_secret_is_refused_with_the_accounts_own_remedy() {
    let sandbox = Sandbox::new();
    let mock = wechat::Wechat::start();
    let out = check(&sandbox, &["template"])
        .env("WECHAT_APP_ID", wechat::APP_ID)
        .env("WECHAT_APP_SECRET", "not-the-secret")
        .env("WECHAT_BASE_URL", mock.url())
        .secret("not-the-secret")
        .run();
    out.code(1)
        .stdout_has("✗ template: access token: rejected by the service (errcode 40001)")
        .stdout_has("fix: WECHAT_APP_SECRET is wrong");
    let good = check(&sandbox, &["template"])
        .env("WECHAT_APP_ID", wechat::APP_ID)
        .env("WECHAT_APP_SECRET", wechat::APP_SECRET)
        .env("WECHAT_BASE_URL", mock.url())
        .run();
    assert_not_shown(&mock.tokens, &good);
    good.code(0).stdout_has("✓ template: access token");
    assert_eq!(mock.sends().len(), 0);
}

#[test]
fn smtp_logs_in_and_quits_without_a_message() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options::mode("starttls"));
    let smtp = |password: &str| {
        check(&sandbox, &["email"])
            .env("SMTP_HOST", "127.0.0.1")
            .env("SMTP_PORT", server.port.to_string())
            .env("SMTP_SECURITY", "starttls")
            .env("SMTP_USER", common::smtp::USER)
            .env("SMTP_PASSWORD", password)
            .env("SMTP_CA_FILE", server.certs.ca())
            .secret(password)
    };
    let out = smtp(common::smtp::PASSWORD).run();
    out.code(0).stdout_has(&format!(
        "✓ email: SMTP 127.0.0.1:{}: connected (starttls), logged in as {}, QUIT",
        server.port,
        common::smtp::USER
    ));
    let out = smtp("wrong-password-1234").run();
    out.code(1)
        .stdout_has("✗ email: SMTP 127.0.0.1:")
        .stdout_has("(SMTP 535)")
        .stdout_has("fix: login refused: QQ, 163 and Gmail want an app password (授权码");
    assert_eq!(server.connections(), 2);
    assert!(server.messages().is_empty(), "a check sends no message");
}

#[test]
fn the_gewe_gateway_is_reached_with_a_head_that_sends_nothing() {
    let sandbox = Sandbox::new();
    let gateway = MockServer::start(gewe::gateway());
    let out = check(&sandbox, &["gewe"])
        .env("GEWE_BASE_URL", gateway.url())
        .env("GEWE_TOKEN", gewe::TOKEN)
        .env("GEWE_APP_ID", gewe::APP_ID)
        .env("GEWE_TO", "34757816141@chatroom,wxid_abc")
        .run();
    out.code(0)
        .stdout_has("✓ gewe: GEWE_TO: 2 valid")
        .stdout_has("✓ gewe: gateway: reachable: HEAD");
    let requests = gateway.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "HEAD", "nothing but the probe");
}

#[test]
fn a_misconfigured_environment_lists_every_problem_at_once_and_contacts_no_robot() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let gateway = MockServer::start(gewe::gateway());
    let out = check(&sandbox, &["all"])
        .env("DING_ACCESS_TOKEN", ding::TOKEN)
        .env("DING_SECRET", "not-a-sign-secret")
        .env("DING_BASE_URL", robot.url())
        .env("corpId", CORP_ID)
        .env("WECOM_AGENT_ID", "app-one")
        .env("GEWE_BASE_URL", gateway.url())
        .env("GEWE_APP_ID", "wxid_copied_by_mistake")
        .env("GEWE_TO", "123@chatrom")
        .env("SMS_PROVIDER", "tencent")
        .env("TENCENT_SMS_SDK_APP_ID", "my app")
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_PASSWORD", "orphan-password-55")
        .secret("not-a-sign-secret")
        .secret("orphan-password-55")
        .run();
    out.code(3);
    let failed = failures(&out.stdout);
    for expected in [
        "✗ ding: DING_SECRET: does not start with SEC",
        "✗ wecom: WECOM_CORP_SECRET: is not set — fix: put it in the environment or in .env",
        "✗ wecom: WECOM_AGENT_ID: must be the app's integer AgentId, got `app-one`",
        "✗ gewe: GEWE_TOKEN: not set",
        "✗ gewe: GEWE_APP_ID: `wxid_copied_by_mistake` is not a device app id",
        "✗ gewe: GEWE_TO: not valid: 123@chatrom",
        "✗ sms: TENCENTCLOUD_SECRET_ID: not set",
        "✗ sms: TENCENTCLOUD_SECRET_KEY: not set",
        "✗ sms: TENCENT_SMS_SDK_APP_ID: is not a number",
        "✗ email: SMTP_FROM: neither SMTP_FROM nor SMTP_USER is set",
        "✗ email: settings: SMTP_PASSWORD is set but SMTP_USER is not",
    ] {
        assert!(
            failed.iter().any(|l| l.starts_with(expected)),
            "missing {expected:?}:\n{}",
            out.stdout
        );
    }
    assert!(
        failed.iter().all(|l| l.contains(" — fix: ")),
        "every ✗ says what to do:\n{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("template:"),
        "an unconfigured channel is skipped"
    );
    assert!(robot.requests().is_empty(), "a robot is never contacted");
    assert!(
        gateway.requests().iter().all(|r| r.method == "HEAD"),
        "no message to the gateway"
    );
}

#[test]
fn every_check_is_one_json_object_with_json() {
    let sandbox = Sandbox::new();
    let out = check(&sandbox, &["ding", "--json"])
        .env(
            "DING_ACCESS_TOKEN",
            "https://oapi.dingtalk.com/robot/send?access_token=abc123",
        )
        .run();
    out.code(0);
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert!(lines.len() >= 2, "{out:?}");
    for line in &lines {
        assert_eq!(line["channel"], "ding");
        assert_eq!(line["ok"], true);
        assert_eq!(line["exit"], 0);
        assert!(line["check"].is_string() && line["detail"].is_string());
    }
    assert!(
        lines.iter().any(|l| l["detail"]
            .as_str()
            .is_some_and(|d| d.contains("自定义关键词"))),
        "a robot without DING_SECRET relies on keywords: {out:?}"
    );
}

#[test]
fn nothing_configured_is_a_configuration_error() {
    let out = check(&Sandbox::new(), &["all"]).run();
    out.code(3)
        .one_error_line()
        .stderr_has("no channel has any setting");
}

#[test]
fn a_channel_not_configured_says_what_to_set() {
    let out = check(&Sandbox::new(), &["wecom"]).run();
    out.code(3).stdout_is(
        "✗ wecom: WECOM_CORP_ID, WECOM_CORP_SECRET, WECOM_AGENT_ID: are not set — fix: for a group robot, \
         set WECOM_BOT_KEY\n",
    );
}
