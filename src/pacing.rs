//! Pacing: a robot takes so many messages a period (DingTalk and WeCom robots 20 a minute, a Feishu bot 5 a
//! second and 100 a minute) and answers a busy code past that, losing the message. So each robot
//! destination has a pace, and a part that would go over it waits for its slot (up to `--max-wait`)
//! instead of failing. A busy reply also pushes the destination's next slot back.
//!
//! The slots are a log of the times parts were (or will be) sent, per destination, kept where every
//! process sending to that robot sees them: `pace.json` in the state directory under the state lock, or
//! the shared state (`SENDMSG_STATE`). A destination is named by a keyed fingerprint of its channel, base
//! URL and credential, so no file or Redis key holds anything of the credential.

use crate::error::Error;
use crate::output::Printer;
use crate::period::{Human, Limit};
use crate::state;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// DingTalk custom robot: 20 messages a minute (past it, 130101 and ten minutes of silence).
pub(crate) const DING: &[Limit] = &[per(20, 60)];
/// WeCom group robot: 20 messages a minute.
pub(crate) const WECOM_ROBOT: &[Limit] = &[per(20, 60)];
/// Feishu custom bot: 5 a second and 100 a minute.
pub(crate) const FEISHU: &[Limit] = &[per(5, 1), per(100, 60)];

const fn per(count: u32, secs: u64) -> Limit {
    Limit {
        count,
        period: Duration::from_secs(secs),
    }
}

const FILE: &str = "pace.json";

/// `--pace`: the vendor's pace, one of the user's, or none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Setting {
    #[default]
    Vendor,
    Off,
    Fixed(Limit),
}

impl Setting {
    /// `off` or `N/PERIOD` (`20/m`, `4/2s`).
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        match text.trim() {
            "off" => Ok(Self::Off),
            other => crate::period::parse_limit(other)
                .map(Self::Fixed)
                .map_err(|e| format!("{e}, or off")),
        }
    }
}

/// How a paced try ended, as the pace cares.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ended {
    /// The service answered busy (with its `Retry-After`, if any).
    Busy {
        retry_after: Option<Duration>,
    },
    Other,
}

/// How a send is paced: the `--pace` setting and how long a part may wait for its slot.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pacing {
    pub setting: Setting,
    pub max_wait: Duration,
}

/// One robot, as pacing sees it: what identifies it (a credential among it: never stored, only its keyed
/// fingerprint) and its vendor's pace.
pub(crate) struct Destination {
    identity: String,
    vendor: &'static [Limit],
}

impl Destination {
    /// The robot behind `credential` at `base_url` of `channel`.
    pub(crate) fn new(
        channel: &str,
        base_url: &str,
        credential: &str,
        vendor: &'static [Limit],
    ) -> Self {
        Self {
            identity: [channel, base_url, credential].join("\0"),
            vendor,
        }
    }
}

/// One send to a destination: when it was planned or done, in milliseconds since the epoch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Mark {
    pub id: u64,
    pub at: u64,
    /// The reply came (or the try ended): `at` is then when, which is after the robot counted it.
    pub done: bool,
}

/// How long a send still in flight counts as arriving now; past it, its process is taken to be gone.
const IN_FLIGHT: u64 = 120_000;

impl Mark {
    /// When the robot counts this send, as far as anyone can tell at `now`: when it ended, when it is
    /// planned, or (in flight) any moment now.
    fn time(&self, now: u64) -> u64 {
        if self.done || self.at >= now {
            self.at
        } else {
            now.min(self.at + IN_FLIGHT)
        }
    }
}

/// The sends of one destination, in the order their slots were taken.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Track {
    pub marks: Vec<Mark>,
    /// A busy reply came: no slot before this.
    pub busy_until: u64,
}

/// A send's distance from the slot the period's last sends left: real robots count arrivals, which a
/// send reaches a little after its slot, so slots keep this much more apart than the pace says.
fn margin(period: Duration) -> u64 {
    (period.as_millis() as u64 / 20).max(50)
}

