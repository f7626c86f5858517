//! `sendmsg serve` behind a real Prometheus Alertmanager (Debian's `prometheus-alertmanager`, 0.25): the
//! test writes its configuration (a webhook receiver pointing at serve, `group_wait: 1s`), posts alerts to
//! its API v2, and a verifying mock DingTalk robot receives what Alertmanager's notifications became.
//! Where the binary is missing the tests say so and pass, on a developer's machine only: with `CI=true`
//! they fail (`.ci/run` installs the package).

use crate::common;
use crate::serve::{Robots, ding_markdown, started, wait_for};

use common::Sandbox;
use common::daemon::{Daemon, request};
use common::ding;
use common::mock::Reply;
use serde_json::{Value, json};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = "/usr/bin/prometheus-alertmanager";

/// A running Alertmanager; killed when dropped.
struct Alertmanager {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Alertmanager {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether the tests can run: the binary is there, or (outside CI) a visible notice and `false`.
fn available() -> bool {
    if Path::new(BINARY).exists() {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "{BINARY} is missing: .ci/run installs it (apt-get install prometheus-alertmanager)"
    );
    eprintln!(
        "NOTICE: skipping a test against a real Alertmanager: {BINARY} is missing \
         (apt-get install prometheus-alertmanager)"
    );
    false
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

impl Alertmanager {
    /// Starts Alertmanager with one route to `relay`'s `/alertmanager/ops`, grouping by alert name, and
    /// waits until it is ready.
    fn start(sandbox: &Sandbox, relay: &Daemon, repeat_interval: &str) -> Alertmanager {
        let config = format!(
            "route:\n  receiver: relay\n  group_by: ['alertname']\n  group_wait: 1s\n  \
             group_interval: 1s\n  repeat_interval: {repeat_interval}\n\
             receivers:\n- name: relay\n  webhook_configs:\n  - url: http://{}/alertmanager/ops\n    \
             send_resolved: true\n",
            relay.addr
        );
        let file = sandbox.write("am/alertmanager.yml", &config);
        let storage = sandbox.work().join("am/data");
        let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().expect("addr");
        let log = std::fs::File::create(sandbox.work().join("am/log")).expect("log");
        let child = Command::new(BINARY)
            .arg(format!("--config.file={}", file.display()))
            .arg(format!("--storage.path={}", storage.display()))
            .arg(format!("--web.listen-address={addr}"))
            .arg("--cluster.listen-address=")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start alertmanager");
        let am = Alertmanager { child, addr };
        let deadline = Instant::now() + Duration::from_secs(20);
        while common::daemon::try_request(am.addr, "GET", "/-/ready", &[], b"")
            .is_none_or(|r| r.status != 200)
        {
            assert!(
                Instant::now() < deadline,
                "alertmanager did not get ready:\n{}",
                common::read(&sandbox.work().join("am/log"))
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        am
    }

    /// Posts `alerts` to its API v2.
    fn post(&self, alerts: &Value) {
        let reply = request(
            self.addr,
            "POST",
            "/api/v2/alerts",
            &[("content-type", "application/json")],
            alerts.to_string().as_bytes(),
        );
        assert_eq!(reply.status, 200, "{reply:?}");
    }
}

/// An alert of `name` on `instance`, started a minute ago; with `resolved`, ended a second ago.
fn alert(name: &str, instance: &str, resolved: bool) -> Value {
    let ago = |secs: i64| {
        let now = jiff::Timestamp::now();
        now.checked_sub(jiff::SignedDuration::from_secs(secs))
            .unwrap_or(now)
            .to_string()
    };
    let mut alert = json!({
        "labels": {"alertname": name, "instance": instance, "severity": "critical"},
        "annotations": {"summary": format!("{name} on {instance}")},
        "startsAt": ago(60),
        "generatorURL": "http://prometheus.example.com:9090/graph",
    });
    if resolved {
        alert["endsAt"] = ago(1).into();
    }
    alert
}

#[test]
fn alertmanager_groups_arrive_rendered_one_message_each_and_resolved_too() {
    if !available() {
        return;
    }
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let relay = started(&sandbox, &robots, "[routes.ops]\nto = [\"ops-ding\"]\n");
    let am = Alertmanager::start(&sandbox, &relay, "1h");
    am.post(&json!([
        alert("DiskFull", "db1", false),
        alert("DiskFull", "db2", false),
        alert("HighLoad", "web1", false),
    ]));
    assert_eq!(wait_for(&robots.ding, 2), 2, "{}", relay.stderr());
    let mut firing = ding_markdown(&robots.ding);
    firing.sort();
    assert_eq!(firing[0].0, "[FIRING:1] HighLoad");
    assert_eq!(firing[1].0, "[FIRING:2] DiskFull");
    // Rendered, not Alertmanager's JSON: the shipped DingTalk markdown, one block per alert.
    assert!(
        firing[1].1.starts_with("### 🔥 [FIRING:2] DiskFull\n\n---\n\n**[FIRING] DiskFull** · critical\n\n> DiskFull on db"),
        "{}",
        firing[1].1
    );
    assert_eq!(firing[1].1.matches("**[FIRING] DiskFull**").count(), 2);
    assert!(!firing[1].1.contains("\"groupKey\""));

    am.post(&json!([
        alert("DiskFull", "db1", true),
        alert("DiskFull", "db2", true)
    ]));
    assert_eq!(wait_for(&robots.ding, 3), 3, "{}", relay.stderr());
    let (title, text) = &ding_markdown(&robots.ding)[2];
    assert_eq!(title, "[RESOLVED] DiskFull");
    assert!(
        text.starts_with("### ✅ [RESOLVED] DiskFull\n\n---\n\n**[RESOLVED] DiskFull** · critical"),
        "{text}"
    );
    assert_eq!(text.matches("- Resolved: ").count(), 2, "{text}");
}

#[test]
fn a_robot_answering_503_then_200_gets_each_message_once() {
    if !available() {
        return;
    }
    let sandbox = Sandbox::new();
    let robot = ding::robot_after(vec![Reply::status(503, "Service Unavailable")]);
    let robots = Robots {
        ding: robot,
        ..Robots::new()
    };
    let relay = started(&sandbox, &robots, "[routes.ops]\nto = [\"ops-ding\"]\n");
    let am = Alertmanager::start(&sandbox, &relay, "1h");
    am.post(&json!([alert("DiskFull", "db1", false)]));
    // The 503, then the one accepted try after the outbox's backoff.
    assert_eq!(wait_for(&robots.ding, 2), 2, "{}", relay.stderr());
    std::thread::sleep(Duration::from_secs(2));
    let requests = robots.ding.requests();
    assert_eq!(requests.len(), 2, "{}", relay.stderr());
    assert_eq!(
        requests[0].body, requests[1].body,
        "the same message, tried again"
    );
    assert_eq!(
        requests[1].json()["markdown"]["title"],
        "[FIRING:1] DiskFull"
    );
    assert!(relay.log_has("next try in"), "{}", relay.stderr());
}

#[test]
fn alertmanagers_repeats_within_the_routes_window_send_nothing_new() {
    if !available() {
        return;
    }
    let sandbox = Sandbox::new();
    let robots = Robots::new();
    let routes = "[routes.ops]\nto = [\"ops-ding\"]\nrepeat = \"1h\"\n";
    let relay = started(&sandbox, &robots, routes);
    // Alertmanager re-sends the unchanged group every 2 s.
    let am = Alertmanager::start(&sandbox, &relay, "2s");
    am.post(&json!([alert("DiskFull", "db1", false)]));
    assert_eq!(wait_for(&robots.ding, 1), 1, "{}", relay.stderr());
    let deadline = Instant::now() + Duration::from_secs(15);
    while relay.stderr().matches("unchanged since").count() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let log = relay.stderr();
    assert!(
        log.matches("serve: route ops: group [FIRING:1] DiskFull unchanged since ")
            .count()
            >= 2,
        "Alertmanager repeated the group twice: {log}"
    );
    assert_eq!(robots.ding.requests().len(), 1, "nothing new was sent");
}
