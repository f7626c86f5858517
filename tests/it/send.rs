//! `sendmsg send --via`: one body through several channels, all checked before any is sent, one result
//! line per channel, the worst exit code.

use crate::common;

use common::Sandbox;
use common::ding;

#[test]
fn the_body_is_read_once_from_stdin_and_sent_through_each_channel() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = ding::configure(sandbox.sendmsg(["send", "--via", "ding"]), &server)
        .stdin("backup failed\nsee the log\n")
        .run();
    out.code(0);
    assert_eq!(out.stderr, "sendmsg: ding: sent\n");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].json()["text"]["content"],
        "backup failed\nsee the log"
    );
}

#[test]
fn sendmsg_via_is_the_default_list() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    ding::configure(sandbox.sendmsg(["send", "hello"]), &server)
        .env("SENDMSG_VIA", "ding")
        .run()
        .code(0);
    assert_eq!(server.requests().len(), 1);
    sandbox.sendmsg(["send", "hello"]).run().code(2);
}

#[test]
fn one_channel_not_ready_means_nothing_is_sent_anywhere() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    // wecom has no settings in the sandbox: it cannot be prepared.
    let out = ding::configure(
        sandbox.sendmsg(["send", "--via", "ding,wecom", "x"]),
        &server,
    )
    .run();
    out.code(3)
        .one_error_line()
        .stderr_has("wecom: WECOM_CORP_ID, WECOM_CORP_SECRET, WECOM_AGENT_ID are not set")
        .stderr_has("nothing was sent: 1 of 2 channels not ready");
    assert!(server.requests().is_empty());

    let mut missing = ding::configure(sandbox.sendmsg(["send", "--via", "ding", "x"]), &server);
    missing.cmd.env_remove("DING_ACCESS_TOKEN");
    missing
        .run()
        .code(3)
        .stderr_has("DING_ACCESS_TOKEN is not set");
    assert!(server.requests().is_empty());
}

#[test]
fn a_failing_channel_is_one_error_line_and_sets_the_exit_code() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = ding::configure(sandbox.sendmsg(["send", "--via", "ding", "x"]), &server)
        .env("DING_ACCESS_TOKEN", "not-the-robots-token")
        .run();
    out.code(1)
        .one_error_line()
        .stderr_has("ding: rejected by the service (errcode 400101)");
}

#[test]
fn limits_apply_per_channel_in_a_fan_out() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let send = || {
        ding::configure(
            sandbox.sendmsg(["--dedupe", "1h", "send", "--via", "ding", "same"]),
            &server,
        )
        .run()
    };
    send().code(0);
    send()
        .code(5)
        .stderr_has("sendmsg: ding: suppressed by --dedupe 1h");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn via_names_are_checked_by_the_command_line() {
    let sandbox = Sandbox::new();
    sandbox
        .sendmsg(["send", "--via", "ding,nosuch", "x"])
        .run()
        .code(2);
    sandbox
        .sendmsg(["send", "--via", "ding,ding", "x"])
        .run()
        .code(2)
        .stderr_has("names `ding` twice");
}

#[test]
fn a_dry_run_prints_every_channels_request() {
    let sandbox = Sandbox::new();
    let dry = |message: &str| {
        sandbox
            .sendmsg([
                "--dry-run",
                "send",
                "--via",
                "ding",
                "--overflow",
                "error",
                message,
            ])
            .run()
    };
    dry("x").code(0).stdout_has("\"channel\":\"ding\"");
    dry(&"y".repeat(30_000))
        .code(2)
        .stderr_has("over the channel's limit");
}
