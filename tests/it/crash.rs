//! Flushes and servers killed at random moments (SIGKILL and SIGTERM, as an ordinary process and as PID 1
//! of a new pid namespace, a container): every queued message reaches the robot at most once, none is
//! left unaccounted for, and the outbox holds no corrupt entry, temporary file or lock file of a dead run.
//! SIGTERM is a graceful stop: the try in flight finishes and is recorded, so nothing is `unconfirmed`.
//! The checks are counts, never durations: they hold on a loaded machine.

use crate::common;

use common::Sandbox;
use common::daemon::{Daemon, try_request};
use common::ding::{self, SECRET, TOKEN};
use common::mock::{MockServer, Reply};
use std::collections::BTreeMap;
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many messages each flush loop queues, and how many runs each loop kills.
const MESSAGES: usize = 16;
const KILLS: usize = 30;
/// Messages posted to each `serve` before (or while) it is killed.
const POSTS: usize = 3;

/// What a loop measured.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    delivered: usize,
    duplicated: usize,
    /// Acknowledged (queued with exit 0, or answered 200) but neither delivered nor recorded in the
    /// history as `unconfirmed`, or still in the outbox at the end.
    lost: usize,
    /// Not delivered, recorded `unconfirmed`: the kill came between the mark and the request.
    unconfirmed_undelivered: usize,
    /// Recorded `unconfirmed` in all (a try cut off by a kill, found by the next run, not resent).
    unconfirmed: usize,
    corrupt: usize,
    orphaned: usize,
}

/// How a loop ends its runs.
#[derive(Debug, Clone, Copy)]
struct Kill {
    signal: &'static str,
    /// The run is PID 1 of its own pid namespace (`unshare -r --pid --fork`).
    pid_one: bool,
}

/// The texts a robot accepted, in order of arrival.
type Accepted = Arc<Mutex<Vec<String>>>;

/// A robot that takes 80 ms to answer (most kills land while a request is out); 503 until `up`. A
/// refused request is not a delivery: only the texts it accepts are kept.
fn slow_robot(up: &Arc<AtomicBool>) -> (MockServer, Accepted) {
    let flag = Arc::clone(up);
    let accepted = Accepted::default();
    let kept = Arc::clone(&accepted);
    let robot = MockServer::start(move |req| {
        if !flag.load(Ordering::SeqCst) {
            return Reply::status(503, "busy");
        }
        std::thread::sleep(Duration::from_millis(80));
        let reply = ding::check(req, TOKEN, Some(SECRET));
        if matches!(&reply, Reply::Http(200, _, body) if body == ding::OK) {
            let text = req.json()["text"]["content"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            kept.lock().expect("accepted").push(text);
        }
        reply
    });
    (robot, accepted)
}

/// `cmd` as PID 1 of a new pid namespace in a new user namespace: unshare forks it and kills it when
/// unshare itself is killed.
fn as_pid_one(cmd: &Command) -> Command {
    let mut wrapped = Command::new("unshare");
    wrapped.args(["--map-root-user", "--pid", "--fork", "--kill-child=SIGKILL"]);
    wrapped.arg(cmd.get_program()).args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => wrapped.env(key, value),
            None => wrapped.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        wrapped.current_dir(dir);
    }
    wrapped
}

