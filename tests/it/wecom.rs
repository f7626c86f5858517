//! `sendmsg wecom` end to end against a mock WeCom: the token cache across runs, refresh on 42001, the
//! cache's safety, recipients, limits, and the group robot.

use crate::common;

use common::mock::Recorded;
use common::tokens::assert_not_shown;
use common::wecom::{AGENT_ID, BOT_KEY, CORP_ID, CORP_SECRET, Wecom};
use common::{Output, Sandbox};
use std::path::PathBuf;

/// `sendmsg wecom ARGS` in app mode against `mock`.
fn app(sandbox: &Sandbox, mock: &Wecom, args: &[&str]) -> common::Run {
    let mut all = vec!["wecom"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("WECOM_CORP_ID", CORP_ID)
        .env("WECOM_CORP_SECRET", CORP_SECRET)
        .env("WECOM_AGENT_ID", AGENT_ID)
        .env("WECOM_BASE_URL", mock.url())
}

/// `sendmsg wecom ARGS` in robot mode against `mock`.
fn robot(sandbox: &Sandbox, mock: &Wecom, args: &[&str]) -> common::Run {
    let mut all = vec!["wecom"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("WECOM_BOT_KEY", BOT_KEY)
        .env("WECOM_BASE_URL", mock.url())
}

fn run(run: common::Run, mock: &Wecom) -> Output {
    let output = run.run();
    assert_not_shown(&mock.tokens, &output);
    output
}

fn cache_files(sandbox: &Sandbox) -> Vec<PathBuf> {
    std::fs::read_dir(sandbox.path("cache").join("sendmsg"))
        .map(|dir| dir.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn content(req: &Recorded) -> String {
    let body = req.json();
    let kind = body["msgtype"].as_str().unwrap_or_default().to_owned();
    body[kind]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn an_app_text_goes_out_with_a_fetched_token() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let out = run(
        app(
            &sandbox,
            &mock,
            &["--to-user", "zhangsan", "--to-user", "lisi", "disk full"],
        ),
        &mock,
    );
    out.code(0).stderr_has("wecom: sent");
    let sends = mock.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(
        sends[0].json(),
        serde_json::json!({"touser": "zhangsan|lisi", "msgtype": "text",
                           "text": {"content": "disk full"}, "agentid": 1000002})
    );
    assert_eq!(mock.tokens.calls(), 1);
}

#[test]
fn two_separate_runs_share_one_token() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(app(&sandbox, &mock, &["first"]), &mock).code(0);
    run(app(&sandbox, &mock, &["second"]), &mock).code(0);
    assert_eq!(mock.tokens.calls(), 1);
    assert_eq!(mock.sends().len(), 2);
    assert_eq!(mock.sends()[0].json()["touser"], "@all");
}

#[test]
fn an_expired_token_is_replaced_once_and_the_send_retried() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(app(&sandbox, &mock, &["first"]), &mock).code(0);
    mock.tokens.expire_all();
    run(app(&sandbox, &mock, &["-v", "second"]), &mock)
        .code(0)
        .stderr_has("access token was refused");
    assert_eq!(mock.tokens.calls(), 2);
    let sends = mock.sends();
    assert_eq!(
        sends.len(),
        3,
        "first, second with the stale token, second again"
    );
    assert_ne!(
        sends[1].query("access_token"),
        sends[2].query("access_token")
    );
}

#[test]
fn a_token_refused_again_after_one_refresh_fails() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    mock.tokens.refuse_all();
    run(app(&sandbox, &mock, &["hello"]), &mock)
        .code(1)
        .one_error_line()
        .stderr_has("errcode 42001")
        .stderr_has("after one refresh");
    assert_eq!(mock.tokens.calls(), 2);
    assert_eq!(mock.sends().len(), 2);
}

#[test]
fn a_corrupt_cache_is_ignored_and_rewritten() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(app(&sandbox, &mock, &["first"]), &mock).code(0);
    let files = cache_files(&sandbox);
    assert_eq!(files.len(), 1);
    std::fs::write(&files[0], "{\"access_token\": 12, garbage").expect("corrupt the cache");
    run(app(&sandbox, &mock, &["second"]), &mock).code(0);
    assert_eq!(mock.tokens.calls(), 2);
    let cached: serde_json::Value =
        serde_json::from_str(&common::read(&files[0])).expect("the cache is valid again");
    assert!(cached["access_token"].is_string());
}

