//! A server's notifications' way out, kept apart from its HTTP replies: [`Courier::queue`] writes a
//! notification durably to the outbox (pinned to the notify channels' destination), and a thread of its
//! own ([`Courier::drain`]) sends the server's entries, oldest first, through the notify channel (then
//! each fallback). Any server kind (serve-ddns, serve) builds one and keeps the same rules:
//! - it takes only the entries it queued itself, for the destination its channels resolve to now: a CLI
//!   entry, or one queued by another configuration, is left to `sendmsg outbox flush`;
//! - a try is marked in the entry before it goes out, and one that went out without a complete reply is
//!   never sent again (logged; the history says `unconfirmed`), also when the process died during it;
//! - a transient failure that cannot have reached the service keeps it for another try after the outbox's
//!   backoff, until `--max-age`; a rejection drops it with a log line naming the service's code, and the
//!   history records it as `failed`.

use super::metrics::Metrics;
use super::routes::Notified;
use super::{Notifier, Shape};
use crate::error::Error;
use crate::outbox::{Claim, Destination, Entry, Gone, Key, Outbox};
use crate::output::Printer;
use std::collections::HashMap;
use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The longest sleep between two looks at the outbox (another process may add entries too).
const IDLE: u64 = 60;

/// Where a channel chain with some options goes, resolved once: the destination and its recipients, or
/// why it cannot be resolved.
type Pinned = Result<(Destination, Vec<String>), String>;

/// A channel chain and the options an entry is sent with.
type Shaped = (Vec<String>, Vec<String>);

/// One server's messages: where they go and the outbox they wait in.
pub(crate) struct Courier {
    outbox: Outbox,
    notifier: Arc<dyn Notifier>,
    /// The notify channel, then its fallbacks (empty: `--notify none`).
    channels: Vec<String>,
    key: Key,
    /// Where each (channels, options) an entry of this server's names goes with the settings of now.
    pins: Mutex<HashMap<Shaped, Pinned>>,
    /// The server kind, recorded in its entries and its log lines (`serve-ddns`, `serve`).
    queued_by: &'static str,
    printer: Printer,
    metrics: Arc<Metrics>,
    /// Wakes [`Courier::drain`] when an entry was queued; `None` once the server stops.
    wake: Mutex<Option<Sender<()>>>,
}

/// What a courier is built from.
pub(crate) struct Setup {
    pub outbox: Outbox,
    pub notifier: Arc<dyn Notifier>,
    pub channels: Vec<String>,
    pub key: Key,
    pub queued_by: &'static str,
    pub printer: Printer,
    pub metrics: Arc<Metrics>,
}

impl Courier {
    /// The courier and the receiving end its [`Courier::drain`] waits on.
    pub(crate) fn new(setup: Setup) -> (Courier, Receiver<()>) {
        let (wake, woken) = channel();
        let courier = Courier {
            outbox: setup.outbox,
            notifier: setup.notifier,
            channels: setup.channels,
            key: setup.key,
            pins: Mutex::new(HashMap::new()),
            queued_by: setup.queued_by,
            printer: setup.printer,
            metrics: setup.metrics,
            wake: Mutex::new(Some(wake)),
        };
        (courier, woken)
    }

    pub(crate) fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// The notify channels, comma-separated (empty for none).
    pub(crate) fn via(&self) -> String {
        self.channels.join(",")
    }

    /// Resolves the notify channels' destination now (at start): `Err` is a configuration error.
    pub(crate) fn pinned(&self) -> Result<(), Error> {
        if self.channels.is_empty() {
            return Ok(());
        }
        self.pin(&self.channels, &[])
            .map(drop)
            .map_err(|e| Error::Config(format!("{}: {e}", self.queued_by)))
    }

    /// Where `channels` with `options` go, with the settings of now (resolved once per server).
    fn pin(&self, channels: &[String], options: &[String]) -> Pinned {
        let mut pins = self.pins.lock().unwrap_or_else(PoisonError::into_inner);
        pins.entry((channels.to_vec(), options.to_vec()))
            .or_insert_with(|| {
                self.notifier
                    .pin(channels, options, &self.key)
                    .map_err(|e| e.to_string())
            })
            .clone()
    }

    /// Writes `entry` durably, pinned to where its channel (then fallbacks) and options go now, and wakes
    /// the delivery thread: its id.
    pub(crate) fn queue(&self, entry: Entry) -> io::Result<String> {
        let id = self.write(entry)?;
        self.wake();
        Ok(id)
    }

