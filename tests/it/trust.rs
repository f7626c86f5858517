//! The contract's "Trust: what a run will and will not do", one test per promise, each against a mock
//! that breaks it when the code does not keep it: secrets across a cut and in URLs, a `./.env` that tries
//! to move a credential, a pasted webhook URL, a dribbling or stalling upstream, a reply cut short, a
//! killed run's reservation, concurrent cold token fetches and leftover temporary files.

use crate::common;

use common::mock::{MockServer, Reply};
use common::{Output, Sandbox, ding, wecom};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Every 12-character slice of `secret`: none may appear anywhere.
fn slices(secret: &str) -> Vec<&str> {
    (0..=secret.len().saturating_sub(12))
        .map(|i| &secret[i..i + 12])
        .collect()
}

fn assert_no_slice(secret: &str, text: &str, what: &str) {
    for slice in slices(secret) {
        assert!(
            !text.contains(slice),
            "{what} holds {slice:?} of a secret:\n{text}"
        );
    }
}

fn ding_run(sandbox: &Sandbox, base_url: &str, args: &[&str]) -> common::Run {
    let mut all = vec!["ding"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("DING_ACCESS_TOKEN", ding::TOKEN)
        .env("DING_SECRET", ding::SECRET)
        .env("DING_BASE_URL", base_url)
}

#[test]
fn a_secret_echoed_across_the_200_character_cut_leaves_no_slice_anywhere() {
    // The token starts at 181..199: a cut at 200 before masking would keep 1..19 of its characters.
    for (status, start) in [(400, 181), (400, 190), (200, 188), (200, 199)] {
        let sandbox = Sandbox::new();
        let body = format!(
            "{}{}{} tail",
            "x".repeat(start),
            ding::TOKEN,
            "y".repeat(40)
        );
        let server = MockServer::start(move |_| Reply::status(status, body.clone()));
        let out = ding_run(&sandbox, &server.url(), &["--retries", "0", "echo"]).run();
        out.code(1);
        assert_no_slice(ding::TOKEN, &out.stderr, "stderr");
        let file = common::read(&sandbox.state("history.jsonl"));
        assert!(
            file.contains("unreadable reply") || file.contains("HTTP 400"),
            "{file}"
        );
        assert_no_slice(ding::TOKEN, &file, "history.jsonl");
        let shown = sandbox.sendmsg(["history", "--json"]).run();
        shown.code(0);
        assert_no_slice(ding::TOKEN, &shown.stdout, "history --json");
    }
}

/// An SMS gateway URL with a user:password and a query secret, in every output path.
#[test]
fn a_url_setting_keeps_its_user_part_and_query_values_out_of_every_output() {
    const PASSWORD: &str = "gw-pa55word-77";
    const API_KEY: &str = "apik3y-secret-91";
    let sandbox = Sandbox::new();
    let server = MockServer::start(|req| {
        Reply::status(
            400,
            format!("bad request to {}?{}", req.path, req.raw_query),
        )
    });
    let port = server
        .url()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let url = format!("http://ops:{PASSWORD}@127.0.0.1:{port}/api/send?apikey={API_KEY}");
    let sms = |args: &[&str]| {
        sandbox
            .sendmsg(args)
            .env("SMS_PROVIDER", "http")
            .env("SMS_GATEWAY_URL", &url)
            .env("GEWE_BASE_URL", &url)
            .env("SMS_TO", "13800138000")
            .secret(PASSWORD)
            .secret(API_KEY)
    };
    let outputs: Vec<Output> = vec![
        sms(&["sms", "--help"]).run(),
        sms(&["gewe", "--help"]).run(),
        sms(&["check", "sms"]).run(),
        sms(&["check", "gewe"]).run(),
        sms(&["--dry-run", "sms", "hi"]).run(),
        sms(&["--dry-run", "-v", "gewe", "--to", "wxid_a", "hi"]).run(),
        sms(&["-v", "--retries", "0", "sms", "hi"]).run(),
        sms(&["history", "--json"]).run(),
    ];
    // `Run::run` already checked stdout and stderr for the two values; the help shows no value at all.
    assert!(
        outputs[0].stdout.contains("[env: SMS_GATEWAY_URL]"),
        "{:?}",
        outputs[0]
    );
    assert!(
        outputs[1].stdout.contains("[env: GEWE_BASE_URL]"),
        "{:?}",
        outputs[1]
    );
    outputs[6].code(1).stderr_has("127.0.0.1").stderr_has("***");
    // `check gewe` probes the gateway with a HEAD; the one send is the SMS.
    let posts = server
        .requests()
        .into_iter()
        .filter(|r| r.method != "HEAD")
        .count();
    assert_eq!(posts, 1);
    let file = common::read(&sandbox.state("history.jsonl"));
    assert!(
        !file.contains(PASSWORD) && !file.contains(API_KEY),
        "{file}"
    );
}

#[test]
fn a_discovered_env_file_cannot_send_a_credential_from_elsewhere_to_its_host() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    sandbox.write(".env", &format!("DING_BASE_URL={}\n", server.url()));
    let bare = || {
        sandbox
            .sendmsg(["ding", "--retries", "0", "from ci"])
            .env("DING_ACCESS_TOKEN", ding::TOKEN)
            .env("DING_SECRET", ding::SECRET)
    };
    bare()
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("DING_BASE_URL comes from ./.env")
        .stderr_has("DING_ACCESS_TOKEN does not");
    assert_eq!(server.requests().len(), 0, "nothing may be sent");
    // A proxy from the file is a destination too.
    sandbox.write(
        ".env",
        &format!(
            "HTTPS_PROXY={}\nhttp_proxy={}\n",
            server.url(),
            server.url()
        ),
    );
    bare()
        .env("DING_BASE_URL", server.url())
        .run()
        .code(3)
        .stderr_has("comes from ./.env");
    assert_eq!(server.requests().len(), 0);
    // Named with --env-file, the same file is the user's choice.
    sandbox.write("named.env", &format!("DING_BASE_URL={}\n", server.url()));
    sandbox
        .sendmsg(["ding", "--env-file", "named.env", "named"])
        .env("DING_ACCESS_TOKEN", ding::TOKEN)
        .env("DING_SECRET", ding::SECRET)
        .run()
        .code(0);
    assert_eq!(server.requests().len(), 1);
    // Both the credential and the destination from ./.env: used as before.
    sandbox.write(
        ".env",
        &format!(
            "DING_ACCESS_TOKEN={}\nDING_SECRET={}\nDING_BASE_URL={}\n",
            ding::TOKEN,
            ding::SECRET,
            server.url()
        ),
    );
    sandbox.sendmsg(["ding", "both"]).run().code(0);
    assert_eq!(ding::texts(&server), ["named", "both"]);
}

