//! Named targets and groups (`config.toml`) end to end: two DingTalk robots and a WeCom robot, each a mock
//! that verifies its own token, so a message that reaches the wrong group fails the test.

use crate::common;

use common::mock::MockServer;
use common::{Sandbox, ding, wecom};
use std::path::PathBuf;

/// The ops robot's credentials: a second robot beside the one `common::ding` is.
const OPS_TOKEN: &str = "ops-robot-token-8d0842de77";
const OPS_SECRET: &str = "SECopsrobotsecret0a1b2c3d";
/// A secret written into the file itself.
const LITERAL: &str = "SECliteral-in-the-file-9f8e7d";

fn ops_robot() -> MockServer {
    MockServer::start(|req| ding::check(req, OPS_TOKEN, Some(OPS_SECRET)))
}

/// Writes `text` as the default config file (`$XDG_CONFIG_HOME/sendmsg/config.toml`), mode 0600.
fn config(sandbox: &Sandbox, text: &str) -> PathBuf {
    sandbox.config(text)
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// `ops` (the ops robot), `dev` (the WeCom robot) and the group `oncall`, which names `ops` twice.
fn team(sandbox: &Sandbox, ops: &MockServer, wecom: &wecom::Wecom) -> PathBuf {
    config(
        sandbox,
        &format!(
            r#"
[targets.ops]
channel = "ding"
access_token = "${{OPS_DING_TOKEN}}"
secret = "${{OPS_DING_SECRET}}"
base_url = "{}"

[targets.dev]
channel = "wecom"
bot_key = "${{DEV_BOT_KEY}}"
base_url = "{}"
markdown = true

[groups]
oncall = ["ops", "dev", "ops"]
"#,
            ops.url(),
            wecom.url()
        ),
    )
}

/// A run with the team's variables, and the other robot's exported as `DING_*` as the issue's user had them.
fn with_team(run: common::Run, other: &MockServer) -> common::Run {
    ding::configure(run, other)
        .env("OPS_DING_TOKEN", OPS_TOKEN)
        .env("OPS_DING_SECRET", OPS_SECRET)
        .env("DEV_BOT_KEY", wecom::BOT_KEY)
        .secret(OPS_TOKEN)
        .secret(OPS_SECRET)
        .secret(LITERAL)
}

#[test]
fn an_exported_variable_for_another_robot_never_redirects_a_named_target() {
    let sandbox = Sandbox::new();
    let (ops, dev) = (ops_robot(), ding::robot());
    team(&sandbox, &ops, &wecom::Wecom::start());
    let out = with_team(
        sandbox.sendmsg(["ding", "--target", "ops", "meant for ops"]),
        &dev,
    )
    .run();
    out.code(0).stderr_has("ding@ops: sent");
    assert_eq!(ding::texts(&ops), ["meant for ops"]);
    assert!(dev.requests().is_empty());

    // Without the target the exported robot is used, as before.
    with_team(sandbox.sendmsg(["ding", "meant for dev"]), &dev)
        .run()
        .code(0)
        .stderr_has("ding: sent");
    assert_eq!(ding::texts(&dev), ["meant for dev"]);

    // The history tells them apart.
    let history = with_team(sandbox.sendmsg(["--json", "history"]), &dev).run();
    let records: Vec<serde_json::Value> = history
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("history line"))
        .collect();
    assert_eq!(records.len(), 2, "{history:?}");
    assert_eq!(records[0]["target"], "ops");
    assert_eq!(records[1]["target"], serde_json::Value::Null);
    let only_ops = with_team(
        sandbox.sendmsg(["--json", "history", "--target", "ops"]),
        &dev,
    )
    .run();
    assert_eq!(only_ops.code(0).stdout.lines().count(), 1, "{only_ops:?}");
    with_team(sandbox.sendmsg(["history"]), &dev)
        .run()
        .code(0)
        .stdout_has("ding@ops");
}

