//! What a new user trips on (issue 27), each pinned: recipients of every WeCom destination, webhook body
//! types, the replies of a failed `--json` send, what `-v` names, a missing `--config`, `--target` without
//! a config file, `-q` and the @all warning, `--help` without values, `-vv`, global options that do
//! nothing, the fingerprint openssl prints, Bark's two keys and app URL, and quota hints.

use crate::common;

use common::mock::{MockServer, Reply};
use common::smtp::{Cert, Options, PASSWORD, SmtpServer, USER};
use common::wecom::{AGENT_ID, BOT_KEY, CORP_ID, CORP_SECRET, Wecom};
use common::{Sandbox, bark, ding, webhook};

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

#[test]
fn two_wecom_robots_do_not_share_a_limit_and_history_names_every_recipient() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let other_key = "0f0e0d0c-0b0a-4999-8888-777766665555";
    let robot = |key: &str| {
        sandbox
            .sendmsg(["--dedupe", "1h", "wecom", "--bot", "disk full"])
            .env("WECOM_BOT_KEY", key)
            .env("WECOM_BASE_URL", mock.url())
            .secret(other_key)
    };
    robot(BOT_KEY).run().code(0);
    // The same text to another robot is another destination: not a duplicate. (The mock refuses the
    // other key, so the send is a rejection, exit 1, and not a suppression, exit 5.)
    robot(other_key).run().code(1).stderr_has("errcode 93000");
    robot(BOT_KEY).run().code(5);
    let app = sandbox
        .sendmsg([
            "wecom",
            "--to-user",
            "zhangsan",
            "--to-party",
            "2",
            "--to-tag",
            "1",
            "deploy done",
        ])
        .env("WECOM_CORP_ID", CORP_ID)
        .env("WECOM_CORP_SECRET", CORP_SECRET)
        .env("WECOM_AGENT_ID", AGENT_ID)
        .env("WECOM_BASE_URL", mock.url())
        .run();
    app.code(0);
    let history = sandbox.sendmsg(["history", "--json"]).run();
    let recipients: Vec<serde_json::Value> = json_lines(&history.stdout)
        .iter()
        .map(|r| r["recipients"].clone())
        .collect();
    let robot_id = |key: &str| {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(key.as_bytes());
        format!("robot:{}", &common::signing::hex(&digest)[..8])
    };
    assert_eq!(
        recipients,
        [
            serde_json::json!([robot_id(BOT_KEY)]),
            serde_json::json!([robot_id(other_key)]),
            serde_json::json!([robot_id(BOT_KEY)]),
            serde_json::json!(["party:2", "tag:1", "zhangsan"]),
        ]
    );
}

#[test]
fn a_bare_message_template_sends_the_text_itself_as_plain_text() {
    let sandbox = Sandbox::new();
    let ntfy = MockServer::start(|req| {
        // ntfy takes the body as the message; a JSON-quoted one would show its quotes.
        if req.header("content-type") == Some("text/plain; charset=utf-8") {
            Reply::json(r#"{"id":"hN9cdE","event":"message"}"#)
        } else {
            Reply::status(400, r#"{"error":"wrong type"}"#)
        }
    });
    let send = |args: &[&str]| {
        let mut all = vec!["webhook", "--url"];
        let url = format!("{}/my-alerts", ntfy.url());
        all.push(&url);
        all.extend_from_slice(args);
        sandbox.sendmsg(all).run()
    };
    send(&["--body", "{{message}}", "disk \"full\" on web-1"]).code(0);
    send(&[
        "--body",
        "{{message}}",
        "--content-type",
        "text/markdown",
        "**x**",
    ])
    .code(1);
    let bodies: Vec<(String, Option<String>)> = ntfy
        .requests()
        .iter()
        .map(|r| (r.text(), r.header("content-type").map(str::to_owned)))
        .collect();
    assert_eq!(
        bodies,
        [
            (
                "disk \"full\" on web-1".to_owned(),
                Some("text/plain; charset=utf-8".to_owned())
            ),
            ("**x**".to_owned(), Some("text/markdown".to_owned())),
        ]
    );
    // A JSON object is still JSON.
    let gateway = webhook::gateway();
    webhook::configure(
        sandbox.sendmsg(["webhook", "--body", r#"{"t": {{message}}}"#, "x"]),
        &gateway,
    )
    .run()
    .code(0);
    assert_eq!(
        gateway.requests()[0].header("content-type"),
        Some("application/json")
    );
}

#[test]
fn a_failed_json_send_carries_the_services_reply() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let out = sandbox
        .sendmsg(["--json", "ding", "hi"])
        .env("DING_ACCESS_TOKEN", "not0the0robots0token")
        .env("DING_BASE_URL", robot.url())
        .run();
    out.code(1);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0]["replies"],
        serde_json::json!([{"errcode": 400101, "errmsg": "access_token does not exist"}])
    );
}

#[test]
fn verbose_names_both_files_and_a_named_config_must_exist() {
    let sandbox = Sandbox::new();
    let run = |args: &[&str]| {
        sandbox
            .sendmsg(args)
            .env("DING_ACCESS_TOKEN", ding::TOKEN)
            .run()
    };
    let out = run(&["-vv", "--dry-run", "ding", "x"]);
    out.code(0);
    let said: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains(" file: "))
        .collect();
    assert_eq!(
        said,
        [
            "sendmsg: env file: none (no --env-file, SENDMSG_ENV_FILE, ~/.config/sendmsg/.env or ./.env)",
            "sendmsg: config file: none",
        ]
    );
    let config = sandbox.path("config").join("sendmsg");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        "[targets.ops]\nchannel = \"ding\"\naccess_token = \"abcdef123456\"\n",
    )
    .expect("config");
    run(&["-v", "--dry-run", "ding", "--target", "ops", "x"])
        .code(0)
        .stderr_has(&format!(
            "sendmsg: config file: {} (1 targets, 0 groups)",
            config.join("config.toml").display()
        ));
    let out = run(&["--config", "missing.toml", "ding", "x"]);
    out.code(3);
    assert_eq!(
        out.stderr,
        "sendmsg: error: config file missing.toml does not exist (from --config or SENDMSG_CONFIG)\n"
    );
}

