//! Files read back are trusted only if they are the user's own (contract, "Trust"): a token cache or a
//! trust-anchor cache planted as a symlink, a FIFO, a file of another owner, a group-writable file or a file
//! in a group-writable directory is ignored (and rewritten when the directory is fine), within
//! `--timeout`, and so is the pace book; an outbox entry or the send ledger planted so is refused (exit 3,
//! naming the path and the command that fixes it), by `--dry-run` too. The tests run as root, so "another
//! owner" is a test uid given with `chown`.

use crate::common;

use common::Sandbox;
use common::wecom::{AGENT_ID, CORP_ID, CORP_SECRET, Wecom};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A uid that owns nothing on this machine.
const OTHER_UID: u32 = 54_321;

/// The attacker's token, valid in another corp: it must never ride on a request.
const PLANTED: &str = "planted-token-of-another-corp";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plant {
    GroupWritableFile,
    GroupWritableDir,
    Symlink,
    Fifo,
    OtherOwner,
}

/// The running user, as the sandbox it created says.
fn me(sandbox: &Sandbox) -> u32 {
    std::fs::metadata(sandbox.path("state"))
        .expect("sandbox")
        .uid()
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(made.success());
}

/// Replaces `file` with `contents` planted as `how`; a link or FIFO keeps the contents beside it.
fn plant(sandbox: &Sandbox, file: &Path, contents: &str, how: Plant) {
    let _ = std::fs::remove_file(file);
    match how {
        Plant::GroupWritableFile => {
            std::fs::write(file, contents).expect("plant");
            chmod(file, 0o666);
        }
        Plant::GroupWritableDir => {
            std::fs::write(file, contents).expect("plant");
            chmod(file, 0o600);
            chmod(file.parent().expect("dir"), 0o777);
        }
        Plant::Symlink => {
            let aside = sandbox.path("planted.json");
            std::fs::write(&aside, contents).expect("plant");
            chmod(&aside, 0o600);
            std::os::unix::fs::symlink(&aside, file).expect("symlink");
        }
        Plant::Fifo => mkfifo(file),
        Plant::OtherOwner => {
            std::fs::write(file, contents).expect("plant");
            chmod(file, 0o600);
            std::os::unix::fs::chown(file, Some(OTHER_UID), None).expect("chown");
        }
    }
}

const ALL: [Plant; 5] = [
    Plant::GroupWritableFile,
    Plant::GroupWritableDir,
    Plant::Symlink,
    Plant::Fifo,
    Plant::OtherOwner,
];

fn wecom_app(sandbox: &Sandbox, mock: &Wecom, text: &str) -> common::Output {
    sandbox
        .sendmsg(["--timeout", "3", "wecom", text])
        .env("WECOM_CORP_ID", CORP_ID)
        .env("WECOM_CORP_SECRET", CORP_SECRET)
        .env("WECOM_AGENT_ID", AGENT_ID)
        .env("WECOM_BASE_URL", mock.url())
        .secret(PLANTED)
        .run()
}

fn cache_file(sandbox: &Sandbox) -> PathBuf {
    let dir = sandbox.path("cache").join("sendmsg");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("cache dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn a_planted_token_cache_is_ignored_in_time_and_rewritten_when_the_directory_is_fine() {
    for how in ALL {
        let sandbox = Sandbox::new();
        let mock = Wecom::start();
        wecom_app(&sandbox, &mock, "first").code(0);
        let file = cache_file(&sandbox);
        let mut cached: serde_json::Value =
            serde_json::from_str(&common::read(&file)).expect("cache json");
        cached["access_token"] = PLANTED.into();
        plant(&sandbox, &file, &cached.to_string(), how);
        let started = Instant::now();
        wecom_app(&sandbox, &mock, "second").code(0);
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{how:?} blocked"
        );
        assert_eq!(
            mock.tokens.calls(),
            2,
            "{how:?}: the planted token was used"
        );
        assert!(
            mock.sends()
                .iter()
                .all(|s| s.query("access_token").as_deref() != Some(PLANTED)),
            "{how:?}: the planted token went out"
        );
        let meta = std::fs::symlink_metadata(&file).expect("cache file");
        if how == Plant::GroupWritableDir {
            // Another user could swap a file written there: it is left as it was, and unused.
            assert!(common::read(&file).contains(PLANTED));
        } else {
            assert!(meta.is_file(), "{how:?}: not rewritten");
            assert_eq!(
                (meta.uid(), meta.mode() & 0o777),
                (me(&sandbox), 0o600),
                "{how:?}: not the user's own"
            );
            assert!(!common::read(&file).contains(PLANTED), "{how:?}");
        }
    }
}