#[test]
fn a_target_reads_no_channel_variable_and_its_dry_run_names_it() {
    let sandbox = Sandbox::new();
    config(
        &sandbox,
        "[targets.ops]\nchannel = \"ding\"\naccess_token = \"${OPS_DING_TOKEN}\"\n",
    );
    let dev = ding::robot();
    // DING_BASE_URL and DING_SECRET of the other robot are exported: neither reaches the target.
    let out = with_team(
        sandbox.sendmsg(["--dry-run", "-v", "ding", "--target", "ops", "hi"]),
        &dev,
    )
    .run();
    out.code(0)
        .stderr_has("ding@ops: settings from ")
        .stderr_has("config.toml (1 targets, 0 groups)");
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("dry-run line");
    assert_eq!(line["target"], "ops");
    assert_eq!(line["channel"], "ding");
    let url = line["url"].as_str().unwrap_or_default();
    assert!(
        url.starts_with("https://oapi.dingtalk.com/robot/send?access_token=***"),
        "{url}"
    );
    assert!(
        !url.contains("sign="),
        "the exported DING_SECRET signed it: {url}"
    );
    assert!(
        out.stdout
            .starts_with(r#"{"channel":"ding","target":"ops","#)
    );
}

#[test]
fn options_on_the_command_line_override_the_target() {
    let sandbox = Sandbox::new();
    config(
        &sandbox,
        "[targets.ops]\nchannel = \"ding\"\naccess_token = \"t0ken-x\"\ntitle = \"from the file\"\nat_mobile = [\"13800138000\"]\n",
    );
    let out = sandbox
        .sendmsg([
            "--dry-run",
            "ding",
            "--target",
            "ops",
            "--at-mobile",
            "13900139000",
            "body",
        ])
        .run();
    out.code(0);
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("dry-run line");
    assert_eq!(
        line["body"]["text"]["content"],
        "from the file\nbody\n@13900139000"
    );
    assert_eq!(
        line["body"]["at"]["atMobiles"],
        serde_json::json!(["13900139000"])
    );
}

#[test]
fn a_group_expands_in_order_and_a_target_reached_twice_is_sent_once() {
    let sandbox = Sandbox::new();
    let (ops, dev) = (ops_robot(), ding::robot());
    let bot = wecom::Wecom::start();
    team(&sandbox, &ops, &bot);
    let out = with_team(
        sandbox.sendmsg(["send", "--via", "oncall,ops,ding", "disk full"]),
        &dev,
    )
    .run();
    out.code(0)
        .stderr_has("ding@ops: sent")
        .stderr_has("wecom@dev: sent")
        .stderr_has("ding: sent");
    assert_eq!(ding::texts(&ops), ["disk full"]);
    assert_eq!(ding::texts(&dev), ["disk full"]);
    let sends = bot.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].json()["msgtype"], "markdown");
    // SENDMSG_VIA takes groups too, for `run` as for `send`.
    let out = with_team(sandbox.sendmsg(["run", "--", "false"]), &dev)
        .env("SENDMSG_VIA", "oncall")
        .run();
    out.code(1).stderr_has("ding@ops: sent");
    assert_eq!(ding::texts(&ops).len(), 2);
    assert_eq!(bot.sends().len(), 2);
}

#[test]
fn an_unset_variable_is_named_with_the_file_target_and_key() {
    let sandbox = Sandbox::new();
    let (ops, dev) = (ops_robot(), ding::robot());
    let path = team(&sandbox, &ops, &wecom::Wecom::start());
    let out = sandbox
        .sendmsg(["ding", "--target", "ops", "x"])
        .env("OPS_DING_SECRET", OPS_SECRET)
        .run();
    out.code(3).one_error_line().stderr_has(&format!(
        "{} [targets.ops] access_token: ${{OPS_DING_TOKEN}} is not set",
        path.display()
    ));
    // `send` checks every target before sending anything.
    let out = ding::configure(sandbox.sendmsg(["send", "--via", "ding,oncall", "x"]), &dev)
        .env("OPS_DING_TOKEN", OPS_TOKEN)
        .env("OPS_DING_SECRET", OPS_SECRET)
        .secret(OPS_TOKEN)
        .secret(OPS_SECRET)
        .run();
    out.code(3)
        .stderr_has("[targets.dev] bot_key: ${DEV_BOT_KEY} is not set");
    assert!(dev.requests().is_empty() && ops.requests().is_empty());
}