#[test]
fn a_target_without_a_config_file_says_so_and_where_it_looked() {
    let sandbox = Sandbox::new();
    let out = sandbox.sendmsg(["ding", "--target", "ops", "x"]).run();
    out.code(3);
    assert_eq!(
        out.stderr,
        format!(
            "sendmsg: error: --target ops: there is no config file (none at {}; --config PATH or SENDMSG_CONFIG names another)\n",
            sandbox.path("config").join("sendmsg/config.toml").display()
        )
    );
}

#[test]
fn quiet_does_not_hide_that_a_message_goes_to_the_whole_company() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .sendmsg(["-q", "--dry-run", "wecom", "hi"])
        .env("WECOM_CORP_ID", "ww1")
        .env("WECOM_CORP_SECRET", "s3cr3t-value")
        .env("WECOM_AGENT_ID", "1000002")
        .run();
    out.code(0);
    assert_eq!(
        out.stderr,
        "sendmsg: warning: wecom: no recipient (--to-user, --to-party, --to-tag or WECOM_TO_USER): sending to @all, everyone in the company; set WECOM_TO_USER=@all to mean it\n"
    );
}

#[test]
fn help_names_variables_but_never_their_values() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .sendmsg(["webhook", "--help"])
        .env(
            "WEBHOOK_BODY",
            r#"{"x": {{message}}, "k": "body-value-7f3a"}"#,
        )
        .env("WEBHOOK_SUCCESS", "code=0")
        .env("SENDMSG_TIMEOUT", "7")
        .run();
    out.code(0);
    for shown in [
        "[env: WEBHOOK_BODY]",
        "[env: WEBHOOK_SUCCESS]",
        "[env: SENDMSG_TIMEOUT]",
    ] {
        out.stdout_has(shown);
    }
    assert!(
        !out.stdout.contains("body-value-7f3a") && !out.stdout.contains("code=0]"),
        "{}",
        out.stdout
    );
}

#[test]
fn global_options_that_do_nothing_are_usage_errors() {
    let sandbox = Sandbox::new();
    for (line, option, command) in [
        (&["history", "--dry-run"][..], "--dry-run", "history"),
        (&["--dry-run", "history"][..], "--dry-run", "history"),
        (&["check", "ding", "--limit", "5/h"][..], "--limit", "check"),
        (
            &["--json", "completions", "bash"][..],
            "--json",
            "completions",
        ),
    ] {
        let out = sandbox.sendmsg(line).run();
        out.code(2);
        assert_eq!(
            out.stderr.lines().next(),
            Some(
                format!("error: `{option}` does nothing for `sendmsg {command}`: leave it out")
                    .as_str()
            ),
            "{line:?}"
        );
    }
    // The ones a command uses stay, and a setting in the environment is no usage error.
    sandbox.sendmsg(["--json", "history"]).run().code(0);
    sandbox
        .sendmsg(["history"])
        .env("SENDMSG_LIMIT", "5/h")
        .run()
        .code(0);
}