/// What sendmsg says of `path` planted as `how`: the problem and the command that fixes it.
fn refusal(sandbox: &Sandbox, path: &Path, how: Plant) -> String {
    let shown = path.display();
    let dir = path.parent().expect("dir").display();
    let (problem, fix) = match how {
        Plant::GroupWritableFile => (
            "is writable by group or others".to_owned(),
            format!("chmod 600 {shown}"),
        ),
        Plant::GroupWritableDir => (
            format!("is in {dir}, which group or others may write to"),
            format!("chmod 700 {dir}"),
        ),
        Plant::Symlink => ("is a symbolic link".to_owned(), format!("rm {shown}")),
        Plant::Fifo => ("is not a regular file".to_owned(), format!("rm {shown}")),
        Plant::OtherOwner => (
            format!("belongs to another user (uid {OTHER_UID})"),
            format!("chown {} {shown}", me(sandbox)),
        ),
    };
    format!("{shown} {problem}: not used; fix it with `{fix}`")
}

/// A queued entry under the sandbox's state directory, as `--queue` would have written it.
fn queued_entry(sandbox: &Sandbox) -> PathBuf {
    let outbox = sandbox.state("outbox");
    std::fs::create_dir_all(&outbox).expect("outbox dir");
    chmod(&outbox, 0o700);
    chmod(&sandbox.path("state").join("sendmsg"), 0o700);
    let entry = serde_json::json!({
        "id": "0badc0de", "created": common::signing::now_secs(), "channel": "ding", "parts": ["hi"],
    });
    let path = outbox.join("0badc0de.json");
    std::fs::write(&path, entry.to_string()).expect("entry");
    chmod(&path, 0o600);
    path
}

#[test]
fn a_planted_outbox_entry_is_refused_naming_the_path_and_the_fix() {
    for how in ALL {
        let sandbox = Sandbox::new();
        let robot = common::ding::robot();
        let path = queued_entry(&sandbox);
        let contents = common::read(&path);
        plant(&sandbox, &path, &contents, how);
        let started = Instant::now();
        let out = sandbox
            .sendmsg(["outbox", "flush"])
            .env("DING_ACCESS_TOKEN", common::ding::TOKEN)
            .env("DING_BASE_URL", robot.url())
            .run();
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{how:?} blocked"
        );
        let dir = sandbox.state("outbox");
        out.code(3);
        assert_eq!(
            out.stderr,
            format!(
                "sendmsg: error: outbox: cannot read {}: {}\n",
                dir.display(),
                refusal(&sandbox, &path, how)
            ),
            "{how:?}"
        );
        assert_eq!(robot.requests().len(), 0, "{how:?}: the entry was sent");
    }
}

#[test]
fn a_ledger_of_another_owner_is_refused_and_a_private_one_is_used() {
    let sandbox = Sandbox::new();
    let robot = common::ding::robot();
    let send = |text: &str| {
        sandbox
            .sendmsg(["--limit", "5/h", "ding", text])
            .env("DING_ACCESS_TOKEN", common::ding::TOKEN)
            .env("DING_SECRET", common::ding::SECRET)
            .env("DING_BASE_URL", robot.url())
            .run()
    };
    send("first").code(0);
    let ledger = sandbox.state("sent.json");
    std::os::unix::fs::chown(&ledger, Some(OTHER_UID), None).expect("chown");
    let out = send("second");
    out.code(3);
    let shown = ledger.display();
    assert_eq!(
        out.stderr,
        format!(
            "sendmsg: error: --limit/--dedupe: {shown} belongs to another user (uid {OTHER_UID}): not used; fix it with `chown {} {shown}`\n",
            me(&sandbox)
        )
    );
    std::os::unix::fs::chown(&ledger, Some(me(&sandbox)), None).expect("chown back");
    send("third").code(0);
    assert_eq!(common::ding::texts(&robot), ["first", "third"]);
}

