//! `SENDMSG_STATE=redis://…` end to end against a real redis-server: three simulated hosts (each its own
//! HOME and XDG directories) share one token fetch, one dedupe window and one robot's pace; when Redis
//! goes away, sends go on with local state and one warning. Never a word of the Redis password.

use crate::common;

use common::ding::{self, paced_robot};
use common::redis::{PASSWORD, Redis};
use common::wecom::{AGENT_ID, CORP_ID, CORP_SECRET, Wecom};
use common::{Output, Run, Sandbox};
use std::time::{Duration, Instant};

/// Three hosts.
fn hosts() -> [Sandbox; 3] {
    [Sandbox::new(), Sandbox::new(), Sandbox::new()]
}

fn shared(run: Run, redis: &Redis) -> Run {
    run.env("SENDMSG_STATE", redis.url()).secret(PASSWORD)
}

/// Runs `count` commands at once, spread over the hosts, and returns their outputs.
fn burst(
    count: usize,
    hosts: &[Sandbox],
    make: impl Fn(&Sandbox, usize) -> Run + Sync,
) -> Vec<Output> {
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..count)
            .map(|i| {
                let (host, make) = (&hosts[i % hosts.len()], &make);
                scope.spawn(move || make(host, i).run())
            })
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("a sender"))
            .collect()
    })
}

#[test]
fn thirty_cold_sends_on_three_hosts_make_one_gettoken() {
    let Some(redis) = Redis::start() else { return };
    let hosts = hosts();
    let mock = Wecom::start();
    let outputs = burst(30, &hosts, |host, i| {
        let run = host
            .sendmsg(["wecom", "--to-user", "zhangsan", &format!("m{i}")])
            .env("WECOM_CORP_ID", CORP_ID)
            .env("WECOM_CORP_SECRET", CORP_SECRET)
            .env("WECOM_AGENT_ID", AGENT_ID)
            .env("WECOM_BASE_URL", mock.url());
        shared(run, &redis)
    });
    for out in &outputs {
        out.code(0);
    }
    assert_eq!(mock.tokens.calls(), 1, "one gettoken for the fleet");
    assert_eq!(mock.sends().len(), 30);
}

#[test]
fn a_dedupe_window_holds_across_hosts() {
    let Some(redis) = Redis::start() else { return };
    let hosts = hosts();
    let robot = ding::robot();
    let outputs = burst(3, &hosts, |host, _| {
        shared(
            ding::configure(
                host.sendmsg(["--dedupe", "1h", "ding", "disk full"]),
                &robot,
            ),
            &redis,
        )
    });
    let codes: Vec<i32> = outputs.iter().map(|o| o.code).collect();
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "{outputs:?}");
    assert_eq!(codes.iter().filter(|c| **c == 5).count(), 2, "{outputs:?}");
    assert_eq!(robot.requests().len(), 1);
    // Later, from any host: still a duplicate.
    shared(
        ding::configure(
            hosts[2].sendmsg(["--dedupe", "1h", "ding", "disk full"]),
            &robot,
        ),
        &redis,
    )
    .run()
    .code(5);
}

#[test]
fn forty_sends_from_three_hosts_keep_one_robots_pace() {
    let Some(redis) = Redis::start() else { return };
    let hosts = hosts();
    let (robot, arrivals) = paced_robot(4, Duration::from_secs(2));
    let started = Instant::now();
    let outputs = burst(40, &hosts, |host, i| {
        shared(
            ding::configure(
                host.sendmsg(["--pace", "4/2s", "ding", &format!("m{i}")]),
                &robot,
            ),
            &redis,
        )
    });
    for out in &outputs {
        out.code(0);
        assert!(!out.stderr.contains("warning"), "{out:?}");
    }
    let mut arrivals = arrivals.lock().expect("arrivals").clone();
    assert_eq!(arrivals.len(), 40, "none failed, none lost");
    assert_eq!(
        robot.requests().len(),
        40,
        "the robot never answered 130101"
    );
    arrivals.sort();
    for window in arrivals.windows(5) {
        assert!(window[4].duration_since(window[0]) >= Duration::from_secs(2));
    }
    assert!(started.elapsed() >= Duration::from_secs(18));
}

#[test]
fn when_redis_goes_away_sends_go_on_with_one_warning() {
    let Some(mut redis) = Redis::start() else {
        return;
    };
    let host = Sandbox::new();
    let robot = ding::robot();
    let url = redis.url();
    let send = |text: &str| {
        ding::configure(host.sendmsg(["--dedupe", "1h", "ding", text]), &robot)
            .env("SENDMSG_STATE", &url)
            .secret(PASSWORD)
            .run()
    };
    let out = send("before");
    out.code(0);
    assert!(!out.stderr.contains("warning"), "{out:?}");
    let port = redis.port();
    redis.stop();
    let out = send("after");
    out.code(0);
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("warning"))
        .collect();
    assert_eq!(warnings.len(), 1, "{out:?}");
    assert!(
        warnings[0].starts_with(&format!(
            "sendmsg: warning: SENDMSG_STATE: redis at 127.0.0.1:{port}: "
        )) && warnings[0].ends_with("; going on with local state"),
        "{out:?}"
    );
    assert_eq!(robot.requests().len(), 2);
}

#[test]
fn rediss_holds_a_dedupe_window_over_tls_and_only_with_a_trusted_certificate() {
    let certs = common::smtp::Certs::new(common::smtp::Cert::Signed);
    let Some(redis) = Redis::start_tls(&certs) else {
        return;
    };
    let hosts = hosts();
    let robot = ding::robot();
    let send = |host: &Sandbox| {
        shared(
            ding::configure(
                host.sendmsg(["--dedupe", "1h", "ding", "disk full"]),
                &robot,
            ),
            &redis,
        )
    };
    // The test CA trusted (SSL_CERT_FILE, as for HTTPS): one window for both hosts.
    let out = send(&hosts[0]).env("SSL_CERT_FILE", certs.ca()).run();
    out.code(0);
    assert!(!out.stderr.contains("warning"), "{out:?}");
    send(&hosts[1])
        .env("SSL_CERT_FILE", certs.ca())
        .run()
        .code(5);
    assert_eq!(robot.requests().len(), 1);
    // A host that does not trust the CA never talks to that Redis: local state, one warning, sent.
    let out = send(&hosts[2]).run();
    out.code(0);
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("warning"))
        .collect();
    assert_eq!(warnings.len(), 1, "{out:?}");
    assert!(
        warnings[0].starts_with(&format!(
            "sendmsg: warning: SENDMSG_STATE: redis at 127.0.0.1:{}: TLS: invalid peer certificate",
            redis.port()
        )) && warnings[0].ends_with("; going on with local state"),
        "{out:?}"
    );
    assert_eq!(robot.requests().len(), 2);
}
