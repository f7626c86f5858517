//! `sendmsg serverchan` end to end against a mock Server酱 that checks the key in the path and the body.

use crate::common;

use common::Sandbox;
use common::mock::{MockServer, Reply};
use common::serverchan::{self, SC3_KEY, TURBO_KEY};

fn sc_cmd(sandbox: &Sandbox, server: &MockServer, key: &str, args: &[&str]) -> common::Run {
    let mut all = vec!["serverchan"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("SERVERCHAN_SENDKEY", key)
        .env("SERVERCHAN_BASE_URL", server.url())
}

#[test]
fn a_turbo_key_posts_title_and_desp_to_its_path() {
    let sandbox = Sandbox::new();
    let server = serverchan::server(TURBO_KEY);
    sc_cmd(&sandbox, &server, TURBO_KEY, &[])
        .stdin("## backup done\n\n**42** files\n")
        .run()
        .code(0)
        .stderr_has("serverchan: sent");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, format!("/{TURBO_KEY}.send"));
    assert_eq!(
        reqs[0].json(),
        serde_json::json!({"title": "backup done", "desp": "## backup done\n\n**42** files"})
    );
}

#[test]
fn a_server_chan_3_key_goes_under_send_with_its_short_text() {
    let sandbox = Sandbox::new();
    let server = serverchan::server(SC3_KEY);
    sc_cmd(
        &sandbox,
        &server,
        SC3_KEY,
        &["--title", "磁盘告警", "--short", "/ 91%", "web-1: / at 91%"],
    )
    .run()
    .code(0);
    let req = &server.requests()[0];
    assert_eq!(req.path, format!("/send/{SC3_KEY}.send"));
    assert_eq!(
        req.json(),
        serde_json::json!({"title": "磁盘告警", "desp": "web-1: / at 91%", "short": "/ 91%"})
    );
}