#[test]
fn an_unknown_key_or_a_wrong_type_is_named_with_a_suggestion() {
    let sandbox = Sandbox::new();
    let path = config(
        &sandbox,
        "[targets.ops]\nchannel = \"ding\"\nacess_token = \"x\"\n",
    );
    let out = sandbox.sendmsg(["ding", "--target", "ops", "x"]).run();
    out.code(3)
        .one_error_line()
        .stderr_has(&format!("{} [targets.ops] acess_token:", path.display()))
        .stderr_has("did you mean `access_token`?")
        .stderr_has("its keys are channel, access_token, secret, markdown");
    // Keys are checked for the whole file, whichever target a run uses.
    sandbox.sendmsg(["targets"]).run().code(3);

    config(
        &sandbox,
        "[targets.ops]\nchannel = \"ding\"\nmarkdown = \"yes\"\n",
    );
    sandbox
        .sendmsg(["ding", "--target", "ops", "x"])
        .run()
        .code(3)
        .stderr_has("[targets.ops] markdown: must be true or false");
    config(
        &sandbox,
        "[targets.ops]\nchannel = \"ding\"\naccess_token = \"x\"\nmax_parts = \"many\"\n",
    );
    sandbox
        .sendmsg(["ding", "--target", "ops", "x"])
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("[targets.ops] max_parts: invalid value 'many'");
}

#[test]
fn names_are_one_namespace_and_groups_name_targets() {
    let sandbox = Sandbox::new();
    config(&sandbox, "[targets.ding]\nchannel = \"ding\"\n");
    sandbox
        .sendmsg(["send", "--via", "ding", "x"])
        .run()
        .code(3)
        .stderr_has("[targets.ding]: is named like a channel");
    config(
        &sandbox,
        "[targets.ops]\nchannel = \"ding\"\n[groups]\noncall = [\"ops\", \"sre\"]\n",
    );
    sandbox
        .sendmsg(["targets"])
        .run()
        .code(3)
        .stderr_has("[groups] oncall: names `sre`, which is not a target");
}

#[test]
fn a_target_of_another_channel_is_a_usage_error_and_an_unknown_one_lists_them() {
    let sandbox = Sandbox::new();
    team(&sandbox, &ops_robot(), &wecom::Wecom::start());
    sandbox
        .sendmsg(["ding", "--target", "dev", "x"])
        .run()
        .code(2)
        .one_error_line()
        .stderr_has("--target dev is a `wecom` target, not `ding`");
    sandbox
        .sendmsg(["template", "--target", "nosuch"])
        .run()
        .code(3)
        .stderr_has("targets: ops, dev");
    sandbox
        .sendmsg(["send", "--via", "ops,nosuch", "x"])
        .run()
        .code(2)
        .stderr_has("`nosuch` is not a channel, target or group");
    // A named file must exist.
    sandbox
        .sendmsg(["--config", "missing.toml", "targets"])
        .run()
        .code(3)
        .stderr_has("missing.toml does not exist");
}

#[test]
fn a_target_s_errors_and_limits_are_its_own() {
    let sandbox = Sandbox::new();
    let ops = ops_robot();
    let dev = ding::robot();
    config(
        &sandbox,
        &format!(
            "[targets.ops]\nchannel = \"ding\"\naccess_token = \"${{OPS_DING_TOKEN}}\"\nsecret = \"${{OPS_DING_SECRET}}\"\nbase_url = \"{0}\"\n\n\
             [targets.ops-again]\nchannel = \"ding\"\naccess_token = \"${{OPS_DING_TOKEN}}\"\nsecret = \"${{OPS_DING_SECRET}}\"\nbase_url = \"{0}\"\n\n\
             [targets.wrong]\nchannel = \"ding\"\naccess_token = \"${{OPS_DING_TOKEN}}\"\nsecret = \"SECnotthesecret\"\nbase_url = \"{0}\"\n",
            ops.url()
        ),
    );
    let send = |target: &str| {
        with_team(
            sandbox.sendmsg(["--limit", "1/h", "ding", "--target", target, "same"]),
            &dev,
        )
        .run()
    };
    send("ops").code(0);
    send("ops").code(5).stderr_has("ding@ops: suppressed");
    // Another target of the same robot counts apart.
    send("ops-again").code(0).stderr_has("ding@ops-again: sent");
    send("wrong")
        .code(1)
        .one_error_line()
        .stderr_has("sendmsg: error: ding@wrong: rejected by the service (errcode 310000)");
}

