//! `sendmsg sms` end to end against mocks of Aliyun and Tencent Cloud that recompute the signatures, and a
//! plain HTTP gateway. Unit tests of the mocks prove their checks reject what the services reject.

use crate::common;

use common::mock::{MockServer, Recorded, Reply};
use common::signing::{now_secs, parse_iso8601, utc_date};
use common::{Output, Sandbox, aliyun, sms_gateway, tencent};
use std::collections::HashSet;
use std::sync::Mutex;

fn aliyun_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["sms", "--provider", "aliyun"];
    all.extend_from_slice(args);
    aliyun::configure(sandbox.sendmsg(all), server)
}

fn tencent_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["sms", "--provider", "tencent"];
    all.extend_from_slice(args);
    tencent::configure(sandbox.sendmsg(all), server)
}

/// Runs and checks that no signature the mock received was printed.
fn run_checked(run: common::Run, server: &MockServer) -> Output {
    let output = run.run();
    for req in server.requests() {
        if let Some(auth) = req.header("authorization") {
            let signature = auth.rsplit("Signature=").next().unwrap_or(auth);
            for shown in [&output.stdout, &output.stderr] {
                assert!(
                    !shown.contains(signature),
                    "a signature was printed:\n{output:?}"
                );
            }
        }
    }
    output
}

fn header(req: &Recorded, name: &str) -> String {
    req.header(name).unwrap_or_default().to_owned()
}

fn set_header(req: &mut Recorded, name: &str, value: String) {
    if let Some(slot) = req.headers.iter_mut().find(|(n, _)| n == name) {
        slot.1 = value;
    }
}

fn body_of(reply: &Reply) -> String {
    match reply {
        Reply::Http(_, _, body) => body.clone(),
        other => panic!("not an HTTP reply: {other:?}"),
    }
}

// ---------------------------------------------------------------- Aliyun

#[test]
fn aliyun_sends_a_signed_send_sms_that_the_mock_verifies() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    let out = run_checked(
        aliyun_cmd(
            &sandbox,
            &server,
            &[
                "--to",
                "13800138000,+85212345678",
                "--param",
                "code=1234",
                "-v",
            ],
        ),
        &server,
    );
    out.code(0).stderr_has("sms: sent to 2 recipients");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!(
        req.query("PhoneNumbers").as_deref(),
        Some("13800138000,85212345678")
    );
    assert_eq!(req.query("SignName").as_deref(), Some("阿里云短信测试"));
    assert_eq!(
        req.query("TemplateParam").as_deref(),
        Some(r#"{"code":"1234"}"#)
    );
    assert!(req.body.is_empty());
    assert!(
        header(req, "authorization")
            .starts_with(&format!("ACS3-HMAC-SHA256 Credential={}", aliyun::KEY_ID))
    );
}