/// Whether this machine lets an unprivileged process be PID 1 of a pid namespace.
fn pid_namespaces() -> bool {
    let usable = Command::new("unshare")
        .args(["--map-root-user", "--pid", "--fork", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !usable {
        eprintln!(
            "SKIPPED: `unshare --map-root-user --pid --fork` is not permitted on this machine"
        );
    }
    usable
}

/// Sends `kill.signal` to the run: to unshare's child (PID 1 inside) when it is one, since unshare
/// itself does not pass SIGTERM on. PID 1 gets a signal from outside only when it handles it.
fn signal(child: &Child, kill: Kill) {
    let mut pid = child.id();
    if kill.pid_one {
        let children = format!("/proc/{pid}/task/{pid}/children");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let listed = std::fs::read_to_string(&children).unwrap_or_default();
            if let Some(first) = listed
                .split_whitespace()
                .next()
                .and_then(|p| p.parse().ok())
            {
                pid = first;
                break;
            }
            if Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let _ = Command::new("kill")
        .args([kill.signal, &pid.to_string()])
        .status();
}

/// The pause before the `i`th kill: 30 to 200 ms, spread.
fn pause(i: usize) -> Duration {
    Duration::from_millis(30 + (i as u64 * 37) % 170)
}

fn flush_loop(kill: Kill) -> Counts {
    let sandbox = Sandbox::new();
    let up = Arc::new(AtomicBool::new(false));
    let (robot, accepted) = slow_robot(&up);
    let run = |args: &[&str]| {
        // The robot's pace is not what is under test: it would make the loop minutes long.
        ding::configure(sandbox.sendmsg(args), &robot)
            .env("SENDMSG_RETRIES", "0")
            .env("SENDMSG_PACE", "off")
    };
    let mut queued = Vec::new();
    for i in 0..MESSAGES {
        let text = format!("message {i:02}");
        run(&["--queue", "ding", &text]).run().code(0);
        queued.push(text);
    }
    up.store(true, Ordering::SeqCst);
    for i in 0..KILLS {
        let mut flush = run(&["outbox", "flush", "--now"]);
        if kill.pid_one {
            flush.cmd = as_pid_one(&flush.cmd);
        }
        flush.cmd.stdout(std::process::Stdio::null());
        let mut child = flush.cmd.spawn().expect("spawn flush");
        std::thread::sleep(pause(i));
        signal(&child, kill);
        let _ = child.wait();
    }
    // The last flushes run to the end.
    for _ in 0..3 {
        run(&["outbox", "flush", "--now"]).run();
    }
    let counts = measure(&sandbox, &accepted, &queued, &queued);
    eprintln!("{KILLS} flushes ended by {kill:?}: {counts:?}");
    counts
}

/// `sendmsg serve` with one route to the slow robot, POSTS messages posted to each run while it is killed;
/// then a last run delivers what is left and is stopped with SIGTERM (exit 0).
fn serve_loop(kill: Kill) -> (Counts, usize) {
    let sandbox = Sandbox::new();
    let up = Arc::new(AtomicBool::new(true));
    let (ding, accepted) = slow_robot(&up);
    let robots = crate::serve::Robots {
        ding,
        ..crate::serve::Robots::new()
    };
    let routes = "[routes.r]\nto = [\"ops-ding\"]\n";
    let serve = || crate::serve::serve(&sandbox, &robots, routes, &[]).env("SENDMSG_PACE", "off");
    let posted = Arc::new(Mutex::new(Vec::new()));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    for i in 0..KILLS {
        let mut run = serve();
        if kill.pid_one {
            run.cmd = as_pid_one(&run.cmd);
        }
        let daemon = run.daemon().expect("serve starts");
        // Posts go on while the kill comes: one may be cut off mid-write.
        let poster = {
            let (posted, acknowledged, addr) =
                (Arc::clone(&posted), Arc::clone(&acknowledged), daemon.addr);
            std::thread::spawn(move || {
                for n in 0..POSTS {
                    let text = format!("message {:03}", i * POSTS + n);
                    posted.lock().expect("posted").push(text.clone());
                    let reply = try_request(
                        addr,
                        "POST",
                        "/send/r",
                        &[("content-type", "text/plain")],
                        text.as_bytes(),
                    );
                    match reply {
                        Some(r) if r.status == 200 => {
                            acknowledged.lock().expect("acknowledged").push(text);
                        }
                        _ => break,
                    }
                }
            })
        };
        std::thread::sleep(pause(i));
        signal(&daemon.child, kill);
        let _ = poster.join();
        finish(daemon);
    }
    // The last run delivers what is left, then stops gracefully.
    let mut last = serve().daemon().expect("serve starts");
    let outbox = sandbox.state("outbox");
    let deadline = Instant::now() + Duration::from_secs(120);
    while entries(&outbox) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(last.stop_with("-TERM"), Some(0), "{}", last.stderr());
    let posted = posted.lock().expect("posted").clone();
    let acknowledged = acknowledged.lock().expect("acknowledged").clone();
    let counts = measure(&sandbox, &accepted, &posted, &acknowledged);
    eprintln!(
        "{KILLS} serve runs ended by {kill:?}, {} of {} posts acknowledged: {counts:?}",
        acknowledged.len(),
        posted.len()
    );
    (counts, acknowledged.len())
}

/// Waits for a killed server to be gone (its unshare too).
fn finish(mut daemon: Daemon) {
    let _ = daemon.child.wait();
}

/// The entries (`*.json`) in the outbox directory.
fn entries(outbox: &std::path::Path) -> usize {
    std::fs::read_dir(outbox)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
        .count()
}

/// What became of the `posted` messages (`acknowledged` ones must not be lost).
fn measure(
    sandbox: &Sandbox,
    accepted: &Accepted,
    posted: &[String],
    acknowledged: &[String],
) -> Counts {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for text in accepted.lock().expect("accepted").iter().cloned() {
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
    for text in posted {
        match seen.get(text) {
            Some(n) => {
                counts.delivered += 1;
                counts.duplicated += n - 1;
            }
            None if unconfirmed.contains(text) => counts.unconfirmed_undelivered += 1,
            None if acknowledged.contains(text) => counts.lost += 1,
            None => {}
        }
    }
    let outbox = sandbox.state("outbox");
    for file in std::fs::read_dir(&outbox).into_iter().flatten().flatten() {
        let path = file.path();
        if path.extension().is_some_and(|e| e == "json") {
            if serde_json::from_str::<serde_json::Value>(&common::read(&path)).is_err() {
                counts.corrupt += 1;
            }
        } else {
            counts.orphaned += 1;
        }
    }
    // Entries still waiting would be lost too: after the last run there must be none.
    counts.lost += entries(&outbox);
    counts
}

/// Every acknowledged message delivered exactly once, or (when a kill fell between the mark and the
/// request) recorded as `unconfirmed`; nothing corrupt or left behind. After SIGTERM, which lets the try
/// in flight finish, nothing is `unconfirmed` either.
fn assert_sound(counts: &Counts, kill: Kill) {
    assert_eq!(counts.duplicated, 0, "{counts:?}");
    assert_eq!(counts.lost, 0, "{counts:?}");
    assert_eq!(counts.corrupt, 0, "{counts:?}");
    assert_eq!(counts.orphaned, 0, "{counts:?}");
    if kill.signal == "-TERM" {
        assert_eq!(
            counts.unconfirmed, 0,
            "a graceful stop cut a try off: {counts:?}"
        );
    }
}

const SIGKILL: Kill = Kill {
    signal: "-KILL",
    pid_one: false,
};
const SIGTERM: Kill = Kill {
    signal: "-TERM",
    pid_one: false,
};

fn flush_sound(kill: Kill) {
    let counts = flush_loop(kill);
    assert_sound(&counts, kill);
    assert_eq!(
        counts.delivered + counts.unconfirmed_undelivered,
        MESSAGES,
        "{counts:?}"
    );
}

fn serve_sound(kill: Kill) {
    let (counts, acknowledged) = serve_loop(kill);
    // Most runs acknowledge a post before their kill: the loop must have exercised the outbox.
    assert!(
        acknowledged >= KILLS,
        "{acknowledged} acknowledged: {counts:?}"
    );
    assert_sound(&counts, kill);
}

#[test]
fn flushes_killed_with_sigkill_send_nothing_twice_and_lose_nothing() {
    flush_sound(SIGKILL);
}

#[test]
fn flushes_stopped_with_sigterm_finish_their_try_send_nothing_twice_and_lose_nothing() {
    flush_sound(SIGTERM);
}

/// As PID 1 of a new pid namespace (a container), where a pid says nothing about who is alive: the
/// kernel's release of the lock is what recovers a claim.
#[test]
fn flushes_killed_as_pid_1_of_a_container_send_nothing_twice_and_lose_nothing() {
    if pid_namespaces() {
        flush_sound(Kill {
            pid_one: true,
            ..SIGKILL
        });
    }
}

/// PID 1 ignores a signal it does not handle: the flush's own handler is what makes SIGTERM stop it.
#[test]
fn flushes_stopped_with_sigterm_as_pid_1_of_a_container_finish_their_try() {
    if pid_namespaces() {
        flush_sound(Kill {
            pid_one: true,
            ..SIGTERM
        });
    }
}

#[test]
fn serve_killed_with_sigkill_sends_nothing_twice_and_loses_nothing_acknowledged() {
    serve_sound(SIGKILL);
}

#[test]
fn serve_stopped_with_sigterm_finishes_its_try_and_loses_nothing_acknowledged() {
    serve_sound(SIGTERM);
}

#[test]
fn serve_killed_as_pid_1_of_a_container_sends_nothing_twice_and_loses_nothing() {
    if pid_namespaces() {
        serve_sound(Kill {
            pid_one: true,
            ..SIGKILL
        });
    }
}

#[test]
fn serve_stopped_with_sigterm_as_pid_1_of_a_container_finishes_its_try() {
    if pid_namespaces() {
        serve_sound(Kill {
            pid_one: true,
            ..SIGTERM
        });
    }
}
