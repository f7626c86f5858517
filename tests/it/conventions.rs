//! What a script and a person expect of any command: the `--json` envelope, help that shows a command's
//! own options first, bodies cleaned the way a terminal shows them, the SMS cost, warnings before a send
//! to everyone, and errors that name where a bad value came from.

use crate::common::mock::{MockServer, Reply};
use crate::common::{self, Sandbox, ding};

fn ding_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["ding"];
    all.extend_from_slice(args);
    ding::configure(sandbox.sendmsg(all), server)
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn a_success_prints_one_envelope_with_the_replies_and_quiet_keeps_only_it() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    for quiet in [false, true] {
        let mut args = vec!["--json", "x"];
        if quiet {
            args.insert(0, "-q");
        }
        let out = ding_cmd(&sandbox, &server, &args).run();
        out.code(0);
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.len(), 1, "{out:?}");
        let line = &lines[0];
        assert_eq!(line["channel"], "ding");
        assert_eq!(
            (line["ok"].as_bool(), line["exit"].as_u64()),
            (Some(true), Some(0))
        );
        assert_eq!(line["parts"], 1);
        assert_eq!(line["replies"][0]["errmsg"], "ok");
        assert!(line["error"].is_null() && line["hint"].is_null());
        assert!(line["target"].is_null() && line["queued"].is_null());
        assert_eq!(line["recipients"].as_array().map(Vec::len), Some(1));
        if quiet {
            assert_eq!(out.stderr, "", "{out:?}");
        }
    }
}

#[test]
fn a_failure_prints_its_envelope_with_the_error_and_the_hint() {
    let sandbox = Sandbox::new();
    let server =
        MockServer::start(|_| Reply::json(r#"{"errcode":300001,"errmsg":"token is not exist"}"#));
    let out = ding_cmd(&sandbox, &server, &["--json", "-q", "x"]).run();
    out.code(1)
        .one_error_line()
        .stderr_has("sendmsg: hint: token is not exist");
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0]["ok"].as_bool(), lines[0]["exit"].as_u64()),
        (Some(false), Some(1))
    );
    let error = lines[0]["error"].as_str().unwrap_or_default();
    assert!(
        error.starts_with("ding: rejected by the service (errcode 300001)"),
        "{error}"
    );
    assert!(
        lines[0]["hint"]
            .as_str()
            .is_some_and(|h| h.contains("DING_ACCESS_TOKEN"))
    );
}

#[test]
fn a_failure_before_any_request_has_an_envelope_too() {
    let sandbox = Sandbox::new();
    let out = sandbox.sendmsg(["--json", "ding", "x"]).run();
    out.code(3).one_error_line();
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0]["channel"].as_str(), lines[0]["exit"].as_u64()),
        (Some("ding"), Some(3))
    );
    assert!(
        lines[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("DING_ACCESS_TOKEN"))
    );
}

#[test]
fn send_prints_one_envelope_per_channel_that_tells_them_apart() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    // "ding, email": the space after the comma is not part of a name.
    let out = ding::configure(
        sandbox.sendmsg(["--json", "send", "--via", "ding, email", "x"]),
        &server,
    )
    .run();
    out.code(3).stderr_has("email: ");
    let lines = json_lines(&out.stdout);
    let channels: Vec<&str> = lines.iter().filter_map(|l| l["channel"].as_str()).collect();
    assert_eq!(channels, ["email", "ding"], "{out:?}");
    assert!(lines.iter().all(|l| l["ok"] == false));
    assert!(
        server.requests().is_empty(),
        "nothing is sent when a channel is not ready"
    );
}

