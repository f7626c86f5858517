//! Flushes killed at random moments (SIGKILL and SIGTERM, as an ordinary process and as PID 1 of a new
//! pid namespace): every queued message reaches the robot at most once, none is left unaccounted for, and
//! the outbox holds no corrupt entry, temporary file or lock file of a dead run.

use crate::common;

use common::Sandbox;
use common::ding::{self, SECRET, TOKEN};
use common::mock::{MockServer, Reply};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How many messages each loop queues, and how many flushes it kills.
const MESSAGES: usize = 16;
const KILLS: usize = 30;

/// What a loop measured.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    delivered: usize,
    duplicated: usize,
    /// Neither delivered nor recorded in the history as `unconfirmed` (a try cut off by the kill).
    lost: usize,
    /// Not delivered, recorded `unconfirmed`: the kill came between the mark and the request.
    unconfirmed_undelivered: usize,
    /// Recorded `unconfirmed` in all (a try cut off by a kill, found by the next flush, not resent).
    unconfirmed: usize,
    corrupt: usize,
    orphaned: usize,
}

fn kill_loop(signal: &str, pid_one: bool) -> Counts {
    let sandbox = Sandbox::new();
    let up = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&up);
    // A robot that takes 80 ms to answer: most kills land while a request is out.
    let robot = MockServer::start(move |req| {
        if !flag.load(Ordering::SeqCst) {
            return Reply::status(503, "busy");
        }
        std::thread::sleep(Duration::from_millis(80));
        ding::check(req, TOKEN, Some(SECRET))
    });
    let run =
        |args: &[&str]| ding::configure(sandbox.sendmsg(args), &robot).env("SENDMSG_RETRIES", "0");
    for i in 0..MESSAGES {
        run(&["--queue", "ding", &format!("message {i:02}")])
            .run()
            .code(0);
    }
    up.store(true, Ordering::SeqCst);
    let bin = env!("CARGO_BIN_EXE_sendmsg");
    for i in 0..KILLS {
        let mut flush = run(&["outbox", "flush", "--now"]);
        if pid_one {
            // The flusher is PID 1 of its own pid namespace; unshare passes the kill on to it.
            let mut cmd = std::process::Command::new("unshare");
            cmd.args([
                "--pid",
                "--fork",
                "--kill-child=SIGKILL",
                bin,
                "outbox",
                "flush",
                "--now",
            ]);
            for (key, value) in flush.cmd.get_envs() {
                match value {
                    Some(value) => cmd.env(key, value),
                    None => cmd.env_remove(key),
                };
            }
            flush.cmd = cmd;
        }
        flush
            .cmd
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut child = flush.cmd.spawn().expect("spawn flush");
        std::thread::sleep(Duration::from_millis(30 + (i as u64 * 37) % 170));
        let _ = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        let _ = child.wait();
    }
    // The last flushes run to the end.
    for _ in 0..3 {
        run(&["outbox", "flush", "--now"]).run();
    }
    let counts = measure(&sandbox, &robot);
    eprintln!(
        "{KILLS} flushes killed with {signal} (PID 1 of a pid namespace: {pid_one}): {counts:?}"
    );
    counts
}

fn measure(sandbox: &Sandbox, robot: &MockServer) -> Counts {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for text in ding::texts(robot) {
        *seen.entry(text).or_default() += 1;
    }
    let history = common::read(&sandbox.state("history.jsonl"));
    let unconfirmed: Vec<String> = history
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|r| r["status"] == "unconfirmed")
        .map(|r| r["preview"].as_str().unwrap_or_default().to_owned())
        .collect();
    let mut counts = Counts {
        unconfirmed: unconfirmed.len(),
        ..Counts::default()
    };
    for i in 0..MESSAGES {
        let text = format!("message {i:02}");
        match seen.get(&text) {
            Some(n) => {
                counts.delivered += 1;
                counts.duplicated += n - 1;
            }
            None if unconfirmed.contains(&text) => counts.unconfirmed_undelivered += 1,
            None => counts.lost += 1,
        }
    }
    for file in std::fs::read_dir(sandbox.state("outbox"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = file.path();
        if path.extension().is_some_and(|e| e == "json") {
            if serde_json::from_str::<serde_json::Value>(&common::read(&path)).is_err() {
                counts.corrupt += 1;
            }
        } else {
            counts.orphaned += 1;
        }
    }
    // Entries still waiting would be lost too: after the last flushes there must be none.
    counts.lost += std::fs::read_dir(sandbox.state("outbox"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
        .count();
    counts
}

/// Every message delivered exactly once, or (when the kill fell between the mark and the request) recorded
/// as `unconfirmed`; nothing corrupt or left behind.
fn assert_sound(counts: &Counts) {
    assert_eq!(counts.duplicated, 0, "{counts:?}");
    assert_eq!(counts.lost, 0, "{counts:?}");
    assert_eq!(counts.corrupt, 0, "{counts:?}");
    assert_eq!(counts.orphaned, 0, "{counts:?}");
    assert_eq!(
        counts.delivered + counts.unconfirmed_undelivered,
        MESSAGES,
        "{counts:?}"
    );
}

#[test]
fn flushes_killed_with_sigkill_send_nothing_twice_and_lose_nothing() {
    assert_sound(&kill_loop("-KILL", false));
}

#[test]
fn flushes_killed_with_sigterm_send_nothing_twice_and_lose_nothing() {
    assert_sound(&kill_loop("-TERM", false));
}

/// As PID 1 of a new pid namespace (a container), where a pid says nothing about who is alive: the
/// kernel's release of the lock is what recovers a claim.
#[test]
fn flushes_killed_as_pid_1_of_a_container_send_nothing_twice_and_lose_nothing() {
    if !std::process::Command::new("unshare")
        .args(["--pid", "--fork", "true"])
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("skipped: unshare --pid is not permitted here");
        return;
    }
    assert_sound(&kill_loop("-KILL", true));
}