impl Track {
    /// The earliest slot at or after `now` for the send after the first `before` marks that keeps every
    /// pace: not before any of them (first come, first served), after a busy reply's pause, and `period`
    /// (plus the margin) after the send `count` back.
    fn next_slot(&self, paces: &[Limit], now: u64, before: usize) -> u64 {
        let earlier = &self.marks[..before.min(self.marks.len())];
        let mut slot = now.max(self.busy_until);
        slot = earlier.iter().map(|m| m.time(now)).fold(slot, u64::max);
        for pace in paces {
            let count = pace.count as usize;
            if let Some(start) = earlier.len().checked_sub(count).map(|i| earlier[i]) {
                slot = slot
                    .max(start.time(now) + pace.period.as_millis() as u64 + margin(pace.period));
            }
        }
        slot
    }

    /// Forgets the sends no pace can see any more (and, past the largest count, the oldest that ended).
    fn prune(&mut self, paces: &[Limit], now: u64) {
        let span = paces
            .iter()
            .map(|p| p.period.as_millis() as u64 + margin(p.period))
            .max()
            .unwrap_or(0);
        let keep = paces.iter().map(|p| p.count as usize).max().unwrap_or(0);
        self.marks.retain(|m| m.time(now) + span > now);
        // A send still waiting or in flight is kept whatever the count: the ones after it confirm their
        // slots against it.
        while self.marks.len() > keep && self.marks.first().is_some_and(|m| m.done) {
            self.marks.remove(0);
        }
    }

    /// After a busy reply: no slot before `now + pause`.
    fn pause(&mut self, now: u64, pause: Duration) {
        self.busy_until = self.busy_until.max(now + pause.as_millis() as u64);
    }

    /// Takes the next slot if it is within `max_wait` of `now`, as send `id`.
    pub(crate) fn take(&mut self, id: u64, paces: &[Limit], now: u64, max_wait: Duration) -> Slot {
        self.prune(paces, now);
        let slot = self.next_slot(paces, now, self.marks.len());
        let wait = Duration::from_millis(slot - now);
        if wait > max_wait {
            return Slot::TooFar(wait);
        }
        self.marks.push(Mark {
            id,
            at: slot,
            done: false,
        });
        Slot::Taken(wait)
    }

    /// At send `id`'s slot: whether it may go now, looking at what the sends before it really did (one
    /// may have gone out late, and the robot counts when it arrived). Past `deadline`, it gives up its
    /// place.
    pub(crate) fn confirm(&mut self, id: u64, paces: &[Limit], now: u64, deadline: u64) -> Slot {
        let Some(place) = self.marks.iter().position(|m| m.id == id) else {
            return Slot::Taken(Duration::ZERO);
        };
        let slot = self.next_slot(paces, now, place);
        if slot > deadline {
            self.marks.remove(place);
            return Slot::TooFar(Duration::from_millis(slot - now));
        }
        self.marks[place].at = slot;
        Slot::Taken(Duration::from_millis(slot - now))
    }

    /// Send `id` ended at `now`.
    pub(crate) fn done(&mut self, id: u64, now: u64) {
        if let Some(mark) = self.marks.iter_mut().find(|m| m.id == id) {
            mark.at = now;
            mark.done = true;
        }
    }
}

/// The local pace book: the fingerprint key and every destination's track.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Book {
    /// 256 random bits in hex, made once: the key of the destinations' fingerprints.
    key: String,
    destinations: BTreeMap<String, Track>,
}

impl Book {
    fn fingerprint(&mut self, destination: &Destination) -> String {
        if self.key.is_empty() {
            self.key = format!(
                "{:032x}{:032x}",
                crate::random::bits(),
                crate::random::bits()
            );
        }
        fingerprint(&self.key, destination)
    }
}

/// The destination's name in the pace book: a keyed hash, so nothing of the credential is kept.
pub(crate) fn fingerprint(key: &str, destination: &Destination) -> String {
    let mac = crate::digest::hmac_sha256(key.as_bytes(), destination.identity.as_bytes());
    crate::digest::hex(&mac[..16])
}

/// A slot asked for: taken (wait this long), or too far away (the next is this far).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    Taken(Duration),
    TooFar(Duration),
}

/// The pause a busy reply imposes: what the service asked for (`Retry-After`), else the pace's spacing
/// (a minute's 20 sends: 3 s), whichever is longer.
pub(crate) fn busy_pause(paces: &[Limit], retry_after: Option<Duration>) -> Duration {
    let spacing = paces
        .iter()
        .map(|p| p.period / p.count)
        .max()
        .unwrap_or_default();
    retry_after.unwrap_or_default().max(spacing)
}

