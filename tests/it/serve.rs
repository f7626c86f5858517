//! `sendmsg serve`, the relay, end to end: the real binary with routes in config.toml, posting
//! Alertmanager's and Grafana's webhook bodies and plain messages, delivered to verifying mock robots
//! (DingTalk, WeCom, Feishu) through the outbox. The real Alertmanager drives it in `alertmanager.rs`.

use crate::common;

use common::Sandbox;
use common::daemon::{Daemon, TOKEN, request};
use common::mock::{MockServer, Reply};
use common::wecom::{BOT_KEY, Wecom};
use common::{ding, feishu};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// The targets every test's config.toml names, their credentials read from the environment.
const TARGETS: &str = r#"
[targets.ops-ding]
channel = "ding"
access_token = "${DING_ACCESS_TOKEN}"
secret = "${DING_SECRET}"
base_url = "${DING_BASE_URL}"

[targets.ops-wecom]
channel = "wecom"
bot_key = "${WECOM_BOT_KEY}"
base_url = "${WECOM_BASE_URL}"

[targets.db-lark]
channel = "feishu"
webhook = "${FEISHU_WEBHOOK}"
secret = "${FEISHU_SECRET}"
base_url = "${FEISHU_BASE_URL}"

[groups]
oncall = ["ops-ding", "ops-wecom"]
"#;

/// The robots a relay delivers to.
pub(crate) struct Robots {
    pub ding: MockServer,
    pub wecom: Wecom,
    pub feishu: MockServer,
}

impl Robots {
    pub(crate) fn new() -> Robots {
        Robots {
            ding: ding::robot(),
            wecom: Wecom::start(),
            feishu: feishu::bot(),
        }
    }

    fn with_ding(ding: MockServer) -> Robots {
        Robots {
            ding,
            ..Robots::new()
        }
    }
}

/// `sendmsg serve` on 127.0.0.1:0 with `routes` after the targets in its config.toml, not started yet.
pub(crate) fn serve(
    sandbox: &Sandbox,
    robots: &Robots,
    routes: &str,
    extra: &[&str],
) -> common::Run {
    let config = sandbox.write("config.toml", &format!("{TARGETS}\n{routes}"));
    let mut args = vec![
        "--config".to_owned(),
        config.display().to_string(),
        "--retries".into(),
        "0".into(),
        "serve".into(),
        "--listen".into(),
        "127.0.0.1:0".into(),
    ];
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    sandbox
        .sendmsg(args)
        .env("DING_ACCESS_TOKEN", ding::TOKEN)
        .env("DING_SECRET", ding::SECRET)
        .env("DING_BASE_URL", robots.ding.url())
        .env("WECOM_BOT_KEY", BOT_KEY)
        .env("WECOM_BASE_URL", robots.wecom.url())
        .env("FEISHU_WEBHOOK", feishu::TOKEN)
        .env("FEISHU_SECRET", feishu::SECRET)
        .env("FEISHU_BASE_URL", robots.feishu.url())
        .env("SENDMSG_OUTBOX_BACKOFF_MS", "200")
}

/// `serve` with `routes`, started.
pub(crate) fn started(sandbox: &Sandbox, robots: &Robots, routes: &str) -> Daemon {
    serve(sandbox, robots, routes, &[])
        .daemon()
        .expect("serve starts")
}

/// Waits (up to 10 s) until `server` has received `n` requests; then a moment more for any extra one.
pub(crate) fn wait_for(server: &MockServer, n: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(30);
    while server.requests().len() < n && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    server.requests().len()
}

pub(crate) fn post_json(server: &Daemon, path: &str, body: &Value) -> common::daemon::Response {
    request(
        server.addr,
        "POST",
        path,
        &[("content-type", "application/json")],
        body.to_string().as_bytes(),
    )
}