#[test]
fn help_shows_own_options_first_then_only_the_global_options_used() {
    let sandbox = Sandbox::new();
    let help = sandbox.sendmsg(["ding", "--help"]).run();
    let text = &help.code(0).stdout;
    let globals = text
        .find("\nGlobal options:\n")
        .expect("a Global options heading");
    let own = text.find("--access-token").expect("ding's own option");
    let global = text.find("--env-file").expect("a global option");
    assert!(own < globals && globals < global, "{text}");

    let history = sandbox.sendmsg(["history", "--help"]).run();
    let text = &history.code(0).stdout;
    for hidden in [
        "--dry-run",
        "--limit <",
        "--dedupe",
        "--retries",
        "--limit-key",
    ] {
        assert!(
            !text.contains(hidden),
            "history --help shows {hidden}:\n{text}"
        );
    }
    assert!(text.contains("--json"), "{text}");
    let completions = sandbox.sendmsg(["completions", "--help"]).run();
    assert!(
        !completions.stdout.contains("Global options"),
        "{completions:?}"
    );
    // Hidden and refused: a global option that does nothing for the command is a usage error.
    sandbox
        .sendmsg(["--dry-run", "completions", "bash"])
        .run()
        .code(2)
        .stderr_has("`--dry-run` does nothing for `sendmsg completions`");
}

#[test]
fn template_offers_no_overflow_value_it_would_refuse() {
    let sandbox = Sandbox::new();
    let help = sandbox.sendmsg(["template", "--help"]).run();
    assert!(!help.stdout.contains("split"), "{help:?}");
    sandbox
        .sendmsg(["template", "--overflow", "split"])
        .run()
        .code(2)
        .stderr_has("invalid value 'split'");
}

#[test]
fn a_piped_body_is_cleaned_the_way_a_terminal_shows_it() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let piped = "\x1b[1;31merror\x1b[0m: build\r\n\x1b]0;make\x07 0%\r 50%\r100% done\r\nend\n";
    ding_cmd(&sandbox, &server, &[]).stdin(piped).run().code(0);
    ding_cmd(&sandbox, &server, &["--keep-ansi"])
        .stdin("\x1b[31mred\x1b[0m\r\nbar 1\rbar 2\n")
        .run()
        .code(0);
    // Words on the command line are the user's own: untouched.
    ding_cmd(&sandbox, &server, &["a\rb"]).run().code(0);
    assert_eq!(
        ding::texts(&server),
        [
            "error: build\n100% done\nend",
            "\x1b[31mred\x1b[0m\r\nbar 1\rbar 2",
            "a\rb"
        ]
    );
}

fn sms_http(sandbox: &Sandbox, args: &[&str]) -> common::Run {
    let mut all = vec![
        "--dry-run",
        "sms",
        "--provider",
        "http",
        "--to",
        "13800138000",
    ];
    all.extend_from_slice(&["--to", "13900139000"]);
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("SMS_GATEWAY_URL", "http://127.0.0.1:9/send")
}

#[test]
fn sms_http_splits_only_when_asked_and_says_what_a_send_costs() {
    let sandbox = Sandbox::new();
    let long: String = (1..=900).map(|n| format!("{n}\n")).collect();
    let out = sms_http(&sandbox, &[]).stdin(long.clone()).run();
    out.code(2).one_error_line().stderr_has("--overflow split");
    assert_eq!(out.stdout, "", "nothing is built when it would not fit");
    let out = sms_http(&sandbox, &["--overflow", "split"])
        .stdin(long)
        .run();
    out.code(0)
        .stderr_has("this send costs 16 SMS (8 part(s) × 2 number(s))");
    assert_eq!(out.stdout.lines().count(), 16);
    sms_http(&sandbox, &["short"])
        .run()
        .code(0)
        .stderr_has("this send costs 2 SMS");
}