/// Milliseconds since the epoch.
pub(crate) fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl Pacing {
    /// The paces that apply to `destination`: none when `--pace off`, the user's, else the vendor's.
    fn paces<'a>(&'a self, destination: &'a Destination) -> &'a [Limit] {
        match &self.setting {
            Setting::Off => &[],
            Setting::Fixed(pace) => std::slice::from_ref(pace),
            Setting::Vendor => destination.vendor,
        }
    }

    /// Waits for the destination's next slot, which the returned ticket holds until [`Pacing::sent`]; a
    /// slot further away than `--max-wait` is a transient failure that nothing reached the service with
    /// (so `--queue` keeps it). `None`: no pace applies, or the pace book is out of use (warned).
    pub(crate) fn wait(
        &self,
        channel: &'static str,
        destination: &Destination,
        printer: Printer,
    ) -> Result<Option<u64>, Error> {
        let paces = self.paces(destination);
        if paces.is_empty() {
            return Ok(None);
        }
        let id = u64::try_from(crate::random::bits() >> 64).unwrap_or_default();
        let started = now_millis();
        let deadline = started + self.max_wait.as_millis() as u64;
        let max_wait = self.max_wait;
        let mut slot = with_track(printer, destination, |track, now| {
            track.take(id, paces, now, max_wait)
        });
        // Sleep until the slot, then look again: a send before it may have gone out late.
        let mut slept = false;
        while let Some(Slot::Taken(wait)) = slot {
            if wait.is_zero() {
                break;
            }
            slept = true;
            std::thread::sleep(wait);
            slot = with_track(printer, destination, |track, now| {
                track.confirm(id, paces, now, deadline)
            });
        }
        let waited = now_millis().saturating_sub(started);
        match slot {
            None => Ok(None),
            Some(Slot::Taken(_)) => {
                if slept {
                    printer.verbose(&format!(
                        "{channel}: paced: waited {waited} ms for a slot ({})",
                        shown(paces)
                    ));
                }
                Ok(Some(id))
            }
            Some(Slot::TooFar(wait)) => Err(Error::Transient {
                channel,
                message: format!(
                    "paced: next slot in {}s ({}; --max-wait {})",
                    wait.as_secs_f64().ceil() as u64,
                    shown(paces),
                    Human(max_wait)
                ),
                part: None,
                fate: crate::error::Fate::NeverSent,
            }),
        }
    }

    /// How long until the destination's next free slot (0: free now) and when it was last used
    /// (milliseconds since the epoch): what a pool picks its member by. `(0, 0)` when no pace applies or
    /// the book is out of use.
    pub(crate) fn outlook(&self, destination: &Destination, printer: Printer) -> (u64, u64) {
        let paces = self.paces(destination);
        if paces.is_empty() {
            return (0, 0);
        }
        with_track(printer, destination, |track, now| {
            let slot = track.next_slot(paces, now, track.marks.len());
            let last = track.marks.iter().map(|m| m.at).max().unwrap_or(0);
            (slot - now, last)
        })
        .unwrap_or((0, 0))
    }

    /// The try holding slot `ticket` ended: it counts from now, when the robot has surely counted it. A
    /// busy reply also makes every process sending to the destination wait before its next try.
    pub(crate) fn sent(
        &self,
        destination: &Destination,
        ticket: u64,
        ended: Ended,
        printer: Printer,
    ) {
        let paces = self.paces(destination);
        let pause = match ended {
            Ended::Busy { retry_after } => Some(busy_pause(paces, retry_after)),
            Ended::Other => None,
        };
        with_track(printer, destination, |track, now| {
            track.done(ticket, now);
            if let Some(pause) = pause {
                track.pause(now, pause);
            }
        });
    }
}

/// The paces as `--pace` writes them: `5/s and 100/m`.
fn shown(paces: &[Limit]) -> String {
    let all: Vec<String> = paces.iter().map(ToString::to_string).collect();
    format!("pace {}", all.join(" and "))
}