/// One alert of the `DiskFull` group on `instance`.
fn alert(instance: &str, status: &str, description: &str) -> Value {
    json!({
        "status": status,
        "labels": {"alertname": "DiskFull", "instance": instance, "severity": "critical"},
        "annotations": {"summary": format!("{instance}: /var is 97% full"), "description": description},
        "startsAt": "2026-12-07T08:00:00Z",
        "endsAt": if status == "resolved" { "2026-12-07T08:30:00Z" } else { "0001-01-01T00:00:00Z" },
        "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=disk",
        "fingerprint": format!("fp-{instance}"),
    })
}

/// Alertmanager's webhook body (version 4) for the `DiskFull` group with `alerts`.
pub(crate) fn group(status: &str, alerts: &[Value]) -> Value {
    json!({
        "version": "4",
        "groupKey": "{}/{}:{alertname=\"DiskFull\"}",
        "truncatedAlerts": 0,
        "status": status,
        "receiver": "ops",
        "groupLabels": {"alertname": "DiskFull"},
        "commonLabels": {"alertname": "DiskFull", "severity": "critical"},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager.example.com:9093",
        "alerts": alerts,
    })
}

/// A message's text with the `(… ago)` of its start times, which move with the clock, written `(AGO)`.
pub(crate) fn stable(text: &str) -> String {
    text.lines()
        .map(|line| match line.find(" ago)") {
            Some(end) => match line[..end].rfind('(') {
                Some(start) => format!("{}(AGO){}", &line[..start], &line[end + 5..]),
                None => line.to_owned(),
            },
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every DingTalk message the robot received, each a markdown message: (title, text).
pub(crate) fn ding_markdown(robot: &MockServer) -> Vec<(String, String)> {
    robot
        .requests()
        .iter()
        .map(|r| {
            let body = r.json();
            assert_eq!(body["msgtype"], "markdown", "{body}");
            let field = |k: &str| body["markdown"][k].as_str().unwrap_or_default().to_owned();
            (field("title"), stable(&field("text")))
        })
        .collect()
}

fn wecom_markdown(wecom: &Wecom) -> Vec<String> {
    wecom
        .sends()
        .iter()
        .map(|r| {
            let body = r.json();
            assert_eq!(body["msgtype"], "markdown", "{body}");
            stable(body["markdown"]["content"].as_str().unwrap_or_default())
        })
        .collect()
}

#[test]
fn an_alertmanager_group_is_one_rendered_message_per_target_firing_and_resolved() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let server = started(&sandbox, &robots, "[routes.ops]\nto = [\"oncall\"]\n");
    let firing = group(
        "firing",
        &[
            alert("db1", "firing", "3 GB left"),
            alert("db2", "firing", "1 GB left"),
        ],
    );
    let reply = post_json(&server, "/alertmanager/ops", &firing);
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (200, "{\"queued\":2}\n")
    );
    assert_eq!(wait_for(&robots.ding, 1), 1);
    let [(title, text)] = &ding_markdown(&robots.ding)[..] else {
        panic!("one message");
    };
    assert_eq!(title, "[FIRING:2] DiskFull");
    assert_eq!(
        text,
        "### 🔥 [FIRING:2] DiskFull\n\n---\n\n**[FIRING] DiskFull** · critical\n\n\
         > db1: /var is 97% full\n\n3 GB left\n\n- Labels: `instance=db1` `severity=critical`\n\n\
         - Started: 2026-12-07 16:00:00 (AGO)\n\n- [Source](http://prometheus.example.com:9090/graph?g0.expr=disk)\n\n\
         ---\n\n**[FIRING] DiskFull** · critical\n\n> db2: /var is 97% full\n\n1 GB left\n\n\
         - Labels: `instance=db2` `severity=critical`\n\n- Started: 2026-12-07 16:00:00 (AGO)\n\n\
         - [Source](http://prometheus.example.com:9090/graph?g0.expr=disk)"
    );
    assert_eq!(wait_for(&robots.wecom.server, 1), 1);
    let wecom = wecom_markdown(&robots.wecom);
    assert!(
        wecom[0].starts_with(
            "## <font color=\"warning\">[FIRING:2]</font> DiskFull\n\n\
             **<font color=\"warning\">[FIRING]</font> DiskFull** critical\n> db1: /var is 97% full\n3 GB left\n\
             <font color=\"comment\">instance=db1 severity=critical</font>\nStarted: 2026-12-07 16:00:00 (AGO)\n"
        ),
        "{}",
        wecom[0]
    );

    let resolved = group("resolved", &[alert("db1", "resolved", "3 GB left")]);
    let reply = post_json(&server, "/alertmanager/ops", &resolved);
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (200, "{\"queued\":2}\n")
    );
    assert_eq!(wait_for(&robots.ding, 2), 2);
    let (title, text) = &ding_markdown(&robots.ding)[1];
    assert_eq!(title, "[RESOLVED] DiskFull");
    assert_eq!(
        text,
        "### ✅ [RESOLVED] DiskFull\n\n---\n\n**[RESOLVED] DiskFull** · critical\n\n\
         > db1: /var is 97% full\n\n3 GB left\n\n- Labels: `instance=db1` `severity=critical`\n\n\
         - Started: 2026-12-07 16:00:00 (AGO)\n\n- Resolved: 2026-12-07 16:30:00\n\n\
         - [Source](http://prometheus.example.com:9090/graph?g0.expr=disk)"
    );
    assert_eq!(wait_for(&robots.wecom.server, 2), 2);
    assert!(
        wecom_markdown(&robots.wecom)[1]
            .starts_with("## <font color=\"info\">[RESOLVED]</font> DiskFull\n")
    );
}

