//! The outbox: messages that still have to go out, one private JSON file per entry in one directory, so a
//! pending message survives a crash or a kill -9 and is sent after the restart. serve-ddns queues every
//! notification here; the CLI's `--queue` and `sendmsg outbox` read and write the same format.
//!
//! An entry is *claimed* before it is sent, by renaming `ID.json` to `ID.json.claimed-PID`: a rename is
//! atomic, so of several processes draining one directory exactly one gets each entry. A claim whose
//! process has died is put back and tried again. Entries hold texts, channel and recipient names, never a
//! secret: credentials are resolved when the entry is sent.

use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The first wait after a failed try; each further failure doubles it.
pub(crate) const BACKOFF_BASE: Duration = Duration::from_secs(60);
/// The longest wait between two tries.
pub(crate) const BACKOFF_CAP: Duration = Duration::from_secs(3600);
/// How long an entry is kept when nobody says otherwise (`SENDMSG_QUEUE_MAX_AGE`).
#[cfg(test)]
pub(crate) const DEFAULT_MAX_AGE: Duration = Duration::from_secs(24 * 3600);
/// Test-only: replaces [`BACKOFF_BASE`] (milliseconds), so a test sees the retries within seconds.
pub(crate) const BACKOFF_VAR: &str = "SENDMSG_OUTBOX_BACKOFF_MS";

const SUFFIX: &str = ".json";
const CLAIMED: &str = ".claimed-";

/// One queued message, as in its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// 8 hex characters, also the file name.
    pub id: String,
    /// Unix seconds.
    pub created: u64,
    /// The channel it goes through.
    pub channel: String,
    /// The named target it was sent to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The resolved recipients (names, never credentials).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    /// The `sendmsg serve` route (`[routes.NAME]`) it was queued for, for the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// Channels tried in order when `channel` fails (serve-ddns's `--notify wecom,ding`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fallbacks: Vec<String>,
    /// The texts still to deliver, in order: each a text sent as `sendmsg CHANNEL -- TEXT` would be
    /// (serve-ddns), or with `fitted` the remaining requests of one message, already cut to the channel.
    pub parts: Vec<String>,
    /// `--queue`'s entries: `parts` are what is left of a message fitted to the channel, sent as they
    /// are through the channel rebuilt from `options` and `body`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fitted: bool,
    /// The command-line options that shaped the requests (`--title=T`, `--markdown`), never a secret
    /// option: applied over the channel's environment when the entry is sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// The message as the channel was given it (`None` for a channel that takes no text), so the
    /// channel is rebuilt exactly as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Tries so far.
    #[serde(default)]
    pub attempts: u32,
    /// Unix seconds; due at or after it.
    #[serde(default)]
    pub next_try: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

impl Entry {
    /// A new entry, due at once.
    pub(crate) fn new(channel: &str, parts: Vec<String>, now: u64) -> Entry {
        Entry {
            id: String::new(),
            created: now,
            channel: channel.to_owned(),
            target: None,
            recipients: Vec::new(),
            route: None,
            fallbacks: Vec::new(),
            parts,
            fitted: false,
            options: Vec::new(),
            body: None,
            attempts: 0,
            next_try: now,
            last_error: None,
        }
    }

    pub(crate) fn expired(&self, now: u64, max_age: Duration) -> bool {
        now.saturating_sub(self.created) > max_age.as_secs()
    }
}

/// `$XDG_STATE_HOME/sendmsg/outbox/`: the one directory of `--queue`, `sendmsg outbox` and serve-ddns.
pub(crate) fn default_dir() -> Option<PathBuf> {
    crate::state::dir().map(|dir| dir.join("outbox"))
}

/// The wait after the `attempts`-th failed try: base, 2×base, 4×base… at most [`BACKOFF_CAP`].
pub(crate) fn backoff(base: Duration, attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(20);
    base.saturating_mul(1 << doublings).min(BACKOFF_CAP)
}

/// The backoff base: [`BACKOFF_BASE`], or the test-only [`BACKOFF_VAR`].
pub(crate) fn backoff_base() -> Duration {
    std::env::var(BACKOFF_VAR)
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(BACKOFF_BASE, Duration::from_millis)
}

/// A directory of entries.
#[derive(Debug, Clone)]
pub(crate) struct Outbox {
    dir: PathBuf,
    base: Duration,
}

/// An entry this process holds: nobody else sends it until it is finished or released.
#[derive(Debug)]
pub(crate) struct Claim {
    pub entry: Entry,
    claimed: PathBuf,
    pending: PathBuf,
}