/// Runs `update` on the destination's track, where every process sending to it sees it (the shared
/// state, else the state directory under its lock), and saves it; `None` (warned) when neither can be
/// used: the send then goes out unpaced rather than not at all.
fn with_track<T>(
    printer: Printer,
    destination: &Destination,
    update: impl FnOnce(&mut Track, u64) -> T,
) -> Option<T> {
    let mut update = Some(update);
    if let Some(shared) = crate::shared_state::get(printer)
        && let Ok(key) = shared.key(printer)
    {
        let name = format!("pace:{}", fingerprint(key, destination));
        let ttl = Duration::from_millis(IN_FLIGHT * 2);
        let done = shared.update(&name, ttl, printer, |old| {
            let mut track: Track = old
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
                .unwrap_or_default();
            let result = update.take().map(|update| update(&mut track, now_millis()));
            (serde_json::to_vec(&track).unwrap_or_default(), result)
        });
        if let Ok(result) = done {
            return result;
        }
    }
    let update = update?;
    let used = state::Lock::acquire().and_then(|lock| {
        let path = lock.path(FILE);
        let mut book = read_book(&path)?;
        let name = book.fingerprint(destination);
        let now = now_millis();
        let track = book.destinations.entry(name).or_default();
        let result = update(track, now);
        // Tracks whose slots and pause are all past are forgotten, so the file stays small.
        book.destinations.retain(|_, t| {
            t.busy_until > now || t.marks.iter().any(|m| m.time(now) + IN_FLIGHT > now)
        });
        let bytes = serde_json::to_vec(&book).map_err(|e| e.to_string())?;
        crate::private_file::replace_volatile(&path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(result)
    });
    used.map_err(|e| printer.note(&format!("warning: pacing: {e}; sending unpaced")))
        .ok()
}

/// The pace book on disk. By the contract's file-trust rule it is a cache, not a ledger: losing it costs
/// at most a wait not taken (a busy reply still pushes the next slot back), while a planted one could hold
/// every send back or choose the key of the fingerprints. So one that is not the user's own (another
/// owner, writable by others, a symlink, a FIFO: opened without blocking) is ignored, a new book taking
/// its place when the directory is the user's own; in a directory that is not, nothing is read or
/// written and the send goes unpaced, warned with the fix. A corrupt book is a new one too.
fn read_book(path: &std::path::Path) -> Result<Book, String> {
    use std::io::Read;
    match crate::private_file::open_own(path) {
        Ok(None) => Ok(Book::default()),
        Ok(Some(mut file)) => {
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok(serde_json::from_slice(&bytes).unwrap_or_default())
        }
        Err(_) if path.parent().is_some_and(crate::private_file::dir_is_own) => Ok(Book::default()),
        Err(not_own) => Err(not_own.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pace(text: &str) -> Limit {
        crate::period::parse_limit(text).unwrap_or(per(1, 1))
    }

    fn times(track: &Track) -> Vec<u64> {
        let mut all: Vec<u64> = track.marks.iter().map(|m| m.at).collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn a_pace_lets_count_sends_through_then_spaces_them_by_the_period() {
        let paces = [pace("4/2s")];
        let mut track = Track::default();
        let waits: Vec<Slot> = (0..6)
            .map(|id| track.take(id, &paces, 1_000, Duration::from_secs(60)))
            .collect();
        assert_eq!(
            waits,
            [
                Slot::Taken(Duration::ZERO),
                Slot::Taken(Duration::ZERO),
                Slot::Taken(Duration::ZERO),
                Slot::Taken(Duration::ZERO),
                // 2 s after the first, plus the 100 ms margin.
                Slot::Taken(Duration::from_millis(2_100)),
                Slot::Taken(Duration::from_millis(2_100)),
            ]
        );
        // No window of 2 s holds more than 4 slots.
        assert!(times(&track).windows(5).all(|w| w[4] - w[0] >= 2_000));
    }

    #[test]
    fn a_send_that_went_out_late_holds_back_the_ones_after_it() {
        let paces = [pace("1/s")];
        let mut track = Track::default();
        assert_eq!(
            track.take(1, &paces, 0, Duration::from_secs(60)),
            Slot::Taken(Duration::ZERO)
        );
        assert_eq!(
            track.take(2, &paces, 0, Duration::from_secs(60)),
            Slot::Taken(Duration::from_millis(1_050))
        );
        // The first is still in flight at 1 050 ms: the robot may count it any moment.
        assert_eq!(
            track.confirm(2, &paces, 1_050, 60_000),
            Slot::Taken(Duration::from_millis(1_050))
        );
        // It ended at 1 200 ms: the second goes a second (and the margin) after that.
        track.done(1, 1_200);
        assert_eq!(
            track.confirm(2, &paces, 2_100, 60_000),
            Slot::Taken(Duration::from_millis(150))
        );
        assert_eq!(
            track.confirm(2, &paces, 2_250, 60_000),
            Slot::Taken(Duration::ZERO)
        );
        // Past the deadline it gives its place up.
        track.done(2, 2_300);
        assert_eq!(
            track.take(3, &paces, 2_300, Duration::from_secs(60)),
            Slot::Taken(Duration::from_millis(1_050))
        );
        track.done(2, 3_000);
        assert_eq!(
            track.confirm(3, &paces, 3_350, 3_500),
            Slot::TooFar(Duration::from_millis(700))
        );
        let left: Vec<u64> = track.marks.iter().map(|m| m.id).collect();
        assert_eq!(left, [2]);
    }

    #[test]
    fn a_burst_keeps_every_waiting_send_in_view() {
        let paces = [pace("4/2s")];
        let mut track = Track::default();
        for id in 0..12 {
            track.take(id, &paces, 0, Duration::from_secs(60));
        }
        assert_eq!(track.marks.len(), 12, "none is forgotten before it is sent");
        // The first went out late, at 1 s: the fifth, at its slot, waits for it, and the sixth after it.
        track.done(0, 1_000);
        for id in 1..4 {
            track.done(id, 10);
        }
        assert_eq!(
            track.confirm(4, &paces, 2_100, 60_000),
            Slot::Taken(Duration::from_secs(1))
        );
        assert_eq!(
            track.confirm(5, &paces, 2_100, 60_000),
            Slot::Taken(Duration::from_secs(1))
        );
    }

    #[test]
    fn a_slot_past_max_wait_is_not_taken() {
        let paces = [pace("1/m")];
        let mut track = Track::default();
        assert_eq!(
            track.take(1, &paces, 0, Duration::from_secs(10)),
            Slot::Taken(Duration::ZERO)
        );
        track.done(1, 0);
        assert_eq!(
            track.take(2, &paces, 5_000, Duration::from_secs(10)),
            Slot::TooFar(Duration::from_secs(58))
        );
        assert_eq!(track.marks.len(), 1);
    }

    #[test]
    fn every_pace_of_a_destination_holds() {
        let mut track = Track::default();
        let mut last = 0;
        for id in 0..120 {
            match track.take(id, FEISHU, 0, Duration::from_secs(600)) {
                Slot::Taken(wait) => last = wait.as_millis() as u64,
                Slot::TooFar(_) => unreachable!("600 s is enough for 120 sends"),
            }
        }
        let all = times(&track);
        assert!(all.windows(6).all(|w| w[5] - w[0] >= 1_000));
        assert!(all.windows(101).all(|w| w[100] - w[0] >= 60_000));
        assert!(
            last >= 60_000,
            "the 101st send waits past the minute: {last}"
        );
    }

    #[test]
    fn a_busy_reply_pauses_the_destination() {
        let mut track = Track::default();
        track.pause(10_000, busy_pause(DING, None));
        assert_eq!(track.next_slot(DING, 10_000, 0), 13_000);
        track.pause(10_000, busy_pause(DING, Some(Duration::from_secs(30))));
        assert_eq!(track.next_slot(DING, 10_000, 0), 40_000);
    }

    #[test]
    fn pruning_keeps_what_a_pace_can_still_see() {
        let paces = [pace("2/s")];
        let mark = |at| Mark {
            id: at,
            at,
            done: true,
        };
        let mut track = Track {
            marks: vec![mark(0), mark(100), mark(500), mark(900)],
            busy_until: 0,
        };
        track.prune(&paces, 1_120);
        assert_eq!(times(&track), [500, 900]);
    }

    #[test]
    fn settings_read_off_or_a_pace() {
        assert_eq!(Setting::parse("off"), Ok(Setting::Off));
        assert_eq!(Setting::parse("4/2s"), Ok(Setting::Fixed(pace("4/2s"))));
        assert!(Setting::parse("fast").is_err_and(|e| e.ends_with(", or off")));
    }

    #[test]
    fn a_fingerprint_is_keyed_and_holds_nothing_of_the_credential() {
        let robot = Destination::new("ding", "https://oapi.dingtalk.com", "token-123", DING);
        let one = fingerprint("k1", &robot);
        assert_eq!(one.len(), 32);
        assert_ne!(one, fingerprint("k2", &robot));
        assert!(!one.contains("token"));
    }
}