#[test]
fn a_repeat_of_the_same_group_state_within_the_window_is_not_sent_again() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let routes = "[routes.ops]\nto = [\"ops-ding\"]\nrepeat = \"1h\"\n";
    let firing = group("firing", &[alert("db1", "firing", "3 GB left")]);
    {
        let server = started(&sandbox, &robots, routes);
        assert_eq!(post_json(&server, "/alertmanager/ops", &firing).status, 200);
        assert_eq!(wait_for(&robots.ding, 1), 1);
        let again = post_json(&server, "/alertmanager/ops", &firing);
        assert_eq!(
            (again.status, again.body.as_str()),
            (200, "{\"queued\":0,\"repeat\":true}\n")
        );
        assert!(server.log_has("serve: route ops: group [FIRING:1] DiskFull unchanged since "));
    }
    // Remembered across a restart; a changed state (another alert) is new.
    let server = serve(&sandbox, &robots, routes, &[])
        .daemon()
        .expect("serve restarts");
    assert_eq!(
        post_json(&server, "/alertmanager/ops", &firing).body,
        "{\"queued\":0,\"repeat\":true}\n"
    );
    let changed = group(
        "firing",
        &[
            alert("db1", "firing", "3 GB left"),
            alert("db2", "firing", "x"),
        ],
    );
    assert_eq!(
        post_json(&server, "/alertmanager/ops", &changed).body,
        "{\"queued\":1}\n"
    );
    assert_eq!(wait_for(&robots.ding, 2), 2);

    let history = common::read(&sandbox.state("history.jsonl"));
    let records: Vec<Value> = history
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let seen: Vec<(&str, &str, &str)> = records
        .iter()
        .map(|r| {
            let field = |k: &str| r[k].as_str().unwrap_or_default();
            (field("status"), field("route"), field("target"))
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("queued", "ops", "ops-ding"),
            ("sent", "ops", "ops-ding"),
            ("queued", "ops", "ops-ding"),
            ("sent", "ops", "ops-ding"),
        ]
    );
}

