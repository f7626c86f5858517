//! The send history end to end: what a record holds (and never holds), rotation, `SENDMSG_HISTORY=off`, and
//! `sendmsg history` with its filters, as a table and as JSON lines.

use crate::common;

use common::ding::{self, SECRET, TOKEN};
use common::mock::MockServer;
use common::{Output, Sandbox};
use serde_json::Value;

const T: u64 = 1_700_000_000;

fn ding_at(sandbox: &Sandbox, server: &MockServer, now: u64, args: &[&str]) -> Output {
    let mut all = vec!["ding"];
    all.extend_from_slice(args);
    ding::configure(sandbox.sendmsg(all), server)
        .env("SENDMSG_NOW", now.to_string())
        .run()
}

fn history(sandbox: &Sandbox, now: u64, args: &[&str]) -> Output {
    let mut all = vec!["history"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("SENDMSG_NOW", now.to_string())
        .run()
}

fn records(sandbox: &Sandbox) -> Vec<Value> {
    common::read(&sandbox.state("history.jsonl"))
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn every_attempt_is_one_line_with_what_happened_and_no_secret() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let long = format!("disk full on web-1\n{}", "x".repeat(200));
    ding_at(&sandbox, &server, T, &[&long]).code(0);
    let mut wrong = ding::configure(sandbox.sendmsg(["ding", "second"]), &server);
    wrong = wrong
        .env("DING_SECRET", "SECwrongwrongwrong")
        .env("SENDMSG_NOW", (T + 5).to_string())
        .secret("SECwrongwrongwrong");
    wrong.run().code(1);

    let lines = records(&sandbox);
    assert_eq!(lines.len(), 2, "{lines:?}");
    let sent = &lines[0];
    assert_eq!(sent["ts"], T);
    assert_eq!(sent["time"], "2023-11-14T22:13:20Z");
    assert_eq!(sent["channel"], "ding");
    assert!(
        sent["recipients"][0]
            .as_str()
            .is_some_and(|r| r.starts_with("robot:"))
    );
    assert_eq!(sent["bytes"], long.len());
    assert_eq!(sent["sha256"].as_str().map(str::len), Some(64));
    assert_eq!(
        sent["preview"].as_str().map(|p| p.chars().count()),
        Some(80)
    );
    assert_eq!(
        (sent["outcome"].as_str(), sent["exit"].as_u64()),
        (Some("sent"), Some(0))
    );
    assert_eq!(sent["parts"], 1);
    let rejected = &lines[1];
    assert_eq!(rejected["outcome"], "rejected");
    assert_eq!(rejected["exit"], 1);
    assert_eq!(
        rejected["error"],
        "ding: rejected by the service (errcode 310000): sign not match"
    );

    let file = common::read(&sandbox.state("history.jsonl"));
    let mut secrets = vec![
        TOKEN.to_owned(),
        SECRET.to_owned(),
        "SECwrongwrongwrong".into(),
    ];
    secrets.extend(server.requests().iter().filter_map(|r| r.query("sign")));
    for secret in secrets {
        assert!(!file.contains(&secret), "{secret} in the history");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sandbox.state("history.jsonl"))
            .expect("history")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn suppressed_and_failed_sends_are_recorded_too() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    ding_at(&sandbox, &server, T, &["--limit", "1/h", "a"]).code(0);
    ding_at(&sandbox, &server, T + 1, &["--limit", "1/h", "b"]).code(5);
    let lines = records(&sandbox);
    assert_eq!(lines[1]["outcome"], "suppressed");
    assert_eq!(lines[1]["exit"], 5);
    assert!(
        lines[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("--limit 1/h"))
    );
}

#[test]
fn history_off_records_nothing() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    ding::configure(sandbox.sendmsg(["ding", "x"]), &server)
        .env("SENDMSG_HISTORY", "off")
        .run()
        .code(0);
    assert!(!sandbox.state("history.jsonl").exists());
}

#[test]
fn the_file_rotates_before_it_passes_one_mebibyte() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    ding_at(&sandbox, &server, T, &["first"]).code(0);
    let line = common::read(&sandbox.state("history.jsonl"));
    let copies = (1 << 20) / line.len();
    std::fs::write(sandbox.state("history.jsonl"), line.repeat(copies)).expect("fill");
    ding_at(&sandbox, &server, T + 1, &["after rotation"]).code(0);
    let rotated = std::fs::metadata(sandbox.state("history.jsonl.1")).expect("rotated file");
    assert!(rotated.len() <= 1 << 20);
    let current = records(&sandbox);
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["preview"], "after rotation");
    // `history` reads the rotated file too.
    let all = history(&sandbox, T + 2, &["--json"]);
    all.code(0);
    assert_eq!(all.stdout.lines().count(), copies + 1);
}

#[test]
fn history_filters_and_prints_a_table_or_json_lines() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    ding_at(&sandbox, &server, T, &["old news"]).code(0);
    ding_at(&sandbox, &server, T + 3000, &["--limit", "1/h", "recent"]).code(0);
    ding_at(
        &sandbox,
        &server,
        T + 3100,
        &["--limit", "1/h", "held back"],
    )
    .code(5);
    let mut wrong = ding::configure(sandbox.sendmsg(["ding", "refused"]), &server);
    wrong = wrong
        .env("DING_SECRET", "SECwrongwrongwrong")
        .env("SENDMSG_NOW", (T + 3200).to_string());
    wrong.run().code(1);

    let table = history(&sandbox, T + 3600, &[]);
    table.code(0);
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", table.stdout);
    assert!(lines[0].starts_with("TIME (UTC)"));
    assert!(
        lines[1].starts_with("2023-11-14 22:13:20  ding"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with("old news"));
    assert!(lines[4].contains("rejected") && lines[4].contains("sign not match"));

    let json = |args: &[&str]| -> Vec<Value> {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = history(&sandbox, T + 3600, &all);
        out.code(0);
        out.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect()
    };
    let previews = |records: Vec<Value>| -> Vec<String> {
        records
            .iter()
            .map(|r| r["preview"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(
        previews(json(&["--since", "15m"])),
        ["recent", "held back", "refused"]
    );
    assert_eq!(previews(json(&["--failed"])), ["refused"]);
    assert_eq!(previews(json(&["-n", "2"])), ["held back", "refused"]);
    assert_eq!(
        previews(json(&["--channel", "wecom"])),
        Vec::<String>::new()
    );
    assert_eq!(json(&["--last", "1"])[0]["exit"], 1);

    history(&sandbox, T, &["--limit", "5"])
        .code(2)
        .stderr_has("`--limit` does nothing for `sendmsg history`: leave it out (the last N sends: `sendmsg history --last N`)");
    history(&sandbox, T, &["--since", "soon"]).code(2);
}

#[test]
fn an_empty_history_says_so() {
    let sandbox = Sandbox::new();
    let out = history(&sandbox, T, &[]);
    out.code(0).stderr_has("no sends recorded");
    assert_eq!(out.stdout, "");
}