#[test]
fn aliyun_rejects_a_wrong_secret_and_it_is_not_retried() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    run_checked(
        aliyun_cmd(&sandbox, &server, &["--to", "13800138000"])
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "wrong-secret-value")
            .secret("wrong-secret-value"),
        &server,
    )
    .code(1)
    .one_error_line()
    .stderr_has(
        "sms: rejected by the service (SignatureDoesNotMatch): Specified signature does not match",
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn aliyun_flow_control_is_permanent_with_the_services_message() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    run_checked(
        aliyun_cmd(&sandbox, &server, &["--to", aliyun::LIMITED_NUMBER]),
        &server,
    )
    .code(1)
    .one_error_line()
    .stderr_has("(isv.BUSINESS_LIMIT_CONTROL): 触发天级流控Permits:10\n")
    .stderr_has("sendmsg: hint: per-number flow control");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn aliyun_throttling_is_retried_and_exits_4_when_it_persists() {
    let sandbox = Sandbox::new();
    let throttled = || {
        aliyun::gateway_error(
            400,
            "Throttling.User",
            "Request was denied due to user flow control.",
        )
    };
    let server = MockServer::scripted(vec![throttled()], aliyun::service());
    run_checked(
        aliyun_cmd(&sandbox, &server, &["--to", "13800138000"]),
        &server,
    )
    .code(0);
    assert_eq!(
        server.requests().len(),
        2,
        "a fresh nonce and signature for the retry"
    );
    let always = MockServer::start(move |_| throttled());
    aliyun_cmd(
        &sandbox,
        &always,
        &["--to", "13800138000", "--retries", "1"],
    )
    .run()
    .code(4)
    .one_error_line()
    .stderr_has("Throttling.User");
    assert_eq!(always.requests().len(), 2);
}

#[test]
fn the_aliyun_mock_rejects_tampering_staleness_and_replay() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    aliyun_cmd(
        &sandbox,
        &server,
        &["--to", "13800138000", "--param", "code=1234"],
    )
    .run()
    .code(0);
    let good = server.requests().remove(0);
    let verdict = |req: &Recorded| {
        body_of(&aliyun::check(
            req,
            aliyun::KEY_SECRET,
            &Mutex::new(HashSet::new()),
        ))
    };
    assert!(verdict(&good).contains(r#""Code":"OK""#));

    let mut tampered = good.clone();
    tampered.raw_query = tampered.raw_query.replace("13800138000", "13900139000");
    assert!(verdict(&tampered).contains("SignatureDoesNotMatch"));

    let mut with_body = good.clone();
    with_body.body = b"{}".to_vec();
    assert!(verdict(&with_body).contains("SignatureDoesNotMatch"));

    // Re-signed correctly, but 20 minutes old.
    let mut stale = good.clone();
    let date = parse_iso8601(&header(&good, "x-acs-date")).expect("date") - 20 * 60;
    let old = format!("{}T{}Z", utc_date(date), {
        let s = date.rem_euclid(86_400);
        format!("{:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
    });
    set_header(&mut stale, "x-acs-date", old);
    let signed =
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
    let resigned =
        aliyun::expected_authorization(&stale, aliyun::KEY_ID, aliyun::KEY_SECRET, signed);
    set_header(&mut stale, "authorization", resigned);
    assert!(verdict(&stale).contains("InvalidTimeStamp.Expired"));

    let nonces = Mutex::new(HashSet::new());
    assert!(body_of(&aliyun::check(&good, aliyun::KEY_SECRET, &nonces)).contains("OK"));
    assert!(
        body_of(&aliyun::check(&good, aliyun::KEY_SECRET, &nonces)).contains("SignatureNonceUsed")
    );
}

#[test]
fn template_providers_take_no_message_and_never_read_stdin() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    aliyun_cmd(&sandbox, &server, &["--to", "13800138000", "disk", "full"])
        .run()
        .code(2)
        .one_error_line()
        .stderr_has("takes no message text")
        .stderr_has("--param KEY=VALUE");
    // Piped input is ignored rather than waited for.
    run_checked(
        aliyun_cmd(&sandbox, &server, &["--to", "13800138000"]).stdin("ignored"),
        &server,
    )
    .code(0);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn invalid_mobiles_and_params_send_nothing() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    for to in ["13800138000,1380013800", "+12345", "8613800138000"] {
        aliyun_cmd(&sandbox, &server, &["--to", to])
            .run()
            .code(2)
            .one_error_line()
            .stderr_has("is not a mobile number");
    }
    aliyun_cmd(
        &sandbox,
        &server,
        &["--to", "13800138000", "--param", "code"],
    )
    .run()
    .code(2);
    aliyun_cmd(&sandbox, &server, &[])
        .run()
        .code(3)
        .stderr_has("give --to MOBILE or set SMS_TO");
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn missing_credentials_are_config_errors_naming_the_variable() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    for var in [
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "SMS_SIGN_NAME",
        "SMS_TEMPLATE",
    ] {
        let mut cmd = aliyun_cmd(&sandbox, &server, &["--to", "13800138000"]);
        cmd.cmd.env_remove(var);
        cmd.run()
            .code(3)
            .one_error_line()
            .stderr_has(&format!("sms: {var} is not set"));
    }
    let tencent_server = MockServer::start(tencent::service());
    let mut cmd = tencent_cmd(&sandbox, &tencent_server, &["--to", "13800138000"]);
    cmd.cmd.env_remove("TENCENTCLOUD_SECRET_KEY");
    cmd.run()
        .code(3)
        .stderr_has("TENCENTCLOUD_SECRET_KEY is not set");
    sandbox
        .sendmsg(["sms", "--to", "13800138000"])
        .run()
        .code(3)
        .stderr_has("SMS_PROVIDER is not set");
    sandbox
        .sendmsg(["sms", "--provider", "http", "--to", "13800138000", "hi"])
        .run()
        .code(3)
        .stderr_has("SMS_GATEWAY_URL is not set");
    assert_eq!(server.requests().len() + tencent_server.requests().len(), 0);
}

#[test]
fn dry_run_shows_the_signed_headers_with_the_authorization_masked() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    let out = aliyun_cmd(&sandbox, &server, &["--dry-run", "--to", "13800138000"]).run();
    out.code(0)
        .stdout_has(r#""authorization":"***""#)
        .stdout_has(r#""x-acs-action":"SendSms""#);
    let tencent_server = MockServer::start(tencent::service());
    let out = tencent_cmd(
        &sandbox,
        &tencent_server,
        &["--dry-run", "--to", "13800138000", "--param", "1=x"],
    )
    .run();
    out.code(0)
        .stdout_has(r#""authorization":"***""#)
        .stdout_has(r#""PhoneNumberSet":["+8613800138000"]"#);
    assert!(
        !out.stdout.contains(tencent::SECRET_ID),
        "the credential scope is inside the masked header"
    );
    assert_eq!(server.requests().len() + tencent_server.requests().len(), 0);
}

// ---------------------------------------------------------------- Tencent

#[test]
fn tencent_sends_a_signed_request_with_plus_86_and_params_in_order() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(tencent::service());
    let out = run_checked(
        tencent_cmd(
            &sandbox,
            &server,
            &[
                "--to",
                "13800138000",
                "--to",
                "+8613900139000",
                "--param",
                "2=web-1",
                "--param",
                "1=磁盘",
                "--json",
            ],
        ),
        &server,
    );
    out.code(0).stdout_has(r#""Code":"Ok""#);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(
        reqs[0].text(),
        r#"{"PhoneNumberSet":["+8613800138000","+8613900139000"],"SmsSdkAppId":"1400006666","SignName":"腾讯云","TemplateId":"1110","TemplateParamSet":["web-1","磁盘"]}"#
    );
    assert_eq!(header(&reqs[0], "x-tc-region"), "ap-guangzhou");
}

#[test]
fn tencent_rejects_a_wrong_key() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(tencent::service());
    run_checked(
        tencent_cmd(&sandbox, &server, &["--to", "13800138000"])
            .env("TENCENTCLOUD_SECRET_KEY", "wrong-tencent-key")
            .secret("wrong-tencent-key"),
        &server,
    )
    .code(1)
    .one_error_line()
    .stderr_has("sms: rejected by the service (AuthFailure.SignatureFailure)");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn tencent_names_every_number_that_failed() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(tencent::service());
    run_checked(
        tencent_cmd(&sandbox, &server, &["--to", "13800138000", "--to", &tencent::LIMITED_NUMBER[3..]]),
        &server,
    )
    .code(1)
    .one_error_line()
    .stderr_has(
        "(LimitExceeded.PhoneNumberDailyLimit): not sent to +8613800000429 (LimitExceeded.PhoneNumberDailyLimit: \
         单个手机号日下发短信条数超过设定的上限); sent to +8613800138000",
    );
    assert_eq!(
        server.requests().len(),
        1,
        "never resent: one number already got it"
    );
}

#[test]
fn tencent_api_rate_limits_are_retried() {
    let sandbox = Sandbox::new();
    let server = MockServer::scripted(
        vec![tencent::error(
            "RequestLimitExceeded",
            "请求的次数超过了频率限制。",
        )],
        tencent::service(),
    );
    run_checked(
        tencent_cmd(&sandbox, &server, &["--to", "13800138000"]),
        &server,
    )
    .code(0);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn tencent_refuses_mixed_or_too_many_numbers_before_sending() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(tencent::service());
    tencent_cmd(&sandbox, &server, &["--to", "13800138000,+85212345678"])
        .run()
        .code(2)
        .stderr_has("mainland and international");
    let many: Vec<String> = (0..201).map(|i| format!("138{i:08}")).collect();
    tencent_cmd(&sandbox, &server, &["--to", &many.join(",")])
        .run()
        .code(2)
        .stderr_has("201 numbers");
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn the_tencent_mock_rejects_tampering_and_staleness() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(tencent::service());
    tencent_cmd(&sandbox, &server, &["--to", "13800138000"])
        .run()
        .code(0);
    let good = server.requests().remove(0);
    let verdict = |req: &Recorded| body_of(&tencent::check(req, tencent::SECRET_KEY));
    assert!(verdict(&good).contains(r#""Code":"Ok""#));

    let mut tampered = good.clone();
    tampered.body = String::from_utf8_lossy(&good.body)
        .replace("13800138000", "13900139000")
        .into_bytes();
    assert!(verdict(&tampered).contains("AuthFailure.SignatureFailure"));

    let mut stale = good.clone();
    set_header(&mut stale, "x-tc-timestamp", (now_secs() - 600).to_string());
    let resigned = tencent::expected_authorization(
        &stale,
        tencent::SECRET_ID,
        tencent::SECRET_KEY,
        "content-type;host",
    );
    set_header(&mut stale, "authorization", resigned);
    assert!(verdict(&stale).contains("AuthFailure.SignatureExpire"));

    assert!(
        body_of(&tencent::check(&good, "another-key")).contains("AuthFailure.SignatureFailure")
    );
}

// ---------------------------------------------------------------- HTTP gateway

fn http_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["sms"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("SMS_PROVIDER", "http")
        .env(
            "SMS_GATEWAY_URL",
            format!("{}/api/third/sms/sendMsg", server.url()),
        )
        .env("SMS_GATEWAY_TOKEN", sms_gateway::TOKEN)
        .secret(sms_gateway::TOKEN)
}

#[test]
fn the_gateway_gets_one_request_per_number() {
    let sandbox = Sandbox::new();
    let server = common::sms_gateway::gateway();
    http_cmd(
        &sandbox,
        &server,
        &[
            "--to",
            "13800138000",
            "--to",
            "+85212345678",
            "磁盘 满了 & 100%",
        ],
    )
    .run()
    .code(0)
    .stderr_has("sms: sent to 2 recipients");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].query("mobile").as_deref(), Some("13800138000"));
    assert_eq!(reqs[1].query("mobile").as_deref(), Some("+85212345678"));
    assert_eq!(
        reqs[0].query("content").as_deref(),
        Some("磁盘 满了 & 100%")
    );
}

#[test]
fn gateway_codes_decide_success() {
    let sandbox = Sandbox::new();
    for (body, code) in [
        (r#"{"code":0,"msg":"ok"}"#, 0),
        (r#"{"code":1000,"data":"ok"}"#, 0),
        ("sent", 0),
        (r#"{"errorCode":7,"errorMsg":"余额不足"}"#, 1),
    ] {
        let server = MockServer::start(move |_| Reply::json(body));
        let out = http_cmd(&sandbox, &server, &["--to", "13800138000", "hi"]).run();
        out.code(code);
        if code == 1 {
            out.one_error_line().stderr_has("(errorCode 7): 余额不足");
        }
    }
}

#[test]
fn a_refused_number_is_named_and_the_others_still_get_it() {
    let sandbox = Sandbox::new();
    let server = common::sms_gateway::gateway();
    http_cmd(&sandbox, &server, &["--to", "13800138000,13800000001,13900139000", "hi"])
        .run()
        .code(1)
        .one_error_line()
        .stderr_has("1 of 3 recipients failed: 13800000001: rejected by the service (code 1001): 手机号已停机 (delivered to 13800138000, 13900139000)");
    assert_eq!(server.requests().len(), 3);
    let mut no_token = http_cmd(&sandbox, &server, &["--to", "13800138000", "hi"]);
    no_token.cmd.env_remove("SMS_GATEWAY_TOKEN");
    no_token.run().code(1).stderr_has("HTTP 401");
}

#[test]
fn a_long_text_is_split_at_500_bytes_per_sms() {
    let sandbox = Sandbox::new();
    let server = common::sms_gateway::gateway();
    let text: String = (0..40).map(|i| format!("服务{i:02}异常\n")).collect();
    // Every part is a paid SMS: splitting is asked for.
    http_cmd(
        &sandbox,
        &server,
        &["--to", "13800138000", "--overflow", "split"],
    )
    .stdin(text)
    .run()
    .code(0)
    .stderr_has("in 2 parts");
    for req in server.requests() {
        assert!(
            req.query("content")
                .is_some_and(|c| c.len() <= 500 && c.starts_with('('))
        );
    }
}

#[test]
fn a_key_in_the_gateway_url_stays_out_of_dry_run_and_logs() {
    let sandbox = Sandbox::new();
    let server = common::sms_gateway::gateway();
    let out = http_cmd(
        &sandbox,
        &server,
        &["--dry-run", "--to", "13800138000", "hi"],
    )
    .env(
        "SMS_GATEWAY_URL",
        format!(
            "{}/api/third/sms/sendMsg?key=url-embedded-key",
            server.url()
        ),
    )
    .secret("url-embedded-key")
    .run();
    out.code(0)
        .stdout_has(r#""ops-token":"***""#)
        .stdout_has("sendMsg?key=***&mobile=13800138000&content=hi");
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn template_variables_over_the_providers_lengths_are_caught_before_the_request() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(aliyun::service());
    let too_long = format!("host={}", "x".repeat(36));
    run_checked(
        aliyun_cmd(
            &sandbox,
            &server,
            &["--to", "13800138000", "--param", &too_long],
        ),
        &server,
    )
    .code(2)
    .one_error_line()
    .stderr_has("over it: host (36 characters); nothing was sent");
    assert!(server.requests().is_empty());
    let long = format!("host={}", "x".repeat(25));
    run_checked(
        aliyun_cmd(
            &sandbox,
            &server,
            &["--to", "13800138000", "--param", &long],
        ),
        &server,
    )
    .code(0)
    .stderr_has("warning: sms: host (25 characters) over 20 characters");
    assert_eq!(server.requests().len(), 1);
    // The template's `name` is a 20-character type: the warning was right, and the refusal has a hint.
    let name = format!("name={}", "x".repeat(25));
    run_checked(
        aliyun_cmd(
            &sandbox,
            &server,
            &["--to", "13800138000", "--param", &name],
        ),
        &server,
    )
    .code(1)
    .stderr_has("warning: sms: name (25 characters) over 20 characters")
    .stderr_has("(isv.PARAM_LENGTH_LIMIT)")
    .stderr_has("sendmsg: hint: a --param value is too long for its variable type");

    let server = MockServer::start(tencent::service());
    run_checked(
        tencent_cmd(&sandbox, &server, &["--to", "13800138000", "--param", "1=web-server-0001"]),
        &server,
    )
    .code(0)
    .stderr_has("warning: sms: 1 (15 characters) over 12 characters: a personal-verified Tencent Cloud account");
}

/// The contract's one order: a configuration error (an untrusted certificate) exits 3 whether it touches
/// one recipient or two, and the second recipient's is not reported as a rejection.
#[test]
fn the_same_config_error_exits_3_with_one_recipient_and_with_two() {
    use common::https::HttpsFront;
    use common::smtp::{Cert, Certs};
    let sandbox = Sandbox::new();
    let server = common::sms_gateway::gateway();
    let certs = Certs::new(Cert::Signed);
    let front = HttpsFront::start(&certs, &server);
    let gateway = format!("{}/api/third/sms/sendMsg", front.url());
    for to in ["13800138000", "13800138000,13900139000"] {
        let out = http_cmd(&sandbox, &server, &["--retries", "0", "--to", to, "hi"])
            .env("SMS_GATEWAY_URL", &gateway)
            .run();
        out.code(3).one_error_line().stderr_has(&format!(
            "the TLS certificate of 127.0.0.1:{} is not trusted",
            front.port()
        ));
    }
    assert_eq!(server.requests().len(), 0, "nothing may reach the gateway");
}