#[test]
fn send_takes_json_with_title_and_markdown_or_plain_text() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let server = started(
        &sandbox,
        &robots,
        "[routes.ops]\nto = [\"ops-ding\", \"ops-wecom\"]\n",
    );
    let body = json!({"text": "**backup** finished", "title": "nightly", "markdown": true});
    let reply = post_json(&server, "/send/ops", &body);
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (200, "{\"queued\":2}\n")
    );
    // The outbox orders entries by the second they were queued in: one post at a time keeps the order.
    assert_eq!(wait_for(&robots.ding, 1), 1);
    assert_eq!(wait_for(&robots.wecom.server, 1), 1);
    let plain = server.post("/send/ops", "disk full on db1".as_bytes());
    assert_eq!(plain.status, 200, "{plain:?}");
    assert_eq!(wait_for(&robots.ding, 2), 2);
    let sent: Vec<Value> = robots
        .ding
        .requests()
        .iter()
        .map(common::mock::Recorded::json)
        .collect();
    assert_eq!(
        sent[0]["markdown"],
        json!({"title": "nightly", "text": "**backup** finished"})
    );
    assert_eq!(sent[1]["text"]["content"], "disk full on db1");
    assert_eq!(wait_for(&robots.wecom.server, 2), 2);
    let wecom: Vec<Value> = robots
        .wecom
        .sends()
        .iter()
        .map(common::mock::Recorded::json)
        .collect();
    // WeCom's robot has no title field: the title is the first line.
    assert_eq!(
        wecom[0]["markdown"]["content"],
        "nightly\n\n**backup** finished"
    );
    assert_eq!(wecom[1]["text"]["content"], "disk full on db1");
}

/// `serve` with the route `ops` to DingTalk and a token.
fn guarded(sandbox: &Sandbox, robots: &Robots) -> Daemon {
    serve(sandbox, robots, "[routes.ops]\nto = [\"ops-ding\"]\n", &[])
        .env("DDNS_TOKEN", TOKEN)
        .daemon()
        .expect("serve starts")
}

/// A JSON request with the token.
fn authorized(server: &Daemon, method: &str, path: &str, body: &[u8]) -> common::daemon::Response {
    let auth = format!("Bearer {TOKEN}");
    let headers = [
        ("authorization", auth.as_str()),
        ("content-type", "application/json"),
    ];
    request(server.addr, method, path, &headers, body)
}

#[test]
fn bad_bodies_and_unknown_routes_are_refused_with_the_reason() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let server = guarded(&sandbox, &robots);
    let post = |path: &str, body: &[u8]| authorized(&server, "POST", path, body);
    let cases: [(&str, &[u8], u16, &str); 6] = [
        (
            "/alertmanager/ops",
            b"{\"version\":\"4\"",
            400,
            "the body is not JSON: EOF while parsing an object at line 1 column 14\n",
        ),
        (
            "/alertmanager/ops",
            b"{\"status\":\"firing\",\"version\":\"4\"}",
            400,
            "the body is not Alertmanager's webhook JSON: missing field `alerts`\n",
        ),
        (
            "/grafana/ops",
            b"[]",
            400,
            "the body is not a JSON object\n",
        ),
        (
            "/send/ops",
            b"{\"message\":\"x\"}",
            400,
            "the body is not {\"text\": \"…\", \"title\": \"…\", \"markdown\": false}: unknown field `message`, expected one of `text`, `title`, `markdown` at line 1 column 10\n",
        ),
        (
            "/send/ops",
            b"{\"text\":\" \"}",
            400,
            "the message is empty\n",
        ),
        (
            "/alertmanager/nosuch",
            b"{}",
            404,
            "not found: no route `nosuch`\n",
        ),
    ];
    for (path, body, status, reason) in cases {
        let reply = post(path, body);
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (status, reason),
            "{path}"
        );
    }
}