#[test]
fn a_missing_key_is_named_as_the_target_s_key() {
    let sandbox = Sandbox::new();
    let path = config(
        &sandbox,
        "[targets.ops]\nchannel = \"ding\"\nmarkdown = true\n",
    );
    let out = with_team(
        sandbox.sendmsg(["ding", "--target", "ops", "x"]),
        &ding::robot(),
    )
    .run();
    // The target's key, never the variable a target does not read (`DING_ACCESS_TOKEN`).
    out.code(3).stderr_is(&format!(
        "sendmsg: error: ding@ops: {} [targets.ops] access_token is not set\n",
        path.display()
    ));
}

#[test]
fn targets_lists_every_target_and_group_with_secrets_masked() {
    let sandbox = Sandbox::new();
    let path = config(
        &sandbox,
        &format!(
            "[targets.ops]\nchannel = \"ding\"\naccess_token = \"https://oapi.dingtalk.com/robot/send?access_token={OPS_TOKEN}\"\nsecret = \"{LITERAL}\"\nat_mobile = [\"13800138000\"]\n\n\
             [targets.sre-mail]\nchannel = \"email\"\nhost = \"smtp.example.com\"\nuser = \"alerts@example.com\"\npassword = \"${{SMTP_PASSWORD}}\"\nto = [\"sre@example.com\", \"oncall@example.com\"]\n\n\
             [groups]\noncall = [\"ops\", \"sre-mail\"]\n"
        ),
    );
    let out = sandbox
        .sendmsg(["targets"])
        .secret(OPS_TOKEN)
        .secret(LITERAL)
        .run();
    out.code(0)
        .stdout_has("access_token=*** secret=*** at_mobile=13800138000")
        .stdout_has("to=sre@example.com,oncall@example.com")
        .stdout_has("password=***")
        .stdout_has("oncall    group       ops,sre-mail");
    // 0600: no warning.
    assert!(!out.stderr.contains("warning"), "{out:?}");
    let json = sandbox
        .sendmsg(["--json", "targets"])
        .secret(OPS_TOKEN)
        .secret(LITERAL)
        .run();
    let lines: Vec<serde_json::Value> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["name"], "ops");
    assert_eq!(lines[0]["channel"], "ding");
    assert_eq!(lines[0]["keys"]["secret"], "***");
    assert_eq!(lines[2]["kind"], "group");
    assert_eq!(lines[2]["targets"], serde_json::json!(["ops", "sre-mail"]));

    // Readable by others, with a literal secret: one warning, naming the key.
    set_mode(&path, 0o644);
    let out = sandbox
        .sendmsg(["--dry-run", "ding", "--target", "ops", "x"])
        .secret(OPS_TOKEN)
        .secret(LITERAL)
        .run();
    out.code(0)
        .stderr_has("[targets.ops] access_token is a secret written into a file others can read");
    assert_eq!(out.stderr.matches("warning").count(), 1, "{out:?}");
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("dry-run line");
    assert_eq!(line["target"], "ops");
}

#[test]
fn check_checks_a_target_and_all_includes_every_target() {
    let sandbox = Sandbox::new();
    let (ops, dev) = (ops_robot(), ding::robot());
    team(&sandbox, &ops, &wecom::Wecom::start());
    let out = with_team(sandbox.sendmsg(["check", "ops"]), &dev).run();
    out.code(0).stdout_has("✓ ding@ops:");
    assert!(!out.stdout.contains("✓ ding:"), "{out:?}");
    let all = with_team(sandbox.sendmsg(["check", "all"]), &dev).run();
    all.code(0)
        .stdout_has("✓ ding:")
        .stdout_has("✓ ding@ops:")
        .stdout_has("✓ wecom@dev:");
    sandbox
        .sendmsg(["check", "ops"])
        .run()
        .code(3)
        .stdout_has("${OPS_DING_TOKEN} is not set");
    sandbox.sendmsg(["check", "nosuch"]).run().code(2);
    assert!(ops.requests().is_empty() && dev.requests().is_empty());
}