#[test]
fn without_a_title_the_first_line_is_cut_to_32_characters() {
    let sandbox = Sandbox::new();
    let server = serverchan::server(TURBO_KEY);
    let line = "服务器磁盘空间不足".repeat(5); // 45 characters, 135 bytes
    sc_cmd(&sandbox, &server, TURBO_KEY, &[&line]).run().code(0);
    let title = server.requests()[0].json()["title"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(title.chars().count(), 32);
    assert!(line.starts_with(&title));
    // A longer title of one's own is refused before anything is sent, not cut.
    sc_cmd(&sandbox, &server, TURBO_KEY, &["--title", &line, "x"])
        .run()
        .code(2)
        .one_error_line()
        .stderr_has("--title is 45 characters; the service takes at most 32");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_wrong_key_is_the_services_rejection_with_a_hint() {
    let sandbox = Sandbox::new();
    let server = serverchan::server(TURBO_KEY);
    let wrong = "SCT999999TwrongWrongWrong";
    let out = sc_cmd(&sandbox, &server, wrong, &["hi"])
        .secret(wrong)
        .run();
    out.code(1)
        .one_error_line()
        .stderr_has("serverchan: rejected by the service (code 40001): bad pushtoken")
        .stderr_has("sendmsg: hint: Server酱 refused the key");
    assert_eq!(server.requests().len(), 1, "a rejection is not resent");
    // The quota refusal comes as HTTP 400 with the same envelope: still the service's code, not "HTTP 400".
    let quota = MockServer::start(|_| {
        Reply::status(
            400,
            r#"{"code":40001,"message":"[AUTH]超过当天的发送次数限制[5]","data":null}"#,
        )
    });
    sc_cmd(&sandbox, &quota, TURBO_KEY, &["hi"])
        .run()
        .code(1)
        .stderr_has("(code 40001): [AUTH]超过当天的发送次数限制[5]");
}

#[test]
fn a_malformed_key_is_a_configuration_error() {
    let sandbox = Sandbox::new();
    let server = serverchan::server(SC3_KEY);
    for bad in ["sctpXtnotanumber", "SCT12 34TwithSpace"] {
        sc_cmd(&sandbox, &server, bad, &["hi"])
            .run()
            .code(3)
            .one_error_line()
            .stderr_has("serverchan: SERVERCHAN_SENDKEY");
    }
    let mut unset = sc_cmd(&sandbox, &server, TURBO_KEY, &["hi"]);
    unset.cmd.env_remove("SERVERCHAN_SENDKEY");
    unset
        .run()
        .code(3)
        .stderr_has("SERVERCHAN_SENDKEY is not set");
    assert!(server.requests().is_empty());
}

#[test]
fn dry_run_and_verbose_mask_the_key_in_the_path() {
    let sandbox = Sandbox::new();
    let server = serverchan::server(SC3_KEY);
    let dry = sandbox
        .sendmsg(["--dry-run", "serverchan", "hi"])
        .env("SERVERCHAN_SENDKEY", SC3_KEY)
        .run();
    dry.code(0)
        .stdout_has(r#""url":"https://8842.push.ft07.com/send/***.send""#);
    let verbose = sc_cmd(&sandbox, &server, SC3_KEY, &["-v", "hi"]).run();
    verbose.code(0).stderr_has("/send/***.send");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_desp_over_32_kb_is_split_or_truncated_in_bytes() {
    let sandbox = Sandbox::new();
    let server = serverchan::server(TURBO_KEY);
    let long: String = (0..1400)
        .map(|i| format!("第{i:04}行：日志内容\n"))
        .collect(); // ~36 KB
    assert!(long.len() > 32 * 1024);
    sc_cmd(&sandbox, &server, TURBO_KEY, &[])
        .stdin(long.clone())
        .run()
        .code(0)
        .stderr_has("in 2 parts");
    for req in server.requests() {
        let desp = req.json()["desp"].as_str().unwrap_or_default().to_owned();
        assert!(
            desp.len() <= 32 * 1024 && desp.starts_with('('),
            "{}",
            desp.len()
        );
        assert_eq!(
            req.json()["title"],
            "第0000行：日志内容",
            "each part keeps the title"
        );
    }
    sc_cmd(
        &sandbox,
        &server,
        TURBO_KEY,
        &["--overflow", "truncate", "--max-bytes", "1000"],
    )
    .stdin(long.clone())
    .run()
    .code(0);
    let cut = server.requests()[2].json()["desp"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(cut.len() <= 1000 && cut.contains("bytes omitted"), "{cut}");
    sc_cmd(&sandbox, &server, TURBO_KEY, &["--overflow", "error"])
        .stdin(long)
        .run()
        .code(2);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn json_output_carries_the_reply_and_a_5xx_is_retried() {
    let sandbox = Sandbox::new();
    let server = MockServer::scripted(vec![Reply::status(502, "bad gateway")], |req| {
        serverchan::check(req, TURBO_KEY)
    });
    let out = sc_cmd(&sandbox, &server, TURBO_KEY, &["--json", "hi"]).run();
    out.code(0);
    // One envelope line per target, with the service's reply in it.
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap_or_default();
    assert_eq!(line["replies"][0]["data"]["pushid"], "81906", "{out:?}");
    assert_eq!(out.stdout.lines().count(), 1);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn check_reports_the_route_without_contacting_the_service() {
    let sandbox = Sandbox::new();
    let server = serverchan::server(SC3_KEY);
    let out = sandbox
        .sendmsg(["check", "serverchan"])
        .env("SERVERCHAN_SENDKEY", SC3_KEY)
        .env("SERVERCHAN_BASE_URL", server.url())
        .run();
    out.code(0).stdout_is(
        "✓ serverchan: settings: complete, as a send reads them\n\
         ✓ serverchan: service: not contacted: Server酱 cannot be tested without pushing a message\n",
    );
    sandbox
        .sendmsg(["check", "serverchan"])
        .env("SERVERCHAN_SENDKEY", "bad key")
        .run()
        .code(3)
        .stdout_is(
            "✗ serverchan: SERVERCHAN_SENDKEY: is malformed: expected the SendKey alone (letters and \
             digits, SCT… or sctp{N}t…) — fix: copy the SendKey from sct.ftqq.com → SendKey (Server酱³: \
             sc3.ft07.com)\n",
        );
    assert!(server.requests().is_empty());
}

#[test]
fn send_via_serverchan_goes_through_the_registry() {
    let sandbox = Sandbox::new();
    let server = serverchan::server(TURBO_KEY);
    sandbox
        .sendmsg(["send", "--via", "serverchan", "nightly backup failed"])
        .env("SERVERCHAN_SENDKEY", TURBO_KEY)
        .env("SERVERCHAN_BASE_URL", server.url())
        .run()
        .code(0)
        .stderr_has("serverchan: sent");
    assert_eq!(server.requests()[0].json()["desp"], "nightly backup failed");
}