#[test]
fn tokens_and_body_limits_hold_for_routes() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let server = guarded(&sandbox, &robots);
    let post = |path: &str, body: &[u8]| authorized(&server, "POST", path, body);
    let unauthorized = server.post("/send/ops", b"hello");
    assert_eq!(unauthorized.status, 401);
    assert_eq!(server.get("/metrics").status, 401);
    assert_eq!(authorized(&server, "GET", "/metrics", b"").status, 200);
    let huge = vec![b'x'; 1024 * 1024 + 1];
    assert_eq!(post("/send/ops", &huge).status, 413);
    // Up to 1 MiB is a route's, where serve-ddns's endpoints keep their 64 KiB.
    let big = format!("{{\"text\":\"{}\"}}", "y".repeat(200 * 1024));
    assert_eq!(post("/send/ops", big.as_bytes()).status, 200);
    assert_eq!(post("/api/send_msg", big.as_bytes()).status, 413);
    let get = authorized(&server, "GET", "/send/ops", b"");
    assert_eq!(get.status, 405);
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn grafana_recorded_payloads_become_a_feishu_card() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let server = started(&sandbox, &robots, "[routes.db]\nto = \"db-lark\"\n");
    let fixture = |name: &str| {
        let path = format!("{}/tests/fixtures/serve/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(path).expect("fixture")
    };
    for name in ["grafana-firing.json", "grafana-resolved.json"] {
        let reply = request(server.addr, "POST", "/grafana/db", &[], &fixture(name));
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (200, "{\"queued\":1}\n"),
            "{name}"
        );
    }
    assert_eq!(wait_for(&robots.feishu, 2), 2);
    let cards: Vec<Value> = robots
        .feishu
        .requests()
        .iter()
        .map(common::mock::Recorded::json)
        .collect();
    assert_eq!(cards[0]["msg_type"], "interactive");
    assert_eq!(
        cards[0]["card"]["header"]["title"]["content"],
        "[FIRING:2] Replication lag (warning)"
    );
    let markdown = stable(
        cards[0]["card"]["elements"][0]["content"]
            .as_str()
            .unwrap_or_default(),
    );
    assert_eq!(
        markdown,
        "🔥 **[FIRING:2]** Replication lag\n\n---\n**[FIRING] Replication lag** · warning\n\
         pg-main replica lags 94 s behind\nReplica pg-main-2 has not replayed WAL for 94 seconds\n\
         - Labels: cluster=pg-main severity=warning\n- Started: 2026-12-07 10:15:03 (AGO)\n\
         - [Source](http://grafana.example.com/alerting/grafana/f3a1b9c2/view)\n\n---\n\
         **[FIRING] Replication lag** · warning\npg-audit replica lags 61 s behind\n\
         - Labels: cluster=pg-audit severity=warning\n- Started: 2026-12-07 10:16:03 (AGO)\n\
         - [Source](http://grafana.example.com/alerting/grafana/f3a1b9c2/view)"
    );
    assert_eq!(
        cards[1]["card"]["header"]["title"]["content"],
        "[RESOLVED] Replication lag (warning)"
    );
    let resolved = cards[1]["card"]["elements"][0]["content"]
        .as_str()
        .unwrap_or_default();
    assert!(
        resolved.starts_with("✅ **[RESOLVED]** Replication lag\n"),
        "{resolved}"
    );
    assert!(
        resolved.contains("\n- Resolved: 2026-12-07 10:31:03\n"),
        "{resolved}"
    );
}