#[test]
fn the_fingerprint_openssl_prints_pins_the_certificate() {
    let sandbox = Sandbox::new();
    let server = SmtpServer::with(Options {
        cert: Cert::SelfSigned,
        ..Options::mode("tls")
    });
    let hex = server
        .certs
        .fingerprint()
        .trim_start_matches("sha256:")
        .to_uppercase();
    let pairs: Vec<String> = hex
        .as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    for pin in [
        pairs.join(":"),
        format!("sha256 Fingerprint={}", pairs.join(":")),
    ] {
        sandbox
            .sendmsg(["email", "--to", "ops@example.com", "pinned"])
            .env("SMTP_HOST", "127.0.0.1")
            .env("SMTP_PORT", server.port.to_string())
            .env("SMTP_SECURITY", "tls")
            .env("SMTP_USER", USER)
            .env("SMTP_PASSWORD", PASSWORD)
            .env("SMTP_TLS_FINGERPRINT", &pin)
            .run()
            .code(0);
    }
    assert_eq!(server.messages().len(), 2);
}

#[test]
fn bark_takes_two_keys_and_the_url_the_app_shows() {
    let sandbox = Sandbox::new();
    let server = bark::server();
    let bark_cmd = |args: &[&str]| {
        let mut all = vec!["bark"];
        all.extend_from_slice(args);
        sandbox.sendmsg(all).env("BARK_BASE_URL", server.url())
    };
    bark_cmd(&[
        "--device-key",
        bark::KEY,
        "--device-key",
        bark::OTHER_KEY,
        "--level",
        "critical",
        "UPS on battery",
    ])
    .run()
    .code(0);
    let app_url = format!("{}/{}/", server.url(), bark::KEY);
    bark_cmd(&["--device-key", &app_url, "from the app's URL"])
        .run()
        .code(0);
    assert_eq!(bark::pushes(&server).len(), 3);
    let out = bark_cmd(&["--device-key", "K1", "--device-key", "K2", "x"]).run();
    out.code(3);
    assert_eq!(
        out.stderr,
        "sendmsg: error: bark: device key 1 of 2 is malformed: a key is at least 8 letters, digits, `-` or `_`, and this one is 2 characters; copy the key from the Bark app (the part after api.day.app/ in its example URL) into BARK_DEVICE_KEY\n"
    );
    let out = bark_cmd(&[
        "--device-key",
        &format!("https://bark.example.com/{}/", bark::KEY),
        "x",
    ])
    .run();
    out.code(3);
    assert_eq!(
        out.stderr,
        format!(
            "sendmsg: error: bark: device key 1 of 1 is a URL of https://bark.example.com, but the server in use is {} (BARK_BASE_URL): set BARK_BASE_URL=https://bark.example.com, or give the key alone\n",
            server.url()
        )
    );
    assert_eq!(bark::pushes(&server).len(), 3);
}

#[test]
fn a_spent_dingtalk_quota_is_a_rejection_with_a_hint() {
    let sandbox = Sandbox::new();
    let robot = MockServer::start(|_| {
        Reply::json(r#"{"errcode":90030,"errmsg":"robot message quota exceeded this month"}"#)
    });
    let out = ding::configure(sandbox.sendmsg(["ding", "hi"]), &robot).run();
    out.code(1);
    assert_eq!(
        out.stderr,
        "sendmsg: error: ding: rejected by the service (errcode 90030): robot message quota exceeded this month\n\
         sendmsg: hint: the robot's message quota for this period (the organisation's plan limits custom robots by day and month) is spent; it is not retried: wait for the next period, or send through a pool of robots (config.toml [groups.NAME] pool)\n"
    );
    assert_eq!(robot.requests().len(), 1, "a quota is not retried");
}

#[test]
fn bash_completes_target_group_and_channel_names_and_no_file_names_there() {
    let sandbox = Sandbox::new();
    let config = sandbox.path("config").join("sendmsg");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        "[targets.ops]\nchannel = \"ding\"\naccess_token = \"${T}\"\n[targets.dev]\nchannel = \"wecom\"\nbot_key = \"${K}\"\n[groups]\noncall = [\"ops\", \"dev\"]\n",
    )
    .expect("config");
    sandbox.write("ops-notes.txt", "a file a name could be completed to\n");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/sendmsg.bash");
    let complete = |words: &str| -> Vec<String> {
        let line = format!(
            "source {}; COMP_WORDS=({} {words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _sendmsg_with_names \"${{COMP_WORDS[0]}}\" \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            env!("CARGO_BIN_EXE_sendmsg"),
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &line])
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", sandbox.path("home"))
            .env("XDG_CONFIG_HOME", sandbox.path("config"))
            .current_dir(sandbox.work())
            .output()
            .expect("bash");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(complete("ding --target ''"), ["ops", "dev"]);
    assert_eq!(complete("ding --target o"), ["ops"]);
    assert_eq!(complete("send --via d"), ["ding", "dev"]);
    assert_eq!(complete("send --via ding,o"), ["ding,ops", "ding,oncall"]);
    assert_eq!(complete("check o"), ["ops"]);
    assert_eq!(complete("check a"), ["all"]);
    // Elsewhere clap's own completion is unchanged.
    assert_eq!(complete("hist"), ["history"]);
}
