//! Pools (`[groups.NAME] pool = […]`) end to end: two DingTalk robot mocks, each checking its own token
//! and signature, one of which answers 130101 once it has taken its share. Every message must be accepted
//! by exactly one robot: none lost, none doubled.

use crate::common;

use common::mock::{MockServer, Reply};
use common::{Output, Sandbox, ding};
use std::sync::{Arc, Mutex};

const B_TOKEN: &str = "pool-robot-b-token-41c2aa";
const B_SECRET: &str = "SECpoolrobotbsecret77e01d";

/// A robot that accepts `share` messages, then answers 130101 to every other; returns the texts it
/// accepted, in order.
fn robot(
    token: &'static str,
    secret: &'static str,
    share: usize,
) -> (MockServer, Arc<Mutex<Vec<String>>>) {
    let accepted = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&accepted);
    let server = MockServer::start(move |req| {
        let verdict = ding::check(req, token, Some(secret));
        if !matches!(&verdict, Reply::Http(200, _, body) if body == ding::OK) {
            return verdict;
        }
        let mut seen = seen.lock().expect("accepted");
        if seen.len() >= share {
            return Reply::json(
                r#"{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}"#,
            );
        }
        seen.push(
            req.json()["text"]["content"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
        verdict
    });
    (server, accepted)
}

/// The pool `robots` of `robot-a` (the test robot) and `robot-b`.
fn pool(sandbox: &Sandbox, a: &MockServer, b: &MockServer) {
    let path = sandbox.path("config").join("sendmsg").join("config.toml");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("config dir");
    let text = format!(
        r#"
[targets.robot-a]
channel = "ding"
access_token = "${{A_TOKEN}}"
secret = "${{A_SECRET}}"
base_url = "{}"

[targets.robot-b]
channel = "ding"
access_token = "${{B_TOKEN}}"
secret = "${{B_SECRET}}"
base_url = "{}"

[groups.robots]
pool = ["robot-a", "robot-b"]
"#,
        a.url(),
        b.url()
    );
    std::fs::write(&path, text).expect("config");
}

fn send(sandbox: &Sandbox, text: &str) -> Output {
    sandbox
        .sendmsg(["send", "--via", "robots", text])
        .env("A_TOKEN", ding::TOKEN)
        .env("A_SECRET", ding::SECRET)
        .env("B_TOKEN", B_TOKEN)
        .env("B_SECRET", B_SECRET)
        .secret(B_TOKEN)
        .secret(B_SECRET)
        .run()
}

/// Every message accepted by exactly one of the robots.
fn each_once(count: usize, a: &[String], b: &[String]) {
    let mut all: Vec<String> = a.iter().chain(b).cloned().collect();
    all.sort();
    let mut expected: Vec<String> = (0..count).map(|i| format!("m{i}")).collect();
    expected.sort();
    assert_eq!(all, expected, "a: {a:?}, b: {b:?}");
}

#[test]
fn a_pool_takes_turns_and_fails_over_on_130101() {
    let sandbox = Sandbox::new();
    let (a, a_took) = robot(ding::TOKEN, ding::SECRET, 2);
    let (b, b_took) = robot(B_TOKEN, B_SECRET, usize::MAX);
    pool(&sandbox, &a, &b);
    let outputs: Vec<Output> = (0..8).map(|i| send(&sandbox, &format!("m{i}"))).collect();
    for out in &outputs {
        out.code(0);
    }
    // The least recently used robot first: a, b, a, b; then a answers 130101, and m4 goes through b.
    assert_eq!(outputs[0].stderr, "sendmsg: ding@robot-a: sent\n");
    assert_eq!(outputs[1].stderr, "sendmsg: ding@robot-b: sent\n");
    assert_eq!(
        outputs[4].stderr,
        "sendmsg: warning: ding@robot-a: errcode 130101: send too fast, exceed 20 times per minute; \
         pool robots sends through robot-b instead\nsendmsg: ding@robot-b: sent\n"
    );
    let (a_took, b_took) = (
        a_took.lock().expect("a").clone(),
        b_took.lock().expect("b").clone(),
    );
    assert_eq!(a_took, ["m0", "m2"]);
    // a is paused after its busy reply (DingTalk's 3 s spacing): the rest go through b.
    assert_eq!(b_took, ["m1", "m3", "m4", "m5", "m6", "m7"]);
    assert_eq!(a.requests().len(), 3, "one 130101, not retried on robot-a");
    each_once(8, &a_took, &b_took);
}

#[test]
fn a_burst_splits_over_the_pool_and_none_is_lost_or_doubled() {
    let sandbox = Sandbox::new();
    let (a, a_took) = robot(ding::TOKEN, ding::SECRET, 3);
    let (b, b_took) = robot(B_TOKEN, B_SECRET, usize::MAX);
    pool(&sandbox, &a, &b);
    let outputs: Vec<Output> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..12)
            .map(|i| {
                let sandbox = &sandbox;
                scope.spawn(move || send(sandbox, &format!("m{i}")))
            })
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("a sender"))
            .collect()
    });
    for out in &outputs {
        out.code(0);
    }
    let (a_took, b_took) = (
        a_took.lock().expect("a").clone(),
        b_took.lock().expect("b").clone(),
    );
    assert_eq!(a_took.len(), 3, "robot-a took its share");
    each_once(12, &a_took, &b_took);
}

#[test]
fn a_spent_quota_moves_on_to_the_next_robot() {
    let sandbox = Sandbox::new();
    let quota = || {
        Reply::json(r#"{"errcode":90030,"errmsg":"robot message quota of this month is used up"}"#)
    };
    let a = MockServer::start(
        move |req| match ding::check(req, ding::TOKEN, Some(ding::SECRET)) {
            Reply::Http(200, _, body) if body == ding::OK => quota(),
            other => other,
        },
    );
    let (b, b_took) = robot(B_TOKEN, B_SECRET, usize::MAX);
    pool(&sandbox, &a, &b);
    let out = send(&sandbox, "m0");
    out.code(0);
    assert_eq!(
        out.stderr,
        "sendmsg: warning: ding@robot-a: rejected by the service (errcode 90030): robot message quota of this \
         month is used up; pool robots sends through robot-b instead\nsendmsg: ding@robot-b: sent\n"
    );
    assert_eq!(*b_took.lock().expect("b"), ["m0"]);
    assert_eq!(a.requests().len(), 1);
}