#[cfg(unix)]
#[test]
fn the_cache_is_private_and_holds_no_secret() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(app(&sandbox, &mock, &["hello"]), &mock).code(0);
    let dir = sandbox.path("cache").join("sendmsg");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    let files = cache_files(&sandbox);
    assert_eq!(files.len(), 1);
    assert_eq!(mode(&files[0]), 0o600);
    let text = common::read(&files[0]);
    assert!(!text.contains(CORP_SECRET) && !files[0].to_string_lossy().contains(CORP_SECRET));
}

#[test]
fn sendmsg_cache_dir_overrides_the_xdg_cache() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let custom = sandbox.path("custom-cache");
    run(
        app(&sandbox, &mock, &["hello"]).env("SENDMSG_CACHE_DIR", &custom),
        &mock,
    )
    .code(0);
    assert_eq!(std::fs::read_dir(&custom).expect("custom cache").count(), 1);
    assert!(cache_files(&sandbox).is_empty());
}

#[test]
fn eight_concurrent_runs_all_succeed_and_leave_a_valid_cache() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..8)
            .map(|i| {
                let (sandbox, mock) = (&sandbox, &mock);
                scope.spawn(move || run(app(sandbox, mock, &[&format!("run {i}")]), mock).code)
            })
            .collect();
        for handle in runs {
            assert_eq!(handle.join().expect("run thread"), 0);
        }
    });
    assert_eq!(mock.sends().len(), 8);
    let files = cache_files(&sandbox);
    assert_eq!(files.len(), 1, "no temporary file left: {files:?}");
    let cached: serde_json::Value =
        serde_json::from_str(&common::read(&files[0])).expect("valid cache");
    let token = cached["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(mock.tokens.issued().contains(&token));
    // And the cache serves the next run without a fetch.
    let calls = mock.tokens.calls();
    run(app(&sandbox, &mock, &["after"]), &mock).code(0);
    assert_eq!(mock.tokens.calls(), calls);
}

#[test]
fn a_dry_run_fetches_no_token_and_masks_it() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let out = run(
        app(&sandbox, &mock, &["--dry-run", "--markdown", "**hi**"]),
        &mock,
    );
    out.code(0)
        .stdout_has("/cgi-bin/message/send?access_token=***\"")
        .stdout_has(r#""msgtype":"markdown","markdown":{"content":"**hi**"}"#);
    assert!(mock.server.requests().is_empty());
    assert!(cache_files(&sandbox).is_empty());
}

#[test]
fn missing_credentials_are_named() {
    let sandbox = Sandbox::new();
    sandbox
        .sendmsg(["wecom", "hello"])
        .env("WECOM_CORP_ID", CORP_ID)
        .run()
        .code(3)
        .stderr_is(
            "sendmsg: error: wecom: WECOM_CORP_SECRET, WECOM_AGENT_ID are not set (put them in the \
             environment or in .env)\n",
        );
    sandbox.sendmsg(["wecom", "hello"]).run().code(3).stderr_is(
        "sendmsg: error: wecom: WECOM_CORP_ID, WECOM_CORP_SECRET, WECOM_AGENT_ID are not set (put \
             them in the environment or in .env); for a group robot, set WECOM_BOT_KEY\n",
    );
    sandbox
        .sendmsg(["wecom", "--bot", "hello"])
        .run()
        .code(3)
        .stderr_has("wecom: WECOM_BOT_KEY is not set");
}

#[test]
fn the_older_env_names_of_seed_000_work() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    sandbox.write(
        ".env",
        &format!("corpId={CORP_ID}\ncorpsecret={CORP_SECRET}\nagentId={AGENT_ID}\n"),
    );
    let out = sandbox
        .sendmsg(["wecom", "from the old .env"])
        .env("WECOM_BASE_URL", mock.url())
        .run();
    assert_not_shown(&mock.tokens, &out);
    out.code(0);
    assert_eq!(mock.sends().len(), 1);
}

#[test]
fn a_wrong_secret_is_rejected_without_showing_it() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(
        app(&sandbox, &mock, &["-v", "hello"])
            .env("WECOM_CORP_SECRET", "wrong-corp-secret-value")
            .secret("wrong-corp-secret-value"),
        &mock,
    )
    .code(1)
    .one_error_line()
    .stderr_has("wecom: rejected by the service (errcode 40001): cannot get an access token")
    .stderr_has("corpsecret=***");
    assert!(mock.sends().is_empty());
}