    /// Writes `entries` durably, all or none (a failure takes back the ones written, which the delivery
    /// thread has not been told of yet), then wakes the delivery thread once: their ids.
    pub(crate) fn queue_all(&self, entries: Vec<Entry>) -> io::Result<Vec<String>> {
        let mut ids = Vec::with_capacity(entries.len());
        for entry in entries {
            match self.write(entry) {
                Ok(id) => ids.push(id),
                Err(e) => {
                    for id in &ids {
                        self.take_back(id);
                    }
                    return Err(e);
                }
            }
        }
        self.wake();
        Ok(ids)
    }

    /// Writes `entry` durably, pinned to where its channel (then fallbacks) and options go now.
    fn write(&self, mut entry: Entry) -> io::Result<String> {
        let (destination, recipients) = self
            .pin(&chain(&entry), &entry.options)
            .map_err(io::Error::other)?;
        entry.queued_by = Some(self.queued_by.to_owned());
        entry.destination = Some(destination);
        entry.recipients = recipients;
        self.outbox.push(entry)
    }

    /// Queues `text` for the notify channels. `Err` says why it could not be written: the caller must
    /// not acknowledge what it reports.
    pub(crate) fn queue_text(&self, text: &str, now: u64) -> Result<Notified, String> {
        let Some((first, fallbacks)) = self.channels.split_first() else {
            return Ok(Notified::Off);
        };
        let mut entry = Entry::new(first, vec![text.to_owned()], now);
        entry.fallbacks = fallbacks.to_vec();
        let id = self.queue(entry).map_err(|e| {
            let reason = format!(
                "cannot write the outbox {}: {e}",
                self.outbox.dir().display()
            );
            self.log(&format!("error: {reason}"));
            reason
        })?;
        Ok(Notified::Queued {
            id,
            via: self.via(),
        })
    }

    /// Takes back an entry just written (of a batch that could not be queued whole).
    fn take_back(&self, id: &str) {
        if let Ok(Some(claim)) = self.outbox.claim(id) {
            let _ = claim.finish();
        }
    }

    /// Tells the delivery thread that entries were queued.
    pub(crate) fn wake(&self) {
        if let Some(wake) = &*self.wake.lock().unwrap_or_else(PoisonError::into_inner) {
            let _ = wake.send(());
        }
    }

    /// Sends `text` now through the notify channels in order until one takes it (`/api/send`).
    pub(crate) fn send_now(&self, text: &str) -> Notified {
        if self.channels.is_empty() {
            return Notified::Off;
        }
        match self.through(&self.channels, text, &Shape::default()) {
            Through::Sent(sent) => sent,
            Through::Failed { failed, .. } => Notified::Failed(failed),
        }
    }

    /// Tells [`Courier::drain`] to return once the entry it is sending is done.
    pub(crate) fn stop(&self) {
        self.wake
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }

    /// Whether an entry is this server's to send: queued by it, for where its channels and options go
    /// now.
    fn owns(&self, entry: &Entry) -> bool {
        entry.queued_by.as_deref() == Some(self.queued_by)
            && entry.destination.as_ref().is_some_and(|recorded| {
                self.pin(&chain(entry), &entry.options)
                    .is_ok_and(|(now, _)| now.seal == recorded.seal)
            })
    }

    /// Runs until [`Courier::stop`]: delivers every due entry of this server's, oldest first, then sleeps
    /// until the next one is due or a new one is queued.
    pub(crate) fn drain(&self, woken: &Receiver<()>, max_age: Duration) {
        let owns = |entry: &Entry| self.owns(entry);
        loop {
            loop {
                if crate::stop::requested() {
                    return;
                }
                let now = super::unix_now();
                match self.outbox.claim_due(now, &owns) {
                    Ok(Some(claim)) => self.attempt(claim, now, max_age),
                    Ok(None) => break,
                    Err(e) => {
                        self.log(&format!("error: cannot read the outbox: {e}"));
                        break;
                    }
                }
                if let Err(TryRecvError::Disconnected) = woken.try_recv() {
                    return;
                }
            }
            let next = self.outbox.next_due(&owns).ok().flatten();
            let wait = next.map_or(IDLE, |due| {
                due.saturating_sub(super::unix_now()).clamp(1, IDLE)
            });
            if let Err(RecvTimeoutError::Disconnected) =
                woken.recv_timeout(Duration::from_secs(wait))
            {
                return;
            }
        }
    }

