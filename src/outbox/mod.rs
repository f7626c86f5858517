//! The outbox: messages that still have to go out, one private JSON file per entry in one directory, so a
//! pending message survives a crash or a kill -9 and is sent after the restart. serve-ddns queues every
//! notification here; the CLI's `--queue` and `sendmsg outbox` read and write the same format.
//!
//! An entry is *claimed* before it is sent by an exclusive `flock` on its lock file `ID.lock`: the kernel
//! releases it when the holder dies, whatever its pid (also PID 1 of a container), and the entry's file
//! never moves, so `sendmsg outbox` always lists it. Before a try goes out the entry is marked `sending`;
//! a claim that finds that mark without a live holder knows the try may have reached the service and never
//! resends it. Entries hold texts, channel and recipient names and a keyed fingerprint of the destination
//! ([`destination`]), never a secret: credentials are resolved when the entry is sent.

pub(crate) mod destination;

pub(crate) use destination::{Destination, Key, Route};

use crate::error::Fate;
use crate::history::{self, Event, Outboxed, Target};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
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
const LOCK: &str = ".lock";
/// Beside the directory (`outbox.lock`), held shared by every write of an entry and exclusively by the
/// clean-up of temporary files: a temporary file found while the clean-up holds it belongs to a write
/// that died.
const WRITERS: &str = "lock";

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
    /// Where it may go: sent only when the settings of the moment resolve to the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<Destination>,
    /// The server that queued it (`serve-ddns`); `None` for the CLI's `--queue`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_by: Option<String>,
    /// The texts still to deliver, in order: each a text sent as `sendmsg CHANNEL -- TEXT` would be
    /// (serve-ddns), or with `fitted` the remaining requests of one message, already cut to the channel.
    pub parts: Vec<String>,
    /// `--queue`'s entries: `parts` are what is left of a message fitted to the channel, sent as they
    /// are through the channel rebuilt from `options` and `body`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fitted: bool,
    /// The command-line options that shaped the requests (`--title=T`, `--markdown`), never a secret
    /// option nor one that chooses where it goes: applied over the channel's settings when it is sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// The message as the channel was given it (`None` for a channel that takes no text), so the
    /// channel is rebuilt exactly as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Tries that went to the service so far (the first send that queued it included).
    #[serde(default)]
    pub attempts: u32,
    /// Unix seconds; due at or after it.
    #[serde(default)]
    pub next_try: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Unix seconds: a try was going out. Found on a claimed entry, it means that try's process died
    /// before it knew the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sending: Option<u64>,
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
            destination: None,
            queued_by: None,
            parts,
            fitted: false,
            options: Vec::new(),
            body: None,
            attempts: 0,
            next_try: now,
            last_error: None,
            sending: None,
        }
    }

    pub(crate) fn expired(&self, now: u64, max_age: Duration) -> bool {
        now.saturating_sub(self.created) > max_age.as_secs()
    }
}

/// Why an entry leaves the outbox without a send.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Gone {
    /// Older than this `--max-age`: history `expired`.
    Expired(Duration),
    /// A try was under way when its process died: it may have been delivered; history `unconfirmed`.
    Abandoned,
}