#[test]
fn a_pasted_webhook_url_keeps_its_host() {
    let sandbox = Sandbox::new();
    let server = ding::robot();
    let webhook = format!("{}/robot/send?access_token={}", server.url(), ding::TOKEN);
    let run = |extra: Option<&str>| {
        let mut run = sandbox
            .sendmsg(["ding", "--retries", "0", "relay"])
            .env("DING_ACCESS_TOKEN", &webhook)
            .env("DING_SECRET", ding::SECRET);
        if let Some(base) = extra {
            run = run.env("DING_BASE_URL", base);
        }
        run.run()
    };
    run(None).code(0);
    assert_eq!(server.requests().len(), 1);
    run(Some(&server.url())).code(0);
    run(Some("http://127.0.0.1:9"))
        .code(3)
        .stderr_has("DING_ACCESS_TOKEN is a webhook URL on")
        .stderr_has("DING_BASE_URL is http://127.0.0.1:9");
    assert_eq!(server.requests().len(), 2);

    let mock = wecom::Wecom::start();
    sandbox
        .sendmsg(["wecom", "robot"])
        .env(
            "WECOM_BOT_KEY",
            format!("{}/cgi-bin/webhook/send?key={}", mock.url(), wecom::BOT_KEY),
        )
        .run()
        .code(0);
    assert_eq!(mock.sends().len(), 1);
}