/// A DingTalk send with `args` (after `--timeout 3`), which must not block on what was planted as `how`.
fn ding_in_time(
    sandbox: &Sandbox,
    robot: &common::mock::MockServer,
    args: &[&str],
    how: Plant,
) -> common::Output {
    let started = Instant::now();
    let out = sandbox
        .sendmsg(["--timeout", "3"].iter().chain(args))
        .env("DING_ACCESS_TOKEN", common::ding::TOKEN)
        .env("DING_SECRET", common::ding::SECRET)
        .env("DING_BASE_URL", robot.url())
        .run();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{how:?} blocked"
    );
    out
}

/// `--dry-run` says what the send would do: a planted ledger refuses both alike (exit 3, the same line),
/// neither blocks on a FIFO, and nothing reaches the robot.
#[test]
fn a_planted_ledger_is_refused_by_a_dry_run_as_by_a_send() {
    for how in ALL {
        let sandbox = Sandbox::new();
        let robot = common::ding::robot();
        let send = |dry_run: bool, text: &str| {
            let mut args = vec!["--limit", "5/h"];
            if dry_run {
                args.push("--dry-run");
            }
            args.extend(["ding", text]);
            ding_in_time(&sandbox, &robot, &args, how)
        };
        send(false, "first").code(0);
        let ledger = sandbox.state("sent.json");
        let contents = common::read(&ledger);
        plant(&sandbox, &ledger, &contents, how);
        let refused = format!(
            "sendmsg: error: --limit/--dedupe: {}\n",
            refusal(&sandbox, &ledger, how)
        );
        let out = send(false, "second");
        out.code(3);
        assert_eq!(out.stderr, refused, "{how:?}: send");
        let out = send(true, "second");
        out.code(3);
        assert_eq!(out.stderr, refused, "{how:?}: dry-run");
        assert_eq!(out.stdout, "", "{how:?}: dry-run");
        assert_eq!(common::ding::texts(&robot), ["first"], "{how:?}");
    }
}

/// The pace book is volatile state, a cache by the Trust rule: planted, it is ignored (a send it would hold
/// back goes at once) and a new book of the user's own takes its place, which paces the next send again;
/// in a directory others may write to, it is neither read nor written and the send goes unpaced, warned.
#[test]
fn a_planted_pace_book_is_ignored_and_replaced_when_the_directory_is_fine() {
    for how in ALL {
        let sandbox = Sandbox::new();
        let robot = common::ding::robot();
        let send = |text: &str| {
            let args = ["--pace", "1/m", "--max-wait", "1s", "ding", text];
            ding_in_time(&sandbox, &robot, &args, how)
        };
        send("first").code(0);
        // The book as the first send left it: it holds the minute's one slot.
        let book = sandbox.state("pace.json");
        let contents = common::read(&book);
        plant(&sandbox, &book, &contents, how);
        let out = send("second");
        out.code(0);
        let meta = std::fs::symlink_metadata(&book).expect("pace.json");
        if how == Plant::GroupWritableDir {
            let dir = sandbox.path("state").join("sendmsg");
            assert_eq!(
                out.stderr,
                format!(
                    "sendmsg: warning: pacing: {}; sending unpaced\nsendmsg: ding: sent\n",
                    refusal(&sandbox, &book, how)
                ),
                "{dir:?}"
            );
            assert_eq!(
                common::read(&book),
                contents,
                "rewritten in a foreign directory"
            );
            chmod(&dir, 0o700);
        } else {
            assert_eq!(out.stderr, "sendmsg: ding: sent\n", "{how:?}");
            assert!(meta.is_file(), "{how:?}: not replaced");
            assert_eq!(meta.uid(), me(&sandbox), "{how:?}");
            assert_eq!(meta.mode() & 0o777, 0o600, "{how:?}");
            assert_ne!(
                common::read(&book),
                contents,
                "{how:?}: the planted book was kept"
            );
            // The new book paces the next send.
            send("third")
                .code(4)
                .stderr_has("sendmsg: error: ding: paced: next slot in ");
        }
        if how == Plant::Symlink {
            assert_eq!(common::read(&sandbox.path("planted.json")), contents);
        }
        assert_eq!(common::ding::texts(&robot), ["first", "second"], "{how:?}");
    }
}
