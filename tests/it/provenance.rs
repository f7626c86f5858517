//! The contract's provenance rule, one test per way a checked-out `./.env` tried to send a credential
//! from elsewhere (issue 31): each against a loopback "attacker" that counts every connection made to it.
//! Nothing may reach it, the run exits 3, and its one error line names the variable, `./.env` and the line.

use crate::common;

use common::mock::{MockServer, Reply};
use common::{Sandbox, bark, ding, webhook};

/// A server that takes anything and logs it: if the rule fails, the credential lands here.
fn attacker() -> MockServer {
    MockServer::start(|_| Reply::json(r#"{"errcode":0,"errmsg":"ok","code":0,"message":"ok"}"#))
}

/// A sandbox whose `./.env` is `dotenv(ATTACKER_URL)`, and the attacker.
fn planted(dotenv: impl Fn(&str) -> String) -> (Sandbox, MockServer) {
    let sandbox = Sandbox::new();
    let evil = attacker();
    sandbox.write(".env", &dotenv(&evil.url()));
    (sandbox, evil)
}

/// Exit 3, stderr holds the rule's words `text` (among `send`'s or `outbox`'s other lines), and nothing
/// reached the attacker.
fn says(out: &common::Output, text: &str, evil: &MockServer) {
    out.code(3);
    assert!(out.stderr.contains(text), "{}", out.stderr);
    assert_eq!(evil.connections(), 0, "nothing may reach the attacker");
}

/// Exit 3 with exactly the rule's line, and nothing reached the attacker.
fn refused(out: &common::Output, label: &str, chosen: &str, line: usize, credential: &str) {
    out.code(3);
    assert_eq!(
        out.stderr,
        format!(
            "sendmsg: error: {label}: {chosen} comes from ./.env line {line} (found in the working \
             directory) but {credential} does not; a checked-out .env may not send a credential \
             elsewhere, so nothing was sent: set {chosen} in the environment too, or name the file \
             with --env-file\n"
        )
    );
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn a_flag_token_does_not_go_to_a_base_url_from_dotenv() {
    let sandbox = Sandbox::new();
    let evil = attacker();
    sandbox.write(".env", &format!("# robot\nDING_BASE_URL={}\n", evil.url()));
    let out = sandbox
        .sendmsg([
            "ding",
            "--access-token",
            ding::TOKEN,
            "--secret",
            ding::SECRET,
            "hi",
        ])
        .run();
    refused(&out, "ding", "DING_BASE_URL", 2, "--access-token");
    // The dry-run says the same.
    let dry = sandbox
        .sendmsg(["--dry-run", "ding", "--access-token", ding::TOKEN, "hi"])
        .run();
    refused(&dry, "ding", "DING_BASE_URL", 2, "--access-token");
    assert_eq!(evil.connections(), 0, "nothing may reach the attacker");
}

#[test]
fn a_target_s_literal_token_does_not_go_through_a_proxy_from_dotenv() {
    let sandbox = Sandbox::new();
    let evil = attacker();
    let robot = ding::robot();
    let config = sandbox.write(
        "config.toml",
        &format!(
            "[targets.ops]\nchannel = \"ding\"\naccess_token = \"{}\"\nsecret = \"{}\"\nbase_url = \"{}\"\n",
            ding::TOKEN,
            ding::SECRET,
            robot.url()
        ),
    );
    set_mode(&config, 0o600);
    sandbox.write(".env", &format!("HTTP_PROXY={}\n", evil.url()));
    let out = sandbox
        .sendmsg([
            "--config",
            config.to_str().unwrap_or_default(),
            "ding",
            "--target",
            "ops",
            "hi",
        ])
        .run();
    let shown = config.display();
    refused(
        &out,
        "ding@ops",
        "HTTP_PROXY",
        1,
        &format!("{shown} [targets.ops] access_token"),
    );
    assert_eq!(evil.connections() + robot.connections(), 0);
}

#[test]
fn a_ci_secret_does_not_follow_a_config_and_via_named_by_dotenv() {
    let sandbox = Sandbox::new();
    let evil = attacker();
    sandbox.write(
        "evil.toml",
        &format!(
            "[targets.ops]\nchannel = \"ding\"\naccess_token = \"${{DING_OPS_TOKEN}}\"\nbase_url = \"{}\"\n",
            evil.url()
        ),
    );
    sandbox.write(".env", "SENDMSG_CONFIG=evil.toml\nSENDMSG_VIA=ops\n");
    let out = sandbox
        .sendmsg(["send", "deploy done"])
        .env("DING_OPS_TOKEN", ding::TOKEN)
        .run();
    // `send` reports each channel that is not ready, then why nothing was sent.
    out.code(3);
    assert_eq!(
        out.stderr,
        "sendmsg: error: ding@ops: SENDMSG_VIA comes from ./.env line 2 (found in the working \
         directory) but evil.toml [targets.ops] access_token (${DING_OPS_TOKEN} from the environment) \
         does not; a checked-out .env may not send a credential elsewhere, so nothing was sent: set \
         SENDMSG_VIA in the environment too, or name the file with --env-file\n\
         sendmsg: nothing was sent: 1 of 1 channels not ready\n"
    );
    // Named with --via, the config file that ./.env chose still may not take the CI's secret.
    let out = sandbox
        .sendmsg(["send", "--via", "ops", "deploy done"])
        .env("DING_OPS_TOKEN", ding::TOKEN)
        .run();
    says(
        &out,
        "sendmsg: error: ding@ops: SENDMSG_CONFIG comes from ./.env line 1 (found in the working directory) but evil.toml [targets.ops] access_token (${DING_OPS_TOKEN} from the environment) does not;",
        &evil,
    );
}

#[test]
fn a_secret_header_does_not_go_to_a_webhook_url_from_dotenv() {
    let (sandbox, evil) = planted(|url| format!("WEBHOOK_URL={url}/hook\n"));
    let out = sandbox
        .sendmsg(["webhook", "hi"])
        .env(
            "WEBHOOK_HEADERS",
            format!("Authorization: Bearer {}", webhook::TOKEN),
        )
        .run();
    refused(&out, "webhook", "WEBHOOK_URL", 1, "WEBHOOK_HEADERS");
    assert_eq!(evil.connections(), 0);
}

#[test]
fn each_bark_key_of_a_list_stays_off_a_server_from_dotenv() {
    let (sandbox, evil) = planted(|url| format!("BARK_BASE_URL={url}\n"));
    let out = sandbox
        .sendmsg(["bark", "hi"])
        .env(
            "BARK_DEVICE_KEY",
            format!("{},{}", bark::KEY, bark::OTHER_KEY),
        )
        .run();
    refused(&out, "bark", "BARK_BASE_URL", 1, "BARK_DEVICE_KEY");
    assert_eq!(evil.connections(), 0);
}

#[test]
fn an_smtp_password_flag_does_not_log_in_to_a_server_from_dotenv() {
    let sandbox = Sandbox::new();
    let evil = attacker();
    let port = evil.url().rsplit(':').next().unwrap_or_default().to_owned();
    sandbox.write(".env", &format!("SMTP_HOST=127.0.0.1\nSMTP_PORT={port}\n"));
    let out = sandbox
        .sendmsg([
            "email",
            "--password",
            common::smtp::PASSWORD,
            "--user",
            common::smtp::USER,
            "--from",
            common::smtp::USER,
            "--to",
            "ops@example.com",
            "hi",
        ])
        .run();
    refused(&out, "email", "SMTP_HOST", 1, "--password");
    assert_eq!(evil.connections(), 0);
}

#[test]
fn plain_text_smtp_from_dotenv_does_not_carry_a_password_from_elsewhere() {
    let sandbox = Sandbox::new();
    sandbox.write(".env", "SMTP_SECURITY=none\n");
    let out = sandbox
        .sendmsg(["email", "--to", "ops@example.com", "hi"])
        .env("SMTP_HOST", "127.0.0.1")
        .env("SMTP_PORT", "9")
        .env("SMTP_USER", common::smtp::USER)
        .env("EMAIL_FROM", common::smtp::USER)
        .env("SMTP_PASSWORD", common::smtp::PASSWORD)
        .run();
    refused(&out, "email", "SMTP_SECURITY", 1, "SMTP_PASSWORD");
}

#[test]
fn a_flag_token_is_not_sent_under_trust_roots_from_dotenv() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    sandbox.write("evil-ca.pem", "-----BEGIN CERTIFICATE-----\n");
    sandbox.write(".env", "SSL_CERT_FILE=evil-ca.pem\n");
    let out = sandbox
        .sendmsg([
            "ding",
            "--access-token",
            ding::TOKEN,
            "--secret",
            ding::SECRET,
            "hi",
        ])
        .env("DING_BASE_URL", robot.url())
        .run();
    refused(&out, "ding", "SSL_CERT_FILE", 1, "--access-token");
    assert_eq!(robot.connections(), 0);
}

#[test]
fn a_planted_outbox_entry_under_a_state_dir_from_dotenv_is_not_sent() {
    let sandbox = Sandbox::new();
    let evil = attacker();
    let planted = sandbox.path("planted");
    let outbox = planted.join("sendmsg").join("outbox");
    std::fs::create_dir_all(&outbox).expect("outbox dir");
    let entry = serde_json::json!({
        "id": "0badc0de", "created": common::signing::now_secs(), "channel": "ding", "parts": ["hi"],
        "options": [format!("--base-url={}", evil.url())],
    });
    std::fs::write(outbox.join("0badc0de.json"), entry.to_string()).expect("entry");
    sandbox.write(".env", &format!("XDG_STATE_HOME={}\n", planted.display()));
    let mut run = sandbox
        .sendmsg(["outbox", "flush"])
        .env("DING_ACCESS_TOKEN", ding::TOKEN)
        .env("DING_SECRET", ding::SECRET);
    run.cmd.env_remove("XDG_STATE_HOME");
    says(
        &run.run(),
        "ding: XDG_STATE_HOME comes from ./.env line 1 (found in the working directory) but DING_ACCESS_TOKEN does not",
        &evil,
    );
}

#[test]
fn check_says_what_a_send_would() {
    let (sandbox, evil) = planted(|url| format!("DING_BASE_URL={url}\n"));
    let out = sandbox
        .sendmsg(["check", "ding"])
        .env("DING_ACCESS_TOKEN", ding::TOKEN)
        .run();
    out.code(3);
    assert_eq!(
        out.stdout.lines().next(),
        Some(
            "✗ ding: ./.env: DING_BASE_URL comes from ./.env line 1 (found in the working directory) \
             but DING_ACCESS_TOKEN does not — fix: set DING_BASE_URL in the environment too, or name \
             the file with --env-file"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(evil.connections(), 0);
}

#[test]
fn the_user_env_file_is_layered_under_dotenv_and_each_keeps_its_origin() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    std::fs::create_dir_all(sandbox.path("config/sendmsg")).expect("config dir");
    std::fs::write(
        sandbox.path("config/sendmsg/.env"),
        format!(
            "DING_ACCESS_TOKEN={}\nDING_SECRET={}\nDING_BASE_URL=http://127.0.0.1:9\n",
            ding::TOKEN,
            ding::SECRET
        ),
    )
    .expect("user env");
    // ./.env's base URL is layered over the user file's, and keeps its origin: the token is the user
    // file's, so the rule refuses it.
    sandbox.write(".env", &format!("DING_BASE_URL={}\n", robot.url()));
    let out = sandbox.sendmsg(["ding", "hi"]).run();
    let user_file = sandbox.path("config/sendmsg/.env");
    refused(
        &out,
        "ding",
        "DING_BASE_URL",
        1,
        &format!("{} line 1: DING_ACCESS_TOKEN", user_file.display()),
    );
    // A ./.env that sets something harmless layers over the user file: the user file's base URL is used.
    sandbox.write(".env", "DING_TITLE_UNUSED=1\n");
    let out = sandbox
        .sendmsg(["-v", "ding", "--retries", "0", "hi"])
        .run();
    out.code(4);
    assert!(
        out.stderr
            .contains(&format!("env file: {}, then .env", user_file.display())),
        "{}",
        out.stderr
    );
    // --no-env-file and SENDMSG_ENV_FILE=none read neither.
    for run in [
        sandbox.sendmsg(["--no-env-file", "ding", "hi"]),
        sandbox
            .sendmsg(["ding", "hi"])
            .env("SENDMSG_ENV_FILE", "none"),
    ] {
        run.run().code(3).stderr_has("DING_ACCESS_TOKEN is not set");
    }
    assert_eq!(robot.connections(), 0);
}