#[test]
fn a_large_group_is_cut_between_alerts_to_the_channels_limit_and_capped() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let routes = "[routes.ops]\nto = [\"ops-wecom\"]\nmax_alerts = 30\n";
    let server = started(&sandbox, &robots, routes);
    let alerts = (0..34)
        .map(|i| {
            alert(
                &format!("db{i:02}"),
                "firing",
                &format!("BEGIN-{i:02} {} END-{i:02}", "x".repeat(300)),
            )
        })
        .collect::<Vec<_>>();
    let reply = post_json(&server, "/alertmanager/ops", &group("firing", &alerts));
    assert_eq!(reply.status, 200);
    let queued: Value = serde_json::from_str(&reply.body).expect("json");
    let n = usize::try_from(queued["queued"].as_u64().unwrap_or_default()).unwrap_or_default();
    assert!(n >= 3, "{reply:?}");
    assert_eq!(wait_for(&robots.wecom.server, n), n);
    let texts = wecom_markdown(&robots.wecom);
    let mut seen = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        assert!(text.len() <= 4096, "message {i} is {} bytes", text.len());
        assert!(text.ends_with(&format!("({}/{n})", i + 1)), "{text}");
        // Every alert begun in a message ends in it.
        for k in 0..34 {
            let (begin, end) = (format!("BEGIN-{k:02}"), format!("END-{k:02}"));
            assert_eq!(
                text.contains(&begin),
                text.contains(&end),
                "alert {k} cut in message {i}"
            );
            if text.contains(&begin) {
                seen.push(k);
            }
        }
    }
    assert_eq!(
        seen,
        (0..30).collect::<Vec<_>>(),
        "each of the first 30 alerts once, in order"
    );
    assert!(
        texts[n - 1].contains("\n… and 4 more\n"),
        "{}",
        texts[n - 1]
    );
}

#[test]
fn a_template_that_does_not_parse_stops_serve_and_one_that_fails_falls_back() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    sandbox.write(
        "templates/broken.j2",
        "{{ status }}\n{% for a in alerts %}\n",
    );
    let routes = "[routes.ops]\nto = [\"ops-ding\"]\ntemplate = \"templates/broken.j2\"\n";
    let stopped = serve(&sandbox, &robots, routes, &[]).run();
    let path = sandbox.work().join("templates/broken.j2");
    stopped.code(3).one_error_line().stderr_has(&format!(
        "sendmsg: error: serve: [routes.ops] template: {} line 2:",
        path.display()
    ));

    sandbox.write(
        "templates/team.j2",
        "team {{ commonLabels.team }}: {{ status }}\n",
    );
    let routes = "[routes.ops]\nto = [\"ops-ding\"]\ntemplate = \"templates/team.j2\"\n";
    let server = started(&sandbox, &robots, routes);
    let firing = group("firing", &[alert("db1", "firing", "3 GB left")]);
    assert_eq!(post_json(&server, "/alertmanager/ops", &firing).status, 200);
    let mut with_team = firing.clone();
    with_team["commonLabels"]["team"] = "storage".into();
    with_team["groupKey"] = "other".into();
    assert_eq!(
        post_json(&server, "/alertmanager/ops", &with_team).status,
        200
    );
    assert_eq!(wait_for(&robots.ding, 2), 2);
    let sent = ding_markdown(&robots.ding);
    assert!(
        sent[0].1.starts_with("### 🔥 [FIRING:1] DiskFull\n"),
        "the shipped one: {}",
        sent[0].1
    );
    assert_eq!(sent[1].1, "team storage: firing");
    let template = sandbox.work().join("templates/team.j2");
    assert!(
        server.log_has(&format!(
            "serve: route ops: error: the template failed ({} line 1: ",
            template.display()
        )),
        "{}",
        server.stderr()
    );
}