impl Entry {
    /// Records in the history that the entry left the outbox without a send, and why.
    pub(crate) fn record_gone(&self, why: Gone, printer: crate::output::Printer) {
        let channel = crate::error::intern(&self.channel);
        let (message, fate, event) = match why {
            Gone::Expired(max_age) => (
                format!(
                    "expired in the outbox after {} tries (older than --max-age {}); last error: {}",
                    self.attempts,
                    crate::period::Human(max_age),
                    self.last_error.as_deref().unwrap_or("none")
                ),
                Fate::NeverSent,
                Event::Expired,
            ),
            Gone::Abandoned => (
                "a try was under way when the process sending it died: it may have been delivered; \
                 not resent"
                    .to_owned(),
                Fate::MaybeDelivered,
                Event::Flushed,
            ),
        };
        let result = Err(crate::error::Error::Transient {
            channel,
            message,
            part: None,
            fate,
        });
        let target = Target::new(channel, self.recipients.clone())
            .named(self.target.as_deref().map(crate::error::intern));
        let body = self.body.clone().unwrap_or_else(|| self.parts.join("\n"));
        history::append(
            &history::Attempt {
                target: &target,
                limit_key: None,
                body: &body,
                parts: self.parts.len(),
                result: &result,
                outbox: Some(Outboxed {
                    id: &self.id,
                    event,
                }),
            },
            printer,
        );
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

/// An entry this process holds: nobody else sends it until the claim is finished or dropped.
#[derive(Debug)]
pub(crate) struct Claim {
    pub entry: Entry,
    path: PathBuf,
    lock_path: PathBuf,
    /// Holds the flock; closing it (also by dying) releases the claim.
    _lock: File,
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
            let path = self.entry_path(&entry.id);
            if !path.exists() && !self.lock_path(&entry.id).exists() {
                self.write(&path, &entry)?;
                return Ok(entry.id);
            }
        }
    }

    /// Every entry, oldest first (claimed ones too); unreadable files are skipped, and an entry that is
    /// not the user's own (a symlink, a FIFO, another owner, writable by others) is an error of kind
    /// `PermissionDenied` naming it and the fix. Removes what crashed runs left: temporary files and lock
    /// files without an entry.
    pub(crate) fn entries(&self) -> io::Result<Vec<Entry>> {
        self.clean_up();
        let mut entries: Vec<Entry> = Vec::new();
        for file in fs::read_dir(&self.dir)?.filter_map(Result::ok) {
            let name = file.file_name().into_string().unwrap_or_default();
            if !name.strip_suffix(SUFFIX).is_some_and(valid_id) {
                continue;
            }
            match read(&file.path()) {
                Ok(entry) => entries.push(entry),
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Err(e),
                Err(_) => {}
            }
        }
        entries.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        Ok(entries)
    }

    /// Claims the oldest entry due at `now` that `wanted` accepts; `None` when there is none (or other
    /// processes hold them).
    pub(crate) fn claim_due(
        &self,
        now: u64,
        wanted: &dyn Fn(&Entry) -> bool,
    ) -> io::Result<Option<Claim>> {
        for entry in self.entries()? {
            if !wanted(&entry) || (entry.next_try > now && entry.sending.is_none()) {
                continue;
            }
            if let Some(claim) = self.claim(&entry.id)?
                && (claim.entry.next_try <= now || claim.entry.sending.is_some())
            {
                return Ok(Some(claim));
            }
        }
        Ok(None)
    }

    /// The earliest `next_try` among the entries `wanted` accepts.
    pub(crate) fn next_due(&self, wanted: &dyn Fn(&Entry) -> bool) -> io::Result<Option<u64>> {
        Ok(self
            .entries()?
            .iter()
            .filter(|e| wanted(e))
            .map(|e| e.next_try)
            .min())
    }