    /// One try of one entry: each remaining part in turn; what is left stays in the outbox.
    fn attempt(&self, mut claim: Claim, now: u64, max_age: Duration) {
        let id = claim.entry.id.clone();
        if claim.abandoned() {
            claim.entry.record_gone(Gone::Abandoned, self.printer);
            self.metrics.failed(&claim.entry, "unconfirmed");
            self.log(&format!(
                "error: notification {id} was being sent when the server stopped: it may have been \
                 delivered; not resent"
            ));
            return self.finish(claim);
        }
        if claim.entry.expired(now, max_age) {
            claim
                .entry
                .record_gone(Gone::Expired(max_age), self.printer);
            self.metrics.failed(&claim.entry, "expired");
            self.log(&format!(
                "error: notification {id} expired after {} tries (older than --max-age); last error: {}",
                claim.entry.attempts,
                claim.entry.last_error.as_deref().unwrap_or("none")
            ));
            return self.finish(claim);
        }
        let (channels, shape) = (chain(&claim.entry), Shape::of(&claim.entry));
        while let Some(part) = claim.entry.parts.first().cloned() {
            if let Err(e) = claim.sending(&self.outbox, now) {
                self.log(&format!("error: cannot update the outbox: {e}"));
                return;
            }
            let failed = match self.through(&channels, &part, &shape) {
                Through::Sent(sent) => {
                    self.metrics.delivered(&claim.entry, super::unix_now());
                    self.log(&format!("notification {id}: {}", sent.describe()));
                    claim.entry.parts.remove(0);
                    if !claim.entry.parts.is_empty()
                        && let Err(e) = claim.progress(&self.outbox, now)
                    {
                        self.log(&format!("error: cannot update the outbox: {e}"));
                        return;
                    }
                    continue;
                }
                Through::Failed { failed, fate } => (Notified::Failed(failed).describe(), fate),
            };
            return self.failed(claim, failed, now);
        }
        self.finish(claim);
    }

    /// What a failed try leaves: a later try, or nothing (logged, and counted as a failure).
    fn failed(&self, claim: Claim, (outcome, fate): (String, Fate), now: u64) {
        let id = claim.entry.id.clone();
        match fate {
            Fate::Unsent => match claim.retry_later(&self.outbox, &outcome, now) {
                Ok(next) => self.log(&format!(
                    "notification {id}: {outcome}; next try in {}s",
                    next.saturating_sub(now)
                )),
                Err(e) => self.log(&format!("error: cannot update the outbox: {e}")),
            },
            Fate::Unconfirmed => {
                self.log(&format!(
                    "error: notification {id}: {outcome}; it may have been delivered: not resent"
                ));
                self.metrics.failed(&claim.entry, "unconfirmed");
                self.finish(claim);
            }
            Fate::Rejected => {
                self.log(&format!("error: notification {id} dropped: {outcome}"));
                self.metrics.failed(&claim.entry, "rejected");
                self.finish(claim);
            }
        }
    }

    /// Sends `text` through `channels` in order until one takes it. A try that may have been delivered
    /// ends it: no fallback gets the text then.
    fn through(&self, channels: &[String], text: &str, shape: &Shape) -> Through {
        let mut failed: Vec<(String, String)> = Vec::new();
        let mut fate = Fate::Rejected;
        for channel in channels {
            match self.notifier.send(channel, text, shape) {
                Ok(()) => {
                    let channel = channel.clone();
                    return Through::Sent(Notified::Sent { channel, failed });
                }
                Err(err) => {
                    // With its hint (a WeCom app's 60020: the trusted IP list).
                    self.printer.error(&err);
                    failed.push((channel.clone(), crate::secret::redact(&err.to_string())));
                    match err {
                        Error::Transient { .. } if err.never_sent() => fate = Fate::Unsent,
                        Error::Transient { .. } => {
                            return Through::Failed {
                                failed,
                                fate: Fate::Unconfirmed,
                            };
                        }
                        _ => {}
                    }
                }
            }
        }
        Through::Failed { failed, fate }
    }

    fn finish(&self, claim: Claim) {
        if let Err(e) = claim.finish() {
            self.log(&format!("error: cannot update the outbox: {e}"));
        }
    }

    fn log(&self, line: &str) {
        self.printer.note(&format!("{}: {line}", self.queued_by));
    }
}

/// An entry's channel, then its fallbacks.
fn chain(entry: &Entry) -> Vec<String> {
    std::iter::once(entry.channel.clone())
        .chain(entry.fallbacks.iter().cloned())
        .collect()
}

/// How sending a text through the channels ended.
enum Through {
    Sent(Notified),
    /// Every channel failed (channel, error); `fate` says what that means for the entry.
    Failed {
        failed: Vec<(String, String)>,
        fate: Fate,
    },
}

/// What a failed send means for the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// No channel can have received it, and one failed transiently: another try later.
    Unsent,
    /// It went out without a complete reply: it may have been delivered, never resent.
    Unconfirmed,
    /// Every channel refused it: dropped.
    Rejected,
}