#[test]
fn serve_ddns_notifies_a_target_and_resolves_it_before_listening() {
    let sandbox = Sandbox::new();
    let (ops, dev) = (ops_robot(), ding::robot());
    team(&sandbox, &ops, &wecom::Wecom::start());
    let args = [
        "serve-ddns",
        "--listen",
        "127.0.0.1:0",
        "--notify",
        "ops",
        "--retries",
        "0",
    ];
    let server = with_team(sandbox.sendmsg(args), &dev)
        .daemon()
        .expect("server starts");
    let reply = server.get("/ip/cheng_ip?msg=alice,2001:db8::1,success");
    assert_eq!(reply.status, 200, "{reply:?}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while ops.requests().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(ops.requests().len(), 1);
    assert!(dev.requests().is_empty());
    drop(server);
    // An unset ${VAR} stops it before it listens.
    let out = sandbox
        .sendmsg(args)
        .env("OPS_DING_SECRET", OPS_SECRET)
        .run();
    out.code(3)
        .one_error_line()
        .stderr_has("${OPS_DING_TOKEN} is not set");
}

#[test]
fn an_e_mail_target_is_complete_in_itself_and_its_dry_run_names_it() {
    let sandbox = Sandbox::new();
    config(
        &sandbox,
        "[targets.sre-mail]\nchannel = \"email\"\nhost = \"smtp.example.com\"\nuser = \"alerts@example.com\"\n\
         password = \"${MAIL_PASSWORD}\"\nto = [\"sre@example.com\", \"oncall@example.com\"]\n",
    );
    let out = sandbox
        .sendmsg(["--dry-run", "email", "--target", "sre-mail", "disk full"])
        .env("MAIL_PASSWORD", common::smtp::PASSWORD)
        // Another server's settings in the environment reach no target.
        .env("SMTP_HOST", "smtp.elsewhere.example")
        .env("EMAIL_TO", "someone@elsewhere.example")
        .run();
    out.code(0);
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("dry-run line");
    assert_eq!(line["target"], "sre-mail");
    assert_eq!(line["server"], "smtp.example.com:587");
    assert_eq!(
        line["to"],
        serde_json::json!(["sre@example.com", "oncall@example.com"])
    );
}

#[test]
fn the_older_wecom_variable_names_never_reach_a_named_target() {
    let sandbox = Sandbox::new();
    let bot = wecom::Wecom::start();
    team(&sandbox, &ops_robot(), &bot);
    // Seed 000's names of an app's credentials, exported: `dev` is a robot target and must stay one.
    let out = with_team(
        sandbox.sendmsg(["wecom", "--target", "dev", "robot only"]),
        &ding::robot(),
    )
    .env("corpId", "ww-older-corp")
    .env("corpsecret", "older-corp-secret-0011")
    .env("agentId", "1000002")
    .run();
    out.code(0).stderr_has("wecom@dev: sent");
    assert_eq!(bot.sends().len(), 1);
}

#[test]
fn a_bad_value_in_a_target_is_named_where_it_is_written() {
    let sandbox = Sandbox::new();
    let path = config(
        &sandbox,
        "[targets.sre-mail]\nchannel = \"email\"\nhost = \"smtp.example.com\"\nuser = \"alerts@example.com\"\n\
         password = \"${MAIL_PASSWORD}\"\nto = [\"not-an-address\"]\n",
    );
    let run = |extra: &[&str]| {
        let mut args = vec!["--dry-run", "email", "--target", "sre-mail"];
        args.extend_from_slice(extra);
        args.push("disk full");
        sandbox
            .sendmsg(args)
            .env("MAIL_PASSWORD", common::smtp::PASSWORD)
            .env("EMAIL_TO", "also-not-an-address")
            .run()
    };
    // An invalid recipient is bad input (exit 2), wherever it was written.
    run(&[]).code(2).one_error_line().stderr_has(&format!(
        "{} [targets.sre-mail] to `not-an-address` is not an e-mail address",
        path.display()
    ));
    // Given on the command line, the flag is to blame.
    run(&["--to", "bad-flag"])
        .code(2)
        .stderr_has("--to `bad-flag` is not an e-mail address");
}
