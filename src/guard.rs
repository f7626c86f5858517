//! `--limit N/PERIOD` and `--dedupe WINDOW`: the send ledger (`sent.json` in the state directory) and the
//! decision whether a send may go out.
//!
//! A send is admitted under the state lock and, in the same step, *reserved* in the ledger, so N runs
//! started at once with `--limit 1/h` admit exactly one. When the send is over the reservation is settled:
//! kept if the request reached the service (accepted or rejected: the service saw it), dropped if it never
//! did (bad input, configuration, network, timeout, busy), so an outage does not eat the quota. `--dedupe`
//! only matches bodies the service accepted (or that another run is sending right now).
//!
//! Bookkeeping never costs an alert: when the state directory cannot be used, sendmsg warns and sends.

use crate::error::Error;
use crate::output::Printer;
use crate::period::{self, Human, Limit};
use crate::state;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

const LEDGER: &str = "sent.json";
/// The directory of the lock files that keep the reservations of live runs (see `Ledger::forget_dead`).
const RUNNING: &str = "running";

/// The limits asked for on the command line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rules {
    pub limit: Option<Limit>,
    pub dedupe: Option<Duration>,
    /// `--limit-key`: counts under this name (per channel) instead of the recipients.
    pub key: Option<String>,
}

impl Rules {
    /// The rules of `--limit`, `--dedupe` and `--limit-key` as given, each of the first two beside
    /// where it came from (for its error).
    pub(crate) fn new(
        (limit_from, limit): (&str, Option<&str>),
        (dedupe_from, dedupe): (&str, Option<&str>),
        limit_key: Option<&str>,
    ) -> Result<Self, Error> {
        fn parsed<T>(
            flag: &str,
            value: Option<&str>,
            parse: fn(&str) -> Result<T, String>,
        ) -> Result<Option<T>, Error> {
            value
                .map(parse)
                .transpose()
                .map_err(|e| Error::BadInput(format!("{flag} {e}")))
        }
        let limit = parsed(limit_from, limit, period::parse_limit)?;
        let dedupe = parsed(dedupe_from, dedupe, period::parse_duration)?;
        let key = limit_key
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned);
        Ok(Self { limit, dedupe, key })
    }

    fn active(&self) -> bool {
        self.limit.is_some() || self.dedupe.is_some()
    }
}

/// What became of a send, as far as the ledger cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    /// Admitted, still being sent.
    Pending,
    Accepted,
    Rejected,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    id: String,
    /// Unix seconds.
    at: u64,
    /// SHA-256 of the body, hex.
    body: String,
    status: Status,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Ledger {
    targets: BTreeMap<String, Vec<Entry>>,
}

/// Whether a send may go out.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// Allowed; `used` earlier sends count against the limit.
    Allowed {
        used: usize,
    },
    Suppressed(String),
}

impl Ledger {
    /// The pure decision: limit first (it is the stronger promise), then dedupe.
    fn verdict(&self, key: &str, body: &str, now: u64, rules: &Rules) -> Verdict {
        let entries = self.targets.get(key).map_or(&[][..], Vec::as_slice);
        let within = |window: Duration| {
            let since = now.saturating_sub(window.as_secs());
            entries.iter().filter(move |e| e.at > since)
        };
        let mut used = 0;
        if let Some(limit) = rules.limit {
            let counted: Vec<&Entry> = within(limit.period).collect();
            used = counted.len();
            if used >= limit.count as usize {
                let oldest = counted.iter().map(|e| e.at).min().unwrap_or(now);
                let wait = (oldest + limit.period.as_secs()).saturating_sub(now).max(1);
                return Verdict::Suppressed(format!(
                    "suppressed by --limit {limit}: {used} sent to this target in the last {}; the next \
                     is allowed in {}; nothing was sent",
                    Human(limit.period),
                    Human(Duration::from_secs(wait))
                ));
            }
        }
        if let Some(window) = rules.dedupe {
            let same = within(window)
                .filter(|e| e.body == body && e.status != Status::Rejected)
                .max_by_key(|e| e.at);
            if let Some(earlier) = same {
                let when = match earlier.status {
                    Status::Pending => "is being sent by another run".to_owned(),
                    _ => format!(
                        "went to this target {} ago",
                        Human(Duration::from_secs(now.saturating_sub(earlier.at)))
                    ),
                };
                return Verdict::Suppressed(format!(
                    "suppressed by --dedupe {}: the same message {when}; nothing was sent",
                    Human(window)
                ));
            }
        }
        Verdict::Allowed { used }
    }

