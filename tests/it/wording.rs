//! Errors built from fields: each names the setting where its value came from — the flag, the variable,
//! the env file and its line, a named target's key (also through a `${VAR}`) — and never a variable a
//! target does not read. Whole outputs are compared, line for line: a substring passes a wrong word.

use crate::common;

use common::Sandbox;

/// `sendmsg --dry-run email …` with a server and a sender from the environment: a bad recipient is found
/// before anything connects.
fn email(sandbox: &Sandbox, args: &[&str]) -> common::Run {
    let mut all = vec!["--dry-run", "email"];
    all.extend_from_slice(args);
    all.push("disk full");
    sandbox
        .sendmsg(all)
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_FROM", "alerts@example.com")
}

const NOT_AN_ADDRESS: &str =
    "`bad` is not an e-mail address: expected name@domain or Name <name@domain>\n";

#[test]
fn a_bad_value_names_the_flag_the_variable_or_the_env_file_line() {
    let sandbox = Sandbox::new();
    email(&sandbox, &["--to", "bad"])
        .env("EMAIL_TO", "also@example.com")
        .run()
        .code(2)
        .stderr_is(&format!("sendmsg: error: email: --to {NOT_AN_ADDRESS}"));
    email(&sandbox, &[])
        .env("EMAIL_TO", "bad")
        .run()
        .code(2)
        .stderr_is(&format!("sendmsg: error: email: EMAIL_TO {NOT_AN_ADDRESS}"));
    sandbox.write(".env", "# mail\nEMAIL_TO=bad\n");
    email(&sandbox, &[]).run().code(2).stderr_is(&format!(
        "sendmsg: error: email: .env line 2: EMAIL_TO {NOT_AN_ADDRESS}"
    ));
    sandbox.write("mail.env", "EMAIL_TO=bad\n");
    email(&sandbox, &["--env-file", "mail.env"])
        .run()
        .code(2)
        .stderr_is(&format!(
            "sendmsg: error: email: mail.env line 1: EMAIL_TO {NOT_AN_ADDRESS}"
        ));
}

#[test]
fn a_target_s_value_is_named_by_its_file_target_and_key() {
    let sandbox = Sandbox::new();
    let path = sandbox.config(
        "[targets.mail]\nchannel = \"email\"\nhost = \"127.0.0.1\"\nfrom = \"a@example.com\"\n\
         to = \"${MAIL_TO}\"\n\n[targets.literal]\nchannel = \"email\"\nhost = \"127.0.0.1\"\n\
         from = \"a@example.com\"\nto = \"bad\"\n",
    );
    let file = path.display();
    let send = |target: &str| {
        sandbox
            .sendmsg(["--dry-run", "email", "--target", target, "disk full"])
            .env("MAIL_TO", "bad")
            .env("EMAIL_TO", "ignored@example.com")
            .run()
    };
    send("literal").code(2).stderr_is(&format!(
        "sendmsg: error: email@literal: {file} [targets.literal] to {NOT_AN_ADDRESS}"
    ));
    send("mail").code(2).stderr_is(&format!(
        "sendmsg: error: email@mail: {file} [targets.mail] to (${{MAIL_TO}} from the environment) \
         {NOT_AN_ADDRESS}"
    ));
}

#[test]
fn a_global_option_is_named_as_given() {
    let sandbox = Sandbox::new();
    let limit = "`fast` is not a limit like 5/h, 20/d or 1/10m (N/PERIOD)\n";
    let ding = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["ding", "x"]);
        sandbox.sendmsg(all).env("DING_ACCESS_TOKEN", "abc123")
    };
    ding(&["--limit", "fast"])
        .run()
        .code(2)
        .stderr_is(&format!("sendmsg: error: --limit {limit}"));
    ding(&[])
        .env("SENDMSG_LIMIT", "fast")
        .run()
        .code(2)
        .stderr_is(&format!("sendmsg: error: SENDMSG_LIMIT {limit}"));
    let listen = "`nowhere` is not HOST:PORT (e.g. 127.0.0.1:8080)\n";
    sandbox
        .sendmsg(["serve-ddns", "--listen", "nowhere"])
        .env("DDNS_LISTEN", "127.0.0.1:1")
        .run()
        .code(3)
        .stderr_is(&format!("sendmsg: error: serve-ddns: --listen {listen}"));
    sandbox
        .sendmsg(["serve-ddns"])
        .env("DDNS_LISTEN", "nowhere")
        .run()
        .code(3)
        .stderr_is(&format!("sendmsg: error: serve-ddns: DDNS_LISTEN {listen}"));
}

