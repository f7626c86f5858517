//! `--limit N/PERIOD` and `--dedupe WINDOW` end to end: across separate runs, under concurrency, across a
//! window (time moved with the `SENDMSG_NOW` test hook, never slept), with a corrupt ledger, and on a dry-run.

use crate::common;

use common::ding::{self, SECRET};
use common::mock::{MockServer, Reply};
use common::{Output, Sandbox};

/// Some fixed instant, so the windows are exact.
const T: u64 = 1_700_000_000;

/// `sendmsg GLOBALS ding MESSAGE` at unix time `now`, to `server`.
fn ding_at(
    sandbox: &Sandbox,
    server: &MockServer,
    now: u64,
    globals: &[&str],
    message: &str,
) -> Output {
    let mut args: Vec<&str> = globals.to_vec();
    args.extend(["ding", message]);
    ding::configure(sandbox.sendmsg(args), server)
        .env("SENDMSG_NOW", now.to_string())
        .run()
}

#[test]
fn a_limit_counts_across_separate_runs_and_exits_5_when_over() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let limit = ["--limit", "2/h"];
    ding_at(&sandbox, &server, T, &limit, "one").code(0);
    ding_at(&sandbox, &server, T + 60, &limit, "two").code(0);
    let out = ding_at(&sandbox, &server, T + 120, &limit, "three");
    out.code(5).stderr_has(
        "sendmsg: ding: suppressed by --limit 2/h: 2 sent to this target in the last 1h; the next is \
         allowed in 58m; nothing was sent",
    );
    assert!(!out.stderr.contains("error"), "not an error line: {out:?}");
    assert_eq!(server.requests().len(), 2);
    // -q silences the note, so a cron job over its limit mails nobody; the exit code still says 5.
    let quiet = ding_at(
        &sandbox,
        &server,
        T + 180,
        &["-q", "--limit", "2/h"],
        "four",
    );
    quiet.code(5);
    assert_eq!(quiet.stderr, "");
}

#[test]
fn the_window_slides_with_time() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let limit = ["--limit", "1/h"];
    ding_at(&sandbox, &server, T, &limit, "a").code(0);
    ding_at(&sandbox, &server, T + 1800, &limit, "b")
        .code(5)
        .stderr_has("next is allowed in 30m");
    ding_at(&sandbox, &server, T + 3601, &limit, "c").code(0);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn parallel_runs_under_the_lock_send_exactly_once() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let codes: Vec<i32> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..8)
            .map(|i| {
                let (sandbox, server) = (&sandbox, &server);
                scope.spawn(move || {
                    ding_at(sandbox, server, T, &["--limit", "1/h"], &format!("run {i}")).code
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().expect("run")).collect()
    });
    assert_eq!(codes.iter().filter(|&&c| c == 0).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|&&c| c == 5).count(), 7, "{codes:?}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn dedupe_skips_the_same_body_to_the_same_target_within_the_window() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let dedupe = ["--dedupe", "1h"];
    ding_at(&sandbox, &server, T, &dedupe, "disk full").code(0);
    ding_at(&sandbox, &server, T + 600, &dedupe, "disk full")
        .code(5)
        .stderr_has("suppressed by --dedupe 1h: the same message went to this target 10m ago");
    ding_at(&sandbox, &server, T + 700, &dedupe, "disk fine").code(0);
    ding_at(&sandbox, &server, T + 3601, &dedupe, "disk full").code(0);
    let sent: Vec<String> = server
        .requests()
        .iter()
        .map(|r| {
            r.json()["text"]["content"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(sent, ["disk full", "disk fine", "disk full"]);
}

#[test]
fn another_robot_is_another_target_unless_a_limit_key_joins_them() {
    let sandbox = Sandbox::new();
    let first = ding::robot();
    let second_token = "ding-second-robot-token-77";
    let second = MockServer::start(move |req| ding::check(req, second_token, Some(SECRET)));
    let to_second = |globals: &[&str]| {
        let mut args: Vec<&str> = globals.to_vec();
        args.extend(["ding", "x"]);
        ding::configure(sandbox.sendmsg(args), &second)
            .env("DING_ACCESS_TOKEN", second_token)
            .env("SENDMSG_NOW", T.to_string())
            .secret(second_token)
            .run()
    };
    ding_at(&sandbox, &first, T, &["--limit", "1/h"], "x").code(0);
    to_second(&["--limit", "1/h"]).code(0);
    let keyed = ["--limit", "1/h", "--limit-key", "disk-alerts"];
    ding_at(&sandbox, &first, T, &keyed, "x").code(0);
    to_second(&keyed).code(5);
    assert_eq!(first.requests().len() + second.requests().len(), 3);
}

#[test]
fn a_send_that_never_reached_the_service_does_not_use_the_quota() {
    let sandbox = Sandbox::new();
    let down = MockServer::start(|_| Reply::status(503, "maintenance"));
    let limit = ["--limit", "1/h", "--retries", "0"];
    ding_at(&sandbox, &down, T, &limit, "x").code(4);
    let server = ding::robot();
    ding_at(&sandbox, &server, T + 60, &limit, "x").code(0);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_rejected_send_reached_the_service_and_counts() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let limit = ["--limit", "1/h"];
    ding::configure(sandbox.sendmsg(["--limit", "1/h", "ding", "x"]), &server)
        .env("DING_SECRET", "SECwrongwrongwrong")
        .env("SENDMSG_NOW", T.to_string())
        .run()
        .code(1);
    ding_at(&sandbox, &server, T + 60, &limit, "x").code(5);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_corrupt_ledger_is_reset_with_a_warning() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let ledger = sandbox.state("sent.json");
    std::fs::create_dir_all(ledger.parent().expect("dir")).expect("state dir");
    std::fs::write(&ledger, "{\"targets\": [garbage").expect("write");
    ding_at(&sandbox, &server, T, &["--limit", "1/h"], "x")
        .code(0)
        .stderr_has("was unreadable")
        .stderr_has("starting a new send ledger");
    let repaired: serde_json::Value =
        serde_json::from_str(&common::read(&ledger)).expect("valid JSON again");
    assert!(repaired["targets"].is_object());
    ding_at(&sandbox, &server, T + 1, &["--limit", "1/h"], "x").code(5);
}

#[test]
fn a_dry_run_says_what_would_happen_and_records_nothing() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let limit = ["--limit", "1/h"];
    let dry = ding_at(&sandbox, &server, T, &["--dry-run", "--limit", "1/h"], "x");
    dry.code(0)
        .stderr_has("dry-run: ding: allowed by --limit 1/h (0 of 1 used)");
    ding_at(&sandbox, &server, T, &limit, "x").code(0);
    let dry = ding_at(&sandbox, &server, T, &["--dry-run", "--limit", "1/h"], "x");
    dry.code(0)
        .stdout_has("\"channel\":\"ding\"")
        .stderr_has("a real send would be suppressed by --limit 1/h");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn bad_limits_are_usage_errors_and_the_environment_sets_them() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    for globals in [["--limit", "5"], ["--limit", "0/h"], ["--dedupe", "soon"]] {
        ding_at(&sandbox, &server, T, &globals, "x")
            .code(2)
            .one_error_line();
    }
    assert!(server.requests().is_empty());
    let from_env = |message: &str| {
        ding::configure(sandbox.sendmsg(["ding", message]), &server)
            .env("SENDMSG_LIMIT", "1/d")
            .env("SENDMSG_NOW", T.to_string())
            .run()
    };
    from_env("a").code(0);
    from_env("b").code(5).stderr_has("--limit 1/d");
}