#[test]
fn a_dribbling_reply_is_cut_off_at_the_timeout_and_not_resent() {
    let sandbox = Sandbox::new();
    let body = format!("{}{}", ding::OK, " ".repeat(30));
    let server =
        MockServer::start(move |_| Reply::Dribble(200, body.clone(), Duration::from_millis(500)));
    let started = Instant::now();
    let out = ding_run(
        &sandbox,
        &server.url(),
        &["--timeout", "2", "--retries", "2", "slow"],
    )
    .run();
    let took = started.elapsed();
    out.code(4)
        .one_error_line()
        .stderr_has("timed out after 2s")
        .stderr_has("may have been delivered; not resent");
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_reply_that_may_have_been_delivered_is_never_resent() {
    let cases = [
        (
            "2xx cut short",
            Reply::CutShort(200, r#"{"errcode":0,"#.into(), 200),
            1,
            "may have been delivered",
        ),
        (
            "stall after the request",
            Reply::Stall(Duration::from_secs(10)),
            4,
            "timed out after 1s; the request was sent and may have been delivered; not resent",
        ),
        (
            "closed after the request",
            Reply::Drop,
            4,
            "may have been delivered; not resent",
        ),
    ];
    for (name, reply, code, says) in cases {
        let sandbox = Sandbox::new();
        let server = MockServer::start(move |_| reply.clone());
        let out = ding_run(
            &sandbox,
            &server.url(),
            &["--timeout", "1", "--retries", "2", name],
        )
        .run();
        out.code(code).one_error_line().stderr_has(says);
        assert_eq!(server.requests().len(), 1, "{name}: resent\n{out:?}");
    }
    // What cannot have arrived is still retried: nothing listens on the port.
    let sandbox = Sandbox::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    ding_run(&sandbox, &url, &["--retries", "1", "nobody"])
        .run()
        .code(4)
        .stderr_has("cannot connect to 127.0.0.1:")
        .stderr_has("gave up after 2 attempts");
}

#[test]
fn a_killed_run_holds_no_limit_slot() {
    let sandbox = Sandbox::new();
    let stalled = MockServer::start(|_| Reply::Stall(Duration::from_secs(30)));
    let mut run = ding_run(
        &sandbox,
        &stalled.url(),
        &[
            "--limit",
            "1/h",
            "--limit-key",
            "pager",
            "--timeout",
            "30",
            "first",
        ],
    )
    .cmd;
    let mut child = run
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while stalled.requests().is_empty() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(stalled.requests().len(), 1, "the first run never sent");
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    let server = ding::robot();
    ding_run(
        &sandbox,
        &server.url(),
        &["--limit", "1/h", "--limit-key", "pager", "second"],
    )
    .run()
    .code(0);
    assert_eq!(ding::texts(&server), ["second"]);
    // What the second run delivered counts.
    ding_run(
        &sandbox,
        &server.url(),
        &["--limit", "1/h", "--limit-key", "pager", "third"],
    )
    .run()
    .code(5);
}

#[test]
fn sixteen_cold_runs_make_one_token_fetch() {
    let sandbox = Sandbox::new();
    let mock = wecom::Wecom::start();
    let runs: Vec<_> = (0..16)
        .map(|i| {
            sandbox
                .sendmsg(["wecom", "--to-user", "zhangsan", &format!("cold {i}")])
                .env("WECOM_CORP_ID", wecom::CORP_ID)
                .env("WECOM_CORP_SECRET", wecom::CORP_SECRET)
                .env("WECOM_AGENT_ID", wecom::AGENT_ID)
                .env("WECOM_BASE_URL", mock.url())
        })
        .collect();
    let threads: Vec<_> = runs
        .into_iter()
        .map(|run| std::thread::spawn(move || run.run().code))
        .collect();
    for thread in threads {
        assert_eq!(thread.join().expect("run"), 0);
    }
    assert_eq!(mock.tokens.calls(), 1, "gettoken calls");
    assert_eq!(mock.sends().len(), 16);
}
