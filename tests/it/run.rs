//! `sendmsg run -- CMD` end to end: output passed through, the report's contents, the command's own exit
//! status (signals included), large output fitted to DingTalk's limit, and notification failures.

use crate::common;

use common::ding;
use common::mock::MockServer;
use common::{Output, Sandbox};

fn run(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> Output {
    let mut all = vec!["run", "--via", "ding"];
    all.extend_from_slice(args);
    ding::configure(sandbox.sendmsg(all), server).run()
}

/// The text of the one report the robot received.
fn report(server: &MockServer) -> String {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "one report expected");
    requests[0].json()["text"]["content"]
        .as_str()
        .expect("a text message")
        .to_owned()
}

fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_default()
}

#[test]
fn a_successful_command_passes_its_output_through_and_reports_nothing() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = run(
        &sandbox,
        &server,
        &["--", "sh", "-c", "echo to-stdout; echo to-stderr >&2"],
    );
    out.code(0);
    assert_eq!(out.stdout, "to-stdout\n");
    assert_eq!(out.stderr, "to-stderr\n");
    assert!(server.requests().is_empty());
}

#[test]
fn a_failing_command_is_reported_and_its_status_kept() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = run(
        &sandbox,
        &server,
        &[
            "--",
            "sh",
            "-c",
            "echo copying; echo 'disk full' >&2; exit 3",
        ],
    );
    out.code(3).stdout_has("copying").stderr_has("disk full");
    out.stderr_has("sendmsg: ding: sent");
    let text = report(&server);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "sh failed");
    assert_eq!(
        lines[1],
        "$ sh -c 'echo copying; echo '\\''disk full'\\'' >&2; exit 3'"
    );
    assert!(
        lines[2].starts_with("failed with exit status 3 after ")
            && lines[2].ends_with(&format!(" on {}", host())),
        "{text}"
    );
    assert_eq!(lines[3], "--- output ---");
    // stdout and stderr come through two pipes: their relative order is not defined.
    let mut output = lines[4..].to_vec();
    output.sort_unstable();
    assert_eq!(output, ["copying", "disk full"]);
}

#[test]
fn a_signal_is_exit_128_plus_its_number() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    run(&sandbox, &server, &["--", "sh", "-c", "kill -9 $$"]).code(137);
    assert!(report(&server).contains("killed by signal 9 (SIGKILL)"));
}

#[test]
fn large_output_keeps_its_tail_within_dingtalks_limit() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    // 300 000 lines of output, about 2.6 MB, then the line that matters.
    let script = "i=0; while [ $i -lt 300000 ]; do echo \"line $i\"; i=$((i+1)); done; echo FINAL-ERROR; exit 1";
    let out = run(&sandbox, &server, &["--", "sh", "-c", script]);
    out.code(1);
    assert_eq!(
        out.stdout.lines().count(),
        300_001,
        "all output passed through"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "one message, not split");
    assert!(requests[0].body.len() <= 20_000);
    let text = report(&server);
    assert!(text.starts_with("sh failed\n$ sh -c "), "{}", &text[..200]);
    assert!(text.contains("bytes in all) ---"));
    assert!(text.contains("bytes omitted]"));
    assert!(
        text.ends_with("line 299999\nFINAL-ERROR"),
        "the tail survives"
    );
}

#[test]
fn always_reports_success_too_with_the_given_title() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    run(
        &sandbox,
        &server,
        &["--on", "always", "--title", "nightly build", "--", "true"],
    )
    .code(0);
    let text = report(&server);
    assert!(
        text.starts_with("nightly build\n$ true\nexit status 0 after "),
        "{text}"
    );
    assert!(text.ends_with("(no output)"));
}

#[test]
fn a_command_that_cannot_start_is_127_and_reported() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    run(&sandbox, &server, &["--", "no-such-command-here"])
        .code(127)
        .stderr_has("sendmsg: error: run: cannot start `no-such-command-here`");
    assert!(report(&server).contains("did not start"));
}

#[test]
fn a_failed_report_does_not_change_the_commands_status() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let out = ding::configure(
        sandbox.sendmsg(["run", "--via", "ding", "--", "sh", "-c", "exit 4"]),
        &server,
    )
    .env("DING_SECRET", "SECwrongwrongwrong")
    .secret("SECwrongwrongwrong")
    .run();
    out.code(4)
        .one_error_line()
        .stderr_has("sign not match")
        .stderr_has("the report was not delivered; exiting with the command's status 4");
}

#[test]
fn a_missing_setting_is_a_warning_before_the_command_which_still_runs() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .sendmsg(["run", "--via", "ding", "--", "sh", "-c", "echo ran; exit 2"])
        .run();
    out.code(2).stdout_has("ran");
    let warning = out
        .stderr
        .find("warning: run: the report through ding will fail")
        .expect("a warning first");
    assert!(warning < out.stderr.find("sendmsg: error:").unwrap_or(usize::MAX));
}

#[test]
fn dedupe_pages_once_for_a_job_failing_the_same_way_every_time() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let failing = || {
        ding::configure(
            sandbox.sendmsg([
                "--dedupe",
                "1h",
                "run",
                "--via",
                "ding",
                "--",
                "sh",
                "-c",
                "echo $$; exit 1",
            ]),
            &server,
        )
        .run()
    };
    failing().code(1);
    // The duration and the output (a different pid) differ; the command, status and host do not.
    failing().code(1).stderr_has("suppressed by --dedupe 1h");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn run_needs_a_command_and_a_channel() {
    let sandbox = Sandbox::new();
    sandbox.sendmsg(["run", "--via", "ding"]).run().code(2);
    sandbox.sendmsg(["run", "--", "true"]).run().code(2);
    sandbox
        .sendmsg(["run", "--via", "ding", "--on", "sometimes", "--", "true"])
        .run()
        .code(2);
}