    /// Claims entry `id`; `None` when another process holds it (or it is gone). The entry is read again
    /// under the lock: what a listing showed may have changed since.
    pub(crate) fn claim(&self, id: &str) -> io::Result<Option<Claim>> {
        let path = self.entry_path(id);
        let lock_path = self.lock_path(id);
        if !path.exists() {
            return Ok(None);
        }
        let lock = crate::private_file::options()
            .read(true)
            .write(true)
            .truncate(false)
            .open(&lock_path)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Ok(None),
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        // The holder before us may have finished the entry and removed both files after we opened the
        // lock file: then ours is no longer the entry's lock.
        if !same_file(&lock, &lock_path) {
            return Ok(None);
        }
        match read(&path) {
            Ok(entry) => Ok(Some(Claim {
                entry,
                path,
                lock_path,
                _lock: lock,
            })),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let _ = fs::remove_file(&lock_path);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Removes the temporary files of writes that died (when no write is under way) and the lock files
    /// of entries that are gone (when nobody holds them). Best effort: a later run finishes what this one
    /// could not.
    fn clean_up(&self) {
        let Ok(files) = fs::read_dir(&self.dir) else {
            return;
        };
        let writers = self.writers();
        let idle = writers.as_ref().is_ok_and(|w| w.try_lock().is_ok());
        for file in files.filter_map(Result::ok) {
            let Ok(name) = file.file_name().into_string() else {
                continue;
            };
            let temporary = Path::new(&name).extension().is_some_and(|e| e == "tmp");
            if name.starts_with('.') && temporary {
                if idle {
                    let _ = fs::remove_file(file.path());
                }
            } else if let Some(id) = name.strip_suffix(LOCK).filter(|id| valid_id(id))
                && !self.entry_path(id).exists()
            {
                self.remove_orphan_lock(id);
            }
        }
    }

    /// Removes the lock file of an entry that is gone, unless someone holds it (a claim finishing).
    fn remove_orphan_lock(&self, id: &str) {
        let path = self.lock_path(id);
        let Ok(lock) = File::open(&path) else {
            return;
        };
        if lock.try_lock().is_ok() && same_file(&lock, &path) && !self.entry_path(id).exists() {
            let _ = fs::remove_file(&path);
        }
    }

    /// The lock every write of an entry holds shared.
    fn writers(&self) -> io::Result<File> {
        crate::private_file::options()
            .read(true)
            .write(true)
            .truncate(false)
            .open(self.dir.with_extension(WRITERS))
    }

    /// Writes `entry` to `path` whole (temporary file, fsync, rename, directory fsync).
    fn write(&self, path: &Path, entry: &Entry) -> io::Result<()> {
        let writers = self.writers()?;
        writers.lock_shared()?;
        let mut json = serde_json::to_vec_pretty(entry).map_err(io::Error::other)?;
        json.push(b'\n');
        crate::private_file::replace(path, &json)
    }

    fn entry_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}{SUFFIX}"))
    }

    fn lock_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}{LOCK}"))
    }
}

impl Drop for Claim {
    /// Released: the lock file goes while it is still held (it exists only while the entry is claimed,
    /// or after its holder died, until the next claim). A process that opened it before sees that it is
    /// no longer the entry's lock file and leaves the entry.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.lock_path);
    }
}

impl Claim {
    /// Whether a try of this entry was going out when its process died: it may have been delivered.
    pub(crate) fn abandoned(&self) -> bool {
        self.entry.sending.is_some()
    }

    /// Marks the entry durably as being sent, before the try goes out.
    pub(crate) fn sending(&mut self, outbox: &Outbox, now: u64) -> io::Result<()> {
        self.entry.sending = Some(now);
        outbox.write(&self.path, &self.entry)
    }

    /// Delivered, rejected, expired or maybe delivered: the entry is gone.
    pub(crate) fn finish(self) -> io::Result<()> {
        // The entry first: its lock file goes when the claim is dropped, still held.
        fs::remove_file(&self.path)?;
        sync_dir(&self.path)
    }

    /// A transient failure that cannot have reached the service: one more attempt counted, and the entry
    /// is due again after the backoff.
    pub(crate) fn retry_later(mut self, outbox: &Outbox, error: &str, now: u64) -> io::Result<u64> {
        self.entry.attempts += 1;
        self.keep(outbox, error, now)
    }

    /// Kept without a try (its destination changed, a setting is missing): the reason is shown by
    /// `sendmsg outbox`, and it is due again after the backoff of its tries so far.
    pub(crate) fn keep(mut self, outbox: &Outbox, why: &str, now: u64) -> io::Result<u64> {
        let wait = backoff(outbox.base, self.entry.attempts.max(1))
            .as_secs_f64()
            .ceil();
        self.entry.next_try = now + (wait as u64).max(1);
        self.entry.last_error = Some(crate::secret::redact(why));
        self.entry.sending = None;
        outbox.write(&self.path, &self.entry)?;
        Ok(self.entry.next_try)
    }

    /// Records the parts still to send after some went out, keeping the claim.
    pub(crate) fn progress(&mut self, outbox: &Outbox, now: u64) -> io::Result<()> {
        self.sending(outbox, now)
    }
}

