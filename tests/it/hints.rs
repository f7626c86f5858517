//! Error hints end to end: a mock answers with the service's real error shape, and the error line is
//! followed by exactly one `sendmsg: hint: …` line with the remedy.

use crate::common;

use common::mock::{MockServer, Reply};
use common::smtp::{Options, SmtpServer};
use common::wecom::{AGENT_ID, CORP_ID, CORP_SECRET, Wecom};
use common::{Output, Sandbox, aliyun, ding, tencent, wechat};

/// One error line, then one hint line that says `remedy`.
fn hinted(out: &Output, code: i32, remedy: &str) {
    out.code(code).one_error_line();
    let lines: Vec<&str> = out.stderr.lines().collect();
    let hints: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("sendmsg: hint: "))
        .collect();
    assert_eq!(hints.len(), 1, "exactly one hint:\n{out:?}");
    let at = hints[0];
    assert!(
        at > 0 && lines[at - 1].starts_with("sendmsg: error: "),
        "the hint is under the error:\n{out:?}"
    );
    assert!(
        lines[at].contains(remedy),
        "hint lacks {remedy:?}:\n{out:?}"
    );
}

#[test]
fn wecom_60020_asks_for_the_trusted_ip() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    mock.refuse_ip();
    let out = sandbox
        .sendmsg(["wecom", "disk full"])
        .env("WECOM_CORP_ID", CORP_ID)
        .env("WECOM_CORP_SECRET", CORP_SECRET)
        .env("WECOM_AGENT_ID", AGENT_ID)
        .env("WECOM_BASE_URL", mock.url())
        .run();
    hinted(
        &out,
        1,
        "add this machine's public IP to the app's 企业可信IP",
    );
    out.stderr_has("(errcode 60020)");
    assert!(mock.sends().is_empty());
}

#[test]
fn ding_310000_names_keywords_and_signing() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let out = sandbox
        .sendmsg(["ding", "hi"])
        .env("DING_ACCESS_TOKEN", ding::TOKEN)
        .env("DING_SECRET", "SECnot-the-robots-secret")
        .env("DING_BASE_URL", robot.url())
        .secret("SECnot-the-robots-secret")
        .run();
    hinted(&out, 1, "keyword or signature mismatch");
    out.stderr_has("(errcode 310000): sign not match");
}

#[test]
fn ding_130101_after_the_retries_says_twenty_a_minute() {
    let sandbox = Sandbox::new();
    let too_fast = || {
        Reply::json(r#"{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}"#)
    };
    let robot = ding::robot_after(vec![too_fast(), too_fast()]);
    let out = ding::configure(sandbox.sendmsg(["--retries", "1", "ding", "hi"]), &robot).run();
    hinted(&out, 4, "over 20 messages a minute");
    assert_eq!(robot.requests().len(), 2);
}

#[test]
fn ding_90030_is_a_spent_quota_never_retried() {
    let sandbox = Sandbox::new();
    let robot = ding::robot_after(vec![Reply::json(
        r#"{"errcode":90030,"errmsg":"robot message quota of this month is used up"}"#,
    )]);
    let out = ding::configure(sandbox.sendmsg(["--retries", "2", "ding", "hi"]), &robot).run();
    hinted(&out, 1, "message quota for this period");
    out.stderr_has("(errcode 90030): robot message quota of this month is used up");
    assert_eq!(robot.requests().len(), 1, "a spent quota is not retried");
}

#[test]
fn wechat_43004_says_the_user_does_not_follow() {
    let sandbox = Sandbox::new();
    let mock = wechat::Wechat::start();
    let out = sandbox
        .sendmsg([
            "template",
            "--to",
            wechat::NOT_FOLLOWING,
            "--field",
            "thing1=backup done",
        ])
        .env("WECHAT_APP_ID", wechat::APP_ID)
        .env("WECHAT_APP_SECRET", wechat::APP_SECRET)
        .env("WECHAT_TEMPLATE_ID", wechat::TEMPLATE_ID)
        .env("WECHAT_BASE_URL", mock.url())
        .run();
    hinted(&out, 1, "has not followed the account");
}

#[test]
fn aliyun_and_tencent_template_codes_point_at_the_console() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    let run = sandbox.sendmsg(["sms", "--provider", "aliyun", "--to", "13800138000"]);
    // A template the account does not have.
    let out = aliyun::configure(run, &server)
        .env("SMS_TEMPLATE", "SMS_000000001")
        .run();
    hinted(&out, 1, "模板管理");
    out.stderr_has("(isv.SMS_TEMPLATE_ILLEGAL)");

    let server = MockServer::start(tencent::service());
    let run = sandbox.sendmsg(["sms", "--provider", "tencent", "--to", "13800138000"]);
    let out = tencent::configure(run, &server)
        .env("SMS_TEMPLATE", "9999")
        .run();
    hinted(&out, 1, "正文模板管理");
    out.stderr_has("(FailedOperation.TemplateIncorrectOrUnapproved)");
}

#[test]
fn smtp_535_asks_for_the_app_password() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options::mode("tls"));
    let out = sandbox
        .sendmsg(["email", "--to", "ops@example.com", "hi"])
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_PORT", server.port.to_string())
        .env("SMTP_SECURITY", "tls")
        .env("SMTP_USER", common::smtp::USER)
        .env("SMTP_PASSWORD", "the-account-password")
        .env("SMTP_CA_FILE", server.certs.ca())
        .secret("the-account-password")
        .run();
    hinted(&out, 1, "授权码");
    out.stderr_has("(SMTP 535)");
    assert!(server.messages().is_empty());
}

#[test]
fn an_error_without_a_known_code_has_no_hint() {
    let sandbox = Sandbox::new();
    let robot = ding::robot_after(vec![Reply::json(
        r#"{"errcode":777777,"errmsg":"something new"}"#,
    )]);
    let out = ding::configure(sandbox.sendmsg(["ding", "hi"]), &robot).run();
    out.code(1).one_error_line();
    assert!(!out.stderr.contains("hint:"), "{out:?}");
}