impl Outbox {
    /// Opens (creating, mode 0700) the directory.
    pub(crate) fn open(dir: &Path, base: Duration) -> io::Result<Outbox> {
        crate::private_file::create_dir(dir)?;
        Ok(Outbox {
            dir: dir.to_owned(),
            base,
        })
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `entry` durably under a new id (temporary file, fsync, rename, directory fsync) and
    /// returns the id.
    pub(crate) fn push(&self, mut entry: Entry) -> io::Result<String> {
        loop {
            entry.id = new_id()?;
            let path = self.pending_path(&entry.id);
            if !path.exists() && !self.dir.join(claimed_name(&entry.id)).exists() {
                write(&path, &entry)?;
                return Ok(entry.id);
            }
        }
    }

    /// Every entry not claimed by a live process, oldest first; unreadable files are skipped, and an entry
    /// that is not the user's own (a symlink, a FIFO, another owner, writable by others) is an error of
    /// kind `PermissionDenied` naming it and the fix.
    pub(crate) fn pending(&self) -> io::Result<Vec<Entry>> {
        self.recover_stale_claims()?;
        let mut entries: Vec<Entry> = Vec::new();
        for file in fs::read_dir(&self.dir)?.filter_map(Result::ok) {
            let Some(id) = file
                .file_name()
                .into_string()
                .ok()
                .and_then(|name| name.strip_suffix(SUFFIX).map(str::to_owned))
            else {
                continue;
            };
            match read(&file.path()) {
                Ok(entry) if valid_id(&id) => entries.push(entry),
                Err(e) if valid_id(&id) && e.kind() == io::ErrorKind::PermissionDenied => {
                    return Err(e);
                }
                _ => {}
            }
        }
        entries.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        Ok(entries)
    }

    /// Claims the oldest entry due at `now`; `None` when none is due (or another process took them).
    pub(crate) fn claim_due(&self, now: u64) -> io::Result<Option<Claim>> {
        for entry in self.pending()? {
            if entry.next_try > now {
                continue;
            }
            if let Some(claim) = self.claim(&entry.id)? {
                return Ok(Some(claim));
            }
        }
        Ok(None)
    }

    /// The earliest `next_try` among the pending entries.
    pub(crate) fn next_due(&self) -> io::Result<Option<u64>> {
        Ok(self.pending()?.iter().map(|e| e.next_try).min())
    }

    /// Claims entry `id`; `None` when another process was first (or it is gone).
    pub(crate) fn claim(&self, id: &str) -> io::Result<Option<Claim>> {
        let pending = self.pending_path(id);
        let claimed = self
            .dir
            .join(format!("{}{}", claimed_name(id), std::process::id()));
        match fs::rename(&pending, &claimed) {
            Ok(()) => {}
            // Another process was first.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        }
        match read(&claimed) {
            Ok(entry) => Ok(Some(Claim {
                entry,
                claimed,
                pending,
            })),
            Err(e) => {
                let _ = fs::rename(&claimed, &pending);
                Err(e)
            }
        }
    }

    /// Puts back the claims of processes that no longer run. A claim beside a pending file of the same id
    /// is a leftover of a process that died after writing the retry and before removing its claim.
    fn recover_stale_claims(&self) -> io::Result<()> {
        for file in fs::read_dir(&self.dir)?.filter_map(Result::ok) {
            let Ok(name) = file.file_name().into_string() else {
                continue;
            };
            let Some((id, pid)) = name.split_once(CLAIMED) else {
                continue;
            };
            let Some(id) = id.strip_suffix(SUFFIX).filter(|id| valid_id(id)) else {
                continue;
            };
            if pid.parse::<u32>().is_ok_and(alive) {
                continue;
            }
            let pending = self.pending_path(id);
            if pending.exists() {
                let _ = fs::remove_file(file.path());
            } else {
                // Whoever renames first puts it back; the loser sees NotFound.
                let _ = fs::rename(file.path(), &pending);
            }
        }
        Ok(())
    }

    fn pending_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}{SUFFIX}"))
    }
}

impl Claim {
    /// Delivered, rejected or expired: the entry is gone.
    pub(crate) fn finish(self) -> io::Result<()> {
        fs::remove_file(&self.claimed)?;
        sync_dir(&self.claimed)
    }