fn valid_id(id: &str) -> bool {
    id.len() == 8 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

fn new_id() -> io::Result<String> {
    let mut bytes = [0u8; 4];
    getrandom::getrandom(&mut bytes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `file` is still the file at `path` (not removed or replaced since it was opened).
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

fn read(path: &Path) -> io::Result<Entry> {
    let bytes =
        crate::private_file::read(path)?.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
    serde_json::from_slice(&bytes).map_err(io::Error::other)
}

fn sync_dir(file: &Path) -> io::Result<()> {
    match file.parent() {
        Some(dir) => File::open(dir)?.sync_all(),
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

    fn any(_: &Entry) -> bool {
        true
    }

    fn files(outbox: &Outbox) -> io::Result<Vec<String>> {
        let mut names: Vec<String> = fs::read_dir(outbox.dir())?
            .filter_map(|f| f.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        Ok(names)
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
    fn an_entry_is_claimed_once_stays_listed_and_comes_back_after_a_failure() -> io::Result<()> {
        let (_dir, outbox) = outbox();
        let id = outbox.push(Entry::new("ding", vec!["hello".into()], 100))?;
        assert!(valid_id(&id), "{id}");
        let claim = outbox.claim_due(100, &any)?.expect("due at once");
        assert_eq!(claim.entry.parts, ["hello"]);
        // Claimed: no other drainer gets it, and a listing still shows it.
        assert!(outbox.claim_due(100, &any)?.is_none());
        assert_eq!(outbox.entries()?.len(), 1);
        let next = claim.retry_later(&outbox, "ding: HTTP 503", 100)?;
        assert_eq!(next, 160);
        assert!(outbox.claim_due(159, &any)?.is_none());
        assert_eq!(outbox.next_due(&any)?, Some(160));
        let claim = outbox.claim_due(160, &any)?.expect("due again");
        assert_eq!(claim.entry.attempts, 1);
        assert_eq!(claim.entry.last_error.as_deref(), Some("ding: HTTP 503"));
        claim.finish()?;
        assert_eq!(files(&outbox)?, Vec::<String>::new());
        Ok(())
    }

    #[test]
    fn a_claim_is_released_when_its_holder_is_gone_and_a_try_in_flight_is_not_resent()
    -> io::Result<()> {
        let (_dir, outbox) = outbox();
        let id = outbox.push(Entry::new("ding", vec!["x".into()], 1))?;
        let mut claim = outbox.claim(&id)?.expect("claimed");
        claim.sending(&outbox, 1)?;
        assert!(outbox.claim(&id)?.is_none());
        // The holder dies: its descriptor is closed and the kernel drops the lock.
        drop(claim);
        let claim = outbox.claim_due(1, &any)?.expect("recovered");
        assert!(claim.abandoned());
        Ok(())
    }

    #[test]
    fn what_crashed_writes_leave_is_removed() -> io::Result<()> {
        let (_dir, outbox) = outbox();
        let id = outbox.push(Entry::new("ding", vec!["x".into()], 1))?;
        fs::write(outbox.dir().join(".0badc0de.json.1-2.tmp"), b"{")?;
        fs::write(outbox.dir().join("0badc0de.lock"), b"")?;
        // A write under way keeps its temporary file.
        let writing = outbox.writers()?;
        writing.lock_shared()?;
        outbox.entries()?;
        assert!(files(&outbox)?.contains(&".0badc0de.json.1-2.tmp".to_owned()));
        drop(writing);
        assert_eq!(outbox.entries()?.len(), 1);
        assert_eq!(files(&outbox)?, [format!("{id}.json")]);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn entries_are_private_and_expire_by_age() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, outbox) = outbox();
        let id = outbox.push(Entry::new("ding", vec!["x".into()], 1000))?;
        let mode = fs::metadata(outbox.entry_path(&id))?.permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let entry = &outbox.entries()?[0];
        assert!(!entry.expired(1000 + 24 * 3600, DEFAULT_MAX_AGE));
        assert!(entry.expired(1001 + 24 * 3600, DEFAULT_MAX_AGE));
        Ok(())
    }
}