    /// Forgets what no rule can look at any more, so the file stays small.
    fn prune(&mut self, now: u64) {
        let horizon = now.saturating_sub(period::MAX_PERIOD.as_secs());
        let keep = period::MAX_COUNT as usize;
        self.targets.retain(|_, entries| {
            entries.retain(|e| e.at > horizon);
            if entries.len() > keep {
                entries.sort_by_key(|e| e.at);
                entries.drain(..entries.len() - keep);
            }
            !entries.is_empty()
        });
    }

    /// Drops the reservations of runs that are gone (SIGKILL, power loss): a pending entry counts only
    /// while its run holds the lock on its file in `running/`, which the kernel releases when the
    /// process ends, however it ends (in the shared state: while its run's lease lives).
    fn forget_dead(&mut self, place: &Place<'_>, printer: Printer) {
        let running = match place {
            Place::Local(dir) => dir.join(RUNNING),
            Place::Shared(_) => PathBuf::new(),
        };
        let lives = |id: &str| match place {
            Place::Local(_) => holds_lock(&running.join(id)),
            // Unknown (Redis failed): it counts, as a reservation should when in doubt.
            Place::Shared(shared) => shared.exists(&format!("run:{id}"), printer).unwrap_or(true),
        };
        let mut dead = Vec::new();
        for entries in self.targets.values_mut() {
            entries.retain(|e| {
                let alive = e.status != Status::Pending || lives(&e.id);
                if !alive {
                    dead.push(e.id.clone());
                }
                alive
            });
        }
        self.targets.retain(|_, entries| !entries.is_empty());
        if let Place::Local(_) = place {
            for id in dead {
                // A file already gone is as good as removed.
                let _ = std::fs::remove_file(running.join(id));
            }
        }
    }

    fn settle(&mut self, key: &str, id: &str, status: Option<Status>) {
        if let Some(entries) = self.targets.get_mut(key) {
            match status {
                Some(status) => entries
                    .iter_mut()
                    .filter(|e| e.id == id)
                    .for_each(|e| e.status = status),
                None => entries.retain(|e| e.id != id),
            }
        }
    }
}

/// An admitted send's place in the ledger, to settle once it is over.
#[derive(Debug)]
pub(crate) struct Ticket {
    key: String,
    id: String,
    /// Held while the run lives: what tells other runs the reservation still counts.
    alive: Alive,
}