    /// A transient failure: one more attempt counted, and the entry is due again after the backoff.
    pub(crate) fn retry_later(mut self, outbox: &Outbox, error: &str, now: u64) -> io::Result<u64> {
        self.entry.attempts += 1;
        let wait = backoff(outbox.base, self.entry.attempts)
            .as_secs_f64()
            .ceil();
        self.entry.next_try = now + (wait as u64).max(1);
        self.entry.last_error = Some(crate::secret::redact(error));
        write(&self.pending, &self.entry)?;
        fs::remove_file(&self.claimed)?;
        Ok(self.entry.next_try)
    }
}

fn claimed_name(id: &str) -> String {
    format!("{id}{SUFFIX}{CLAIMED}")
}

fn valid_id(id: &str) -> bool {
    id.len() == 8 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

fn new_id() -> io::Result<String> {
    let mut bytes = [0u8; 4];
    getrandom::getrandom(&mut bytes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether process `pid` still runs. Where `/proc` is missing every claim counts as live, so an entry is
/// never sent twice, at the price of a manual `outbox` clean-up after a crash.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.exists() || pid == std::process::id() || proc.join(pid.to_string()).exists()
}

fn read(path: &Path) -> io::Result<Entry> {
    let bytes =
        crate::private_file::read(path)?.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
    serde_json::from_slice(&bytes).map_err(io::Error::other)
}

fn write(path: &Path, entry: &Entry) -> io::Result<()> {
    let mut json = serde_json::to_vec_pretty(entry).map_err(io::Error::other)?;
    json.push(b'\n');
    crate::private_file::replace(path, &json)
}

fn sync_dir(file: &Path) -> io::Result<()> {
    match file.parent() {
        Some(dir) => fs::File::open(dir)?.sync_all(),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outbox() -> (tempfile::TempDir, Outbox) {
        let dir = tempfile::tempdir().expect("dir");
        let outbox = Outbox::open(&dir.path().join("outbox"), BACKOFF_BASE).expect("open");
        (dir, outbox)
    }

    #[test]
    fn backoff_doubles_from_the_base_up_to_an_hour() {
        let waits: Vec<u64> = (1..=8)
            .map(|n| backoff(BACKOFF_BASE, n).as_secs() / 60)
            .collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(backoff(BACKOFF_BASE, 1000), BACKOFF_CAP);
    }

    #[test]
    fn an_entry_is_claimed_once_and_comes_back_after_a_failure() -> io::Result<()> {
        let (_dir, outbox) = outbox();
        let id = outbox.push(Entry::new("ding", vec!["hello".into()], 100))?;
        assert!(valid_id(&id), "{id}");
        let claim = outbox.claim_due(100)?.expect("due at once");
        assert_eq!(claim.entry.parts, ["hello"]);
        // Claimed: neither this nor another drainer sees it now.
        assert!(outbox.claim_due(100)?.is_none());
        assert!(outbox.pending()?.is_empty());
        let next = claim.retry_later(&outbox, "ding: HTTP 503", 100)?;
        assert_eq!(next, 160);
        assert!(outbox.claim_due(159)?.is_none());
        assert_eq!(outbox.next_due()?, Some(160));
        let claim = outbox.claim_due(160)?.expect("due again");
        assert_eq!(claim.entry.attempts, 1);
        assert_eq!(claim.entry.last_error.as_deref(), Some("ding: HTTP 503"));
        claim.finish()?;
        assert_eq!(fs::read_dir(outbox.dir())?.count(), 0);
        Ok(())
    }

    #[test]
    fn the_claim_of_a_dead_process_is_put_back() -> io::Result<()> {
        let (_dir, outbox) = outbox();
        let id = outbox.push(Entry::new("ding", vec!["x".into()], 1))?;
        // No process has this pid: it is above the kernel's largest pid_max.
        let dead = outbox
            .dir()
            .join(format!("{}{}", claimed_name(&id), 4_194_305));
        fs::rename(outbox.pending_path(&id), &dead)?;
        let claim = outbox.claim_due(1)?.expect("recovered");
        assert_eq!(claim.entry.id, id);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn entries_are_private_and_expire_by_age() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, outbox) = outbox();
        let id = outbox.push(Entry::new("ding", vec!["x".into()], 1000))?;
        let mode = fs::metadata(outbox.pending_path(&id))?.permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let entry = &outbox.pending()?[0];
        assert!(!entry.expired(1000 + 24 * 3600, DEFAULT_MAX_AGE));
        assert!(entry.expired(1001 + 24 * 3600, DEFAULT_MAX_AGE));
        Ok(())
    }
}
