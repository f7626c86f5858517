//! Pacing end to end: a robot mock that counts arrivals as DingTalk does (over the pace it answers 130101
//! and the message is lost), the vendor defaults, `--pace`, a target's `pace`, `--max-wait`, `--queue`,
//! and a busy reply that makes the next try wait. Concurrent processes share one pace book.

use crate::common;

use common::ding::{self, paced_robot};
use common::feishu;
use common::mock::{MockServer, Reply};
use common::{Output, Sandbox};
use std::time::{Duration, Instant};

fn ding_run(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> Output {
    ding::configure(sandbox.sendmsg(args), server).run()
}

/// No `span` of arrivals holds more than `count` of them.
fn never_over(arrivals: &[Instant], count: usize, span: Duration) {
    let mut sorted = arrivals.to_vec();
    sorted.sort();
    for window in sorted.windows(count + 1) {
        let apart = window[count].duration_since(window[0]);
        assert!(apart >= span, "{} arrived within {apart:?}", count + 1);
    }
}

#[test]
fn concurrent_runs_wait_for_their_slots_and_none_is_lost() {
    let sandbox = Sandbox::new();
    let (robot, arrivals) = paced_robot(4, Duration::from_secs(2));
    let started = Instant::now();
    let outputs: Vec<Output> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..10)
            .map(|i| {
                let (sandbox, robot) = (&sandbox, &robot);
                scope.spawn(move || {
                    ding_run(
                        sandbox,
                        robot,
                        &["--pace", "4/2s", "ding", &format!("m{i}")],
                    )
                })
            })
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("a sender thread"))
            .collect()
    });
    for out in &outputs {
        out.code(0);
    }
    let arrivals = arrivals.lock().expect("arrivals").clone();
    assert_eq!(arrivals.len(), 10, "every message arrived once");
    assert_eq!(robot.requests().len(), 10, "no 130101 was ever answered");
    never_over(&arrivals, 4, Duration::from_secs(2));
    // 10 at 4 per 2 s: the last two wait for the third window.
    assert!(started.elapsed() >= Duration::from_secs(4));
}

#[test]
fn the_parts_of_one_message_wait_and_verbose_says_how_long() {
    let sandbox = Sandbox::new();
    let (robot, arrivals) = paced_robot(2, Duration::from_secs(1));
    let body = (1..=4)
        .map(|i| format!("line {i} {}", "x".repeat(60)))
        .collect::<Vec<_>>()
        .join("\n");
    let out = ding_run(
        &sandbox,
        &robot,
        &["-v", "--pace", "2/s", "ding", "--max-bytes", "140", &body],
    );
    out.code(0).stderr_has("ding: paced: waited ");
    assert!(
        out.stderr
            .lines()
            .any(|l| l.starts_with("sendmsg: ding: paced: waited ")
                && l.ends_with(" ms for a slot (pace 2/s)")),
        "{out:?}"
    );
    let arrivals = arrivals.lock().expect("arrivals").clone();
    assert_eq!(arrivals.len(), 4);
    never_over(&arrivals, 2, Duration::from_secs(1));
}

#[test]
fn the_vendor_pace_holds_and_a_slot_past_max_wait_is_exit_4() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    for i in 0..20 {
        ding_run(&sandbox, &robot, &["ding", &format!("m{i}")]).code(0);
    }
    let out = ding_run(&sandbox, &robot, &["--max-wait", "1s", "ding", "m20"]);
    out.code(4).one_error_line();
    let line = out.stderr.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("sendmsg: error: ding: paced: next slot in ")
            && line.ends_with("s (pace 20/m; --max-wait 1s)"),
        "{out:?}"
    );
    assert_eq!(robot.requests().len(), 20, "the 21st was not sent");
    // `--queue` keeps it: nothing reached the robot.
    let out = ding_run(
        &sandbox,
        &robot,
        &["--max-wait", "1s", "--queue", "ding", "m20"],
    );
    out.code(0).stderr_has("ding: queued (id ");
    // `--pace off` sends at once.
    ding_run(&sandbox, &robot, &["--pace", "off", "ding", "m21"]).code(0);
    assert_eq!(robot.requests().len(), 21);
}

#[test]
fn feishu_takes_five_a_second() {
    let sandbox = Sandbox::new();
    let bot = feishu::bot();
    let started = Instant::now();
    let mut waited = Vec::new();
    for i in 0..6 {
        let out =
            feishu::configure(sandbox.sendmsg(["-v", "feishu", &format!("m{i}")]), &bot).run();
        out.code(0);
        if out.stderr.contains("feishu: paced: waited ") {
            waited.push(i);
        }
    }
    // Six within a second is one too many: the sixth waits for the first's second to pass, unless the five
    // runs before it already took that long (a loaded machine), when nothing waits. The first five never do.
    assert!(waited.is_empty() || waited == [5], "waited: {waited:?}");
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[test]
fn a_busy_reply_makes_the_next_try_wait() {
    let sandbox = Sandbox::new();
    let robot = ding::robot_after(vec![Reply::json(
        r#"{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}"#,
    )]);
    let started = Instant::now();
    let out = ding_run(&sandbox, &robot, &["-v", "ding", "after a busy reply"]);
    out.code(0).stderr_has("errcode 130101");
    // 20 a minute: the robot is left alone for 3 s.
    assert!(started.elapsed() >= Duration::from_secs(3), "{out:?}");
    assert!(
        out.stderr
            .lines()
            .any(|l| l.starts_with("sendmsg: ding: paced: waited ")),
        "{out:?}"
    );
    assert_eq!(robot.requests().len(), 2);
}

#[test]
fn a_targets_pace_applies_unless_pace_is_given() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let path = sandbox.path("config").join("sendmsg").join("config.toml");
    std::fs::create_dir_all(path.parent().expect("config dir")).expect("config dir");
    std::fs::write(
        &path,
        format!(
            "[targets.ops]\nchannel = \"ding\"\naccess_token = \"{}\"\nsecret = \"{}\"\nbase_url = \"{}\"\npace = \"1/m\"\n",
            ding::TOKEN,
            ding::SECRET,
            robot.url()
        ),
    )
    .expect("config");
    let send = |args: &[&str]| sandbox.sendmsg(args).run();
    send(&["ding", "--target", "ops", "one"]).code(0);
    send(&["--max-wait", "1s", "ding", "--target", "ops", "two"])
        .code(4)
        .stderr_has("sendmsg: error: ding@ops: paced: next slot in ");
    send(&["--pace", "off", "ding", "--target", "ops", "three"]).code(0);
    assert_eq!(robot.requests().len(), 2);

    std::fs::write(
        &path,
        "[targets.ops]\nchannel = \"ding\"\npace = \"fast\"\n",
    )
    .expect("config");
    send(&["ding", "--target", "ops", "x"]).code(3).stderr_has(
        "[targets.ops] pace: `fast` is not a limit like 5/h, 20/d or 1/10m (N/PERIOD), or off",
    );
}