#[test]
fn check_validates_routes_targets_and_templates_and_exits() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    sandbox.write("am.j2", "{{ alerts | length }} {{ status }}");
    let routes =
        "[routes.ops]\nto = [\"oncall\"]\ntemplate = \"am.j2\"\n[routes.db]\nto = [\"db-lark\"]\n";
    let checked = serve(&sandbox, &robots, routes, &["--check"]).run();
    checked.code(0);
    assert_eq!(
        checked.stdout,
        format!(
            "✓ route ops: ops-ding, ops-wecom ({})\n✓ route db: db-lark (shipped templates)\n",
            sandbox.work().join("am.j2").display()
        )
    );
    assert!(robots.ding.requests().is_empty(), "nothing is sent");

    let config = sandbox.work().join("config.toml");
    let unknown = serve(
        &sandbox,
        &robots,
        "[routes.ops]\nto = [\"nosuch\"]\n",
        &["--check"],
    )
    .run();
    unknown.code(3).one_error_line().stderr_has(&format!(
        "sendmsg: error: {} [routes.ops] to: `nosuch` is not a channel, target or group",
        config.display()
    ));
    sandbox.write("am.j2", "{{ alerts[0].labels.team }}");
    let failing = serve(&sandbox, &robots, routes, &["--check"]).run();
    failing
        .code(3)
        .stderr_has("sendmsg: error: serve: [routes.ops] template fails on a sample alert: ");
    let unset = "[targets.spare]\nchannel = \"ding\"\naccess_token = \"${SPARE_DING_TOKEN}\"\n\
                 [routes.ops]\nto = [\"spare\"]\n";
    let missing = serve(&sandbox, &robots, unset, &["--check"]).run();
    missing.code(3).one_error_line().stderr_has(&format!(
        "{} [targets.spare] access_token: ${{SPARE_DING_TOKEN}} is not set",
        config.display()
    ));
}

#[test]
fn metrics_count_what_was_received_queued_and_delivered() {
    let sandbox = Sandbox::new();
    let robots = Robots::with_ding(ding::robot_after(vec![ding_rejection()]));
    let server = started(&sandbox, &robots, "[routes.ops]\nto = [\"ops-ding\"]\n");
    assert_eq!(server.post("/send/ops", b"first").status, 200);
    assert_eq!(server.post("/send/ops", b"second").status, 200);
    assert_eq!(wait_for(&robots.ding, 2), 2);
    let metrics = server.get("/metrics");
    assert_eq!(metrics.status, 200);
    assert!(
        metrics
            .headers
            .contains("content-type: application/openmetrics-text; version=1.0.0; charset=utf-8")
    );
    let lines: Vec<&str> = metrics.body.lines().collect();
    for expected in [
        "sendmsg_received_total{receiver=\"send\",route=\"ops\"} 2",
        "sendmsg_queued_total{route=\"ops\",target=\"ops-ding\"} 2",
        "sendmsg_delivered_total{target=\"ops-ding\"} 1",
        "sendmsg_failed_total{target=\"ops-ding\",reason=\"rejected\"} 1",
        "sendmsg_delivery_seconds_count{target=\"ops-ding\"} 1",
        "sendmsg_outbox_entries 0",
        "sendmsg_outbox_oldest_seconds 0.0",
        "# EOF",
    ] {
        assert!(lines.contains(&expected), "{expected}\n{}", metrics.body);
    }
}

/// DingTalk refusing a message for a keyword the robot's security settings want.
fn ding_rejection() -> Reply {
    Reply::json(r#"{"errcode":310000,"errmsg":"keywords not in content"}"#)
}

#[test]
fn an_outbox_that_cannot_be_written_is_503_and_nothing_is_half_queued() {
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let server = started(&sandbox, &robots, "[routes.ops]\nto = [\"oncall\"]\n");
    let outbox = sandbox.state("outbox");
    std::fs::remove_dir_all(&outbox).expect("remove the outbox");
    std::fs::write(&outbox, "not a directory").expect("a file in its place");
    let firing = group("firing", &[alert("db1", "firing", "3 GB left")]);
    let reply = post_json(&server, "/alertmanager/ops", &firing);
    assert_eq!(reply.status, 503, "{reply:?}");
    assert!(
        reply
            .body
            .starts_with("not queued: cannot write the outbox "),
        "{reply:?}"
    );
    // Not remembered as sent: once the outbox is back, the same post is queued.
    std::fs::remove_file(&outbox).expect("remove the file");
    std::fs::create_dir(&outbox).expect("the outbox again");
    assert_eq!(
        post_json(&server, "/alertmanager/ops", &firing).body,
        "{\"queued\":2}\n"
    );
    assert_eq!(wait_for(&robots.ding, 1), 1);
}