/// Where the ledger is: the state directory (its path) or the shared state.
enum Place<'a> {
    Local(&'a Path),
    Shared(&'static crate::shared_state::Shared),
}

/// What keeps a reservation counting while its run lives.
#[derive(Debug)]
enum Alive {
    /// A locked file in `running/` (the kernel releases it with the process).
    File(File, PathBuf),
    /// A key `run:ID` in the shared state, with a lease as long as a run can take.
    Lease(&'static crate::shared_state::Shared, String),
    /// Neither could be made (warned): the reservation lasts for the window.
    Nothing,
}

/// How long a reservation in the shared state outlives a run that died without settling it.
const RUN_LEASE: Duration = Duration::from_secs(600);

/// Whether some process holds the lock on `path` (a missing file has no holder).
fn holds_lock(path: &Path) -> bool {
    match std::fs::File::open(path) {
        Ok(file) => matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

/// What keeps reservation `id` counting while this run lives.
fn hold(place: &Place<'_>, id: &str, printer: Printer) -> Alive {
    match place {
        Place::Local(dir) => hold_file(&dir.join(RUNNING), id, printer)
            .map_or(Alive::Nothing, |(file, path)| Alive::File(file, path)),
        Place::Shared(shared) => {
            match shared.set_nx(&format!("run:{id}"), "1", RUN_LEASE, printer) {
                Ok(true) => Alive::Lease(shared, id.to_owned()),
                _ => Alive::Nothing,
            }
        }
    }
}

/// The run's lock file for reservation `id`, created and locked; `None` (warned) when it cannot be, and
/// then the reservation is the old kind that lasts for the window.
fn hold_file(running: &Path, id: &str, printer: Printer) -> Option<(File, PathBuf)> {
    let path = running.join(id);
    let held = crate::private_file::create_dir(running).and_then(|()| {
        let file = crate::private_file::options().write(true).open(&path)?;
        file.lock()?;
        Ok(file)
    });
    match held {
        Ok(file) => Some((file, path)),
        Err(e) => {
            printer.note(&format!(
                "warning: --limit/--dedupe: cannot lock {}: {e}",
                path.display()
            ));
            None
        }
    }
}

/// How a send ended, for [`settle`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Settled {
    Accepted,
    /// The service saw the request and refused it: it counts against the limit.
    Rejected,
    /// Nothing reached the service: the reservation is dropped.
    NotReached,
}

/// Admits (and reserves) a send to `key` of a body with SHA-256 `body`, or says why it is suppressed.
/// `Ok(None)`: no rule applies, or the ledger cannot be used (warned), so the send goes out untracked.
pub(crate) fn admit(
    rules: &Rules,
    channel: &'static str,
    key: &str,
    body: &str,
    printer: Printer,
) -> Result<Option<Ticket>, Error> {
    if !rules.active() {
        return Ok(None);
    }
    let now = state::now();
    let admitted = with_ledger(printer, |ledger, place| {
        ledger.prune(now);
        ledger.forget_dead(place, printer);
        match ledger.verdict(key, body, now, rules) {
            Verdict::Suppressed(reason) => Err(reason),
            Verdict::Allowed { .. } => {
                let id = format!("{}-{}", std::process::id(), nanos());
                // Locked before the ledger that names it is saved, so no run ever sees it unheld.
                let alive = hold(place, &id, printer);
                ledger
                    .targets
                    .entry(key.to_owned())
                    .or_default()
                    .push(Entry {
                        id: id.clone(),
                        at: now,
                        body: body.to_owned(),
                        status: Status::Pending,
                    });
                Ok(Ticket {
                    key: key.to_owned(),
                    id,
                    alive,
                })
            }
        }
    });
    match admitted? {
        None => Ok(None),
        Some(Ok(ticket)) => Ok(Some(ticket)),
        Some(Err(reason)) => Err(Error::Suppressed { channel, reason }),
    }
}

/// Keeps or drops the reservation of an admitted send.
pub(crate) fn settle(ticket: Ticket, how: Settled, printer: Printer) {
    let status = match how {
        Settled::Accepted => Some(Status::Accepted),
        Settled::Rejected => Some(Status::Rejected),
        Settled::NotReached => None,
    };
    // Refused at admission already if the ledger is not the user's own.
    let _ = with_ledger(printer, |ledger, _| {
        ledger.settle(&ticket.key, &ticket.id, status);
    });
    match ticket.alive {
        Alive::File(file, path) => {
            // Settled: the entry no longer needs its run; nothing to do if the file is already gone.
            let _ = std::fs::remove_file(path);
            drop(file);
        }
        Alive::Lease(shared, id) => shared.remove(&format!("run:{id}"), printer),
        Alive::Nothing => {}
    }
}

/// Dry-run: says what the rules would decide, records nothing. A local ledger that is not the user's own
/// is refused as a real send refuses it (`--dry-run` says what the send would do); an unusable state
/// directory is the same warning.
pub(crate) fn preview(
    rules: &Rules,
    channel: &str,
    key: &str,
    body: &str,
    printer: Printer,
) -> Result<(), Error> {
    if !rules.active() {
        return Ok(());
    }
    let shared = crate::shared_state::get(printer).and_then(|shared| {
        let bytes = shared.read(LEDGER, printer).ok()?;
        let mut ledger: Ledger = bytes
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        ledger.forget_dead(&Place::Shared(shared), printer);
        Some(ledger)
    });
    let ledger = match shared {
        Some(ledger) => ledger,
        None => match state::Lock::acquire() {
            Ok(lock) => {
                let mut ledger = load(&lock.path(LEDGER), printer)?;
                ledger.forget_dead(&Place::Local(&lock.dir), printer);
                ledger
            }
            Err(e) => {
                unusable(printer, &e);
                return Ok(());
            }
        },
    };
    let note = match ledger.verdict(key, body, state::now(), rules) {
        Verdict::Suppressed(reason) => {
            format!("dry-run: {channel}: a real send would be {reason} (exit 5)")
        }
        Verdict::Allowed { used } => match rules.limit {
            Some(limit) => format!(
                "dry-run: {channel}: allowed by --limit {limit} ({used} of {} used)",
                limit.count
            ),
            None => format!("dry-run: {channel}: not a duplicate within --dedupe"),
        },
    };
    printer.note(&note);
    Ok(())
}

/// The warning of a send that goes out without `--limit`/`--dedupe`, because the ledger cannot be used.
fn unusable(printer: Printer, what: &str) {
    printer.note(&format!(
        "warning: --limit/--dedupe: {what}; sending without them"
    ));
}

/// Runs `update` on the ledger (in the shared state when there is one, else under the local state lock)
/// and saves it. `None` when the ledger is unusable; `Err` when the local one is not the user's own.
fn with_ledger<T>(
    printer: Printer,
    update: impl FnOnce(&mut Ledger, &Place<'_>) -> T,
) -> Result<Option<T>, Error> {
    let mut update = Some(update);
    if let Some(shared) = crate::shared_state::get(printer) {
        let done = shared.update(LEDGER, period::MAX_PERIOD, printer, |old| {
            let mut ledger: Ledger = old
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
                .unwrap_or_default();
            let result = update
                .take()
                .map(|update| update(&mut ledger, &Place::Shared(shared)));
            (serde_json::to_vec(&ledger).unwrap_or_default(), result)
        });
        if let Ok(result) = done {
            return Ok(result);
        }
    }
    let Some(update) = update else {
        return Ok(None);
    };
    let warn = |what: String| unusable(printer, &what);
    let lock = match state::Lock::acquire() {
        Ok(lock) => lock,
        Err(e) => {
            warn(e);
            return Ok(None);
        }
    };
    let path = lock.path(LEDGER);
    let mut ledger = load(&path, printer)?;
    let result = update(&mut ledger, &Place::Local(&lock.dir));
    let saved = serde_json::to_vec(&ledger)
        .map_err(|e| e.to_string())
        .and_then(|bytes| crate::private_file::replace(&path, &bytes).map_err(|e| e.to_string()));
    if let Err(e) = saved {
        warn(format!("cannot write {}: {e}", path.display()));
        return Ok(None);
    }
    Ok(Some(result))
}

/// The ledger on disk; a missing file is empty, a corrupt one is reset with a warning. One that is not
/// the user's own (another owner, writable by others, a symlink or FIFO) is refused: it could hold back
/// or let through what it likes.
fn load(path: &Path, printer: Printer) -> Result<Ledger, Error> {
    let parsed = match crate::private_file::read(path) {
        Ok(None) => return Ok(Ledger::default()),
        Ok(Some(bytes)) => serde_json::from_slice(&bytes).map_err(|e| e.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return Err(Error::Config(format!("--limit/--dedupe: {e}")));
        }
        Err(e) => Err(e.to_string()),
    };
    Ok(parsed.unwrap_or_else(|e| {
        printer.note(&format!(
            "warning: {} was unreadable ({e}); starting a new send ledger",
            path.display()
        ));
        Ledger::default()
    }))
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(limit: Option<&str>, dedupe: Option<&str>) -> Rules {
        Rules {
            limit: limit.and_then(|l| period::parse_limit(l).ok()),
            dedupe: dedupe.and_then(|d| period::parse_duration(d).ok()),
            key: None,
        }
    }

    fn entry(at: u64, body: &str, status: Status) -> Entry {
        Entry {
            id: format!("{at}"),
            at,
            body: body.into(),
            status,
        }
    }

    fn ledger(entries: Vec<Entry>) -> Ledger {
        Ledger {
            targets: BTreeMap::from([("ding".to_owned(), entries)]),
        }
    }

    #[test]
    fn a_limit_counts_every_send_in_the_sliding_period() {
        let book = ledger(vec![
            entry(1000, "a", Status::Accepted),
            entry(2000, "b", Status::Rejected),
            entry(3000, "c", Status::Pending),
        ]);
        let three = rules(Some("3/h"), None);
        assert!(matches!(
            book.verdict("ding", "x", 3500, &three),
            Verdict::Suppressed(reason) if reason.contains("3 sent to this target in the last 1h")
                && reason.contains("next is allowed in 18m20s")
        ));
        // One hour after the first, it has slid out of the window.
        assert_eq!(
            book.verdict("ding", "x", 4600, &three),
            Verdict::Allowed { used: 2 }
        );
        assert_eq!(
            book.verdict("other", "x", 3500, &three),
            Verdict::Allowed { used: 0 }
        );
    }

    #[test]
    fn dedupe_matches_delivered_or_in_flight_bodies_within_the_window() {
        let book = ledger(vec![
            entry(1000, "same", Status::Accepted),
            entry(1100, "refused", Status::Rejected),
            entry(1200, "flying", Status::Pending),
        ]);
        let hour = rules(None, Some("1h"));
        assert!(matches!(
            book.verdict("ding", "same", 1600, &hour),
            Verdict::Suppressed(r) if r.contains("went to this target 10m ago")
        ));
        assert!(matches!(
            book.verdict("ding", "flying", 1600, &hour),
            Verdict::Suppressed(r) if r.contains("being sent by another run")
        ));
        assert!(matches!(
            book.verdict("ding", "refused", 1600, &hour),
            Verdict::Allowed { .. }
        ));
        assert!(matches!(
            book.verdict("ding", "same", 4600, &hour),
            Verdict::Allowed { .. }
        ));
    }

    #[test]
    fn settling_keeps_what_reached_the_service_and_drops_the_rest() {
        let mut book = ledger(vec![
            entry(1, "a", Status::Pending),
            entry(2, "b", Status::Pending),
        ]);
        book.settle("ding", "1", Some(Status::Accepted));
        book.settle("ding", "2", None);
        let left = &book.targets["ding"];
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].status, Status::Accepted);
    }

    #[test]
    fn a_reservation_counts_while_its_run_holds_the_lock() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let running = dir.path().join(RUNNING);
        let held = hold_file(&running, "live", Printer::default());
        assert!(held.is_some());
        std::fs::write(running.join("dead"), "")?;
        let mut book = ledger(vec![
            Entry {
                id: "live".into(),
                ..entry(1, "a", Status::Pending)
            },
            Entry {
                id: "dead".into(),
                ..entry(2, "b", Status::Pending)
            },
            entry(3, "c", Status::Pending),
            entry(4, "d", Status::Accepted),
        ]);
        book.forget_dead(&Place::Local(dir.path()), Printer::default());
        let left: Vec<&str> = book.targets["ding"].iter().map(|e| e.id.as_str()).collect();
        assert_eq!(left, ["live", "4"]);
        assert!(!running.join("dead").exists());
        drop(held);
        book.forget_dead(&Place::Local(dir.path()), Printer::default());
        assert_eq!(book.targets["ding"].len(), 1);
        Ok(())
    }

    #[test]
    fn pruning_forgets_what_no_window_can_see() {
        let month = period::MAX_PERIOD.as_secs();
        let mut book = ledger(vec![
            entry(10, "old", Status::Accepted),
            entry(month + 20, "new", Status::Accepted),
        ]);
        book.prune(month + 15);
        assert_eq!(book.targets["ding"].len(), 1);
        book.prune(3 * month);
        assert!(book.targets.is_empty());
    }
}