#[test]
fn a_wecom_app_message_to_nobody_in_particular_warns_before_going_to_all() {
    let sandbox = Sandbox::new();
    let wecom = |args: &[&str]| {
        let mut all = vec!["--dry-run", "wecom"];
        all.extend_from_slice(args);
        sandbox
            .sendmsg(all)
            .env("WECOM_CORP_ID", "ww1")
            .env("WECOM_CORP_SECRET", "s")
            .env("WECOM_AGENT_ID", "1000002")
    };
    wecom(&["hi"])
        .run()
        .code(0)
        .stderr_has("sending to @all")
        .stderr_has("WECOM_TO_USER")
        .stdout_has(r#""touser":"@all""#);
    let meant = wecom(&["--to-user", "@all", "hi"]).run();
    meant.code(0);
    assert!(!meant.stderr.contains("warning"), "{meant:?}");
}

#[test]
fn a_bad_value_names_the_flag_the_variable_or_the_env_file_line() {
    let sandbox = Sandbox::new();
    let sms = |args: &[&str]| {
        let mut all = vec!["--dry-run", "sms", "--provider", "http"];
        all.extend_from_slice(args);
        all.push("hi");
        sandbox
            .sendmsg(all)
            .env("SMS_GATEWAY_URL", "http://127.0.0.1:9/send")
    };
    sms(&["--to", "12345"])
        .run()
        .code(2)
        .stderr_has("sms: --to `12345` is not a mobile number");
    sms(&[])
        .env("SMS_TO", "12345")
        .run()
        .code(2)
        .stderr_has("sms: SMS_TO `12345` is not a mobile number");
    // Notepad's byte-order mark is not part of the first name.
    let file = sandbox.write("my.env", "\u{feff}# sms\n\nSMS_TO=12345\n");
    sms(&[])
        .env("SENDMSG_ENV_FILE", &file)
        .run()
        .code(2)
        .stderr_has(&format!("sms: {} line 3: SMS_TO `12345`", file.display()));
    let out = sandbox
        .sendmsg(["--dry-run", "ding", "x"])
        .env("SENDMSG_TIMEOUT", "abc")
        .run();
    out.code(2).stderr_has("'SENDMSG_TIMEOUT (for --timeout)'");
}

#[test]
fn verbose_names_the_env_file_and_a_directory_is_not_a_missing_file() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("ops.env", "DING_ACCESS_TOKEN=abc\n");
    let shown = format!("env file: {}", file.display());
    let out = sandbox
        .sendmsg(["-v", "--dry-run", "ding", "x"])
        .env("SENDMSG_ENV_FILE", &file)
        .run();
    out.code(0).stderr_has(&shown);
    sandbox
        .sendmsg(["-v", "--dry-run", "ding", "x"])
        .run()
        .code(0)
        .stderr_has("env file: none");
    sandbox
        .sendmsg(["--env-file", ".", "ding", "x"])
        .run()
        .code(3)
        .stderr_has("is a directory");
}

#[test]
fn a_connection_error_names_host_and_port() {
    let sandbox = Sandbox::new();
    sandbox
        .sendmsg(["--retries", "0", "ding", "x"])
        .env("DING_ACCESS_TOKEN", "t")
        .env("DING_BASE_URL", "http://127.0.0.1:9")
        .run()
        .code(4)
        .stderr_has("127.0.0.1:9");
}

#[test]
fn a_misspelled_history_channel_is_a_usage_error_with_a_suggestion() {
    let sandbox = Sandbox::new();
    sandbox
        .sendmsg(["history", "--channel", "dign"])
        .run()
        .code(2)
        .stderr_has("'ding'");
}

#[test]
fn quiet_check_keeps_only_what_needs_fixing() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .sendmsg(["-q", "check", "ding"])
        .env("DING_ACCESS_TOKEN", "abc")
        .env("DING_SECRET", "not-sec")
        .run();
    out.code(3);
    assert!(!out.stdout.contains('✓'), "{out:?}");
    assert!(out.stdout.contains("✗ ding: DING_SECRET"), "{out:?}");
}

#[test]
fn a_secret_without_sec_warns_on_a_send() {
    let sandbox = Sandbox::new();
    sandbox
        .sendmsg(["--dry-run", "ding", "x"])
        .env("DING_ACCESS_TOKEN", "abc")
        .env("DING_SECRET", "not-a-sec-secret")
        .run()
        .code(0)
        .stderr_has("DING_SECRET does not start with SEC");
}