#[test]
fn some_invalid_recipients_warn_and_none_valid_fails() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(
        app(&sandbox, &mock, &["--to-user", "zhangsan|ghost", "hi"]),
        &mock,
    )
    .code(0)
    .stderr_has("warning: wecom: not delivered to invalid users ghost");
    run(
        app(
            &sandbox,
            &mock,
            &["--to-user", "ghost", "--to-party", "9", "hi"],
        ),
        &mock,
    )
    .code(1)
    .one_error_line()
    .stderr_has("errcode 81013");
}

#[test]
fn bad_recipients_and_agent_ids_fail_before_any_request() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(app(&sandbox, &mock, &["--to-party", "sales", "hi"]), &mock)
        .code(2)
        .stderr_has("--to-party `sales`");
    run(
        app(&sandbox, &mock, &["--to-user", "two words", "hi"]),
        &mock,
    )
    .code(2);
    run(
        app(&sandbox, &mock, &["hi"]).env("WECOM_AGENT_ID", "app-one"),
        &mock,
    )
    .code(3)
    .stderr_has("WECOM_AGENT_ID must be the app's integer AgentId");
    assert!(mock.server.requests().is_empty());
}

#[test]
fn system_busy_is_retried() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    mock.busy_for(1);
    run(app(&sandbox, &mock, &["hello"]), &mock).code(0);
    assert_eq!(mock.sends().len(), 2);
    mock.busy_for(5);
    run(app(&sandbox, &mock, &["--retries", "1", "hello"]), &mock)
        .code(4)
        .stderr_has("errcode -1");
}

#[test]
fn a_long_text_is_split_within_2048_bytes() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let long: String = (0..300).map(|i| format!("第{i:03}行 log line\n")).collect();
    run(app(&sandbox, &mock, &[]).stdin(long), &mock)
        .code(0)
        .stderr_has("sent in");
    let sends = mock.sends();
    assert!(sends.len() > 2);
    assert!(sends.iter().all(|s| content(s).len() <= 2048));
    assert_eq!(mock.tokens.calls(), 1, "one token for every part");
}

#[test]
fn the_robot_sends_text_with_mentions_and_no_token() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let args = [
        "--mention-mobile",
        "13800001111",
        "--mention-mobile",
        "@all",
        "disk full",
    ];
    run(robot(&sandbox, &mock, &args), &mock).code(0);
    let sends = mock.sends();
    assert_eq!(
        sends[0].json(),
        serde_json::json!({"msgtype": "text", "text": {"content": "disk full",
                           "mentioned_mobile_list": ["13800001111", "@all"]}})
    );
    assert_eq!(mock.tokens.calls(), 0);
}

#[test]
fn the_robot_takes_4096_bytes_of_markdown_in_one_message() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let markdown = "**警告** 磁盘\n".repeat(200);
    assert!(markdown.len() > 2048 && markdown.len() < 4096);
    run(
        robot(&sandbox, &mock, &["--markdown"]).stdin(markdown),
        &mock,
    )
    .code(0);
    assert_eq!(mock.sends().len(), 1);
}

#[test]
fn robot_inputs_are_checked_before_sending() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(
        robot(&sandbox, &mock, &["--mention-mobile", "138-oops", "hi"]),
        &mock,
    )
    .code(2);
    run(
        robot(
            &sandbox,
            &mock,
            &["--markdown", "--mention-mobile", "@all", "hi"],
        ),
        &mock,
    )
    .code(2)
    .stderr_has("only in text");
    run(robot(&sandbox, &mock, &["--to-party", "2", "hi"]), &mock).code(2);
    assert!(mock.server.requests().is_empty());
}

#[test]
fn the_robot_key_is_checked_and_never_shown() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(
        robot(&sandbox, &mock, &["-v", "hi"])
            .env("WECOM_BOT_KEY", "0000aaaa-wrong-key")
            .secret("0000aaaa-wrong-key"),
        &mock,
    )
    .code(1)
    .stderr_has("errcode 93000")
    .stderr_has("key=***");
}

#[test]
fn the_robots_rate_limit_is_transient() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    mock.busy_for(1);
    run(robot(&sandbox, &mock, &["hi"]), &mock).code(0);
    assert_eq!(mock.sends().len(), 2);
}

#[test]
fn bot_selects_the_robot_even_with_app_credentials() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    run(
        app(&sandbox, &mock, &["--bot", "hi"]).env("WECOM_BOT_KEY", BOT_KEY),
        &mock,
    )
    .code(0);
    assert_eq!(mock.sends()[0].path, "/cgi-bin/webhook/send");
    assert_eq!(mock.tokens.calls(), 0);
}