#[test]
fn check_of_a_target_names_its_keys_never_the_channel_s_variables() {
    let sandbox = Sandbox::new();
    let path =
        sandbox.config("[targets.ops]\nchannel = \"ding\"\nsecret = \"not-a-sign-secret\"\n");
    let at = format!("{} [targets.ops]", path.display());
    // Complete, it is read as a send reads it, and named by its keys.
    sandbox.config("[targets.ops]\nchannel = \"ding\"\naccess_token = \"abc123\"\n");
    let good = sandbox.sendmsg(["check", "ops"]).run();
    good.code(0).stderr_is("").stdout_is(
        "✓ ding@ops: settings: complete, as a send reads them\n\
         ✓ ding@ops: robot: secret not set: the robot must use 自定义关键词 (every message must contain \
         one) or an IP whitelist; not contacted: a robot webhook cannot be tested without posting a \
         message\n",
    );
    sandbox.config("[targets.ops]\nchannel = \"ding\"\nsecret = \"not-a-sign-secret\"\n");
    let out = sandbox
        .sendmsg(["check", "ops"])
        .env("DING_ACCESS_TOKEN", "abc123")
        .secret("not-a-sign-secret")
        .run();
    out.code(3).stderr_is("").stdout_is(&format!(
        "✗ ding@ops: {at} access_token: is not set — fix: add it to [targets.ops]\n\
         ✗ ding@ops: {at} secret: does not start with SEC, so it is not the robot's 加签 secret and \
         DingTalk will refuse the signature (310000) — fix: copy it from 安全设置 → 加签\n"
    ));
    sandbox.config("[targets.ops]\nchannel = \"ding\"\naccess_token = \"not a token\"\n");
    let out = sandbox.sendmsg(["check", "ops"]).run();
    out.code(3).stderr_is("").stdout_is(&format!(
        "✗ ding@ops: {at} access_token: is malformed: expected the robot's access_token (letters and \
         digits) or its webhook URL — fix: copy the robot's Webhook URL (group settings → 机器人 → \
         the robot)\n"
    ));
    // A send says the same, in the same words.
    sandbox
        .sendmsg(["ding", "--target", "ops", "x"])
        .run()
        .code(3)
        .stderr_is(&format!(
            "sendmsg: error: ding@ops: {at} access_token is malformed: expected the robot's \
             access_token (letters and digits) or its webhook URL; copy the robot's Webhook URL (group \
             settings → 机器人 → the robot)\n"
        ));
}

#[test]
fn a_missing_setting_of_a_dry_run_is_a_warning_in_the_target_s_words() {
    let sandbox = Sandbox::new();
    let path = sandbox.config("[targets.ops]\nchannel = \"ding\"\n");
    let out = sandbox
        .sendmsg(["--dry-run", "ding", "--target", "ops", "x"])
        .env("DING_ACCESS_TOKEN", "abc123")
        .run();
    out.code(0).stderr_is(&format!(
        "sendmsg: warning: ding@ops: {} [targets.ops] access_token is not set; a real send would \
         fail (exit 3)\n",
        path.display()
    ));
}

#[test]
fn no_recipient_is_named_as_the_run_would_give_one() {
    let sandbox = Sandbox::new();
    email(&sandbox, &[])
        .run()
        .code(3)
        .stderr_is("sendmsg: error: email: no recipient: give --to ADDR or set EMAIL_TO\n");
    sandbox.config(
        "[targets.mail]\nchannel = \"email\"\nhost = \"127.0.0.1\"\nfrom = \"a@example.com\"\n",
    );
    sandbox
        .sendmsg(["--dry-run", "email", "--target", "mail", "disk full"])
        .env("EMAIL_TO", "ignored@example.com")
        .run()
        .code(3)
        .stderr_is(
            "sendmsg: error: email@mail: no recipient: give --to ADDR or add `to` to [targets.mail]\n",
        );
}
